//! Baselines: adopt a gate on a repository with a backlog. `--write-baseline FILE` records
//! today's findings; `--baseline FILE` then reports only findings that are not in it.
//!
//! Entries are keyed on path, rule and a fingerprint of the flagged text with a few words
//! of context on each side within its line — never on line numbers — so an entry survives edits elsewhere
//! in the file, and a second occurrence of the same phrase is a new finding. Fingerprints
//! are FNV-1a, stable across platforms and Rust versions.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::input::{self, DEFAULT_MAX_BYTES, InputError};

/// Words of context taken on each side of the flagged text.
const CONTEXT_WORDS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// The flagged text, for people reading the file (not used for matching).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

impl Default for Baseline {
    fn default() -> Self {
        Baseline { version: 1, entries: Vec::new() }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Words joined by single spaces: the fingerprint ignores spacing and line breaks.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The path as a key: forward slashes, no leading `./`.
pub fn path_key(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_string()
}

/// Fingerprint of a diagnostic: rule, flagged text, and a little context around it.
pub fn fingerprint(text: &str, d: &Diagnostic) -> String {
    let flagged = squash(&text[d.span.range()]);
    // Context stays within the flagged text's own line: edits to other lines never matter.
    let line_start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[d.span.end..].find('\n').map_or(text.len(), |i| d.span.end + i);
    let before: Vec<&str> = text[line_start..d.span.start].split_whitespace().rev().take(CONTEXT_WORDS).collect();
    let after: Vec<&str> = text[d.span.end..line_end].split_whitespace().take(CONTEXT_WORDS).collect();
    let before: Vec<&str> = before.into_iter().rev().collect();
    let key = format!("{}\u{1f}{}\u{1f}{}\u{1f}{}", d.rule, before.join(" "), flagged, after.join(" "));
    format!("{:016x}", fnv1a(key.as_bytes()))
}

impl Baseline {
    pub fn add(&mut self, path: &str, text: &str, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let flagged = squash(&text[d.span.range()]);
            let shown: String = flagged.chars().take(80).collect();
            self.entries.push(Entry {
                path: path_key(path),
                rule: d.rule.to_string(),
                fingerprint: fingerprint(text, d),
                text: shown,
            });
        }
    }

    /// Sorted, so the file diffs cleanly under version control.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.entries.sort_by(|a, b| (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint)));
        serde_json::to_string_pretty(&sorted).unwrap_or_default() + "\n"
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        // Capped like an article (a backlog of 100,000 findings is about 20 MB), so that
        // `--baseline /dev/zero` ends with an error instead of filling memory.
        let text = input::read_bytes(path, DEFAULT_MAX_BYTES).and_then(input::decode_text).map_err(|e| match e {
            InputError::TooLarge { .. } | InputError::LongerThan { .. } => {
                format!("{}: baseline is too large (the limit is {} bytes)", path.display(), DEFAULT_MAX_BYTES)
            }
            e => format!("{}: cannot read baseline: {e}", path.display()),
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| format!("{}: not a newslint baseline: {e}", path.display()))?;
        if baseline.version != 1 {
            return Err(format!("{}: unsupported baseline version {}", path.display(), baseline.version));
        }
        Ok(baseline)
    }

    /// How many times each (path, rule, fingerprint) was recorded.
    pub fn counts(&self) -> Counts {
        let mut map = HashMap::new();
        for e in &self.entries {
            *map.entry((e.path.clone(), e.rule.clone(), e.fingerprint.clone())).or_insert(0usize) += 1;
        }
        Counts(map)
    }
}

/// Remaining baseline entries; each finding that matches one uses it up.
#[derive(Debug, Default)]
pub struct Counts(HashMap<(String, String, String), usize>);

impl Counts {
    /// Removes from `diagnostics` those recorded in the baseline for `path`; returns how many.
    pub fn filter(&mut self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let before = diagnostics.len();
        let path = path_key(path);
        diagnostics.retain(|d| {
            let key = (path.clone(), d.rule.to_string(), fingerprint(text, d));
            match self.0.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    #[test]
    fn baseline_survives_edits_elsewhere_but_not_new_occurrences() {
        let linter = Linter::builtin().unwrap();
        let before = "Intro.\n\nA fellow at the suppose tank said so.\n";
        let mut baseline = Baseline::default();
        baseline.add("./a.txt", before, &linter.check(before));
        let json = baseline.to_json();
        let loaded: Baseline = serde_json::from_str(&json).unwrap();

        let edited = "A new first paragraph.\n\nIntro.\n\nA fellow at the suppose tank said so.\n";
        let mut found = linter.check(edited);
        assert_eq!(loaded.counts().filter("a.txt", edited, &mut found), 1);
        assert!(found.is_empty(), "{found:?}");

        let repeated = "A fellow at the suppose tank said so.\n\nAnother suppose tank opened.\n";
        let mut found = linter.check(repeated);
        assert_eq!(loaded.counts().filter("a.txt", repeated, &mut found), 1);
        assert_eq!(found.len(), 1, "the second, new occurrence is reported");

        let mut other_file = linter.check(before);
        assert_eq!(loaded.counts().filter("b.txt", before, &mut other_file), 0);
    }
}
