//! `html-regions`: page furniture that says so in its markup. An HTML page marks up its
//! navigation (`<nav>`, `role="navigation"`), sidebars (`<aside>`), footer and site header,
//! forms, and boxes whose class or id names them (`related-stories`, `cookie-banner`,
//! `newsletter-signup`); the source front end finds those elements
//! ([`html_regions`](crate::source::html_regions)), outermost only and never one that
//! holds the story. This engine reports each one's visible text as one finding, the span
//! trimmed to the first and last visible character inside the element.
//!
//! Text another furniture rule has already named ("cookie notice" inside a consent box) is
//! left to that rule: the element's text around it is reported in pieces.
//!
//! It reads the raw HTML (`DocContext::source`), so it is document-level; its rule should
//! apply to HTML only.

use serde::Deserialize;

use super::{Check, DocContext, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::source::html_regions;
use crate::span::{Span, SpanSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    /// The message for an element that is furniture by its tag; `{tag}` is its name.
    tag_message: String,
    /// The message for one that is furniture by an attribute; `{attribute}` is `class`,
    /// `id` or `role`, `{value}` the class, id or role that matched.
    attribute_message: String,
    /// Class and id words that name furniture, matched against whole hyphen- or
    /// underscore-separated parts of a class or id (`related` in `related-stories`).
    words: Vec<String>,
}

struct HtmlRegions {
    data: Data,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    if let Some(bad) =
        data.words.iter().find(|w| w.split(['-', '_']).any(str::is_empty) || w.contains(char::is_whitespace))
    {
        return Err(src.error(format!("`{bad}` is not a class word: use letters and digits joined by `-` or `_`")));
    }
    Ok(Box::new(HtmlRegions { data }))
}

impl HtmlRegions {
    fn message(&self, tag: &str, attribute: Option<&(&str, String)>) -> String {
        match attribute {
            None => self.data.tag_message.replace("{tag}", tag),
            Some((attribute, value)) => {
                self.data.attribute_message.replace("{attribute}", attribute).replace("{value}", value)
            }
        }
    }
}

/// `span` minus the (sorted, merged) `taken` spans, each piece trimmed of whitespace in `text`.
fn pieces(span: Span, taken: &[Span], text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    let first = taken.partition_point(|t| t.end <= span.start);
    for t in taken[first..].iter().take_while(|t| t.start < span.end) {
        if t.start > start {
            out.push(Span::new(start, t.start));
        }
        start = start.max(t.end);
    }
    if start < span.end {
        out.push(Span::new(start, span.end));
    }
    out.into_iter().map(|s| s.trim(text)).filter(|s| text[s.range()].chars().any(char::is_alphanumeric)).collect()
}

impl Check for HtmlRegions {
    fn check(&self, _article: &Article, _out: &mut Vec<Finding>) {}

    fn document_level(&self) -> bool {
        true
    }

    fn check_document(&self, article: &Article, cx: &DocContext, out: &mut Vec<Finding>) {
        // The prose view has the length of the source; anything else is not this source's view.
        if cx.source.len() != article.text.len() {
            return;
        }
        let taken = SpanSet::new(cx.prior.furniture_spans());
        for region in html_regions(cx.source, &self.data.words) {
            let message = self.message(&region.tag, region.attribute.as_ref());
            let span = Span::new(region.range.start, region.range.end);
            for piece in pieces(span, taken.spans(), article.text) {
                out.push(Finding::new(piece, message.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_leave_out_taken_spans_and_blank_ends() {
        let text = "  Home   World   Subscribe  Sports  |  ";
        let taken = [Span::new(17, 26)];
        let found: Vec<&str> =
            pieces(Span::new(0, text.len()), &taken, text).into_iter().map(|s| &text[s.range()]).collect();
        assert_eq!(found, ["Home   World", "Sports  |"]);
        assert!(pieces(Span::new(0, 4), &[], "    ").is_empty());
    }
}
