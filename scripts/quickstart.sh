#!/usr/bin/env bash
# One command from a fresh clone to results: installs what is missing, builds the release
# binary, and extracts the bundled GBK portal page of the seed notice to CSV and JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product gongwen
bin=$(swift build -c release --show-bin-path)/gongwen
mkdir -p out
"$bin" extract samples/seed-portal.gbk.html --format csv --bom --output out/seed-tasks.csv
"$bin" extract samples/seed-portal.gbk.html --output out/seed.json
"$bin" outline samples/seed-portal.gbk.html
echo
echo "wrote out/seed-tasks.csv ($(($(wc -l < out/seed-tasks.csv) - 1)) tasks) and out/seed.json"
