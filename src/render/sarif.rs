//! `--format sarif`: one SARIF 2.1.0 log for the whole run, for GitHub code scanning and
//! other SARIF viewers. The log names every rule in force (`tool.driver.rules`) before its
//! results, so results are collected file by file in a [`SarifLog`] and written at the end.
//!
//! Regions carry 1-based lines and columns in UTF-16 code units (SARIF's default
//! `columnKind`, which the run also states), and the exact byte span as
//! `byteOffset`/`byteLength`. A suggestion becomes a fix, marked `safe` or `unsafe` in its
//! `properties.applicability` as for `--fix`. Artifact URIs are the paths as given, with
//! forward slashes: relative paths stay relative, which is what code scanning wants from a
//! repository checkout.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::position::LineIndex;
use crate::rules::RuleMeta;
use crate::span::Span;

/// The `$schema` the log names.
pub const SARIF_SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the fingerprint each result carries in `partialFingerprints`: a hash of the
/// rule id and the flagged text's first line (at most 100 characters, whitespace
/// collapsed), then `:n` for its n-th occurrence in the file, so an alert keeps its
/// identity when the lines around it move, and a finding over the whole document when
/// the text below its first line changes.
pub const FINGERPRINT_KEY: &str = "newslintFlaggedText/v1";

/// A SARIF log being built: the rules in force, then each file's results as it is linted.
pub struct SarifLog {
    rules: Vec<Value>,
    rule_index: HashMap<Arc<str>, usize>,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl SarifLog {
    /// Starts a log for the rules in force, with their effective severity, in the order
    /// the log lists them (`Linter::rules()` gives id order):
    /// `SarifLog::new(linter.rules().map(|(rule, severity)| (&rule.meta, severity)))`.
    pub fn new<'a>(rules: impl IntoIterator<Item = (&'a RuleMeta, Severity)>) -> SarifLog {
        let mut log =
            SarifLog { rules: Vec::new(), rule_index: HashMap::new(), results: Vec::new(), notifications: Vec::new() };
        for (meta, severity) in rules {
            if !log.rule_index.contains_key(&meta.id) {
                log.rule_index.insert(meta.id.clone(), log.rules.len());
                log.rules.push(rule_descriptor(meta, severity));
            }
        }
        log
    }

    /// Adds one file's diagnostics as results.
    pub fn add(&mut self, report: &FileReport) {
        let index = LineIndex::new(report.text);
        let uri = artifact_uri(report.path);
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for d in report.diagnostics {
            let hash = fingerprint(&d.rule, report.text.get(d.span.range()).unwrap_or(""));
            let n = seen.entry(hash).or_default();
            *n += 1;
            let result = self.result(report.text, &index, &uri, d, format!("{hash:016x}:{n}"));
            self.results.push(result);
        }
    }

    /// Records a file that could not be linted (unreadable, too large, not UTF-8) as a tool
    /// execution notification; the run is then not `executionSuccessful`.
    pub fn add_unreadable(&mut self, path: &str, message: &str) {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{path}: {message}") },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": artifact_uri(path) } } }],
        }));
    }

    /// The whole log as JSON.
    pub fn to_json(&self) -> Value {
        let mut driver = json!({
            "name": "newslint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": self.rules,
        });
        let home = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")].into_iter().find(|u| !u.is_empty());
        if let Some(uri) = home {
            driver["informationUri"] = json!(uri);
        }
        let mut invocation = json!({ "executionSuccessful": self.notifications.is_empty() });
        if !self.notifications.is_empty() {
            invocation["toolExecutionNotifications"] = json!(self.notifications);
        }
        json!({
            "$schema": SARIF_SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver },
                "invocations": [invocation],
                "columnKind": "utf16CodeUnits",
                "results": self.results,
            }],
        })
    }

    /// Writes the log (pretty-printed, with a final newline). The results are moved into
    /// the log, not copied: a file with 100,000 findings held them twice.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        let results = std::mem::take(&mut self.results);
        let mut log = self.to_json();
        log["runs"][0]["results"] = Value::Array(results);
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }

    fn result(&self, text: &str, index: &LineIndex, uri: &str, d: &Diagnostic, fingerprint: String) -> Value {
        let location = json!({ "uri": uri });
        let mut result = Map::new();
        result.insert("ruleId".into(), json!(&*d.rule));
        if let Some(&i) = self.rule_index.get(&d.rule) {
            result.insert("ruleIndex".into(), json!(i));
        }
        result.insert("level".into(), json!(level(d.severity)));
        result.insert("message".into(), json!({ "text": d.message }));
        result.insert(
            "locations".into(),
            json!([{ "physicalLocation": { "artifactLocation": location, "region": region(text, index, d.span) } }]),
        );
        result.insert("partialFingerprints".into(), json!({ FINGERPRINT_KEY: fingerprint }));
        if let Some(s) = &d.suggestion {
            // An empty suggestion deletes the span: a replacement without inserted content.
            let mut replacement = json!({ "deletedRegion": region(text, index, d.span) });
            let description = if s.is_empty() {
                "Delete the flagged text".to_string()
            } else {
                replacement["insertedContent"] = json!({ "text": s });
                format!("Replace with `{s}`")
            };
            result.insert(
                "fixes".into(),
                json!([{
                    "description": { "text": description },
                    "artifactChanges": [{ "artifactLocation": location, "replacements": [replacement] }],
                    // `safe` fixes are what `--fix` applies; `unsafe` ones need a look.
                    "properties": { "applicability": d.applicability },
                }]),
            );
        }
        Value::Object(result)
    }
}

/// SARIF's `level` for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(meta: &RuleMeta, severity: Severity) -> Value {
    let name = meta.id.split_once('/').map_or(&*meta.id, |(_, name)| name);
    let full = section(&meta.docs, "What it does").unwrap_or_else(|| meta.summary.clone());
    let docs = meta.docs.trim();
    let plain: Vec<&str> = docs.lines().map(|l| l.strip_prefix("## ").unwrap_or(l)).collect();
    json!({
        "id": &*meta.id,
        "name": name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": full },
        "help": { "text": plain.join("\n"), "markdown": docs },
        "defaultConfiguration": { "level": level(severity) },
        "properties": { "tags": [meta.family()] },
    })
}

/// The text of a `## heading` section of Markdown docs, wrapped lines joined.
fn section(docs: &str, heading: &str) -> Option<String> {
    let lines = docs.lines().skip_while(|l| l.trim() != format!("## {heading}")).skip(1);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines.take_while(|l| !l.starts_with("## ")) {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

fn region(text: &str, index: &LineIndex, span: Span) -> Value {
    let (start_line, start_column) = utf16_point(text, index, span.start);
    let (end_line, end_column) = utf16_point(text, index, span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

/// 1-based line and 1-based column in UTF-16 code units of a byte offset.
fn utf16_point(text: &str, index: &LineIndex, offset: usize) -> (usize, usize) {
    index.line_col_utf16(text, offset)
}

/// A path as a URI reference: forward slashes, a leading `./` dropped, absolute paths as
/// `file://` URIs, and every byte outside the URI path characters percent-encoded (so is
/// `:` in a relative path, where it would read as a scheme).
fn artifact_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let bytes = rest.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (mut uri, keep) = if drive {
        (format!("file:///{}", &rest[..2]), 2)
    } else if rest.starts_with('/') {
        ("file://".to_string(), 0)
    } else {
        (String::new(), 0)
    };
    let absolute = !uri.is_empty();
    for &b in &bytes[keep..] {
        let plain = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) || (b == b':' && absolute);
        if plain {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// FNV-1a over the rule id and the start of the flagged text (see [`FINGERPRINT_KEY`]):
/// stable across Rust releases and platforms, unlike `std`'s hasher.
fn fingerprint(rule: &str, flagged: &str) -> u64 {
    let head: String = flagged.trim_start().lines().next().unwrap_or("").chars().take(100).collect();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(rule.as_bytes());
    feed(&[0]);
    for (i, word) in head.split_whitespace().enumerate() {
        if i > 0 {
            feed(b" ");
        }
        feed(word.as_bytes());
    }
    hash
}
