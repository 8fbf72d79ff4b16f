//! The `newslint` command end to end: formats, exit codes, configuration, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

const SPUN: &str = "The plant will reopen, a senior fellow at the suppose tank told The Related Press.\n";
const CLEAN: &str = "HARBORTON, Maine (AP) — Dockworkers returned to the port on Monday, the union said.\n";
const ONLY_WARNING: &str = "The plant will reopen in May.\n\nLeave a Comment\n";

fn newslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("runs newslint")
}

fn newslint_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A temporary directory with the given files (shared with `robustness.rs`).
pub(crate) fn workspace(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

#[test]
fn exit_codes_follow_fail_on() {
    let ws = workspace(&[
        ("spun.txt", SPUN.as_bytes()),
        ("clean.txt", CLEAN.as_bytes()),
        ("warn.txt", ONLY_WARNING.as_bytes()),
    ]);
    let dir = ws.path();
    assert_eq!(newslint(dir, &["clean.txt"]).status.code(), Some(0));
    assert_eq!(newslint(dir, &["spun.txt"]).status.code(), Some(1));
    assert_eq!(newslint(dir, &["--fail-on", "never", "spun.txt"]).status.code(), Some(0));
    assert_eq!(newslint(dir, &["warn.txt"]).status.code(), Some(0), "warnings do not fail by default");
    assert_eq!(newslint(dir, &["--fail-on", "warning", "warn.txt"]).status.code(), Some(1));
    assert_eq!(newslint(dir, &["--fail-on", "bogus", "warn.txt"]).status.code(), Some(2));
}

#[test]
fn human_format_underlines_and_suggests_and_summarises() {
    let ws = workspace(&[("spun.txt", SPUN.as_bytes())]);
    let out = newslint(ws.path(), &["spun.txt"]);
    let text = stdout(&out);
    assert!(text.contains("error[spin/fixed-expression]: “suppose tank” is a spun form of “think tank”"), "{text}");
    assert!(text.contains("┌─ spun.txt:1:47"), "{text}");
    assert!(text.contains("^^^^^^^^^^^^ help: replace with `think tank`"), "{text}");
    assert!(text.contains("Found 2 problems (2 errors, 0 warnings, 0 infos) in 1 of 1 file."), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn colour_is_opt_in_when_piped() {
    let ws = workspace(&[("spun.txt", SPUN.as_bytes())]);
    assert!(stdout(&newslint(ws.path(), &["--color", "always", "spun.txt"])).contains('\x1b'));
    assert!(!stdout(&newslint(ws.path(), &["--color", "never", "spun.txt"])).contains('\x1b'));
}

#[test]
fn concise_format_is_one_line_per_diagnostic() {
    let ws = workspace(&[("spun.txt", SPUN.as_bytes())]);
    let out = stdout(&newslint(ws.path(), &["--format", "concise", "spun.txt"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("spun.txt:1:47: error[spin/fixed-expression] “suppose tank”"), "{out}");
}

#[test]
fn json_format_has_exactly_the_documented_keys_and_exact_spans() {
    let text = "Intro line.\n\nCafé owners said the suppose tank was wrong.\n";
    let ws = workspace(&[("a.txt", text.as_bytes())]);
    let out = newslint(ws.path(), &["--format", "json", "a.txt"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 1);
    let d = items[0].as_object().unwrap();
    let mut keys: Vec<&str> = d.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["column", "end_column", "end_line", "line", "message", "path", "rule", "severity", "span", "suggestion"]
    );
    let (start, end) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "suppose tank");
    assert_eq!(d["path"], "a.txt");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 22, "columns count characters, not bytes");
    assert_eq!(d["end_line"], 3);
    assert_eq!(d["end_column"], 34);
    assert_eq!(d["suggestion"], "think tank");
    assert_eq!(d["severity"], "error");
    // No findings: an empty array.
    let ws = workspace(&[("c.txt", CLEAN.as_bytes())]);
    let empty: serde_json::Value =
        serde_json::from_str(&stdout(&newslint(ws.path(), &["--format", "json", "c.txt"]))).unwrap();
    assert_eq!(empty, serde_json::json!([]));
}

#[test]
fn output_follows_input_order_then_span() {
    let ws = workspace(&[("b.txt", SPUN.as_bytes()), ("a.txt", SPUN.as_bytes()), ("d/c.txt", SPUN.as_bytes())]);
    let out = stdout(&newslint(ws.path(), &["--format", "concise", "b.txt", "a.txt", "d"]));
    let paths: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(paths, ["b.txt", "b.txt", "a.txt", "a.txt", "d/c.txt", "d/c.txt"]);
    let cols: Vec<&str> = out.lines().map(|l| l.split(':').nth(2).unwrap()).collect();
    assert_eq!(&cols[..2], ["47", "65"]);
}

#[test]
fn directories_are_walked_by_extension_respecting_gitignore() {
    let ws = workspace(&[
        ("site/a.md", SPUN.as_bytes()),
        ("site/b.html", b"<p>The suppose tank said so.</p>\n"),
        ("site/c.json", SPUN.as_bytes()),
        ("site/skip/d.txt", SPUN.as_bytes()),
        ("site/.gitignore", b"skip/\n"),
    ]);
    std::fs::create_dir(ws.path().join(".git")).unwrap();
    let out = stdout(&newslint(ws.path(), &["--format", "concise", "site"]));
    assert!(out.contains("site/a.md:") && out.contains("site/b.html:"), "{out}");
    assert!(!out.contains("c.json") && !out.contains("d.txt"), "{out}");
}

#[test]
fn select_and_ignore_take_rules_and_families() {
    let ws = workspace(&[("mixed.txt", "The suppose tank said {name} would come.\n".as_bytes())]);
    let rules_in = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["--format", "concise"];
        full.extend_from_slice(args);
        full.push("mixed.txt");
        stdout(&newslint(ws.path(), &full))
            .lines()
            .map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules_in(&[]), ["spin/fixed-expression", "placeholder/unfilled-slot"]);
    assert_eq!(rules_in(&["--select", "spin"]), ["spin/fixed-expression"]);
    assert_eq!(rules_in(&["--ignore", "spin/fixed-expression"]), ["placeholder/unfilled-slot"]);
    assert_eq!(rules_in(&["--select", "spin,placeholder", "--ignore", "placeholder"]), ["spin/fixed-expression"]);
    let bad = newslint(ws.path(), &["--select", "spinn", "mixed.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown rule or family `spinn`"), "{}", stderr(&bad));
}

#[test]
fn stdin_is_linted_under_the_given_name() {
    let ws = workspace(&[]);
    let out = newslint_stdin(ws.path(), &["--format", "concise", "--stdin-filename", "story.md", "-"], SPUN.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("story.md:1:47:"), "{}", stdout(&out));
}

#[test]
fn bad_inputs_are_reported_by_name_and_the_rest_still_linted() {
    let ws = workspace(&[
        ("empty.txt", b""),
        ("blank.txt", b" \n\n "),
        ("binary.txt", b"abc\0def"),
        ("latin1.txt", b"caf\xe9 owners\n"),
        ("utf16.txt", b"\xff\xfeH\0i\0"),
        ("good.txt", SPUN.as_bytes()),
    ]);
    std::fs::create_dir(ws.path().join("folder.txt")).unwrap();
    let args = [
        "--format",
        "concise",
        "empty.txt",
        "blank.txt",
        "binary.txt",
        "latin1.txt",
        "utf16.txt",
        "missing.txt",
        "good.txt",
    ];
    let out = newslint(ws.path(), &args);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "error: empty.txt: file is empty",
        "error: blank.txt: file is empty",
        "error: binary.txt: binary file (NUL byte at offset 3)",
        "error: latin1.txt: not valid UTF-8 (invalid byte at offset 3)",
        "error: utf16.txt: file is UTF-16",
        "error: missing.txt: no such file",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(stdout(&out).lines().count(), 2, "good.txt is still linted");
    let dir_as_file = newslint(ws.path(), &["sentences", "folder.txt"]);
    assert_eq!(dir_as_file.status.code(), Some(2));
    assert!(stderr(&dir_as_file).contains("folder.txt: is a directory"), "{}", stderr(&dir_as_file));
}

#[test]
fn oversized_files_are_refused() {
    let ws = workspace(&[("big.txt", SPUN.repeat(100).as_bytes())]);
    let out = newslint(ws.path(), &["--max-file-size", "1000", "big.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("big.txt: file is too large"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace(&[("locked.txt", SPUN.as_bytes())]);
    let path = ws.path().join("locked.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        return; // running as root: permissions are not enforced
    }
    let out = newslint(ws.path(), &["locked.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("locked.txt: cannot read"), "{}", stderr(&out));
}

#[test]
fn linting_never_writes_files() {
    let ws = workspace(&[("spun.txt", SPUN.as_bytes())]);
    let before = std::fs::read(ws.path().join("spun.txt")).unwrap();
    newslint(ws.path(), &["spun.txt"]);
    assert_eq!(std::fs::read(ws.path().join("spun.txt")).unwrap(), before);
    assert_eq!(std::fs::read_dir(ws.path()).unwrap().count(), 1);
}

#[test]
fn config_is_found_by_walking_up_and_applies() {
    let ws = workspace(&[
        (
            "newslint.toml",
            b"ignore = [\"placeholder\"]\nallow = [\"Chatham Home\"]\n[severity]\n\"spin\" = \"warning\"\n",
        ),
        ("deep/er/a.txt", b"At the Chatham Home suppose tank, {name} spoke.\n"),
    ]);
    let out = newslint(&ws.path().join("deep/er"), &["--format", "concise", "a.txt"]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("warning[spin/fixed-expression] “suppose tank”"), "{text}");
    assert_eq!(out.status.code(), Some(0), "a warning does not fail");
    let isolated = stdout(&newslint(&ws.path().join("deep/er"), &["--isolated", "--format", "concise", "a.txt"]));
    assert_eq!(isolated.lines().count(), 3, "{isolated}");
}

#[test]
fn config_errors_point_at_the_toml() {
    let ws = workspace(&[
        ("unknown.toml", b"select = [\"spin\"]\nfail_on = \"warning\"\n"),
        ("badsev.toml", b"[severity]\n\"spin\" = \"loud\"\n"),
        ("badsel.toml", b"ignore = [\"spinn\"]\n"),
        ("broken.toml", b"select = [\"spin\"\n"),
        ("a.txt", SPUN.as_bytes()),
    ]);
    let run = |cfg: &str| newslint(ws.path(), &["--config", cfg, "a.txt"]);
    let out = run("unknown.toml");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown field `fail_on`") && stderr(&out).contains("unknown.toml:2:1"),
        "{}",
        stderr(&out)
    );
    let out = run("badsev.toml");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown variant `loud`") && stderr(&out).contains("badsev.toml:2:"),
        "{}",
        stderr(&out)
    );
    let out = run("badsel.toml");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown rule or family `spinn`") && stderr(&out).contains("badsel.toml:1:"),
        "{}",
        stderr(&out)
    );
    let out = run("broken.toml");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.toml:"), "{}", stderr(&out));
    let out = run("missing.toml");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.toml") && stderr(&out).contains("cannot read config"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

const PACK: &str = r###"
id = "house/banned-word"
severity = "warning"
summary = "Words the desk does not use"
engine = "phrases"
docs = "## What it does\nFlags banned words.\n## Why is this bad?\nHouse style."
[examples]
fire = ["It was a game-changer."]
silent = ["The game changed."]
[data]
message = "house style: avoid “{found}”"
flag = ["game-changer"]
"###;

#[test]
fn rule_packs_add_rules_and_broken_packs_are_errors() {
    let ws = workspace(&[
        ("newslint.toml", b"rule-packs = [\"rules/house.toml\"]\n"),
        ("rules/house.toml", PACK.as_bytes()),
        ("a.txt", b"The deal was a game-changer for the port.\n"),
    ]);
    let out = newslint(ws.path(), &["--format", "concise", "a.txt"]);
    assert!(stdout(&out).contains("warning[house/banned-word] house style: avoid “game-changer”"), "{}", stdout(&out));
    assert!(stdout(&newslint(ws.path(), &["rules"])).contains("house/banned-word"));

    let broken = PACK.replace("engine = \"phrases\"", "engine = \"phrasez\"");
    std::fs::write(ws.path().join("rules/house.toml"), broken).unwrap();
    let out = newslint(ws.path(), &["a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown engine `phrasez`") && stderr(&out).contains("house.toml:5:"),
        "{}",
        stderr(&out)
    );

    let bad_regex = PACK.replace("engine = \"phrases\"", "engine = \"patterns\"").replace(
        "message = \"house style: avoid “{found}”\"\nflag = [\"game-changer\"]",
        "[[data.patterns]]\nregex = \"(unclosed\"\nmessage = \"x\"",
    );
    std::fs::write(ws.path().join("rules/house.toml"), bad_regex).unwrap();
    let out = newslint(ws.path(), &["a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid regex `(unclosed`"), "{}", stderr(&out));

    let clash = PACK.replace("house/banned-word", "spin/tortured-phrase");
    std::fs::write(ws.path().join("rules/house.toml"), clash).unwrap();
    let out = newslint(ws.path(), &["a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("rule `spin/tortured-phrase` is already defined"), "{}", stderr(&out));
}

#[test]
fn a_rule_pack_at_a_built_in_rule_files_path_is_read_from_its_own_text() {
    // Built-in files come pre-parsed by build.rs; a pack must never be taken for one.
    let rule = newslint::rules::load_rule("lints/spin/tortured-phrase.toml", PACK).unwrap();
    assert_eq!(&*rule.meta.id, "house/banned-word");
}

#[test]
fn rules_lists_every_rule_and_explain_documents_one() {
    let ws = workspace(&[]);
    let list = stdout(&newslint(ws.path(), &["rules"]));
    let count = newslint::rules::builtin_rules().unwrap().len();
    assert_eq!(list.lines().count(), count);
    assert!(list.lines().any(|l| l.starts_with("spin/tortured-phrase") && l.contains("error")), "{list}");
    let explain = newslint(ws.path(), &["explain", "padding/faq-section"]);
    assert_eq!(explain.status.code(), Some(0));
    let text = stdout(&explain);
    assert!(
        text.contains("## What it does") && text.contains("## Flagged") && text.contains("## Not flagged"),
        "{text}"
    );
    let unknown = newslint(ws.path(), &["explain", "faq-section"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean padding/faq-section?"), "{}", stderr(&unknown));
}

#[test]
fn sentences_prints_exact_byte_offsets_as_json_lines() {
    let text =
        "\u{feff}Mr. Smith arrived at 9 a.m. Friday. He left.\r\n\r\n“Who is next?” she asked. Prices rose 3.5%.";
    let ws = workspace(&[("s.txt", text.as_bytes())]);
    let out = newslint(ws.path(), &["sentences", "s.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let sentences: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let texts: Vec<&str> = sentences.iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["Mr. Smith arrived at 9 a.m. Friday.", "He left.", "“Who is next?” she asked.", "Prices rose 3.5%."]
    );
    for s in &sentences {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
    }
}

#[test]
fn the_bundled_example_reports_what_the_readme_promises() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = newslint(&root, &["fixtures/spin/spun-wire-story.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("“The Related Press” is a spun form of “The Associated Press”"), "{}", stdout(&out));
}
