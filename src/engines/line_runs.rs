//! `line-runs`: page furniture that a scraper leaves as whole lines (comment forms,
//! registration walls, share bars, date stamps). A line matching an `anchors` pattern is
//! furniture of this kind; a line matching `members` is furniture only inside or next to a
//! run that has an anchor ("Or continue with" means nothing alone). Up to `bridge` short
//! unmatched lines between matched lines join the run. Each run is one finding.
//!
//! Patterns are tested against the line with surrounding whitespace trimmed.

use super::lazy_regex::LazySet;
use serde::Deserialize;

use super::{Check, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    /// What the run is, for the message ("comment form").
    message: String,
    anchors: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
    /// How many consecutive unmatched non-blank lines may sit inside a run.
    #[serde(default)]
    bridge: usize,
    /// Bridged lines must be at most this many words.
    #[serde(default = "default_bridge_words")]
    bridge_max_words: usize,
    /// Lines longer than this are prose, never furniture of this kind.
    #[serde(default = "default_max_words")]
    max_words: usize,
    /// A run without an anchor still counts when it has this many member lines
    /// (0: never). Three network names in a row are a share bar; one is not.
    #[serde(default)]
    member_run: usize,
}

fn default_bridge_words() -> usize {
    12
}

fn default_max_words() -> usize {
    25
}

struct LineRuns {
    message: String,
    anchors: LazySet,
    members: LazySet,
    bridge: usize,
    bridge_max_words: usize,
    max_words: usize,
    member_run: usize,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    if data.anchors.is_empty() {
        return Err(src.error("`anchors` must list at least one pattern"));
    }
    Ok(Box::new(LineRuns {
        message: data.message,
        anchors: src.regex_set(&data.anchors)?,
        members: src.regex_set(&data.members)?,
        bridge: data.bridge,
        bridge_max_words: data.bridge_max_words,
        member_run: data.member_run,
        max_words: data.max_words,
    }))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Anchor,
    Member,
    Blank,
    Other,
}

impl Check for LineRuns {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let kinds: Vec<Kind> = article
            .lines
            .iter()
            .enumerate()
            .map(|(n, line)| {
                // A long line is never an anchor or member; most lines are prose, and the
                // article's word count per line says so before any pattern runs (or the
                // line is read).
                if line.blank {
                    Kind::Blank
                } else if article.line_word_count(n) > self.max_words {
                    Kind::Other
                } else if self.anchors.is_match_line(article, n) {
                    Kind::Anchor
                } else if self.members.is_match_line(article, n) {
                    Kind::Member
                } else {
                    Kind::Other
                }
            })
            .collect();
        let mut i = 0;
        while i < kinds.len() {
            if !matches!(kinds[i], Kind::Anchor | Kind::Member) {
                i += 1;
                continue;
            }
            // Grow a run from line i: matched lines, blanks, and short bridged lines.
            let (first, mut last, mut anchors, mut matched) = (i, i, 0, 0);
            let mut j = i;
            let mut gap = 0;
            while j < kinds.len() {
                match kinds[j] {
                    Kind::Anchor | Kind::Member => {
                        anchors += usize::from(kinds[j] == Kind::Anchor);
                        matched += 1;
                        last = j;
                        gap = 0;
                    }
                    Kind::Blank => {}
                    Kind::Other => {
                        gap += 1;
                        let short = article.line_word_count(j) <= self.bridge_max_words;
                        if gap > self.bridge || !short {
                            break;
                        }
                    }
                }
                j += 1;
            }
            if anchors > 0 || (self.member_run > 0 && matched >= self.member_run) {
                let span = Span::new(article.lines[first].span.start, article.lines[last].span.end).trim(article.text);
                let lines = if matched > 1 { format!(" ({} lines)", last - first + 1) } else { String::new() };
                out.push(Finding::new(span, format!("{}{lines}", self.message)));
            }
            i = last + 1;
        }
    }
}
