//! Byte spans into the original text.
//!
//! Every position newslint reports is a half-open byte range `start..end` into the
//! bytes of the file as read (after nothing: not even a BOM is stripped), always on
//! UTF-8 character boundaries. Editors and `--fix` rely on this.

use serde::Serialize;

/// A half-open byte range `start..end` into a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Shrinks the span so it holds no leading or trailing whitespace of `text`.
    pub fn trim(self, text: &str) -> Span {
        let slice = &text[self.start..self.end];
        let start = self.start + (slice.len() - slice.trim_start().len());
        let end = self.start + slice.trim_end().len();
        if start >= end { Span::new(self.start, self.start) } else { Span::new(start, end) }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A set of byte ranges, merged and sorted, for fast "does this overlap any?" queries.
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    merged: Vec<Span>,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        spans.sort();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        SpanSet { merged }
    }

    /// The ranges, sorted, with overlapping and touching ones merged; empty ones dropped.
    pub fn spans(&self) -> &[Span] {
        &self.merged
    }

    /// Whether `span` overlaps any range of the set.
    pub fn overlaps(&self, span: Span) -> bool {
        let i = self.merged.partition_point(|m| m.end <= span.start);
        self.merged.get(i).is_some_and(|m| m.overlaps(span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_set_answers_overlap_queries() {
        let set = SpanSet::new([Span::new(10, 20), Span::new(15, 30), Span::new(40, 50)]);
        assert!(set.overlaps(Span::new(29, 35)));
        assert!(!set.overlaps(Span::new(30, 40)));
        assert!(set.overlaps(Span::new(0, 11)));
        assert!(!set.overlaps(Span::new(50, 60)));
    }
}
