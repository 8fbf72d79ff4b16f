#!/usr/bin/env bash
# Runs newslint's corpus mode as a Spark stage (scripts/spark/newslint_stage.py) in local
# mode on a few thousand generated articles, both ways (RDD.pipe and shipped binary), and
# checks that the output is what one direct `newslint --jsonl` run writes: one line per
# document, ids in input order, byte for byte the same (but for the line number in an error
# line, which Spark's processes count within their partition).
#
# Usage: bash scripts/spark/test_local.sh [--docs N] [--partitions N] [WORK_DIR]
#
#   WORK_DIR        where pyspark, the corpus and the outputs go (default /tmp/newslint-spark);
#                   pyspark is installed into WORK_DIR/spark-venv once, never into the repo
#   --docs N        documents to run (default 3000, at most 10,000)
#   --partitions N  Spark input partitions (default 4)
#
# Needs: cargo, python3 with venv/pip, and Java 17 or later (Spark 4).
# Not part of CI: pyspark is a 400 MB download.
set -euo pipefail

docs=3000
partitions=4
work=/tmp/newslint-spark
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) docs=$2; shift 2 ;;
        --partitions) partitions=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '/^set -euo/d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) work=$1; shift ;;
    esac
done

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
mkdir -p "$work"
work=$(cd "$work" && pwd)
say() { printf '\n== %s\n' "$*"; }

say "building newslint and the corpus generator (release)"
cargo build --release --quiet --bin newslint --example gen_corpus
bin=$repo/target/release/newslint

venv=$work/spark-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyspark' 2> /dev/null; then
    say "installing pyspark into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark
fi
"$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'
java -version 2>&1 | head -n 1

say "input: $docs articles as JSONL, with a blank line, a line that is not JSON and one without text"
if [ ! -s "$work/corpus/many.jsonl" ]; then
    "$repo/target/release/examples/gen_corpus" "$work/corpus" > /dev/null
fi
input=$work/input.jsonl
{
    sed -n "1,$((docs / 2))p" "$work/corpus/many.jsonl"
    echo
    echo 'this line is not JSON'
    echo '{"id": "no-text", "body": "the text field is missing"}'
    sed -n "$((docs / 2 + 1)),${docs}p" "$work/corpus/many.jsonl"
} > "$input"
wc -l < "$input"

say "direct: newslint --jsonl (the reference)"
status=0
"$bin" --isolated --jsonl "$input" --fail-on never > "$work/direct.jsonl" || status=$?
echo "exit $status (2: some lines could not be read, as planted)"
[ "$status" = 2 ] || { echo "expected exit 2" >&2; exit 1; }

for mode in pipe ship; do
    say "Spark local[2], --mode $mode, $partitions partitions"
    rm -rf "$work/out-$mode"
    started=$(date +%s)
    "$venv/bin/python" scripts/spark/newslint_stage.py "$input" "$work/out-$mode" \
        --newslint "$bin" --mode "$mode" --partitions "$partitions" --master 'local[2]' \
        2> "$work/spark-$mode.log" || { tail -n 30 "$work/spark-$mode.log" >&2; exit 1; }
    echo "done in $(($(date +%s) - started)) s, including Spark's start-up"
    grep 'newslint stage' "$work/spark-$mode.log"
done

say "a binary that answers nothing must fail the job (/bin/false as newslint), both modes"
sed -n '1,50p' "$input" > "$work/small.jsonl"
for mode in pipe ship; do
    rm -rf "$work/out-false-$mode"
    if "$venv/bin/python" scripts/spark/newslint_stage.py "$work/small.jsonl" "$work/out-false-$mode" \
        --newslint /bin/false --mode "$mode" --partitions 2 --master 'local[2]' 2> "$work/spark-false-$mode.log"; then
        echo "--mode $mode: the job succeeded with /bin/false" >&2
        exit 1
    fi
    echo "--mode $mode: failed as it should: $(grep -E 'newslint (stage|exited)' "$work/spark-false-$mode.log" | head -n 1 | cut -c 1-160)"
done

say "checking the outputs against the input and the direct run"
"$venv/bin/python" - "$input" "$work/direct.jsonl" "$work/out-pipe" "$work/out-ship" << 'EOF'
import glob
import json
import os
import sys

input_path, direct_path, *outs = sys.argv[1:]
with open(input_path, encoding="utf-8") as f:
    inputs = [line.rstrip("\n") for line in f if line.strip()]
expected_ids = []
for line in inputs:
    try:
        expected_ids.append(json.loads(line).get("id"))
    except ValueError:
        expected_ids.append(None)
with open(direct_path, encoding="utf-8") as f:
    direct = f.read().splitlines()

def ids(lines):
    return [json.loads(line)["id"] for line in lines]

def comparable(line):
    # An error line's "line" counts within what one newslint process read: the partition
    # in Spark, the whole file in the direct run. Everything else must be byte-identical.
    value = json.loads(line)
    if "error" in value:
        value.pop("line", None)
        return json.dumps(value, sort_keys=True)
    return line

assert len(direct) == len(inputs), (len(direct), len(inputs))
assert ids(direct) == expected_ids, "direct run: ids differ from the input"
failed = False
for out in outs:
    parts = sorted(glob.glob(os.path.join(out, "part-*")))
    lines = []
    for part in parts:
        with open(part, encoding="utf-8") as f:
            lines += f.read().splitlines()
    same_ids = ids(lines) == expected_ids
    same_set = sorted(map(comparable, lines)) == sorted(map(comparable, direct))
    same_order = list(map(comparable, lines)) == list(map(comparable, direct))
    errors = sum("error" in json.loads(line) for line in lines)
    findings = sum(len(json.loads(line).get("diagnostics", [])) for line in lines)
    print(f"{os.path.basename(out)}: {len(parts)} parts, {len(lines)} lines for {len(inputs)} input documents;"
          f" {errors} error lines, {findings} findings; ids match the input: {same_ids};"
          f" same lines as the direct run (error lines' line numbers aside): {same_set};"
          f" in the same order: {same_order}")
    failed |= not (len(lines) == len(inputs) and same_ids and same_set)
print(f"direct: {len(direct)} lines")
sys.exit(1 if failed else 0)
EOF
echo "OK"
