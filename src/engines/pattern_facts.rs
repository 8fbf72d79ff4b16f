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
    /// Every match contains a literal of each of these lists (ASCII case ignored), the
    /// best list first. A list of common words ("post", "story") lets many lines through;
    /// asking for one of "next", "prev" too keeps them out.
    Anywhere(Vec<Vec<Vec<u8>>>),
    /// A list of patterns with gates of both kinds: some pattern's gate lets the haystack
    /// through. Its members are `AtStart` (at most one, first) and `Anywhere`.
    AnyOf(Vec<GateSpec>),
}

impl GateSpec {
    /// Literals one of which every match contains, if there are: for a gate that searches
    /// with an automaton of its own (a user's pattern), which takes one list.
    #[allow(dead_code)] // build.rs has no use for it
    pub fn one_list(&self) -> Option<Vec<Vec<u8>>> {
        match self {
            GateSpec::Open => None,
            GateSpec::AtStart(literals) => Some(literals.clone()),
            GateSpec::Anywhere(lists) => lists.first().cloned(),
            GateSpec::AnyOf(members) => {
                let lists: Option<Vec<Vec<Vec<u8>>>> = members.iter().map(GateSpec::one_list).collect();
                let mut all: Vec<Vec<u8>> = lists?.into_iter().flatten().collect();
                all.sort_unstable();
                all.dedup();
                Some(all)
            }
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
    /// No pattern can match a line break (`\n` or `\r`): every match lies within a line,
    /// so a text can be searched only on the lines its gate lets through.
    pub one_line: bool,
}

/// The gate of `patterns` together (a haystack passes if any pattern may match) and their
/// captures. A pattern that does not parse opens the gate (compiling it reports the error).
pub fn facts(patterns: &[&str]) -> PatternFacts {
    let Some(hirs) = patterns.iter().map(|p| regex_syntax::parse(p).ok()).collect::<Option<Vec<Hir>>>() else {
        return PatternFacts { gate: GateSpec::Open, captures_len: 1, one_line: false };
    };
    let captures_len = match hirs.as_slice() {
        [one] => one.properties().explicit_captures_len() + 1,
        _ => 1,
    };
    let one_line = !hirs.iter().any(matches_line_break);
    PatternFacts { gate: gate_spec(&hirs), captures_len, one_line }
}

/// Whether some match of `hir` can hold `\n` or `\r`.
fn matches_line_break(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(literal) => literal.0.iter().any(|&b| b == b'\n' || b == b'\r'),
        HirKind::Class(Class::Unicode(class)) => {
            class.ranges().iter().any(|r| ['\n', '\r'].iter().any(|&c| r.start() <= c && c <= r.end()))
        }
        HirKind::Class(Class::Bytes(class)) => {
            class.ranges().iter().any(|r| [b'\n', b'\r'].iter().any(|&b| r.start() <= b && b <= r.end()))
        }
        HirKind::Repetition(Repetition { sub, .. }) | HirKind::Capture(Capture { sub, .. }) => matches_line_break(sub),
        HirKind::Concat(hirs) | HirKind::Alternation(hirs) => hirs.iter().any(matches_line_break),
    }
}

fn gate_spec(patterns: &[Hir]) -> GateSpec {
    let mut at_start = Vec::new();
    // Patterns gated by one list share one: asked of every line, each list is a lookup.
    let mut one_list: Vec<Vec<u8>> = Vec::new();
    let mut several_lists = Vec::new();
    for spec in patterns.iter().map(pattern_gate) {
        match spec {
            GateSpec::AtStart(literals) => at_start.extend(literals),
            GateSpec::Anywhere(mut lists) if lists.len() == 1 => one_list.append(&mut lists[0]),
            GateSpec::Anywhere(_) => several_lists.push(spec),
            _ => return GateSpec::Open,
        }
    }
    one_list.sort_unstable();
    one_list.dedup();
    let one_list = (!one_list.is_empty()).then(|| GateSpec::Anywhere(vec![one_list]));
    let mut anywhere: Vec<GateSpec> = one_list.into_iter().chain(several_lists).collect();
    if anywhere.is_empty() {
        return GateSpec::AtStart(at_start);
    }
    if at_start.is_empty() && anywhere.len() == 1 {
        return anywhere.remove(0);
    }
    let first = (!at_start.is_empty()).then_some(GateSpec::AtStart(at_start));
    GateSpec::AnyOf(first.into_iter().chain(anywhere).collect())
}

/// One pattern's gate: `AtStart`, `Anywhere` or `Open`.
fn pattern_gate(pattern: &Hir) -> GateSpec {
    let folded = fold_case(pattern);
    if pattern.properties().look_set_prefix().contains(Look::Start)
        && let Some(prefixes) = literals(&folded, ExtractKind::Prefix)
    {
        return GateSpec::AtStart(prefixes);
    }
    let mut lists: Vec<Vec<Vec<u8>>> = [literals(&folded, ExtractKind::Prefix), literals(&folded, ExtractKind::Suffix)]
        .into_iter()
        .flatten()
        .collect();
    necessary_lists(&folded, &mut lists);
    for list in &mut lists {
        list.sort_unstable();
        list.dedup();
    }
    let Some(best) = best_list(&lists) else { return GateSpec::Open };
    let best = lists.swap_remove(best);
    // A few more lists, of literals a document holds seldom enough to be worth recording
    // where they are: the best list alone decides too when the others are common.
    let weak = list_score(&best) < STRONG_LIST_SCORE;
    lists.retain(|list| {
        weak && list != &best && list.len() <= MAX_MORE_LIST_LEN && list.iter().all(|l| seldom_in_prose(l))
    });
    lists.sort_unstable();
    lists.dedup();
    lists.sort_by_key(|list| std::cmp::Reverse(list_score(list)));
    lists.truncate(MORE_LISTS);
    GateSpec::Anywhere(std::iter::once(best).chain(lists).collect())
}

/// Lists of a pattern's gate besides its best one, at most.
const MORE_LISTS: usize = 2;

/// A best list scoring this (see [`list_score`]) gates alone.
const STRONG_LIST_SCORE: usize = 6;

/// Literals of a list besides the best, at most.
const MAX_MORE_LIST_LEN: usize = 8;

/// Literal lists every match of `hir` contains one literal of, each from a part every match
/// goes through: a concatenation and each of its parts, what is repeated at least once, an
/// alternation whose every branch has a list (the union of each branch's best). For
/// patterns whose ends are open, such as `^.{5,150}\bis now available`: without these
/// their gate let every line through.
fn necessary_lists(hir: &Hir, out: &mut Vec<Vec<Vec<u8>>>) {
    match hir.kind() {
        HirKind::Concat(parts) => {
            out.extend(literals(hir, ExtractKind::Prefix));
            parts.iter().for_each(|part| necessary_lists(part, out));
            // Runs of two or more literal parts, whole: " ", "[2-9]" and " " make " 2 ", which
            // is rarer in prose than any of them.
            let literal_like = |part: &Hir| match part.kind() {
                HirKind::Literal(_) | HirKind::Class(_) => true,
                HirKind::Capture(capture) => matches!(capture.sub.kind(), HirKind::Literal(_) | HirKind::Class(_)),
                _ => false,
            };
            for run in parts.split(|part| !literal_like(part)).filter(|run| run.len() > 1) {
                out.extend(literals_of_run(&Hir::concat(run.to_vec())));
            }
        }
        HirKind::Capture(capture) => necessary_lists(&capture.sub, out),
        HirKind::Repetition(repetition) if repetition.min >= 1 => necessary_lists(&repetition.sub, out),
        HirKind::Repetition(_) => {}
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                let mut lists = Vec::new();
                necessary_lists(branch, &mut lists);
                let Some(best) = best_list(&lists) else { return };
                all.extend(lists.swap_remove(best));
            }
            out.push(all);
        }
        HirKind::Literal(_) | HirKind::Class(_) | HirKind::Empty | HirKind::Look(_) => {
            out.extend(literals(hir, ExtractKind::Prefix))
        }
    }
}

/// The list a gate with one list is best served by: the longest shortest literal, a rare
/// byte counting for length ("!" over ")"), then fewer literals.
fn best_list(lists: &[Vec<Vec<u8>>]) -> Option<usize> {
    (0..lists.len()).max_by_key(|&i| (list_score(&lists[i]), std::cmp::Reverse(lists[i].len())))
}

fn list_score(list: &[Vec<u8>]) -> usize {
    let weight = |l: &Vec<u8>| l.len() + if l.iter().any(|b| !COMMON_BYTES.contains(b)) { RARE_BYTE_BONUS } else { 0 };
    list.iter().map(weight).min().unwrap_or(0)
}

/// A literal holding a byte outside [`COMMON_BYTES`] ranks as if this much longer.
const RARE_BYTE_BONUS: usize = 3;

/// What news prose is mostly made of: lower-case letters (literals are folded), digits,
/// spaces and everyday punctuation.
const COMMON_BYTES: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789 \t\n.,;:'\"-()";

/// Whether `literal` is rare enough in news to record where it occurs: four bytes or more,
/// a byte outside [`COMMON_BYTES`] ("!", "$", a curly quote), or three bytes with a digit
/// (" 2 ": digits are one byte in seventy of news copy).
fn seldom_in_prose(literal: &[u8]) -> bool {
    literal.len() >= 4
        || literal.iter().any(|b| !COMMON_BYTES.contains(b))
        || (literal.len() == 3 && literal.iter().any(u8::is_ascii_digit))
}

/// `pattern` made to match only at the haystack's start (the `patterns` engine's
/// `unless_next`, tested on the rest of a line).
pub fn anchored_at_start(pattern: &str) -> String {
    format!("^(?:{pattern})")
}

/// Rewrites `\b` and `\B` as their ASCII forms, leaving escaped backslashes alone.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    if !pattern.contains("\\b") && !pattern.contains("\\B") {
        return pattern.to_string();
    }
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

/// More characters than the extractor ever spells out ([`RUN_LIMIT_CLASS`]).
fn class_too_big(class: &Class) -> bool {
    let count = match class {
        Class::Unicode(u) => u.ranges().iter().map(|r| r.end() as usize - r.start() as usize + 1).sum::<usize>(),
        Class::Bytes(b) => b.ranges().iter().map(|r| usize::from(r.end() - r.start()) + 1).sum(),
    };
    count > RUN_LIMIT_CLASS
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

/// Classes of more characters than this end a literal of [`literals_of_run`].
const RUN_LIMIT_CLASS: usize = 10;

/// The literals of `run`, a run of literal parts of a concatenation, with classes of up
/// to [`RUN_LIMIT_CLASS`] characters spelled out: a digit between spaces is eight or ten
/// literals, each rarer than the spaces alone.
fn literals_of_run(run: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_class(RUN_LIMIT_CLASS).limit_literal_len(16).limit_total(64);
    let seq = extractor.extract(run);
    let literals: Vec<Vec<u8>> = seq.literals()?.iter().map(|l| l.as_bytes().to_vec()).collect();
    (!literals.is_empty() && literals.iter().all(|l| !l.is_empty())).then_some(literals)
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
        assert_eq!(facts(&["(unclosed"]), PatternFacts { gate: GateSpec::Open, captures_len: 1, one_line: false });
    }

    #[test]
    fn knows_which_patterns_stay_within_a_line() {
        for pattern in [r"\bthe (\d) men\b", r"(?m)^Share$", r"[^\n\r]+", r"[a-z ]+", r"(?-u:[a-z]+)", r"x{2,}"] {
            assert!(facts(&[pattern]).one_line, "{pattern}");
        }
        for pattern in
            [r"a\s+b", r"\W", r"(?s)a.b", r"[^a]", "a\nb", r"\r", r"(?-u:\xFF|[\x00-\x20])", r"x|y\n", r"[^\n]+"]
        {
            assert!(!facts(&[pattern]).one_line, "{pattern}");
        }
        assert!(!facts(&["a", r"\s"]).one_line, "a list stays within a line only if every pattern does");
    }

    /// Each list of a pattern's `Anywhere` gate, the best first.
    fn lists(pattern: &str) -> Vec<Vec<String>> {
        let text = |list: &Vec<Vec<u8>>| list.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect();
        match facts(&[pattern]).gate {
            GateSpec::Anywhere(lists) => lists.iter().map(text).collect(),
            other => panic!("{pattern}: {other:?}"),
        }
    }

    fn anywhere(pattern: &str) -> Vec<String> {
        lists(pattern).remove(0)
    }

    #[test]
    fn a_list_of_common_words_is_joined_by_another_list_every_match_needs() {
        let mut both = lists(r"(?i)\b(?:next|prev)\s+(?:post|story)\b");
        both.sort();
        assert_eq!(both, [vec!["next", "prev"], vec!["post", "story"]]);
        assert_eq!(lists(r"[A-Za-z]{2,20}!\s*\(\d+\)"), [vec!["!"]], "a rare byte first; \"(\" and \")\" are common");
        assert_eq!(lists(r"(?i)\bsuppose tank\b"), [vec!["suppose tank"]], "a long literal gates alone");
        let digit_between_words = lists(r"\b(?:the|by) ([2-9]) (?:men|days)\b");
        assert_eq!(
            digit_between_words[1],
            [" 2 ", " 3 ", " 4 ", " 5 ", " 6 ", " 7 ", " 8 ", " 9 "],
            "a run of literal parts, whole"
        );
    }

    #[test]
    fn a_set_of_anchored_and_unanchored_patterns_keeps_each_ones_gate() {
        let gate = facts(&["^(?i:view|read more)$", r"^[A-Za-z]{2,20}!\s*\(\d+\)$"]).gate;
        let at_start = GateSpec::AtStart(vec![b"view".to_vec(), b"read more".to_vec()]);
        assert_eq!(gate, GateSpec::AnyOf(vec![at_start, GateSpec::Anywhere(vec![vec![b"!".to_vec()]])]));
        assert_eq!(gate.one_list().map(|l| l.len()), Some(3), "one list for an automaton of its own: all of them");
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
