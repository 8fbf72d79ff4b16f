//! `--format checkstyle`: Checkstyle 4.3 XML, which Jenkins, reviewdog and many CI
//! dashboards read. Streamed: [`write_checkstyle_header`], [`write_checkstyle`] for each
//! file (clean files too, as `<file name="…"/>`), then [`write_checkstyle_footer`].

use std::io::{self, Write};

use super::FileReport;
use super::github::message_with_fix;
use crate::diagnostic::Severity;
use crate::position::LineIndex;

/// The XML declaration and the opening `<checkstyle>`.
pub fn write_checkstyle_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<checkstyle version=\"4.3\">")
}

/// One `<file>` element with an `<error>` per diagnostic. Columns are 1-based characters.
pub fn write_checkstyle(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let name = escape_xml(report.path);
    if report.diagnostics.is_empty() {
        return writeln!(out, "  <file name=\"{name}\"/>");
    }
    writeln!(out, "  <file name=\"{name}\">")?;
    let index = LineIndex::new(report.text);
    for d in report.diagnostics {
        let (line, column) = index.line_col(report.text, d.span.start);
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        writeln!(
            out,
            "    <error line=\"{line}\" column=\"{column}\" severity=\"{severity}\" message=\"{}\" source=\"{}\"/>",
            escape_xml(&message_with_fix(d)),
            escape_xml(&d.rule)
        )?;
    }
    writeln!(out, "  </file>")
}

/// The closing `</checkstyle>`.
pub fn write_checkstyle_footer(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</checkstyle>")
}

/// Escapes text for an XML attribute or element: the five markup characters as entities,
/// line breaks and tabs as character references (attribute values would turn them into
/// spaces otherwise), and characters XML 1.0 cannot carry at all as U+FFFD.
pub(super) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
