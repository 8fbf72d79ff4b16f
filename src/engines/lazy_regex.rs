//! Regexes of built-in rules, compiled the first time a haystack could hold a match.
//!
//! Why: compiling the built-in rules' ~300 regexes was most of start-up (about 40 ms of
//! CPU), paid before every run, even on a 10 KB article where most of them never match.
//! At load each pattern only gets a *gate*, built from literals every match must start or
//! end with, or contain (`pattern_facts.rs` finds them, letter case folded; `build.rs`
//! has already done so for the built-in rules):
//!
//! - [`Gate::AtStart`]: every pattern is anchored at the haystack's start (`^Advertisement$`),
//!   so its first bytes decide: one hash lookup per haystack (line rules ask per line);
//! - [`Gate::Anywhere`]: a match must contain one of the literals, found by a small
//!   case-insensitive Aho-Corasick automaton;
//! - [`Gate::Open`]: no finite set of literals (`^[a-z]{6,30}$`).
//!
//! A regex compiles (once, by whichever thread first needs it) when its gate lets a
//! haystack through, or once the gate has scanned [`GATE_BUDGET_BYTES`] in all: on a corpus
//! the compiled regex's SIMD prefilter beats the gate's scan of whole documents. A set (of
//! line patterns) keeps its gate as a prefilter afterwards: most lines of an article start
//! with no furniture word, and a lookup is cheaper than running the set.
//!
//! Results never depend on the gate: it only skips searches that would find nothing. User
//! rule packs compile eagerly ([`LazyRegex::compiled`]), so a bad regex in one is an error
//! at load, not midway through a run; built-in rules are tested.

use std::collections::HashSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::pattern_facts::{GateSpec, PatternFacts, facts};

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
    /// The gate of `spec`; an `Anywhere` gate's automaton is of the `kind` given.
    fn from_spec(spec: GateSpec, kind: AhoCorasickKind) -> Gate {
        match spec {
            GateSpec::Open => Gate::Open,
            GateSpec::AtStart(prefixes) => {
                let key_len = prefixes.iter().map(Vec::len).min().unwrap_or(1).min(MAX_KEY_LEN);
                let keys = prefixes.iter().map(|l| case_folded_prefix_key(l, key_len)).collect();
                Gate::AtStart { key_len, keys }
            }
            GateSpec::Anywhere(mut literals) => {
                // `(?i)s` also matches "ſ" (U+017F) and `(?i)k` the Kelvin sign (U+212A),
                // which the folded literals, matched ASCII-case-insensitively, do not:
                // either passes.
                literals.extend(FOLDS_OUTSIDE_ASCII.iter().map(|c| c.to_string().into_bytes()));
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .kind(Some(kind))
                    .build(&literals)
                    .map_or(Gate::Open, Gate::Anywhere)
            }
        }
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

/// Bytes a gate may scan, in all, before its regex compiles anyway: about where scanning
/// for the literals has cost what a compile does. A gate scans with a small automaton, a
/// compiled regex with SIMD prefilters; a run over thousands of documents must not keep
/// paying the slower scan to save one compile (that once made 10,000 small files twice as
/// slow), while a single article rarely reaches this.
const GATE_BUDGET_BYTES: usize = 64 * 1024;

/// What a gate has scanned so far, against [`GATE_BUDGET_BYTES`].
#[derive(Default)]
struct Budget(AtomicUsize);

impl Budget {
    /// Counts `haystack` as scanned: whether the budget is now spent.
    fn spend(&self, haystack: &str) -> bool {
        self.0.fetch_add(haystack.len(), Ordering::Relaxed) + haystack.len() >= GATE_BUDGET_BYTES
    }
}

/// A regex's gate, until the regex compiles.
struct Budgeted {
    gate: Gate,
    budget: Budget,
}

impl Budgeted {
    fn new(gate: Gate) -> Budgeted {
        Budgeted { gate, budget: Budget::default() }
    }

    /// Whether to compile for `haystack`: it could match, or the budget is spent.
    fn opens_for(&self, haystack: &str) -> bool {
        self.budget.spend(haystack) || self.gate.may_match(haystack)
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
        let PatternFacts { gate, captures_len } = facts_of(std::slice::from_ref(&pattern));
        let gate = Budgeted::new(Gate::from_spec(gate, FAST_TO_BUILD));
        LazyRegex { pattern, captures_len, size_limit, compiled: OnceLock::new(), gate }
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
    gate: LineGate,
}

impl LazySet {
    /// A set (of a built-in rule) that compiles on first need.
    pub(crate) fn deferred(patterns: Vec<String>, size_limit: usize) -> LazySet {
        let gate = LineGate::new(facts_of(&patterns).gate);
        LazySet { patterns, size_limit, compiled: OnceLock::new(), gate }
    }

    /// A set compiled now.
    pub(crate) fn compiled(patterns: Vec<String>, set: RegexSet) -> LazySet {
        LazySet { patterns, size_limit: 0, compiled: OnceLock::from(set), gate: LineGate::new(GateSpec::Open) }
    }

    /// Does any pattern match `haystack`? The gate stays in front of the compiled set: on
    /// a line, a lookup or a small automaton turns most lines away for less than the
    /// set's own search (measured: running the set on every line cost a quarter more).
    pub fn is_match(&self, haystack: &str) -> bool {
        self.gate.may_match(haystack)
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

/// The automaton a gate starts with: the plainest, fastest to build (most gates search a
/// few kilobytes before their regex compiles, or for ever if the run is one article).
const FAST_TO_BUILD: AhoCorasickKind = AhoCorasickKind::NoncontiguousNFA;

/// A set's gate, asked about every line of every document: once it has scanned
/// [`GATE_BUDGET_BYTES`], its automaton is rebuilt as a DFA, slower to build and faster to
/// search (on 1 MB, 50 M instructions less; built so at start-up, 8 M more).
struct LineGate {
    first: Gate,
    /// An `Anywhere` gate's literals, kept for the rebuild.
    literals: Vec<Vec<u8>>,
    budget: Budget,
    faster: OnceLock<Gate>,
}

impl LineGate {
    fn new(spec: GateSpec) -> LineGate {
        let literals = match &spec {
            GateSpec::Anywhere(literals) => literals.clone(),
            GateSpec::Open | GateSpec::AtStart(_) => Vec::new(),
        };
        LineGate {
            first: Gate::from_spec(spec, FAST_TO_BUILD),
            literals,
            budget: Budget::default(),
            faster: OnceLock::new(),
        }
    }

    fn may_match(&self, haystack: &str) -> bool {
        if let Some(faster) = self.faster.get() {
            return faster.may_match(haystack);
        }
        if matches!(self.first, Gate::Anywhere(_)) && self.budget.spend(haystack) {
            let rebuild = || Gate::from_spec(GateSpec::Anywhere(self.literals.clone()), AhoCorasickKind::DFA);
            return self.faster.get_or_init(rebuild).may_match(haystack);
        }
        self.first.may_match(haystack)
    }
}

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/builtin_pattern_facts.rs"));
}

/// The facts of `patterns`, from the table `build.rs` made of the built-in rules, or
/// worked out now for a list it did not foresee.
fn facts_of(patterns: &[String]) -> PatternFacts {
    let key = patterns.join("\0");
    match built_in::BUILTIN_PATTERN_FACTS.binary_search_by(|(k, ..)| (*k).cmp(key.as_str())) {
        Ok(i) => {
            let (_, captures_len, kind, literals) = built_in::BUILTIN_PATTERN_FACTS[i];
            let gate = GateSpec::from_table(kind, literals.iter().map(|l| l.to_vec()).collect());
            PatternFacts { gate, captures_len }
        }
        Err(_) => facts(&patterns.iter().map(String::as_str).collect::<Vec<_>>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(patterns: &[&str]) -> Gate {
        Gate::from_spec(facts(patterns).gate, FAST_TO_BUILD)
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
    fn the_build_scripts_facts_are_what_the_patterns_give_now() {
        let table = built_in::BUILTIN_PATTERN_FACTS;
        assert!(table.len() > 100, "build.rs found {} pattern lists in lints/", table.len());
        for (key, ..) in table {
            let patterns: Vec<String> = key.split('\0').map(str::to_string).collect();
            let now = facts(&patterns.iter().map(String::as_str).collect::<Vec<_>>());
            assert_eq!(facts_of(&patterns), now, "{key}");
        }
    }

    #[test]
    fn a_gate_that_has_scanned_its_budget_compiles_its_regex() {
        let r = LazyRegex::deferred(r"(?i)\bsuppose tank\b".into(), 1 << 20);
        let page = "A think tank said so. ".repeat(1000);
        let page = &page[..GATE_BUDGET_BYTES / 4];
        let opened: Vec<bool> = (0..5).map(|_| r.for_haystack(page).is_some()).collect();
        assert_eq!(opened, [false, false, false, true, true], "the fourth page spends the budget");
        assert!(!r.for_haystack(page).unwrap().is_match(page));
    }

    #[test]
    fn a_line_gate_that_has_scanned_its_budget_searches_with_a_dfa_and_the_same_answers() {
        let set = LazySet::deferred(vec![r"(?i)^.{3,40} (?:is|are) now available$".into()], 1 << 20);
        let lines = ["Tickets are now available", "The TICKETS ARE NOW AVAILABLE", "Plain prose line here."];
        let answers: Vec<bool> = lines.iter().map(|l| set.is_match(l)).collect();
        assert_eq!(answers, [true, true, false]);
        let filler = "x".repeat(GATE_BUDGET_BYTES);
        assert!(!set.is_match(&filler) && set.gate.faster.get().is_some());
        assert_eq!(lines.iter().map(|l| set.is_match(l)).collect::<Vec<_>>(), answers);
        assert!(set.gate.may_match("\u{212A}"), "the Kelvin sign still passes");
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
