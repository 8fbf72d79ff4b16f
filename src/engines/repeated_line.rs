//! `repeated-line`: a short line with no sentence punctuation that stands alone several
//! times in one article is a site or section name the scraper kept ("newsharborpost"
//! under every related link). Real subheads do not repeat. Every occurrence is flagged.

use std::collections::HashMap;

use super::lazy_regex::LazySet;
use serde::Deserialize;

use super::{Check, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::text::{ends_like_sentence, normalized_key};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    message: String,
    #[serde(default = "default_max_words")]
    max_words: usize,
    #[serde(default = "default_min_repeats")]
    min_repeats: usize,
    /// Lines that may repeat without being furniture.
    #[serde(default)]
    ignore: Vec<String>,
    /// When given, only lines matching one of these count: a repeated "Meal 1" in a meal
    /// plan is structure, a repeated "newsharborpost" is a site name.
    #[serde(default)]
    only: Vec<String>,
}

fn default_max_words() -> usize {
    4
}

fn default_min_repeats() -> usize {
    2
}

struct RepeatedLine {
    message: String,
    max_words: usize,
    min_repeats: usize,
    ignore: LazySet,
    only: Option<LazySet>,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    Ok(Box::new(RepeatedLine {
        message: data.message,
        max_words: data.max_words,
        min_repeats: data.min_repeats.max(2),
        ignore: src.regex_set(&data.ignore)?,
        only: if data.only.is_empty() { None } else { Some(src.regex_set(&data.only)?) },
    }))
}

impl Check for RepeatedLine {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, line) in article.lines.iter().enumerate() {
            let words = article.line_word_count(n);
            if line.blank || words == 0 || words > self.max_words {
                continue;
            }
            let text = article.slice(line.span).trim();
            if ends_like_sentence(text) {
                continue;
            }
            if self.ignore.is_match_line(article, n) || self.only.as_ref().is_some_and(|o| !o.is_match_line(article, n))
            {
                continue;
            }
            seen.entry(normalized_key(text)).or_default().push(n);
        }
        for lines in seen.values().filter(|l| l.len() >= self.min_repeats) {
            for &n in lines {
                let span = article.lines[n].span.trim(article.text);
                let msg = format!("{}: “{}” stands alone {} times", self.message, article.slice(span), lines.len());
                out.push(Finding::new(span, msg));
            }
        }
    }
}
