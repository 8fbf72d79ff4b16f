//! What codespan-reporting is shown for one diagnostic: not the file, but only the lines
//! the snippet prints, each cut to a window around the label on a very long line.
//!
//! Why: codespan renders a label's lines whole and walks every line a label spans. A
//! finding on a 200 MB one-line file (a minified scrape) printed the whole line once per
//! finding, and a config error on a 20 MB line echoed the line to the terminal. Here the
//! work and the output per diagnostic are bounded by the snippet, whatever the file.
//!
//! Line and column numbers stay those of the file, counted like every other format
//! (`crate::position`: a lone `\r` ends a line, the BOM is not a column), and control
//! characters are shown as their visible pictures (`␛`) rather than sent to the terminal.

use std::ops::Range;

use codespan_reporting::files::{Error, Files, Location};

use crate::position::LineIndex;

/// Lines up to this many characters are shown whole (a long paragraph on one line is
/// common in prose); longer ones are cut around the label with "…".
pub const MAX_LINE_CHARS: usize = 1000;
/// Characters kept before a label's start and after its end on a cut line.
pub const CONTEXT_CHARS: usize = 80;
/// On a cut line, a label longer than this is shown up to here and then "…".
pub const MAX_LABEL_CHARS: usize = 300;
/// The lines codespan's default `Config` prints after a multi-line label's first line and
/// before its last (`start_context_lines`, `end_context_lines`).
const START_CONTEXT: usize = 3;
const END_CONTEXT: usize = 1;

const ELLIPSIS: char = '…';

/// The printed lines of one diagnostic as a small source of their own.
pub struct Excerpt<'a> {
    name: &'a str,
    source: String,
    /// One entry per line codespan may ask about, in order. A gap of skipped lines is two
    /// empty entries, so codespan sees lines that are not adjacent and prints its `·`.
    lines: Vec<ExcerptLine>,
    /// The label's start in `source`, and where it is in the file.
    anchor: (usize, Location),
}

struct ExcerptLine {
    /// In `source`, with the `\n` that ends it.
    range: Range<usize>,
    /// 1-based line number in the file.
    number: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `text` for a label on `span`, and the label's range in the excerpt.
    pub fn new(name: &'a str, text: &str, index: &LineIndex, span: Range<usize>) -> (Excerpt<'a>, Range<usize>) {
        let start = span.start.min(text.len());
        let end = span.end.clamp(start, text.len());
        let (first, last) = (index.line_of(start), index.line_of(end));
        let (line, column) = index.line_col(text, start);
        let mut excerpt = Excerpt {
            name,
            source: String::new(),
            lines: Vec::new(),
            anchor: (0, Location { line_number: line, column_number: column }),
        };
        let mut label = 0..0;
        let top_end = (first + START_CONTEXT).min(last);
        let bottom_start = last.saturating_sub(END_CONTEXT).max(first);
        let mut previous: Option<usize> = None;
        for n in (first..=top_end).chain(bottom_start.max(top_end + 1)..=last) {
            if let Some(p) = previous {
                match n - p {
                    1 => {}
                    // One line between: codespan prints it, so keep it.
                    2 => {
                        excerpt.push_line(text, index, p + 1, None, None);
                    }
                    _ => excerpt.push_gap(),
                }
            }
            let (s, e) = excerpt.push_line(text, index, n, (n == first).then_some(start), (n == last).then_some(end));
            if let Some(s) = s {
                label.start = s;
            }
            if let Some(e) = e {
                label.end = e;
            }
            previous = Some(n);
        }
        excerpt.anchor.0 = label.start;
        label.end = label.end.max(label.start);
        (excerpt, label)
    }

    fn push_gap(&mut self) {
        let at = self.source.len();
        let number = self.lines.last().map_or(1, |l| l.number + 1);
        for _ in 0..2 {
            self.lines.push(ExcerptLine { range: at..at, number });
        }
    }

    /// Appends file line `n` (0-based), cut to a window if it is long; returns where the
    /// label's start and end (byte offsets in the file, when on this line) land.
    fn push_line(
        &mut self,
        text: &str,
        index: &LineIndex,
        n: usize,
        start: Option<usize>,
        end: Option<usize>,
    ) -> (Option<usize>, Option<usize>) {
        let line = index.line_range(text, n);
        let clamp = |o: usize| o.clamp(line.start, line.end);
        let (start, end) = (start.map(clamp), end.map(clamp));
        let long = text[line.clone()].chars().nth(MAX_LINE_CHARS).is_some();
        // The window to show, and whether the label runs on past it.
        let (from, to, clipped) = if !long {
            (line.start, line.end, false)
        } else {
            match (start, end) {
                (Some(s), Some(e)) => {
                    let shown = forward(text, s, MAX_LABEL_CHARS, line.end);
                    let to = if e > shown { shown } else { forward(text, e, CONTEXT_CHARS, line.end) };
                    (back(text, s, CONTEXT_CHARS, line.start), to, e > shown)
                }
                (Some(p), None) | (None, Some(p)) => {
                    (back(text, p, CONTEXT_CHARS, line.start), forward(text, p, CONTEXT_CHARS, line.end), false)
                }
                (None, None) => (line.start, forward(text, line.start, 2 * CONTEXT_CHARS, line.end), false),
            }
        };
        let begin = self.source.len();
        if from > line.start {
            self.source.push(ELLIPSIS);
        }
        // Copy the window, noting where the label's ends fall (a control picture is longer
        // in bytes than the control character, so offsets are noted, not computed).
        let (mut label_start, mut label_end) = (None, None);
        let mut note = |o: usize, len: usize| {
            if start == Some(o) && label_start.is_none() {
                label_start = Some(len);
            }
            if end == Some(o) && !clipped {
                label_end = Some(len);
            }
        };
        for (i, c) in text[from..to].char_indices() {
            note(from + i, self.source.len());
            self.source.push(visible(c));
        }
        note(to, self.source.len());
        if to < line.end {
            self.source.push(ELLIPSIS);
        }
        if clipped {
            label_end = Some(self.source.len()); // the carets run on under the "…"
        }
        self.source.push('\n');
        self.lines.push(ExcerptLine { range: begin..self.source.len(), number: n + 1 });
        (label_start, label_end)
    }
}

/// `from`, moved back `n` characters but not before `floor`.
fn back(text: &str, from: usize, n: usize, floor: usize) -> usize {
    text[floor..from].char_indices().rev().take(n).last().map_or(from, |(i, _)| floor + i)
}

/// `from`, moved on `n` characters but not past `ceiling`.
fn forward(text: &str, from: usize, n: usize, ceiling: usize) -> usize {
    text[from..ceiling].char_indices().nth(n).map_or(ceiling, |(i, _)| from + i)
}

/// A control character as its visible picture (U+2400–U+2421); a tab stays a tab.
fn visible(c: char) -> char {
    match c {
        '\t' => c,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(char::REPLACEMENT_CHARACTER),
        '\u{7f}' => '\u{2421}',
        _ => c,
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.lines.partition_point(|l| l.range.start <= byte_index).max(1) - 1)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        self.lines
            .get(line_index)
            .map(|l| l.number)
            .ok_or(Error::LineTooLarge { given: line_index, max: self.lines.len() })
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.lines
            .get(line_index)
            .map(|l| l.range.clone())
            .ok_or(Error::LineTooLarge { given: line_index, max: self.lines.len() })
    }

    /// The file's own line and column for the label's start (the only location codespan
    /// prints, in the `┌─ path:line:column` header).
    fn location(&'a self, (): (), byte_index: usize) -> Result<Location, Error> {
        if byte_index == self.anchor.0 {
            return Ok(self.anchor.1);
        }
        let line_index = self.line_index((), byte_index)?;
        let line = &self.lines[line_index];
        let column = self.source[line.range.start..byte_index.min(line.range.end)].chars().count() + 1;
        Ok(Location { line_number: line.number, column_number: column })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, span: Range<usize>) -> (String, Vec<usize>, String, Location) {
        let index = LineIndex::new(text);
        let (e, label) = Excerpt::new("t", text, &index, span);
        let numbers = e.lines.iter().map(|l| l.number).collect();
        (e.source.clone(), numbers, e.source[label].to_string(), e.anchor.1)
    }

    #[test]
    fn short_lines_are_shown_whole_without_bom_or_line_breaks() {
        let text = "\u{feff}one\r\ntwo spun\rthree\n";
        let at = text.find("spun").unwrap();
        let (source, numbers, label, loc) = excerpt(text, at..at + 4);
        assert_eq!((source.as_str(), numbers, label.as_str()), ("two spun\n", vec![2], "spun"));
        assert_eq!((loc.line_number, loc.column_number), (2, 5));
    }

    #[test]
    fn a_long_line_is_cut_around_the_label() {
        let text = format!("{}needle{}\n", "a".repeat(100_000), "b".repeat(100_000));
        let (source, _, label, loc) = excerpt(&text, 100_000..100_006);
        assert_eq!(label, "needle");
        assert_eq!(source, format!("…{}needle{}…\n", "a".repeat(CONTEXT_CHARS), "b".repeat(CONTEXT_CHARS)));
        assert_eq!((loc.line_number, loc.column_number), (1, 100_001));
    }

    #[test]
    fn a_long_label_is_cut_and_the_carets_run_under_the_ellipsis() {
        let text = "x".repeat(50_000);
        let (source, _, label, _) = excerpt(&text, 10..40_000);
        assert_eq!(label, format!("{}…", "x".repeat(MAX_LABEL_CHARS)));
        assert!(source.len() < 2 * (MAX_LABEL_CHARS + 2 * CONTEXT_CHARS), "{}", source.len());
    }

    #[test]
    fn a_label_over_many_lines_keeps_only_the_lines_codespan_prints() {
        let text: String = (1..=1000).map(|n| format!("line {n}\n")).collect();
        let (source, numbers, _, loc) = excerpt(&text, 0..text.find("line 999").unwrap() + 4);
        assert_eq!(numbers, vec![1, 2, 3, 4, 5, 5, 998, 999]);
        assert!(source.starts_with("line 1\nline 2\nline 3\nline 4\nline 998\n"), "{source}");
        assert_eq!((loc.line_number, loc.column_number), (1, 1));
        // One line between the kept ones is kept, as codespan would print it.
        let (_, numbers, _, _) = excerpt(&text, 0..text.find("line 7").unwrap());
        assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        let text = "a\u{1b}[2J b\u{7f}";
        let (source, _, _, _) = excerpt(text, 0..1);
        assert_eq!(source, "a\u{241b}[2J b\u{2421}\n");
    }
}
