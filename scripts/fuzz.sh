#!/usr/bin/env bash
# Fuzzes the whole pipeline with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
#
# Seeds: samples/, the office fixtures (DOCX, XLSX, PDF word boxes), Tests/Fuzz/regressions/ (every crash ever found), plus ../shared/corpus
# pages when present. New interesting inputs go to .build-fuzz/corpus (ignored by git); a crash
# writes crash-* into .build-fuzz/ — copy it to Tests/Fuzz/regressions/ with a name that says
# what it exercises, fix the bug, and rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
swift build --package-path Fuzz --scratch-path .build-fuzz -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g >/dev/null
bin=$(swift build --package-path Fuzz --scratch-path .build-fuzz -c release --show-bin-path)/gongwen-fuzz
mkdir -p .build-fuzz/corpus .build-fuzz/seeds
cp samples/*.txt samples/*.html .build-fuzz/seeds/
# Office containers (the ZIP and OOXML readers) and the word boxes of the PDF fixtures.
cp Tests/Fixtures/office/*.docx Tests/Fixtures/office/*.xlsx .build-fuzz/seeds/
if command -v pdftotext >/dev/null; then
    for pdf in Tests/Fixtures/office/*.pdf; do pdftotext -tsv "$pdf" ".build-fuzz/seeds/$(basename "$pdf").tsv"; done
fi
if [[ -d Tests/Fuzz/regressions ]]; then cp Tests/Fuzz/regressions/* .build-fuzz/seeds/ 2>/dev/null || true; fi
if [[ -d ../shared/corpus ]]; then cp ../shared/corpus/html/* ../shared/corpus/text/* .build-fuzz/seeds/; fi
cd .build-fuzz
"$bin" corpus seeds -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$@"
