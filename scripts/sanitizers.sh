#!/usr/bin/env bash
# Runs the whole test suite under a sanitizer, in its own build folder.
#
#   scripts/sanitizers.sh address     AddressSanitizer (+ LeakSanitizer)
#   scripts/sanitizers.sh thread      ThreadSanitizer (the batch tests run 2 and 4 jobs)
#
# The CLI tests launch the gongwen binary from the same build folder, so the batch runs under
# the same sanitizer. Leak reports from the runtime libraries' own objects (Foundation's
# Process, XCTest) are suppressed by Tests/lsan-suppressions.txt; anything else fails.
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizer=${1:?usage: scripts/sanitizers.sh address|thread}
case "$sanitizer" in address) scratch=.build-asan ;; thread) scratch=.build-tsan ;; *) scratch=".build-$sanitizer" ;; esac
swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
export LSAN_OPTIONS="suppressions=$PWD/Tests/lsan-suppressions.txt:print_suppressions=0"
export TSAN_OPTIONS="halt_on_error=1"
swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch"
