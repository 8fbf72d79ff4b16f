//! What a gate is built from: the literals every match of a pattern must start or end
//! with, or contain (from a part every match goes through), letter case folded; and the
//! pattern's capture groups. Worked out from the
//! pattern's syntax alone, so `build.rs` includes this file too and works it out for the
//! built-in rules at build time: parsing some 140 patterns for it was a third of
//! start-up. Depends on `regex-syntax` and std only, for that reason.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look, Repetition};

/// What must be in a haystack for some of a list of patterns to match it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GateSpec {
    /// No finite set of literals (`^[a-z]{6,30}$`).
    Open,
    /// Every pattern is anchored at the haystack's start and every match starts with
    /// one of these literals (lower-case ASCII letters stand for either case).
    AtStart(Vec<Vec<u8>>),
    /// Every match contains one of these literals (ASCII case ignored).
    Anywhere(Vec<Vec<u8>>),
}

impl GateSpec {
    /// The spec as a kind code and its literals, for a table in generated code
    /// (`build.rs`); [`GateSpec::from_table`] reads it back.
    #[allow(dead_code)] // only build.rs writes the table
    pub fn into_table(self) -> (u8, Vec<Vec<u8>>) {
        match self {
            GateSpec::Open => (0, Vec::new()),
            GateSpec::AtStart(literals) => (1, literals),
            GateSpec::Anywhere(literals) => (2, literals),
        }
    }

    #[allow(dead_code)] // only the crate reads it
    pub fn from_table(kind: u8, literals: Vec<Vec<u8>>) -> GateSpec {
        match kind {
            1 => GateSpec::AtStart(literals),
            2 => GateSpec::Anywhere(literals),
            _ => GateSpec::Open,
        }
    }
}

/// What [`facts`] finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternFacts {
    pub gate: GateSpec,
    /// Capture groups of a lone pattern, the whole match's included (as
    /// `regex::Regex::captures_len`); 1 for a list.
    pub captures_len: usize,
}

/// The gate of `patterns` together (a haystack passes if any pattern may match) and their
/// captures. A pattern that does not parse opens the gate (compiling it reports the error).
pub fn facts(patterns: &[&str]) -> PatternFacts {
    let Some(hirs) = patterns.iter().map(|p| regex_syntax::parse(p).ok()).collect::<Option<Vec<Hir>>>() else {
        return PatternFacts { gate: GateSpec::Open, captures_len: 1 };
    };
    let captures_len = match hirs.as_slice() {
        [one] => one.properties().explicit_captures_len() + 1,
        _ => 1,
    };
    PatternFacts { gate: gate_spec(&hirs), captures_len }
}

fn gate_spec(patterns: &[Hir]) -> GateSpec {
    let folded: Vec<Hir> = patterns.iter().map(fold_case).collect();
    let anchored = patterns.iter().all(|h| h.properties().look_set_prefix().contains(Look::Start));
    if anchored {
        let prefixes: Option<Vec<Vec<Vec<u8>>>> = folded.iter().map(|h| literals(h, ExtractKind::Prefix)).collect();
        if let Some(prefixes) = prefixes {
            return GateSpec::AtStart(prefixes.into_iter().flatten().collect());
        }
    }
    let mut all = Vec::new();
    for h in &folded {
        let found = [literals(h, ExtractKind::Prefix), literals(h, ExtractKind::Suffix), inner_literals(h)];
        match found.into_iter().flatten().max_by_key(|l| shortest(l)) {
            Some(l) => all.extend(l),
            None => return GateSpec::Open,
        }
    }
    all.sort_unstable();
    all.dedup();
    GateSpec::Anywhere(all)
}

/// Literals one of which every match of `hir` contains, from a part every match goes
/// through: a concatenation's part, what is repeated at least once, a literal list in
/// every branch of an alternation. For patterns whose ends are open, such as
/// `^.{5,150}\bis now available`: without these their gate let every line through.
fn inner_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Concat(parts) => {
            let whole = literals(hir, ExtractKind::Prefix);
            whole.into_iter().chain(parts.iter().filter_map(inner_literals)).max_by_key(|l| shortest(l))
        }
        HirKind::Capture(capture) => inner_literals(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => inner_literals(&repetition.sub),
        HirKind::Repetition(_) => None,
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(inner_literals(branch)?);
            }
            Some(all)
        }
        HirKind::Literal(_) | HirKind::Class(_) | HirKind::Empty | HirKind::Look(_) => {
            literals(hir, ExtractKind::Prefix)
        }
    }
}

/// Rewrites `\b` and `\B` as their ASCII forms, leaving escaped backslashes alone.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some('B') => out.push_str("(?-u:\\B)"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `hir` with every class that only spells one ASCII letter in any case (what `(?i)`
/// makes of a letter) turned into that letter, and literals lower-cased: the literal
/// extractor then yields "advertisement" instead of giving up on 2^13 case variants.
fn fold_case(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(l) => Hir::literal(l.0.to_ascii_lowercase()),
        HirKind::Class(class) => match one_ascii_letter(class) {
            Some(letter) => Hir::literal([letter]),
            // A class too big to spell out ends the literals just as well as a copy of
            // itself (a copy of `\w` is hundreds of ranges), and costs nothing to build.
            None if class_too_big(class) => Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(0, 255)]))),
            None => hir.clone(),
        },
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(fold_case(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(fold_case(&c.sub)), ..c.clone() }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(fold_case).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(fold_case).collect()),
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
    }
}

/// More characters than the extractor spells out (its `limit_class`).
fn class_too_big(class: &Class) -> bool {
    let count = match class {
        Class::Unicode(u) => u.ranges().iter().map(|r| r.end() as usize - r.start() as usize + 1).sum::<usize>(),
        Class::Bytes(b) => b.ranges().iter().map(|r| usize::from(r.end() - r.start()) + 1).sum(),
    };
    count > LIMIT_CLASS
}

/// The lower-case ASCII letter a class spells in its cases, if that is all it holds.
fn one_ascii_letter(class: &Class) -> Option<u8> {
    let fold = |c: u32| match char::from_u32(c)? {
        '\u{17F}' => Some(b's'),  // long s
        '\u{212A}' => Some(b'k'), // the Kelvin sign
        c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase() as u8),
        _ => None,
    };
    let mut letter = None;
    let mut each = |from: u32, to: u32| -> Option<()> {
        if to - from > 1 {
            return None;
        }
        for c in from..=to {
            let l = fold(c)?;
            if letter.replace(l).is_some_and(|before| before != l) {
                return None;
            }
        }
        Some(())
    };
    match class {
        Class::Unicode(u) => u.ranges().iter().try_for_each(|r| each(r.start() as u32, r.end() as u32))?,
        Class::Bytes(b) => b.ranges().iter().try_for_each(|r| each(u32::from(r.start()), u32::from(r.end())))?,
    }
    letter
}

/// The literals every match of `hir` starts (or ends) with; `None` unless they are a
/// finite set of non-empty literals.
fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    // Tight limits on the count: a few literals gate as well as many (a literal cut short
    // stays necessary). Up to 16 bytes each: cut at 8, "for the reason that" and
    // "mentioned." became "for the " and "mentione", which clean copy is full of, and a
    // 10 KB article compiled a dozen regexes for nothing (34.6 M instructions -> 31.9 M).
    let seq = Extractor::new()
        .kind(kind)
        .limit_class(LIMIT_CLASS)
        .limit_repeat(2)
        .limit_literal_len(16)
        .limit_total(64)
        .extract(hir);
    let literals: Vec<Vec<u8>> = seq.literals()?.iter().map(|l| l.as_bytes().to_vec()).collect();
    (!literals.is_empty() && literals.iter().all(|l| !l.is_empty())).then_some(literals)
}

/// Classes of more characters than this end a literal.
const LIMIT_CLASS: usize = 4;

fn shortest(literals: &[Vec<u8>]) -> usize {
    literals.iter().map(Vec::len).min().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_are_counted_as_the_compiled_regex_counts_them() {
        for pattern in [r"a(b)(?:c)(?P<d>e)(?<f>g)", r"\(x\)[(]", r"(?i)(a|(b))", "plain", r"(?x) ( a ) \# (b)"] {
            let compiled = regex::Regex::new(pattern).unwrap();
            assert_eq!(facts(&[pattern]).captures_len, compiled.captures_len(), "{pattern}");
        }
        assert_eq!(facts(&["(a)", "(b)"]).captures_len, 1, "a list has no one count");
        assert_eq!(facts(&["(unclosed"]), PatternFacts { gate: GateSpec::Open, captures_len: 1 });
    }

    fn anywhere(pattern: &str) -> Vec<String> {
        match facts(&[pattern]).gate {
            GateSpec::Anywhere(literals) => literals.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect(),
            other => panic!("{pattern}: {other:?}"),
        }
    }

    #[test]
    fn open_ended_patterns_are_gated_by_a_part_every_match_goes_through() {
        assert_eq!(anywhere(r"^(?i:.{5,150}\b(?:is|are) now available)"), ["is now available", "re now available"]);
        assert_eq!(anywhere(r"\w+ (?:said|told) \w+"), ["said", "told"]);
        assert_eq!(anywhere(r"[a-z]+(?:\d+x|y\d+)+[a-z]+"), ["x", "y"]);
        for open in [r"^\w+(?: said)?$", r"\w+|\d+ said", r"^[a-z]{6,30}$"] {
            assert_eq!(facts(&[open]).gate, GateSpec::Open, "{open}");
        }
    }

    #[test]
    fn word_boundaries_become_ascii_and_escaped_backslashes_stay() {
        assert_eq!(ascii_word_boundaries(r"\bsaid\B"), r"(?-u:\b)said(?-u:\B)");
        assert_eq!(ascii_word_boundaries(r"\\b \d \"), r"\\b \d \");
    }
}
