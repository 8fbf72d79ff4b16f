//! `newslint hook install`: a git pre-commit hook that lints what is about to be committed.
//!
//! The hook is a short POSIX sh script, not a hidden newslint subcommand, so that it is
//! readable in `.git/hooks/pre-commit`, needs only git, `sh` and `xargs` besides newslint,
//! and keeps working when newslint's CLI changes: it only ever runs the plain lint command
//! (`newslint --stdin-filename=NAME -`), whose exit codes are the contract.
//!
//! It lints the *staged* content (the index, via `git cat-file`), not the working tree: a
//! commit records the index, so an unstaged fix must not make a spun article pass, and an
//! unstaged mess must not block a clean commit.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The line that marks a pre-commit hook as newslint's own. `install` replaces a hook that
/// has it without asking, and refuses to replace one without it unless forced.
pub const MARKER: &str = "# newslint pre-commit hook";

/// Why a hook could not be installed.
#[derive(Debug)]
pub enum HookError {
    /// `git` could not be started (not installed or not on PATH).
    GitUnavailable(io::Error),
    /// git ran but could not name the hooks directory, usually because `repo` is not inside
    /// a git repository. `message` is git's own explanation.
    Git { repo: PathBuf, message: String },
    /// A pre-commit hook that newslint did not write is in the way.
    ForeignHook { path: PathBuf },
    /// The running executable's path is unknown, so there is nothing to bake into the hook.
    CurrentExe(io::Error),
    /// Reading the existing hook or writing the new one failed.
    Io { path: PathBuf, source: io::Error },
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HookError::GitUnavailable(e) => write!(f, "cannot run git: {e}"),
            HookError::Git { repo, message } => {
                write!(f, "cannot find the git hooks directory for {}: {message}", repo.display())
            }
            HookError::ForeignHook { path } => write!(
                f,
                "{} already exists and was not written by newslint; rerun with --force to replace it, \
                 or call newslint from that hook yourself",
                path.display()
            ),
            HookError::CurrentExe(e) => write!(f, "cannot find the path of the running newslint: {e}"),
            HookError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for HookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HookError::GitUnavailable(e) | HookError::CurrentExe(e) | HookError::Io { source: e, .. } => Some(e),
            HookError::Git { .. } | HookError::ForeignHook { .. } => None,
        }
    }
}

/// Installs the pre-commit hook in the repository containing `repo`, calling the running
/// newslint executable, and returns the hook's path.
///
/// The executable's absolute path is baked in so the hook runs the same newslint that
/// installed it even when that one is not on PATH (e.g. `target/release/newslint`); the
/// hook falls back to `newslint` on PATH if the file is gone by the time it runs.
pub fn install(repo: &Path, force: bool) -> Result<PathBuf, HookError> {
    let exe = std::env::current_exe().map_err(HookError::CurrentExe)?;
    install_with(repo, &exe, force)
}

/// [`install`] with an explicit newslint binary for the hook to call (for callers that
/// are not themselves that binary, such as tests or wrappers).
///
/// The hooks directory comes from `git rev-parse --git-path hooks`, so `core.hooksPath`
/// and linked worktrees are respected. An existing hook carrying [`MARKER`] is replaced;
/// any other existing hook is an error unless `force`. The new hook is written beside
/// the old one and renamed over it, so an interrupted install never leaves half a hook,
/// and a symlinked hook is replaced rather than written through.
pub fn install_with(repo: &Path, newslint: &Path, force: bool) -> Result<PathBuf, HookError> {
    let dir = hooks_dir(repo)?;
    let path = dir.join("pre-commit");
    match fs::read(&path) {
        Ok(existing) if !force && !is_ours(&existing) => return Err(HookError::ForeignHook { path }),
        Err(e) if !force && e.kind() != io::ErrorKind::NotFound => return Err(HookError::Io { path, source: e }),
        _ => {}
    }
    fs::create_dir_all(&dir).map_err(|source| HookError::Io { path: dir.clone(), source })?;
    // Tidy `sub/../.git/hooks` (git answers relative to `repo`) now that the directory exists.
    let dir = fs::canonicalize(&dir).unwrap_or(dir);
    let path = dir.join("pre-commit");
    let tmp = dir.join(format!(".pre-commit.newslint-{}", std::process::id()));
    let written = write_executable(&tmp, &script(newslint)).and_then(|()| fs::rename(&tmp, &path));
    if let Err(source) = written {
        let _ = fs::remove_file(&tmp);
        return Err(HookError::Io { path, source });
    }
    Ok(path)
}

/// Whether a hook's bytes carry [`MARKER`] on a line of its own.
fn is_ours(hook: &[u8]) -> bool {
    hook.split(|&b| b == b'\n').any(|line| line.trim_ascii_end() == MARKER.as_bytes())
}

/// The directory git runs hooks from for the repository containing `repo` (git answers
/// relative to the directory it was run in, so the answer is joined to `repo`).
fn hooks_dir(repo: &Path) -> Result<PathBuf, HookError> {
    if !repo.is_dir() {
        return Err(HookError::Git { repo: repo.to_path_buf(), message: "no such directory".into() });
    }
    let out = Command::new("git")
        .args(["rev-parse", "--git-path", "hooks"])
        .current_dir(repo)
        .output()
        .map_err(HookError::GitUnavailable)?;
    if !out.status.success() {
        let message = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(HookError::Git { repo: repo.to_path_buf(), message });
    }
    let mut raw = out.stdout;
    while raw.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        raw.pop();
    }
    Ok(repo.join(path_from_bytes(raw)))
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// Writes `bytes` to a new file at `path` with mode 0755 (set explicitly, so the umask
/// cannot leave the hook unreadable to others or, worse, not executable).
fn write_executable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::write(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755))?;
    }
    Ok(())
}

/// `s` as one sh word: single-quoted, with each `'` written as `'\''`.
fn sh_quote(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'\'');
    for &b in s {
        if b == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(b);
        }
    }
    out.push(b'\'');
    out
}

/// The hook script, calling `newslint` (bytes, because a Unix path need not be UTF-8).
fn script(newslint: &Path) -> Vec<u8> {
    let (head, tail) = TEMPLATE.split_once("@NEWSLINT@").expect("the template names the binary once");
    let mut out = head.as_bytes().to_vec();
    out.extend(sh_quote(&path_bytes(newslint)));
    out.extend_from_slice(tail.as_bytes());
    out
}

/// The hook. Design notes, since the script is the part users will read:
/// - `git diff --cached -z | xargs -0` because POSIX `read` cannot split on NUL, and only
///   NUL-separated names survive spaces, quotes and newlines; the per-file loop runs in
///   the `sh -c` that xargs starts, which reports failure by exiting 1 (xargs then exits 123).
/// - `:0:$path` rather than `:$path`: a path such as `1:notes.md` would otherwise be read
///   as "stage 1 of notes.md".
/// - `git cat-file blob` rather than `git show`, which may apply textconv filters.
/// - `--stdin-filename=NAME` in one word, so a name starting with `-` is not an option.
/// - The extension test is case-insensitive, like the directory walk in the CLI.
const TEMPLATE: &str = r#"#!/bin/sh
# newslint pre-commit hook
#
# Written by `newslint hook install`, which updates a hook carrying the line above but
# will not replace any other pre-commit hook unless given --force.
#
# Lints what is about to be committed: the staged (index) content of every added, copied,
# modified or renamed .txt, .md, .markdown, .html or .htm file, so a fix left unstaged in
# the working tree cannot make a spun article pass. The commit is refused if newslint
# exits non-zero for any file: findings at or above `fail_on` (newslint.toml, found from
# the top of the work tree), or a file it cannot read. Prints nothing when no such file
# is staged.
#
# To skip this check for one commit:   NEWSLINT_SKIP=1 git commit ...
# (any value but empty or 0; `git commit --no-verify` skips every pre-commit hook).

if [ "${NEWSLINT_SKIP:-0}" != 0 ]; then
    echo "newslint: pre-commit check skipped (NEWSLINT_SKIP is set)" >&2
    exit 0
fi

# The newslint that installed this hook; newslint on PATH if that file has since gone.
newslint=@NEWSLINT@
if [ ! -x "$newslint" ]; then
    newslint=newslint
fi

git diff --cached --name-only --diff-filter=ACMR -z |
    xargs -0 sh -c '
        newslint=$1
        shift
        status=0
        for path in "$@"; do
            case $path in
                *.[tT][xX][tT] | *.[mM][dD] | *.[mM][aA][rR][kK][dD][oO][wW][nN] | *.[hH][tT][mM][lL] | *.[hH][tT][mM]) ;;
                *) continue ;;
            esac
            if ! command -v "$newslint" >/dev/null 2>&1; then
                echo "newslint: not found (neither where it was installed from nor on PATH); reinstall the hook, or set NEWSLINT_SKIP=1" >&2
                exit 1
            fi
            git cat-file blob ":0:$path" | "$newslint" --stdin-filename="$path" - || status=1
        done
        exit "$status"
    ' newslint-pre-commit "$newslint" || {
    echo "newslint: commit refused; fix the findings above, or skip the check with NEWSLINT_SKIP=1 git commit ..." >&2
    exit 1
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_quotes() {
        let s = String::from_utf8(script(Path::new("/opt/it's here/newslint"))).unwrap();
        assert!(s.starts_with("#!/bin/sh\n"));
        assert!(is_ours(s.as_bytes()));
        assert!(s.contains("\nnewslint='/opt/it'\\''s here/newslint'\n"), "{s}");
        assert!(!is_ours(b"#!/bin/sh\necho '# newslint pre-commit hook'\n"));
        assert!(is_ours(b"#!/bin/sh\r\n# newslint pre-commit hook\r\n"));
    }
}
