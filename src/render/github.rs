//! `--format github`: GitHub Actions workflow commands, one line per diagnostic, which the
//! runner turns into annotations on the pull request:
//! `::error file=PATH,line=L,col=C,endLine=L,endColumn=C2,title=RULE::MESSAGE`.
//!
//! Columns are 1-based characters, as in the other formats. GitHub takes columns only for
//! an annotation on one line, so a span over several lines gives `line` and `endLine` alone.

use std::io::{self, Write};

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::position::LineIndex;

/// Writes one workflow command per diagnostic of one file.
pub fn write_github(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let index = LineIndex::new(report.text);
    let file = escape_property(&github_path(report.path));
    for d in report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (line, col) = index.line_col(report.text, d.span.start);
        let (end_line, end_col) = index.line_col(report.text, d.span.end);
        write!(out, "::{command} file={file},line={line},")?;
        if end_line == line {
            write!(out, "col={col},endLine={end_line},endColumn={end_col},")?;
        } else {
            write!(out, "endLine={end_line},")?;
        }
        writeln!(out, "title={}::{}", escape_property(&d.rule), escape_data(&message_with_fix(d)))?;
    }
    Ok(())
}

/// The message with the suggestion after it, as `--format concise` writes it.
pub(super) fn message_with_fix(d: &Diagnostic) -> String {
    match d.suggestion.as_deref() {
        Some("") => format!("{} (delete)", d.message),
        Some(s) => format!("{} (replace with `{s}`)", d.message),
        None => d.message.clone(),
    }
}

/// The path as the runner resolves it against the workspace: forward slashes, no `./`.
fn github_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    rest.to_string()
}

/// Escapes a command's message, as `@actions/core` does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property's value, as `@actions/core` does.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
