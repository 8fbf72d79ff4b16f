//! What a check reports: a rule id, a severity, a byte span, a message and maybe a fix.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a check found, before the rule set stamps it with the rule's id and severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    /// Replacement text for the whole span, when there is a single obvious fix.
    pub suggestion: Option<String>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Finding { span, message: message.into(), suggestion: None }
    }

    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }
}

/// Whether a suggestion may be applied without a person looking at it (ruff's model):
/// `--fix` applies safe ones, `--unsafe-fixes` also the unsafe ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Restores the original or repairs the text; meaning is kept.
    #[default]
    Safe,
    /// Deletes text or guesses (a furniture run, a likely original); needs a look.
    Unsafe,
}

/// A finding attributed to a rule, as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id, `family/name`.
    pub rule: Arc<str>,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// Replacement text for the span; empty means delete it.
    pub suggestion: Option<String>,
    pub applicability: Applicability,
}

impl Diagnostic {
    /// The family part of the rule id (`spin` in `spin/tortured-phrase`).
    pub fn family(&self) -> &str {
        self.rule.split('/').next().unwrap_or(&self.rule)
    }
}
