//! `faq`: an auto-generated FAQ section: a heading ("FAQ", "Frequently Asked Questions")
//! followed by question paragraphs, each with an answer. Rewriting tools append these to
//! pad an article; the answers restate the story. The finding covers heading to last
//! answer and says how much of the answers' vocabulary already stands in the article above.
//! Without a heading, a block of three or more questions counts only when its answers
//! mostly restate the article (an explainer's question subheads carry new reporting).

use std::collections::HashMap;

use super::lazy_regex::LazySet;
use serde::Deserialize;

use super::{Check, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;
use crate::text::{BuildPreHashed, Word, word_count};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    message: String,
    headings: Vec<String>,
    #[serde(default = "default_min_questions")]
    min_questions: usize,
    /// For Q&A blocks without a heading.
    qa_message: String,
    headless_min_questions: usize,
    /// Percent of the answers' words that must already stand in the article above.
    headless_min_overlap: usize,
    /// A question followed by more paragraphs than this before the next question is a
    /// subhead, not an FAQ entry: it ends the block (with its first paragraph as answer).
    #[serde(default = "default_max_answer_paragraphs")]
    max_answer_paragraphs: usize,
}

fn default_min_questions() -> usize {
    2
}

fn default_max_answer_paragraphs() -> usize {
    3
}

struct Faq {
    message: String,
    headings: LazySet,
    min_questions: usize,
    qa_message: String,
    headless_min_questions: usize,
    headless_min_overlap: usize,
    max_answer_paragraphs: usize,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    Ok(Box::new(Faq {
        message: data.message,
        headings: src.regex_set(&data.headings)?,
        min_questions: data.min_questions.max(1),
        qa_message: data.qa_message,
        headless_min_questions: data.headless_min_questions.max(2),
        headless_min_overlap: data.headless_min_overlap,
        max_answer_paragraphs: data.max_answer_paragraphs.max(1),
    }))
}

fn is_question(text: &str) -> bool {
    let t = text.trim_start_matches(['#', ' ', '*']).trim_end_matches(['*', ' ']);
    t.ends_with('?') && word_count(t) <= 40
}

/// Words of four letters or more in `from..to` of the article (a stretch between
/// paragraph starts, or a paragraph), as case-blind fingerprints with their byte offsets:
/// a cheap stand-in for content words.
fn content_words<'a>(article: &'a Article, from: usize, to: usize) -> impl Iterator<Item = (u64, usize)> + 'a {
    let text = article.text;
    (article.word_map().word_spans_in(from, to)).filter(|(start, end)| end - start >= 4).filter_map(
        move |(start, end)| {
            let digested = Word::digest_and_digit_at(text, start, end);
            let four_letters = digested.ascii || text[start..end].chars().count() >= 4;
            four_letters.then_some((digested.digest, start))
        },
    )
}

/// Where each content word of the article first stands, filled in as far as asked: every
/// Q&A block asks which of its words appeared before it, and one map answers them all.
#[derive(Default)]
struct FirstUse {
    first: HashMap<u64, usize, BuildPreHashed>,
    /// Bytes of the text already entered.
    scanned: usize,
}

impl FirstUse {
    /// The map, with every word before byte `upto` (a paragraph start) entered.
    fn upto(&mut self, article: &Article, upto: usize) -> &HashMap<u64, usize, BuildPreHashed> {
        if upto > self.scanned {
            for (word, at) in content_words(article, self.scanned, upto) {
                self.first.entry(word).or_insert(at);
            }
            self.scanned = upto;
        }
        &self.first
    }
}

/// A run of question paragraphs, each followed by answers.
struct QaBlock {
    questions: usize,
    /// Paragraph indices of the answers.
    answers: Vec<usize>,
    /// Index of the last paragraph of the block.
    end: usize,
}

/// The Q&A block starting at paragraph `first` (a question). It ends at the first answer
/// of the last question: the one no question follows, or the first answered at more length
/// than an FAQ answers (more than `max_answer` paragraphs before the next question).
///
/// Why the bound: a question subhead followed by sections of reporting is not an FAQ
/// entry, and without it a block ran on to the last question of a long text (1,668
/// "questions" over 10 MB of concatenated articles, which `--fix` would have deleted).
fn qa_block(article: &Article, first: usize, max_answer: usize) -> Option<QaBlock> {
    let paras = &article.paragraphs;
    let (mut questions, mut end, mut answers) = (0, None, Vec::new());
    let mut p = first;
    while p < paras.len() && is_question(article.slice(paras[p].span)) {
        // The next question, if one follows within `max_answer` paragraphs.
        let mut next_question = None;
        let mut a = p + 1;
        while a < paras.len() && a - p <= max_answer + 1 {
            if is_question(article.slice(paras[a].span)) {
                next_question = Some(a);
                break;
            }
            a += 1;
        }
        if a == p + 1 {
            break;
        }
        questions += 1;
        let last_answer = next_question.map_or(p + 1, |q| q - 1);
        answers.extend(p + 1..=last_answer);
        end = Some(last_answer);
        let Some(next) = next_question else { break };
        p = next;
    }
    Some(QaBlock { questions, answers, end: end? })
}

/// Share (percent) of the answers' content words that already stand in the article
/// before byte `before`.
fn overlap(article: &Article, first_use: &mut FirstUse, before: usize, answers: &[usize]) -> usize {
    let first = first_use.upto(article, before);
    let (mut shared, mut total) = (0usize, 0usize);
    for &a in answers {
        let span = article.paragraphs[a].span;
        for (w, _) in content_words(article, span.start, span.end) {
            total += 1;
            shared += usize::from(first.get(&w).is_some_and(|&at| at < before));
        }
    }
    (shared * 100).checked_div(total).unwrap_or(0)
}

impl Check for Faq {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let paras = &article.paragraphs;
        for (h, heading) in paras.iter().enumerate() {
            if !self.headings.is_match(article, article.slice(heading.span).trim()) {
                continue;
            }
            let Some(block) = qa_block(article, h + 1, self.max_answer_paragraphs) else { continue };
            if block.questions < self.min_questions {
                continue;
            }
            let overlap = overlap(article, &mut FirstUse::default(), heading.span.start, &block.answers);
            let span = Span::new(heading.span.start, paras[block.end].span.end);
            let questions = block.questions;
            out.push(Finding::new(
                span,
                format!(
                    "{}: {questions} questions whose answers repeat {overlap}% of their words from the article above",
                    self.message
                ),
            ));
            return;
        }
        // No heading: a Q&A block counts only when its answers mostly restate the article;
        // an explainer's question subheads introduce new reporting.
        let mut first_use = FirstUse::default();
        let mut p = 1;
        while p < paras.len() {
            let starts_block =
                is_question(article.slice(paras[p].span)) && !is_question(article.slice(paras[p - 1].span));
            let block = if starts_block { qa_block(article, p, self.max_answer_paragraphs) } else { None };
            let Some(block) = block else {
                p += 1;
                continue;
            };
            // Form prompts ("Forgot your password?") are questions too; real answers are prose.
            let prose_answers = block.answers.iter().all(|&a| word_count(article.slice(paras[a].span)) >= 8);
            let overlap = (block.questions >= self.headless_min_questions && prose_answers)
                .then(|| overlap(article, &mut first_use, paras[p].span.start, &block.answers));
            if let Some(overlap) = overlap.filter(|o| *o >= self.headless_min_overlap) {
                let span = Span::new(paras[p].span.start, paras[block.end].span.end);
                let questions = block.questions;
                out.push(Finding::new(
                    span,
                    format!("{}: {questions} questions whose answers repeat {overlap}% of their words from the article above", self.qa_message),
                ));
            }
            p = block.end + 1;
        }
    }
}
