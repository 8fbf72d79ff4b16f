//! One integration-test binary (see ARCHITECTURE.md): tests go through the public entry
//! points (`Linter::check_as`, the `newslint` command), not internals.

mod cli;
mod fixtures;
mod formats;
mod fuzz_regressions;
/// The fuzz targets' bodies and invariant checks, shared with the property tests.
#[path = "../../fuzz/src/lib.rs"]
mod harness;
mod hook;
mod html;
mod markdown;
mod props;
mod robustness;
mod rule_examples;
mod spans;
mod workflow;

use newslint::render::{FileReport, SpinStat, Summary, write_human, write_summary};
use newslint::{Linter, Report, SourceKind};

/// The built-in rule set with every rule on, including those off by default.
pub fn all_rules() -> Linter {
    let rules = newslint::rules::builtin_rules().expect("built-in rules load");
    let selection = newslint::Selection { select: Some(vec!["all".into()]), ..Default::default() };
    Linter::new(rules, &selection).expect("valid selection")
}

/// Exactly one rule.
pub fn only(rule: &str) -> Linter {
    let rules = newslint::rules::builtin_rules().expect("built-in rules load");
    let selection = newslint::Selection { select: Some(vec![rule.into()]), ..Default::default() };
    Linter::new(rules, &selection).expect("valid selection")
}

/// The human report exactly as the CLI prints it without colour.
pub fn human_report(path: &str, text: &str, report: &Report) -> String {
    let diagnostics = &report.diagnostics;
    let mut out = termcolor::NoColor::new(Vec::new());
    write_human(&mut out, &FileReport { path, text, diagnostics }).unwrap();
    let mut summary = Summary::default();
    summary.add(diagnostics);
    if report.spin_signals > 0 {
        summary.spin.push(SpinStat { path: path.to_string(), signals: report.spin_signals, words: report.words });
    }
    write_summary(&mut out, &summary).unwrap();
    String::from_utf8(out.into_inner()).unwrap()
}

pub fn kind_of(path: &std::path::Path) -> SourceKind {
    SourceKind::from_path(path)
}
