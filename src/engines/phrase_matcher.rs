//! The matcher behind the phrase tables (`phrases`, `expressions`): many phrases, ASCII
//! case-insensitive, straight and curly apostrophes alike, whole words only, and exception
//! phrases that veto any match they overlap ("related press conference" is not a spun
//! "Related Press").
//!
//! Matches are leftmost-longest among the phrases that sit on word boundaries, and do not
//! overlap.
//!
//! Why a hash table and not Aho-Corasick: the spin tables hold thousands of generated
//! phrases, and building their automaton was a third of start-up (23 ms for one rule),
//! paid by every `newslint` run, a pre-commit hook's included. A phrase can only start
//! where a word starts, so the text is probed there: the first few bytes (lower-cased) pick
//! the lengths of the phrases that begin with them, and each length is one hash lookup,
//! longest first. Building is one insert per phrase. The word starts are found once per
//! document ([`crate::word_map::WordMap`]) and shared by every table.
//!
//! The tables of the rules a linter runs are probed together ([`PhraseProbe`]): one pass
//! over the word starts makes one key of each and looks it up in a table of the buckets
//! the tables' phrases fall in, then asks only the tables named there for their longest
//! phrase at that start, while the text there is in cache; each matcher then takes the
//! matches of its table. Probed one table at a time, four tables cost 380 M instructions
//! on the bench's 10 MB file, most of it visiting the same word starts four times.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::article::Article;
use crate::span::Span;
use crate::text::{
    BuildPreHashed, BuildWordHasher, case_folded_prefix_key as key, first_eight, folded_key, is_word_char, low_bytes,
};
use crate::word_map::SetBits;

pub(crate) struct PhraseMatcher {
    /// Shared with the linter's [`PhraseProbe`].
    phrases: Arc<PhraseTable>,
    /// Pattern id → the caller's target.
    targets: Vec<usize>,
    exceptions: Option<PhraseTable>,
    /// Length of the longest exception, in bytes: how far around a match to look for one.
    exception_reach: usize,
}

/// The phrase with straight apostrophes and, if it has any, its curly-apostrophe twin;
/// most phrases have none and are lent as they are.
fn apostrophe_variants<'a>(phrase: &'a str, out: &mut Vec<Cow<'a, str>>) {
    // A byte search: the char-set search cost a fifth of loading the spin rule's table.
    // 0xE2 begins '’' (and other punctuation; the slow path copes).
    if memchr::memchr2(b'\'', 0xE2, phrase.as_bytes()).is_none() {
        out.push(Cow::Borrowed(phrase));
        return;
    }
    let straight = phrase.replace('’', "'");
    let curly = straight.replace('\'', "’");
    out.extend([Cow::Owned(straight), Cow::Owned(curly)]);
}

/// Bytes of a phrase's start used to pick its candidate lengths (fewer when a phrase is
/// shorter). Eight bytes ("the rela") fit in a `u64` and pass few positions that do not
/// start a phrase; four ("the ") passed every "the".
const MAX_KEY_LEN: usize = 8;

/// A set of phrases (lower-cased ASCII, other bytes as written), searchable at a position.
struct PhraseTable {
    /// Bytes of each phrase's start in its key: the shortest phrase's length, at most
    /// [`MAX_KEY_LEN`].
    key_len: usize,
    /// Key (see [`crate::text::case_folded_prefix_key`]) → the distinct lengths of the
    /// phrases starting so, longest first, as a range of `lengths`.
    by_key: HashMap<u64, (u32, u32), BuildPreHashed>,
    /// One bit per key of `by_key` (see [`KeyFilter`]).
    key_filter: KeyFilter,
    /// One bit per first byte of a phrase, with 0x20 OR-ed in as keys have it: a byte test
    /// turns away most word starts of a table whose phrases begin with few letters,
    /// before any key is made.
    firsts: [u64; 4],
    lengths: Vec<Length>,
    /// Phrase bytes → pattern id.
    ids: HashMap<Box<[u8]>, usize, BuildWordHasher>,
    /// Does any phrase start with a character that is not a word character ("(", "$")?
    /// Then a phrase can also start where no word does.
    starts_off_word: bool,
    /// Whether the last character of each phrase (by id) is a word character.
    ends_on_word: Vec<bool>,
}

/// A length of the phrases with some key.
#[derive(Clone, Copy, PartialEq)]
struct Length {
    bytes: u32,
    /// Every phrase with the key and this length ends in a word character, so a match
    /// needs a word boundary after it: tested before any hashing. For the spun
    /// expressions' table, most lengths tried ended inside a word (538,000 hash lookups on
    /// the bench's 10 MB file for 3,051 matches).
    ends_on_word: bool,
}

/// A bit set over the top [`KeyFilter::BITS`] bits of keys: most word starts begin no
/// phrase, and one bit test turns them away for less than a hash lookup (on the bench's
/// 1 MB file, 2.6% of word starts pass, all of them real keys).
struct KeyFilter(Box<[u64]>);

impl KeyFilter {
    const BITS: u32 = 16;

    fn new(keys: impl Iterator<Item = u64>) -> KeyFilter {
        let mut bits = vec![0u64; 1 << (Self::BITS - 6)].into_boxed_slice();
        for k in keys {
            let b = k >> (64 - Self::BITS);
            bits[(b >> 6) as usize] |= 1 << (b & 63);
        }
        KeyFilter(bits)
    }

    /// False when `key` is surely not in the set.
    #[inline]
    fn may_contain(&self, key: u64) -> bool {
        let b = key >> (64 - Self::BITS);
        self.0[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
}

/// Is the character starting at `i` (a char boundary) a word character?
fn word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text[i..].chars().next().is_some_and(is_word_char),
    }
}

/// Is the character ending at `i` (a char boundary) a word character?
fn word_char_before(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|j| text.as_bytes()[j]) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text[..i].chars().next_back().is_some_and(is_word_char),
    }
}

impl PhraseTable {
    fn new(phrases: &[Cow<str>]) -> PhraseTable {
        let key_len = phrases.iter().map(|p| p.len()).filter(|&l| l > 0).min().unwrap_or(1).min(MAX_KEY_LEN);
        // (key, length) of every phrase, sorted into runs by key below: a list per key in a
        // map was a thousand small allocations for the spin rule's table.
        let mut key_lengths: Vec<(u64, Length)> = Vec::with_capacity(phrases.len());
        let mut ids = HashMap::with_capacity_and_hasher(phrases.len(), BuildWordHasher::default());
        let mut ends_on_word = Vec::with_capacity(phrases.len());
        let mut starts_off_word = false;
        for (id, phrase) in phrases.iter().enumerate() {
            ends_on_word.push(phrase.chars().next_back().is_some_and(is_word_char));
            if phrase.is_empty() {
                continue;
            }
            starts_off_word |= !phrase.chars().next().is_some_and(is_word_char);
            let lowered = phrase.as_bytes().to_ascii_lowercase().into_boxed_slice();
            let length = Length { bytes: phrase.len() as u32, ends_on_word: ends_on_word[id] };
            key_lengths.push((key(&lowered, key_len), length));
            // The first phrase listed wins a tie, as it did in the automaton.
            ids.entry(lowered).or_insert(id);
        }
        // By key, each key's lengths longest first; a length is marked as ending on a word
        // only if every phrase of that key and length does.
        key_lengths.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then(b.1.bytes.cmp(&a.1.bytes)).then(a.1.ends_on_word.cmp(&b.1.ends_on_word))
        });
        key_lengths.dedup_by(|later, first| first.0 == later.0 && first.1.bytes == later.1.bytes);
        let mut by_key = HashMap::with_capacity_and_hasher(key_lengths.len(), BuildPreHashed::default());
        let mut lengths = Vec::with_capacity(key_lengths.len());
        for run in key_lengths.chunk_by(|a, b| a.0 == b.0) {
            by_key.insert(run[0].0, (lengths.len() as u32, (lengths.len() + run.len()) as u32));
            lengths.extend(run.iter().map(|&(_, length)| length));
        }
        let key_filter = KeyFilter::new(by_key.keys().copied());
        let mut firsts = [0u64; 4];
        for &b in phrases.iter().filter_map(|p| p.as_bytes().first()) {
            let b = b | 0x20;
            firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        PhraseTable { key_len, by_key, key_filter, firsts, lengths, ids, starts_off_word, ends_on_word }
    }

    /// The key of the text at `start` (see [`crate::text::case_folded_prefix_key`]) if a
    /// phrase may start there. Inlined into the loop over word starts: most begin no
    /// phrase, and a bit test turns them away without a hash lookup.
    #[inline]
    fn candidate_key(&self, bytes: &[u8], start: usize) -> Option<u64> {
        let first = bytes.get(start)? | 0x20;
        if self.firsts[usize::from(first >> 6)] & (1 << (first & 63)) == 0 {
            return None;
        }
        let at = bytes.get(start..).filter(|at| at.len() >= self.key_len)?;
        let k = key(at, self.key_len);
        self.key_filter.may_contain(k).then_some(k)
    }

    /// Every phrase starting at `start` that ends on a word boundary, longest first, as
    /// (end, pattern id). `key` is the [`PhraseTable::candidate_key`] there; the caller
    /// has checked the boundary before `start`.
    fn matches_at<'t>(
        &'t self,
        text: &'t str,
        start: usize,
        key: u64,
        scratch: &'t mut Vec<u8>,
    ) -> impl Iterator<Item = (usize, usize)> + 't {
        let bytes = text.as_bytes();
        let lengths = self.by_key.get(&key).map_or(&[][..], |&(from, to)| &self.lengths[from as usize..to as usize]);
        let longest = lengths.first().map_or(0, |l| l.bytes as usize);
        let mut lowered = false;
        lengths.iter().filter_map(move |length| {
            let end = start + length.bytes as usize;
            if end > bytes.len() || !text.is_char_boundary(end) || (length.ends_on_word && word_char_at(text, end)) {
                return None;
            }
            // The text lower-cased once, for the first length that gets this far.
            if !lowered {
                scratch.clear();
                scratch.extend(bytes[start..(start + longest).min(bytes.len())].iter().map(u8::to_ascii_lowercase));
                lowered = true;
            }
            let id = *self.ids.get(&scratch[..length.bytes as usize])?;
            let boundary_after = !(self.ends_on_word[id] && word_char_at(text, end));
            boundary_after.then_some((end, id))
        })
    }

    /// The longest phrase starting at `start`, a word start visited in order, that ends on
    /// a word boundary, as (span, pattern id), and pushes it to `found`. Matches do not
    /// overlap: `start` is skipped when the last match in `found` ends after it.
    fn push_longest_at(&self, text: &str, start: usize, found: &mut Vec<(Span, usize)>, scratch: &mut Vec<u8>) {
        if found.last().is_some_and(|(last, _)| start < last.end) {
            return;
        }
        let Some(key) = self.candidate_key(text.as_bytes(), start) else { return };
        if let Some((end, id)) = self.matches_at(text, start, key, scratch).next() {
            found.push((Span::new(start, end), id));
        }
    }

    /// Every position in `from..to` where a phrase of this table could start (a word
    /// boundary), in order: the document's word starts, or, when a phrase starts with a
    /// character that is not a word character, every character not inside a word (listed
    /// for the call; no built-in table needs it).
    fn starts<'t>(&self, article: &'t Article, from: usize, to: usize) -> Starts<'t> {
        if !self.starts_off_word {
            return Starts::Bits(article.word_map().word_char_starts_in(from, to));
        }
        let mut prev_is_word = word_char_before(article.text, from);
        let mut starts = Vec::new();
        for (i, c) in article.text[from..to].char_indices() {
            if !(prev_is_word && is_word_char(c)) {
                starts.push(from + i);
            }
            prev_is_word = is_word_char(c);
        }
        Starts::Listed(starts.into_iter())
    }
}

/// Where a matcher probes: what [`PhraseTable::starts`] returns.
enum Starts<'t> {
    Bits(SetBits<'t>),
    Listed(std::vec::IntoIter<usize>),
}

impl Iterator for Starts<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Starts::Bits(starts) => starts.next(),
            Starts::Listed(starts) => starts.next(),
        }
    }
}

impl PhraseMatcher {
    /// `phrases` pairs each phrase with the caller's target index.
    pub(crate) fn new<'a>(
        phrases: impl IntoIterator<Item = (&'a str, usize)>,
        exceptions: &[String],
    ) -> Result<PhraseMatcher, String> {
        let (mut patterns, mut targets) = (Vec::new(), Vec::new());
        for (phrase, target) in phrases {
            apostrophe_variants(phrase, &mut patterns);
            targets.resize(patterns.len(), target);
        }
        let exception_reach = exceptions.iter().map(|e| e.len() + 2).max().unwrap_or(0);
        let exceptions = if exceptions.is_empty() {
            None
        } else {
            let mut patterns = Vec::new();
            exceptions.iter().for_each(|e| apostrophe_variants(e, &mut patterns));
            Some(PhraseTable::new(&patterns))
        };
        let phrases = Arc::new(PhraseTable::new(&patterns));
        Ok(PhraseMatcher { phrases, targets, exceptions, exception_reach })
    }

    /// The table, for the linter to probe with the others ([`PhraseProbe`]); `None` when
    /// a phrase starts off a word start, which the probe does not visit.
    pub(crate) fn shared_table(&self) -> Option<SharedPhraseTable> {
        (!self.phrases.starts_off_word).then(|| SharedPhraseTable(self.phrases.clone()))
    }

    /// Whole-word, non-overlapping matches in `article.text` order, as (span, target).
    pub(crate) fn find(&self, article: &Article) -> Vec<(Span, usize)> {
        let text = article.text;
        let mut scratch = Vec::new();
        let alone;
        let matches = match probed_matches(article, &self.phrases) {
            Some(probed) => probed,
            None => {
                let mut found = Vec::new();
                for start in self.phrases.starts(article, 0, text.len()) {
                    self.phrases.push_longest_at(text, start, &mut found, &mut scratch);
                }
                alone = found;
                &alone
            }
        };
        let mut found: Vec<(Span, usize)> = matches.iter().map(|&(span, id)| (span, self.targets[id])).collect();
        if let Some(exceptions) = &self.exceptions {
            // Only the text around a match can hold an exception that overlaps it.
            found.retain(|(span, _)| !self.excepted(exceptions, article, *span, &mut scratch));
        }
        found
    }

    /// Does an exception phrase overlap `span`?
    fn excepted(&self, exceptions: &PhraseTable, article: &Article, span: Span, scratch: &mut Vec<u8>) -> bool {
        let text = article.text;
        let mut from = span.start.saturating_sub(self.exception_reach);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        exceptions.starts(article, from, span.end).any(|start| {
            let key = exceptions.candidate_key(text.as_bytes(), start);
            key.is_some_and(|key| exceptions.matches_at(text, start, key, scratch).any(|(end, _)| end > span.start))
        })
    }
}

/// A phrase table a rule lends the linter to probe with the others ([`PhraseProbe`]).
#[derive(Clone)]
pub struct SharedPhraseTable(Arc<PhraseTable>);

/// The phrase tables of the rules a linter runs, probed together once per document.
pub struct PhraseProbe {
    /// At most [`PhraseProbe::MAX_TABLES`]; a table beyond them probes alone.
    tables: Vec<Arc<PhraseTable>>,
    /// Bytes of a key: the shortest of the tables' key lengths.
    key_len: usize,
    /// Per bucket (the top 16 bits of a key), one bit per table with a phrase whose key
    /// falls in it: one lookup turns most word starts away for every table at once.
    buckets: Box<[u8]>,
}

impl std::fmt::Debug for PhraseProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhraseProbe({} tables)", self.tables.len())
    }
}

/// Per table of a [`PhraseProbe`], its matches in the document, as [`PhraseMatcher::find`]
/// would find them before exceptions: (span, pattern id), in order, not overlapping.
#[derive(Clone, Debug)]
pub struct ProbedMatches(Vec<Vec<(Span, usize)>>);

impl PhraseProbe {
    /// Tables a probe's bucket has bits for.
    const MAX_TABLES: usize = 8;

    pub fn new(tables: impl IntoIterator<Item = SharedPhraseTable>) -> PhraseProbe {
        let tables: Vec<Arc<PhraseTable>> = tables.into_iter().map(|t| t.0).take(Self::MAX_TABLES).collect();
        let key_len = tables.iter().map(|t| t.key_len).min().unwrap_or(MAX_KEY_LEN);
        let mut buckets = vec![0u8; 1 << 16].into_boxed_slice();
        for (i, table) in tables.iter().enumerate() {
            // Every phrase is at least as long as its table's key, so at least `key_len`.
            for phrase in table.ids.keys().filter(|p| p.len() >= key_len) {
                buckets[(key(phrase, key_len) >> 48) as usize] |= 1 << i;
            }
        }
        PhraseProbe { tables, key_len, buckets }
    }

    /// Finds each table's matches in `article`, in one pass over its word starts. A
    /// phrase that matches starts with its key's bytes (ASCII case aside), so a table is
    /// asked at every start where one of its phrases could match. Asked here, while the
    /// text at the start is in cache: marking the starts for each matcher to visit later
    /// read the text there from memory again, at every mark (one word start in ten for
    /// the largest table).
    pub(crate) fn scan(&self, article: &Article) -> ProbedMatches {
        let (text, bytes) = (article.text, article.text.as_bytes());
        let mut found = vec![Vec::new(); self.tables.len()];
        if self.tables.is_empty() {
            return ProbedMatches(found);
        }
        let mut scratch = Vec::new();
        let mask = low_bytes(self.key_len);
        for start in article.word_map().word_char_starts_in(0, bytes.len()) {
            if bytes.len() - start < self.key_len {
                continue;
            }
            // `key(&bytes[start..], self.key_len)`, with the mask made once.
            let key = folded_key(first_eight(&bytes[start..]) & mask);
            let mut tables = self.buckets[(key >> 48) as usize];
            while tables != 0 {
                let t = tables.trailing_zeros() as usize;
                tables &= tables - 1;
                self.tables[t].push_longest_at(text, start, &mut found[t], &mut scratch);
            }
        }
        ProbedMatches(found)
    }
}

/// `table`'s matches in `article`, from the linter's probe of its tables (made on first
/// use); `None` when the linter did not probe this table.
fn probed_matches<'t>(article: &'t Article, table: &Arc<PhraseTable>) -> Option<&'t [(Span, usize)]> {
    let probe = article.phrase_probe?;
    let index = probe.tables.iter().position(|t| Arc::ptr_eq(t, table))?;
    Some(&article.probed_matches.get_or_init(|| probe.scan(article)).0[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(m: &PhraseMatcher, text: &str) -> Vec<(String, usize)> {
        m.find(&Article::parse(text)).into_iter().map(|(s, t)| (text[s.range()].to_string(), t)).collect()
    }

    /// Matchers of different key lengths, one with an exception, one starting off words.
    fn probed_matchers() -> Vec<PhraseMatcher> {
        vec![
            PhraseMatcher::new(
                [("suppose tank", 0), ("related press", 1), ("it’s", 2)],
                &["related press corp".into()],
            )
            .unwrap(),
            PhraseMatcher::new([("tank", 0), ("suppose", 1), ("ab c.", 2)], &[]).unwrap(),
            PhraseMatcher::new([("very own palms", 0), ("pressing", 1)], &[]).unwrap(),
            PhraseMatcher::new([("(sic)", 0), ("tank", 1)], &[]).unwrap(),
        ]
    }

    /// Per matcher, what it finds in a text.
    type Found = Vec<Vec<(Span, usize)>>;

    /// What each matcher finds in `text` alone, and with the tables probed together.
    fn alone_and_probed(matchers: &[PhraseMatcher], text: &str) -> (Found, Found) {
        let alone = matchers.iter().map(|m| m.find(&Article::parse(text))).collect();
        let probe = PhraseProbe::new(matchers.iter().filter_map(PhraseMatcher::shared_table));
        let mut article = Article::parse(text);
        article.phrase_probe = Some(&probe);
        (alone, matchers.iter().map(|m| m.find(&article)).collect())
    }

    #[test]
    fn tables_probed_together_find_what_each_finds_alone() {
        let matchers = probed_matchers();
        let text = "The Suppose Tank's related press corp, the Related Press: IT’S their very own palms \
                    (sic) ab c.x pressing tank suppose tan";
        let (alone, probed) = alone_and_probed(&matchers, text);
        assert!(alone.iter().all(|found| !found.is_empty()), "{alone:?}");
        assert_eq!(alone, probed);
        for end in 0..text.len() {
            if text.is_char_boundary(end) {
                let (alone, probed) = alone_and_probed(&matchers, &text[..end]);
                assert_eq!(alone, probed, "{:?}", &text[..end]);
            }
        }
    }

    #[test]
    fn a_text_dense_with_phrases_is_probed_with_the_same_results() {
        let text = "tank suppose tank. Suppose tank? ".repeat(40);
        let (alone, probed) = alone_and_probed(&probed_matchers(), &text);
        assert_eq!(alone, probed);
        assert!(alone.iter().map(Vec::len).sum::<usize>() >= 160, "{alone:?}");
    }

    proptest::proptest! {
        #[test]
        fn probing_together_changes_nothing(text in "((suppose|tank|related|press|very own palms|it’s|it's|\\(sic\\)|ab c\\.|é|x)[ .,x]?){0,12}") {
            let (alone, probed) = alone_and_probed(&probed_matchers(), &text);
            proptest::prop_assert_eq!(alone, probed);
        }
    }

    #[test]
    fn finds_leftmost_longest_whole_words_in_any_ascii_case() {
        let m = PhraseMatcher::new([("suppose tank", 0), ("suppose tanks", 1), ("tank", 2)], &[]).unwrap();
        assert_eq!(
            spans(&m, "A Suppose Tanks report; a suppose tank. Presuppose tank! tanker"),
            [("Suppose Tanks".into(), 1), ("suppose tank".into(), 0), ("tank".into(), 2)]
        );
    }

    #[test]
    fn a_shorter_phrase_is_found_when_the_longer_does_not_end_a_word() {
        let m = PhraseMatcher::new([("related press", 0), ("related presses", 1)], &[]).unwrap();
        assert_eq!(spans(&m, "the related pressesx and related press."), [("related press".into(), 0)]);
    }

    #[test]
    fn a_phrase_ending_in_punctuation_needs_no_boundary_after_it_beside_one_that_does() {
        // Same key ("ab") and length: one ends in a word character, one does not.
        let m = PhraseMatcher::new([("ab", 0), ("ab cd", 1), ("ab c.", 2)], &[]).unwrap();
        assert_eq!(spans(&m, "ab c.x ab cdx ab cd"), [("ab c.".into(), 2), ("ab".into(), 0), ("ab cd".into(), 1)]);
    }

    #[test]
    fn apostrophes_match_either_way_and_non_ascii_text_is_safe() {
        let m = PhraseMatcher::new([("take issues into their very own palms", 0), ("it's", 1)], &[]).unwrap();
        let text = "Résumé: It’s time… they take issues into their very own palms—é";
        assert_eq!(spans(&m, text), [("It’s".into(), 1), ("take issues into their very own palms".into(), 0)]);
        assert!(spans(&m, "éit's").is_empty(), "é is a word character");
    }

    #[test]
    fn phrases_starting_with_punctuation_match_inside_words_edges() {
        let m = PhraseMatcher::new([("(sic)", 0)], &[]).unwrap();
        assert_eq!(spans(&m, "word(sic) and (sic)"), [("(sic)".into(), 0), ("(sic)".into(), 0)]);
    }

    #[test]
    fn exceptions_veto_overlapping_matches_only() {
        let m = PhraseMatcher::new([("related press", 0)], &["related press conference".into()]).unwrap();
        assert_eq!(spans(&m, "A related press conference. The Related Press said."), [("Related Press".into(), 0)]);
        let m = PhraseMatcher::new([("press", 0)], &["the related press".into()]).unwrap();
        assert!(spans(&m, "by the related press").is_empty(), "the exception starts before the match");
    }
}
