//! Rules: a rule file (`lints/<family>/<name>.toml`, or a user's rule pack with the same
//! schema) gives a rule its id, default severity, summary, docs, examples and the data its
//! engine compiles. Built-in rule files are embedded at compile time by `build.rs`.

use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Severity};
use crate::engines::{self, Check, RuleData, RuleSource};
use crate::error::LoadError;
use crate::source::SourceKind;
use serde_json::value::RawValue;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Examples that are part of a rule's contract; the test suite runs every one.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts on which the rule must report at least once.
    pub fire: Vec<String>,
    /// Legitimate news prose on which the rule must stay silent.
    pub silent: Vec<String>,
}

/// A rule file, its `[data]` left as `D`: a `toml::Value`, or for a built-in file the raw
/// JSON `build.rs` wrote, which the engine reads straight into its own type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile<D> {
    id: String,
    severity: Severity,
    summary: String,
    engine: String,
    /// Whether the rule runs without being selected explicitly.
    #[serde(default = "enabled_by_default")]
    enabled: bool,
    docs: String,
    examples: Examples,
    /// How safe the rule's suggestions are to apply unattended (default: safe).
    #[serde(default)]
    fix: Applicability,
    /// Findings without a suggestion suggest deleting the flagged text (furniture).
    #[serde(default)]
    delete: bool,
    /// The source formats the rule applies to (default: all). An HTML entity is an error
    /// in plain text and correct markup in HTML.
    formats: Option<Vec<SourceKind>>,
    data: Option<D>,
}

fn enabled_by_default() -> bool {
    true
}

/// Everything about a rule except its compiled body.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// `family/name`.
    pub id: Arc<str>,
    pub severity: Severity,
    pub summary: String,
    /// Markdown: what it does, why it matters.
    pub docs: String,
    pub examples: Examples,
    pub enabled_by_default: bool,
    /// How safe the rule's suggestions are to apply unattended.
    pub fix: Applicability,
    /// Findings without a suggestion suggest deleting the flagged text.
    pub delete: bool,
    /// Source formats the rule applies to; `None` for all.
    pub formats: Option<Vec<SourceKind>>,
    /// Where the rule was defined (`lints/spin/tortured-phrase.toml` or a pack path).
    pub origin: String,
}

impl RuleMeta {
    pub fn family(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }

    /// Whether the rule applies to documents of this format.
    pub fn applies_to(&self, kind: SourceKind) -> bool {
        self.formats.as_ref().is_none_or(|f| f.contains(&kind))
    }
}

/// A rule ready to run.
pub struct Rule {
    pub meta: RuleMeta,
    pub(crate) check: Box<dyn Check>,
    /// The rule file's text, for tools that re-read its data (`newslint variants`).
    source: String,
}

impl Rule {
    /// Whether the rule judges the whole document from the other rules' findings.
    pub fn is_document_level(&self) -> bool {
        self.check.document_level()
    }

    /// The spun forms an `expressions` rule generates, as (spun, original) pairs.
    pub fn generated_variants(&self) -> Result<Vec<(String, String)>, LoadError> {
        let path = &self.meta.origin;
        let file: RuleFile<toml::Value> =
            toml::from_str(&self.source).map_err(|e| LoadError::from_toml(path, &self.source, &e))?;
        if file.engine != "expressions" {
            return Err(LoadError::new(
                path,
                &self.source,
                None,
                format!("rule `{}` does not generate variants", self.meta.id),
            ));
        }
        let src = RuleSource { path, text: &self.source, data: RuleData::Toml(file.data.as_ref()), deferred: false };
        Ok(engines::expressions::variants_of(&src)?.into_iter().map(|v| (v.spun, v.original)).collect())
    }
}

fn valid_id(id: &str) -> bool {
    let part = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-')
    };
    matches!(id.split_once('/'), Some((family, name)) if part(family) && part(name))
}

/// Parses and compiles one rule file.
pub fn load_rule(path: &str, text: &str) -> Result<Rule, LoadError> {
    load_rule_with(path, text, None, false)
}

/// [`load_rule`] for a built-in file: already parsed into `json` by `build.rs` (the TOML
/// is parsed when that fails too, so an error still points into the file), and with its
/// regexes compiled on first need when `deferred` (see `engines::lazy_regex`). The JSON is
/// handed over, not looked up by path: a user's rule pack may have a built-in file's path.
fn load_rule_with(path: &str, text: &str, json: Option<&str>, deferred: bool) -> Result<Rule, LoadError> {
    if let Some(file) = json.and_then(|json| serde_json::from_str::<RuleFile<&RawValue>>(json).ok()) {
        let data = RuleData::Json(file.data);
        return compile_rule(path, text, file, data, deferred);
    }
    let mut file: RuleFile<toml::Value> = toml::from_str(text).map_err(|e| LoadError::from_toml(path, text, &e))?;
    let data = file.data.take();
    compile_rule(path, text, file, RuleData::Toml(data.as_ref()), deferred)
}

/// Checks a parsed rule file and compiles its engine's check.
fn compile_rule<D>(
    path: &str,
    text: &str,
    file: RuleFile<D>,
    data: RuleData,
    deferred: bool,
) -> Result<Rule, LoadError> {
    let at = |key: &str| text.find(key).map(|s| s..s + key.len());
    if !valid_id(&file.id) {
        return Err(LoadError::new(
            path,
            text,
            at("id"),
            format!("rule id `{}` is not `family/name` in lower-case kebab-case", file.id),
        ));
    }
    let Some(build) = engines::builder(&file.engine) else {
        let known: Vec<&str> = engines::ENGINES.iter().map(|(n, _)| *n).collect();
        return Err(LoadError::new(
            path,
            text,
            at("engine"),
            format!("unknown engine `{}` (known: {})", file.engine, known.join(", ")),
        ));
    };
    if file.examples.fire.is_empty() || file.examples.silent.is_empty() {
        return Err(LoadError::new(
            path,
            text,
            at("[examples]"),
            "a rule needs at least one `fire` and one `silent` example",
        ));
    }
    let check = build(&RuleSource { path, text, data, deferred })?;
    Ok(Rule {
        meta: RuleMeta {
            id: Arc::from(file.id.as_str()),
            severity: file.severity,
            summary: file.summary,
            docs: file.docs,
            examples: file.examples,
            enabled_by_default: file.enabled,
            fix: file.fix,
            delete: file.delete,
            formats: file.formats,
            origin: path.to_string(),
        },
        check,
        source: text.to_string(),
    })
}

/// Every built-in rule, in id order. Built-in rule files are tested, so an error here is a
/// bug in newslint, reported like any other load error.
pub fn builtin_rules() -> Result<Vec<Rule>, LoadError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    builtin_rules_alongside(threads, || ())
}

/// Threads that load the built-in rules, at most: the spin rule alone is a third of the
/// work, so more would wait for it.
const MAX_LOADERS: usize = 4;

/// [`builtin_rules`] on up to `threads` threads, the calling one among them, which also
/// run `alongside` (start-up builds the gate index so). Largest file first, `alongside`
/// next: the spin rule's file must not start last, and the index must not wait for a
/// thread that starts late.
pub fn builtin_rules_alongside(threads: usize, alongside: impl FnOnce() + Send) -> Result<Vec<Rule>, LoadError> {
    let mut files: Vec<Option<(&str, &str)>> = BUILTIN_RULE_FILES.iter().map(|&file| Some(file)).collect();
    files.sort_by_key(|file| std::cmp::Reverse(file.map_or(0, |(_, text)| text.len())));
    files.insert(1.min(files.len()), None);
    let alongside = std::sync::Mutex::new(Some(alongside));
    let loaded = crate::ordered::map_on_threads(threads.min(MAX_LOADERS), &files, |file| match *file {
        Some((path, text)) => {
            let json = BUILTIN_RULE_JSON.iter().find(|(p, _)| *p == path).map(|(_, json)| *json);
            Some(load_rule_with(path, text, json, true))
        }
        None => {
            let job = alongside.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
            job.into_iter().for_each(|job| job());
            None
        }
    });
    let mut rules = loaded.into_iter().flatten().collect::<Result<Vec<_>, _>>()?;
    rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_rules_load_alike_on_any_number_of_threads_and_the_side_job_runs_once() {
        let ids = |threads| {
            let runs = AtomicUsize::new(0);
            let rules = builtin_rules_alongside(threads, || {
                runs.fetch_add(1, Ordering::Relaxed);
            })
            .unwrap();
            assert_eq!(runs.into_inner(), 1, "{threads} threads");
            rules.iter().map(|r| r.meta.id.to_string()).collect::<Vec<_>>()
        };
        let one = ids(1);
        assert_eq!(one.len(), BUILTIN_RULE_FILES.len());
        assert!(one.is_sorted());
        assert_eq!(ids(3), one);
        assert_eq!(ids(64), one);
    }
}
