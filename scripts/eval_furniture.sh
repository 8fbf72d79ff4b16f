#!/usr/bin/env bash
# Scores the furniture rules on the development pages (../shared/dev/furniture) with the
# dev set's own scorer, with and without its ambiguous lines, and near the article body.
# Usage: bash scripts/eval_furniture.sh [path/to/newslint] [path/to/shared]
set -euo pipefail
bin=${1:-target/release/newslint}
shared=${2:-../shared}
out=$(mktemp)
"$bin" --isolated --format json --fail-on never "$shared"/dev/furniture/*.txt > "$out"
score="$shared/dev/score_furniture.py"
python3 "$score" "$out" --rule-regex furniture
python3 "$score" "$out" --rule-regex furniture --ignore-ambiguous all
python3 "$score" "$out" --rule-regex furniture --near-body 5
rm -f "$out"
