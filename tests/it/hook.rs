//! `newslint hook install` end to end: a scratch repository, the hook installed through
//! the command, and real `git commit`s that it blocks or lets through. Unix only, since
//! the hook is a POSIX sh script. Each test returns early with a note if git is missing.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

const NEWSLINT: &str = env!("CARGO_BIN_EXE_newslint");

const SPUN: &str = "# Port reopens after strike

HARBORTON, Maine — The port will reopen on Monday after a two-week strike, a senior fellow at the \
suppose tank told The Related Press.

An official who spoke on situation of anonymity said the union had accepted the offer.
";

const CLEAN: &str = "# Port reopens after strike

HARBORTON, Maine — Dockworkers returned to the port on Monday after a two-week strike, ending a \
dispute over overtime pay that had idled dozens of cargo ships.

The union said its members voted 412 to 96 to accept the offer. A spokeswoman for the port \
authority said the first ship would be unloaded on Tuesday.
";

/// `program` with git's environment cut off from the user's: no global or system config
/// (a global `core.hooksPath` would send the hook there), no inherited `GIT_DIR` and
/// friends (set when the tests themselves run inside a hook), no `NEWSLINT_SKIP`.
fn isolated(program: impl AsRef<std::ffi::OsStr>, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_CONFIG",
        "GIT_CONFIG_PARAMETERS",
        "GIT_CONFIG_COUNT",
        "NEWSLINT_SKIP",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("GIT_CONFIG_NOSYSTEM", "1").env("GIT_CONFIG_GLOBAL", "/dev/null").current_dir(dir).stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("command runs")
}

/// Everything a command printed; git sends a hook's stdout to stderr, so look at both.
fn printed(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// A fresh repository with the hook installed, or `None` when git is not on PATH.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Option<Repo> {
        Repo::with_newslint(Path::new(NEWSLINT))
    }

    /// A repository whose hook was installed by the newslint binary at `newslint`.
    fn with_newslint(newslint: &Path) -> Option<Repo> {
        if Command::new("git").arg("--version").output().is_err() {
            eprintln!("note: git is not on PATH; skipping the pre-commit hook test");
            return None;
        }
        let repo = Repo { dir: tempfile::tempdir().unwrap() };
        repo.ok(&["init", "--quiet"]);
        repo.ok(&["config", "user.name", "Test Writer"]);
        repo.ok(&["config", "user.email", "writer@example.com"]);
        repo.ok(&["config", "commit.gpgsign", "false"]);
        let out = repo.install_with(newslint, false);
        assert!(out.status.success(), "install failed: {}", printed(&out));
        Some(repo)
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn hook(&self) -> PathBuf {
        self.path().join(".git/hooks/pre-commit")
    }

    fn git(&self, args: &[&str]) -> Output {
        run(isolated("git", self.path()).args(args))
    }

    fn ok(&self, args: &[&str]) {
        let out = self.git(args);
        assert!(out.status.success(), "git {args:?} failed: {}", printed(&out));
    }

    /// `newslint hook install [--force]`, run in the repository.
    fn install(&self, force: bool) -> Output {
        self.install_with(Path::new(NEWSLINT), force)
    }

    fn install_with(&self, newslint: &Path, force: bool) -> Output {
        let mut cmd = isolated(newslint, self.path());
        cmd.args(["hook", "install"]);
        if force {
            cmd.arg("--force");
        }
        run(&mut cmd)
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Stages `name` with `text`.
    fn stage(&self, name: &str, text: &str) {
        self.write(name, text);
        self.ok(&["add", "--", name]);
    }

    fn commit(&self, message: &str, env: &[(&str, &str)]) -> Output {
        run(isolated("git", self.path()).args(["commit", "--quiet", "-m", message]).envs(env.iter().copied()))
    }

    /// Whether a commit with this subject exists.
    fn committed(&self, message: &str) -> bool {
        let log = self.git(&["log", "--format=%s"]);
        String::from_utf8_lossy(&log.stdout).lines().any(|l| l == message)
    }
}

#[test]
fn hook_blocks_spun_articles_and_accepts_clean_ones() {
    let Some(repo) = Repo::new() else { return };
    let mode = std::fs::metadata(repo.hook()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o755);

    // Files the CLI would not lint are not linted, and the hook says nothing.
    repo.stage("notes/spun.rs", &format!("// {SPUN}"));
    let out = repo.commit("code", &[]);
    assert!(out.status.success(), "{}", printed(&out));
    assert_eq!(printed(&out), "");
    assert!(repo.committed("code"));

    // A name with a space, a newline and a colon (`:1:` would mean "merge stage 1").
    let odd = "1:port story\nday 2.MD";
    repo.stage("desk/clean.md", CLEAN);
    repo.stage(odd, SPUN);
    let out = repo.commit("spun", &[]);
    let report = printed(&out);
    assert!(!out.status.success(), "{report}");
    assert!(!repo.committed("spun"));
    for phrase in ["suppose tank", "The Related Press", "on situation of anonymity", "spin/fixed-expression"] {
        assert!(report.contains(phrase), "{phrase:?} missing from:\n{report}");
    }
    assert!(report.contains("port story\nday 2.MD"), "the report names the file:\n{report}");
    assert!(report.contains("NEWSLINT_SKIP=1"), "{report}");

    repo.stage(odd, CLEAN);
    let out = repo.commit("clean", &[]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(repo.committed("clean"));
}

#[test]
fn hook_lints_the_staged_content_not_the_working_tree() {
    let Some(repo) = Repo::new() else { return };

    // Clean in the index, spun in the working tree: the commit holds the clean text.
    repo.stage("story.md", CLEAN);
    repo.write("story.md", SPUN);
    let out = repo.commit("staged clean", &[]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(repo.committed("staged clean"));

    // Spun in the index, fixed only in the working tree: still refused.
    repo.stage("story.md", SPUN);
    repo.write("story.md", CLEAN);
    let out = repo.commit("staged spun", &[]);
    assert!(!out.status.success(), "{}", printed(&out));
    assert!(printed(&out).contains("suppose tank"));
    assert!(!repo.committed("staged spun"));
}

#[test]
fn newslint_skip_bypasses_the_hook() {
    let Some(repo) = Repo::new() else { return };
    repo.stage("story.txt", SPUN);
    let out = repo.commit("skipped", &[("NEWSLINT_SKIP", "0")]);
    assert!(!out.status.success(), "NEWSLINT_SKIP=0 does not skip: {}", printed(&out));

    let out = repo.commit("skipped", &[("NEWSLINT_SKIP", "1")]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(repo.committed("skipped"));
    assert!(!printed(&out).contains("suppose tank"), "the article was not linted: {}", printed(&out));
}

#[test]
fn install_replaces_its_own_hook_but_not_a_foreign_one() {
    let Some(repo) = Repo::new() else { return };
    let out = repo.install(false);
    assert!(out.status.success(), "reinstalling over newslint's own hook: {}", printed(&out));

    let foreign = "#!/bin/sh\n# the team's own checks\nexit 0\n";
    std::fs::write(repo.hook(), foreign).unwrap();
    let out = repo.install(false);
    assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
    let message = printed(&out);
    assert!(message.contains("not written by newslint") && message.contains("--force"), "{message}");
    assert_eq!(std::fs::read_to_string(repo.hook()).unwrap(), foreign);

    let out = repo.install(true);
    assert!(out.status.success(), "{}", printed(&out));
    repo.stage("story.html", &format!("<html><body><p>{}</p></body></html>\n", SPUN.replace("\n\n", "</p><p>")));
    let out = repo.commit("spun", &[]);
    assert!(!out.status.success(), "the forced hook is newslint's: {}", printed(&out));
    assert!(!repo.committed("spun"));
}

#[test]
fn hook_falls_back_to_newslint_on_path() {
    // Install from a second name for the binary (a hard link, so nothing is copied or
    // written), then remove that name: the hook must find newslint on PATH instead.
    let bin = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let moved = bin.path().join("newslint");
    if let Err(e) = std::fs::hard_link(NEWSLINT, &moved) {
        eprintln!("note: cannot hard-link the newslint binary ({e}); skipping the PATH fallback test");
        return;
    }
    let Some(repo) = Repo::with_newslint(&moved) else { return };
    assert!(std::fs::read_to_string(repo.hook()).unwrap().contains(&*moved.to_string_lossy()));
    std::fs::remove_file(&moved).unwrap();

    let dir = Path::new(NEWSLINT).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    repo.stage("story.md", SPUN);
    let out = repo.commit("spun", &[("PATH", path.to_str().unwrap())]);
    assert!(!out.status.success(), "{}", printed(&out));
    assert!(printed(&out).contains("suppose tank"), "{}", printed(&out));
    assert!(!repo.committed("spun"));
}
