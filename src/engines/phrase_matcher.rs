//! The matcher behind the phrase tables (`phrases`, `expressions`, `spun-context`): many
//! phrases, one Aho-Corasick pass, ASCII case-insensitive, straight and curly apostrophes
//! alike, whole words only, and exception phrases that veto any match they overlap
//! ("related press conference" is not a spun "Related Press").
//!
//! Matches are leftmost-longest and do not overlap. When the longest match at a position
//! is not on word boundaries the search resumes one byte later, so a valid match that
//! starts inside it is still found; a shorter valid match at the same position is not
//! (rare, and a miss is better than a guess).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use crate::span::Span;
use crate::text::on_word_boundaries;

pub(crate) struct PhraseMatcher {
    matcher: AhoCorasick,
    /// Pattern id → the caller's target.
    targets: Vec<usize>,
    exceptions: Option<AhoCorasick>,
    /// Length of the longest exception, in bytes: how far around a match to look for one.
    exception_reach: usize,
}

/// The phrase as written plus, if it has apostrophes, its curly-apostrophe twin.
pub(crate) fn apostrophe_variants(phrase: &str) -> Vec<String> {
    let straight = phrase.replace('’', "'");
    if straight.contains('\'') { vec![straight.clone(), straight.replace('\'', "’")] } else { vec![straight] }
}

/// Tables up to this many patterns are compiled to a DFA: it searches about three times
/// faster than the contiguous NFA, and a small table builds in well under a millisecond.
/// The big generated tables (thousands of variants) keep the NFA: start-up wins there.
const DFA_MAX_PATTERNS: usize = 1_000;

fn builder(kind: MatchKind, automaton: AhoCorasickKind) -> AhoCorasickBuilder {
    let mut b = AhoCorasickBuilder::new();
    b.ascii_case_insensitive(true).match_kind(kind).kind(Some(automaton));
    b
}

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
        let automaton =
            if patterns.len() <= DFA_MAX_PATTERNS { AhoCorasickKind::DFA } else { AhoCorasickKind::ContiguousNFA };
        let matcher = builder(MatchKind::LeftmostLongest, automaton).build(&patterns).map_err(|e| e.to_string())?;
        let exception_reach = exceptions.iter().map(|e| e.len() + 2).max().unwrap_or(0);
        let exceptions = if exceptions.is_empty() {
            None
        } else {
            let patterns: Vec<String> = exceptions.iter().flat_map(|e| apostrophe_variants(e)).collect();
            // Exceptions are only looked for around a match: the NFA, cheaper to build, is enough.
            Some(
                builder(MatchKind::Standard, AhoCorasickKind::ContiguousNFA)
                    .build(&patterns)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(PhraseMatcher { matcher, targets, exceptions, exception_reach })
    }

    /// Whole-word, non-overlapping matches in text order, as (span, target).
    pub(crate) fn find(&self, text: &str) -> Vec<(Span, usize)> {
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.matcher.find(Input::new(text).span(pos..text.len())) else { break };
            if text.is_char_boundary(m.start())
                && text.is_char_boundary(m.end())
                && on_word_boundaries(text, m.start(), m.end())
            {
                found.push((Span::new(m.start(), m.end()), self.targets[m.pattern().as_usize()]));
                pos = m.end();
            } else {
                pos = m.start() + 1;
            }
        }
        if let Some(exceptions) = &self.exceptions {
            // Only the text around a match can hold an exception that overlaps it.
            found.retain(|(span, _)| {
                let mut from = span.start.saturating_sub(self.exception_reach);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (span.end + self.exception_reach).min(text.len());
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                !exceptions.find_overlapping_iter(Input::new(text).span(from..to)).any(|m| {
                    on_word_boundaries(text, m.start(), m.end()) && Span::new(m.start(), m.end()).overlaps(*span)
                })
            });
        }
        found
    }
}
