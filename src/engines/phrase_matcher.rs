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
//! longest first. Building is one insert per phrase, and the search is as fast as the
//! automaton's on news copy.

use std::collections::HashMap;

use crate::span::Span;
use crate::text::{BuildPreHashed, BuildWordHasher, case_folded_prefix_key as key, is_word_char};

pub(crate) struct PhraseMatcher {
    phrases: PhraseTable,
    /// Pattern id → the caller's target.
    targets: Vec<usize>,
    exceptions: Option<PhraseTable>,
    /// Length of the longest exception, in bytes: how far around a match to look for one.
    exception_reach: usize,
}

/// The phrase as written plus, if it has apostrophes, its curly-apostrophe twin.
pub(crate) fn apostrophe_variants(phrase: &str) -> Vec<String> {
    let straight = phrase.replace('’', "'");
    if straight.contains('\'') { vec![straight.clone(), straight.replace('\'', "’")] } else { vec![straight] }
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
    /// Key (see [`crate::text::case_folded_prefix_key`]) → the distinct lengths of the phrases starting so, longest first,
    /// as a range of `lengths`.
    by_key: HashMap<u64, (u32, u32), BuildPreHashed>,
    lengths: Vec<u32>,
    /// Phrase bytes → pattern id.
    ids: HashMap<Box<[u8]>, usize, BuildWordHasher>,
    /// Does any phrase start with a character that is not a word character ("(", "$")?
    /// Then a phrase can also start where no word does.
    starts_off_word: bool,
    /// Whether the last character of each phrase (by id) is a word character.
    ends_on_word: Vec<bool>,
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
    fn new(phrases: &[String]) -> PhraseTable {
        let key_len = phrases.iter().map(String::len).filter(|&l| l > 0).min().unwrap_or(1).min(MAX_KEY_LEN);
        let mut lengths_by_key: HashMap<u64, Vec<u32>, BuildPreHashed> = HashMap::default();
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
            lengths_by_key.entry(key(&lowered, key_len)).or_default().push(phrase.len() as u32);
            // The first phrase listed wins a tie, as it did in the automaton.
            ids.entry(lowered).or_insert(id);
        }
        let mut by_key = HashMap::with_capacity_and_hasher(lengths_by_key.len(), BuildPreHashed::default());
        let mut lengths = Vec::new();
        for (k, mut ls) in lengths_by_key {
            ls.sort_unstable_by(|a, b| b.cmp(a));
            ls.dedup();
            by_key.insert(k, (lengths.len() as u32, (lengths.len() + ls.len()) as u32));
            lengths.extend(ls);
        }
        PhraseTable { key_len, by_key, lengths, ids, starts_off_word, ends_on_word }
    }

    /// Every phrase starting at `start` that ends on a word boundary, longest first, as
    /// (end, pattern id). The caller has checked the boundary before `start`.
    fn matches_at<'t>(
        &'t self,
        text: &'t str,
        start: usize,
        scratch: &'t mut Vec<u8>,
    ) -> impl Iterator<Item = (usize, usize)> + 't {
        let bytes = text.as_bytes();
        let range = if start + self.key_len <= bytes.len() {
            self.by_key.get(&key(&bytes[start..], self.key_len)).copied()
        } else {
            None
        };
        let lengths = range.map_or(&[][..], |(from, to)| &self.lengths[from as usize..to as usize]);
        if let Some(&longest) = lengths.first() {
            let end = (start + longest as usize).min(bytes.len());
            scratch.clear();
            scratch.extend(bytes[start..end].iter().map(u8::to_ascii_lowercase));
        }
        lengths.iter().filter_map(move |&len| {
            let end = start + len as usize;
            if end > bytes.len() || !text.is_char_boundary(end) {
                return None;
            }
            let id = *self.ids.get(&scratch[..len as usize])?;
            let boundary_after = !(self.ends_on_word[id] && word_char_at(text, end));
            boundary_after.then_some((end, id))
        })
    }

    /// Calls `at` with every position in `from..to` where a phrase could start (a char
    /// boundary on a word boundary), in order, until it returns a position to resume from
    /// (after a match) or the range ends.
    fn scan(&self, text: &str, from: usize, to: usize, mut at: impl FnMut(usize) -> Option<usize>) {
        let bytes = text.as_bytes();
        let mut i = from;
        let mut prev_is_word = word_char_before(text, from);
        while i < to {
            let b = bytes[i];
            // Inside a run of ASCII word bytes no phrase starts: skip it in a tight loop.
            if prev_is_word && BYTE_CLASS[b as usize] == WORD {
                i += 1;
                continue;
            }
            let (is_word, width) = match BYTE_CLASS[b as usize] {
                WORD => (true, 1),
                OTHER => (false, 1),
                _ => {
                    let c = text[i..].chars().next().expect("a char boundary");
                    (is_word_char(c), c.len_utf8())
                }
            };
            if (!prev_is_word || !is_word)
                && (is_word || self.starts_off_word)
                && let Some(resume) = at(i)
            {
                i = resume;
                prev_is_word = word_char_before(text, i);
                continue;
            }
            prev_is_word = is_word;
            i += width;
        }
    }
}

/// [`BYTE_CLASS`]: an ASCII word character (letter, digit, `_`).
const WORD: u8 = 0;
/// [`BYTE_CLASS`]: any other ASCII byte.
const OTHER: u8 = 1;
/// [`BYTE_CLASS`]: a byte of a character outside ASCII, to be decoded.
const NON_ASCII: u8 = 2;

/// The class of every byte, so the scan decides with one load.
static BYTE_CLASS: [u8; 256] = {
    let mut classes = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if c.is_ascii_alphanumeric() || c == b'_' { WORD } else { OTHER };
        b += 1;
    }
    classes
};

impl PhraseMatcher {
    /// `phrases` pairs each phrase with the caller's target index.
    pub(crate) fn new<'a>(
        phrases: impl IntoIterator<Item = (&'a str, usize)>,
        exceptions: &[String],
    ) -> Result<PhraseMatcher, String> {
        let (mut patterns, mut targets) = (Vec::new(), Vec::new());
        for (phrase, target) in phrases {
            for p in apostrophe_variants(phrase) {
                patterns.push(p);
                targets.push(target);
            }
        }
        let exception_reach = exceptions.iter().map(|e| e.len() + 2).max().unwrap_or(0);
        let exceptions = if exceptions.is_empty() {
            None
        } else {
            let patterns: Vec<String> = exceptions.iter().flat_map(|e| apostrophe_variants(e)).collect();
            Some(PhraseTable::new(&patterns))
        };
        Ok(PhraseMatcher { phrases: PhraseTable::new(&patterns), targets, exceptions, exception_reach })
    }

    /// Whole-word, non-overlapping matches in text order, as (span, target).
    pub(crate) fn find(&self, text: &str) -> Vec<(Span, usize)> {
        let mut found = Vec::new();
        let mut scratch = Vec::new();
        self.phrases.scan(text, 0, text.len(), |start| {
            let (end, id) = self.phrases.matches_at(text, start, &mut scratch).next()?;
            found.push((Span::new(start, end), self.targets[id]));
            Some(end)
        });
        if let Some(exceptions) = &self.exceptions {
            // Only the text around a match can hold an exception that overlaps it.
            found.retain(|(span, _)| !self.excepted(exceptions, text, *span, &mut scratch));
        }
        found
    }

    /// Does an exception phrase overlap `span`?
    fn excepted(&self, exceptions: &PhraseTable, text: &str, span: Span, scratch: &mut Vec<u8>) -> bool {
        let mut from = span.start.saturating_sub(self.exception_reach);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut hit = false;
        exceptions.scan(text, from, span.end, |start| {
            hit = exceptions.matches_at(text, start, scratch).any(|(end, _)| end > span.start);
            hit.then_some(text.len())
        });
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(m: &PhraseMatcher, text: &str) -> Vec<(String, usize)> {
        m.find(text).into_iter().map(|(s, t)| (text[s.range()].to_string(), t)).collect()
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
