//! Source formats. newslint lints prose; Markdown and HTML files also hold markup, code,
//! URLs and metadata that are not prose. Rather than extract text and map offsets back,
//! the non-prose bytes are *masked*: replaced by spaces (line breaks kept), so the prose
//! view has exactly the byte length and line structure of the file and every span found
//! in it is already a span into the original.

use std::borrow::Cow;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

/// What kind of document a file holds, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Text,
    Markdown,
    Html,
}

impl SourceKind {
    pub fn from_path(path: &Path) -> SourceKind {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown" | "mdx") => SourceKind::Markdown,
            Some("html" | "htm" | "xhtml") => SourceKind::Html,
            _ => SourceKind::Text,
        }
    }
}

/// Extensions picked up when walking a directory.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:https?://|www\.)[^\s<>()\[\]]+").unwrap());
static FRONT_MATTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:\u{feff})?(?:---\r?\n(?s:.*?)\r?\n---|\+\+\+\r?\n(?s:.*?)\r?\n\+\+\+)[ \t]*(?:\r?\n|\z)").unwrap()
});
static FENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^ {0,3}(```+|~~~+)").unwrap());
static INLINE_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`\n]+`").unwrap());
static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\([^)\n]*\)|(?m)^ {0,3}\[[^\]\n]+\]:.*$").unwrap());
static HTML_COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").unwrap());
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>"']*(?:"[^"]*"|'[^']*')?)*\s*/?>"#).unwrap());
static HTML_HIDDEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<(script|style|noscript|template|svg|head)\b.*?</(?:script|style|noscript|template|svg|head)\s*>")
        .unwrap()
});

/// The prose view of `text`: same length, non-prose bytes replaced by spaces.
pub fn prose_view(text: &str, kind: SourceKind) -> Cow<'_, str> {
    let mut masked: Option<Vec<u8>> = None;
    let mut mask = |start: usize, end: usize| {
        let bytes = masked.get_or_insert_with(|| text.as_bytes().to_vec());
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    match kind {
        SourceKind::Text => {}
        SourceKind::Markdown => {
            if let Some(m) = FRONT_MATTER.find(text) {
                mask(m.start(), m.end());
            }
            for (start, end) in fenced_blocks(text) {
                mask(start, end);
            }
            for re in [&*HTML_COMMENT, &*INLINE_CODE, &*LINK_TARGET, &*HTML_TAG] {
                for m in re.find_iter(text) {
                    mask(m.start(), m.end());
                }
            }
        }
        SourceKind::Html => {
            for re in [&*HTML_HIDDEN, &*HTML_COMMENT, &*HTML_TAG] {
                for m in re.find_iter(text) {
                    mask(m.start(), m.end());
                }
            }
        }
    }
    for m in URL.find_iter(text) {
        mask(m.start(), m.end());
    }
    match masked {
        // Only ASCII spaces were written over whole characters' bytes, and line breaks
        // were kept, so the result is valid UTF-8; the fallback never runs.
        Some(bytes) => {
            Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        }
        None => Cow::Borrowed(text),
    }
}

/// Byte ranges of fenced code blocks, fences included; an unclosed fence runs to the end.
fn fenced_blocks(text: &str) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for m in FENCE.captures_iter(text) {
        let whole = m.get(0).unwrap();
        let fence = m.get(1).unwrap().as_str();
        match open {
            None => open = Some((whole.start(), fence)),
            Some((start, opener)) if fence.starts_with(&opener[..3]) && fence.len() >= opener.len() => {
                let line_end = text[whole.end()..].find('\n').map_or(text.len(), |i| whole.end() + i);
                blocks.push((start, line_end));
                open = None;
            }
            Some(_) => {}
        }
    }
    if let Some((start, _)) = open {
        blocks.push((start, text.len()));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_length_and_lines() {
        let md =
            "---\ntitle: X\n---\n# Head\n\nSee `{{user}}` and [a](http://x.org/{id}).\n\n```\n{slot}\n```\nAfter ü.\n";
        let view = prose_view(md, SourceKind::Markdown);
        assert_eq!(view.len(), md.len());
        assert_eq!(view.matches('\n').count(), md.matches('\n').count());
        assert!(
            !view.contains("{{user}}") && !view.contains("{id}") && !view.contains("{slot}") && !view.contains("title")
        );
        assert!(view.contains("# Head") && view.contains("After ü."));
    }

    #[test]
    fn html_hides_scripts_and_tags() {
        let html = "<html><head><title>T</title><script>var x = \"{dollars}\";</script></head>\n<body><p>Hello <b>there</b>.</p><!-- {{t}} --></body></html>";
        let view = prose_view(html, SourceKind::Html);
        assert_eq!(view.len(), html.len());
        assert!(!view.contains("{dollars}") && !view.contains("<p>") && !view.contains("{{t}}"));
        assert!(view.contains("Hello") && view.contains("there"));
    }
}
