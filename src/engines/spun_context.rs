//! `spun-context`: words a spinner swaps that are ordinary English on their own
//! ("additionally", "within the", "mentioned"). Flagged anywhere they would bury clean
//! prose in false alarms; so this rule only looks once the article as a whole passes the
//! same gate as the spun-article verdict, and then reports them with the likely original.
//! In clean copy it never fires.

use serde::Deserialize;

use super::phrases::{PhraseData, Phrases, compile};
use super::spin_density::SpinGate;
use super::{Check, DocContext, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::SpanSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    count: Vec<String>,
    min_count: usize,
    min_density: f64,
    phrases: PhraseData,
}

struct SpunContext {
    gate: SpinGate,
    phrases: Phrases,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    let gate = SpinGate::new(src, data.count, data.min_count, data.min_density)?;
    Ok(Box::new(SpunContext { gate, phrases: compile(src, data.phrases)? }))
}

impl Check for SpunContext {
    fn check(&self, _article: &Article, _out: &mut Vec<Finding>) {}

    fn document_level(&self) -> bool {
        true
    }

    fn check_document(&self, article: &Article, cx: &DocContext, out: &mut Vec<Finding>) {
        let prior = cx.prior;
        if self.gate.passes(article, prior).is_some() {
            let before = out.len();
            self.phrases.check(article, out);
            // Where a stronger rule already flagged the spot, it has said it better.
            let flagged = SpanSet::new(prior.iter().map(|d| d.span));
            let mut kept: Vec<Finding> = out.drain(before..).filter(|f| !flagged.overlaps(f.span)).collect();
            out.append(&mut kept);
        }
    }
}
