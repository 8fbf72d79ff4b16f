//! Regexes of built-in rules, compiled the first time a haystack could hold a match.
//!
//! Why: compiling the built-in rules' ~300 regexes was most of start-up (about 40 ms of
//! CPU), paid before every run, even on a 10 KB article where most of them never match.
//! At load each pattern only gets a *gate*, built from literals every match must start or
//! end with, or contain (`pattern_facts.rs` finds them, letter case folded; `build.rs`
//! has already done so for the built-in rules):
//!
//! - [`Gate::AtStart`]: every pattern is anchored at the haystack's start (`^Advertisement$`),
//!   so its first bytes decide: a hash lookup per literal length (line rules ask per line);
//! - [`Gate::Indexed`]: a match must contain a literal of each of one to three lists
//!   ("next" or "prev", and "post" or "story"). The literals of every built-in pattern
//!   are searched together ([`GateIndex`]: `literal_scan.rs` for the first 64 KiB of a
//!   run, then an Aho-Corasick DFA), once per document, and where each list's literals
//!   are is recorded ([`DocGates`]): any part of the document, a line say, is then
//!   answered by a binary search, not by scanning it again;
//! - [`Gate::Anywhere`]: a literal of one list, found by a small automaton of its own,
//!   for a pattern `build.rs` did not foresee;
//! - [`Gate::AnyOf`]: a set of patterns with gates of both kinds, each pattern's own;
//! - [`Gate::Open`]: no finite set of literals (`^[a-z]{6,30}$`).
//!
//! A regex compiles (once, by whichever thread first needs it) when its gate lets a
//! haystack through: first without a literal prefilter, cheaper to compile and as fast on
//! a short text, the gate still in front of it; with one once it has searched
//! [`QUICK_SEARCH_BYTES`] (`regex_automata::meta`, configured as the regex crate is
//! otherwise). An `Anywhere` gate compiles its regex anyway once it has scanned
//! [`GATE_BUDGET_BYTES`] in all: on a corpus the compiled regex's SIMD prefilter beats a
//! gate's scan of whole documents. A set (of line patterns) keeps its gate as a prefilter
//! afterwards: most lines of an article start with no furniture word, and a lookup is
//! cheaper than running the set.
//!
//! Results never depend on the gate: it only skips searches that would find nothing. User
//! rule packs compile eagerly ([`LazyRegex::compiled`]), so a bad regex in one is an error
//! at load, not midway through a run; built-in rules are tested.

use std::collections::HashSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::article::Article;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored};
use regex::{RegexSet, RegexSetBuilder};
use regex_automata::hybrid;
/// A compiled regex of a rule, as the `patterns` engine searches with it.
pub use regex_automata::meta::Regex;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;

use super::literal_scan::LiteralScan;
use super::pattern_facts::{GateSpec, PatternFacts, facts};

use crate::article::LineHead;
use crate::text::{BuildPreHashed, LANE_HIGH, case_folded_prefix_key, first_eight, folded_key, low_bytes};

/// What must be in a haystack for some patterns to match it.
enum Gate {
    Open,
    /// Every match starts at the haystack's start with one of the literals: the first
    /// `len` bytes of each (at most [`MAX_KEY_LEN`]) are in `keys` (see
    /// [`case_folded_prefix_key`]), for the `lens` the literals have. One key length for
    /// all, the shortest, let "x" in a share bar's list pass every line starting with an x.
    AtStart {
        lens: Vec<usize>,
        keys: HashSet<u64, BuildPreHashed>,
        /// The literals' first bytes (ASCII ones lower-cased), one bit each: most lines
        /// are turned away by their first byte before any key is made (a set of anchored
        /// and unanchored patterns asks this of every line).
        firsts: [u64; 4],
    },
    /// Every match contains one of the literals (ASCII case ignored).
    Anywhere(AhoCorasick),
    /// Every match contains a literal of each of these lists of the built-in table
    /// (`BUILTIN_GATE_LISTS`), found by the shared [`GateIndex`].
    Indexed(&'static [u32]),
    /// Some gate lets the haystack through (a set's patterns, each with its own).
    AnyOf(Vec<Gate>),
}

/// A gate as `build.rs` wrote it into the built-in table.
pub(crate) enum StaticGate {
    Open,
    AtStart(&'static [&'static [u8]]),
    Anywhere(&'static [u32]),
    AnyOf(&'static [StaticGate]),
}

/// Bytes of a haystack's start looked up by [`Gate::AtStart`], at most (a key holds 8).
const MAX_KEY_LEN: usize = 6;

impl Gate {
    /// The gate of `spec`, for a pattern not in the built-in table: an `Anywhere` gate has
    /// an automaton of the `kind` given, of its best list.
    fn from_spec(spec: GateSpec, kind: AhoCorasickKind) -> Gate {
        match spec {
            GateSpec::Open => Gate::Open,
            GateSpec::AtStart(prefixes) => Gate::at_start(&prefixes),
            GateSpec::Anywhere(mut lists) => {
                literal_automaton(&lists.swap_remove(0), kind).map_or(Gate::Open, Gate::Anywhere)
            }
            GateSpec::AnyOf(members) => Gate::AnyOf(members.into_iter().map(|m| Gate::from_spec(m, kind)).collect()),
        }
    }

    /// The gate `build.rs` worked out for a built-in pattern.
    fn from_static(gate: &'static StaticGate) -> Gate {
        match gate {
            StaticGate::Open => Gate::Open,
            StaticGate::AtStart(prefixes) => Gate::at_start(prefixes),
            StaticGate::Anywhere(lists) => Gate::Indexed(lists),
            StaticGate::AnyOf(members) => Gate::AnyOf(members.iter().map(Gate::from_static).collect()),
        }
    }

    fn at_start(prefixes: &[impl AsRef<[u8]>]) -> Gate {
        let len_of = |l: &[u8]| l.len().min(MAX_KEY_LEN);
        let mut lens: Vec<usize> = prefixes.iter().map(|l| len_of(l.as_ref())).collect();
        lens.sort_unstable();
        lens.dedup();
        let keys = prefixes.iter().map(|l| case_folded_prefix_key(l.as_ref(), len_of(l.as_ref()))).collect();
        let mut firsts = [0u64; 4];
        for &b in prefixes.iter().filter_map(|l| l.as_ref().first()) {
            let b = b.to_ascii_lowercase();
            firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        Gate::AtStart { lens, keys, firsts }
    }

    /// Whether the gate searches with an automaton of its own.
    fn scans(&self) -> bool {
        match self {
            Gate::Anywhere(_) => true,
            Gate::AnyOf(members) => members.iter().any(Gate::scans),
            _ => false,
        }
    }

    /// Could a pattern match `haystack`, a part of the document `doc` was scanned from?
    fn may_match(&self, doc: &DocGates, haystack: &str) -> bool {
        match self {
            Gate::Indexed(lists) => lists.iter().all(|&list| doc.has_literal_of(list as usize, haystack)),
            Gate::AnyOf(members) => members.iter().any(|gate| gate.may_match(doc, haystack)),
            Gate::Open => true,
            Gate::AtStart { lens, keys, firsts } => {
                let head = first_eight(haystack.as_bytes());
                at_start_by_head(lens, keys, firsts, head, haystack.len())
                    .unwrap_or_else(|longest| haystack.chars().take(longest).any(|c| FOLDS_OUTSIDE_ASCII.contains(&c)))
            }
            Gate::Anywhere(ac) => ac.is_match(haystack),
        }
    }

    /// [`Gate::may_match`] for the trimmed text of line `line` of `article`, from its
    /// [`LineHead`] and the gate scan, without reading the text: true when the answer needs
    /// the text (a non-ASCII start, a gate with an automaton of its own).
    fn may_match_line(&self, doc: &DocGates, article: &Article, line: usize) -> bool {
        match self {
            Gate::Indexed(lists) => lists.iter().all(|&list| doc.line_has_literal(list as usize, article, line)),
            Gate::AnyOf(members) => members.iter().any(|gate| gate.may_match_line(doc, article, line)),
            Gate::Open | Gate::Anywhere(_) => true,
            Gate::AtStart { lens, keys, firsts } => {
                let LineHead { trimmed, head } = article.line_head(line);
                at_start_by_head(lens, keys, firsts, head, trimmed.len()).unwrap_or(true)
            }
        }
    }
}

/// [`Gate::AtStart`]'s answer for a haystack of `len` bytes that starts with the bytes of
/// `head` ([`first_eight`]), or `Err(n)` when a non-ASCII byte among its first `n` bytes
/// leaves it to the characters there ([`FOLDS_OUTSIDE_ASCII`]).
#[inline]
fn at_start_by_head(
    lens: &[usize],
    keys: &HashSet<u64, BuildPreHashed>,
    firsts: &[u64; 4],
    head: u64,
    len: usize,
) -> Result<bool, usize> {
    let first = (head as u8).to_ascii_lowercase();
    if len == 0 || (first.is_ascii() && firsts[usize::from(first >> 6)] & (1 << (first & 63)) == 0) {
        return Ok(false);
    }
    if lens.iter().any(|&l| l <= len && keys.contains(&folded_key(head & low_bytes(l)))) {
        return Ok(true);
    }
    let longest = lens.last().map_or(0, |&l| l.min(len));
    if head & LANE_HIGH & low_bytes(longest) != 0 { Err(longest) } else { Ok(false) }
}

/// Characters outside ASCII that `(?i)` matches for an ASCII letter: "ſ" for s, the
/// Kelvin sign for k.
const FOLDS_OUTSIDE_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// An automaton finding `literals` in any ASCII case, and the characters of
/// [`FOLDS_OUTSIDE_ASCII`]: `(?i)s` also matches "ſ" and `(?i)k` the Kelvin sign, which the
/// folded literals, matched ASCII-case-insensitively, do not, so either passes.
fn literal_automaton(literals: &[Vec<u8>], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    let folds = FOLDS_OUTSIDE_ASCII.iter().map(|c| c.to_string().into_bytes());
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(literals.iter().cloned().chain(folds))
        .ok()
}

/// The literals of every list of the built-in table, searched together. Built
/// once per process (while the rules load): building one automaton per gate was a third of
/// loading the rules, and scanning each document once per gate cost more than linting a
/// clean article.
struct GateIndex {
    /// The literals (lower-cased), [`FOLDS_OUTSIDE_ASCII`] last.
    literals: Vec<Vec<u8>>,
    /// Quick to build, for the first documents.
    scan: LiteralScan,
    /// Built once the index has scanned [`GATE_BUDGET_BYTES`], then several times as fast.
    faster: OnceLock<Prefixes>,
    budget: Budget,
    /// For each literal, the lists it belongs to; the last two ([`FOLDS_OUTSIDE_ASCII`])
    /// belong to every list.
    lists_of: Vec<Vec<u32>>,
}

impl GateIndex {
    fn get() -> &'static GateIndex {
        static INDEX: OnceLock<GateIndex> = OnceLock::new();
        INDEX.get_or_init(|| {
            let lists = built_in::BUILTIN_GATE_LISTS.iter().enumerate();
            let by_literal = lists.flat_map(|(list, literals)| {
                literals.iter().map(move |literal| (literal.to_ascii_lowercase(), list as u32))
            });
            let (mut literals, mut lists_of) = grouped(by_literal);
            let every_list: Vec<u32> = (0..built_in::BUILTIN_GATE_LISTS.len() as u32).collect();
            lists_of.extend(FOLDS_OUTSIDE_ASCII.map(|_| every_list.clone()));
            literals.extend(FOLDS_OUTSIDE_ASCII.map(|c| c.to_string().into_bytes()));
            let scan = LiteralScan::new(&literals);
            GateIndex { literals, scan, faster: OnceLock::new(), budget: Budget::default(), lists_of }
        })
    }

    /// Calls `found(literal, start, end)` for every occurrence of every literal in `text`.
    fn for_each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        let Some(prefixes) = self
            .faster
            .get()
            .or_else(|| self.budget.spend(text).then(|| self.faster.get_or_init(|| Prefixes::new(&self.literals))))
        else {
            return self.scan.for_each(text.as_bytes(), found);
        };
        let (bytes, dfa) = (text.as_bytes(), &prefixes.automaton);
        let mut state = dfa.start_state(Anchored::No).expect("an unanchored search starts");
        // A block at a time, so that a text dense with literals lists at most a block's
        // worth of matches before they are handed on.
        let (mut matched, mut later) = (Vec::new(), Default::default());
        for (block, chunk) in bytes.chunks(Prefixes::BLOCK).enumerate() {
            matched.clear();
            state = prefixes.walk_parts(chunk, block * Prefixes::BLOCK, state, &mut matched, &mut later);
            for &(end, match_state) in &matched {
                for k in 0..dfa.match_len(match_state) {
                    let prefix = dfa.match_pattern(match_state, k);
                    let start = end - dfa.pattern_len(prefix);
                    for &id in &prefixes.literals_of[prefix.as_usize()] {
                        let literal = &self.literals[id as usize];
                        let end = start + literal.len();
                        if bytes.get(start..end).is_some_and(|t| t.eq_ignore_ascii_case(literal)) {
                            found(id as usize, start, end);
                        }
                    }
                }
            }
        }
    }
}

/// An Aho-Corasick DFA of the literals' first [`Prefixes::LEN`] bytes: the DFA of whole
/// literals (up to 16 bytes) took 51 M instructions to build, twice as many, which a run
/// over one 1 MB file felt. A prefix found is checked for the whole literals it starts.
struct Prefixes {
    automaton: aho_corasick::dfa::DFA,
    /// Per prefix, the literals (indices into `GateIndex::literals`) that start with it.
    literals_of: Vec<Vec<u32>>,
}

impl Prefixes {
    const LEN: usize = 8;

    /// Walks side by side ([`Prefixes::walk_parts`]): the scan of the 100 MB bench file took
    /// 234-246 ms with 4, 199-209 ms with 8, 202-215 ms with 12, 261-266 ms with 16 (the
    /// states no longer fit in registers).
    const PARTS: usize = 8;

    /// Bytes walked before the prefixes found are handed on.
    const BLOCK: usize = 64 * 1024;

    /// Walks the automaton from `state` over `bytes` (at `offset` in the text), a state per
    /// byte, lists (end, state) for each byte that ends a prefix, and returns the state it
    /// ends in. A function of its own so that the walk keeps its state in registers:
    /// `find_overlapping_iter`, and the walk inlined into the caller, kept it in memory, at
    /// 20 instructions a byte.
    #[inline(never)]
    fn walk(&self, bytes: &[u8], offset: usize, mut state: StateID, matched: &mut Vec<(usize, StateID)>) -> StateID {
        let dfa = &self.automaton;
        for (at, &byte) in bytes.iter().enumerate() {
            state = dfa.next_state(Anchored::No, state, byte);
            if dfa.is_special(state) && dfa.is_match(state) {
                matched.push((offset + at + 1, state));
            }
        }
        state
    }

    /// [`Prefixes::walk`] over [`Prefixes::PARTS`] parts of `bytes` side by side, which a
    /// CPU runs at once: each step of a walk waits for the state the step before loaded,
    /// so one walk left most of the core idle (18% of a 100 MB run's time in 9% of its
    /// instructions; two walks side by side took 11%, four 8.5%). The walk of each part
    /// after the first starts [`Prefixes::LEN`] bytes early from the start state: a state
    /// stands for at most the last `LEN` bytes read, so by the part's start it is the
    /// state one walk would have, and matches ending in its head belong to the part
    /// before. Matches of the later parts wait in `held`, so that all are listed in order.
    #[inline(never)]
    fn walk_parts(
        &self,
        bytes: &[u8],
        offset: usize,
        state: StateID,
        matched: &mut Vec<(usize, StateID)>,
        held: &mut [Vec<(usize, StateID)>; Self::PARTS - 1],
    ) -> StateID {
        const N: usize = Prefixes::PARTS;
        let part = bytes.len() / N;
        if part < 4 * Self::LEN {
            return self.walk(bytes, offset, state, matched);
        }
        let dfa = &self.automaton;
        let start = dfa.start_state(Anchored::No).expect("an unanchored search starts");
        // Part k > 0 is walked from LEN bytes before it.
        let from = |k: usize| if k == 0 { 0 } else { k * part - Self::LEN };
        let ends: [usize; N] = std::array::from_fn(|k| if k == N - 1 { bytes.len() } else { (k + 1) * part });
        let parts: [&[u8]; N] = std::array::from_fn(|k| &bytes[from(k)..from(k) + part]);
        let mut states = [start; N];
        states[0] = state;
        held.iter_mut().for_each(Vec::clear);
        // Each step reads byte `at` of every part.
        #[allow(clippy::needless_range_loop)]
        for at in 0..part {
            for k in 0..N {
                states[k] = dfa.next_state(Anchored::No, states[k], parts[k][at]);
            }
            if dfa.is_special(states[0]) && dfa.is_match(states[0]) {
                matched.push((offset + at + 1, states[0]));
            }
            if at >= Self::LEN {
                for k in 1..N {
                    if dfa.is_special(states[k]) && dfa.is_match(states[k]) {
                        held[k - 1].push((offset + from(k) + at + 1, states[k]));
                    }
                }
            }
        }
        let mut state = states[0];
        // Each later part's walk goes on from where the loop left it to the part's end.
        for k in 1..N {
            matched.append(&mut held[k - 1]);
            let done = from(k) + part;
            state = self.walk(&bytes[done..ends[k]], offset + done, states[k], matched);
        }
        state
    }

    fn new(literals: &[Vec<u8>]) -> Prefixes {
        let by_prefix =
            (literals.iter().enumerate()).map(|(id, literal)| (&literal[..literal.len().min(Self::LEN)], id as u32));
        let (prefixes, literals_of) = grouped(by_prefix);
        // No prefilter: the walk above does not use one (and it costs building).
        let automaton = aho_corasick::dfa::Builder::new()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&prefixes)
            .expect("the gate literals make an automaton");
        Prefixes { automaton, literals_of }
    }
}

/// The distinct keys of `items` in the order they first come, each with the ids given
/// with it (an id given twice in a row is kept once).
fn grouped<K: Eq + std::hash::Hash + Clone>(items: impl IntoIterator<Item = (K, u32)>) -> (Vec<K>, Vec<Vec<u32>>) {
    let (mut keys, mut ids): (Vec<K>, Vec<Vec<u32>>) = (Vec::new(), Vec::new());
    let mut position = std::collections::HashMap::with_hasher(crate::text::BuildWordHasher::default());
    for (key, id) in items {
        let at = *position.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            ids.push(Vec::new());
            keys.len() - 1
        });
        if ids[at].last() != Some(&id) {
            ids[at].push(id);
        }
    }
    (keys, ids)
}

/// Builds the shared index of the built-in gates now, rather than on the first document
/// (start-up builds it while the rules load).
pub fn prepare() {
    GateIndex::get();
}

/// Where the literals of each list of the built-in table are in a document, found in one
/// scan: enough to answer a gate for the whole document or for any part of it, such as a
/// line, without scanning again.
#[derive(Clone, Debug)]
pub struct DocGates {
    /// Per list, the (start, end) of each of its literals found, in order of their ends.
    found: Vec<Vec<(u32, u32)>>,
    /// Per list, a bit per line of the article: whether the line's trimmed text holds one
    /// of the list's literals ([`DocGates::line_has_literal`]), for every line at once on
    /// the first ask.
    lines_with: Vec<OnceLock<Vec<u64>>>,
    /// Whether `found` holds every occurrence. A hostile text packed with literals would
    /// need more memory for them than for itself, so recording stops at one occurrence
    /// per [`DocGates::BYTES_PER_OCCURRENCE`] bytes (news has one per 70); from then on a
    /// list found anywhere passes every part of the document.
    complete: bool,
    /// Where the document is, to place a haystack in it.
    text: std::ops::Range<usize>,
}

impl DocGates {
    /// Bytes of text per occurrence recorded, at least: 8 bytes recorded, 8 bytes of text.
    const BYTES_PER_OCCURRENCE: usize = 8;

    /// Scans `text` once for every literal of the built-in gates.
    pub fn scan(text: &str) -> DocGates {
        let index = GateIndex::get();
        let mut found = vec![Vec::new(); built_in::BUILTIN_GATE_LISTS.len()];
        let (mut recorded, max) = (0, text.len() / Self::BYTES_PER_OCCURRENCE);
        let mut complete = u32::try_from(text.len()).is_ok();
        let record = |literal: usize, start: usize, end: usize| {
            for &list in &index.lists_of[literal] {
                let row: &mut Vec<(u32, u32)> = &mut found[list as usize];
                complete &= recorded < max;
                if complete || row.is_empty() {
                    row.push((start as u32, end as u32));
                    recorded += 1;
                }
            }
        };
        index.for_each(text, record);
        // Neither scan reports occurrences in the order of their ends.
        for row in &mut found {
            row.sort_unstable_by_key(|&(_, end)| end);
        }
        let start = text.as_ptr() as usize;
        let lines_with = found.iter().map(|_| OnceLock::new()).collect();
        DocGates { found, lines_with, complete, text: start..start + text.len() }
    }

    /// Whether `haystack`, a part of the document, holds a literal of `list`.
    fn has_literal_of(&self, list: usize, haystack: &str) -> bool {
        let found = &self.found[list];
        let at = haystack.as_ptr() as usize;
        let inside = self.text.start <= at && at + haystack.len() <= self.text.end;
        debug_assert!(inside || haystack.is_empty(), "a gated haystack must be part of the scanned document");
        if found.is_empty() || !self.complete || !inside {
            return !found.is_empty();
        }
        let (start, end) = ((at - self.text.start) as u32, (at - self.text.start + haystack.len()) as u32);
        let first = found.partition_point(|&(_, e)| e <= start);
        found[first..].iter().take_while(|&&(_, e)| e <= end).any(|&(s, _)| s >= start)
    }

    /// [`DocGates::has_literal_of`] the trimmed text of line `line` of `article`, the
    /// document scanned. Rules ask it of every line, and each ask searched the list's
    /// occurrences, a wait on memory at each step of the search on a long text (7% of a
    /// 100 MB run); here the first ask places each occurrence on its line, in one forward
    /// pass, and every ask after is a bit.
    fn line_has_literal(&self, list: usize, article: &Article, line: usize) -> bool {
        let found = &self.found[list];
        if found.is_empty() || !self.complete {
            return !found.is_empty();
        }
        let lines = self.lines_with[list].get_or_init(|| {
            let mut lines = vec![0u64; article.lines.len() / 64 + 1];
            let mut at = 0;
            for &(start, end) in found {
                // An occurrence inside a line's trimmed text is on the line its start is on.
                at = article.line_of_from(start as usize, at);
                let trimmed = article.line_head(at).trimmed;
                if trimmed.start <= start as usize && end as usize <= trimmed.end {
                    crate::word_map::set_bit(&mut lines, at);
                }
            }
            lines
        });
        lines.get(line / 64).is_some_and(|bits| bits >> (line % 64) & 1 == 1)
    }
}

/// The document's [`DocGates`], scanned on first use.
pub fn doc_gates<'a>(article: &'a Article) -> &'a DocGates {
    article.gate_hits.get_or_init(|| DocGates::scan(article.text))
}

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

    /// Whether to compile for `haystack`: it could match, or a gate that scans has spent
    /// its budget.
    fn opens_for(&self, doc: &DocGates, haystack: &str) -> bool {
        (self.gate.scans() && self.budget.spend(haystack)) || self.gate.may_match(doc, haystack)
    }
}

/// One regex, compiled when first needed.
pub struct LazyRegex {
    pattern: String,
    /// Capture groups, the implicit whole-match group included (as `Regex::captures_len`).
    captures_len: usize,
    size_limit: usize,
    /// Every match lies within a line ([`PatternFacts::one_line`]).
    one_line: bool,
    /// Compiled without a literal prefilter, for the first texts while they are short: a
    /// third to a half cheaper to compile (the spin rule "digit-for-word" 3.2 M -> 1.7 M
    /// instructions), and a short text is searched as fast without one.
    quick: OnceLock<Regex>,
    /// Compiled with its prefilter, once the regex has searched [`QUICK_SEARCH_BYTES`].
    full: OnceLock<Regex>,
    /// Bytes searched so far, against [`QUICK_SEARCH_BYTES`].
    searched: AtomicUsize,
    gate: Budgeted,
}

/// Bytes a regex searches, in all, without a prefilter before it compiles with one: about
/// where scanning every byte with the lazy DFA has cost what the prefilter's compile saved.
const QUICK_SEARCH_BYTES: usize = 64 * 1024;

impl LazyRegex {
    /// A regex (of a built-in rule) that compiles on first need.
    pub(crate) fn deferred(pattern: String, size_limit: usize) -> LazyRegex {
        let (captures_len, one_line, gate) = facts_of(std::slice::from_ref(&pattern));
        let gate = Budgeted::new(match gate {
            GateOf::Table(gate) => Gate::from_static(gate),
            GateOf::Spec(spec) => Gate::from_spec(spec, FAST_TO_BUILD),
        });
        let (quick, full, searched) = (OnceLock::new(), OnceLock::new(), AtomicUsize::new(0));
        LazyRegex { pattern, captures_len, size_limit, one_line, quick, full, searched, gate }
    }

    /// A regex (of a user's rule pack) compiled now; `None` when it does not compile.
    pub(crate) fn compiled(pattern: String, size_limit: usize) -> Option<LazyRegex> {
        let full = try_build(&pattern, size_limit, true).ok()?;
        let captures_len = full.captures_len();
        let (quick, full, searched) = (OnceLock::new(), OnceLock::from(full), AtomicUsize::new(0));
        let gate = Budgeted::new(Gate::Open);
        Some(LazyRegex { pattern, captures_len, size_limit, one_line: false, quick, full, searched, gate })
    }

    /// Capture groups, the whole match's included, as [`Regex::captures_len`] counts them.
    pub fn captures_len(&self) -> usize {
        self.captures_len
    }

    /// The lines of `article` that may hold a match, in order, when that is known without
    /// searching: every match lies within a line, and the gate asks for literals of lists
    /// the document scan found (the lines holding one of the list found least often, that
    /// pass the whole gate: [`LazyRegex::for_haystack`] stops asking the gate once the
    /// regex has its prefilter, and the gate's answer from the scan is cheaper than a search).
    /// `None`: search the whole text.
    ///
    /// Why: a regex whose prefilter is common words ("the", "of" before a digit) stops at
    /// every one of them; the document scan already knows the few lines with its rarer
    /// literal (" 2 ").
    pub fn candidate_lines(&self, article: &Article) -> Option<Vec<usize>> {
        let Gate::Indexed(lists) = &self.gate.gate else { return None };
        let doc = doc_gates(article);
        if !self.one_line || !doc.complete {
            return None;
        }
        let rarest = lists.iter().map(|&list| &doc.found[list as usize]).min_by_key(|found| found.len())?;
        let mut line = 0;
        let mut lines: Vec<usize> = (rarest.iter())
            .map(|&(start, _)| {
                line = article.line_of_from(start as usize, line);
                line
            })
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines.retain(|&line| self.gate.gate.may_match(doc, article.line_text(line)));
        Some(lines)
    }

    /// The regex, to search `haystack`, a part of `article`'s text; `None` when it cannot
    /// match there. Compiled with its prefilter the regex is returned as is: the prefilter
    /// does the gate's work, faster; without one, the gate still turns texts away.
    pub fn for_haystack(&self, article: &Article, haystack: &str) -> Option<&Regex> {
        if let Some(r) = self.full.get() {
            return Some(r);
        }
        if !self.gate.opens_for(doc_gates(article), haystack) {
            return None;
        }
        let searched = self.searched.fetch_add(haystack.len(), Ordering::Relaxed) + haystack.len();
        let compile = |prefilter| build(&self.pattern, self.size_limit, prefilter);
        Some(match searched > QUICK_SEARCH_BYTES {
            true => self.full.get_or_init(|| compile(true)),
            false => self.quick.get_or_init(|| compile(false)),
        })
    }
}

/// `pattern` compiled as the regex crate would, with or without its literal prefilter.
fn try_build(
    pattern: &str,
    size_limit: usize,
    prefilter: bool,
) -> Result<Regex, Box<regex_automata::meta::BuildError>> {
    let config = regex_automata::meta::Config::new()
        .nfa_size_limit(Some(size_limit))
        .onepass_size_limit(Some(size_limit))
        .auto_prefilter(prefilter);
    Regex::builder().configure(config).build(pattern).map_err(Box::new)
}

/// [`try_build`] for a built-in pattern, which is tested.
fn build(pattern: &str, size_limit: usize, prefilter: bool) -> Regex {
    try_build(pattern, size_limit, prefilter).unwrap_or_else(|e| panic!("regex `{pattern}` does not compile: {e}"))
}

/// A set of regexes (one list of a rule's data), compiled when first needed.
pub struct LazySet {
    patterns: Vec<String>,
    size_limit: usize,
    compiled: OnceLock<SetMatcher>,
    gate: LineGate,
}

/// A compiled set: a user's, as the regex crate builds it; a built-in one as a forward
/// lazy DFA alone, since a set is only asked whether any pattern matches. The regex
/// crate's set also compiles a reverse NFA and prefilters, for finding where a match
/// starts (a 10 KB article compiled 8.1 M instructions of sets that way, 6.1 M now).
enum SetMatcher {
    Full(RegexSet),
    MatchOnly(Box<MatchOnly>),
}

struct MatchOnly {
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync>>,
    /// For a haystack the lazy DFA gives up on (it may, on a Unicode word boundary next
    /// to a non-ASCII letter): the regex crate's set, compiled then.
    fallback: OnceLock<RegexSet>,
}

impl LazySet {
    /// A set (of a built-in rule) that compiles on first need.
    pub(crate) fn deferred(patterns: Vec<String>, size_limit: usize) -> LazySet {
        let gate = LineGate::new(facts_of(&patterns).2);
        LazySet { patterns, size_limit, compiled: OnceLock::new(), gate }
    }

    /// A set compiled now.
    pub(crate) fn compiled(patterns: Vec<String>, set: RegexSet) -> LazySet {
        let compiled = OnceLock::from(SetMatcher::Full(set));
        LazySet { patterns, size_limit: 0, compiled, gate: LineGate::Fixed(Gate::Open) }
    }

    /// Does any pattern match `haystack`, a part of `article`'s text? The gate stays in
    /// front of the compiled set: on a line, a lookup or a small automaton turns most
    /// lines away for less than the set's own search (measured: running the set on every
    /// line cost a quarter more).
    pub fn is_match(&self, article: &Article, haystack: &str) -> bool {
        if !self.gate.may_match(doc_gates(article), haystack) {
            return false;
        }
        match self.compiled.get_or_init(|| self.match_only()) {
            SetMatcher::Full(set) => set.is_match(haystack),
            SetMatcher::MatchOnly(m) => {
                let input = regex_automata::Input::new(haystack).earliest(true);
                match m.dfa.try_search_fwd(&mut m.caches.get(), &input) {
                    Ok(found) => found.is_some(),
                    Err(_) => m.fallback.get_or_init(|| self.full()).is_match(haystack),
                }
            }
        }
    }

    /// Could any pattern match the trimmed text of line `line` of `article`? Answered
    /// from the article's [`LineHead`]s and the document's gate scan, without reading the
    /// line: a rule that asks this of every line before [`LazySet::is_match`] (as
    /// [`LazySet::is_match_line`] does) leaves the text of most lines untouched. On a long
    /// text each pass over its lines read every line's first and last bytes from memory
    /// (line-runs, ten rules: 6% of a 100 MB run).
    pub fn may_match_line(&self, article: &Article, line: usize) -> bool {
        match &self.gate {
            LineGate::Fixed(gate) => gate.may_match_line(doc_gates(article), article, line),
            LineGate::Literals { .. } => true,
        }
    }

    /// [`LazySet::is_match`] on the trimmed text of line `line` of `article`, asking
    /// [`LazySet::may_match_line`] first: the line is read only when its gate lets it
    /// through.
    pub fn is_match_line(&self, article: &Article, line: usize) -> bool {
        self.may_match_line(article, line) && self.is_match(article, article.slice(article.line_head(line).trimmed))
    }

    fn match_only(&self) -> SetMatcher {
        let built = hybrid::dfa::DFA::builder()
            .configure(hybrid::dfa::Config::new().unicode_word_boundary(true))
            .thompson(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(self.size_limit)),
            )
            .build_many(&self.patterns);
        match built {
            Ok(dfa) => {
                let for_caches = dfa.clone();
                let caches: Pool<_, Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync>> =
                    Pool::new(Box::new(move || for_caches.create_cache()));
                SetMatcher::MatchOnly(Box::new(MatchOnly { dfa, caches, fallback: OnceLock::new() }))
            }
            Err(_) => SetMatcher::Full(self.full()),
        }
    }

    fn full(&self) -> RegexSet {
        RegexSetBuilder::new(&self.patterns)
            .size_limit(self.size_limit)
            .build()
            .unwrap_or_else(|e| panic!("built-in regex set does not compile: {e}"))
    }
}

/// The automaton a gate starts with: the plainest, fastest to build (most gates search a
/// few kilobytes before their regex compiles, or for ever if the run is one article).
const FAST_TO_BUILD: AhoCorasickKind = AhoCorasickKind::NoncontiguousNFA;

/// A set's gate, asked about every line of every document. A built-in set's literals are
/// looked up in the document's [`DocGates`]. Other literals get an automaton of their own,
/// built on first need and rebuilt as a DFA once it has scanned [`GATE_BUDGET_BYTES`]:
/// slower to build, faster to search.
enum LineGate {
    /// `Open`, `AtStart` or `Indexed`: no automaton of its own.
    Fixed(Gate),
    Literals {
        literals: Vec<Vec<u8>>,
        budget: Budget,
        first: OnceLock<Gate>,
        faster: OnceLock<Gate>,
    },
}

impl LineGate {
    fn new(gate: GateOf) -> LineGate {
        let spec = match gate {
            GateOf::Table(gate) => return LineGate::Fixed(Gate::from_static(gate)),
            GateOf::Spec(spec) => spec,
        };
        match spec {
            GateSpec::Anywhere(_) | GateSpec::AnyOf(_) => match spec.one_list() {
                Some(literals) => LineGate::Literals {
                    literals,
                    budget: Budget::default(),
                    first: OnceLock::new(),
                    faster: OnceLock::new(),
                },
                None => LineGate::Fixed(Gate::Open),
            },
            spec => LineGate::Fixed(Gate::from_spec(spec, FAST_TO_BUILD)),
        }
    }

    fn may_match(&self, doc: &DocGates, haystack: &str) -> bool {
        let (literals, budget, first, faster) = match self {
            LineGate::Fixed(gate) => return gate.may_match(doc, haystack),
            LineGate::Literals { literals, budget, first, faster } => (literals, budget, first, faster),
        };
        let build = |kind| Gate::from_spec(GateSpec::Anywhere(vec![literals.clone()]), kind);
        if let Some(faster) = faster.get() {
            return faster.may_match(doc, haystack);
        }
        if budget.spend(haystack) {
            return faster.get_or_init(|| build(AhoCorasickKind::DFA)).may_match(doc, haystack);
        }
        first.get_or_init(|| build(FAST_TO_BUILD)).may_match(doc, haystack)
    }
}

mod built_in {
    use super::StaticGate;
    include!(concat!(env!("OUT_DIR"), "/builtin_pattern_facts.rs"));
}

/// A pattern list's gate: from the table `build.rs` made of the built-in rules, or worked
/// out now for a list it did not foresee.
enum GateOf {
    Table(&'static StaticGate),
    Spec(GateSpec),
}

/// The capture groups of `patterns`, whether their matches stay within a line, and their
/// gate.
fn facts_of(patterns: &[String]) -> (usize, bool, GateOf) {
    let key = patterns.join("\0");
    match built_in::BUILTIN_PATTERN_FACTS.binary_search_by(|(k, ..)| (*k).cmp(key.as_str())) {
        Ok(i) => {
            let (_, captures_len, one_line, ref gate) = built_in::BUILTIN_PATTERN_FACTS[i];
            (captures_len, one_line, GateOf::Table(gate))
        }
        Err(_) => {
            let PatternFacts { gate, captures_len, one_line } =
                facts(&patterns.iter().map(String::as_str).collect::<Vec<_>>());
            (captures_len, one_line, GateOf::Spec(gate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(patterns: &[&str]) -> Gate {
        Gate::from_spec(facts(patterns).gate, FAST_TO_BUILD)
    }

    /// Asks `gate` about `haystack` as a whole document.
    fn passes(gate: &Gate, haystack: &str) -> bool {
        gate.may_match(&DocGates::scan(haystack), haystack)
    }

    #[test]
    fn anchored_sets_are_gated_by_their_first_bytes_in_any_case() {
        let g = gate(&["^(?i:advertisement|sponsored content)$", "^Related posts"]);
        assert!(matches!(g, Gate::AtStart { .. }));
        for yes in ["ADVERTISEMENT", "Sponsored", "related posts:", "\u{17F}ponsored", "adverti"] {
            assert!(passes(&g, yes), "{yes}");
        }
        for no in ["The advertisement ran.", "Spon", "", "Mentioned"] {
            assert!(!passes(&g, no), "{no}");
        }
    }

    #[test]
    fn a_short_literal_among_long_ones_opens_only_for_itself() {
        let g = gate(&["^(?i:facebook|x|email)$"]);
        for yes in ["X", "Facebook", "EMAIL", "x marks"] {
            assert!(passes(&g, yes), "{yes}");
        }
        for no in ["Fa", "Emergency services", "Every day"] {
            assert!(!passes(&g, no), "{no}");
        }
    }

    #[test]
    fn other_patterns_need_one_of_their_literals_somewhere() {
        let g = gate(&[r"(?-u:\b)(in accordance with) \d", r"(?m)(?:^|[.!?]\s+)(Per week) (?:after|before)"]);
        assert!(matches!(g, Gate::Anywhere(_)), "patterns of one list each share one list");
        assert!(passes(&g, "Spent IN ACCORDANCE WITH 2 rules"));
        assert!(passes(&g, "Then. Per week after"));
        assert!(!passes(&g, "A month later, per the rules."));
        assert!(matches!(gate(&[r"^[a-z]{6,30}$"]), Gate::Open));
        assert!(matches!(gate(&[r"^\s*$"]), Gate::Open), "an empty match has no literal");
        assert!(matches!(gate(&["^News$", r"\w+"]), Gate::Open), "one open pattern opens the set");
    }

    /// A built-in pattern whose gate asks for a literal of one list, and that list; one
    /// whose matches stay within a line when `one_line`.
    fn indexed_pattern_where(one_line: bool) -> (String, usize) {
        built_in::BUILTIN_PATTERN_FACTS
            .iter()
            .find_map(|(key, _, within_a_line, gate)| match gate {
                StaticGate::Anywhere([list]) if !key.contains('\0') && *within_a_line == one_line => {
                    Some((key.to_string(), *list as usize))
                }
                _ => None,
            })
            .expect("the table has a lone pattern gated by one list")
    }

    fn indexed_pattern() -> (String, usize) {
        indexed_pattern_where(true)
    }

    #[test]
    fn a_pattern_within_a_line_is_searched_only_on_lines_with_its_literal() {
        let (pattern, _) = indexed_pattern_where(true);
        let literal = literal_of(&pattern);
        let text = format!("First line.\nThen {literal} here.\nNothing.\n{literal}\n");
        let regex = LazyRegex::deferred(pattern.clone(), 1 << 20);
        assert_eq!(regex.candidate_lines(&Article::parse(&text)), Some(vec![1, 3]), "{pattern}");
        assert_eq!(regex.candidate_lines(&Article::parse("No literal at all.")), Some(vec![]));
        let (across_lines, _) = indexed_pattern_where(false);
        let literal = literal_of(&across_lines);
        let text = format!("A\n{literal}\n");
        let regex = LazyRegex::deferred(across_lines.clone(), 1 << 20);
        assert_eq!(regex.candidate_lines(&Article::parse(&text)), None, "{across_lines} may match across lines");
    }

    #[test]
    fn one_scan_of_a_document_answers_for_every_built_in_gate() {
        let (pattern, row) = indexed_pattern();
        let (_, _, gate) = facts_of(std::slice::from_ref(&pattern));
        assert!(matches!(gate, GateOf::Table(StaticGate::Anywhere([list])) if *list as usize == row));
        let literal = literal_of(&pattern).to_ascii_uppercase();
        let with = format!("Some prose, then {literal} and more.");
        let without = "Some prose without any of them: 0.";
        assert!(DocGates::scan(&with).has_literal_of(row, &with));
        assert!(!DocGates::scan(without).has_literal_of(row, without));
        let kelvin = "tan\u{212A}";
        assert!(DocGates::scan(kelvin).has_literal_of(row, kelvin), "(?i)k matches the Kelvin sign");
    }

    #[test]
    fn the_index_scans_with_a_dfa_once_it_has_spent_its_budget_with_the_same_answers() {
        let (pattern, row) = indexed_pattern();
        let literal = literal_of(&pattern);
        let page = format!("{}{literal}", "x".repeat(GATE_BUDGET_BYTES));
        assert!(DocGates::scan(&page).has_literal_of(row, &page));
        assert!(GateIndex::get().faster.get().is_some());
        assert!(!DocGates::scan(&page[..GATE_BUDGET_BYTES]).has_literal_of(row, &page[..GATE_BUDGET_BYTES]));
    }

    #[test]
    fn the_dfa_of_prefixes_finds_whole_literals_as_the_quick_scan_does() {
        let literals: Vec<Vec<u8>> = ["for the reason that", "for the", "mentioned.", "mentioned,", "\u{212A}"]
            .map(|l| l.as_bytes().to_vec())
            .into();
        let index = |faster: OnceLock<Prefixes>| GateIndex {
            scan: LiteralScan::new(&literals),
            literals: literals.clone(),
            faster,
            budget: Budget::default(),
            lists_of: vec![Vec::new(); literals.len()],
        };
        let (quick, dfa) = (index(OnceLock::new()), index(OnceLock::from(Prefixes::new(&literals))));
        let text = "For the record, it MENTIONED. For the reason that, for the reasons, mentioned; \u{212A}.";
        let found = |index: &GateIndex| {
            let mut all = Vec::new();
            index.for_each(text, |id, start, end| all.push((start, end, id)));
            all.sort_unstable();
            all
        };
        assert_eq!(found(&dfa), found(&quick));
        assert_eq!(
            found(&dfa).len(),
            6,
            "two \"for the\", one reason, one mentioned., the Kelvin sign: {:?}",
            found(&dfa)
        );
    }

    #[test]
    fn walking_the_parts_side_by_side_finds_what_one_walk_finds() {
        let literals: Vec<Vec<u8>> =
            ["for the", "mentioned", "ab", "b", "abcdefghij"].map(|l| l.as_bytes().to_vec()).into();
        let prefixes = Prefixes::new(&literals);
        let start = prefixes.automaton.start_state(Anchored::No).unwrap();
        let walks = |text: &[u8]| {
            let (mut one, mut parts) = (Vec::new(), Vec::new());
            let end_one = prefixes.walk(text, 7, start, &mut one);
            let end_parts = prefixes.walk_parts(text, 7, start, &mut parts, &mut Default::default());
            (one, end_one, parts, end_parts)
        };
        let piece = "xx For The abcdefghij mentioned ab b ";
        let text = piece.repeat(20);
        for len in 0..text.len() {
            let (one, end_one, parts, end_parts) = walks(&text.as_bytes()[..len]);
            assert_eq!(one, parts, "{len} bytes");
            assert_eq!(end_one, end_parts, "{len} bytes");
        }
        // A match across each part's start, at every offset.
        for shift in 0..24 {
            let text = format!("{}{}", "y".repeat(shift), "abcdefghij".repeat(40));
            let (one, _, parts, _) = walks(text.as_bytes());
            assert_eq!(one, parts, "shift {shift}");
            assert!(one.len() >= 80, "{}", one.len());
        }
    }

    #[test]
    fn a_gated_regex_compiles_only_for_a_haystack_that_could_match() {
        let r = LazyRegex::deferred(r"(?i)\bsuppose tank\b".into(), 1 << 20);
        let think = Article::parse("A think tank said.");
        assert!(r.for_haystack(&think, think.text).is_none());
        assert!(r.quick.get().is_none() && r.full.get().is_none());
        let kelvin = LazyRegex::deferred(r"(?i)^tank".into(), 1 << 20);
        let tank = Article::parse("tan\u{212A}");
        assert!(kelvin.for_haystack(&tank, tank.text).is_some(), "(?i)k matches the Kelvin sign");
        let suppose = Article::parse("A SUPPOSE TANK said.");
        let found = r.for_haystack(&suppose, suppose.text).map(|re| re.is_match(suppose.text));
        assert_eq!(found, Some(true));
        assert!(r.quick.get().is_some() && r.full.get().is_none(), "a short text: no prefilter");
        assert!(r.for_haystack(&think, think.text).is_none(), "without its prefilter, the gate still asks");
    }

    #[test]
    fn a_regex_compiles_with_its_prefilter_once_it_has_searched_its_quick_budget() {
        let r = LazyRegex::deferred(r"(?i)\bsuppose tank\b".into(), 1 << 20);
        let short = Article::parse("A suppose tank said.");
        assert!(r.for_haystack(&short, short.text).is_some_and(|re| re.is_match(short.text)));
        assert!(r.full.get().is_none());
        let long = format!("{}A suppose tank said.", "Plain prose here. ".repeat(QUICK_SEARCH_BYTES / 16));
        let long = Article::parse(&long);
        assert!(r.for_haystack(&long, long.text).is_some_and(|re| re.is_match(long.text)));
        assert!(r.full.get().is_some());
        assert!(r.for_haystack(&short, "plain").is_some(), "with its prefilter, used from then on");
    }

    #[test]
    fn the_build_scripts_facts_are_what_the_patterns_give_now() {
        let table = built_in::BUILTIN_PATTERN_FACTS;
        assert!(table.len() > 100, "build.rs found {} pattern lists in lints/", table.len());
        for (key, captures_len, one_line, gate) in table {
            let patterns: Vec<&str> = key.split('\0').collect();
            let expected = PatternFacts { gate: spec_of(gate), captures_len: *captures_len, one_line: *one_line };
            assert_eq!(expected, facts(&patterns), "{key}");
        }
    }

    /// The spec a table gate was written from.
    fn spec_of(gate: &StaticGate) -> GateSpec {
        let literals = |list: &[&[u8]]| list.iter().map(|l| l.to_vec()).collect();
        match gate {
            StaticGate::Open => GateSpec::Open,
            StaticGate::AtStart(prefixes) => GateSpec::AtStart(literals(prefixes)),
            StaticGate::Anywhere(lists) => {
                GateSpec::Anywhere(lists.iter().map(|&l| literals(built_in::BUILTIN_GATE_LISTS[l as usize])).collect())
            }
            StaticGate::AnyOf(members) => GateSpec::AnyOf(members.iter().map(spec_of).collect()),
        }
    }

    #[test]
    fn a_gate_that_scans_compiles_its_regex_once_it_has_scanned_its_budget() {
        let r = LazyRegex::deferred(r"(?i)\bsuppose tank\b".into(), 1 << 20);
        assert!(matches!(r.gate.gate, Gate::Anywhere(_)), "not in the built-in table");
        let page = "A think tank said so. ".repeat(1000);
        let page = Article::parse(&page[..GATE_BUDGET_BYTES / 4]);
        let opened: Vec<bool> = (0..5).map(|_| r.for_haystack(&page, page.text).is_some()).collect();
        assert_eq!(opened, [false, false, false, true, true], "the fourth page spends the budget");
        assert!(!r.for_haystack(&page, page.text).unwrap().is_match(page.text));
    }

    #[test]
    fn a_line_gate_that_has_scanned_its_budget_searches_with_a_dfa_and_the_same_answers() {
        let set = LazySet::deferred(vec![r"(?i)^.{3,40} (?:is|are) now available$".into()], 1 << 20);
        let text = "Tickets are now available\nThe TICKETS ARE NOW AVAILABLE\nPlain prose line here.";
        let doc = Article::parse(text);
        let answers: Vec<bool> = text.lines().map(|l| set.is_match(&doc, l)).collect();
        assert_eq!(answers, [true, true, false]);
        let filler = "x".repeat(GATE_BUDGET_BYTES);
        let filler = Article::parse(&filler);
        assert!(!set.is_match(&filler, filler.text));
        assert!(matches!(&set.gate, LineGate::Literals { faster, .. } if faster.get().is_some()));
        assert_eq!(text.lines().map(|l| set.is_match(&doc, l)).collect::<Vec<_>>(), answers);
        let kelvin = Article::parse("\u{212A}");
        assert!(set.gate.may_match(doc_gates(&kelvin), kelvin.text), "the Kelvin sign still passes");
    }

    #[test]
    fn the_line_head_answers_every_built_in_gate_as_the_line_does() {
        let mut lines: Vec<String> =
            ["", "   ", "Plain prose line.", "\u{17F}ponsored", "\u{212A}eep", "é ad", " x"].map(String::from).into();
        let mut literals = |gate: &StaticGate| match gate {
            StaticGate::AtStart(prefixes) => {
                prefixes.iter().for_each(|p| lines.push(String::from_utf8_lossy(p).into()))
            }
            StaticGate::Anywhere(lists) => lines.push(format!(
                "Some {} here",
                String::from_utf8_lossy(built_in::BUILTIN_GATE_LISTS[lists[0] as usize][0])
            )),
            _ => {}
        };
        for (.., gate) in built_in::BUILTIN_PATTERN_FACTS {
            match gate {
                StaticGate::AnyOf(members) => members.iter().for_each(&mut literals),
                gate => literals(gate),
            }
        }
        let variants: Vec<String> =
            lines.iter().flat_map(|l| [l.clone(), format!("\t {} ", l.to_uppercase())]).collect();
        let text = variants.join("\n");
        let article = Article::parse(&text);
        let doc = doc_gates(&article);
        let (mut passed, mut turned_away) = (0, 0);
        for (.., gate) in built_in::BUILTIN_PATTERN_FACTS {
            let gate = Gate::from_static(gate);
            for n in 0..article.lines.len() {
                let line = article.line_text(n).trim();
                let by_head = gate.may_match_line(doc, &article, n);
                let by_line = gate.may_match(doc, line);
                if line.bytes().take(8).all(|b| b.is_ascii()) {
                    assert_eq!(by_line, by_head, "{line:?}");
                } else {
                    assert!(!by_line || by_head, "{line:?}");
                }
                (passed, turned_away) = (passed + usize::from(by_head), turned_away + usize::from(!by_head));
            }
        }
        assert!(passed > 100 && turned_away > 100, "{passed} passed, {turned_away} turned away");
    }

    /// The first literal of the one list an indexed pattern's gate asks for.
    fn literal_of(pattern: &str) -> String {
        let (_, _, GateOf::Table(StaticGate::Anywhere(lists))) = facts_of(&[pattern.to_string()]) else {
            unreachable!()
        };
        String::from_utf8(built_in::BUILTIN_GATE_LISTS[lists[0] as usize][0].to_vec()).unwrap()
    }

    #[test]
    fn a_gate_of_several_lists_needs_a_literal_of_each() {
        let (first, second) = (&built_in::BUILTIN_GATE_LISTS[0], &built_in::BUILTIN_GATE_LISTS[1]);
        let [a, b] = [first[0], second[0]].map(|l| String::from_utf8(l.to_vec()).unwrap());
        let gate = Gate::Indexed(&[0, 1]);
        let text = format!("Plain prose.\nOnly {a} here.\nBoth {a} and {b} here.\nOnly {b}.");
        let lines: Vec<&str> = text.lines().collect();
        let doc = DocGates::scan(&text);
        let answers: Vec<bool> = lines.iter().map(|l| gate.may_match(&doc, l)).collect();
        assert_eq!(answers, [false, false, true, false]);
    }

    #[test]
    fn a_built_in_set_asks_the_document_scan_whether_a_line_holds_one_of_its_literals() {
        let (pattern, row) = indexed_pattern();
        let literal = literal_of(&pattern);
        let set = LazySet::deferred(vec![pattern], 1 << 20);
        assert!(matches!(set.gate, LineGate::Fixed(Gate::Indexed(lists)) if lists == [row as u32]));
        let text = format!("Plain prose.\nThen {literal} here.");
        let doc = Article::parse(&text);
        let gates = doc_gates(&doc);
        let (prose, with) = text.split_once('\n').unwrap();
        assert!(!set.gate.may_match(gates, prose));
        assert!(set.gate.may_match(gates, with));
        assert!(set.gate.may_match(gates, &with[5..5 + literal.len()]), "exactly the literal");
        assert!(!set.gate.may_match(gates, &with[..5 + literal.len() - 1]), "all but its last byte");
        assert!(!set.gate.may_match(gates, &with[6..]), "all but its first byte");
        assert!(set.compiled.get().is_none());
    }

    #[test]
    fn a_set_answers_a_line_by_its_index_as_it_answers_the_lines_text() {
        let fixtures = [
            "furniture/content-farm-scrape.txt",
            "furniture/registration-wall.txt",
            "placeholder/template-leftovers.txt",
        ];
        let text: String = fixtures
            .iter()
            .filter_map(|f| std::fs::read_to_string(format!("{}/fixtures/{f}", env!("CARGO_MANIFEST_DIR"))).ok())
            .collect();
        let article = Article::parse(&text);
        assert!(article.lines.len() > 100, "the fixtures are read");
        let mut matched = 0;
        for (key, ..) in built_in::BUILTIN_PATTERN_FACTS {
            let patterns: Vec<String> = key.split('\0').map(String::from).collect();
            // Some keys are templates a rule fills in before compiling ("<{tag}>").
            if RegexSet::new(&patterns).is_err() {
                continue;
            }
            let set = LazySet::deferred(patterns, 1 << 22);
            for n in 0..article.lines.len() {
                let line = article.line_text(n).trim();
                let is_match = set.is_match(&article, line);
                assert_eq!(set.is_match_line(&article, n), is_match, "{key:?} on {line:?}");
                matched += usize::from(is_match);
            }
        }
        assert!(matched > 20, "{matched} lines matched");
    }

    #[test]
    fn a_text_packed_with_literals_is_recorded_in_bounded_memory_and_loses_no_answer() {
        let (pattern, row) = indexed_pattern();
        let literal = literal_of(&pattern);
        let text = format!("{}\nplain", literal.repeat(100));
        let gates = DocGates::scan(&text);
        let recorded: usize = gates.found.iter().map(Vec::len).sum();
        assert!(!gates.complete && recorded <= text.len() / DocGates::BYTES_PER_OCCURRENCE + 1);
        let plain = &text[text.len() - 5..];
        assert!(
            gates.has_literal_of(row, plain),
            "a part without the literal passes: a gate may let through, never turn away"
        );
        assert!(gates.has_literal_of(row, &text[..literal.len()]));
        let article = Article::parse(&text);
        let gates = doc_gates(&article);
        assert!(!gates.complete);
        assert!(
            (0..article.lines.len()).all(|line| gates.line_has_literal(row, &article, line)),
            "every line passes once the record is incomplete"
        );
    }

    #[test]
    fn a_set_the_lazy_dfa_gives_up_on_is_answered_by_the_full_set() {
        // A Unicode word boundary next to a non-ASCII letter: the lazy DFA quits there.
        let s = LazySet::deferred(vec![r"\bcaf\u{e9}\b".into()], 1 << 20);
        let doc = Article::parse("un caf\u{e9} noir\ncaf\u{e9}s\ncafe");
        let answers: Vec<bool> = doc.text.lines().map(|l| s.is_match(&doc, l)).collect();
        assert_eq!(answers, [true, false, false]);
        assert!(matches!(s.compiled.get(), Some(SetMatcher::MatchOnly(m)) if m.fallback.get().is_some()));
    }

    #[test]
    fn a_set_compiles_when_a_haystack_passes_its_gate() {
        let s = LazySet::deferred(vec!["^Advertisement$".into(), "^Related posts".into()], 1 << 20);
        let doc = Article::parse("Plain prose.\nRelated\nRelated posts");
        let [prose, related, posts]: [&str; 3] = doc.text.lines().collect::<Vec<_>>().try_into().unwrap();
        assert!(!s.is_match(&doc, prose));
        assert!(s.compiled.get().is_none());
        assert!(!s.is_match(&doc, related), "passes the gate, fails the set");
        assert!(s.is_match(&doc, posts));
    }
}
