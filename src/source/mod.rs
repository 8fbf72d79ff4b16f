//! Source formats. newslint lints prose; Markdown and HTML files also hold markup, code,
//! URLs and metadata that are not prose. Rather than extract text and map offsets back,
//! the non-prose bytes are *masked*: replaced by spaces (line breaks kept), so the prose
//! view has exactly the byte length and line structure of the file and every span found
//! in it is already a span into the original.
//!
//! - Markdown (`markdown.rs`): pulldown-cmark decides what is prose — the text of
//!   paragraphs, headings, list items, block quotes and table cells; code, HTML, link
//!   targets and markup characters are masked — and front-matter fields that are prose
//!   (title, description, summary, excerpt) stay visible.
//! - HTML (`html.rs`): the visible text; tags, comments, scripts, styles and hidden
//!   elements are masked.
//! - Plain text: only bare URLs are masked.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

mod html;
mod markdown;

pub use html::{HtmlRegion, html_regions};

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

/// The prose view of `text`: same length, non-prose bytes replaced by spaces.
pub fn prose_view(text: &str, kind: SourceKind) -> Cow<'_, str> {
    let mut breaks = Vec::new();
    let mut hidden: Vec<Range<usize>> = match kind {
        SourceKind::Text => Vec::new(),
        SourceKind::Markdown => complement(&markdown::prose_ranges(text), text.len()),
        SourceKind::Html => {
            let masking = html::masking(text);
            breaks = masking.breaks;
            masking.hidden
        }
    };
    // Every URL holds one of these; the regex compiles (1 M instructions and 150 page
    // faults, a sixth of start-up on a short article) only for a text that has one. Both
    // are looked for in one scan: two scans of a long text without a URL were 2% of its run.
    const URL_STARTS: [&str; 2] = ["http", "www."];
    static URL_START: LazyLock<Option<aho_corasick::packed::Searcher>> =
        LazyLock::new(|| aho_corasick::packed::Config::new().builder().extend(URL_STARTS).build());
    let may_hold_url = match &*URL_START {
        Some(searcher) => searcher.find(text).is_some(),
        None => URL_STARTS.iter().any(|l| memchr::memmem::find(text.as_bytes(), l.as_bytes()).is_some()),
    };
    if may_hold_url {
        hidden.extend(URL.find_iter(text).map(|m| m.range()));
    }
    if hidden.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for range in hidden {
        for b in &mut bytes[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Minified HTML: a masked block-level tag between two runs of text on one line becomes
    // a line break, so line-based rules see the page's lines. One ASCII byte for another.
    html::break_lines(&mut bytes, &breaks);
    // Ranges lie on character boundaries and only ASCII spaces were written, so this is
    // valid UTF-8; the lossy fallback only guards the invariant.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Where a document's metadata (Markdown front matter) ends; 0 when it has none. Rules that
/// compare passages skip it: a description that repeats the lede is its job, not a defect.
pub fn metadata_end(text: &str, kind: SourceKind) -> usize {
    match kind {
        SourceKind::Markdown => markdown::front_matter_end(text),
        _ => 0,
    }
}

/// The parts of `0..len` not covered by `keep` (which must be sorted).
fn complement(keep: &[Range<usize>], len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for r in keep {
        if r.start > pos {
            out.push(pos..r.start);
        }
        pos = pos.max(r.end);
    }
    if pos < len {
        out.push(pos..len);
    }
    out
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
        assert!(!view.contains("{{user}}") && !view.contains("{id}") && !view.contains("{slot}"));
        assert!(view.contains("Head") && view.contains("After ü.") && view.contains(" X"));
        assert!(!view.contains("title:"), "front-matter keys are not prose");
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
