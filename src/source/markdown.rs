//! Markdown: what is prose, decided by a CommonMark parser (pulldown-cmark, with GFM
//! tables, footnotes, strikethrough and task lists). Prose is the text of paragraphs,
//! headings, list items, block quotes, table cells, link text and image alt text; code
//! (fenced, indented, inline), HTML (blocks, inline, comments), link destinations and the
//! markup characters themselves are not.
//!
//! Front matter (`---` YAML or `+++` TOML at the very start) is metadata, except the
//! fields readers see as prose: title, description, summary, excerpt, subtitle, dek,
//! caption, lede, teaser, abstract. Their values stay visible (quotes excluded), so a spun
//! phrase in a title is caught — and each sits on its own line, as a paragraph of its own.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Front-matter keys whose values are prose.
const PROSE_FIELDS: &[&str] =
    &["title", "description", "summary", "excerpt", "subtitle", "dek", "caption", "lede", "teaser", "abstract"];

/// Sorted, non-overlapping byte ranges of `text` that are prose.
pub(super) fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let (mut keep, body_start) = front_matter(text);
    let body = &text[body_start..];
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut in_code_block = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block += 1,
            Event::End(TagEnd::CodeBlock) => in_code_block = in_code_block.saturating_sub(1),
            Event::Text(_) if in_code_block == 0 => keep.push(body_start + range.start..body_start + range.end),
            _ => {}
        }
    }
    keep.sort_by_key(|r| r.start);
    keep
}

/// Where the front matter ends (0 when there is none).
pub(super) fn front_matter_end(text: &str) -> usize {
    front_matter(text).1
}

/// The prose values of a front-matter block, and where the Markdown body starts.
fn front_matter(text: &str) -> (Vec<Range<usize>>, usize) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let fence = if rest.starts_with("---") {
        "---"
    } else if rest.starts_with("+++") {
        "+++"
    } else {
        return (Vec::new(), 0);
    };
    let mut lines = LineIter::new(text, start);
    match lines.next() {
        Some(first) if text[first.clone()].trim_end() == fence => {}
        _ => return (Vec::new(), 0),
    }
    let toml = fence == "+++";
    let mut keep = Vec::new();
    // A YAML block scalar (`key: >`) or TOML multi-line string in a prose field.
    let mut continuing: Option<Continuation> = None;
    for line in lines {
        let content = &text[line.clone()];
        if content.trim_end() == fence {
            return (keep, line.end + line_break_len(text, line.end));
        }
        if let Some(cont) = &continuing {
            let ends_toml = cont.toml_delimiter.is_some_and(|d| content.contains(d));
            let indented = content.starts_with(' ') || content.starts_with('\t') || content.trim().is_empty();
            if cont.toml_delimiter.is_some() || indented {
                let end_in_line = match cont.toml_delimiter {
                    Some(d) if ends_toml => content.find(d).unwrap_or(content.len()),
                    _ => content.len(),
                };
                push_trimmed(&mut keep, text, line.start, line.start + end_in_line);
                if cont.toml_delimiter.is_none() || !ends_toml {
                    continue;
                }
                continuing = None;
                continue;
            }
            continuing = None;
        }
        let Some((key, value_start)) = field(content, toml) else { continue };
        if !PROSE_FIELDS.contains(&key.to_ascii_lowercase().as_str()) {
            continue;
        }
        let value = content[value_start..].trim_end();
        let value_offset = line.start + value_start;
        if !toml && matches!(value.trim(), ">" | "|" | ">-" | "|-" | ">+" | "|+") {
            continuing = Some(Continuation { toml_delimiter: None });
        } else if toml && (value.starts_with("\"\"\"") || value.starts_with("'''")) {
            let delimiter = if value.starts_with("\"\"\"") { "\"\"\"" } else { "'''" };
            let inner = &value[3..];
            match inner.find(delimiter) {
                Some(end) => push_trimmed(&mut keep, text, value_offset + 3, value_offset + 3 + end),
                None => {
                    push_trimmed(&mut keep, text, value_offset + 3, value_offset + value.len());
                    continuing = Some(Continuation { toml_delimiter: Some(delimiter) });
                }
            }
        } else {
            let (a, b) = unquote(value);
            push_trimmed(&mut keep, text, value_offset + a, value_offset + b);
        }
    }
    // No closing fence: not front matter after all; the whole file is Markdown.
    (Vec::new(), 0)
}

struct Continuation {
    toml_delimiter: Option<&'static str>,
}

/// `key: value` (YAML) or `key = value` (TOML): the key and where the value starts.
fn field(line: &str, toml: bool) -> Option<(&str, usize)> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None; // nested, comment, or list item
    }
    let sep = if toml { '=' } else { ':' };
    let at = line.find(sep)?;
    let key = line[..at].trim().trim_matches(['"', '\'']);
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let after = &line[at + 1..];
    let value_start = at + 1 + (after.len() - after.trim_start().len());
    Some((key, value_start))
}

/// The value without its surrounding quotes, as a range within `value`.
fn unquote(value: &str) -> (usize, usize) {
    let v = value.trim_end();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return (1, v.len() - 1);
        }
    }
    (0, v.len())
}

fn push_trimmed(keep: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let a = start + (s.len() - s.trim_start().len());
    let b = start + s.trim_end().len();
    if a < b {
        keep.push(a..b);
    }
}

fn line_break_len(text: &str, at: usize) -> usize {
    if text[at..].starts_with("\r\n") { 2 } else { usize::from(text[at..].starts_with('\n')) }
}

/// Lines as byte ranges without their terminators.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        LineIter { text, pos }
    }
}

impl Iterator for LineIter<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        self.pos = end + 1;
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        prose_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn prose_fields_of_yaml_front_matter_are_kept() {
        let md = "---\ntitle: \"Port strike enters week two\"\ndate: 2025-06-02\ntags: [ports]\ndescription: >\n  Dockworkers stayed off\n  the job.\n---\nBody text.\n";
        assert_eq!(kept(md), ["Port strike enters week two", "Dockworkers stayed off", "the job.", "Body text."]);
    }

    #[test]
    fn prose_fields_of_toml_front_matter_are_kept() {
        let md = "+++\ntitle = 'Harbor news'\ndraft = true\nsummary = \"\"\"\nA long\nsummary.\"\"\"\n+++\n# Heading\n";
        assert_eq!(kept(md), ["Harbor news", "A long", "summary.", "Heading"]);
    }

    #[test]
    fn code_html_and_link_targets_are_not_prose() {
        let md = "Read [the report](https://x.org/{id}) now.\n\n```\n{slot}\n```\n\n    indented {code}\n\nInline `{{user}}` and <span>tag</span>.\n\n<!-- newslint-disable -->\n";
        let k = kept(md).join("|");
        assert!(k.contains("the report") && k.contains("Read ") && k.contains(" now."), "{k}");
        assert!(
            !k.contains("{id}") && !k.contains("{slot}") && !k.contains("{code}") && !k.contains("{{user}}"),
            "{k}"
        );
        assert!(!k.contains("span") && !k.contains("newslint-disable"), "{k}");
    }

    #[test]
    fn tables_lists_and_quotes_keep_their_text() {
        let md = "| Team | Goals |\n|---|---|\n| Harbor | 12 |\n\n- first item\n- second item\n\n> quoted line\n";
        let k = kept(md);
        for s in ["Team", "Goals", "Harbor", "12", "first item", "second item", "quoted line"] {
            assert!(k.contains(&s), "{s} missing from {k:?}");
        }
    }

    #[test]
    fn unterminated_front_matter_is_markdown() {
        assert_eq!(kept("---\ntitle: x\nno closing fence"), ["title: x", "no closing fence"]);
    }
}
