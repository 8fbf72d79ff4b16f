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
