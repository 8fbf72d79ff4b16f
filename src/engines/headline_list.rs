//! `headline-list`: a header line such as "Related" or "Most Popular" followed by a list of
//! headlines to other stories. The header alone proves little (a subhead may say
//! "Related"), so at least `min_items` headline-shaped lines must follow. Lines that are
//! only a site name or blank may sit between items; a `stop` line or another header ends
//! the list. The whole list is one finding.

use super::lazy_regex::LazySet;
use serde::Deserialize;

use super::{Check, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;
use crate::text::{has_list_marker, strip_list_marker, word_count};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    message: String,
    headers: Vec<String>,
    #[serde(default)]
    stop: Vec<String>,
    #[serde(default = "default_min_items")]
    min_items: usize,
    #[serde(default = "default_max_item_words")]
    max_item_words: usize,
}

fn default_min_items() -> usize {
    2
}

fn default_max_item_words() -> usize {
    25
}

struct HeadlineList {
    message: String,
    headers: LazySet,
    stop: LazySet,
    min_items: usize,
    max_item_words: usize,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    Ok(Box::new(HeadlineList {
        message: data.message,
        headers: src.regex_set(&data.headers)?,
        stop: src.regex_set(&data.stop)?,
        min_items: data.min_items.max(1),
        max_item_words: data.max_item_words,
    }))
}

enum Shape {
    Headline,
    /// A one- or two-word line without punctuation (a site or section name between items).
    Label,
    Prose,
}

impl HeadlineList {
    fn shape(&self, line: &str) -> Shape {
        let bare = strip_list_marker(line);
        let words = word_count(bare);
        if words == 0 {
            return Shape::Prose;
        }
        // Headlines do not end like sentences or introduce what follows.
        let sentence_end = bare.trim_end_matches([')', '"', '”', '’', '\'']).ends_with(['.', ':', ';']);
        if has_list_marker(line) && words <= self.max_item_words + 10 {
            Shape::Headline
        } else if words <= 2 && !sentence_end {
            Shape::Label
        } else if words <= self.max_item_words && !sentence_end {
            Shape::Headline
        } else {
            Shape::Prose
        }
    }
}

impl Check for HeadlineList {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let lines = &article.lines;
        let mut i = 0;
        while i < lines.len() {
            let header = !lines[i].blank && self.headers.is_match_line(article, i);
            if !header {
                i += 1;
                continue;
            }
            let (mut items, mut last) = (0, i);
            let mut j = i + 1;
            while j < lines.len() {
                let text = article.line_text(j).trim();
                if lines[j].blank {
                    j += 1;
                    continue;
                }
                if self.stop.is_match(article, text) || self.headers.is_match(article, text) {
                    break;
                }
                match self.shape(text) {
                    Shape::Headline => items += 1,
                    Shape::Label => {}
                    Shape::Prose => break,
                }
                last = j;
                j += 1;
            }
            if items >= self.min_items {
                let span = Span::new(lines[i].span.start, lines[last].span.end).trim(article.text);
                let header = article.line_text(i).trim();
                out.push(Finding::new(span, format!("{}: “{header}” and {items} headlines", self.message)));
                i = last + 1;
            } else {
                i += 1;
            }
        }
    }
}
