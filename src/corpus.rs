//! Corpus mode for data teams: `newslint --jsonl FILE|-` reads one JSON object per line,
//! lints the text field of each, and writes one JSON line per document, in input order,
//! as it goes. Documents are linted in parallel, a bounded window of them at a time, so
//! memory follows the window, not the corpus, and the output can be piped straight into
//! the next stage.
//!
//! Output line: `{"id": …, "words": N, "spin_density": D, "counts": {"spin": N, …},
//! "diagnostics": [{rule, severity, message, span, line, column, end_line, end_column,
//! suggestion}, …]}`, or `{"id": …, "line": N, "error": "…"}` for a line that could not be
//! read; the run goes on.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::ops::ControlFlow;

use serde_json::{Value, json};

use crate::Linter;
use crate::diagnostic::Severity;
use crate::ordered::map_in_order;
use crate::render::{FileReport, json_diagnostics};
use crate::source::SourceKind;

/// Field names, format, and how much runs at once.
pub struct CorpusOptions {
    pub text_field: String,
    pub id_field: String,
    pub kind: SourceKind,
    /// Documents linted at once, at most (in parallel, written in order).
    pub window: usize,
    /// Longest input line kept, in bytes (`--max-file-size`); a longer one is an error
    /// record, read past without being held in memory.
    pub max_line_bytes: usize,
}

/// What a run saw, for the exit code and the progress line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CorpusStats {
    pub documents: usize,
    pub errors: usize,
    pub bytes: u64,
    /// The most severe finding in any document.
    pub worst: Option<Severity>,
}

/// Lints every line of `input`, writing results to `out`; `progress` is called after each
/// document with the running totals.
pub fn run(
    linter: &Linter,
    input: impl BufRead,
    out: &mut dyn Write,
    options: &CorpusOptions,
    mut progress: impl FnMut(&CorpusStats),
) -> io::Result<CorpusStats> {
    let mut stats = CorpusStats::default();
    let mut input = input;
    let mut n = 0;
    let mut buf = Vec::new();
    let mut read_error = None;
    let mut bytes = 0;
    // Lines are read on this thread as the window frees up, linted on the pool.
    let lines = std::iter::from_fn(|| {
        loop {
            let (consumed, too_long) = match next_line(&mut input, &mut buf, options.max_line_bytes) {
                Ok(Some(line)) => line,
                Ok(None) => return None,
                Err(e) => {
                    read_error = Some(e);
                    return None;
                }
            };
            n += 1;
            bytes += consumed as u64;
            // A line that is too long or not UTF-8 is an error record; the run goes on.
            let line = if too_long {
                Err(format!("line is too long (more than {} bytes; see --max-file-size)", options.max_line_bytes))
            } else {
                String::from_utf8(std::mem::take(&mut buf))
                    .map_err(|e| format!("not valid UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
            };
            if !line.as_ref().is_ok_and(|l| l.trim().is_empty()) {
                return Some((n, bytes, line));
            }
        }
    });
    // Each output line is serialised where it was linted: this thread only copies bytes,
    // and keeps up with the pool.
    let lint = |(n, bytes, line): (usize, u64, Result<String, String>)| {
        let (value, worst, failed) = match line {
            Ok(line) => lint_line(linter, n, &line, options),
            Err(error) => (json!({ "id": Value::Null, "line": n, "error": error }), None, true),
        };
        let mut json = serde_json::to_vec(&value).unwrap_or_default();
        json.push(b'\n');
        (bytes, json, worst, failed)
    };
    let written = map_in_order(lines, options.window, lint, |(bytes, json, worst, failed)| {
        stats.documents += 1;
        stats.errors += usize::from(failed);
        stats.worst = stats.worst.max(worst);
        stats.bytes = bytes;
        if let Err(e) = out.write_all(&json) {
            return ControlFlow::Break(e);
        }
        progress(&stats);
        ControlFlow::Continue(())
    });
    if let ControlFlow::Break(e) = written {
        return Err(e);
    }
    if let Some(e) = read_error {
        return Err(e);
    }
    out.flush()?;
    Ok(stats)
}

/// Reads the next line into `buf` without its line break, keeping at most `max` bytes:
/// returns the bytes consumed and whether the line was longer than `max` (then `buf` is
/// empty), or `None` at the end of the input. Unlike `BufRead::lines`, neither a line that
/// is not UTF-8 nor one of a gigabyte stops the run or fills memory.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<(usize, bool)>> {
    buf.clear();
    let (mut consumed, mut too_long) = (0, false);
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed > 0).then_some((consumed, too_long)));
        }
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        if !too_long {
            if buf.len() + chunk.len() > max {
                too_long = true;
                *buf = Vec::new();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        input.consume(used);
        consumed += used;
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some((consumed, too_long)));
        }
    }
}

/// One input line to one output value, the worst severity, and whether it failed.
fn lint_line(linter: &Linter, line_no: usize, line: &str, options: &CorpusOptions) -> (Value, Option<Severity>, bool) {
    let doc: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return (json!({ "id": Value::Null, "line": line_no, "error": format!("not JSON: {e}") }), None, true);
        }
    };
    let id = doc.get(&options.id_field).cloned().unwrap_or(Value::Null);
    let Some(text) = doc.get(&options.text_field).and_then(Value::as_str) else {
        let error = format!("no string field `{}`", options.text_field);
        return (json!({ "id": id, "line": line_no, "error": error }), None, true);
    };
    let report = linter.lint(text, options.kind);
    let name = match &id {
        Value::String(s) => s.clone(),
        Value::Null => format!("line {line_no}"),
        other => other.to_string(),
    };
    let file = FileReport { path: &name, text, diagnostics: &report.diagnostics };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry(d.family()).or_default() += 1;
    }
    let worst = report.diagnostics.iter().map(|d| d.severity).max();
    let diagnostics: Vec<Value> = json_diagnostics(&file)
        .into_iter()
        .map(|d| {
            let mut v = serde_json::to_value(&d).unwrap_or(Value::Null);
            if let Some(map) = v.as_object_mut() {
                map.remove("path"); // the document's id says it once
            }
            v
        })
        .collect();
    let density = (report.spin_density() * 10.0).round() / 10.0;
    let value = json!({
        "id": id,
        "words": report.words,
        "spin_density": density,
        "counts": counts,
        "diagnostics": diagnostics,
    });
    (value, worst, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_out_in_order_with_counts_and_errors() {
        let linter = Linter::builtin().unwrap();
        let input = "{\"id\": 7, \"text\": \"A fellow at the suppose tank said so.\"}\n\nnot json\n{\"id\": \"b\", \"body\": \"x\"}\n{\"id\": \"c\", \"text\": \"All fine here.\"}\n";
        let options = CorpusOptions {
            text_field: "text".into(),
            id_field: "id".into(),
            kind: SourceKind::Text,
            window: 2,
            max_line_bytes: 1 << 20,
        };
        let mut out = Vec::new();
        let mut calls = 0;
        let stats = run(&linter, input.as_bytes(), &mut out, &options, |_| calls += 1).unwrap();
        let lines: Vec<Value> =
            String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["counts"]["spin"], 1);
        assert_eq!(lines[0]["diagnostics"][0]["rule"], "spin/fixed-expression");
        assert!(lines[0]["diagnostics"][0].get("path").is_none());
        assert!(lines[1]["error"].as_str().unwrap().starts_with("not JSON"));
        assert_eq!(lines[1]["line"], 3);
        assert_eq!(lines[2]["error"], "no string field `text`");
        assert_eq!(lines[3]["id"], "c");
        assert_eq!(lines[3]["diagnostics"], json!([]));
        assert_eq!((stats.documents, stats.errors, stats.worst), (4, 2, Some(Severity::Error)));
        assert_eq!(calls, 4, "progress after each document");
    }

    #[test]
    fn a_line_too_long_or_not_utf8_is_an_error_record_and_the_run_goes_on() {
        let linter = Linter::builtin().unwrap();
        let mut input = b"{\"id\": 1, \"text\": \"caf\xe9\"}\n".to_vec();
        input.extend_from_slice(format!("{{\"id\": 2, \"text\": \"{}\"}}\r\n", "a".repeat(5000)).as_bytes());
        input.extend_from_slice(b"{\"id\": 3, \"text\": \"Fine.\"}\r\n{\"id\": 4, \"text\": \"No newline.\"}");
        let options = CorpusOptions {
            text_field: "text".into(),
            id_field: "id".into(),
            kind: SourceKind::Text,
            window: 8,
            max_line_bytes: 1000,
        };
        let mut out = Vec::new();
        let stats = run(&linter, &input[..], &mut out, &options, |_| {}).unwrap();
        let lines: Vec<Value> =
            String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines[0]["error"], "not valid UTF-8 (invalid byte at offset 22)");
        assert_eq!(lines[1]["error"], "line is too long (more than 1000 bytes; see --max-file-size)");
        assert_eq!(
            (lines[1]["line"].clone(), lines[2]["id"].clone(), lines[3]["id"].clone()),
            (json!(2), json!(3), json!(4))
        );
        assert_eq!((stats.documents, stats.errors, stats.bytes), (4, 2, input.len() as u64));
    }
}
