//! Byte offsets to the 1-based line and column an editor shows. Lines end at `\n`,
//! `\r\n` or a lone `\r`; columns count characters, and a UTF-8 BOM is not a column.

/// Where each line of a text starts.
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(offset, column index)` every [`CHECKPOINT`] bytes along lines longer than that, so
    /// a column is counted from at most that far back, not from the start of the line: a
    /// scraped page can be one multi-megabyte line with thousands of findings, and counting
    /// from the line start for each made every report format quadratic (found by fuzzing).
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between column checkpoints on a long line.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![if text.starts_with('\u{feff}') { 3 } else { 0 }];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut checkpoints = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let (mut at, mut column) = (start, 0);
            while at + CHECKPOINT < end {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                column += text[at..next].chars().count();
                checkpoints.push((next, column));
                at = next;
            }
        }
        LineIndex { starts, checkpoints }
    }

    /// 1-based (line, column) of `offset` in `text`, the text this index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line].min(offset);
        let nearest = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (from, before) = match nearest.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, column)) if at >= start => (at, column),
            _ => (start, 0),
        };
        let col = before + text.get(from..offset).map_or(offset - from, |s| s.chars().count());
        (line + 1, col + 1)
    }
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
    }

    #[test]
    fn columns_on_lines_longer_than_a_checkpoint_count_characters() {
        let line = "é—🙂a".repeat(2000); // 10 bytes, 4 characters each time
        let t = format!("x\n{line}\r\n{line}");
        let idx = LineIndex::new(&t);
        assert!(!idx.checkpoints.is_empty());
        for (offset, _) in t.char_indices().step_by(997).chain([(t.len(), ' ')]) {
            let line_start = t[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = (t[..offset].matches('\n').count() + 1, t[line_start..offset].chars().count() + 1);
            assert_eq!(idx.line_col(&t, offset), expected, "at {offset}");
        }
    }
}
