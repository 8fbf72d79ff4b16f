//! `faq`: an auto-generated FAQ section: a heading ("FAQ", "Frequently Asked Questions")
//! followed by question paragraphs, each with an answer. Rewriting tools append these to
//! pad an article; the answers restate the story. The finding covers heading to last
//! answer and says how much of the answers' vocabulary already stands in the article above.

use std::collections::HashSet;

use regex::RegexSet;
use serde::Deserialize;

use super::{Check, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;
use crate::text::{word_count, words};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    message: String,
    headings: Vec<String>,
    #[serde(default = "default_min_questions")]
    min_questions: usize,
}

fn default_min_questions() -> usize {
    2
}

struct Faq {
    message: String,
    headings: RegexSet,
    min_questions: usize,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    Ok(Box::new(Faq {
        message: data.message,
        headings: src.regex_set(&data.headings)?,
        min_questions: data.min_questions.max(1),
    }))
}

fn is_question(text: &str) -> bool {
    let t = text.trim_start_matches(['#', ' ', '*']).trim_end_matches(['*', ' ']);
    t.ends_with('?') && word_count(t) <= 40
}

/// Lower-cased words of four letters or more: a cheap stand-in for content words.
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).filter(|w| w.chars().count() >= 4).map(|w| w.to_lowercase())
}

impl Check for Faq {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let paras = &article.paragraphs;
        for (h, heading) in paras.iter().enumerate() {
            if !self.headings.is_match(article.slice(heading.span).trim()) {
                continue;
            }
            // Question, then one or more answers; the section ends at the first answer of
            // the last question unless another question follows.
            let (mut questions, mut end, mut answers) = (0, None, Vec::new());
            let mut p = h + 1;
            while p < paras.len() && is_question(article.slice(paras[p].span)) {
                let mut a = p + 1;
                while a < paras.len() && !is_question(article.slice(paras[a].span)) {
                    a += 1;
                }
                let answered = a - (p + 1);
                if answered == 0 {
                    break;
                }
                questions += 1;
                let last_answer = if a < paras.len() { a - 1 } else { p + 1 };
                answers.extend(p + 1..=last_answer);
                end = Some(last_answer);
                if a >= paras.len() {
                    break;
                }
                p = a;
            }
            let Some(end) = end else { continue };
            if questions < self.min_questions {
                continue;
            }
            let body: HashSet<String> = content_words(&article.text[..heading.span.start]).collect();
            let (mut shared, mut total) = (0usize, 0usize);
            for &a in &answers {
                for w in content_words(article.slice(paras[a].span)) {
                    total += 1;
                    shared += usize::from(body.contains(&w));
                }
            }
            let overlap = (shared * 100).checked_div(total).unwrap_or(0);
            let span = Span::new(heading.span.start, paras[end].span.end);
            out.push(Finding::new(
                span,
                format!(
                    "{}: {questions} questions whose answers repeat {overlap}% of their words from the article above",
                    self.message
                ),
            ));
            return;
        }
    }
}
