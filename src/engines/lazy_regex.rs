//! Regexes of built-in rules, compiled the first time a haystack could hold a match.
//!
//! Why: compiling the built-in rules' ~300 regexes was most of start-up (about 40 ms of
//! CPU), paid before every run, even on a 10 KB article where most of them never match.
//! At load each pattern only gets a *gate*, built from the literals `regex-syntax` finds
//! every match must start (or end) with, letter case folded:
//!
//! - [`Gate::AtStart`]: every pattern is anchored at the haystack's start (`^Advertisement$`),
//!   so its first bytes decide: one hash lookup per haystack (line rules ask per line);
//! - [`Gate::Anywhere`]: a match must contain one of the literals, found by a small
//!   case-insensitive Aho-Corasick automaton;
//! - [`Gate::Open`]: no finite set of literals (`^[a-z]{6,30}$`).
//!
//! A regex compiles (once, by whichever thread first needs it) when a gate lets a haystack
//! through, or when an `Anywhere` gate has scanned [`GATE_BUDGET_BYTES`] in all: on a
//! corpus the compiled regex's SIMD prefilter beats the gate's scan. A set keeps a start
//! gate as a prefilter afterwards: most lines of an article start with no furniture word,
//! and a lookup is cheaper than running the set.
//!
//! Results never depend on the gate: it only skips searches that would find nothing. User
//! rule packs compile eagerly ([`LazyRegex::compiled`]), so a bad regex in one is an error
//! at load, not midway through a run; built-in rules are tested.

use std::collections::HashSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look, Repetition};

use crate::text::{BuildPreHashed, case_folded_prefix_key};

/// What must be in a haystack for some patterns to match it.
enum Gate {
    Open,
    /// Every match starts at the haystack's start with a literal whose first `key_len`
    /// bytes are in `keys` (see [`case_folded_prefix_key`]).
    AtStart {
        key_len: usize,
        keys: HashSet<u64, BuildPreHashed>,
    },
    /// Every match contains one of the literals (ASCII case ignored).
    Anywhere(AhoCorasick),
}

/// Bytes of a haystack's start looked up by [`Gate::AtStart`], at most (a key holds 8).
const MAX_KEY_LEN: usize = 6;

impl Gate {
    /// The gate of `patterns` together (a haystack passes if any pattern may match).
    fn of(patterns: &[Hir]) -> Gate {
        let folded: Vec<Hir> = patterns.iter().map(fold_case).collect();
        let anchored = patterns.iter().all(|h| h.properties().look_set_prefix().contains(Look::Start));
        if anchored {
            let prefixes: Option<Vec<Vec<Vec<u8>>>> = folded.iter().map(|h| literals(h, ExtractKind::Prefix)).collect();
            if let Some(prefixes) = prefixes {
                let key_len = prefixes.iter().flatten().map(Vec::len).min().unwrap_or(1).min(MAX_KEY_LEN);
                let keys = prefixes.iter().flatten().map(|l| case_folded_prefix_key(l, key_len)).collect();
                return Gate::AtStart { key_len, keys };
            }
        }
        let mut all = Vec::new();
        for h in &folded {
            let best = match (literals(h, ExtractKind::Prefix), literals(h, ExtractKind::Suffix)) {
                (Some(p), Some(s)) => Some(if shortest(&s) > shortest(&p) { s } else { p }),
                (p, s) => p.or(s),
            };
            match best {
                Some(l) => all.extend(l),
                None => return Gate::Open,
            }
        }
        // `(?i)s` also matches "ſ" (U+017F) and `(?i)k` the Kelvin sign (U+212A), which
        // the folded literals, matched ASCII-case-insensitively, do not: either passes.
        all.extend(FOLDS_OUTSIDE_ASCII.iter().map(|c| c.to_string().into_bytes()));
        all.sort_unstable();
        all.dedup();
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            // The NFA builds in a fraction of the DFA's time; a gate searches little text.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&all)
            .map_or(Gate::Open, Gate::Anywhere)
    }

    /// Could a pattern match `haystack`?
    fn may_match(&self, haystack: &str) -> bool {
        match self {
            Gate::Open => true,
            Gate::AtStart { key_len, keys } => {
                let bytes = haystack.as_bytes();
                bytes.len() >= *key_len
                    && (keys.contains(&case_folded_prefix_key(bytes, *key_len))
                        || (!bytes[..*key_len].is_ascii()
                            && haystack.chars().take(*key_len).any(|c| FOLDS_OUTSIDE_ASCII.contains(&c))))
            }
            Gate::Anywhere(ac) => ac.is_match(haystack),
        }
    }
}

/// Characters outside ASCII that `(?i)` matches for an ASCII letter: "ſ" for s, the
/// Kelvin sign for k.
const FOLDS_OUTSIDE_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

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
    // Tight limits: extraction is paid at start-up for every pattern, and a few short
    // literals gate as well as many long ones (a literal cut short stays necessary).
    let seq = Extractor::new()
        .kind(kind)
        .limit_class(LIMIT_CLASS)
        .limit_repeat(2)
        .limit_literal_len(8)
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

/// Bytes a gate may scan, in all, before its regex compiles anyway: about where scanning
/// for the literals has cost what a compile does. A gate scans with a small automaton, a
/// compiled regex with SIMD prefilters; a run over thousands of documents must not keep
/// paying the slower scan to save one compile (that once made 10,000 small files twice as
/// slow), while a single article rarely reaches this.
const GATE_BUDGET_BYTES: usize = 64 * 1024;

/// A gate and what it has scanned so far; see [`GATE_BUDGET_BYTES`].
struct Budgeted {
    gate: Gate,
    scanned: AtomicUsize,
}

impl Budgeted {
    fn new(gate: Gate) -> Budgeted {
        Budgeted { gate, scanned: AtomicUsize::new(0) }
    }

    /// Whether to compile for `haystack`: it could match, or the budget is spent. Only
    /// an [`Gate::Anywhere`] scan counts; the others cost one lookup per haystack.
    fn opens_for(&self, haystack: &str) -> bool {
        if let Gate::Anywhere(_) = self.gate {
            let scanned = self.scanned.fetch_add(haystack.len(), Ordering::Relaxed) + haystack.len();
            if scanned >= GATE_BUDGET_BYTES {
                return true;
            }
        }
        self.gate.may_match(haystack)
    }
}

/// One regex, compiled when first needed.
pub struct LazyRegex {
    pattern: String,
    /// Capture groups, the implicit whole-match group included (as `Regex::captures_len`).
    captures_len: usize,
    size_limit: usize,
    compiled: OnceLock<Regex>,
    gate: Budgeted,
}

impl LazyRegex {
    /// A regex (of a built-in rule) that compiles on first need.
    pub(crate) fn deferred(pattern: String, size_limit: usize) -> LazyRegex {
        let (gate, captures_len) = match regex_syntax::parse(&pattern) {
            Ok(hir) => (Gate::of(std::slice::from_ref(&hir)), hir.properties().explicit_captures_len() + 1),
            Err(_) => (Gate::Open, 1),
        };
        LazyRegex { pattern, captures_len, size_limit, compiled: OnceLock::new(), gate: Budgeted::new(gate) }
    }

    /// A regex compiled now.
    pub(crate) fn compiled(pattern: String, regex: Regex) -> LazyRegex {
        let captures_len = regex.captures_len();
        let gate = Budgeted::new(Gate::Open);
        LazyRegex { pattern, captures_len, size_limit: 0, compiled: OnceLock::from(regex), gate }
    }

    /// Capture groups, the whole match's included, as [`Regex::captures_len`] counts them.
    pub fn captures_len(&self) -> usize {
        self.captures_len
    }

    /// The regex, to search `haystack`; `None` when it cannot match there. Once compiled
    /// the regex is returned as is: its own prefilter does the gate's work, faster.
    pub fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        if let Some(r) = self.compiled.get() {
            return Some(r);
        }
        self.gate.opens_for(haystack).then(|| {
            self.compiled.get_or_init(|| {
                RegexBuilder::new(&self.pattern)
                    .size_limit(self.size_limit)
                    .build()
                    .unwrap_or_else(|e| panic!("built-in regex `{}` does not compile: {e}", self.pattern))
            })
        })
    }
}

/// A set of regexes (one list of a rule's data), compiled when first needed.
pub struct LazySet {
    patterns: Vec<String>,
    size_limit: usize,
    compiled: OnceLock<RegexSet>,
    gate: Budgeted,
}

impl LazySet {
    /// A set (of a built-in rule) that compiles on first need.
    pub(crate) fn deferred(patterns: Vec<String>, size_limit: usize) -> LazySet {
        let hirs: Option<Vec<Hir>> = patterns.iter().map(|p| regex_syntax::parse(p).ok()).collect();
        let gate = hirs.map_or(Gate::Open, |hirs| Gate::of(&hirs));
        LazySet { patterns, size_limit, compiled: OnceLock::new(), gate: Budgeted::new(gate) }
    }

    /// A set compiled now.
    pub(crate) fn compiled(patterns: Vec<String>, set: RegexSet) -> LazySet {
        LazySet { patterns, size_limit: 0, compiled: OnceLock::from(set), gate: Budgeted::new(Gate::Open) }
    }

    /// Does any pattern match `haystack`? A start gate stays in front of the compiled set:
    /// one lookup turns away most lines for less than the set's own search.
    pub fn is_match(&self, haystack: &str) -> bool {
        match self.compiled.get() {
            Some(set) if matches!(self.gate.gate, Gate::AtStart { .. }) => {
                self.gate.gate.may_match(haystack) && set.is_match(haystack)
            }
            Some(set) => set.is_match(haystack),
            None => {
                self.gate.opens_for(haystack)
                    && self
                        .compiled
                        .get_or_init(|| {
                            RegexSetBuilder::new(&self.patterns)
                                .size_limit(self.size_limit)
                                .build()
                                .unwrap_or_else(|e| panic!("built-in regex set does not compile: {e}"))
                        })
                        .is_match(haystack)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(patterns: &[&str]) -> Gate {
        let hirs: Vec<Hir> = patterns.iter().map(|p| regex_syntax::parse(p).unwrap()).collect();
        Gate::of(&hirs)
    }

    #[test]
    fn anchored_sets_are_gated_by_their_first_bytes_in_any_case() {
        let g = gate(&["^(?i:advertisement|sponsored content)$", "^Related posts"]);
        assert!(matches!(g, Gate::AtStart { .. }));
        for yes in ["ADVERTISEMENT", "Sponsored", "related posts:", "\u{17F}ponsored", "adverti"] {
            assert!(g.may_match(yes), "{yes}");
        }
        for no in ["The advertisement ran.", "Spon", "", "Mentioned"] {
            assert!(!g.may_match(no), "{no}");
        }
    }

    #[test]
    fn other_patterns_need_one_of_their_literals_somewhere() {
        let g = gate(&[r"(?-u:\b)(in accordance with) \d", r"(?m)(?:^|[.!?]\s+)(Per week) (?:after|before)"]);
        assert!(matches!(g, Gate::Anywhere(_)));
        assert!(g.may_match("Spent IN ACCORDANCE WITH 2 rules"));
        assert!(g.may_match("Then. Per week after"));
        assert!(!g.may_match("A month later, per the rules."));
        assert!(matches!(gate(&[r"^[a-z]{6,30}$"]), Gate::Open));
        assert!(matches!(gate(&[r"^\s*$"]), Gate::Open), "an empty match has no literal");
        assert!(matches!(gate(&["^News$", r"\w+"]), Gate::Open), "one open pattern opens the set");
    }

    #[test]
    fn a_gated_regex_compiles_only_for_a_haystack_that_could_match() {
        let r = LazyRegex::deferred(r"(?i)\bsuppose tank\b".into(), 1 << 20);
        assert!(r.for_haystack("A think tank said.").is_none());
        assert!(r.compiled.get().is_none());
        let kelvin = LazyRegex::deferred(r"(?i)^tank".into(), 1 << 20);
        assert!(kelvin.for_haystack("tan\u{212A}").is_some(), "(?i)k matches the Kelvin sign");
        let found = r.for_haystack("A SUPPOSE TANK said.").map(|re| re.is_match("A SUPPOSE TANK said."));
        assert_eq!(found, Some(true));
        assert!(r.for_haystack("anything").is_some(), "compiled once, used from then on");
    }

    #[test]
    fn a_gate_that_has_scanned_its_budget_compiles_its_regex() {
        let r = LazyRegex::deferred(r"(?i)\bsuppose tank\b".into(), 1 << 20);
        let page = "A think tank said so. ".repeat(1000);
        let page = &page[..GATE_BUDGET_BYTES / 4];
        let opened: Vec<bool> = (0..5).map(|_| r.for_haystack(page).is_some()).collect();
        assert_eq!(opened, [false, false, false, true, true], "the fourth page spends the budget");
        assert!(!r.for_haystack(page).unwrap().is_match(page));
        let start_gated = LazySet::deferred(vec!["^Advertisement$".into()], 1 << 20);
        for _ in 0..5 {
            assert!(!start_gated.is_match(page));
        }
        assert!(start_gated.compiled.get().is_none(), "a start gate costs a lookup: no budget");
    }

    #[test]
    fn a_set_compiles_when_a_haystack_passes_its_gate() {
        let s = LazySet::deferred(vec!["^Advertisement$".into(), "^Related posts".into()], 1 << 20);
        assert!(!s.is_match("Plain prose."));
        assert!(s.compiled.get().is_none());
        assert!(!s.is_match("Related"), "passes the gate, fails the set");
        assert!(s.is_match("Related posts"));
    }
}
