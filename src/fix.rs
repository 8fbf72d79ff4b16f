//! Applying suggestions: `--fix` (safe ones), `--unsafe-fixes` (all), `--diff` (show,
//! write nothing). Fixes never overlap in one pass; the caller re-lints and applies again
//! until nothing applicable is left, so fixing converges and a second run changes nothing.
//! Writing is atomic (temporary file in the same directory, fsync, rename), keeps the
//! file's permissions, and refuses a file that changed on disk since it was read.

use std::fmt;
use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic};

/// Which suggestions to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    Safe,
    Unsafe,
}

impl FixMode {
    pub fn applies(self, d: &Diagnostic) -> bool {
        d.suggestion.is_some() && (self == FixMode::Unsafe || d.applicability == Applicability::Safe)
    }
}

/// Applies the applicable, non-overlapping suggestions to `text`; returns the new text and
/// how many were applied. A deletion of whole lines also takes the line break after them,
/// so a removed furniture run leaves no blank hole.
pub fn apply(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> (String, usize) {
    let mut edits: Vec<(usize, usize, &str)> = diagnostics
        .iter()
        .filter(|d| mode.applies(d))
        .map(|d| {
            let replacement = d.suggestion.as_deref().unwrap_or_default();
            let (start, mut end) = (d.span.start, d.span.end);
            let starts_line = start == 0 || text[..start].ends_with('\n');
            if replacement.is_empty() && starts_line {
                if text[end..].starts_with("\r\n") {
                    end += 2;
                } else if text[end..].starts_with('\n') {
                    end += 1;
                }
            }
            (start, end, replacement)
        })
        .collect();
    edits.sort_by_key(|&(start, end, _)| (start, end));
    let mut out = String::with_capacity(text.len());
    let (mut pos, mut applied) = (0, 0);
    for (start, end, replacement) in edits {
        if start < pos {
            continue; // overlaps an edit already made; the next pass will see it again
        }
        out.push_str(&text[pos..start]);
        out.push_str(replacement);
        pos = end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk no longer holds the text that was linted.
    Changed,
    /// The file is gone since it was read.
    Removed,
    /// Not a regular file (a FIFO, a device): there is nothing to replace atomically, and
    /// re-reading a FIFO to compare would wait for a writer forever.
    NotRegular,
    Io(std::io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => write!(f, "file changed since it was read; fixes not written"),
            WriteError::Removed => write!(f, "file was removed since it was read; fixes not written"),
            WriteError::NotRegular => write!(f, "not a regular file; fixes not written"),
            WriteError::Io(e) => write!(f, "cannot write fixes: {e}"),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replaces `path`'s contents with `fixed`, but only if it still holds `original`.
/// A symbolic link is written through: the file it names is replaced and the link kept
/// (renaming over the link would turn it into a copy and leave the real file unfixed).
pub fn write_if_unchanged(path: &Path, original: &str, fixed: &str) -> Result<(), WriteError> {
    let gone = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => WriteError::Removed,
        _ => WriteError::Io(e),
    };
    let path = &std::fs::canonicalize(path).map_err(gone)?;
    let meta = std::fs::metadata(path).map_err(gone)?;
    if !meta.is_file() {
        return Err(WriteError::NotRegular);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(fixed.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(meta.permissions())?;
    // Checked last, as close to the rename as possible.
    if std::fs::read(path).map_err(gone)? != original.as_bytes() {
        return Err(WriteError::Changed);
    }
    temp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// A unified diff of a file's fix, empty when nothing changes.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn diag(start: usize, end: usize, suggestion: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic {
            rule: "spin/x".into(),
            severity: crate::Severity::Error,
            span: Span::new(start, end),
            message: String::new(),
            suggestion: Some(suggestion.to_string()),
            applicability,
        }
    }

    #[test]
    fn applies_safe_fixes_and_skips_overlaps() {
        let text = "the suppose tank said";
        let d = [diag(4, 16, "think tank", Applicability::Safe), diag(12, 16, "x", Applicability::Safe)];
        assert_eq!(apply(text, &d, FixMode::Safe), ("the think tank said".to_string(), 1));
    }

    #[test]
    fn unsafe_fixes_need_unsafe_mode_and_deletions_take_the_line_break() {
        let text = "Body.\nLeave a Comment\nMore body.\n";
        let d = [diag(6, 21, "", Applicability::Unsafe)];
        assert_eq!(apply(text, &d, FixMode::Safe).1, 0);
        assert_eq!(apply(text, &d, FixMode::Unsafe).0, "Body.\nMore body.\n");
    }

    #[test]
    fn a_file_changed_since_reading_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "edited by someone else").unwrap();
        let err = write_if_unchanged(&path, "original", "fixed").unwrap_err();
        assert!(matches!(err, WriteError::Changed));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by someone else");
        write_if_unchanged(&path, "edited by someone else", "fixed").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_a_fifo_or_a_removed_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (real, link) = (dir.path().join("real.txt"), dir.path().join("link.txt"));
        std::fs::write(&real, "x").unwrap();
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write_if_unchanged(&link, "x", "y").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "y");

        let fifo = dir.path().join("fifo.txt");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert!(matches!(write_if_unchanged(&fifo, "x", "y"), Err(WriteError::NotRegular)));
        assert!(matches!(write_if_unchanged(&dir.path().join("gone.txt"), "x", "y"), Err(WriteError::Removed)));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "x").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_if_unchanged(&path, "x", "y").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn diff_shows_the_change() {
        let d = unified_diff("a.txt", "one\ntwo\n", "one\n2\n");
        assert!(d.contains("--- a/a.txt") && d.contains("-two") && d.contains("+2"), "{d}");
        assert!(unified_diff("a.txt", "same", "same").is_empty());
    }
}
