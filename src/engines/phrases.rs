//! `phrases`: a table of phrases matched case-insensitively on word boundaries
//! ([`super::phrase_matcher`]). Entries under `replace` carry the original they stand in
//! for (the suggestion, given the found text's letter case); entries under `flag` have none.
//! `except` lists longer phrases that make an overlapping match legitimate
//! ("related press conference" is not a spun "Related Press").
//!
//! Straight and curly apostrophes are interchangeable: every entry with `'` also matches `’`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::phrase_matcher::PhraseMatcher;
use super::{Check, RuleSource, fill};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::text::match_case;

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

pub(crate) struct Phrases {
    message: String,
    skip_quoted: bool,
    matcher: PhraseMatcher,
    /// Per phrase: the original it stands in for, if any.
    suggestions: Vec<Option<String>>,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    Ok(Box::new(compile(src, src.parse_data()?)?))
}

/// Compiles a phrase table; other engines embed one (see `spun_context`).
pub(crate) fn compile(src: &RuleSource, data: PhraseData) -> Result<Phrases, LoadError> {
    let mut phrases: Vec<&str> = Vec::new();
    let mut suggestions = Vec::new();
    for (phrase, suggestion) in &data.replace {
        if phrase.eq_ignore_ascii_case(suggestion) {
            return Err(src.error(format!("`{phrase}` is replaced by itself")));
        }
        phrases.push(phrase);
        suggestions.push(Some(suggestion.clone()));
    }
    for phrase in &data.flag {
        phrases.push(phrase);
        suggestions.push(None);
    }
    for phrase in phrases.iter().chain(data.except.iter().map(String::as_str).collect::<Vec<_>>().iter()) {
        if phrase.trim().is_empty() || phrase.trim() != *phrase {
            return Err(src.error(format!("phrase `{phrase}` is empty or has surrounding spaces")));
        }
    }
    let matcher = PhraseMatcher::new(phrases.iter().enumerate().map(|(i, p)| (*p, i)), &data.except)
        .map_err(|e| src.error(format!("cannot build phrase matcher: {e}")))?;
    Ok(Phrases { message: data.message, skip_quoted: data.skip_quoted, matcher, suggestions })
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
    fn phrase_table(&self) -> Option<super::SharedPhraseTable> {
        self.matcher.shared_table()
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let text = article.text;
        for (span, target) in self.matcher.find(article) {
            if self.skip_quoted && inside_quotation(article, span.start) {
                continue;
            }
            let found = &text[span.range()];
            let suggestion = self.suggestions[target].as_ref().map(|s| match_case(found, s));
            let message = fill(&self.message, found, suggestion.as_deref());
            let mut finding = Finding::new(span, message);
            finding.suggestion = suggestion;
            out.push(finding);
        }
    }
}
