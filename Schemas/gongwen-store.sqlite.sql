-- The tables `gongwen store` keeps (sqlite), migration by migration.
-- Generated from Sources/GongwenStore/StoreSchema.swift; a test keeps the two the same.

-- 1: notices, versions, parts, tasks, units, deadlines, events
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    notice_key TEXT NOT NULL UNIQUE,
    document_number TEXT,
    title TEXT,
    issuer TEXT,
    signed_on TEXT,
    published_on TEXT,
    work_year INTEGER,
    latest_version_id INTEGER
);
CREATE TABLE notice_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    version INTEGER NOT NULL,
    source_sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_url TEXT,
    source_format TEXT NOT NULL,
    source_encoding TEXT NOT NULL,
    generator TEXT NOT NULL,
    task_count INTEGER NOT NULL,
    stored_at TEXT NOT NULL,
    UNIQUE (notice_id, version)
);
CREATE TABLE parts (
    version_id INTEGER NOT NULL REFERENCES notice_versions(id),
    attachment INTEGER NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (version_id, attachment)
);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    task_key TEXT NOT NULL,
    current_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'removed')),
    position INTEGER NOT NULL,
    number TEXT,
    section_path TEXT NOT NULL,
    attachment INTEGER NOT NULL,
    text TEXT NOT NULL,
    layout TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    added_in INTEGER NOT NULL REFERENCES notice_versions(id),
    last_seen_in INTEGER NOT NULL REFERENCES notice_versions(id),
    UNIQUE (notice_id, task_key)
);
CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    position INTEGER NOT NULL,
    printed TEXT NOT NULL,
    canonical TEXT,
    canonical_id TEXT,
    role TEXT NOT NULL CHECK (role IN ('lead', 'support', 'responsible')),
    open_list INTEGER NOT NULL,
    PRIMARY KEY (task_id, position)
);
CREATE TABLE deadlines (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id),
    raw TEXT NOT NULL,
    kind TEXT NOT NULL,
    due_on TEXT,
    milestones TEXT NOT NULL
);
CREATE TABLE task_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    version_id INTEGER NOT NULL REFERENCES notice_versions(id),
    event TEXT NOT NULL CHECK (event IN ('added', 'changed', 'removed')),
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    stored_at TEXT NOT NULL
);
CREATE INDEX tasks_by_notice ON tasks (notice_id, status, position);
CREATE INDEX units_by_printed ON task_units (printed);
CREATE INDEX units_by_canonical ON task_units (canonical);
CREATE INDEX deadlines_by_due ON deadlines (due_on);
CREATE INDEX events_by_time ON task_events (stored_at);
CREATE INDEX events_by_task ON task_events (task_id);
CREATE INDEX versions_by_notice ON notice_versions (notice_id);
