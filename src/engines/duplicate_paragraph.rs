//! `duplicate-paragraph`: text that stands twice in one article, compared on lower-cased
//! words so spacing and quote styles do not hide a repeat. Two scopes, one per rule:
//!
//! - `paragraph`: a whole paragraph of several sentences, or a photo caption, pasted again
//!   (a CMS duplicating a block, a caption repeated under every photo).
//! - `sentence`: a one-sentence paragraph (a bullet, a highlight, a dek) that repeats a
//!   sentence found elsewhere in the article: a "What to know" list that restates the story.
//!
//! It runs after the other rules: when either copy lies in page furniture, the furniture
//! finding already covers it and nothing more is said. Short text is left alone
//! ("Advertisement" twice is furniture), and so are number-heavy rows (a meal plan or a
//! table repeats "1 cup rice, 2 eggs" on purpose).

use std::collections::HashMap;

use super::lazy_regex::LazySet;
use serde::Deserialize;

use super::{Check, DocContext, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::{Span, SpanSet};
use crate::text::{BuildPreHashed, Fingerprint};

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Scope {
    Paragraph,
    Sentence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    message: String,
    scope: Scope,
    min_words: usize,
    /// Paragraphs matching these count as captions: repeated even when one sentence long.
    #[serde(default)]
    captions: Vec<String>,
}

struct DuplicateParagraph {
    message: String,
    scope: Scope,
    min_words: usize,
    captions: LazySet,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    let captions = src.regex_set(&data.captions)?;
    Ok(Box::new(DuplicateParagraph { message: data.message, scope: data.scope, min_words: data.min_words, captions }))
}

/// Longer paragraphs are not compared sentence by sentence.
const MAX_SENTENCES: usize = 40;

impl DuplicateParagraph {
    /// The comparison key of a text, given its fingerprint ([`Article::fingerprints`]),
    /// or None when it is too short or a row of figures.
    fn key(&self, fingerprint: Fingerprint) -> Option<u64> {
        let Fingerprint { hash, words, numeric } = fingerprint;
        (words >= self.min_words && numeric * 8 <= words).then_some(hash)
    }
}

impl Check for DuplicateParagraph {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        self.check_document(article, &DocContext::alone(article.text), out);
    }

    fn document_level(&self) -> bool {
        true
    }

    fn check_document(&self, article: &Article, cx: &DocContext, out: &mut Vec<Finding>) {
        // Front matter and furniture are not the article: their copies are not repeats.
        let metadata = (cx.metadata_end > 0).then(|| Span::new(0, cx.metadata_end));
        let furniture = SpanSet::new(cx.prior.furniture_spans().chain(metadata));
        let in_furniture = |span: Span| furniture.overlaps(span);
        let one_sentence = |p: &crate::article::Paragraph| p.sentences.len() <= 1;
        let report = |span: Span, other: Span, out: &mut Vec<Finding>| {
            if !in_furniture(span) && !in_furniture(other) {
                let line = article.line_of(other.start) + 1;
                out.push(Finding::new(span, format!("{} on line {line}", self.message)));
            }
        };
        let fingerprints = article.fingerprints();
        match self.scope {
            Scope::Paragraph => {
                let mut first_seen: HashMap<u64, Span, BuildPreHashed> = HashMap::default();
                for (p, para) in article.paragraphs.iter().enumerate() {
                    if one_sentence(para) && !self.captions.is_match(article, article.slice(para.span)) {
                        continue;
                    }
                    let Some(key) = self.key(fingerprints.paragraphs[p]) else { continue };
                    match first_seen.get(&key) {
                        Some(&first) => report(para.span, first, out),
                        None => {
                            first_seen.insert(key, para.span);
                        }
                    }
                }
            }
            Scope::Sentence => {
                // Where each sentence of the article first stands (paragraph and span), and
                // the first place after that in another paragraph: for any paragraph, the
                // first place a sentence stands outside it is one of the two. (A list of
                // every place cost an allocation per distinct sentence.)
                type Place = (usize, Span);
                let mut places: HashMap<u64, (Place, Option<Place>), BuildPreHashed> = HashMap::default();
                for (p, para) in article.paragraphs.iter().enumerate() {
                    // A "paragraph" of hundreds of sentences is a page's hidden copy of the
                    // whole story, not a place the reader sees a sentence twice.
                    if para.sentences.len() > MAX_SENTENCES {
                        continue;
                    }
                    for s in para.sentences.clone() {
                        let Some(key) = self.key(fingerprints.sentences[s]) else { continue };
                        let place = (p, article.sentences[s]);
                        places
                            .entry(key)
                            .and_modify(|(first, other)| {
                                if other.is_none() && first.0 != p {
                                    *other = Some(place);
                                }
                            })
                            .or_insert((place, None));
                    }
                }
                for (p, para) in article.paragraphs.iter().enumerate() {
                    if !one_sentence(para) || self.captions.is_match(article, article.slice(para.span)) {
                        continue;
                    }
                    let Some(key) = self.key(fingerprints.paragraphs[p]) else { continue };
                    // The first other place this sentence stands. When both copies are
                    // one-sentence paragraphs, only the later one is reported.
                    let Some(&(first, other)) = places.get(&key) else { continue };
                    let Some((q, other)) = (if first.0 != p { Some(first) } else { other }) else { continue };
                    if !one_sentence(&article.paragraphs[q]) || other.start < para.span.start {
                        report(para.span, other, out);
                    }
                }
            }
        }
    }
}
