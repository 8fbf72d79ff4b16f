#!/usr/bin/env bash
# Compares newslint binaries on one input: runs them alternately, RUNS times each, and
# prints the median and fastest wall, user and system time of each, after checking that
# they print the same findings.
#
# Usage: bash scripts/bench/compare.sh [--runs N] FILE BINARY...
#
#   FILE      the input (e.g. the bench corpus's one-100mb.txt)
#   BINARY    two or more newslint binaries (e.g. a copy of the last build, and this one)
#   --runs N  runs of each binary (default 11)
#
# Why alternately: on a shared or virtual machine the speed changes from minute to minute
# (`wc -w` on the 100 MB file took 0.50 to 0.74 s within one session), so timing one
# binary and then the other measures the machine as much as the change. User and system
# time are shown apart: a change can move time from one to the other (huge pages did).
# Each run is `--isolated --format concise --fail-on never --threads 1`.
#
# Needs GNU time (/usr/bin/time).
set -euo pipefail

runs=11
if [[ ${1:-} == --runs ]]; then
    runs=$2
    shift 2
fi
if [[ $# -lt 3 ]]; then
    sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
file=$1
shift
bins=("$@")
args=(--isolated --format concise --fail-on never --threads 1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Same findings first: a faster binary that finds something else is not comparable.
"${bins[0]}" "${args[@]}" "$file" >"$work/expected"
for bin in "${bins[@]:1}"; do
    if ! "$bin" "${args[@]}" "$file" | cmp -s - "$work/expected"; then
        echo "$bin prints other findings than ${bins[0]} on $file" >&2
        exit 1
    fi
done

for ((run = 0; run < runs; run++)); do
    for i in "${!bins[@]}"; do
        /usr/bin/time -f "%e %U %S" -o "$work/time" "${bins[$i]}" "${args[@]}" "$file" >/dev/null
        echo "$i $(cat "$work/time")" >>"$work/times"
    done
done

# Median and minimum of column $2 for binary $1.
median_min() {
    awk -v i="$1" -v c="$2" '$1 == i { print $c }' "$work/times" | sort -g |
        awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f", m, v[1] }'
}

echo "$runs runs each, alternately, on $file (same findings: yes)"
printf '%-40s %15s %15s %15s\n' binary "wall med/min s" "user med/min s" "sys med/min s"
for i in "${!bins[@]}"; do
    read -r wall_med wall_min <<<"$(median_min "$i" 2)"
    read -r user_med user_min <<<"$(median_min "$i" 3)"
    read -r sys_med sys_min <<<"$(median_min "$i" 4)"
    printf '%-40s %7s/%-7s %7s/%-7s %7s/%-7s\n' "${bins[$i]}" \
        "$wall_med" "$wall_min" "$user_med" "$user_min" "$sys_med" "$sys_min"
done
