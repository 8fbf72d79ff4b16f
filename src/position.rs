//! Byte offsets to the 1-based line and column an editor shows. Lines end at `\n`,
//! `\r\n` or a lone `\r`; columns count characters, and a UTF-8 BOM is not a column.

/// Where each line of a text starts.
pub struct LineIndex {
    starts: Vec<usize>,
}

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
        LineIndex { starts }
    }

    /// 1-based (line, column) of `offset` in `text`, the text this index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line].min(offset);
        let col = text.get(start..offset).map_or(offset - start, |s| s.chars().count());
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
}
