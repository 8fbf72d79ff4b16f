//! `patterns`: regular expressions over the whole text, for defects with a recognisable
//! shape (template slots, empty slots, rewrite notes). Each pattern may narrow the flagged
//! span to a capture group and may be vetoed by `unless` (tested on the flagged text) or
//! `unless_next` (tested on the rest of the line after it).
//!
//! The regex crate runs in linear time, so a user's pattern cannot make linting hang.

use serde::Deserialize;

use super::lazy_regex::LazyRegex;
use super::pattern_facts::anchored_at_start;
use super::{Check, RuleSource, fill};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;
use crate::text::match_case;
use regex_automata::Input;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    patterns: Vec<PatternData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternData {
    regex: String,
    /// Message template; `{found}` is the flagged text.
    message: String,
    /// Capture group to flag instead of the whole match.
    #[serde(default)]
    group: usize,
    /// Replacement for the flagged text; `${1}` and `${name}` expand capture groups, and
    /// the result takes the flagged text's letter case.
    suggest: Option<String>,
    /// Replacements looked up by the flagged text (as found, then lower-cased), e.g. "2" → "two".
    #[serde(default)]
    replacements: std::collections::BTreeMap<String, String>,
    unless: Option<String>,
    unless_next: Option<String>,
}

struct Pattern {
    regex: LazyRegex,
    message: String,
    group: usize,
    suggest: Option<String>,
    replacements: std::collections::BTreeMap<String, String>,
    unless: Option<LazyRegex>,
    unless_next: Option<LazyRegex>,
}

/// Each pattern searches the text on its own. A `RegexSet` pass first ("which patterns
/// match at all?") measured twice as slow: a set scans every byte with the lazy DFA,
/// while a single regex skips to its literals ("not less than", "{") with a prefilter.
struct Patterns {
    patterns: Vec<Pattern>,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    let mut patterns = Vec::new();
    for p in data.patterns {
        let regex = src.regex(&p.regex)?;
        if p.group >= regex.captures_len() {
            return Err(src.error(format!("regex `{}` has no capture group {}", p.regex, p.group)));
        }
        let unless = p.unless.as_deref().map(|r| src.regex(r)).transpose()?;
        let unless_next = p.unless_next.as_deref().map(|r| src.regex(&anchored_at_start(r))).transpose()?;
        patterns.push(Pattern {
            regex,
            message: p.message,
            group: p.group,
            suggest: p.suggest,
            replacements: p.replacements,
            unless,
            unless_next,
        });
    }
    Ok(Box::new(Patterns { patterns }))
}

impl Check for Patterns {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let text = article.text;
        // Where each line ends (`\n` positions), found once: looking for the next `\n` after
        // every match made a one-line page with many matches quadratic (found by fuzzing).
        let line_ends = std::cell::OnceCell::new();
        let line_end = |at: usize| {
            let ends: &Vec<usize> = line_ends.get_or_init(|| memchr::memchr_iter(b'\n', text.as_bytes()).collect());
            ends.get(ends.partition_point(|&e| e < at)).copied().unwrap_or(text.len())
        };
        for p in &self.patterns {
            // The whole text, or only the lines that may hold a match (looked at in place,
            // so `\b` and `^` see the text around them).
            let ranges: Vec<(usize, usize)> = match p.regex.candidate_lines(article) {
                // Line 0 from the text's start: a byte-order mark before it is in no line.
                Some(lines) => lines
                    .into_iter()
                    .map(|l| (if l == 0 { 0 } else { article.lines[l].span.start }, article.lines[l].span.end))
                    .collect(),
                None => vec![(0, text.len())],
            };
            let searches = ranges.into_iter().filter_map(|(start, end)| {
                let regex = p.regex.for_haystack(article, &text[start..end])?;
                Some(regex.captures_iter(Input::new(text).range(start..end)))
            });
            for caps in searches.flatten() {
                let Some(m) = caps.get_group(p.group) else { continue };
                if m.is_empty() {
                    continue;
                }
                let found = &text[m.range()];
                if p.unless.as_ref().is_some_and(|u| u.for_haystack(article, found).is_some_and(|u| u.is_match(found)))
                {
                    continue;
                }
                let rest_of_line = &text[m.end..line_end(m.end)];
                if p.unless_next
                    .as_ref()
                    .is_some_and(|u| u.for_haystack(article, rest_of_line).is_some_and(|u| u.is_match(rest_of_line)))
                {
                    continue;
                }
                let suggestion = match &p.suggest {
                    Some(template) => {
                        let mut expanded = String::new();
                        caps.interpolate_string_into(text, template, &mut expanded);
                        Some(match_case(found, &expanded))
                    }
                    None => p.replacements.get(found).or_else(|| p.replacements.get(&found.to_lowercase())).cloned(),
                };
                let mut finding =
                    Finding::new(Span::new(m.start, m.end), fill(&p.message, found, suggestion.as_deref()));
                finding.suggestion = suggestion;
                out.push(finding);
            }
        }
    }
}
