//! Output formats. Rendering is a layer of its own: checks produce [`Diagnostic`]s with
//! byte spans; here they become what a person, an editor or a CI system reads.

mod checkstyle;
mod concise;
mod excerpt;
mod github;
mod human;
mod json;
mod junit;
mod sarif;

pub use checkstyle::{write_checkstyle, write_checkstyle_footer, write_checkstyle_header};
pub use concise::write_concise;
pub use github::write_github;
pub use human::{write_human, write_load_error, write_summary};
pub use json::{JsonDiagnostic, json_diagnostics};
pub use junit::{write_junit, write_junit_footer, write_junit_header};
pub use sarif::{FINGERPRINT_KEY, SARIF_SCHEMA_URI, SarifLog};

use crate::diagnostic::{Diagnostic, Severity};

/// One linted file's results, as renderers need them.
pub struct FileReport<'a> {
    /// The path as the user gave it (or the stdin name).
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// Counts for the closing lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files with spin findings, in input order.
    pub spin: Vec<SpinStat>,
}

/// How much of one file reads as spun.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpinStat {
    pub path: String,
    pub signals: usize,
    pub words: usize,
}

impl std::fmt::Display for SpinStat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let density = crate::engines::density(self.signals, self.words);
        write!(
            f,
            "spin density: {}: {} in {} ({density:.1} per 1,000 words)",
            self.path,
            plural(self.signals, "finding", "findings"),
            plural(self.words, "word", "words")
        )
    }
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        self.files_with_findings += usize::from(!diagnostics.is_empty());
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files = plural(self.files, "file", "files");
        if self.total() == 0 {
            write!(f, "No problems found in {files}")?;
        } else {
            write!(
                f,
                "Found {} ({}, {}, {}) in {} of {files}",
                plural(self.total(), "problem", "problems"),
                plural(self.errors, "error", "errors"),
                plural(self.warnings, "warning", "warnings"),
                plural(self.infos, "info", "infos"),
                self.files_with_findings,
            )?;
        }
        if self.unreadable > 0 {
            write!(f, "; {} could not be linted", plural(self.unreadable, "file", "files"))?;
        }
        write!(f, ".")
    }
}
