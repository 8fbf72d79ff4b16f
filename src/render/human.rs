//! The default, rustc-style report: codespan-reporting snippets with the flagged span
//! underlined and the suggestion beside it.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::term::{self, Config};
use termcolor::{Color, ColorSpec, WriteColor};

use super::excerpt::Excerpt;
use super::{FileReport, Summary};
use crate::diagnostic::Severity;
use crate::error::LoadError;
use crate::position::LineIndex;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn io_error(e: codespan_reporting::files::Error) -> io::Error {
    match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// Writes every diagnostic of one file. Each is rendered from an [`Excerpt`]: only the
/// lines its snippet prints, long lines cut to a window, so the output stays small
/// whatever the file (a finding on a 200 MB one-line file prints a few hundred bytes).
pub fn write_human(out: &mut dyn WriteColor, report: &FileReport) -> io::Result<()> {
    let config = Config::default();
    let index = LineIndex::new(report.text);
    for d in report.diagnostics {
        let (excerpt, range) = Excerpt::new(report.path, report.text, &index, d.span.range());
        let mut label = Label::primary((), range);
        match d.suggestion.as_deref() {
            Some("") => label = label.with_message("help: delete this"),
            Some(s) => label = label.with_message(format!("help: replace with `{s}`")),
            None => {}
        }
        let diag = CsDiagnostic::new(severity(d.severity))
            .with_code(d.rule.to_string())
            .with_message(&d.message)
            .with_labels(vec![label]);
        term::emit_to_write_style(out, &config, &excerpt, &diag).map_err(io_error)?;
    }
    Ok(())
}

/// Writes a config or rule-pack error with a snippet of the offending TOML (cut to a
/// window on a long line: an error on a 20 MB line must not echo the line).
pub fn write_load_error(out: &mut dyn WriteColor, err: &LoadError) -> io::Result<()> {
    match &err.span {
        Some(span) if span.end <= err.source_text.len() => {
            let index = LineIndex::new(&err.source_text);
            let (excerpt, range) = Excerpt::new(&err.path, &err.source_text, &index, span.clone());
            let diag = CsDiagnostic::error().with_message(&err.message).with_labels(vec![Label::primary((), range)]);
            term::emit_to_write_style(out, &Config::default(), &excerpt, &diag).map_err(io_error)
        }
        // No place to point at (unreadable, too large, not UTF-8): one line, like an input error.
        _ => {
            out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Red)))?;
            write!(out, "error")?;
            out.reset()?;
            writeln!(out, ": {}: {}", err.path, err.message)
        }
    }
}

/// The closing lines: the spin density of files with spin findings, then how many
/// problems of each severity in how many files.
pub fn write_summary(out: &mut dyn WriteColor, summary: &Summary) -> io::Result<()> {
    for stat in &summary.spin {
        writeln!(out, "{stat}")?;
    }
    let color = if summary.errors > 0 {
        Color::Red
    } else if summary.warnings > 0 {
        Color::Yellow
    } else {
        Color::Green
    };
    out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(color)))?;
    write!(out, "{summary}")?;
    out.reset()?;
    writeln!(out)
}
