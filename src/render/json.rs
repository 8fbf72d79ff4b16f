//! `--format json`: one array of objects with a fixed set of keys, for programs.

use serde::Serialize;

use super::FileReport;
use crate::position::LineIndex;
use crate::span::Span;

/// One diagnostic as JSON. Lines and columns are 1-based; columns count characters; the
/// end is exclusive, as in the span.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'static str,
    pub message: &'a str,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub suggestion: Option<&'a str>,
}

pub fn json_diagnostics<'a>(report: &'a FileReport) -> Vec<JsonDiagnostic<'a>> {
    let index = LineIndex::new(report.text);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = index.line_col(report.text, d.span.start);
            let (end_line, end_column) = index.line_col(report.text, d.span.end);
            JsonDiagnostic {
                path: report.path,
                rule: &d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                span: d.span,
                line,
                column,
                end_line,
                end_column,
                suggestion: d.suggestion.as_deref(),
            }
        })
        .collect()
}
