//! `page-layout`: where the article is on a scraped page, and what lies around it. A naive
//! scrape keeps the whole page: navigation before the article, teasers, comments and the
//! footer after it. Line patterns catch the furniture that says what it is; this engine
//! catches the rest by position, using the whole article as context:
//!
//! 1. Prose lines (enough words and a sentence end, or very long) form clusters; the
//!    heaviest cluster is the article's core. Neighbouring clusters join it unless what
//!    separates them is long and made of menu-like lines, or holds a terminal marker
//!    ("Tags:", "42 comments", "© 2025 …") that ends articles.
//! 2. Lines before the article's first prose line and after its last are furniture unless
//!    they are prose (teasers may be, and are left to other rules), or sit just before the
//!    article (headline, dek, byline, dateline) or just after it (contributor lines,
//!    corrections) before any terminal marker. After a terminal marker even prose is page
//!    furniture (user comments).
//! 3. Runs of such lines become one finding each, minus lines another furniture rule has
//!    already named (so "comment form" keeps its own, more precise message).
//!
//! Inside the article nothing is flagged by position: tables, lists and subheads live there.

use super::lazy_regex::LazySet;
use serde::Deserialize;

use super::{Check, DocContext, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::span::{Span, SpanSet};
use crate::text::ends_like_sentence;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    before_message: String,
    after_message: String,
    /// Said instead of the generic message when most lines of a run are menu items.
    menu_label: String,
    /// Said instead when the run follows a comment-section opener.
    comments_label: String,
    /// Lines that end an article: nothing after them is the story.
    terminal: Vec<String>,
    /// Lines that open a comment section. Readers' comments can outweigh the story, so
    /// prose after one (once a substantial cluster has been seen) is never the article.
    comments: Vec<String>,
    /// Short lines just before the article that belong to it (bylines, datelines).
    keep_before: Vec<String>,
    /// Short lines just after the article that belong to it (contributor and wire lines).
    keep_after_patterns: Vec<String>,
    prose_min_words: usize,
    prose_any_words: usize,
    cluster_gap: usize,
    min_cluster_words: usize,
    line_word_cap: usize,
    join_short_gap: usize,
    join_max_gap: usize,
    menu_fraction: f64,
    numeric_fraction: f64,
    keep_after: usize,
    keep_before_lines: usize,
    /// A page edge with fewer lines is left alone: one label above a story is a kicker,
    /// not a menu.
    min_edge_lines: usize,
}

struct PageLayout {
    data: Data,
    terminal: LazySet,
    comments: LazySet,
    keep_before: LazySet,
    keep_after: LazySet,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    let terminal = src.regex_set(&data.terminal)?;
    let keep_before = src.regex_set(&data.keep_before)?;
    let comments = src.regex_set(&data.comments)?;
    let keep_after = src.regex_set(&data.keep_after_patterns)?;
    Ok(Box::new(PageLayout { data, terminal, comments, keep_before, keep_after }))
}

/// What the engine needs to know about one non-blank line.
struct LineInfo<'a> {
    /// Index into `article.lines`.
    index: usize,
    text: &'a str,
    words: usize,
    prose: bool,
    terminal: bool,
    comments: bool,
}

/// A one-to-four-word line without digits or a sentence end: menu items, section names.
fn menu_like(line: &LineInfo) -> bool {
    (1..=4).contains(&line.words) && !ends_like_sentence(line.text) && !line.text.chars().any(|c| c.is_ascii_digit())
}

/// A table cell or figure: digits and at most three real words.
fn numeric(line: &LineInfo) -> bool {
    line.text.chars().any(|c| c.is_ascii_digit())
        && line.text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3).count() <= 3
}

impl PageLayout {
    fn is_prose(&self, text: &str, words: usize) -> bool {
        (words >= self.data.prose_min_words && sentence_end(text)) || words >= self.data.prose_any_words
    }

    /// The article's first and last line, as positions in `lines`.
    fn article_bounds(&self, lines: &[LineInfo]) -> Option<(usize, usize)> {
        let d = &self.data;
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for k in (0..lines.len()).filter(|&k| lines[k].prose) {
            let joined = clusters
                .last()
                .and_then(|c| c.last())
                .is_some_and(|&last| k - last <= d.cluster_gap && !lines[last + 1..k].iter().any(|l| l.terminal));
            if joined {
                clusters.last_mut().unwrap().push(k);
            } else {
                clusters.push(vec![k]);
            }
        }
        let weight = |c: &Vec<usize>| c.iter().map(|&k| lines[k].words.min(d.line_word_cap)).sum::<usize>();
        // Once a substantial cluster is followed by a comment section, what comes after is
        // the readers', not the reporter's.
        let eligible = clusters
            .iter()
            .position(|c| weight(c) >= d.min_cluster_words)
            .and_then(|first| {
                let opener = (clusters[first].last().unwrap() + 1..lines.len()).find(|&k| lines[k].comments)?;
                Some(clusters.iter().position(|c| c[0] > opener).unwrap_or(clusters.len()))
            })
            .unwrap_or(clusters.len());
        let core = (0..eligible).max_by_key(|&i| (weight(&clusters[i]), std::cmp::Reverse(i)))?;
        let joinable = |a: usize, b: usize| {
            let gap = &lines[a + 1..b];
            if gap.len() > d.join_max_gap || gap.iter().any(|l| l.terminal) {
                return false;
            }
            let n = gap.len().max(1) as f64;
            gap.len() <= d.join_short_gap
                || (gap.iter().filter(|l| menu_like(l)).count() as f64) / n < d.menu_fraction
                || (gap.iter().filter(|l| numeric(l)).count() as f64) / n >= d.numeric_fraction
        };
        let (mut lo, mut hi) = (core, core);
        while lo > 0
            && weight(&clusters[lo - 1]) >= d.min_cluster_words
            && joinable(*clusters[lo - 1].last().unwrap(), clusters[lo][0])
        {
            lo -= 1;
        }
        while hi + 1 < clusters.len()
            && weight(&clusters[hi + 1]) >= d.min_cluster_words
            && joinable(*clusters[hi].last().unwrap(), clusters[hi + 1][0])
        {
            hi += 1;
        }
        Some((clusters[lo][0], *clusters[hi].last().unwrap()))
    }
}

/// Ends with . ! ? or … (possibly inside closing quotes or brackets); a colon does not count.
fn sentence_end(text: &str) -> bool {
    text.trim_end().trim_end_matches(['"', '”', '’', '\'', ')', ']']).ends_with(['.', '!', '?', '…'])
}

impl Check for PageLayout {
    fn check(&self, _article: &Article, _out: &mut Vec<Finding>) {}

    fn document_level(&self) -> bool {
        true
    }

    fn check_document(&self, article: &Article, cx: &DocContext, out: &mut Vec<Finding>) {
        let lines: Vec<LineInfo> = article
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.blank)
            .map(|(index, l)| {
                let text = article.slice(l.span).trim();
                let words = article.line_word_count(index);
                LineInfo {
                    index,
                    text,
                    words,
                    prose: self.is_prose(text, words),
                    terminal: self.terminal.is_match_line(article, index),
                    comments: self.comments.is_match_line(article, index),
                }
            })
            .collect();
        let Some((start, end)) = self.article_bounds(&lines) else { return };
        let furniture = SpanSet::new(cx.prior.furniture_spans());
        let claimed = |line: &LineInfo| furniture.overlaps(article.lines[line.index].span);
        // How many lines stand between each line and the article's start, not counting
        // lines other rules already claimed (a share bar between headline and story).
        let mut distance_to_start = vec![usize::MAX; lines.len()];
        let mut unclaimed = 0;
        for k in (0..start).rev() {
            if !claimed(&lines[k]) {
                unclaimed += 1;
            }
            distance_to_start[k] = unclaimed;
        }
        let mut terminal_seen = false;
        let flagged: Vec<bool> = lines
            .iter()
            .enumerate()
            .map(|(k, line)| {
                if k > end && line.terminal {
                    terminal_seen = true;
                }
                let before = k < start;
                let after = k > end;
                if !(before || after) || claimed(line) {
                    return false;
                }
                let near_head = before
                    && distance_to_start[k] <= self.data.keep_before_lines
                    && (!menu_like(line) || self.keep_before.is_match(article, line.text));
                let near_tail = after
                    && !terminal_seen
                    && k - end <= self.data.keep_after
                    && (!menu_like(line) || self.keep_after.is_match(article, line.text));
                !near_head && !near_tail && (!line.prose || (after && terminal_seen))
            })
            .collect();
        // A single line between lines that stay is more likely a subhead or kicker of the
        // story than a page's chrome.
        let stays = |j: usize| !flagged[j] && !claimed(&lines[j]);
        let mut k = 0;
        while k < lines.len() {
            if !flagged[k] {
                k += 1;
                continue;
            }
            let first = k;
            while k + 1 < lines.len() && flagged[k + 1] {
                k += 1;
            }
            let last = k;
            k += 1;
            let isolated = first == last && first > 0 && last + 1 < lines.len() && stays(first - 1) && stays(last + 1);
            let edge_lines = if first < start { start } else { lines.len() - end - 1 };
            if isolated || edge_lines < self.data.min_edge_lines {
                continue;
            }
            let (a, b) = (&article.lines[lines[first].index], &article.lines[lines[last].index]);
            let span = Span::new(a.span.start, b.span.end).trim(article.text);
            let run = &lines[first..=last];
            let count = run.len();
            let menu = run.iter().filter(|l| menu_like(l)).count() * 10 >= count * 6;
            let comments = first > end && lines[end + 1..=last].iter().any(|l| l.comments);
            let place = if first < start { &self.data.before_message } else { &self.data.after_message };
            let what = if comments {
                format!("{} {place}", self.data.comments_label)
            } else if menu && count > 2 {
                format!("{} {place}", self.data.menu_label)
            } else {
                format!("page chrome {place}")
            };
            let message = if count > 1 { format!("{what} ({count} lines)") } else { what };
            out.push(Finding::new(span, message));
        }
    }
}
