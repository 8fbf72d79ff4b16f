//! Errors in files newslint reads for itself (config, rule packs), with the offending
//! byte range so they can be rendered like any other diagnostic.

use std::fmt;
use std::ops::Range;

/// A problem in a TOML file newslint was asked to load.
#[derive(Clone, Debug)]
pub struct LoadError {
    /// The file, as the user named it (or `lints/...` for built-in rules).
    pub path: String,
    /// The file's text, kept so the error can be rendered with a snippet.
    pub source_text: String,
    /// Where in `source_text` the problem is, when known.
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl LoadError {
    pub fn new(path: &str, source_text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        LoadError { path: path.to_string(), source_text: source_text.to_string(), span, message: message.into() }
    }

    /// Converts a TOML (de)serialisation error, keeping its span.
    pub fn from_toml(path: &str, source_text: &str, err: &toml::de::Error) -> Self {
        LoadError::new(path, source_text, err.span(), err.message().trim_end().to_string())
    }

    /// 1-based line and column of the error, for one-line rendering.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start.min(self.source_text.len());
        let before = &self.source_text[..start];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, col))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((line, col)) => write!(f, "{}:{}:{}: {}", self.path, line, col, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for LoadError {}
