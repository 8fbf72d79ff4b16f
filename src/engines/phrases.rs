//! `phrases`: a table of phrases matched case-insensitively on word boundaries, in one
//! Aho-Corasick pass. Entries under `replace` carry the original they stand in for (the
//! suggestion, given the found text's letter case); entries under `flag` have none.
//! `except` lists longer phrases that make an overlapping match legitimate
//! ("related press conference" is not a spun "Related Press").
//!
//! Straight and curly apostrophes are interchangeable: every entry with `'` also matches `’`.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::{Check, RuleSource, fill};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;
use crate::text::{match_case, on_word_boundaries};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhraseData {
    /// Message template; `{found}` and `{suggestion}` are filled in.
    message: String,
    #[serde(default)]
    replace: BTreeMap<String, String>,
    #[serde(default)]
    flag: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    /// Leave matches inside quotation marks alone: a speaker's words are theirs.
    #[serde(default)]
    skip_quoted: bool,
}

enum Entry {
    Phrase { suggestion: Option<String> },
    Exception,
}

pub(crate) struct Phrases {
    message: String,
    skip_quoted: bool,
    matcher: AhoCorasick,
    /// Indexed by pattern id.
    entries: Vec<usize>,
    targets: Vec<Entry>,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    Ok(Box::new(compile(src, src.parse_data()?)?))
}

/// Compiles a phrase table; other engines embed one (see `spun_context`).
pub(crate) fn compile(src: &RuleSource, data: PhraseData) -> Result<Phrases, LoadError> {
    let mut patterns: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut targets = Vec::new();
    let mut add = |phrase: &str, target: Entry| -> Result<(), LoadError> {
        if phrase.trim().is_empty() || phrase.trim() != phrase {
            return Err(src.error(format!("phrase `{phrase}` is empty or has surrounding spaces")));
        }
        let id = targets.len();
        targets.push(target);
        for variant in apostrophe_variants(phrase) {
            patterns.push(variant);
            entries.push(id);
        }
        Ok(())
    };
    for (phrase, suggestion) in &data.replace {
        if phrase.eq_ignore_ascii_case(suggestion) {
            return Err(src.error(format!("`{phrase}` is replaced by itself")));
        }
        add(phrase, Entry::Phrase { suggestion: Some(suggestion.clone()) })?;
    }
    for phrase in &data.flag {
        add(phrase, Entry::Phrase { suggestion: None })?;
    }
    for phrase in &data.except {
        add(phrase, Entry::Exception)?;
    }
    let matcher = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        // A DFA searches a little faster but takes far longer to build; start-up wins.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&patterns)
        .map_err(|e| src.error(format!("cannot build phrase matcher: {e}")))?;
    Ok(Phrases { message: data.message, skip_quoted: data.skip_quoted, matcher, entries, targets })
}

/// The phrase as written plus, if it has apostrophes, its curly-apostrophe twin.
fn apostrophe_variants(phrase: &str) -> Vec<String> {
    let straight = phrase.replace('’', "'");
    if straight.contains('\'') { vec![straight.clone(), straight.replace('\'', "’")] } else { vec![straight] }
}

/// True when `at` lies inside a quotation opened earlier in the same paragraph.
fn inside_quotation(article: &Article, at: usize) -> bool {
    let idx = article.paragraphs.partition_point(|p| p.span.end <= at);
    let Some(para) = article.paragraphs.get(idx).filter(|p| p.span.start <= at) else { return false };
    let before = &article.text[para.span.start..at];
    let curly_open = before.matches('“').count() > before.matches('”').count();
    let straight_open = before.matches('"').count() % 2 == 1;
    curly_open || straight_open
}

impl Check for Phrases {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let text = article.text;
        let mut candidates: Vec<(Span, usize)> = Vec::new();
        let mut exceptions: Vec<Span> = Vec::new();
        for m in self.matcher.find_overlapping_iter(text) {
            if !text.is_char_boundary(m.start()) || !text.is_char_boundary(m.end()) {
                continue;
            }
            if !on_word_boundaries(text, m.start(), m.end()) {
                continue;
            }
            let target = self.entries[m.pattern().as_usize()];
            let span = Span::new(m.start(), m.end());
            match self.targets[target] {
                Entry::Exception => exceptions.push(span),
                Entry::Phrase { .. } => candidates.push((span, target)),
            }
        }
        // Longest match first at each start; then keep matches that overlap no kept one.
        candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut last_end = 0;
        for (span, target) in candidates {
            if span.start < last_end || exceptions.iter().any(|e| e.overlaps(span)) {
                continue;
            }
            if self.skip_quoted && inside_quotation(article, span.start) {
                continue;
            }
            last_end = span.end;
            let found = &text[span.range()];
            let suggestion = match &self.targets[target] {
                Entry::Phrase { suggestion: Some(s) } => Some(match_case(found, s)),
                _ => None,
            };
            let message = fill(&self.message, found, suggestion.as_deref());
            let mut finding = Finding::new(span, message);
            finding.suggestion = suggestion;
            out.push(finding);
        }
    }
}
