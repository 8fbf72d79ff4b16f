//! Reading an article from disk or stdin, refusing what is not UTF-8 text with a reason
//! the user can act on. Nothing here ever writes.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Files above this size are refused unless the caller raises the limit.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Missing,
    IsDirectory,
    Unreadable(String),
    TooLarge { size: u64, limit: u64 },
    Empty,
    Binary { offset: usize },
    Utf16,
    InvalidUtf8 { offset: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Missing => write!(f, "no such file"),
            InputError::IsDirectory => write!(f, "is a directory, not a file"),
            InputError::Unreadable(why) => write!(f, "cannot read: {why}"),
            InputError::TooLarge { size, limit } => {
                write!(f, "file is too large ({size} bytes; the limit is {limit}, see --max-file-size)")
            }
            InputError::Empty => write!(f, "file is empty (no text to lint)"),
            InputError::Binary { offset } => write!(f, "binary file (NUL byte at offset {offset}), not text"),
            InputError::Utf16 => write!(f, "file is UTF-16; newslint reads UTF-8 (convert it with iconv)"),
            InputError::InvalidUtf8 { offset } => write!(f, "not valid UTF-8 (invalid byte at offset {offset})"),
        }
    }
}

impl std::error::Error for InputError {}

/// Reads `path` as UTF-8 text.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<String, InputError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::Missing,
        _ => InputError::Unreadable(e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(InputError::IsDirectory);
    }
    if meta.len() > max_bytes {
        return Err(InputError::TooLarge { size: meta.len(), limit: max_bytes });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = std::fs::File::open(path).map_err(|e| InputError::Unreadable(e.to_string()))?;
    // Read one byte past the limit so a file that grew since `metadata` is still caught
    // (saturating: `--max-file-size 18446744073709551615` must not overflow to 0).
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(InputError::TooLarge { size: bytes.len() as u64, limit: max_bytes });
    }
    decode(bytes)
}

/// Reads all of `reader` (stdin) as UTF-8 text.
pub fn read_stream(reader: impl Read, max_bytes: u64) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(InputError::TooLarge { size: bytes.len() as u64, limit: max_bytes });
    }
    decode(bytes)
}

/// Checks bytes are UTF-8 text worth linting.
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(InputError::Binary { offset });
    }
    let text =
        String::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 { offset: e.utf8_error().valid_up_to() })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(text)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"".to_vec()), Err(InputError::Empty));
        assert_eq!(decode(b" \n\t".to_vec()), Err(InputError::Empty));
        assert_eq!(decode(b"ab\0c".to_vec()), Err(InputError::Binary { offset: 2 }));
        assert_eq!(decode(b"ok \xff".to_vec()), Err(InputError::InvalidUtf8 { offset: 3 }));
        assert_eq!(decode(b"\xff\xfea\0".to_vec()), Err(InputError::Utf16));
        assert_eq!(decode("\u{feff}Fine.".as_bytes().to_vec()).unwrap(), "\u{feff}Fine.");
    }

    #[test]
    fn the_largest_limit_does_not_overflow() {
        assert_eq!(read_stream(&b"Fine."[..], u64::MAX).unwrap(), "Fine.");
        assert_eq!(read_stream(&b"Fine."[..], 4), Err(InputError::TooLarge { size: 5, limit: 4 }));
    }
}
