//! Fixing, suppression comments and baselines, end to end through the command.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["--isolated"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("runs newslint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const ARTICLE: &str = "A fellow at the suppose tank said the plan was sporting skinny.\n\nLeave a Comment\n";

#[test]
fn fix_applies_safe_fixes_only_and_converges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let out = newslint(dir.path(), &["--fix", "a.txt"]);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixed, "A fellow at the think tank said the plan was wearing thin.\n\nLeave a Comment\n");
    assert!(stdout(&out).contains("Fixed 2 problems."), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(0), "only a furniture warning remains");
    let again = newslint(dir.path(), &["--fix", "a.txt"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed, "a second --fix changes nothing");
    assert!(!stdout(&again).contains("Fixed"), "{}", stdout(&again));
}

#[test]
fn unsafe_fixes_also_delete_furniture() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    newslint(dir.path(), &["--unsafe-fixes", "a.txt"]);
    let fixed = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(fixed, "A fellow at the think tank said the plan was wearing thin.\n\n");
}

#[test]
fn diff_shows_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let out = newslint(dir.path(), &["--diff", "a.txt"]);
    let text = stdout(&out);
    assert!(text.contains("--- a/a.txt") && text.contains("+A fellow at the think tank"), "{text}");
    assert!(!text.contains("Leave a Comment\n+"), "unsafe fixes are not in a plain --diff");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.txt")).unwrap(), ARTICLE);
    assert_eq!(out.status.code(), Some(1), "changes pending");
}

#[test]
fn fixing_stdin_prints_the_fixed_text() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["--isolated", "--fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"The Related Press said so.\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(stdout(&out), "The Associated Press said so.\n");
}

#[test]
fn fixing_every_fixture_converges_and_relints_clean_for_fixed_rules() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = tempfile::tempdir().unwrap();
    for family in std::fs::read_dir(&root).unwrap().flatten() {
        for file in std::fs::read_dir(family.path()).unwrap().flatten() {
            let name = format!("{}-{}", family.file_name().to_string_lossy(), file.file_name().to_string_lossy());
            let copy = dir.path().join(&name);
            std::fs::copy(file.path(), &copy).unwrap();
            newslint(dir.path(), &["--unsafe-fixes", &name]);
            let once = std::fs::read_to_string(&copy).unwrap();
            newslint(dir.path(), &["--unsafe-fixes", &name]);
            assert_eq!(std::fs::read_to_string(&copy).unwrap(), once, "{name}: a second fix pass changed the file");
            let left = stdout(&newslint(dir.path(), &["--format", "json", &name]));
            let left: Vec<serde_json::Value> = serde_json::from_str(&left).unwrap();
            let fixable: Vec<_> = left.iter().filter(|d| !d["suggestion"].is_null()).collect();
            assert!(fixable.is_empty(), "{name}: fixable findings remain after fixing: {fixable:?}");
        }
    }
}

#[test]
fn suppression_comments_silence_findings_and_keep_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# Title\n\nThe suppose tank said so.\n\n<!-- newslint-disable-next-line spin -- quoting the spinner -->\nThe Related Press reported it.\n\n<!-- newslint-disable placeholder/unknown-rul -->\nHi {{name}}.\n";
    std::fs::write(dir.path().join("a.md"), md).unwrap();
    let out = stdout(&newslint(dir.path(), &["--format", "concise", "a.md"]));
    assert!(out.contains("a.md:3:5: error[spin/fixed-expression]"), "{out}");
    assert!(!out.contains(":6:"), "line 6 is suppressed:\n{out}");
    assert!(
        out.contains("warning[suppression/unknown-rule] unknown rule or family `placeholder/unknown-rul`"),
        "{out}"
    );
    assert!(
        out.contains("a.md:9:4: error[placeholder/unfilled-slot]"),
        "a misspelt directive suppresses nothing:\n{out}"
    );
    let json = stdout(&newslint(dir.path(), &["--format", "json", "--show-suppressed", "a.md"]));
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let suppressed: Vec<_> = items.iter().filter(|d| d.get("suppressed").is_some()).collect();
    assert_eq!(suppressed.len(), 1, "{json}");
    assert_eq!(suppressed[0]["suppressed"]["reason"], "quoting the spinner");
    assert_eq!(suppressed[0]["line"], 6);
}

#[test]
fn baseline_hides_known_findings_and_reports_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "Intro.\n\nA fellow at the suppose tank said so.\n").unwrap();
    let written = newslint(dir.path(), &["--write-baseline", "baseline.json", "a.txt"]);
    assert_eq!(written.status.code(), Some(0));
    std::fs::write(&path, "A new paragraph on The Related Press.\n\nIntro.\n\nA fellow at the suppose tank said so.\n")
        .unwrap();
    let out = newslint(dir.path(), &["--baseline", "baseline.json", "--format", "concise", "a.txt"]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("a.txt:1:") && text.contains("The Related Press"), "{text}");
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(dir.path().join("bad.json"), "{\"version\": 7, \"entries\": []}").unwrap();
    let bad = newslint(dir.path(), &["--baseline", "bad.json", "a.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad.json: unsupported baseline version 7"));
}

#[test]
fn ci_formats_are_wired_into_the_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let sarif = newslint(dir.path(), &["--format", "sarif", "a.txt"]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "{log}");
    assert_eq!(sarif.status.code(), Some(1));
    let github = stdout(&newslint(dir.path(), &["--format", "github", "a.txt"]));
    assert!(github.lines().any(|l| l.starts_with("::error file=a.txt,line=1,col=17,")), "{github}");
    let checkstyle = stdout(&newslint(dir.path(), &["--format", "checkstyle", "a.txt"]));
    assert!(checkstyle.starts_with("<?xml") && checkstyle.trim_end().ends_with("</checkstyle>"), "{checkstyle}");
    let junit = stdout(&newslint(dir.path(), &["--format", "junit", "a.txt"]));
    assert!(junit.contains("<testsuite") && junit.trim_end().ends_with("</testsuites>"), "{junit}");
}

#[test]
fn per_path_ignores_switch_rules_off_by_glob() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("drafts/2025")).unwrap();
    std::fs::write(
        dir.path().join("newslint.toml"),
        "[per-path-ignores]\n\"drafts/**\" = [\"placeholder/tk-marker\"]\n",
    )
    .unwrap();
    let body = "The startup raised TK million from investors.\n";
    std::fs::write(dir.path().join("drafts/2025/a.txt"), body).unwrap();
    std::fs::write(dir.path().join("b.txt"), body).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_newslint")).args(args).current_dir(dir.path()).output().unwrap()
    };
    let out = stdout(&run(&["--format", "concise", "drafts", "b.txt"]));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("b.txt:1:"), "{out}");
    std::fs::write(dir.path().join("newslint.toml"), "[per-path-ignores]\n\"drafts/**\" = [\"placeholder/tk\"]\n")
        .unwrap();
    let bad = run(&["b.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown rule or family `placeholder/tk`"));
}

#[test]
fn jsonl_corpus_mode_streams_one_line_per_document_in_order() {
    use std::io::Write;
    let mut input = String::new();
    for i in 0..300 {
        let text = if i % 3 == 0 { "A fellow at the suppose tank said so." } else { "The council met on Tuesday." };
        input.push_str(&serde_json::json!({ "doc": format!("d{i}"), "body": text }).to_string());
        input.push('\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["--isolated", "--jsonl", "-", "--text-field", "body", "--id-field", "doc", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 300);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], format!("d{i}"), "order is kept");
        assert_eq!(line["counts"]["spin"].as_u64().unwrap_or(0), u64::from(i % 3 == 0));
    }
    assert_eq!(out.status.code(), Some(1));
}
