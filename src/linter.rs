//! The linter: the selected rules, built once and shared read-only, and the one entry
//! point that turns a text into sorted diagnostics.

use std::collections::HashSet;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::article::Article;
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::engines::{DocContext, PhraseProbe};
use crate::rules::Rule;
use crate::source::{SourceKind, prose_view};
use crate::span::Span;
use crate::suppress::Suppressions;

/// Which rules run and how loud they are. Selectors are rule ids (`spin/tortured-phrase`),
/// families (`spin`) or `all`.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Replaces the default set (rules enabled by default) when given.
    pub select: Option<Vec<String>>,
    /// Added to the set.
    pub extend_select: Vec<String>,
    /// Removed from the set.
    pub ignore: Vec<String>,
    /// Severity overrides by rule id or family; a rule id beats its family.
    pub severity: Vec<(String, Severity)>,
    /// Phrases never flagged, matched case-insensitively.
    pub allow: Vec<String>,
}

/// An error in a selector: names a rule or family that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector(pub String);

impl std::fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule or family `{}` (see `newslint rules`)", self.0)
    }
}

pub struct Linter {
    rules: Vec<(Rule, Severity)>,
    /// Every rule id and family that exists, selected or not (directives may name any).
    known: HashSet<String>,
    allowed: Option<AhoCorasick>,
    /// Ids of rules that judge the whole document from the other findings.
    document_level: HashSet<Arc<str>>,
    /// Threads a document's rules run on; see [`Linter::run_rules_in_parallel`].
    rule_threads: usize,
    /// The rules' phrase tables, probed together once per document.
    phrase_probe: PhraseProbe,
}

fn matches_selector(rule: &Rule, selector: &str) -> bool {
    selector == "all" || *rule.meta.id == *selector || rule.meta.family() == selector
}

impl Linter {
    /// The default built-in rule set, as `newslint` runs with no configuration.
    pub fn builtin() -> Result<Linter, String> {
        let rules = crate::rules::builtin_rules().map_err(|e| e.to_string())?;
        Linter::new(rules, &Selection::default()).map_err(|e| e.to_string())
    }

    /// Keeps the rules `selection` asks for, with their effective severity.
    pub fn new(all: Vec<Rule>, selection: &Selection) -> Result<Linter, UnknownSelector> {
        let selectors = selection.select.iter().flatten().chain(&selection.extend_select).chain(&selection.ignore);
        for s in selectors.chain(selection.severity.iter().map(|(s, _)| s)) {
            if !all.iter().any(|r| matches_selector(r, s)) {
                return Err(UnknownSelector(s.clone()));
            }
        }
        let chosen = |rule: &Rule| {
            let base = match &selection.select {
                Some(select) => select.iter().any(|s| matches_selector(rule, s)),
                None => rule.meta.enabled_by_default,
            };
            (base || selection.extend_select.iter().any(|s| matches_selector(rule, s)))
                && !selection.ignore.iter().any(|s| matches_selector(rule, s))
        };
        let severity_of = |rule: &Rule| {
            let by_id = selection.severity.iter().find(|(s, _)| *s == *rule.meta.id);
            let by_family = selection.severity.iter().find(|(s, _)| s == rule.meta.family() || s == "all");
            by_id.or(by_family).map_or(rule.meta.severity, |(_, sev)| *sev)
        };
        let known = all.iter().flat_map(|r| [r.meta.id.to_string(), r.meta.family().to_string()]).collect();
        let rules = all.into_iter().filter(|r| chosen(r)).map(|r| {
            let sev = severity_of(&r);
            (r, sev)
        });
        let allowed = (!selection.allow.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&selection.allow)
                .expect("allow phrases are plain strings")
        });
        let rules: Vec<(Rule, Severity)> = rules.collect();
        let document_level =
            rules.iter().filter(|(r, _)| r.check.document_level()).map(|(r, _)| r.meta.id.clone()).collect();
        // Document-level rules search only some documents: probing their tables with the
        // others would be work for nothing on the rest.
        let text_level = rules.iter().filter(|(r, _)| !r.check.document_level());
        let phrase_probe = PhraseProbe::new(text_level.filter_map(|(r, _)| r.check.phrase_table()));
        Ok(Linter { rules, known, allowed, document_level, rule_threads: 1, phrase_probe })
    }

    /// Runs each document's rules on up to `threads` threads, for when there are fewer
    /// documents than cores: a pre-commit hook on one article spends most of its time
    /// compiling the regexes that article needs, and that splits across cores. 1 (one
    /// after another) by default: with a document per core already, more only adds
    /// overhead. Scoped threads (`ordered::map_on_threads`), not the rayon pool, whose
    /// sleeping workers were slow to wake for one file's rules.
    pub fn run_rules_in_parallel(&mut self, threads: usize) {
        self.rule_threads = threads.max(1);
    }

    /// Whether `name` is a rule id, a family or `all`, selected or not.
    pub fn knows(&self, name: &str) -> bool {
        name == "all" || self.known.contains(name)
    }

    /// The rules that will run, in id order.
    pub fn rules(&self) -> impl Iterator<Item = (&Rule, Severity)> {
        self.rules.iter().map(|(r, s)| (r, *s))
    }

    /// Lints plain text.
    pub fn check(&self, text: &str) -> Vec<Diagnostic> {
        self.check_as(text, SourceKind::Text)
    }

    /// Lints a document of the given kind. Spans are byte offsets into `text`, on
    /// character boundaries; diagnostics are sorted by span, then rule id.
    pub fn check_as(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
        self.lint(text, kind).diagnostics
    }

    /// Lints a document and also reports its length, for per-file statistics.
    pub fn lint(&self, text: &str, kind: SourceKind) -> Report {
        let view = prose_view(text, kind);
        let mut article = Article::parse(&view);
        article.phrase_probe = Some(&self.phrase_probe);
        let mut out = Vec::new();
        let mut findings = Vec::new();
        let stamp = |rule: &Rule, severity: Severity, findings: &mut Vec<Finding>, out: &mut Vec<Diagnostic>| {
            for f in findings.drain(..) {
                let suggestion = f.suggestion.or_else(|| rule.meta.delete.then(String::new));
                out.push(Diagnostic {
                    rule: rule.meta.id.clone(),
                    severity,
                    span: snap_to_chars(text, f.span),
                    message: f.message,
                    suggestion,
                    applicability: rule.meta.fix,
                });
            }
        };
        let applicable = |r: &Rule| r.meta.applies_to(kind);
        let text_level: Vec<&(Rule, Severity)> =
            self.rules.iter().filter(|(r, _)| applicable(r) && !r.check.document_level()).collect();
        let run = |(rule, _): &&(Rule, Severity)| {
            let mut findings = Vec::new();
            rule.check.check(&article, &mut findings);
            findings
        };
        let found: Vec<Vec<Finding>> = crate::ordered::map_on_threads(self.rule_threads, &text_level, run);
        for ((rule, severity), mut findings) in text_level.into_iter().zip(found) {
            stamp(rule, *severity, &mut findings, &mut out);
        }
        if let Some(allowed) = &self.allowed {
            // Sorted by start, with the furthest end reached so far: whether some allowed
            // phrase covers a finding is one binary search, however often phrases occur.
            let mut covered: Vec<(usize, usize)> =
                allowed.find_overlapping_iter(text).map(|m| (m.start(), m.end())).collect();
            covered.sort_unstable();
            let mut reach = 0;
            for (_, end) in &mut covered {
                reach = reach.max(*end);
                *end = reach;
            }
            out.retain(|d| {
                let before = covered.partition_point(|&(start, _)| start <= d.span.start);
                !(before > 0 && covered[before - 1].1 >= d.span.end)
            });
        }
        sort_and_dedup(&mut out);
        fold_nested(&mut out, &self.document_level);
        // Found once, for the suppressions and for the directives rule.
        let directives = crate::suppress::directives(text);
        let suppressions = Suppressions::of(text, &directives);
        let mut suppressed = Vec::new();
        let mut unsuppress = |out: &mut Vec<Diagnostic>| {
            if !suppressions.is_empty() {
                out.retain(|d| match suppressions.suppresses(d) {
                    Some(reason) => {
                        suppressed.push((d.clone(), reason.map(str::to_string)));
                        false
                    }
                    None => true,
                });
            }
        };
        unsuppress(&mut out);
        let spin_signals = out.iter().filter(|d| d.family() == "spin").count();
        let is_known_rule = |name: &str| self.known.contains(name);
        let metadata_end = crate::source::metadata_end(text, kind);
        // Document-level rules run in id order; each sees the text-level findings and the
        // furniture earlier document-level rules found (so page-chrome leaves the lines
        // html-region already named).
        let mut verdicts: Vec<Diagnostic> = Vec::new();
        for (rule, severity) in self.rules.iter().filter(|(r, _)| applicable(r) && r.check.document_level()) {
            let cx = DocContext {
                prior: crate::engines::Prior::new(&out, &verdicts),
                source: text,
                is_known_rule: &is_known_rule,
                metadata_end,
                directives: &directives,
            };
            rule.check.check_document(&article, &cx, &mut findings);
            stamp(rule, *severity, &mut findings, &mut verdicts);
        }
        unsuppress(&mut verdicts);
        out.extend(verdicts);
        sort_and_dedup(&mut out);
        Report { diagnostics: out, words: article.word_count(), spin_signals, suppressed }
    }
}

/// What linting one document produced.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Sorted by span, then rule id.
    pub diagnostics: Vec<Diagnostic>,
    /// Words of prose in the document.
    pub words: usize,
    /// Spin findings, not counting the document verdict.
    pub spin_signals: usize,
    /// Findings silenced by `newslint-disable` comments, with the comment's reason.
    pub suppressed: Vec<(Diagnostic, Option<String>)>,
}

impl Report {
    /// Spin findings per 1,000 words.
    pub fn spin_density(&self) -> f64 {
        crate::engines::density(self.spin_signals, self.words)
    }
}

fn sort_and_dedup(out: &mut Vec<Diagnostic>) {
    out.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)).then(a.rule.cmp(&b.rule)));
    // Sorted so, findings of one rule on one span are neighbours: keep the first of each.
    out.dedup_by(|later, first| later.rule == first.rule && later.span == first.span);
}

/// Widens a span to the nearest character boundaries inside `text`. Engines work on
/// whole characters already; this is the guarantee, not the mechanism.
fn snap_to_chars(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// Families whose findings nest: a furniture run inside a larger run (a site-name line in
/// a "Related posts" list), a spun name inside a longer spun phrase ("The Related Press" in
/// "instructed The Related Press"). The inner finding says nothing new; keep the outer.
const FOLDED_FAMILIES: &[&str] = &["furniture", "spin"];

/// Drops findings inside a larger finding of the same folded family. Document-level
/// verdicts span everything and never swallow the findings they summarise.
/// Expects `diags` sorted by start, longest first.
fn fold_nested(diags: &mut Vec<Diagnostic>, document_level: &HashSet<Arc<str>>) {
    let mut outer: Vec<(&'static str, Span)> = Vec::new();
    diags.retain(|d| {
        let Some(&family) = FOLDED_FAMILIES.iter().find(|f| **f == d.family()) else { return true };
        if document_level.contains(&d.rule) {
            return true;
        }
        match outer.iter_mut().find(|(f, _)| *f == family) {
            Some((_, o)) if o.contains(d.span) => false,
            Some((_, o)) => {
                *o = d.span;
                true
            }
            None => {
                outer.push((family, d.span));
                true
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linter(allow: &[&str]) -> Linter {
        let rules = crate::rules::builtin_rules().unwrap();
        let selection = Selection {
            select: Some(vec!["spin/fixed-expression".into()]),
            allow: allow.iter().map(|s| s.to_string()).collect(),
            ..Selection::default()
        };
        Linter::new(rules, &selection).unwrap()
    }

    #[test]
    fn allowed_phrases_cover_only_what_they_span() {
        let text = "Experts at the suppose tank said so. The suppose tank was wrong. A suppose tank.";
        assert_eq!(linter(&[]).check(text).len(), 3);
        // Each occurrence of the phrase covers the finding inside it, wherever it stands.
        assert!(linter(&["the suppose tank"]).check(text).len() == 1);
        assert!(linter(&["suppose tank", "zzz"]).check(text).is_empty());
        // A phrase inside the finding does not cover it.
        assert_eq!(linter(&["suppose"]).check(text).len(), 3);
    }
}
