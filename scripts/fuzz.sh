#!/usr/bin/env bash
# Runs the cargo-fuzz targets (fuzz/): the CSV importer, the Excel importer
# and the assessment (.ron) loader, each seeded with the bad-input corpus.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 600 s, all three)
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain the
# sanitizer flags are allowed through RUSTC_BOOTSTRAP=1. Not part of CI.
# A crash is saved under fuzz/artifacts/<target>/ and the run goes on (fork
# mode); turn each into a corpus case or a file in tests/fuzz-regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"; shift || true
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(import_csv import_excel import_xls import_ods load_assessment)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for t in "${targets[@]}"; do
  seeds="fuzz/corpus/$t"; mkdir -p "$seeds"
  case "$t" in
    import_csv) find tests/corpus -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' \) -size -200k -exec cp -t "$seeds" {} + ;;
    import_excel) find tests/corpus -type f \( -name '*.xlsx' -o -name '*.xls' -o -name '*.ods' \) -exec cp -t "$seeds" {} + ;;
    import_xls) find tests/corpus tests/fuzz-seeds -type f -name '*.xls' -exec cp -t "$seeds" {} + ;;
    import_ods) find tests/corpus tests/fuzz-seeds -type f -name '*.ods' -exec cp -t "$seeds" {} + ;;
    load_assessment) cp sample-data/darfur-transition.ron "$seeds/"; find tests/corpus -name '*.ron' -exec cp -t "$seeds" {} + ;;
  esac
  echo "== $t for ${secs}s ($(ls "$seeds" | wc -l) seeds)"
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -fork=1 -ignore_ooms=1 -ignore_crashes=1 -ignore_timeouts=1 -detect_leaks=0 -print_final_stats=1 2>&1) \
    | grep -E '^(#[0-9]+ +(DONE|INITED)|#[0-9]+: .*oom/timeout/crash|INFO: (exiting|fuzzed)|stat::|==[0-9]+==|SUMMARY|.*panicked|Test unit written|artifact)' || true
done
