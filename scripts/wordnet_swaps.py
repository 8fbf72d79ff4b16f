#!/usr/bin/env python3
"""Lists WordNet synonyms of the words in spin/fixed-expression as candidate swaps.

An article spinner replaces words with entries from a thesaurus. This script plays the
thesaurus: for every word that appears in the `expressions` of
`lints/spin/fixed-expression.toml` (function words such as "of" and "the" left out), it
looks the word up in Princeton WordNet 3.0 (all senses; nouns, verbs, adjectives and
adverbs), collects the other lemmas of each synset it belongs to (single- and multi-word,
e.g. court -> tribunal, judicature, royal court; proper names such as "Margaret Court" are
skipped), and prints those that the rule's `swaps` does not list yet, as TSV:

    word<TAB>candidate<TAB>senses

`senses` names the senses that produced the candidate as POS letter + sense number, most
frequent sense first (n1 = the word's commonest noun sense), e.g. `n1,n4,v2`. Rows are
grouped by word, candidates ordered by their best sense, which is roughly the order a
thesaurus-driven spinner would offer them. Inflected words are lemmatised with WordNet's
own rules and exception lists (officials -> official) and regular plurals and -ed/-ing
forms are put back on the candidate (officials -> functionaries), so check those by eye.

Run it with Debian's WordNet database installed (`apt-get install wordnet-base`, files in
/usr/share/wordnet); standard library only, no nltk:

    python3 scripts/wordnet_swaps.py > /tmp/candidates.tsv  # every expression word
    python3 scripts/wordnet_swaps.py --word court --word health
    python3 scripts/wordnet_swaps.py --unswapped            # only words with no swaps entry yet
    python3 scripts/wordnet_swaps.py --max 8                # at most 8 candidates per word

The output is a list of CANDIDATES for a human to curate, not data the linter reads at run
time. Most WordNet synonyms are not what spinners actually write and many would be ordinary
English inside an expression ("power" for energy); a person picks the few that are real
spinner output, adds them to `[data.swaps]`, and reviews the generated variants with
`newslint variants spin/fixed-expression`, moving any that are legitimate prose to `except`.
"""
import argparse
import collections
import os
import re
import signal
import sys
import tomllib

POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Words a spinner leaves alone (and WordNet knows only as letters or abbreviations).
FUNCTION_WORDS = set("""a an the of and or but for nor on in into onto to at by from with without as
than that this these those it its his her their our your my he she they we you i not no be is are
was were been has have had do does did will would can could may might shall should must so""".split())
# WordNet's morphy detachment rules (suffix, replacement) per part of speech.
RULES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
          ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


def load_index(wn, pos):
    """lemma -> list of synset offsets, in sense-frequency order."""
    index = {}
    with open(os.path.join(wn, "index." + POS[pos]), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma, synset_cnt, p_cnt = parts[0], int(parts[2]), int(parts[3])
            index[lemma] = parts[6 + p_cnt:6 + p_cnt + synset_cnt]
    return index


def load_exceptions(wn, pos):
    exc = collections.defaultdict(list)
    path = os.path.join(wn, POS[pos] + ".exc")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                for base in parts[1:]:
                    exc[parts[0]].append(base)
    return exc


def synset_lemmas(data_file, offset):
    """The lemmas of the synset at byte `offset` of a data.* file (an open binary file)."""
    data_file.seek(int(offset))
    parts = data_file.readline().decode("utf-8").split()
    w_cnt = int(parts[3], 16)
    words = parts[4:4 + 2 * w_cnt:2]
    # Adjective lemmas may carry a syntactic marker: "galore(ip)".
    return [re.sub(r"\(\w+\)$", "", w) for w in words]


def is_proper(lemma):
    """WordNet spells names of people, places and institutions with capitals."""
    return any(part[:1].isupper() for part in re.split(r"[_\- ]", lemma))


def morphy(word, pos, index, exc):
    """Base forms of `word` as `pos`, with how the word was inflected ('' if not)."""
    found = []
    if word in index:
        found.append((word, ""))
    for base in exc.get(word, []):
        if base in index and base != word:
            found.append((base, "exc"))
    for suffix, repl in RULES[pos]:
        if word.endswith(suffix) and len(word) > len(suffix):
            base = word[: len(word) - len(suffix)] + repl
            if base in index and base != word and all(b != base for b, _ in found):
                found.append((base, suffix))
    return found


def pluralize(phrase):
    words = phrase.split(" ")
    w = words[-1]
    if re.search(r"(s|x|z|ch|sh)$", w):
        w += "es"
    elif re.search(r"[^aeiou]y$", w):
        w = w[:-1] + "ies"
    elif w.endswith("man"):
        w = w[:-3] + "men"
    else:
        w += "s"
    return " ".join(words[:-1] + [w])


def inflect_verb(phrase, suffix):
    words = phrase.split(" ")
    w = words[0]
    if suffix == "ed" and re.search(r"[^aeiou]y$", w):
        w = w[:-1] + "ied"
    elif suffix in ("ed", "ing"):
        stem = w[:-1] if w.endswith("e") and not w.endswith("ee") else w
        w = stem + suffix
    elif suffix in ("s", "es", "ies"):
        w = pluralize(w)
    return " ".join([w] + words[1:])


def candidates(word, wn_index, wn_exc, data_files):
    """candidate -> list of sense labels ("n1", "v3") for one expression word."""
    out = collections.OrderedDict()
    for pos in "nvar":
        for base, how in morphy(word, pos, wn_index[pos], wn_exc[pos]):
            for sense, offset in enumerate(wn_index[pos][base], 1):
                for lemma in synset_lemmas(data_files[pos], offset):
                    if is_proper(lemma):
                        continue
                    cand = lemma.replace("_", " ").lower()
                    if cand == base:
                        continue
                    if how and how != "exc":
                        if pos == "n":
                            cand = pluralize(cand)
                        elif pos == "v":
                            cand = inflect_verb(cand, how)
                    elif how == "exc" and pos == "n":
                        cand = pluralize(cand)
                    if cand == word:
                        continue
                    out.setdefault(cand, []).append(f"{pos}{sense}")
    return out


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` is fine
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rule", default=os.path.join(here, "..", "lints", "spin", "fixed-expression.toml"))
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="folder with WordNet's data.* and index.* files")
    ap.add_argument("--word", action="append", help="only these words (repeatable)")
    ap.add_argument("--unswapped", action="store_true", help="only words that have no swaps entry yet")
    ap.add_argument("--max", type=int, default=0, help="at most this many candidates per word (0: all)")
    args = ap.parse_args()

    if not os.path.exists(os.path.join(args.wordnet, "index.noun")):
        sys.exit(f"no WordNet database in {args.wordnet}: apt-get install wordnet-base")
    with open(args.rule, "rb") as f:
        data = tomllib.load(f)["data"]
    swaps = {k: set(v) for k, v in data.get("swaps", {}).items()}
    if args.word:
        words = [w.lower() for w in args.word]
    else:
        seen = collections.OrderedDict()
        for expression in data["expressions"]:
            for w in expression.split(" "):
                if w.isupper() and len(w) > 1:
                    continue  # an acronym: ABC, NATO, AI
                w = w.lower().strip(".,")
                if re.fullmatch(r"[a-z][a-z'-]*", w):
                    seen.setdefault(w, None)
        words = sorted(w for w in seen if w not in FUNCTION_WORDS)
        if args.unswapped:
            words = [w for w in words if w not in swaps]

    wn_index = {pos: load_index(args.wordnet, pos) for pos in POS}
    wn_exc = {pos: load_exceptions(args.wordnet, pos) for pos in POS}
    data_files = {pos: open(os.path.join(args.wordnet, "data." + POS[pos]), "rb") for pos in POS}
    out = sys.stdout
    for word in words:
        cands = candidates(word, wn_index, wn_exc, data_files)
        known = swaps.get(word, set())
        rows = [(c, s) for c, s in cands.items() if c not in known]
        rows.sort(key=lambda r: (min(int(x[1:]) for x in r[1]), -len(r[1])))
        if args.max:
            rows = rows[: args.max]
        for cand, senses in rows:
            out.write(f"{word}\t{cand}\t{','.join(senses)}\n")


if __name__ == "__main__":
    main()
