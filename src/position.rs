//! Byte offsets to the 1-based line and column an editor shows. Lines end at `\n`,
//! `\r\n` or a lone `\r`; columns count characters, and a UTF-8 BOM is not a column.

use std::cell::Cell;
use std::ops::Range;

/// Where each line of a text starts.
///
/// Column lookups remember their last two answers and count on from the nearer one, so
/// the renderers' queries (diagnostics in span order: a start, its end, the next start…)
/// cost the distance between them, not the distance from the start of the line. Without
/// this, a 200 MB one-line file with many findings costs findings × line length.
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last two points looked up, to count columns on from.
    recent: [Cell<Point>; 2],
}

/// A position: byte offset, 0-based line, and 0-based columns in characters and in UTF-16
/// code units (what SARIF viewers count).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Point {
    offset: usize,
    line: usize,
    chars: usize,
    utf16: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut starts = vec![first];
        let bytes = text.as_bytes();
        // Every renderer builds this over the whole file: jump from break to break.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let origin = Point { offset: first, ..Point::default() };
        LineIndex { starts, recent: [Cell::new(origin), Cell::new(origin)] }
    }

    /// How many lines the text has (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1) - 1
    }

    /// The byte range of line `line` (0-based) in `text`, without its line break (and,
    /// on the first line, without the BOM).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line].min(text.len());
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s.min(text.len()));
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// 1-based (line, column) of `offset` in `text`, the text this index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let p = self.point(text, offset);
        (p.line + 1, p.chars + 1)
    }

    /// 1-based (line, column) of `offset`, the column counted in UTF-16 code units.
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let p = self.point(text, offset);
        (p.line + 1, p.utf16 + 1)
    }

    /// [`LineIndex::line_of`], searched forward from line `from` ([`partition_point_from`]):
    /// renderers ask in span order.
    fn line_of_from(&self, offset: usize, from: usize) -> usize {
        partition_point_from(&self.starts, from, |&s| s <= offset).saturating_sub(1)
    }

    fn point(&self, text: &str, offset: usize) -> Point {
        let offset = offset.min(text.len());
        let line = self.line_of_from(offset, self.recent[0].get().line);
        let start = self.starts[line].min(offset);
        // Count on from the nearest remembered point on this line at or before `offset`.
        let from = self
            .recent
            .iter()
            .map(Cell::get)
            .filter(|p| p.line == line && p.offset >= start && p.offset <= offset)
            .max_by_key(|p| p.offset)
            .unwrap_or(Point { offset: start, line, chars: 0, utf16: 0 });
        let (chars, utf16) = count_columns(&text.as_bytes()[from.offset..offset]);
        let point = Point { offset, line, chars: from.chars + chars, utf16: from.utf16 + utf16 };
        self.recent[1].set(self.recent[0].get());
        self.recent[0].set(point);
        point
    }
}

/// `items.partition_point(before)`, searched forward from index `from` in steps that
/// double when `items[from]` is before the point: for a caller walking forward through a
/// long sorted list (lines, line starts), where a search over all of it waited on memory
/// at each step.
pub(crate) fn partition_point_from<T>(items: &[T], from: usize, before: impl Fn(&T) -> bool) -> usize {
    if !items.get(from).is_some_and(&before) {
        return items.partition_point(before);
    }
    let (mut at, mut step) = (from, 1);
    while items.get(at + step).is_some_and(&before) {
        at += step;
        step *= 2;
    }
    let upto = (at + step).min(items.len());
    at + items[at..upto].partition_point(before)
}

/// Characters and UTF-16 code units in `bytes`: one per byte that starts a character, one
/// more for a four-byte character (a surrogate pair). Total on any byte range.
fn count_columns(bytes: &[u8]) -> (usize, usize) {
    let mut chars = 0;
    let mut pairs = 0;
    for &b in bytes {
        chars += usize::from(b & 0xC0 != 0x80);
        pairs += usize::from(b >= 0xF0);
    }
    (chars, chars + pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let t = "\u{feff}ab\r\ncé\rx\ny";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, 3), (1, 1));
        assert_eq!(idx.line_col(t, 4), (1, 2));
        assert_eq!(idx.line_col(t, 7), (2, 1));
        assert_eq!(idx.line_col(t, 10), (2, 3));
        assert_eq!(idx.line_col(t, 11), (3, 1));
        assert_eq!(idx.line_col(t, 13), (4, 1));
        assert_eq!(idx.line_col(t, 14), (4, 2));
        assert_eq!(idx.line_count(), 4);
        assert_eq!(&t[idx.line_range(t, 0)], "ab");
        assert_eq!(&t[idx.line_range(t, 1)], "cé");
        assert_eq!(&t[idx.line_range(t, 2)], "x");
        assert_eq!(&t[idx.line_range(t, 3)], "y");
    }

    #[test]
    fn columns_are_the_same_in_any_query_order() {
        let t = "a😀é b\ncd 😀\n\nlast line";
        let boundaries: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
        let fresh = |o: usize| {
            let idx = LineIndex::new(t);
            (idx.line_col(t, o), idx.line_col_utf16(t, o))
        };
        let shared = LineIndex::new(t);
        for &o in boundaries.iter().chain(boundaries.iter().rev()).chain(boundaries.iter().step_by(3)) {
            assert_eq!((shared.line_col(t, o), shared.line_col_utf16(t, o)), fresh(o), "offset {o}");
        }
        assert_eq!(fresh(t.find(" b").unwrap()), ((1, 4), (1, 5)), "the emoji is two UTF-16 units");
    }
}
