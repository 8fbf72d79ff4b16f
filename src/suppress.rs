//! Inline suppression, in HTML comments (Markdown and HTML files, and plain text that
//! carries them):
//!
//! ```text
//! <!-- newslint-disable spin/tortured-phrase furniture -- quoting the spun text on purpose -->
//! <!-- newslint-enable -->
//! <!-- newslint-disable-next-line placeholder/tk-marker -->
//! <!-- newslint-disable-file -->
//! ```
//!
//! A directive without rules covers every rule. `disable` runs to the next `enable` that
//! names the same rules (or all) or to the end of the file; `disable-next-line` covers the
//! next non-blank line; `disable-file` the whole file. Text after ` -- ` is the reason, kept
//! with every finding it suppresses.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

static DIRECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->").unwrap());

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

/// One `<!-- newslint-… -->` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids or families; empty means every rule.
    pub rules: Vec<String>,
    /// Where each named rule stands in the source, for reporting unknown names.
    pub rule_spans: Vec<Span>,
    pub reason: Option<String>,
    /// The whole comment.
    pub span: Span,
}

/// Every directive in `source`, in order.
pub fn directives(source: &str) -> Vec<Directive> {
    // Every directive names `newslint-`; the regex compiles only for a text that does.
    if memchr::memmem::find(source.as_bytes(), b"newslint-").is_none() {
        return Vec::new();
    }
    DIRECTIVE
        .captures_iter(source)
        .map(|c| {
            let whole = c.get(0).unwrap();
            let kind = match &c[1] {
                "disable" => DirectiveKind::Disable,
                "enable" => DirectiveKind::Enable,
                "disable-next-line" => DirectiveKind::DisableNextLine,
                _ => DirectiveKind::DisableFile,
            };
            let body = c.get(2).unwrap();
            let (names, reason) = match body.as_str().find(" --") {
                Some(i) => (&body.as_str()[..i], Some(body.as_str()[i + 3..].trim().to_string())),
                None => (body.as_str(), None),
            };
            let mut rules = Vec::new();
            let mut rule_spans = Vec::new();
            let mut offset = body.start();
            for token in names.split(|ch: char| ch.is_whitespace() || ch == ',') {
                if !token.is_empty() {
                    let at = offset + names[offset - body.start()..].find(token).unwrap_or(0);
                    rules.push(token.to_string());
                    rule_spans.push(Span::new(at, at + token.len()));
                    offset = at + token.len();
                }
            }
            let reason = reason.filter(|r| !r.is_empty());
            Directive { kind, rules, rule_spans, reason, span: Span::new(whole.start(), whole.end()) }
        })
        .collect()
}

/// Where findings are suppressed, and why.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// (byte range, rules — empty for all, reason)
    ranges: Vec<(Span, Vec<String>, Option<String>)>,
}

fn covers(rules: &[String], d: &Diagnostic) -> bool {
    rules.is_empty() || rules.iter().any(|r| *r == *d.rule || r == d.family())
}

impl Suppressions {
    pub fn new(source: &str) -> Suppressions {
        Suppressions::of(source, &directives(source))
    }

    /// The suppressions of `source`, whose directives have been found already (the
    /// linter finds them once for these and for the directives rule).
    pub fn of(source: &str, directives: &[Directive]) -> Suppressions {
        let mut ranges = Vec::new();
        // Open `disable` directives: (start, rules, reason).
        let mut open: Vec<(usize, Vec<String>, Option<String>)> = Vec::new();
        for d in directives.iter().cloned() {
            match d.kind {
                DirectiveKind::DisableFile => ranges.push((Span::new(0, source.len()), d.rules, d.reason)),
                DirectiveKind::Disable => open.push((d.span.end, d.rules, d.reason)),
                DirectiveKind::Enable => {
                    let (closing, still): (Vec<_>, Vec<_>) = open
                        .into_iter()
                        .partition(|(_, rules, _)| d.rules.is_empty() || rules.iter().any(|r| d.rules.contains(r)));
                    open = still;
                    for (start, rules, reason) in closing {
                        ranges.push((Span::new(start, d.span.start), rules, reason));
                    }
                }
                DirectiveKind::DisableNextLine => {
                    if let Some(line) = next_line(source, d.span.end) {
                        ranges.push((line, d.rules, d.reason));
                    }
                }
            }
        }
        for (start, rules, reason) in open {
            ranges.push((Span::new(start, source.len()), rules, reason));
        }
        Suppressions { ranges }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// `Some(reason)` when `d` is suppressed (the reason itself may be absent).
    pub fn suppresses(&self, d: &Diagnostic) -> Option<Option<&str>> {
        self.ranges
            .iter()
            .find(|(span, rules, _)| {
                span.start <= d.span.start && d.span.start < span.end.max(span.start + 1) && covers(rules, d)
            })
            .map(|(_, _, reason)| reason.as_deref())
    }
}

/// The first non-blank line after byte `from` (the comment's own line does not count).
fn next_line(source: &str, from: usize) -> Option<Span> {
    let mut start = from + source[from..].find('\n')? + 1;
    loop {
        let end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        if !source[start..end].trim().is_empty() {
            return Some(Span::new(start, end));
        }
        if end >= source.len() {
            return None;
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Severity};

    fn diag(rule: &str, start: usize) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Error,
            span: Span::new(start, start + 1),
            message: String::new(),
            suggestion: None,
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn directives_parse_rules_and_reasons() {
        let d = directives("x <!-- newslint-disable spin/tortured-phrase, furniture -- quoted on purpose --> y");
        assert_eq!(d[0].kind, DirectiveKind::Disable);
        assert_eq!(d[0].rules, ["spin/tortured-phrase", "furniture"]);
        assert_eq!(d[0].reason.as_deref(), Some("quoted on purpose"));
        assert_eq!(&"x <!-- newslint-disable spin/tortured-phrase"[d[0].rule_spans[0].range()], "spin/tortured-phrase");
    }

    #[test]
    fn ranges_follow_disable_enable_and_next_line() {
        let src = "a\n<!-- newslint-disable spin -->\nb\n<!-- newslint-enable -->\nc\n<!-- newslint-disable-next-line -->\n\nd\ne\n";
        let s = Suppressions::new(src);
        let at = |ch: &str| src.find(ch).unwrap();
        assert!(s.suppresses(&diag("spin/x", at("\nb") + 1)).is_some());
        assert!(s.suppresses(&diag("placeholder/x", at("\nb") + 1)).is_none());
        assert!(s.suppresses(&diag("spin/x", at("\nc") + 1)).is_none());
        assert!(s.suppresses(&diag("placeholder/x", at("\nd") + 1)).is_some());
        assert!(s.suppresses(&diag("placeholder/x", at("\ne") + 1)).is_none());
        let file = Suppressions::new("<!-- newslint-disable-file -- generated --> text");
        assert_eq!(file.suppresses(&diag("spin/x", 45)), Some(Some("generated")));
    }
}
