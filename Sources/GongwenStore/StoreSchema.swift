/// The store's tables, as numbered migrations (`Schemas/gongwen-store.sqlite.sql` and
/// `Schemas/gongwen-store.postgres.sql` are their scripts, for reading).
///
/// Each migration runs once, in its own transaction, and is recorded in `gongwen_schema`; a
/// database whose schema is newer than this tool is refused rather than written. The SQL is
/// written once for both databases: `{id}` is the key column of each dialect, and only types
/// both share are used (text and integers; days as `YYYY-MM-DD`, instants as ISO 8601 UTC).
public enum StoreSchema {
    struct Migration {
        var version: Int
        var name: String
        var statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "notices, versions, parts, tasks, units, deadlines, events",
            statements: [
                """
                CREATE TABLE notices (
                    id {id},
                    notice_key TEXT NOT NULL UNIQUE,
                    document_number TEXT,
                    title TEXT,
                    issuer TEXT,
                    signed_on TEXT,
                    published_on TEXT,
                    work_year INTEGER,
                    latest_version_id {ref}
                )
                """,
                """
                CREATE TABLE notice_versions (
                    id {id},
                    notice_id {ref} NOT NULL REFERENCES notices(id),
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
                )
                """,
                """
                CREATE TABLE parts (
                    version_id {ref} NOT NULL REFERENCES notice_versions(id),
                    attachment INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    PRIMARY KEY (version_id, attachment)
                )
                """,
                """
                CREATE TABLE tasks (
                    id {id},
                    notice_id {ref} NOT NULL REFERENCES notices(id),
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
                    added_in {ref} NOT NULL REFERENCES notice_versions(id),
                    last_seen_in {ref} NOT NULL REFERENCES notice_versions(id),
                    UNIQUE (notice_id, task_key)
                )
                """,
                """
                CREATE TABLE task_units (
                    task_id {ref} NOT NULL REFERENCES tasks(id),
                    position INTEGER NOT NULL,
                    printed TEXT NOT NULL,
                    canonical TEXT,
                    canonical_id TEXT,
                    role TEXT NOT NULL CHECK (role IN ('lead', 'support', 'responsible')),
                    open_list INTEGER NOT NULL,
                    PRIMARY KEY (task_id, position)
                )
                """,
                """
                CREATE TABLE deadlines (
                    task_id {ref} PRIMARY KEY REFERENCES tasks(id),
                    raw TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    due_on TEXT,
                    milestones TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE task_events (
                    id {id},
                    task_id {ref} NOT NULL REFERENCES tasks(id),
                    version_id {ref} NOT NULL REFERENCES notice_versions(id),
                    event TEXT NOT NULL CHECK (event IN ('added', 'changed', 'removed')),
                    field TEXT,
                    old_value TEXT,
                    new_value TEXT,
                    stored_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX tasks_by_notice ON tasks (notice_id, status, position)",
                "CREATE INDEX units_by_printed ON task_units (printed)",
                "CREATE INDEX units_by_canonical ON task_units (canonical)",
                "CREATE INDEX deadlines_by_due ON deadlines (due_on)",
                "CREATE INDEX events_by_time ON task_events (stored_at)",
                "CREATE INDEX events_by_task ON task_events (task_id)",
                "CREATE INDEX versions_by_notice ON notice_versions (notice_id)",
            ])
    ]

    public static var currentVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// A statement in the dialect's words.
    static func sql(_ template: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            template.replacingOccurrences(of: "{id}", with: "INTEGER PRIMARY KEY AUTOINCREMENT")
                .replacingOccurrences(of: "{ref}", with: "INTEGER")
        case .postgres:
            template.replacingOccurrences(of: "{id}", with: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                .replacingOccurrences(of: "{ref}", with: "BIGINT")
        }
    }

    /// Every migration as one SQL script in the dialect's words, each headed by its version:
    /// `Schemas/gongwen-store.sqlite.sql` and `Schemas/gongwen-store.postgres.sql`.
    public static func script(_ dialect: SQLDialect) -> String {
        var text = "-- The tables `gongwen store` keeps (\(dialect.rawValue)), migration by migration.\n"
        text += "-- Generated from Sources/GongwenStore/StoreSchema.swift; a test keeps the two the same.\n"
        for migration in migrations {
            text += "\n-- \(migration.version): \(migration.name)\n"
            for statement in migration.statements { text += sql(statement, dialect) + ";\n" }
        }
        return text
    }

    /// Brings the database to the current version; returns the migrations applied.
    static func migrate(_ database: any StoreDatabase, now: String) async throws -> [Int] {
        try await database.transaction { session in
            try session.lock("gongwen-schema")
            try session.execute(
                "CREATE TABLE IF NOT EXISTS gongwen_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                [])
            let applied = Set(try session.query("SELECT version FROM gongwen_schema", []).compactMap { $0.first?.integer })
            if let newest = applied.max(), newest > currentVersion {
                throw StoreError(
                    "the database has schema version \(newest), newer than this gongwen's \(currentVersion): upgrade gongwen")
            }
            var done: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements { try session.execute(sql(statement, session.dialect), []) }
                try session.execute(
                    "INSERT INTO gongwen_schema (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(migration.version), .text(migration.name), .text(now)])
                done.append(migration.version)
            }
            return done
        }
    }
}
