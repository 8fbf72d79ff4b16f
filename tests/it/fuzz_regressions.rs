//! Replays every input the fuzzers found a bug with (`tests/fuzz-regressions/<target>/`)
//! through the same function the cargo-fuzz target runs (`fuzz/src/lib.rs`, included in main.rs),
//! so each fixed crash, hang or broken invariant stays fixed. See fuzz/README.md.

use std::path::PathBuf;

use crate::harness;

/// A fuzz target's body: panics when the input breaks an invariant.
type Target = fn(&[u8]);

/// The fuzz targets, by directory name.
const TARGETS: &[(&str, Target)] = &[
    ("parse_article", harness::parse_article),
    ("check", harness::check),
    ("markdown", harness::markdown),
    ("html", harness::html),
    ("config", harness::config),
];

#[test]
fn every_saved_fuzz_input_passes_its_target() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&root).expect("tests/fuzz-regressions exists").flatten() {
        let dir = entry.file_name().to_string_lossy().into_owned();
        let Some((_, target)) = TARGETS.iter().find(|(name, _)| *name == dir) else {
            let known: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
            panic!("tests/fuzz-regressions/{dir}: not a fuzz target (known: {known:?})");
        };
        for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
            let data = std::fs::read(file.path()).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{} fails again", file.path().display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression inputs found under {}", root.display());
}

/// The invariant checks the targets and properties rely on do fail on broken output: a span
/// off a char boundary, empty, out of bounds or out of order; a sentence that no longer
/// tiles its paragraph.
#[test]
fn the_invariant_checks_reject_broken_output() {
    use newslint::diagnostic::Applicability;
    use newslint::{Article, Diagnostic, Severity, Span};
    let text = "Café owners met. They agreed.";
    let diagnostic = |start, end| Diagnostic {
        rule: "spin/fixed-expression".into(),
        severity: Severity::Error,
        span: Span { start, end },
        message: String::new(),
        suggestion: Some("x".into()),
        applicability: Applicability::Safe,
    };
    let fails = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    assert!(!fails(&|| harness::assert_diagnostics(text, &[diagnostic(0, 5)])), "“Café” is a valid span");
    assert!(fails(&|| harness::assert_diagnostics(text, &[diagnostic(0, 4)])), "inside “é”");
    assert!(fails(&|| harness::assert_diagnostics(text, &[diagnostic(3, 3)])), "empty");
    assert!(fails(&|| harness::assert_diagnostics(text, &[diagnostic(20, 40)])), "past the end");
    assert!(fails(&|| harness::assert_diagnostics(text, &[diagnostic(6, 12), diagnostic(0, 5)])), "unsorted");
    let article = Article::parse(text);
    assert!(!fails(&|| harness::assert_article(text, &article)));
    let mut dropped = article.clone();
    dropped.sentences[1].start += 5;
    assert!(fails(&|| harness::assert_article(text, &dropped)), "a sentence no longer tiles its paragraph");
}
