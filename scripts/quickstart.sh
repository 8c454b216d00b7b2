#!/usr/bin/env bash
# One command from a fresh clone to results: installs what is missing, builds the release
# binary, extracts the bundled GBK portal page of the seed notice to CSV and JSON, and writes
# the per-unit HTML report and the calendar of its tasks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product gongwen
bin=$(swift build -c release --show-bin-path)/gongwen
mkdir -p out
"$bin" extract samples/seed-portal.gbk.html --format csv --bom --output out/seed-tasks.csv
"$bin" extract samples/seed-portal.gbk.html --output out/seed.json
"$bin" outline samples/seed-portal.gbk.html
# What a supervision office reads: tasks by unit as of a day, as a calendar and as a page.
"$bin" report out/seed.json --as-of 2017-10-01 --gazetteer samples/gazetteer.yaml --output out/seed-report.html
"$bin" calendar out/seed.json --output out/seed-tasks.ics
echo
echo "wrote out/seed-tasks.csv ($(($(wc -l < out/seed-tasks.csv) - 1)) tasks), out/seed.json,"
echo "out/seed-report.html (open it in a browser) and out/seed-tasks.ics (import it into a calendar)"
