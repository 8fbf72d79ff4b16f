//! `quote-balance`: curly double quotes that cannot be right. Two mistakes are certain
//! within one paragraph: a closing mark used to open a quotation (”He said) and a second
//! opening mark while a quotation is still open (“… said X, … is “that). An unclosed quote
//! at the end of a paragraph is left alone: news style reopens a continuing quotation in
//! the next paragraph without closing it. Straight quotes carry no direction and are
//! not judged.

use serde::Deserialize;

use super::{Check, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    reversed_message: String,
    reopened_message: String,
}

struct QuoteBalance {
    reversed_message: String,
    reopened_message: String,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    Ok(Box::new(QuoteBalance { reversed_message: data.reversed_message, reopened_message: data.reopened_message }))
}

/// The curly double quotes of `text`, with their byte offsets. Both are three bytes
/// starting 0xE2 ("“" E2 80 9C, "”" E2 80 9D): the search looks for that byte (with
/// `memchr`, many bytes at a time) rather than decode every character of the article.
fn curly_double_quotes(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).filter_map(move |i| match bytes.get(i..i + 3) {
        Some(mark) if mark == "“".as_bytes() => Some((i, '“')),
        Some(mark) if mark == "”".as_bytes() => Some((i, '”')),
        _ => None,
    })
}

impl Check for QuoteBalance {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        for para in &article.paragraphs {
            let text = article.slice(para.span);
            let mut open: Option<usize> = None;
            for (i, c) in curly_double_quotes(text) {
                let prev = text[..i].chars().next_back();
                let next = text[i + c.len_utf8()..].chars().next();
                let at = para.span.start + i;
                let span = Span::new(at, at + c.len_utf8());
                match c {
                    '“' => {
                        if open.is_some() {
                            out.push(Finding::new(span, self.reopened_message.clone()));
                        }
                        open = Some(at);
                    }
                    _ => {
                        let starts_word = prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p))
                            && next.is_some_and(|n| n.is_alphanumeric());
                        if open.is_none() && starts_word {
                            out.push(Finding::new(span, self.reversed_message.clone()).with_suggestion("“"));
                            open = Some(at);
                        } else {
                            open = None;
                        }
                    }
                }
            }
        }
    }
}
