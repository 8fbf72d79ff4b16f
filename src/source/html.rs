//! HTML: the visible text, and the elements that are page furniture by their markup.
//!
//! # Visible text
//!
//! A small tokenizer walks the markup (tags, comments, doctype) and keeps a stack of open
//! elements, so that an element can be masked whole, start tag to matching end tag.
//! Masked are:
//!
//! - every tag, comment, doctype and processing instruction;
//! - `<head>`, `script`, `style`, `noscript`, `template`, `svg`, `iframe`, `object` (and
//!   `title` and `textarea`, which are raw text like scripts), content included;
//! - hidden elements, content included: the `hidden` attribute, `aria-hidden="true"`, or an
//!   inline style with `display:none` or `visibility:hidden` (not on `<html>` or `<body>`,
//!   which pages hide until a script has run).
//!
//! Nothing is decoded: `&amp;` stays five bytes of text, so masking is all there is.
//!
//! The tokenizer takes real-world HTML as a browser would, without building a tree:
//!
//! - void elements (`br`, `img`, `hr`, `input`, `meta`, `link`, `source`, `wbr`, …) and
//!   self-closing `/>` open nothing;
//! - a `<p>` ends at the next block element, an `<li>` at the next `<li>` of its list (and
//!   `dt`/`dd`, `td`/`th`, `tr`, `option` likewise);
//! - an end tag closes the nearest open element of its name and everything opened after it;
//!   an end tag with nothing to close is ignored, as are `</body>` and `</html>`;
//! - tag and attribute names are case-insensitive; quoted attribute values may hold `>`;
//! - raw-text elements (`script`, `style`, `noscript`, `iframe`, `title`, `textarea`) end at
//!   their own end tag only, whatever `"</div>"` strings their code holds;
//! - a tag, comment or raw-text element that never ends runs to the end of the file;
//! - `<head>` ends at the first element that cannot be in it, even without `</head>`.
//!
//! It does not build a DOM: misnested inline tags (`<b><i></b></i>`), table foster
//! parenting, `<a>` inside `<a>` and the other repairs of the HTML parsing algorithm are not
//! made. None of them changes which text is visible, only its tree.
//!
//! It is linear in the input: every byte is read a bounded number of times, an end tag finds
//! its element through a count of open elements by name (a stray end tag costs nothing),
//! and the implicit ends of `<li>`, `<td>` and the like look at most [`SIBLING_WALK`]
//! elements down the stack.
//!
//! # Line breaks
//!
//! Scraped pages are often minified: a whole article on one physical line, which the
//! line-based rules would see as one giant line. [`break_lines`] therefore writes a `\n`
//! over the masked `>` of a block-level start or end tag (`p`, `div`, `li`, `h1`–`h6`,
//! `td`, `section`, `nav`, …) or of a `<br>`, where visible text stands on the same line
//! both before and after it. Replacing one ASCII byte of masked markup with another keeps
//! the length and every character boundary, so spans still need no mapping; and a page
//! already written one block per line gains no line (nor any blank line).
//!
//! # Furniture regions
//!
//! [`html_regions`] finds the elements that are furniture by their markup: `<nav>`,
//! `<aside>`, `<footer>`, `<form>`, a `<header>` outside `<article>`/`<main>`, landmark
//! roles (`navigation`, `banner`, `contentinfo`, `complementary`), and elements whose class
//! or id names furniture (`related-stories`, `cookie_banner`). An element that holds the
//! page's story (every `<main>`, and the `<article>` with the most visible text; failing
//! both, the first `<h1>`) is never furniture, whatever its class says; nor is an element
//! inside the story with half its text (`<div class="story-body sharing-enabled">`); nor a
//! `<header>` that holds an `<h1>` (the story's headline, above an `<article>` that holds
//! only the body).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their own end tag; none is shown as prose.
const RAW_TEXT: &[&str] = &["script", "style", "noscript", "iframe", "title", "textarea", "xmp", "noembed", "noframes"];

/// Elements never shown as prose, content included, whose content is markup.
const MASKED: &[&str] = &["head", "template", "svg", "object"];

/// What may stand in `<head>`; any other element ends it.
const HEAD_CONTENT: &[&str] =
    &["base", "basefont", "bgsound", "link", "meta", "noscript", "script", "style", "template", "title"];

/// Elements that separate lines of text ([`break_lines`]).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Start tags that end an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Elements that are furniture by their tag alone (and `header`, outside the story).
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "form"];

/// Landmark roles of page furniture.
const FURNITURE_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary"];

/// How far down the stack an implicit end (`<li>` ending the previous `<li>`) looks.
/// Real pages need a few levels; the bound keeps hostile nesting linear.
const SIBLING_WALK: usize = 32;

/// What the prose view of an HTML document needs.
pub(super) struct Masking {
    /// Byte ranges that are not visible prose, sorted and disjoint.
    pub hidden: Vec<Range<usize>>,
    /// Positions (sorted) of the masked `>` of block-level tags: where [`break_lines`] may
    /// write a line break.
    pub breaks: Vec<usize>,
}

/// Masks the markup of `text` and finds where lines may be broken.
pub(super) fn masking(text: &str) -> Masking {
    let walk = Walk::run(text, &[]);
    Masking { hidden: walk.hidden, breaks: walk.breaks }
}

/// Writes `\n` over the masked byte at a position of `breaks` when visible text stands on
/// its line both before and after it (see the module docs). `view` is the masked document;
/// a position that does not hold a masked space is left alone.
pub(super) fn break_lines(view: &mut [u8], breaks: &[usize]) {
    let mut breaks = breaks.iter().copied().peekable();
    let mut line_has_text = false;
    // The first break after the text on this line, written once text follows it.
    let mut pending: Option<usize> = None;
    for i in 0..view.len() {
        match view[i] {
            b'\n' | b'\r' => {
                line_has_text = false;
                pending = None;
            }
            b' ' | b'\t' | b'\x0c' => {}
            _ => {
                if let Some(p) = pending.take() {
                    view[p] = b'\n';
                }
                line_has_text = true;
            }
        }
        while let Some(b) = breaks.next_if(|&b| b <= i) {
            if b == i && line_has_text && pending.is_none() && view[i] == b' ' {
                pending = Some(i);
            }
        }
    }
}

/// An element whose markup says it is page furniture (nav, footer, a "related" box).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlRegion {
    /// The element, start tag to end tag (or to where it was implicitly closed).
    pub range: Range<usize>,
    /// Its tag name, lowercase.
    pub tag: String,
    /// The attribute that makes it furniture and the value that matched:
    /// `("class", "related-stories")`, `("role", "navigation")`. `None` when the tag
    /// alone does (`<nav>`).
    pub attribute: Option<(&'static str, String)>,
}

/// Elements that are furniture by their markup, outermost only, in document order, each
/// with some visible text. `words` are the class and id words that name furniture
/// (`related`, `comment-form`): a class or id matches when one of its whitespace-separated
/// tokens holds the word's hyphen- or underscore-separated parts in a row, in any case
/// (`related` matches `related-stories` and `story_related`, not `unrelated`).
pub fn html_regions(text: &str, words: &[String]) -> Vec<HtmlRegion> {
    let words: Vec<Vec<&str>> =
        words.iter().map(|w| w.split(['-', '_']).filter(|p| !p.is_empty()).collect::<Vec<_>>()).collect();
    let walk = Walk::run(text, &words);
    // Element ranges nest (an element closes with or before its parent), so an element
    // holds another exactly when the other starts inside it: sorted starts and a binary
    // search answer that.
    let starts = |kind: AnchorKind| -> Vec<usize> {
        walk.anchors.iter().filter(|a| a.kind == kind && a.visible > 0).map(|a| a.range.start).collect()
    };
    let holds = |starts: &[usize], c: &Candidate| {
        starts.get(starts.partition_point(|&s| s < c.range.start)).is_some_and(|&s| s < c.range.end)
    };
    let longest_article = walk
        .anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Article)
        .reduce(|a, b| if b.visible > a.visible { b } else { a });
    let mut story = starts(AnchorKind::Main);
    story.extend(longest_article.map(|a| a.range.start));
    story.sort_unstable();
    let headings = starts(AnchorKind::H1);
    if story.is_empty() {
        story.extend(headings.first());
    }
    let largest_main = walk
        .anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Main)
        .reduce(|a, b| if b.visible > a.visible { b } else { a });
    let body = longest_article.or(largest_main);
    let holds_story = |c: &Candidate| match body {
        // Inside the story, an element with half its text is its body, whatever its class
        // says (`story-body sharing-enabled`).
        Some(b) if b.range.start <= c.range.start && c.range.end <= b.range.end => c.visible * 2 >= b.visible,
        _ if story.is_empty() => {
            // No landmark at all: an element with most of the page's text is the page.
            c.visible * 2 >= walk.visible
        }
        _ => holds(&story, c),
    };
    // A `<header>` with the page's headline in it is the story's header, inside
    // `<article>` or not.
    let story_header = |c: &Candidate| c.tag == "header" && c.attribute.is_none() && holds(&headings, c);
    let mut regions = Vec::new();
    let mut covered = 0;
    for c in walk.candidates {
        if c.range.start < covered || c.visible == 0 || holds_story(&c) || story_header(&c) {
            continue;
        }
        covered = c.range.end;
        regions.push(HtmlRegion { range: c.range, tag: c.tag, attribute: c.attribute });
    }
    regions
}

/// One tag as the tokenizer reads it.
struct Tag<'a> {
    range: Range<usize>,
    /// Lowercase.
    name: Cow<'a, str>,
    end: bool,
    self_closing: bool,
    attrs: Attrs<'a>,
}

/// The attributes this module cares about; the first of each name counts, as in browsers.
#[derive(Default)]
struct Attrs<'a> {
    hidden: bool,
    aria_hidden: Option<&'a str>,
    style: Option<&'a str>,
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn set(&mut self, name: &str, value: Option<&'a str>) {
        if name.eq_ignore_ascii_case("hidden") {
            self.hidden = true;
            return;
        }
        let slots = [
            ("aria-hidden", &mut self.aria_hidden),
            ("style", &mut self.style),
            ("class", &mut self.class),
            ("id", &mut self.id),
            ("role", &mut self.role),
        ];
        if let Some((_, slot)) = slots.into_iter().find(|(n, _)| name.eq_ignore_ascii_case(n)) {
            slot.get_or_insert(value.unwrap_or(""));
        }
    }

    /// Whether the element is not rendered (or hidden from readers).
    fn hides(&self) -> bool {
        let style = self.style.is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        });
        self.hidden || style || self.aria_hidden.is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    fn has_role(&self, roles: &[&str]) -> Option<&'a str> {
        self.role?.split_ascii_whitespace().find(|r| roles.iter().any(|x| r.eq_ignore_ascii_case(x)))
    }
}

enum Token<'a> {
    Text(Range<usize>),
    Tag(Tag<'a>),
    /// A comment, doctype, processing instruction, or a tag cut off by the end of the file.
    Markup(Range<usize>),
}

struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
}

/// Whether the `<` at `i` opens markup; a `<` before a space or digit is text.
fn opens_markup(bytes: &[u8], i: usize) -> bool {
    bytes.get(i + 1).is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(s.to_ascii_lowercase()) } else { Cow::Borrowed(s) }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let (text, bytes, start) = (self.text, self.text.as_bytes(), self.pos);
        if start >= bytes.len() {
            return None;
        }
        if bytes[start] == b'<' && opens_markup(bytes, start) {
            return Some(self.markup(start));
        }
        // Text runs to the next `<` that opens markup. Every `<` is ASCII, so each search
        // starts on a character boundary.
        let mut from = if bytes[start] == b'<' { start + 1 } else { start };
        let end = loop {
            match text[from..].find('<') {
                Some(k) if opens_markup(bytes, from + k) => break from + k,
                Some(k) => from += k + 1,
                None => break bytes.len(),
            }
        };
        self.pos = end;
        Some(Token::Text(start..end))
    }
}

impl<'a> Tokenizer<'a> {
    /// The markup that starts with the `<` at `start`.
    fn markup(&mut self, start: usize) -> Token<'a> {
        let (rest, n) = (&self.text[start..], self.text.len());
        let second = rest.as_bytes()[1];
        let end = if let Some(body) = rest.strip_prefix("<!--") {
            if body.starts_with('>') {
                start + 5
            } else if body.starts_with("->") {
                start + 6
            } else {
                body.find("-->").map_or(n, |k| start + 4 + k + 3)
            }
        } else if second.is_ascii_alphabetic()
            || (second == b'/' && rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic))
        {
            return self.tag(start);
        } else {
            // `<!DOCTYPE …>`, `<?xml …?>`, `</ …>`: up to the next `>`.
            rest[2..].find('>').map_or(n, |k| start + 2 + k + 1)
        };
        self.pos = end;
        Token::Markup(start..end)
    }

    /// A start or end tag at `start`. A tag the file ends inside of runs to the end.
    fn tag(&mut self, start: usize) -> Token<'a> {
        let (text, bytes, n) = (self.text, self.text.as_bytes(), self.text.len());
        let cut_off = |this: &mut Self| {
            this.pos = n;
            Token::Markup(start..n)
        };
        let end = bytes[start + 1] == b'/';
        let mut i = start + if end { 2 } else { 1 };
        let name_start = i;
        while i < n && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>') {
            i += 1;
        }
        let name = lowercase(&text[name_start..i]);
        let mut attrs = Attrs::default();
        let mut slash = false;
        loop {
            let Some(&b) = bytes.get(i) else { return cut_off(self) };
            if b == b'>' {
                i += 1;
                break;
            }
            if b == b'/' || is_space(b) {
                slash = b == b'/';
                i += 1;
                continue;
            }
            slash = false;
            // An attribute name (a leading `=` is part of it, as in browsers).
            let name_at = i;
            i += 1;
            while i < n && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let attr = &text[name_at..i];
            while i < n && is_space(bytes[i]) {
                i += 1;
            }
            let mut value = None;
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < n && is_space(bytes[i]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(k) = text[i + 1..].find(q as char) else { return cut_off(self) };
                        value = Some(&text[i + 1..i + 1 + k]);
                        i += k + 2;
                    }
                    _ => {
                        let v = i;
                        while i < n && !is_space(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = Some(&text[v..i]);
                    }
                }
            }
            attrs.set(attr, value);
        }
        self.pos = i;
        Token::Tag(Tag { range: start..i, name, end, self_closing: slash, attrs })
    }

    /// Skips the content of a raw-text element (`script`) to its end tag, and returns where
    /// that end tag starts (or the end of the text).
    fn skip_raw_text(&mut self, name: &str) -> usize {
        let bytes = self.text.as_bytes();
        let mut from = self.pos;
        while let Some(k) = self.text[from..].find("</") {
            let at = from + k;
            let after = at + 2 + name.len();
            let named = bytes.get(at + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            if named && bytes.get(after).is_none_or(|&b| is_space(b) || matches!(b, b'/' | b'>')) {
                self.pos = at;
                return at;
            }
            from = at + 2;
        }
        self.pos = bytes.len();
        bytes.len()
    }
}

/// An element on the stack of open elements.
struct Open<'a> {
    name: Cow<'a, str>,
    /// An `<article>` or `<main>` (or their roles).
    story: bool,
    /// Index into `Walk::candidates` / `Walk::anchors`.
    candidate: Option<usize>,
    anchor: Option<usize>,
    /// `Walk::visible` when the element opened.
    visible_at: usize,
}

/// An element that may be furniture, before the story and nesting are known.
struct Candidate {
    range: Range<usize>,
    /// Bytes of visible, non-space text inside.
    visible: usize,
    tag: String,
    attribute: Option<(&'static str, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AnchorKind {
    Main,
    Article,
    H1,
}

/// An element that may hold the page's story.
struct Anchor {
    range: Range<usize>,
    visible: usize,
    kind: AnchorKind,
}

/// One pass over a document: masking, line-break positions, candidates and anchors.
struct Walk<'a, 'w> {
    words: &'w [Vec<&'w str>],
    stack: Vec<Open<'a>>,
    /// How many elements of each name are open.
    open: HashMap<Cow<'a, str>, usize>,
    open_story: usize,
    /// The outermost open masked element: its stack index and where it starts.
    masked_from: Option<(usize, usize)>,
    hidden: Vec<Range<usize>>,
    breaks: Vec<usize>,
    /// Bytes of visible, non-space text so far.
    visible: usize,
    candidates: Vec<Candidate>,
    anchors: Vec<Anchor>,
}

impl<'a, 'w> Walk<'a, 'w> {
    fn run(text: &'a str, words: &'w [Vec<&'w str>]) -> Self {
        let mut walk = Walk {
            words,
            stack: Vec::new(),
            open: HashMap::new(),
            open_story: 0,
            masked_from: None,
            hidden: Vec::new(),
            breaks: Vec::new(),
            visible: 0,
            candidates: Vec::new(),
            anchors: Vec::new(),
        };
        let mut tokens = Tokenizer { text, pos: 0 };
        while let Some(token) = tokens.next() {
            match token {
                Token::Text(range) => walk.text(range, text.as_bytes()),
                Token::Markup(range) => walk.mask(range),
                Token::Tag(tag) if tag.end => walk.end_tag(tag),
                Token::Tag(tag) => walk.start_tag(tag, &mut tokens),
            }
        }
        walk.close_to(0, text.len());
        walk
    }

    /// Masks `range`, unless a masked element around it will.
    fn mask(&mut self, range: Range<usize>) {
        if self.masked_from.is_some() || range.is_empty() {
            return;
        }
        match self.hidden.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => self.hidden.push(range),
        }
    }

    fn is_open(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    fn text(&mut self, range: Range<usize>, bytes: &[u8]) {
        let solid = bytes[range.clone()].iter().filter(|&&b| !is_space(b)).count();
        if solid > 0 && self.is_open("head") {
            self.close_named("head", range.start);
        }
        if self.masked_from.is_none() {
            self.visible += solid;
        }
    }

    fn start_tag(&mut self, tag: Tag<'a>, tokens: &mut Tokenizer<'a>) {
        let at = tag.range.start;
        let name: &str = &tag.name;
        if name != "head" && !HEAD_CONTENT.contains(&name) && self.is_open("head") {
            self.close_named("head", at);
        }
        match name {
            "li" => self.close_sibling(&["li"], &["ul", "ol", "menu"], at),
            "dt" | "dd" => self.close_sibling(&["dt", "dd"], &["dl"], at),
            "td" | "th" => self.close_sibling(&["td", "th"], &["tr", "table"], at),
            "tr" => self.close_sibling(&["tr"], &["table", "tbody", "thead", "tfoot"], at),
            "option" => self.close_sibling(&["option"], &["select", "datalist"], at),
            _ => {}
        }
        if CLOSES_P.contains(&name) {
            self.close_named("p", at);
        }
        if HEADINGS.contains(&name) && self.stack.last().is_some_and(|top| HEADINGS.contains(&&*top.name)) {
            self.pop(at);
        }
        self.mask(tag.range.clone());
        if BLOCK.contains(&name) {
            self.breaks.push(tag.range.end - 1);
        }
        let foreign = self.is_open("svg");
        if RAW_TEXT.contains(&name) && !(foreign && tag.self_closing) {
            let content_end = tokens.skip_raw_text(name);
            self.mask(tag.range.end..content_end);
            return;
        }
        if VOID.contains(&name) || tag.self_closing || name == "html" || name == "body" {
            return;
        }
        let role_story = tag.attrs.has_role(&["main", "article"]);
        let story = name == "article" || name == "main" || role_story.is_some();
        let anchor_kind = if name == "main" || role_story.is_some_and(|r| r.eq_ignore_ascii_case("main")) {
            Some(AnchorKind::Main)
        } else if story {
            Some(AnchorKind::Article)
        } else {
            (name == "h1").then_some(AnchorKind::H1)
        };
        let anchor = anchor_kind.map(|kind| {
            self.anchors.push(Anchor { range: at..at, visible: 0, kind });
            self.anchors.len() - 1
        });
        let candidate = self.furniture(&tag).map(|attribute| {
            self.candidates.push(Candidate { range: at..at, visible: 0, tag: name.to_string(), attribute });
            self.candidates.len() - 1
        });
        if self.masked_from.is_none() && (MASKED.contains(&name) || tag.attrs.hides()) {
            self.masked_from = Some((self.stack.len(), at));
        }
        *self.open.entry(tag.name.clone()).or_default() += 1;
        self.open_story += usize::from(story);
        self.stack.push(Open { name: tag.name, story, candidate, anchor, visible_at: self.visible });
    }

    /// Why an element is furniture: `Some(None)` for its tag, `Some(Some(attribute))`
    /// for an attribute; `None` when it is not.
    fn furniture(&self, tag: &Tag) -> Option<Option<(&'static str, String)>> {
        let name: &str = &tag.name;
        if FURNITURE_TAGS.contains(&name) || (name == "header" && self.open_story == 0) {
            return Some(None);
        }
        if let Some(role) = tag.attrs.has_role(FURNITURE_ROLES) {
            return Some(Some(("role", role.to_string())));
        }
        for (attr, value) in [("class", tag.attrs.class), ("id", tag.attrs.id)] {
            if let Some(token) = value.and_then(|v| self.furniture_token(v)) {
                return Some(Some((attr, token.to_string())));
            }
        }
        None
    }

    /// The token of a class or id value that holds a furniture word.
    fn furniture_token<'v>(&self, value: &'v str) -> Option<&'v str> {
        value.split_ascii_whitespace().find(|token| {
            let parts: Vec<&str> = token.split(['-', '_']).collect();
            self.words.iter().any(|word| {
                !word.is_empty()
                    && parts.windows(word.len()).any(|w| w.iter().zip(word).all(|(a, b)| a.eq_ignore_ascii_case(b)))
            })
        })
    }

    fn end_tag(&mut self, tag: Tag<'a>) {
        self.mask(tag.range.clone());
        let name: &str = &tag.name;
        if BLOCK.contains(&name) {
            self.breaks.push(tag.range.end - 1);
        }
        if name != "html" && name != "body" {
            self.close_named(name, tag.range.end);
        }
    }

    /// Closes the nearest open element named `name`, and everything opened after it.
    fn close_named(&mut self, name: &str, at: usize) {
        if !self.is_open(name) {
            return;
        }
        if let Some(k) = self.stack.iter().rposition(|e| e.name == name) {
            self.close_to(k, at);
        }
    }

    /// Closes the nearest open element named in `siblings` unless one named in
    /// `boundaries` (its list, its row) comes first: an `<li>` ends the previous `<li>`
    /// of its list, not the item a nested list sits in.
    fn close_sibling(&mut self, siblings: &[&str], boundaries: &[&str], at: usize) {
        for k in (0..self.stack.len()).rev().take(SIBLING_WALK) {
            let name: &str = &self.stack[k].name;
            if siblings.contains(&name) {
                self.close_to(k, at);
                return;
            }
            if boundaries.contains(&name) {
                return;
            }
        }
    }

    /// Pops the stack down to `len` elements; they end at `at`.
    fn close_to(&mut self, len: usize, at: usize) {
        while self.stack.len() > len {
            self.pop(at);
        }
    }

    fn pop(&mut self, at: usize) {
        let Some(el) = self.stack.pop() else { return };
        if let Some(n) = self.open.get_mut(&el.name) {
            *n -= 1;
        }
        self.open_story -= usize::from(el.story);
        let visible = self.visible - el.visible_at;
        if let Some(c) = el.candidate {
            self.candidates[c].range.end = at;
            self.candidates[c].visible = visible;
        }
        if let Some(a) = el.anchor {
            self.anchors[a].range.end = at;
            self.anchors[a].visible = visible;
        }
        if let Some((index, start)) = self.masked_from
            && index == self.stack.len()
        {
            self.masked_from = None;
            self.mask(start..at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose view as `prose_view` builds it: masked, then lines broken.
    fn view(html: &str) -> String {
        let m = masking(html);
        let mut bytes = html.as_bytes().to_vec();
        for r in &m.hidden {
            for b in &mut bytes[r.clone()] {
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
        }
        break_lines(&mut bytes, &m.breaks);
        let view = String::from_utf8(bytes).expect("masking keeps UTF-8");
        assert_eq!(view.len(), html.len());
        view
    }

    /// The visible words, one space between them.
    fn words(html: &str) -> String {
        view(html).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The visible lines, trimmed, blank ones dropped.
    fn lines(html: &str) -> Vec<String> {
        view(html)
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn default_words() -> Vec<String> {
        ["related", "share", "comment-form", "cookie", "footer", "ad-slot", "sidebar"].map(String::from).to_vec()
    }

    fn regions(html: &str) -> Vec<(String, &str)> {
        html_regions(html, &default_words())
            .into_iter()
            .map(|r| {
                let why = match &r.attribute {
                    None => format!("<{}>", r.tag),
                    Some((attr, value)) => format!("{attr}={value}"),
                };
                (why, &html[r.range])
            })
            .collect()
    }

    #[test]
    fn tags_comments_and_doctype_are_masked() {
        let html = "<!DOCTYPE html><?xml version=\"1.0\"?><P CLASS=\"x\">One <B>two</B><!-- three -->, four.</P></ >";
        assert_eq!(words(html), "One two , four.");
        assert_eq!(words("a < b and c<3 but </br> is a tag"), "a < b and c<3 but is a tag");
    }

    #[test]
    fn head_scripts_styles_and_friends_are_masked_with_their_content() {
        let html = "<html><head><title>Site title</title><meta charset=utf-8><style>p>b{}</style></head>\
            <body><p>Shown.</p><script>if (a</b) document.write(\"</div><p>Hidden</p>\");</script>\
            <noscript><p>Enable JS</p></noscript><template><p>Tpl</p></template>\
            <svg><title>Icon</title><text>Svg</text></svg><iframe src=x>Frame</iframe>\
            <object data=x><p>Obj</p></object><p>Also shown.</p></body></html>";
        assert_eq!(words(html), "Shown. Also shown.");
        // Uppercase, and a script end tag with a space before `>`.
        assert_eq!(words("<SCRIPT>x = '</DIV>';</SCRIPT >Yes"), "Yes");
        // A head that is never closed ends at the first body element.
        assert_eq!(words("<head><title>T</title><link rel=x><div>Body text</div>"), "Body text");
    }

    #[test]
    fn hidden_elements_are_masked_whole() {
        let html = "<p>A</p><div hidden><p>B<span>b</span></p></div><p>C</p>\
            <div aria-hidden=\"TRUE\">D</div><div aria-hidden=\"false\">E</div>\
            <div style=\"color: red; DISPLAY : none\"><div>F</div></div><span style='visibility:hidden'>G</span>\
            <p>H<img hidden src=x>I</p><div class=x hidden/>J";
        assert_eq!(words(html), "A C E H I J");
        // Pages hiding the body until a script runs are still read.
        assert_eq!(words("<body style=\"visibility:hidden\"><p>Story</p></body>"), "Story");
        // A hidden element closed implicitly by its parent's end tag.
        assert_eq!(words("<div>A<span hidden>B<b>c</div>D"), "A D");
    }

    #[test]
    fn attributes_may_hold_markup_characters() {
        let html = "<a title=\"1 > 0\" data-x='</div>' href=/a/b/>Link</a> <img alt=\"<p hidden>\">after";
        assert_eq!(words(html), "Link after");
        assert_eq!(words("<div class=\"a\"hidden>No space</div>shown"), "shown");
    }

    #[test]
    fn unclosed_paragraphs_and_items_end_at_their_next_sibling() {
        // The hidden paragraph ends at the next `<p>`, the hidden item at the next `<li>`,
        // but not at an item of a nested list.
        assert_eq!(words("<p hidden>A<p>B"), "B");
        assert_eq!(words("<ul><li hidden>A<li>B</ul>"), "B");
        assert_eq!(words("<ul><li hidden>A<ul><li>B</ul><li>C</ul>"), "C");
        assert_eq!(words("<table><tr><td hidden>A<td>B<tr><td>C</table>"), "B C");
        assert_eq!(words("<dl><dt hidden>A<dd>B</dl>"), "B");
        // Stray end tags are ignored.
        assert_eq!(words("</div></p><p>A</span></p>B</li>"), "A B");
    }

    #[test]
    fn unterminated_markup_runs_to_the_end() {
        assert_eq!(words("A <!-- never closed <p>B"), "A");
        assert_eq!(words("A <a href=\"x>B C"), "A");
        assert_eq!(words("A <script>var x = 1; B"), "A");
        assert_eq!(words("A <p class=x"), "A");
    }

    #[test]
    fn block_tags_break_lines_of_a_minified_page() {
        let html = "<nav><ul><li><a href=/>Home</a></li><li><a href=/w>World</a></li></ul></nav>\
            <article><h1>Title</h1><p>One, <b>bold</b>.</p><p>Two<br>Three</p><div>Four</div></article>";
        assert_eq!(lines(html), ["Home", "World", "Title", "One, bold .", "Two", "Three", "Four"]);
        // A page written one block per line keeps its lines: no new line, blank or not.
        let pretty = "<ul>\n  <li><a href=/>Home</a></li>\n  <li>World</li>\n</ul>\n<p>Text</p>\n<p>More</p>\n";
        assert_eq!(view(pretty).lines().count(), pretty.lines().count());
        assert_eq!(lines(pretty), ["Home", "World", "Text", "More"]);
    }

    #[test]
    fn multibyte_text_keeps_its_bytes() {
        let html = "<p>Zoë’s café 🙂 &amp; more</p><p>Ü</p>";
        let v = view(html);
        assert!(v.contains("Zoë’s café 🙂 &amp; more") && v.contains('Ü'));
    }

    #[test]
    fn regions_are_furniture_elements_outermost_first() {
        let html = "<header><a>Logo</a></header><nav>Home <a>World</a></nav>\
            <article><header><h1>Story</h1><p>By A</p></header><p>Text.</p>\
            <div class=\"share-bar\">Share</div><footer>Tags: x</footer></article>\
            <aside><div class=related>Related <nav>x</nav></div></aside>\
            <div id=\"main-sidebar\">Popular</div><div class=\"unrelated\">Kept</div>\
            <div role=\"contentinfo\">Contact</div><form>Search</form><nav hidden>Hidden</nav>";
        let found = regions(html);
        let why: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            why,
            [
                "<header>",
                "<nav>",
                "class=share-bar",
                "<footer>",
                "<aside>",
                "id=main-sidebar",
                "role=contentinfo",
                "<form>"
            ]
        );
        assert_eq!(found[1].1, "<nav>Home <a>World</a></nav>");
    }

    #[test]
    fn the_story_is_never_furniture() {
        // A wrapper whose class names furniture, around the whole story.
        let html = "<div class=\"site-footer-wrapper\"><nav>Menu</nav><article><p>Story text here.</p>\
            </article><footer>Foot</footer></div>";
        let why: Vec<String> = regions(html).into_iter().map(|(w, _)| w).collect();
        assert_eq!(why, ["<nav>", "<footer>"]);
        // Teaser articles in a related box do not protect it; the longest article is the story.
        let html = "<article class=\"post tag-sidebar\"><p>The long story, with many words.</p></article>\
            <aside class=related><article><p>Teaser</p></article></aside>";
        let why: Vec<String> = regions(html).into_iter().map(|(w, _)| w).collect();
        assert_eq!(why, ["<aside>"]);
        // An element with most of the story's text is its body, whatever its class says.
        let html = "<article><div class=\"body sharing-enabled\"><p>The long story, with many words.</p></div>\
            <div class=share>Share</div></article>";
        let why: Vec<String> = regions(html).into_iter().map(|(w, _)| w).collect();
        assert_eq!(why, ["class=share"]);
        // A header with a headline in it, outside the article, is the story's; its menu is not.
        let html = "<header class=top><h1>Headline</h1><p>By A</p></header><article><p>Body text.</p></article>";
        assert!(regions(html).is_empty());
        let html = "<header><h1 class=logo>Site</h1><nav>Menu</nav></header><article><h1>Story</h1></article>";
        let why: Vec<String> = regions(html).into_iter().map(|(w, _)| w).collect();
        assert_eq!(why, ["<nav>"]);
        // No landmark: the first h1 holds the story; failing that, most of the text.
        assert!(regions("<form id=aspnet><h1>T</h1><p>Story.</p></form>").is_empty());
        assert!(regions("<form id=aspnet><p>Story text, long.</p></form><div class=footer>F</div>").len() == 1);
    }

    /// Deterministic pseudo-random numbers (xorshift), for the fuzz test.
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn never_panics_on_truncations_and_random_fragments() {
        let page = "<!DOCTYPE html><html><head><title>T</title><script>a='</div>'</script></head>\
            <body><nav class=\"menu\"><ul><li><a href=\"/\">Home</a><li>Zoë</ul></nav><article>\
            <header><h1>Héadline</h1></header><p>Text 🙂 &amp; <b>bold</p><div hidden>x</div>\
            <!-- c --><aside class='related'>R</aside></article><footer>F</footer></body></html>";
        let check = |html: &str| {
            let m = masking(html);
            assert!(m.hidden.iter().all(|r| r.end <= html.len() && html.is_char_boundary(r.start)));
            assert!(m.hidden.windows(2).all(|w| w[0].end < w[1].start), "sorted, disjoint");
            assert!(m.breaks.windows(2).all(|w| w[0] < w[1]), "sorted");
            view(html);
            for r in html_regions(html, &default_words()) {
                assert!(r.range.start <= r.range.end && r.range.end <= html.len());
                let _ = &html[r.range];
            }
        };
        for end in (0..=page.len()).filter(|&i| page.is_char_boundary(i)) {
            check(&page[..end]);
            check(&page[end..]);
        }
        let pieces: Vec<&str> = "<|>|/|</|/>|<!--|-->|<!|<?|\"|'|=| |\n|p|div|<p>|</p>|<li>|<script>|</script>|\
            <div hidden>|<nav>|</nav>|<article>|<head>|<svg>|<br/>|<a href=\"|class=related|é|🙂|<template>|</div>|\
            <td>|<ul>|text "
            .split('|')
            .collect();
        let alphabet: Vec<char> = "<>/!-?=\"' \nadhilpv1é".chars().collect();
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let len = (xorshift(&mut state) % 40) as usize;
            let html: String =
                (0..len).map(|_| pieces[(xorshift(&mut state) % pieces.len() as u64) as usize]).collect();
            check(&html);
            // And character soup.
            let soup: String =
                (0..len * 3).map(|_| alphabet[(xorshift(&mut state) % alphabet.len() as u64) as usize]).collect();
            check(&soup);
        }
    }

    /// 50,000 unclosed and stray tags: the element stack must not make this quadratic (a
    /// quadratic stack takes minutes here and the test run notices; no timing is asserted).
    #[test]
    fn deep_nesting_and_stray_tags_stay_linear() {
        let n = 50_000;
        let html = format!("{}{}{}", "<span><li>".repeat(n), "</div>".repeat(n), "<td><p>x".repeat(n));
        assert_eq!(view(&html).len(), html.len());
        html_regions(&html, &default_words());
    }
}
