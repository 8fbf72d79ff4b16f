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
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// A stream (stdin, a FIFO, a device) or a growing file ran past the limit; its size is
    /// not known, only that it is larger.
    LongerThan {
        limit: u64,
    },
    Empty,
    Binary {
        offset: usize,
    },
    Utf16,
    InvalidUtf8 {
        offset: usize,
    },
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
            InputError::LongerThan { limit } => {
                write!(f, "input is too large (more than {limit} bytes, the limit; see --max-file-size)")
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
    decode(read_bytes(path, max_bytes)?)
}

/// Reads at most `max_bytes` of `path`, refusing a larger file by its size before reading
/// it (a 1 GB file costs a `stat`), and a stream that runs past the limit (a FIFO, a
/// device such as /dev/zero) after `max_bytes + 1` bytes.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, InputError> {
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
    let file = std::fs::File::open(path).map_err(|e| InputError::Unreadable(e.to_string()))?;
    read_capped(file, meta.len() as usize, max_bytes)
}

/// Reads all of `reader` (stdin) as UTF-8 text.
pub fn read_stream(reader: impl Read, max_bytes: u64) -> Result<String, InputError> {
    decode(read_capped(reader, 0, max_bytes)?)
}

fn read_capped(reader: impl Read, expected: usize, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::with_capacity(expected);
    // Read one byte past the limit so a stream or a file that grew since `metadata` is
    // still caught (saturating: `--max-file-size 18446744073709551615` must not wrap to 0).
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(InputError::LongerThan { limit: max_bytes });
    }
    Ok(bytes)
}

/// Checks bytes are UTF-8 text worth linting.
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    let text = decode_text(bytes)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(text)
}

/// Checks bytes are UTF-8 text (not UTF-16, no NUL), empty or not.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(InputError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 { offset: e.utf8_error().valid_up_to() })
}

/// The first NUL byte: `memchr`, many bytes at a time (a byte loop was 5 instructions a
/// byte, on every byte read).
fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
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
        assert_eq!(read_stream(&b"Fine."[..], 4), Err(InputError::LongerThan { limit: 4 }));
    }
}
