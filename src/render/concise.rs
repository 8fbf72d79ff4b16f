//! `path:line:col: severity[rule] message`, one per line: for grep, editors' quickfix
//! lists and scripts.

use std::io::{self, Write};

use super::FileReport;
use crate::position::LineIndex;

pub fn write_concise(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let index = LineIndex::new(report.text);
    for d in report.diagnostics {
        let (line, col) = index.line_col(report.text, d.span.start);
        write!(out, "{}:{line}:{col}: {}[{}] {}", report.path, d.severity, d.rule, d.message)?;
        match d.suggestion.as_deref() {
            Some("") => write!(out, " (delete)")?,
            Some(s) => write!(out, " (replace with `{s}`)")?,
            None => {}
        }
        writeln!(out)?;
    }
    Ok(())
}
