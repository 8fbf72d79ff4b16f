#!/usr/bin/env python3
"""Measures the spin rules on the development data (not shipped with the project).

    python3 scripts/eval_spin.py [--bin target/release/newslint] [--shared ../shared]

Prints: recall per kind on dev/spin/seed001-substitutions.tsv (a gold row counts as caught
when any spin or placeholder diagnostic overlaps it), diagnostics that overlap no gold row,
spin diagnostics on the body lines of dev/furniture per 10,000 body words, the spin density
of every dev page and clean fixture, and whether the spun-article verdict fired on any.
"""
import argparse, collections, csv, json, os, re, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="target/release/newslint")
ap.add_argument("--shared", default="../shared")
ap.add_argument("--show-missed", action="store_true")
args = ap.parse_args()


def lint(paths, select="spin,placeholder"):
    out = subprocess.run([args.bin, "--isolated", "--select", select, "--format", "json", "--fail-on", "never", *paths],
                         capture_output=True, text=True)
    return json.loads(out.stdout)


seed = os.path.join(args.shared, "seeds", "001_e13a3b7c56156678.txt")
gold = list(csv.DictReader(open(os.path.join(args.shared, "dev/spin/seed001-substitutions.tsv")), delimiter="\t"))
diags = [d for d in lint([seed]) if d["rule"] != "spin/spun-article"]
spans = [(d["span"]["start"], d["span"]["end"], d["rule"]) for d in diags]
total, hit, missed = collections.Counter(), collections.Counter(), collections.defaultdict(list)
for r in gold:
    s, e = int(r["byte_start"]), int(r["byte_end"])
    total[r["kind"]] += 1
    if any(a < e and s < b for a, b, _ in spans):
        hit[r["kind"]] += 1
    else:
        missed[r["kind"]].append(f'{r["spun"]} -> {r["original"]}')
print("recall on seed001-substitutions.tsv")
for kind in ["entity", "idiom", "function", "word", "placeholder"]:
    print(f"  {kind:12} {hit[kind]:4} / {total[kind]:<4} {100 * hit[kind] / max(total[kind], 1):5.1f}%")
ent_idiom = (hit["entity"] + hit["idiom"]) / (total["entity"] + total["idiom"])
print(f"  entity+idiom {100 * ent_idiom:.1f}%")
raw = open(seed, "rb").read()
stray = [(r, raw[a:b].decode()) for a, b, r in spans
         if not any(int(g["byte_start"]) < b and a < int(g["byte_end"]) for g in gold)]
print(f"diagnostics on seed 001 overlapping no gold row: {len(stray)} of {len(spans)}", stray[:10])
if args.show_missed:
    for kind, rows in missed.items():
        print(f"  missed {kind}: {rows}")

dev = os.path.join(args.shared, "dev/furniture")
labels = {}
for line in open(os.path.join(dev, "labels.jsonl")):
    o = json.loads(line)
    labels[(o["file"], o["line"])] = o["label"]
words = 0
for (f, n), lab in labels.items():
    if lab == "body":
        words += len(re.findall(r"\w+", open(os.path.join(dev, f)).read().split("\n")[n - 1]))
pages = sorted(os.path.join(dev, f) for f in os.listdir(dev) if f.endswith(".txt"))
dev_diags = lint(pages, "spin")
body_hits = [d for d in dev_diags
             if any(labels.get((os.path.basename(d["path"]), n)) == "body" for n in range(d["line"], d["end_line"] + 1))]
print(f"dev/furniture body lines: {len(body_hits)} spin diagnostics in {words} body words "
      f"= {len(body_hits) * 10000 / words:.2f} per 10,000 words")
for d in body_hits:
    print("   ", d["path"], d["line"], d["rule"], d["message"][:90])
verdicts = [d for d in dev_diags if d["rule"] == "spin/spun-article"]
print(f"spun-article verdicts on {len(pages)} dev pages: {len(verdicts)}")
clean_dir = "fixtures/clean"
clean = sorted(os.path.join(clean_dir, f) for f in os.listdir(clean_dir))
clean_diags = lint(clean, "spin")
print(f"spin diagnostics on {len(clean)} clean fixtures: {len(clean_diags)}")
