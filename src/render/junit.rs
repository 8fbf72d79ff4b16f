//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins,
//! Azure Pipelines). One `<testsuite>` per file; each diagnostic is a failing `<testcase>`,
//! and a clean file is one passing test case. Streamed: [`write_junit_header`],
//! [`write_junit`] for each file, then [`write_junit_footer`].

use std::io::{self, Write};

use super::FileReport;
use super::checkstyle::escape_xml;
use super::github::message_with_fix;
use crate::position::LineIndex;

/// The XML declaration and the opening `<testsuites>`.
pub fn write_junit_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<testsuites name=\"newslint\">")
}

/// One file's `<testsuite>`. Columns are 1-based characters.
pub fn write_junit(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let path = escape_xml(report.path);
    let failures = report.diagnostics.len();
    let tests = failures.max(1);
    writeln!(
        out,
        "  <testsuite name=\"{path}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">"
    )?;
    if failures == 0 {
        writeln!(out, "    <testcase name=\"no problems\" classname=\"{path}\" file=\"{path}\" time=\"0\"/>")?;
    }
    let index = LineIndex::new(report.text);
    for d in report.diagnostics {
        let (line, column) = index.line_col(report.text, d.span.start);
        let rule = escape_xml(&d.rule);
        let detail = format!("{}:{line}:{column}: {}[{}] {}", report.path, d.severity, d.rule, message_with_fix(d));
        writeln!(
            out,
            "    <testcase name=\"{rule} at {line}:{column}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\" time=\"0\">"
        )?;
        writeln!(
            out,
            "      <failure message=\"{}\" type=\"{rule}\">{}</failure>",
            escape_xml(&d.message),
            escape_xml(&detail)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

/// The closing `</testsuites>`.
pub fn write_junit_footer(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</testsuites>")
}
