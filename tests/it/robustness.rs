//! The bad-input matrix (issue 6). Each case runs the built `newslint` in a temporary
//! directory and checks: the exit code; for bad input, one clear line naming the file and
//! the problem; no panic; no hang (a case still running after `HANG_LIMIT` is killed and
//! fails — a guard, not a timing assertion); and that nothing in the directory changed,
//! also when `--fix` was asked for. Valid but odd input (BOM, CRLF, lone CR, deep nesting,
//! unterminated front matter) must lint normally with exact byte spans.
//!
//! Size: the 1 GB file is sparse (refused by its size, never read). The "200 MB line"
//! case runs here on a 1 MiB line: linting costs the same per megabyte on one line as on
//! many (measured in a debug build: 5, 10, 20 MB on one line took 11.7, 22.8, 45.5 s), so
//! a megabyte exercises the same code, and what the test guards (output and work per
//! finding bounded, not proportional to the line) does not depend on the size. The real
//! 200 MB line is `#[ignore]`d here and run in release by `scripts/robustness.sh`.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::cli::workspace;

/// A case still running after this long has hung: it is killed and the test fails.
const HANG_LIMIT: Duration = Duration::from_secs(60);

const SPUN: &str = "The plant will reopen, a senior fellow at the suppose tank told The Related Press.\n";
const CLEAN: &str = "HARBORTON, Maine (AP) — Dockworkers returned to the port on Monday, the union said.\n";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `newslint args` in `dir`, feeding `stdin` if given.
fn run(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    run_command(command(dir, args), stdin)
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newslint"));
    cmd.args(args).current_dir(dir).env_remove("NO_COLOR").env_remove("RUST_BACKTRACE");
    cmd
}

fn run_command(mut cmd: Command, stdin: Option<Vec<u8>>) -> Run {
    let stdin_mode = if stdin.is_some() { Stdio::piped() } else { Stdio::null() };
    let mut child = cmd.stdin(stdin_mode).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawns");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        // The child may stop reading early (a refused input): a broken pipe is fine.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    wait(child)
}

/// Waits for the child, reading its output as it comes; kills it after `HANG_LIMIT`.
fn wait(mut child: Child) -> Run {
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + HANG_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("newslint hung: still running after {HANG_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "panic:\n{}", run.stderr);
    assert!(status.code().is_some(), "killed by a signal (stack overflow? abort?): {status:?}\n{}", run.stderr);
    run
}

/// Everything in a directory tree, without following links or opening FIFOs: regular
/// files by content (by size and mtime above 8 MiB), links by target, the rest by type.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            out.insert(d, "unreadable directory".into());
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let ft = meta.file_type();
            let what = if ft.is_symlink() {
                format!("link to {}", std::fs::read_link(&path).unwrap().display())
            } else if ft.is_dir() {
                stack.push(path.clone());
                "directory".into()
            } else if ft.is_file() && meta.len() <= 8 << 20 {
                format!("{:?}", std::fs::read(&path).unwrap_or_default())
            } else if ft.is_file() {
                format!("{} bytes, modified {:?}", meta.len(), meta.modified().unwrap())
            } else {
                format!("{ft:?}")
            };
            out.insert(path, what);
        }
    }
    out
}

/// Runs a case and checks that it changed nothing in `dir`.
fn run_unchanged(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let before = snapshot(dir);
    let out = run(dir, args, stdin);
    assert!(snapshot(dir) == before, "{args:?} changed the directory\n{}", out.stderr);
    out
}

/// Bad input: exit 2, exactly one error line `error: NAME: …PROBLEM…`, nothing written.
fn assert_refused(dir: &Path, args: &[&str], stdin: Option<&[u8]>, name: &str, problem: &str) -> Run {
    let out = run_unchanged(dir, args, stdin.map(<[u8]>::to_vec));
    assert_eq!(out.code, Some(2), "{args:?}\n{}", out.stderr);
    let prefix = format!("error: {name}: ");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with(&prefix) && lines[0].contains(problem),
        "{args:?}: expected one line `{prefix}…{problem}…`, got:\n{}",
        out.stderr
    );
    out
}

// ---------------------------------------------------------------------------------------
// Files that are not text

/// (file, contents, problem). The 1 GB file is made sparse by `bad_files`.
const BAD_FILES: &[(&str, &[u8], &str)] = &[
    ("empty.txt", b"", "file is empty (no text to lint)"),
    ("blank.md", b" \n\t\r\n  \n", "file is empty (no text to lint)"),
    ("nul.txt", b"The plant\0 will reopen.\n", "binary file (NUL byte at offset 9), not text"),
    ("bad-start.txt", b"\xffThe plant will reopen.\n", "not valid UTF-8 (invalid byte at offset 0)"),
    ("bad-middle.txt", b"The plant \xc3\x28 will reopen.\n", "not valid UTF-8 (invalid byte at offset 10)"),
    ("bad-end.txt", b"The plant will reopen.\n\xe2\x80", "not valid UTF-8 (invalid byte at offset 23)"),
    ("utf16le.txt", b"\xff\xfeH\0i\0.\0\n\0", "file is UTF-16; newslint reads UTF-8 (convert it with iconv)"),
    ("utf16be.md", b"\xfe\xff\0H\0i\0.\0\n", "file is UTF-16; newslint reads UTF-8 (convert it with iconv)"),
    ("huge.txt", b"", "file is too large (1073741824 bytes; the limit is 268435456, see --max-file-size)"),
    ("missing.txt", b"", "no such file"),
];

fn bad_files() -> TempDir {
    let ws = workspace(&[("good.txt", SPUN.as_bytes())]);
    for (name, bytes, _) in BAD_FILES {
        match *name {
            "missing.txt" => {}
            // Sparse: no disk, no time; refused by its size without being read.
            "huge.txt" => std::fs::File::create(ws.path().join(name)).unwrap().set_len(1 << 30).unwrap(),
            _ => std::fs::write(ws.path().join(name), bytes).unwrap(),
        }
    }
    ws
}

#[test]
fn files_that_are_not_text() {
    let ws = bad_files();
    for (name, _, problem) in BAD_FILES {
        assert_refused(ws.path(), &["--isolated", name], None, name, problem);
    }
}

/// All of them at once, with --fix, beside a file that does get fixed: each is reported
/// on its line, in order, and none is touched.
#[test]
fn files_that_are_not_text_are_never_written_by_fix() {
    let ws = bad_files();
    let names: Vec<&str> = BAD_FILES.iter().map(|(name, _, _)| *name).collect();
    let mut args = vec!["--isolated", "--fix"];
    args.extend(&names);
    let before = snapshot(ws.path());
    args.push("good.txt");
    let out = run(ws.path(), &args, None);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let expected: Vec<String> =
        BAD_FILES.iter().map(|(name, _, problem)| format!("error: {name}: {problem}")).collect();
    assert_eq!(out.stderr.lines().collect::<Vec<_>>(), expected);
    let mut after = snapshot(ws.path());
    let fixed = after.remove(&ws.path().join("good.txt")).unwrap();
    assert_ne!(Some(&fixed), before.get(&ws.path().join("good.txt")), "good.txt was fixed");
    let mut before = before;
    before.remove(&ws.path().join("good.txt"));
    assert!(after == before, "the bad files are untouched, no temporary file is left");
}

#[test]
fn a_one_gigabyte_file_found_by_walking_is_refused_too() {
    let ws = workspace(&[]);
    std::fs::create_dir(ws.path().join("dir")).unwrap();
    std::fs::File::create(ws.path().join("dir/huge.txt")).unwrap().set_len(1 << 30).unwrap();
    let problem = "file is too large (1073741824 bytes; the limit is 268435456, see --max-file-size)";
    assert_refused(ws.path(), &["--isolated", "--fix", "dir"], None, "dir/huge.txt", problem);
}

#[test]
fn the_largest_max_file_size_does_not_overflow() {
    let ws = workspace(&[("spun.txt", SPUN.as_bytes())]);
    let out = run_unchanged(ws.path(), &["--isolated", "--max-file-size", &u64::MAX.to_string(), "spun.txt"], None);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------
// Standard input

#[test]
fn stdin_with_bad_bytes() {
    let ws = workspace(&[]);
    let cases: [(&[u8], &str); 5] = [
        (b"", "file is empty"),
        (b"ab\0cd", "binary file (NUL byte at offset 2)"),
        (b"caf\xe9 owners\n", "not valid UTF-8 (invalid byte at offset 3)"),
        (b"\xff\xfeH\0i\0", "file is UTF-16"),
        (SPUN.as_bytes(), "input is too large (more than 20 bytes, the limit; see --max-file-size)"),
    ];
    for (bytes, problem) in cases {
        assert_refused(ws.path(), &["--isolated", "--max-file-size", "20", "-"], Some(bytes), "-", problem);
    }
    // Named, and with --fix: no fixed text goes to stdout.
    let named = ["--isolated", "--fix", "--stdin-filename", "story.md", "-"];
    let out = assert_refused(ws.path(), &named, Some(b"x\0"), "story.md", "binary file (NUL byte at offset 1)");
    assert_eq!(out.stdout, "");
}

// ---------------------------------------------------------------------------------------
// Valid but odd input: linted normally, spans exact

/// `--format json` findings as (rule, text at the span, line, column).
fn findings(dir: &Path, name: &str) -> Vec<(String, String, u64, u64)> {
    let out = run_unchanged(dir, &["--isolated", "--format", "json", name], None);
    assert!(matches!(out.code, Some(0 | 1)), "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let json: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    json.iter()
        .map(|d| {
            let (s, e) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
            let text = String::from_utf8(bytes[s..e].to_vec()).expect("span on char boundaries");
            (d["rule"].as_str().unwrap().to_string(), text, d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
        })
        .collect()
}

/// The `┌─ path:line:column` headers of the human report; no carriage return or BOM is
/// sent to the terminal.
fn human_locations(dir: &Path, name: &str) -> Vec<String> {
    let out = run_unchanged(dir, &["--isolated", name], None);
    assert!(!out.stdout.contains(['\r', '\u{feff}']), "{:?}", out.stdout);
    out.stdout.lines().filter_map(|l| l.trim_start().strip_prefix("┌─ ")).map(str::to_string).collect()
}

#[test]
fn utf8_bom_is_not_a_column() {
    let ws = workspace(&[("bom.txt", format!("\u{feff}{SPUN}").as_bytes())]);
    let found = findings(ws.path(), "bom.txt");
    let expected = [("suppose tank", 47), ("The Related Press", 65)];
    assert_eq!(found.len(), 2, "{found:?}");
    for ((_, text, line, column), (want, want_col)) in found.iter().zip(expected) {
        assert_eq!((text.as_str(), *line, *column), (want, 1, want_col));
    }
    assert_eq!(human_locations(ws.path(), "bom.txt"), ["bom.txt:1:47", "bom.txt:1:65"], "human agrees with json");
}

#[test]
fn crlf_and_lone_cr_end_lines() {
    let crlf = "The plant will reopen.\r\nA senior fellow at the suppose tank said.\r\n";
    let cr = crlf.replace("\r\n", "\r");
    let ws = workspace(&[("crlf.txt", crlf.as_bytes()), ("cr.txt", cr.as_bytes())]);
    for name in ["crlf.txt", "cr.txt"] {
        let found = findings(ws.path(), name);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].1.as_str(), found[0].2, found[0].3), ("suppose tank", 2, 24), "{name}");
        assert_eq!(human_locations(ws.path(), name), [format!("{name}:2:24")], "human agrees with json");
    }
    // Fixing keeps every line ending as it was.
    for (name, text) in [("crlf.txt", crlf.to_string()), ("cr.txt", cr.clone())] {
        let out = run(ws.path(), &["--isolated", "--fix", name], None);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(std::fs::read_to_string(ws.path().join(name)).unwrap(), text.replace("suppose tank", "think tank"));
    }
}

#[test]
fn deeply_nested_markdown() {
    let mut md = "> ".repeat(5_000);
    md.push_str("The suppose tank said so.\n\n");
    for depth in 0..300 {
        md.push_str(&format!("{}- item\n", "  ".repeat(depth)));
    }
    md.push_str(&format!("\n{}The suppose tank said so.{}\n", "*".repeat(50_000), "*".repeat(50_000)));
    md.push_str(&format!("\n{}x{}\n", "[".repeat(50_000), "]".repeat(50_000)));
    let ws = workspace(&[("deep.md", md.as_bytes())]);
    let found = findings(ws.path(), "deep.md");
    let spun: Vec<_> = found.iter().filter(|f| f.0 == "spin/fixed-expression").collect();
    assert_eq!(spun.len(), 2, "{found:?}");
    assert!(spun.iter().all(|f| f.1 == "suppose tank"), "{spun:?}");
    assert_eq!((spun[0].2, spun[0].3), (1, 10_005));
}

#[test]
fn unterminated_front_matter() {
    let md = "---\ntitle: The suppose tank speaks\nauthor: Staff\n\nBody text from the suppose tank.\n";
    let ws = workspace(&[("fm.md", md.as_bytes())]);
    let found = findings(ws.path(), "fm.md");
    assert!(!found.is_empty() && found.iter().all(|f| f.1 == "suppose tank"), "{found:?}");
    assert!(found.iter().any(|f| f.2 == 5), "the body is linted: {found:?}");
}

/// One long line with a finding in the middle: the report shows a window of it, not the
/// line, and the column is right.
fn long_line(ws: &TempDir, megabytes: usize) {
    let filler = CLEAN.trim_end().to_string() + " ";
    let half = filler.repeat(megabytes * (1 << 20) / filler.len() / 2);
    let text = format!("{half}A fellow at the suppose tank spoke. {half}\n");
    std::fs::write(ws.path().join("long.txt"), &text).unwrap();
    let column = half.chars().count() + "A fellow at the ".len() + 1;
    let out = run_unchanged(ws.path(), &["--isolated", "long.txt"], None);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stdout.len() < 8 << 10, "report of {} bytes for one finding", out.stdout.len());
    assert!(out.stdout.contains(&format!("┌─ long.txt:1:{column}")), "{}", out.stdout);
    assert!(out.stdout.contains("…") && out.stdout.contains("suppose tank spoke."), "{}", out.stdout);
}

#[test]
fn a_one_megabyte_line() {
    long_line(&workspace(&[]), 1);
}

/// The real size; `scripts/robustness.sh` runs it on the release build.
#[test]
#[ignore = "200 MB: run by scripts/robustness.sh (cargo test --release -- --ignored robustness)"]
fn robustness_a_200_megabyte_line() {
    long_line(&workspace(&[]), 200);
}

#[test]
fn many_findings_on_one_long_line_are_each_reported_briefly() {
    let text = SPUN.trim_end().repeat(2_000) + "\n"; // 160 KB, 4,000 findings and a verdict
    let ws = workspace(&[("dense.txt", text.as_bytes())]);
    let out = run_unchanged(ws.path(), &["--isolated", "--select", "spin", "dense.txt"], None);
    assert_eq!(out.code, Some(1));
    let headers = out.stdout.lines().filter(|l| l.contains("┌─ dense.txt:1:")).count();
    assert!(headers > 4_000, "{headers}");
    assert!(out.stdout.len() < headers * 1_500, "{} bytes for {headers} findings", out.stdout.len());
}

// ---------------------------------------------------------------------------------------
// Links, FIFOs, vanishing and unreadable paths

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo runs").success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links() {
    use std::os::unix::fs::symlink;
    let ws = workspace(&[("dir/ok.txt", SPUN.as_bytes())]);
    let dir = ws.path().join("dir");
    symlink("loop-b.txt", dir.join("loop-a.txt")).unwrap();
    symlink("loop-a.txt", dir.join("loop-b.txt")).unwrap();
    symlink("gone.txt", dir.join("dangling.txt")).unwrap();
    symlink("..", dir.join("up")).unwrap(); // a directory loop
    assert_refused(ws.path(), &["--isolated", "--fix", "dir/loop-a.txt"], None, "dir/loop-a.txt", "cannot read:");
    assert_refused(ws.path(), &["--isolated", "dir/dangling.txt"], None, "dir/dangling.txt", "no such file");
    // Walking: links are not followed, so the loops end and the real file is linted once.
    let out = run_unchanged(ws.path(), &["--isolated", "--format", "concise", "dir"], None);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout.lines().filter(|l| l.starts_with("dir/ok.txt:")).count(), 2, "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_fixes_the_file_and_keeps_the_link() {
    let ws = workspace(&[("real.txt", SPUN.as_bytes())]);
    std::os::unix::fs::symlink("real.txt", ws.path().join("link.txt")).unwrap();
    let out = run(ws.path(), &["--isolated", "--fix", "link.txt"], None);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let link = std::fs::symlink_metadata(ws.path().join("link.txt")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let fixed = std::fs::read_to_string(ws.path().join("real.txt")).unwrap();
    assert!(fixed.contains("think tank told The Associated Press"), "{fixed}");
}

#[cfg(unix)]
#[test]
fn fifo_found_while_walking_is_skipped() {
    let ws = workspace(&[("dir/ok.txt", CLEAN.as_bytes())]);
    mkfifo(&ws.path().join("dir/pipe.txt")); // nobody will ever write to it
    let out = run_unchanged(ws.path(), &["--isolated", "dir"], None);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("No problems found in 1 file."), "{}", out.stdout);
}

/// Spawns newslint on a FIFO and writes `text` into it from a thread; `before_write` runs
/// once newslint has opened the FIFO.
#[cfg(unix)]
fn lint_fifo(dir: &Path, args: &[&str], fifo: &Path, text: &'static str, before_write: fn(&Path)) -> Run {
    let child = command(dir, args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let fifo = fifo.to_path_buf();
    std::thread::spawn(move || {
        // Blocks until newslint opens the FIFO for reading (if it never does, the run hangs
        // and `wait` fails the test).
        let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        before_write(&fifo);
        writer.write_all(text.as_bytes()).unwrap();
    });
    wait(child)
}

#[cfg(unix)]
#[test]
fn fifo_named_explicitly_is_read_and_never_written() {
    let ws = workspace(&[]);
    let fifo = ws.path().join("pipe.txt");
    mkfifo(&fifo);
    let out = lint_fifo(ws.path(), &["--isolated", "--format", "concise", "pipe.txt"], &fifo, SPUN, |_| {});
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    // --fix: the text is read and linted, but a FIFO is not a file to replace.
    let before = snapshot(ws.path());
    let out = lint_fifo(ws.path(), &["--isolated", "--fix", "pipe.txt"], &fifo, SPUN, |_| {});
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(out.stderr.trim_end(), "error: pipe.txt: not a regular file; fixes not written");
    assert!(snapshot(ws.path()) == before, "the FIFO is still a FIFO, and no temporary file is left");
}

/// A file removed while it is being read: the FIFO is unlinked once newslint has it open,
/// which is the same race as a file deleted between listing and reading, made certain.
#[cfg(unix)]
#[test]
fn file_removed_while_linting() {
    let ws = workspace(&[]);
    let fifo = ws.path().join("vanishing.txt");
    mkfifo(&fifo);
    let remove = |p: &Path| std::fs::remove_file(p).unwrap();
    let out = lint_fifo(ws.path(), &["--isolated", "--fix", "vanishing.txt"], &fifo, SPUN, remove);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(out.stderr.trim_end(), "error: vanishing.txt: file was removed since it was read; fixes not written");
    assert_eq!(std::fs::read_dir(ws.path()).unwrap().count(), 0, "nothing re-created, no temporary file");
    // Without --fix the text that was read is linted as usual.
    mkfifo(&fifo);
    let out = lint_fifo(ws.path(), &["--isolated", "--format", "concise", "vanishing.txt"], &fifo, SPUN, remove);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    // Gone before it is read: named explicitly, or as a dangling link found by a walk.
    assert_refused(ws.path(), &["--isolated", "vanishing.txt"], None, "vanishing.txt", "no such file");
}

/// A directory without read permission, walked and named. Root reads it anyway, so as
/// root the case runs as `nobody` (uid 65534), where the permission bits apply.
#[cfg(unix)]
#[test]
fn unreadable_directory() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let ws = workspace(&[("content/locked/a.txt", SPUN.as_bytes()), ("content/ok.txt", CLEAN.as_bytes())]);
    let locked = ws.path().join("content/locked");
    std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let as_root = std::fs::read_dir(&locked).is_ok();
    let run_case = |args: &[&str]| {
        let mut cmd = command(ws.path(), args);
        if as_root {
            cmd.uid(65534).gid(65534);
        }
        run_command(cmd, None)
    };
    if as_root && Command::new("true").uid(65534).gid(65534).status().is_err() {
        eprintln!("skipped: running as root and cannot run as nobody (uid 65534)");
        return;
    }
    let before = snapshot(ws.path());
    for args in [["--isolated", "content"], ["--isolated", "content/locked"]] {
        for fix in [false, true] {
            let mut args = args.to_vec();
            if fix {
                args.push("--fix");
            }
            let out = run_case(&args);
            assert_eq!(out.code, Some(2), "{args:?}: {}\n{}", out.stderr, out.stdout);
            assert_eq!(
                out.stderr.trim_end(),
                "error: content/locked: cannot read: Permission denied (os error 13)",
                "{args:?}"
            );
            if args[1] == "content" {
                assert!(
                    out.stdout.contains("in 1 file; 1 file could not be linted."),
                    "ok.txt still linted: {}",
                    out.stdout
                );
            }
        }
    }
    assert!(snapshot(ws.path()) == before);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

// ---------------------------------------------------------------------------------------
// Malformed and hostile configuration

/// A config error: exit 2, no panic, a short report that names the file and the problem,
/// and the article left alone although --fix was asked for.
fn assert_config_refused(files: &[(&str, &[u8])], args: &[&str], file: &str, problem: &str) -> String {
    let mut all = files.to_vec();
    all.push(("a.txt", SPUN.as_bytes()));
    let ws = workspace(&all);
    let mut args = args.to_vec();
    args.extend(["--fix", "a.txt"]);
    let out = run_unchanged(ws.path(), &args, None);
    assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
    assert_eq!(out.stdout, "");
    let first = out.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: ") && out.stderr.contains(problem), "{args:?}:\n{}", out.stderr);
    assert!(out.stderr.contains(file), "names {file}:\n{}", out.stderr);
    assert!(out.stderr.len() < 2_000, "a report, not a dump: {} bytes\n{}", out.stderr.len(), out.stderr);
    out.stderr
}

#[test]
fn malformed_config() {
    let err = assert_config_refused(
        &[("newslint.toml", b"select = [\"spin\"\nignore = 3\n")],
        &[],
        "newslint.toml:2:1",
        "expected `,`",
    );
    assert!(err.contains("2 │ ignore = 3"), "{err}");
    assert_config_refused(
        &[("newslint.toml", b"fail-on = \"sometimes\"\n")],
        &[],
        "newslint.toml:1:",
        "unknown variant",
    );
    assert_config_refused(
        &[("c.toml", b"sel\0ect = []\n")],
        &["--config", "c.toml"],
        "c.toml",
        "config is not text (NUL byte at offset 3)",
    );
    assert_config_refused(
        &[("c.toml", b"allow = [\"caf\xe9\"]\n")],
        &["--config", "c.toml"],
        "c.toml",
        "config is not valid UTF-8 (invalid byte at offset 13)",
    );
    let deep = format!("select = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert_config_refused(&[("newslint.toml", deep.as_bytes())], &[], "newslint.toml:1:", "recurse");
    assert_config_refused(&[], &["--config", "missing.toml"], "missing.toml", "cannot read config: no such file");
    assert_config_refused(&[("dir/x", b"")], &["--config", "dir"], "dir", "is a directory, not a config file");
}

/// The error is in the middle of a 1 MB line (under the 4 MiB cap, which refuses a
/// 20 MB config before parsing it): the snippet is a window with an ellipsis each side.
#[test]
fn config_error_on_a_very_long_line_shows_a_window() {
    let xs = "\"x\", ".repeat(100_000);
    let line = format!("allow = [{xs} oops, {xs}]\n");
    let column = line.find("oops").unwrap() + 1;
    let err = assert_config_refused(
        &[("newslint.toml", line.as_bytes())],
        &[],
        &format!("newslint.toml:1:{column}"),
        "string values must be quoted",
    );
    assert!(err.contains("│ …x\", \"x\"") && err.contains(" oops, \"x\"") && err.contains("\"x\"…\n"), "{err}");
}

#[test]
fn config_of_100_megabytes_is_refused_unread() {
    let big = b"# a comment line, valid TOML, repeated to 100 MB\n".repeat((100 << 20) / 50);
    let size = big.len().to_string();
    assert_config_refused(
        &[("newslint.toml", &big)],
        &[],
        "newslint.toml",
        &format!("config is too large ({size} bytes; the limit is 4194304)"),
    );
    let pack = b"rule-packs = [\"pack.toml\"]\n";
    assert_config_refused(&[("newslint.toml", pack), ("pack.toml", &big)], &[], "pack.toml", "rule pack is too large");
}

#[cfg(unix)]
#[test]
fn config_that_never_ends() {
    assert_config_refused(
        &[],
        &["--config", "/dev/zero"],
        "/dev/zero",
        "config is too large (more than 4194304 bytes)",
    );
    let pack = b"rule-packs = [\"/dev/zero\"]\n";
    assert_config_refused(&[("newslint.toml", pack)], &[], "newslint.toml:1:", "/dev/zero: rule pack is too large");
}

/// A rule pack whose one pattern is `regex`.
fn hostile_pack(regex: &str) -> Vec<u8> {
    format!(
        "id = \"house/hostile\"\nseverity = \"warning\"\nsummary = \"x\"\nengine = \"patterns\"\ndocs = \"x\"\n\
         [examples]\nfire = [\"aaa\"]\nsilent = [\"bbb\"]\n[data]\n[[data.patterns]]\nregex = '''{regex}'''\nmessage = \"x\"\n"
    )
    .into_bytes()
}

#[test]
fn hostile_rule_packs() {
    let config: &[u8] = b"rule-packs = [\"pack.toml\"]\n";
    let cases = [
        // Compiles to more than the size limit.
        ("(?:a{1000}){1000}".to_string(), "Compiled regex exceeds size limit"),
        (r"\w{1000}\w{1000}".to_string(), "Compiled regex exceeds size limit"),
        // Nested too deep to parse.
        (format!("{}a{}", "(".repeat(1_000), ")".repeat(1_000)), "exceed the maximum number of nested parentheses"),
        // A word list of 3 MB as one pattern: refused before compiling.
        (
            (0..300_000).map(|i| format!("word{i}")).collect::<Vec<_>>().join("|"),
            "is too long (3188889 bytes; the limit is 16384)",
        ),
    ];
    for (regex, problem) in cases {
        let pack = hostile_pack(&regex);
        let err = assert_config_refused(&[("newslint.toml", config), ("pack.toml", &pack)], &[], "pack.toml", problem);
        assert_eq!(err.lines().next().unwrap().matches('…').count(), usize::from(regex.chars().count() > 60), "{err}");
    }
    // Linear-time matching: a pattern that backtracking engines take exponential time on.
    let pack = hostile_pack("(a*)*(a|aa)*b");
    let ws = workspace(&[("newslint.toml", config), ("pack.toml", &pack), ("a.txt", "a".repeat(100_000).as_bytes())]);
    let out = run_unchanged(ws.path(), &["a.txt"], None);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// An `expressions` pack asking for 3^40 spun variants (it took 8 GB in 30 s before it was
/// refused up front).
#[test]
fn rule_pack_generating_too_many_variants() {
    let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
    let swaps: String = words.iter().map(|w| format!("{w} = [\"{w}x\", \"{w}y\"]\n")).collect();
    let pack = format!(
        "id = \"house/variants\"\nseverity = \"warning\"\nsummary = \"x\"\nengine = \"expressions\"\ndocs = \"x\"\n\
         [examples]\nfire = [\"aaa\"]\nsilent = [\"bbb\"]\n[data]\nmessage = \"{{found}}\"\nexpressions = [\"{}\"]\n\
         max_swaps = 40\n[data.swaps]\n{swaps}",
        words.join(" ")
    );
    let files: &[(&str, &[u8])] =
        &[("newslint.toml", b"rule-packs = [\"pack.toml\"]\n"), ("pack.toml", pack.as_bytes())];
    let problem = "would generate 12157665459056928800 variants (the limit is 100000)";
    assert_config_refused(files, &[], "pack.toml", problem);
}

/// Globs in `[per-path-ignores]`: globset panicked compiling a glob nested 5,000 deep.
#[test]
fn hostile_globs() {
    let nested = format!("[per-path-ignores]\n\"{}b{}\" = [\"spin\"]\n", "{a,".repeat(500), "}".repeat(500));
    assert_config_refused(&[("newslint.toml", nested.as_bytes())], &[], "newslint.toml:2:1", "too complex to compile");
    let long = format!("[per-path-ignores]\n\"{}b{}\" = [\"spin\"]\n", "{a,".repeat(5_000), "}".repeat(5_000));
    let problem = "too long (20001 bytes; the limit is 4096)";
    assert_config_refused(&[("newslint.toml", long.as_bytes())], &[], "newslint.toml:2:1", problem);
}

#[cfg(unix)]
#[test]
fn baseline_that_is_not_a_baseline() {
    let ws = workspace(&[
        ("a.txt", SPUN.as_bytes()),
        ("nul.json", b"[\0]"),
        ("cut.json", b"{\"version\": 1, \"entries\": ["),
    ]);
    let cases = [
        ("nul.json", "cannot read baseline: binary file (NUL byte at offset 1)"),
        ("cut.json", "not a newslint baseline: EOF while parsing"),
        ("/dev/zero", "baseline is too large (the limit is 268435456 bytes)"),
    ];
    for (file, problem) in cases {
        assert_refused(ws.path(), &["--isolated", "--fix", "--baseline", file, "a.txt"], None, file, problem);
    }
}

// ---------------------------------------------------------------------------------------
// Corpus mode

#[test]
fn corpus_lines_that_are_not_utf8_are_error_records() {
    let mut jsonl = format!("{{\"id\": 1, \"text\": \"{}\"}}\n", SPUN.trim_end()).into_bytes();
    jsonl.extend_from_slice(b"{\"id\": 2, \"text\": \"caf\xe9\"}\n");
    jsonl.extend_from_slice(format!("{{\"id\": 3, \"text\": \"{}\"}}\n", SPUN.trim_end()).as_bytes());
    let ws = workspace(&[("c.jsonl", &jsonl)]);
    let out = run_unchanged(ws.path(), &["--isolated", "--jsonl", "c.jsonl"], None);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let lines: Vec<serde_json::Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert_eq!(lines[1]["error"], "not valid UTF-8 (invalid byte at offset 22)");
    assert_eq!(
        (lines[0]["counts"]["spin"].clone(), lines[2]["id"].clone()),
        (serde_json::json!(2), serde_json::json!(3))
    );
}
