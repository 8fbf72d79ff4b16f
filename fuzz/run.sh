#!/usr/bin/env bash
# Runs one fuzz target for a wall time and prints the figures fuzz/README.md records.
#   fuzz/run.sh TARGET [SECONDS]      (default 480 s; one target at a time on a shared box)
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). cargo-fuzz passes nightly-only
# flags, so on a stable toolchain RUSTC_BOOTSTRAP=1 lets it build. No sanitizer: the
# library's only `unsafe` is the word map's SSE2 intrinsics (fuzz/README.md), and without
# ASan the targets run several times faster; debug assertions and overflow checks stay on
# (cargo-fuzz's default without -O).
set -euo pipefail
cd "$(dirname "$0")"
target="$1"
seconds="${2:-480}"
# The linting targets lint and fix every input several times (tens of ms for a whole
# fixture): inputs are capped at 2 KiB so the fuzzer tries more of them.
case "$target" in
    config) dict=toml max_len=0 ;;
    html | markdown) dict="$target" max_len=2048 ;;
    check) dict=text max_len=2048 ;;
    *) dict=text max_len=0 ;;
esac
[ -d "corpus/$target" ] || ./seed.sh
mkdir -p logs
log="logs/$target.log"
RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -dict="dicts/$dict.dict" -max_len="$max_len" \
    -print_final_stats=1 >"$log" 2>&1 && status=0 || status=$?
grep -E '^#[0-9]+.*(cov|DONE)' "$log" | tail -1
grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb' "$log" || true
grep -E 'panicked|deadly signal|Test unit written|ERROR: libFuzzer' "$log" | head -5 || true
echo "exit status: $status (log: fuzz/$log)"
exit "$status"
