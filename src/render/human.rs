//! The default, rustc-style report: codespan-reporting snippets with the flagged span
//! underlined and the suggestion beside it.

use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, SimpleFile};
use codespan_reporting::term::{self, Config};
use termcolor::{Color, ColorSpec, WriteColor};

use super::{FileReport, Summary};
use crate::diagnostic::Severity;
use crate::error::LoadError;

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

/// Writes every diagnostic of one file.
pub fn write_human(out: &mut dyn WriteColor, report: &FileReport) -> io::Result<()> {
    let file = SimpleFile::new(report.path, report.text);
    let config = Config::default();
    let mut columns = ColumnMemo::default();
    for d in report.diagnostics {
        let clipped = Clipped::new(&file, d.span.range(), &mut columns);
        let range = clipped.as_ref().map_or(d.span.range(), |c| c.label.clone());
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
        match &clipped {
            Some(clipped) => term::emit_to_write_style(out, &config, clipped, &diag),
            None => term::emit_to_write_style(out, &config, &file, &diag),
        }
        .map_err(io_error)?;
    }
    Ok(())
}

/// Lines longer than this (in bytes) are clipped around the flagged span.
const LONG_LINE: usize = 1024;
/// Bytes of the line kept on each side of the flagged span when it is clipped.
const CONTEXT: usize = 160;

/// One diagnostic's view of a line too long to print whole: the flagged span with some
/// context on each side and `…` where the line was cut; line and column numbers stay the
/// file's. Scraped pages arrive as one multi-megabyte line, and printing that line under
/// each of thousands of findings made the report grow as findings × line length (found by
/// fuzzing `check`: 15 KB of curly quotes on one line took 25 s to report).
struct Clipped<'a> {
    name: &'a str,
    excerpt: String,
    /// The span, in `excerpt`.
    label: Range<usize>,
    /// 1-based line number in the file.
    line_number: usize,
    /// Characters of the line before the excerpt's first byte of the file.
    columns_before: usize,
    /// Bytes of the leading `…` (0 when the line is kept from its start).
    marker: usize,
}

/// The column (in characters) of the last offset asked for on a long line: diagnostics
/// come sorted by start, so each column is counted on from the one before, not from the
/// start of the line, and a report on one long line stays linear.
#[derive(Default)]
struct ColumnMemo {
    line_start: usize,
    offset: usize,
    columns: usize,
}

impl ColumnMemo {
    /// Characters from `line_start` to `offset` in `text`.
    fn columns(&mut self, text: &str, line_start: usize, offset: usize) -> usize {
        let (from, before) = if self.line_start == line_start && self.offset <= offset {
            (self.offset, self.columns)
        } else {
            (line_start, 0)
        };
        let columns = before + text[from..offset].chars().count();
        *self = ColumnMemo { line_start, offset, columns };
        columns
    }
}

impl<'a> Clipped<'a> {
    /// The clipped view for a span on one long line; `None` when the line prints whole.
    fn new(file: &SimpleFile<&'a str, &'a str>, span: Range<usize>, memo: &mut ColumnMemo) -> Option<Clipped<'a>> {
        use codespan_reporting::files::Files;
        let text: &'a str = file.source();
        let line = file.line_index((), span.start).ok()?;
        let range = file.line_range((), line).ok()?;
        let (start, end) = (range.start, range.start + text[range].trim_end_matches(['\n', '\r']).len());
        if end - start <= LONG_LINE || span.end > end {
            return None;
        }
        let mut from = span.start.saturating_sub(CONTEXT).max(start);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (span.end + CONTEXT).min(end);
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let marker = if from > start { "…".len() } else { 0 };
        let mut excerpt = String::with_capacity(to - from + 2 * marker);
        excerpt.push_str(if from > start { "…" } else { "" });
        excerpt.push_str(&text[from..to]);
        excerpt.push_str(if to < end { "…" } else { "" });
        Some(Clipped {
            name: file.name(),
            excerpt,
            label: span.start - from + marker..span.end - from + marker,
            line_number: line + 1,
            columns_before: memo.columns(text, start, from),
            marker,
        })
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Clipped<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.excerpt)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match line_index {
            0 => Ok(0..self.excerpt.len()),
            given => Err(FilesError::LineTooLarge { given, max: 0 }),
        }
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_number)
    }

    fn column_number(&'a self, (): (), _line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let kept = self.excerpt.get(self.marker..byte_index.max(self.marker)).unwrap_or("");
        Ok(self.columns_before + kept.chars().count() + 1)
    }
}

/// Writes a config or rule-pack error with a snippet of the offending TOML.
pub fn write_load_error(out: &mut dyn WriteColor, err: &LoadError) -> io::Result<()> {
    let file = SimpleFile::new(&err.path, &err.source_text);
    let mut diag = CsDiagnostic::error().with_message(&err.message);
    match &err.span {
        Some(span) if span.end <= err.source_text.len() => {
            diag = diag.with_labels(vec![Label::primary((), span.clone())])
        }
        _ => diag = diag.with_message(format!("{}: {}", err.path, err.message)),
    }
    term::emit_to_write_style(out, &Config::default(), &file, &diag).map_err(io_error)
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
