#!/usr/bin/env bash
# Seeds each target's working corpus (fuzz/corpus/<target>/, not committed) from the
# repository's own files: the fixtures for the text targets, the rule files and a sample
# config for `config`. Safe to re-run; libFuzzer adds what it finds next to the seeds.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for t in parse_article check markdown html config; do mkdir -p "corpus/$t"; done
for f in "$root"/fixtures/*/*; do
    name="$(basename "$(dirname "$f")")-$(basename "$f")"
    cp "$f" "corpus/parse_article/$name"
    case "$f" in
        *.md) cp "$f" "corpus/markdown/$name" ;;
        *.html) cp "$f" "corpus/html/$name" ;;
        *) cp "$f" "corpus/check/$name" ;;
    esac
done
# The front ends also see the other formats' files: a .txt is valid Markdown and HTML input.
cp corpus/check/* corpus/markdown/ && cp corpus/check/* corpus/html/
for f in "$root"/lints/*/*.toml; do
    cp "$f" "corpus/config/rule-$(basename "$(dirname "$f")")-$(basename "$f")"
done
sed -n '/^```toml$/,/^```$/p' "$root/README.md" | sed '1d;$d' > corpus/config/readme-config.toml
