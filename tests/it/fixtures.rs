//! Fixture articles: each defect fixture has a snapshot of its full human report; every
//! article under `fixtures/clean/` must produce nothing, with every rule switched on.

use std::path::{Path, PathBuf};

use crate::{all_rules, human_report, kind_of};

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixture_files(&path, out);
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "html")) {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn all_fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    fixture_files(&root().join("fixtures"), &mut files);
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/")
}

#[test]
fn defect_fixtures_match_their_report_snapshots() {
    let linter = newslint::Linter::builtin().unwrap();
    let defect: Vec<_> = all_fixtures().into_iter().filter(|p| !relative(p).starts_with("fixtures/clean/")).collect();
    assert!(defect.len() >= 8, "expected the defect fixtures, found {}", defect.len());
    for path in defect {
        let rel = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let report = linter.lint(&text, kind_of(&path));
        assert!(!report.diagnostics.is_empty(), "{rel}: a defect fixture must produce diagnostics");
        let name = rel.trim_start_matches("fixtures/").replace(['/', '.'], "__");
        insta::assert_snapshot!(name, human_report(&rel, &text, &report));
    }
}

#[test]
fn clean_fixtures_produce_nothing_with_every_rule_on() {
    let linter = all_rules();
    let clean: Vec<_> = all_fixtures().into_iter().filter(|p| relative(p).starts_with("fixtures/clean/")).collect();
    assert!(clean.len() >= 6, "expected clean fixtures, found {}", clean.len());
    let mut noisy = Vec::new();
    for path in clean {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = linter.lint(&text, kind_of(&path));
        if !report.diagnostics.is_empty() {
            noisy.push(human_report(&relative(&path), &text, &report));
        }
    }
    assert!(noisy.is_empty(), "clean fixtures raised diagnostics:\n{}", noisy.join("\n"));
}
