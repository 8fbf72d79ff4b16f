//! `newslint.toml` / `.newslint.toml`: found by walking up from the current directory, or
//! named with `--config`. Unknown keys and bad values are errors with the TOML span.
//!
//! ```toml
//! select = ["spin", "placeholder"]       # replaces the default rule set
//! extend-select = ["structure"]          # adds to it
//! ignore = ["furniture/site-name"]       # removes from it
//! allow = ["Chatham Home"]               # phrases never flagged
//! rule-packs = ["house-style.toml"]      # extra rule files, relative to this file
//! fail-on = "warning"                    # error | warning | info | never
//!
//! [per-path-ignores]                     # globs, relative to this file's directory
//! "drafts/**" = ["placeholder/tk-marker"]
//! "archive/**/*.html" = ["furniture"]
//!
//! [severity]
//! "padding" = "info"
//! "spin/tortured-phrase" = "error"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::error::LoadError;
use crate::input::{self, InputError};
use crate::linter::Selection;
use crate::rules::{Rule, load_rule};

/// Names searched for, in order, in each directory.
pub const CONFIG_NAMES: &[&str] = &["newslint.toml", ".newslint.toml"];

/// When findings make `newslint` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub extend_select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub rule_packs: Vec<String>,
    pub fail_on: Option<FailOn>,
    /// Glob → rules or families not reported for matching paths.
    #[serde(default)]
    pub per_path_ignores: BTreeMap<String, Vec<String>>,
}

/// A loaded configuration file.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    pub text: String,
    pub file: ConfigFile,
}

/// The nearest config file in `dir` or its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n))).find(|p| p.is_file())
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, LoadError> {
        let name = path.display().to_string();
        let text = read_toml(path).map_err(|problem| LoadError::new(&name, "", None, problem.describe("config")))?;
        Config::from_text(path, text)
    }

    /// Parses and validates a config's text as if read from `path` (which locates its rule
    /// packs and per-path globs; nothing is read). Any text gives `Ok` or `Err`, never a panic.
    pub fn from_text(path: &Path, text: String) -> Result<Config, LoadError> {
        let name = path.display().to_string();
        let file: ConfigFile = toml::from_str(&text).map_err(|e| LoadError::from_toml(&name, &text, &e))?;
        for phrase in &file.allow {
            if phrase.trim().is_empty() {
                return Err(Config::error_at(&name, &text, "allow", "allowed phrases must not be empty"));
            }
        }
        Ok(Config { path: path.to_path_buf(), text, file })
    }

    fn error_at(name: &str, text: &str, needle: &str, message: impl Into<String>) -> LoadError {
        let span = text.find(needle).map(|s| s..s + needle.len());
        LoadError::new(name, text, span, message)
    }

    /// An error about a value in this file, pointing at its first occurrence.
    pub fn error_about(&self, value: &str, message: impl Into<String>) -> LoadError {
        Config::error_at(&self.path.display().to_string(), &self.text, &format!("\"{value}\""), message)
    }

    pub fn selection(&self) -> Selection {
        Selection {
            select: self.file.select.clone(),
            extend_select: self.file.extend_select.clone(),
            ignore: self.file.ignore.clone(),
            severity: self.file.severity.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            allow: self.file.allow.clone(),
        }
    }

    /// The per-path ignores, compiled; globs are matched against paths relative to the
    /// config file's directory (and, as given, for paths outside it).
    pub fn path_ignores(&self) -> Result<PathIgnores, LoadError> {
        let mut globs = Vec::new();
        for (glob, rules) in &self.file.per_path_ignores {
            let invalid = |e: &dyn std::fmt::Display| {
                let shown: String = glob.chars().take(60).collect();
                let more = if shown.len() < glob.len() { "…" } else { "" };
                let reason = e.to_string();
                let reason = reason.lines().rev().find_map(|l| l.trim().strip_prefix("error: ")).unwrap_or(&reason);
                self.error_about(glob, format!("invalid glob `{shown}{more}`: {}", reason.trim()))
            };
            if glob.len() > MAX_GLOB_BYTES {
                return Err(invalid(&format!("too long ({} bytes; the limit is {MAX_GLOB_BYTES})", glob.len())));
            }
            let parsed = globset::GlobBuilder::new(glob).literal_separator(true).build().map_err(|e| invalid(&e))?;
            // A one-glob set, not `compile_matcher`: that panics when the glob's regex does
            // not compile (`{a,{a,{a,…}}}` nested 5,000 deep); building a set returns the error.
            let matcher = globset::GlobSetBuilder::new()
                .add(parsed)
                .build()
                .map_err(|e| invalid(&format!("too complex to compile ({e})")))?;
            globs.push((matcher, rules.clone()));
        }
        let base = self.path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(PathIgnores { base, globs })
    }

    /// Loads the rule packs this file names, resolved against its directory.
    pub fn load_packs(&self) -> Result<Vec<Rule>, LoadError> {
        let base = self.path.parent().unwrap_or(Path::new("."));
        self.file
            .rule_packs
            .iter()
            .map(|pack| {
                let path = base.join(pack);
                let name = path.display().to_string();
                let text = read_toml(&path)
                    .map_err(|problem| self.error_about(pack, format!("{name}: {}", problem.describe("rule pack"))))?;
                load_rule(&name, &text)
            })
            .collect()
    }
}

/// Config files and rule packs larger than this are refused unread. Real ones are
/// kilobytes (the largest built-in rule file is about 40 KB); a TOML file of 100 MB takes
/// minutes and gigabytes to parse, and `--config /dev/zero` would never end.
pub const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a config file or rule pack: at most [`MAX_CONFIG_BYTES`], UTF-8 text.
fn read_toml(path: &Path) -> Result<String, InputError> {
    input::decode_text(input::read_bytes(path, MAX_CONFIG_BYTES)?)
}

impl InputError {
    /// This problem with a config file or rule pack (`what`), as an error message.
    fn describe(&self, what: &str) -> String {
        match self {
            InputError::Missing => format!("cannot read {what}: no such file"),
            InputError::IsDirectory => format!("is a directory, not a {what} file"),
            InputError::Unreadable(why) => format!("cannot read {what}: {why}"),
            InputError::TooLarge { size, .. } => {
                format!("{what} is too large ({size} bytes; the limit is {MAX_CONFIG_BYTES})")
            }
            InputError::LongerThan { .. } => format!("{what} is too large (more than {MAX_CONFIG_BYTES} bytes)"),
            InputError::Empty => format!("{what} is empty"),
            InputError::Binary { offset } => format!("{what} is not text (NUL byte at offset {offset})"),
            InputError::Utf16 => format!("{what} is UTF-16; newslint reads UTF-8 (convert it with iconv)"),
            InputError::InvalidUtf8 { offset } => {
                format!("{what} is not valid UTF-8 (invalid byte at offset {offset})")
            }
        }
    }
}

/// The longest `[per-path-ignores]` glob, in bytes: a path pattern, not a word list.
pub const MAX_GLOB_BYTES: usize = 4096;

/// Rules switched off for some paths (`[per-path-ignores]`).
#[derive(Debug, Default)]
pub struct PathIgnores {
    base: PathBuf,
    globs: Vec<(globset::GlobSet, Vec<String>)>,
}

impl PathIgnores {
    /// The selectors ignored for `path` (as given on the command line).
    pub fn for_path(&self, path: &Path) -> Vec<&str> {
        if self.globs.is_empty() {
            return Vec::new();
        }
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
        };
        let relative = absolute.strip_prefix(&self.base).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
        let relative = relative.strip_prefix(".").unwrap_or(&relative);
        self.globs
            .iter()
            .filter(|(glob, _)| glob.is_match(relative))
            .flat_map(|(_, rules)| rules.iter().map(String::as_str))
            .collect()
    }

    /// Every selector named, for validation against the known rules.
    pub fn selectors(&self) -> impl Iterator<Item = &str> {
        self.globs.iter().flat_map(|(_, rules)| rules.iter().map(String::as_str))
    }
}
