//! `spin-density`: the document verdict. One spun phrase is a typo; dozens are a spinner.
//! After every other rule has run, this counts the findings of the rules it is told to
//! count (by family or id) per 1,000 words of the article. When both the count and the
//! density pass the rule's calibrated thresholds it reports once, on the whole document.

use serde::Deserialize;

use super::{Check, DocContext, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    /// Template; `{count}` and `{density}` (per 1,000 words) are filled in.
    message: String,
    /// Rule ids or families whose findings count as signals.
    count: Vec<String>,
    min_count: usize,
    /// Signals per 1,000 words.
    min_density: f64,
}

struct SpinDensity {
    message: String,
    gate: SpinGate,
}

/// When an article counts as spun: at least `min_count` findings of the `count` rules or
/// families, at `min_density` or more per 1,000 words.
pub(crate) struct SpinGate {
    count: Vec<String>,
    min_count: usize,
    min_density: f64,
}

impl SpinGate {
    pub(crate) fn new(
        src: &RuleSource,
        count: Vec<String>,
        min_count: usize,
        min_density: f64,
    ) -> Result<Self, LoadError> {
        if count.is_empty() || min_density.is_nan() || min_density < 0.0 {
            return Err(src.error("`count` must name rules or families and `min_density` must be >= 0"));
        }
        Ok(SpinGate { count, min_count: min_count.max(1), min_density })
    }

    /// (signals, density) when the article passes the gate.
    pub(crate) fn passes(&self, article: &Article, prior: super::Prior) -> Option<(usize, f64)> {
        let signals = prior.iter().filter(|d| self.count.iter().any(|c| *d.rule == **c || d.family() == c)).count();
        let density = density(signals, article.word_count());
        (signals >= self.min_count && density >= self.min_density).then_some((signals, density))
    }
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    let gate = SpinGate::new(src, data.count, data.min_count, data.min_density)?;
    Ok(Box::new(SpinDensity { message: data.message, gate }))
}

/// Signals per 1,000 words.
pub fn density(signals: usize, words: usize) -> f64 {
    if words == 0 { 0.0 } else { signals as f64 * 1000.0 / words as f64 }
}

impl Check for SpinDensity {
    fn check(&self, _article: &Article, _out: &mut Vec<Finding>) {}

    fn document_level(&self) -> bool {
        true
    }

    fn check_document(&self, article: &Article, cx: &DocContext, out: &mut Vec<Finding>) {
        let prior = cx.prior;
        if let Some((signals, density)) = self.gate.passes(article, prior) {
            let message =
                self.message.replace("{count}", &signals.to_string()).replace("{density}", &format!("{density:.1}"));
            let whole = Span::new(0, article.text.len()).trim(article.text);
            out.push(Finding::new(whole, message));
        }
    }
}
