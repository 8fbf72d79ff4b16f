//! Article structure: physical lines, blocks, paragraphs and sentences.
//!
//! Every rule in newslint reports byte spans, so this module never copies or normalises the
//! text: it only computes offsets into it. Parsing is total (any `&str`, never a panic) and
//! linear in the input, because scraped pages can arrive as one multi-megabyte line.
//!
//! nom is used for the small token grammars (line terminators, terminal punctuation
//! clusters, list markers, dotted abbreviations, sentence starts); the scans that walk the
//! whole text are plain loops, which keeps them obviously linear.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while_m_n, take_while1},
    character::complete::{char, one_of, satisfy},
    combinator::{all_consuming, opt, recognize},
    multi::many1,
    sequence::{pair, preceded},
};
use serde::Serialize;

use crate::span::Span;
use crate::text::{
    BuildWordHasher, Digested, Fingerprint, FingerprintBuilder, Word, first_eight, normalized_fingerprint,
    strip_list_marker,
};
use crate::word_map::WordMap;

/// A parsed article. All spans are byte offsets into `text`.
#[derive(Debug, Clone, Serialize)]
pub struct Article<'a> {
    pub text: &'a str,
    #[serde(skip)]
    word_map: std::sync::OnceLock<WordMap>,
    #[serde(skip)]
    line_words: std::sync::OnceLock<Vec<u32>>,
    #[serde(skip)]
    line_heads: Vec<LineHead>,
    #[serde(skip)]
    fingerprints: std::sync::OnceLock<Fingerprints>,
    /// Which built-in regex gates the text opens (`engines::lazy_regex::doc_gates`).
    #[serde(skip)]
    pub(crate) gate_hits: std::sync::OnceLock<crate::engines::lazy_regex::DocGates>,
    /// The phrase tables of the linter's rules, to probe together (set by the linter).
    #[serde(skip)]
    pub(crate) phrase_probe: Option<&'a crate::engines::PhraseProbe>,
    /// Those tables' matches, probed on first use.
    #[serde(skip)]
    pub(crate) probed_matches: std::sync::OnceLock<crate::engines::ProbedMatches>,
    /// Every physical line, blank ones included, in order. Never empty: an empty text has
    /// one blank line, so `line_of` always returns a valid index. A final terminator does
    /// not open another line (as with `str::lines`).
    pub lines: Vec<Line>,
    /// Maximal runs of non-blank lines.
    pub blocks: Vec<Block>,
    /// Paragraphs in order, each within one block.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order; each lies inside exactly one paragraph.
    pub sentences: Vec<Span>,
}

/// The [`Fingerprint`] of every paragraph and every sentence (by index), each of its text
/// after any list marker ([`strip_list_marker`]), as the duplicate checks compare them.
#[derive(Debug, Clone)]
pub struct Fingerprints {
    pub paragraphs: Vec<Fingerprint>,
    pub sentences: Vec<Fingerprint>,
}

/// What line-level gates need of a line, kept for every line so that they can turn most
/// lines away without reading the text (`LazySet::may_match_line`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineHead {
    /// The line's content with surrounding whitespace trimmed (`str::trim`).
    pub trimmed: Span,
    /// Its first eight bytes ([`crate::text::first_eight`]).
    pub head: u64,
}

/// One physical line. `span` is the content without its terminator (`\n`, `\r\n` or a lone
/// `\r`) and is not trimmed; the first line starts after a UTF-8 BOM if there is one.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub span: Span,
    /// Holds only whitespace (tabs and non-breaking spaces included), or nothing.
    pub blank: bool,
}

/// A maximal run of non-blank lines; `span` is trimmed.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub span: Span,
    pub lines: Range<usize>,
}

/// A paragraph: one line, or several when prose is hard-wrapped. `span` is trimmed;
/// `sentences` indexes `Article::sentences` and is never empty.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub span: Span,
    pub lines: Range<usize>,
    pub sentences: Range<usize>,
}

impl<'a> Article<'a> {
    /// Parses any text. Never fails and never panics.
    pub fn parse(text: &'a str) -> Article<'a> {
        let (mut lines, mut line_heads) = (Vec::new(), Vec::new());
        let (mut blocks, mut paragraphs, mut sentences) = (Vec::new(), Vec::new(), Vec::new());
        // One pass: each block is split into paragraphs and sentences as soon as its last
        // line is read, while its text is still in cache. Three passes (lines, blocks,
        // paragraphs) each read a long text from memory again.
        let mut split_block = |lines: &[Line], block: Range<usize>| {
            let span = Span::new(lines[block.start].span.start, lines[block.end - 1].span.end).trim(text);
            blocks.push(Block { span, lines: block.clone() });
            let mut first = block.start;
            for i in block.clone() {
                let last = i + 1 == block.end;
                if last || !continues(line_str(text, &lines[i]), line_str(text, &lines[i + 1])) {
                    let span = Span::new(lines[first].span.start, lines[i].span.end).trim(text);
                    let before = sentences.len();
                    split_sentences(text, span, &mut sentences);
                    paragraphs.push(Paragraph { span, lines: first..i + 1, sentences: before..sentences.len() });
                    first = i + 1;
                }
            }
        };
        // The first line of the block being read: blocks are runs of non-blank lines.
        let mut block_start = None;
        for_each_line(text, |line, head| {
            match (line.blank, block_start) {
                (true, Some(start)) => {
                    split_block(&lines, start..lines.len());
                    block_start = None;
                }
                (false, None) => block_start = Some(lines.len()),
                _ => {}
            }
            lines.push(line);
            line_heads.push(head);
        });
        if let Some(start) = block_start {
            split_block(&lines, start..lines.len());
        }
        if lines.is_empty() {
            // An empty text, or a byte-order mark alone: one blank line after the mark.
            let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
            lines.push(Line { span: Span::new(start, start), blank: true });
            line_heads.push(LineHead { trimmed: Span::new(start, start), head: 0 });
        }
        Article {
            text,
            word_map: std::sync::OnceLock::new(),
            line_words: std::sync::OnceLock::new(),
            line_heads,
            fingerprints: std::sync::OnceLock::new(),
            gate_hits: std::sync::OnceLock::new(),
            phrase_probe: None,
            probed_matches: std::sync::OnceLock::new(),
            lines,
            blocks,
            paragraphs,
            sentences,
        }
    }

    /// The text under `span`, or `""` if the span is out of bounds or off a char boundary.
    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Content of line `line` without its terminator (`""` for an out-of-range index).
    pub fn line_text(&self, line: usize) -> &'a str {
        self.lines.get(line).map_or("", |l| self.slice(l.span))
    }

    /// Index of the line holding byte offset `byte`. Bytes of a terminator belong to the
    /// line it ends, a leading BOM to line 0, offsets past the end to the last line.
    pub fn line_of(&self, byte: usize) -> usize {
        self.lines.partition_point(|l| l.span.start <= byte).saturating_sub(1)
    }

    /// [`Article::line_of`], searched forward from line `from`
    /// ([`crate::position::partition_point_from`]): for a caller walking the text forward.
    pub fn line_of_from(&self, byte: usize, from: usize) -> usize {
        crate::position::partition_point_from(&self.lines, from, |l| l.span.start <= byte).saturating_sub(1)
    }

    /// Number of words in the whole text: runs of alphanumeric characters (with their
    /// combining marks), joined across a single apostrophe or hyphen between letters
    /// ("don't", "well-known") and across `.`/`,` between digits ("3.5", "1,200").
    /// Counted once, on first use: several rules and the report need it.
    pub fn word_count(&self) -> usize {
        self.word_map().counted_words()
    }

    /// Number of [`crate::text::words`] on line `line` (0 past the end). Counted for all
    /// lines on first use: a dozen line-level rules ask it of every line.
    pub fn line_word_count(&self, line: usize) -> usize {
        let counts = self.line_words.get_or_init(|| {
            let map = self.word_map();
            let count = |l: &Line| map.words_starting_in(l.span.start, l.span.end);
            self.lines.iter().map(|l| u32::try_from(count(l)).unwrap_or(u32::MAX)).collect()
        });
        counts.get(line).map_or(0, |&n| n as usize)
    }

    /// The trimmed extent and first bytes of line `line` ([`LineHead`]; an empty one past
    /// the end). Taken by the parse, while each line is in cache: taken on first use, they
    /// read every line's start and end from memory again on a long text.
    pub fn line_head(&self, line: usize) -> LineHead {
        let past_end = LineHead { trimmed: Span::new(self.text.len(), self.text.len()), head: 0 };
        self.line_heads.get(line).copied().unwrap_or(past_end)
    }

    /// Where the words of the text start and end ([`WordMap`]), mapped on first use.
    pub fn word_map(&self) -> &WordMap {
        self.word_map.get_or_init(|| WordMap::new(self.text))
    }

    /// Fingerprints of the words of every paragraph and sentence. Computed once, on first
    /// use, for both duplicate scopes, in one scan of each paragraph's words.
    pub fn fingerprints(&self) -> &Fingerprints {
        self.fingerprints.get_or_init(|| self.compute_fingerprints())
    }

    /// Sentences (and the text after a list marker) begin after whitespace and end before
    /// it, so no word straddles their edges: the words of a paragraph that lie inside one
    /// of its sentences are that sentence's words, and one scan serves both.
    fn compute_fingerprints(&self) -> Fingerprints {
        // Where the words of `span` start: after its list marker, if any.
        let after_marker = |span: Span| span.end - strip_list_marker(self.slice(span)).len();
        let mut fingerprints = Fingerprints {
            paragraphs: Vec::with_capacity(self.paragraphs.len()),
            sentences: Vec::with_capacity(self.sentences.len()),
        };
        let (text, map) = (self.text, self.word_map());
        for para in &self.paragraphs {
            let paragraph_from = after_marker(para.span);
            let mut paragraph = FingerprintBuilder::default();
            // The sentence being built (`next`), where its words start and where it ends;
            // both past any word once the paragraph's sentences are done.
            let mut next = para.sentences.start;
            let bounds = |next: usize| match next < para.sentences.end {
                true => (after_marker(self.sentences[next]), self.sentences[next].end),
                false => (usize::MAX, usize::MAX),
            };
            let (mut sentence_from, mut sentence_end) = bounds(next);
            let mut sentence = FingerprintBuilder::default();
            map.for_each_word_in(para.span.start, para.span.end, |at, end| {
                let Digested { digest, has_digit, .. } = Word::digest_and_digit_at(text, at, end);
                if at >= paragraph_from {
                    paragraph.push(digest, has_digit);
                }
                while at >= sentence_end {
                    fingerprints.sentences.push(std::mem::take(&mut sentence).finish());
                    next += 1;
                    (sentence_from, sentence_end) = bounds(next);
                }
                if at >= sentence_from {
                    sentence.push(digest, has_digit);
                }
            });
            for _ in next..para.sentences.end {
                fingerprints.sentences.push(std::mem::take(&mut sentence).finish());
            }
            fingerprints.paragraphs.push(paragraph.finish());
        }
        debug_assert!(
            (self.paragraphs.iter().map(|p| p.span).zip(&fingerprints.paragraphs))
                .chain(self.sentences.iter().copied().zip(&fingerprints.sentences))
                .all(|(span, f)| normalized_fingerprint(strip_list_marker(self.slice(span))) == *f),
            "one scan gives each paragraph and sentence the fingerprint of its own text"
        );
        fingerprints
    }
}

/// Words of `text`: runs of alphanumerics joined by inner apostrophes, hyphens, and
/// separators inside numbers ("3.5", "1,200").
pub(crate) fn count_words(text: &str) -> usize {
    /// A separator seen inside a word: it joins only if the next character allows.
    #[derive(Clone, Copy, PartialEq)]
    enum Pending {
        None,
        /// `'`, `’`, `-`, `‐`: joins when a letter or digit follows.
        Joiner,
        /// `.` or `,` after a digit: joins when an ASCII digit follows.
        NumberSeparator,
    }
    let (mut count, mut in_word, mut prev_digit, mut pending) = (0, false, false, Pending::None);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is decided from the byte alone; only other characters are decoded.
        let b = bytes[i];
        let c = if b < 0x80 { b as char } else { text[i..].chars().next().unwrap_or(' ') };
        i += c.len_utf8();
        let alnum = crate::text::is_alphanumeric(c);
        if pending != Pending::None {
            let joins = match pending {
                Pending::Joiner => alnum,
                _ => c.is_ascii_digit(),
            };
            in_word &= joins;
            pending = Pending::None;
        }
        if alnum {
            count += usize::from(!in_word);
            in_word = true;
            prev_digit = if b < 0x80 { b.is_ascii_digit() } else { c.is_numeric() };
            // The rest of a run of ASCII letters and digits only moves `prev_digit`.
            while let Some(&next) = bytes.get(i).filter(|b| b.is_ascii_alphanumeric()) {
                prev_digit = next.is_ascii_digit();
                i += 1;
            }
            continue;
        }
        match c {
            '\'' | '’' | '-' | '‐' if in_word => pending = Pending::Joiner,
            '.' | ',' if in_word && prev_digit => pending = Pending::NumberSeparator,
            _ if b >= 0x80 && is_combining(c) => continue,
            _ => in_word = false,
        }
        prev_digit = false;
    }
    count
}

// ---------------------------------------------------------------------------------------
// Lines, blocks, paragraphs
// ---------------------------------------------------------------------------------------

/// One physical line: content up to a terminator, then the terminator if any. `\r\n` is
/// tried before a lone `\r` so Windows files do not grow phantom blank lines, and a lone
/// `\r` still counts because old Mac exports and some CMS dumps use it.
fn line(input: &str) -> IResult<&str, &str> {
    // The content is found bytewise: both terminators are ASCII, and decoding every
    // character of a long line cost more than the rest of the parse.
    let end = memchr::memchr2(b'\n', b'\r', input.as_bytes()).unwrap_or(input.len());
    let (content, rest) = input.split_at(end);
    let (rest, _) = opt(alt((tag("\r\n"), tag("\r"), tag("\n")))).parse(rest)?;
    Ok((rest, content))
}

/// Calls `found` with each line of `text` in order (after a byte-order mark), and its head.
fn for_each_line(text: &str, mut found: impl FnMut(Line, LineHead)) {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut rest = &text[start..];
    // Each step consumes at least one char: `rest` is non-empty, so it holds either
    // content or a terminator.
    while !rest.is_empty() {
        let Ok((next, content)) = line(rest) else {
            break;
        };
        let at = text.len() - rest.len();
        let trimmed = content.trim();
        let from = at + (trimmed.as_ptr() as usize - content.as_ptr() as usize);
        let head = LineHead { trimmed: Span::new(from, from + trimmed.len()), head: first_eight(trimmed.as_bytes()) };
        found(Line { span: Span::new(at, at + content.len()), blank: trimmed.is_empty() }, head);
        rest = next;
    }
}

fn line_str<'t>(text: &'t str, line: &Line) -> &'t str {
    &text[line.span.range()]
}

/// Whether `cur` continues the paragraph `prev` belongs to. Scraped pages put one paragraph
/// per line with no blank lines, so a line break normally starts a paragraph; only
/// hard-wrapped prose is joined: the previous line is long, stops mid-sentence, and the
/// next line picks up in lowercase. Headlines, subheads and bullets fail one of the tests.
fn continues(prev: &str, cur: &str) -> bool {
    // Cheapest test first: most lines start with a capital, and counting the previous
    // line's first fifty characters, at every line of a long text, was a tenth of the parse.
    if !cur.trim_start().starts_with(char::is_lowercase) {
        return false;
    }
    let prev = prev.trim();
    let stops = prev.trim_end_matches(is_closer).ends_with(|c| is_terminal(c) || c == ':');
    !stops && prev.chars().nth(49).is_some()
}

// ---------------------------------------------------------------------------------------
// Sentence tokens
// ---------------------------------------------------------------------------------------

/// Punctuation that can end a sentence (`…` is the one-character ellipsis).
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that may follow terminal punctuation and stay with it.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

/// Opening quotes and brackets that may precede the first letter of a sentence.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '¿' | '¡')
}

/// Combining marks in the common blocks, so decomposed "é" (e + U+0301) stays one word.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}' | '\u{200d}' | '\u{fe0f}')
}

/// A letter without case (CJK, Hebrew, Arabic...): such scripts cannot signal a sentence
/// start by capitalisation, so any of their letters counts as one.
fn is_uncased_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

/// A terminal punctuation cluster and the closers after it: `.`, `?!`, `...`, `.”`, `?')`.
fn terminal_cluster(input: &str) -> IResult<&str, (&str, &str)> {
    (take_while1(is_terminal), take_while(is_closer)).parse(input)
}

/// A bullet or enumerator opening a list item ("- ", "* ", "• ", "1. ", "12) "), with the
/// whitespace after it. At most three digits, so a year ending a sentence is not a marker.
fn list_marker(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        alt((
            recognize(one_of("-*•")),
            recognize(pair(take_while_m_n(1, 3, |c: char| c.is_ascii_digit()), one_of(".)"))),
        )),
        take_while1(char::is_whitespace),
    ))
    .parse(input)
}

/// A dotted abbreviation without its final period: "U.S", "a.m", "Ph.D", "J.R.R", "W.Va".
/// Segments are at most two letters so domains like "cnn.com" are not taken for one.
fn dotted_abbreviation(input: &str) -> IResult<&str, &str> {
    let segment = || take_while_m_n(1, 2, char::is_alphabetic);
    all_consuming(recognize((segment(), many1((char('.'), segment()))))).parse(input)
}

/// A plausible sentence start: optional opening quotes/brackets, then an uppercase letter,
/// a digit or an uncased letter; or a currency sign before a digit ("$5 million was...").
fn sentence_start(input: &str) -> IResult<&str, char> {
    alt((
        preceded(take_while(is_opener), satisfy(|c| c.is_uppercase() || c.is_numeric() || is_uncased_letter(c))),
        preceded(one_of("$€£¥"), satisfy(|c| c.is_ascii_digit())),
    ))
    .parse(input)
}

/// Optional opening quotes/brackets, then an uppercase letter: the only start accepted
/// after an ellipsis, which is far more often a pause than an end.
fn capital_start(input: &str) -> IResult<&str, char> {
    preceded(take_while(is_opener), satisfy(char::is_uppercase)).parse(input)
}

/// The word at the start of `input` if it is a whole word of at most 16 letters. The cap
/// keeps look-ahead constant, so the scan stays linear on pathological input.
fn short_word(input: &str) -> Option<&str> {
    let (rest, word) = take_while_m_n::<_, _, nom::error::Error<&str>>(1, 16, char::is_alphabetic)(input).ok()?;
    (!rest.starts_with(char::is_alphanumeric)).then_some(word)
}

/// How an abbreviation before a period behaves.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Abbrev {
    /// Titles, months and the like: the period never ends a sentence ("Sen. Ortiz",
    /// "Oct. 7", "vs. the").
    Always,
    /// Only continues before a number ("No. 4", "Fig. 2"); elsewhere a plain word ("No.").
    Numeric,
    /// Often ends a sentence too ("Acme Inc.", "in the U.S."): split only before a word
    /// from `STARTERS`.
    CanEnd,
}

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbrev)] = {
    use Abbrev::*;
    &[
        ("Mr", Always), ("Mrs", Always), ("Ms", Always), ("Messrs", Always), ("Dr", Always),
        ("Gen", Always), ("Sen", Always), ("Rep", Always), ("Gov", Always), ("Lt", Always),
        ("Col", Always), ("Sgt", Always), ("Capt", Always), ("Adm", Always), ("Maj", Always),
        ("Cmdr", Always), ("Cpl", Always), ("Pvt", Always), ("Prof", Always), ("Rev", Always),
        ("Hon", Always), ("Pres", Always), ("Supt", Always), ("Det", Always), ("Msgr", Always),
        ("Fr", Always), ("Sens", Always), ("Reps", Always), ("Mt", Always), ("Ft", Always),
        ("vs", Always), ("v", Always), ("approx", Always), ("cf", Always),
        ("Jan", Always), ("Feb", Always), ("Mar", Always), ("Apr", Always), ("Jun", Always),
        ("Jul", Always), ("Aug", Always), ("Sep", Always), ("Sept", Always), ("Oct", Always),
        ("Nov", Always), ("Dec", Always),
        ("No", Numeric), ("Nos", Numeric), ("Vol", Numeric), ("Vols", Numeric),
        ("Fig", Numeric), ("Figs", Numeric), ("Art", Numeric), ("Sec", Numeric),
        ("Ch", Numeric), ("Pt", Numeric), ("p", Numeric), ("pp", Numeric), ("ext", Numeric),
        ("Jr", CanEnd), ("Sr", CanEnd), ("Inc", CanEnd), ("Co", CanEnd), ("Corp", CanEnd),
        ("Ltd", CanEnd), ("Bros", CanEnd), ("Ave", CanEnd), ("Blvd", CanEnd), ("Rd", CanEnd),
        ("St", CanEnd), ("Hwy", CanEnd), ("Dept", CanEnd), ("Univ", CanEnd), ("Assn", CanEnd),
        ("etc", CanEnd), ("al", CanEnd),
        ("Ala", CanEnd), ("Ariz", CanEnd), ("Ark", CanEnd), ("Calif", CanEnd),
        ("Colo", CanEnd), ("Conn", CanEnd), ("Del", CanEnd), ("Fla", CanEnd), ("Ga", CanEnd),
        ("Ill", CanEnd), ("Ind", CanEnd), ("Kan", CanEnd), ("Ky", CanEnd), ("La", CanEnd),
        ("Md", CanEnd), ("Mass", CanEnd), ("Mich", CanEnd), ("Minn", CanEnd),
        ("Miss", CanEnd), ("Mo", CanEnd), ("Mont", CanEnd), ("Neb", CanEnd), ("Nev", CanEnd),
        ("Okla", CanEnd), ("Ore", CanEnd), ("Pa", CanEnd), ("Tenn", CanEnd), ("Tex", CanEnd),
        ("Vt", CanEnd), ("Va", CanEnd), ("Wash", CanEnd), ("Wis", CanEnd), ("Wyo", CanEnd),
    ]
};

/// Words that almost always begin a sentence, so a `CanEnd` abbreviation before them ends
/// one ("... of Acme Inc. The company said"), while "U.S. Embassy" or "J.R.R. Tolkien" run on.
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
    "Their", "Our", "This", "That", "These", "Those", "There", "But", "And", "Or", "So",
    "In", "On", "At", "After", "Before", "When", "While", "As", "If", "Since", "However",
    "Meanwhile", "Officials", "According", "Earlier", "Later", "Now", "Then", "Today",
    "Yesterday", "Also", "Some", "Many", "Still", "What", "Why", "How",
];

/// Verbs of a capitalised attribution after a quoted question or exclamation
/// (`"Why?" Ortiz asked.`), which continues the sentence.
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "asked", "asks", "added", "told", "replied", "wrote", "shouted",
    "yelled", "cried", "recalled", "explained", "insisted", "noted", "wondered",
    "whispered", "exclaimed",
];

/// Classifies the word before a period (leading punctuation already stripped). Entries
/// written in lowercase ("etc", "vs") also match capitalised at a sentence start.
fn classify(word: &str) -> Option<Abbrev> {
    /// Hash index over `ABBREVIATIONS` plus capitalised forms of the lowercase entries;
    /// a linear scan of the table at every period was most of the parse time.
    // Asked at every period: SipHash cost 170 instructions a lookup.
    static INDEX: LazyLock<HashMap<String, Abbrev, BuildWordHasher>> = LazyLock::new(|| {
        let mut index = HashMap::default();
        for &(entry, kind) in ABBREVIATIONS {
            if entry.len() > 1 && entry.starts_with(|c: char| c.is_ascii_lowercase()) {
                index.insert(entry[..1].to_ascii_uppercase() + &entry[1..], kind);
            }
            index.insert(entry.to_string(), kind);
        }
        index
    });
    if let Some(&kind) = INDEX.get(word) {
        return Some(kind);
    }
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    (initial || dotted_abbreviation(word).is_ok()).then_some(Abbrev::CanEnd)
}

/// A `STARTERS` word, or an opening quote before a capital (a new quoted sentence).
fn clear_starter(next: &str) -> bool {
    let quoted = next.starts_with(['"', '“']) && capital_start(next).is_ok();
    quoted || short_word(next).is_some_and(|w| STARTERS.contains(&w))
}

/// `Name verb` after a quote, e.g. "Ortiz asked": an attribution, not a new sentence.
fn attribution(next: &str) -> bool {
    let Some(name) = short_word(next).filter(|w| w.starts_with(char::is_uppercase)) else {
        return false;
    };
    let rest = &next[name.len()..];
    let verb = rest.trim_start_matches(char::is_whitespace);
    verb.len() < rest.len() && short_word(verb).is_some_and(|v| SPEECH_VERBS.contains(&v))
}

/// Whether the cluster `marks` + `closers` after `word`, followed by whitespace and then
/// `next`, ends a sentence.
fn is_boundary(word: &str, marks: &str, closers: &str, next: &str) -> bool {
    if sentence_start(next).is_err() {
        // Nothing ends before a lowercase word or stray punctuation: `"Who is next?" she
        // asked.`, `he paused ... and then`, `approx. ten`.
        return false;
    }
    if marks.contains(['!', '?']) {
        // `"Why?" Ortiz asked.` is an attribution, not a new sentence.
        return !(closers.contains(['"', '”', '\'', '’']) && attribution(next));
    }
    if marks != "." || word.is_empty() {
        // An ellipsis ("...", "…", or the last dot of ". . .") usually marks a pause.
        return capital_start(next).is_ok();
    }
    if !closers.is_empty() {
        // `(See below.) Then` and `...this.” She`: no abbreviation sits before a closer.
        return true;
    }
    match classify(word.trim_start_matches(|c: char| !c.is_alphanumeric())) {
        Some(Abbrev::Always) => false,
        Some(Abbrev::Numeric) => !next.starts_with(|c: char| c.is_ascii_digit()),
        Some(Abbrev::CanEnd) => clear_starter(next),
        None => true,
    }
}

/// The index of the first byte of `bytes` that can begin a terminal ([`is_terminal`]):
/// `.`, `!`, `?`, or 0xE2, the first byte of `…`. Eight bytes at a time: sentence
/// splitting looked at every byte of the text, and a byte loop that also stopped at each
/// space cost 13 instructions a byte.
fn first_terminal_lead(bytes: &[u8]) -> Option<usize> {
    use crate::text::{LANE_HIGH, LANE_LOW};
    // A lane's top bit set where `v` has byte `b`. Lanes above a true match may be set
    // too (by the borrow), never lanes below it: the lowest set bit is exact.
    let lanes_equal = |v: u64, b: u8| {
        let x = v ^ (LANE_LOW * u64::from(b));
        x.wrapping_sub(LANE_LOW) & !x & LANE_HIGH
    };
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in (&mut chunks).enumerate() {
        let v = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let found = lanes_equal(v, b'.') | lanes_equal(v, b'!') | lanes_equal(v, b'?') | lanes_equal(v, 0xE2);
        if found != 0 {
            return Some(8 * n + found.trailing_zeros() as usize / 8);
        }
    }
    let tail = bytes.len() - chunks.remainder().len();
    chunks.remainder().iter().position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2)).map(|i| tail + i)
}

/// Splits the paragraph `para` into sentences, appending their spans to `out`. A single
/// forward pass from one possible terminal to the next: at each terminal cluster followed
/// by whitespace, the word before it (found by looking back to the last whitespace) and a
/// bounded look-ahead decide. Clusters not followed by whitespace ("U.S.-led", "3.5",
/// "example.com", "v2.1") never split.
fn split_sentences(text: &str, para: Span, out: &mut Vec<Span>) {
    let p = &text[para.range()];
    let base = para.start;
    let body = list_marker(p).map_or(0, |(rest, _)| p.len() - rest.len());
    let mut sentence = body;
    // Where the word before a terminal may start: after the last cluster looked at.
    let mut word_floor = body;
    let mut i = body;
    loop {
        i += first_terminal_lead(&p.as_bytes()[i..]).unwrap_or(p.len() - i);
        let Some(c) = p[i..].chars().next() else { break };
        let cluster = if is_terminal(c) { terminal_cluster(&p[i..]).ok() } else { None };
        let Some((after, (marks, closers))) = cluster else {
            i += c.len_utf8();
            continue;
        };
        let end = i + marks.len() + closers.len();
        let gap = after.len() - after.trim_start_matches(char::is_whitespace).len();
        if gap == 0 || end + gap >= p.len() {
            i = end;
            continue;
        }
        let next = end + gap;
        // The word the terminal ends: after the last whitespace before it.
        let before = &p[word_floor..i];
        let word = before.char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(j, c)| j + c.len_utf8());
        if is_boundary(&before[word..], marks, closers, &p[next..]) {
            out.push(Span::new(base + sentence, base + end).trim(text));
            sentence = next;
        }
        i = next;
        word_floor = next;
    }
    out.push(Span::new(base + sentence, base + p.len()).trim(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentence texts of `text`, in order.
    fn sents(text: &str) -> Vec<&str> {
        let a = Article::parse(text);
        a.sentences.iter().map(|&s| a.slice(s)).collect()
    }

    /// Paragraph texts of `text`, in order.
    fn paras(text: &str) -> Vec<&str> {
        let a = Article::parse(text);
        a.paragraphs.iter().map(|p| a.slice(p.span)).collect()
    }

    fn assert_trimmed(text: &str, span: Span, what: &str) {
        let s = &text[span.range()];
        assert!(!s.is_empty(), "empty {what} {span:?} in {text:?}");
        assert_eq!(s.trim(), s, "{what} {span:?} not trimmed in {text:?}");
    }

    /// Checks every structural invariant; returns the article for further checks.
    fn check(text: &str) -> Article<'_> {
        let a = Article::parse(text);
        let on_boundary = |s: Span| {
            s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        };
        assert!(!a.lines.is_empty());
        let mut prev_end = 0;
        for (i, l) in a.lines.iter().enumerate() {
            assert!(on_boundary(l.span), "line {i} {:?} in {text:?}", l.span);
            assert!(l.span.start >= prev_end);
            let content = &text[l.span.range()];
            assert!(!content.contains(['\r', '\n']));
            assert_eq!(l.blank, content.trim().is_empty());
            let head = a.line_head(i);
            assert_eq!(&text[head.trimmed.range()], content.trim(), "line {i}'s head");
            assert!(l.span.start <= head.trimmed.start && head.trimmed.end <= l.span.end, "line {i}'s head");
            assert_eq!(head.head, first_eight(content.trim().as_bytes()), "line {i}'s head");
            // The gap before a line is exactly one terminator (or the BOM before line 0).
            let gap = &text[prev_end..l.span.start];
            if i == 0 {
                assert!(gap.is_empty() || gap == "\u{feff}", "{gap:?}");
            } else {
                assert!(matches!(gap, "\n" | "\r" | "\r\n"), "gap {gap:?} in {text:?}");
            }
            prev_end = l.span.end;
        }
        let tail = &text[prev_end..];
        assert!(matches!(tail, "" | "\n" | "\r" | "\r\n"), "tail {tail:?}");
        for b in &a.blocks {
            assert!(b.lines.start < b.lines.end && b.lines.end <= a.lines.len());
            assert!(a.lines[b.lines.clone()].iter().all(|l| !l.blank));
            assert!(b.lines.start == 0 || a.lines[b.lines.start - 1].blank);
            assert!(b.lines.end == a.lines.len() || a.lines[b.lines.end].blank);
            assert!(on_boundary(b.span));
            assert_trimmed(text, b.span, "block");
        }
        let non_blank = a.lines.iter().filter(|l| !l.blank).count();
        assert_eq!(a.blocks.iter().map(|b| b.lines.len()).sum::<usize>(), non_blank);
        let mut next_sentence = 0;
        let mut next_line = 0;
        for p in &a.paragraphs {
            assert!(on_boundary(p.span));
            assert_trimmed(text, p.span, "paragraph");
            assert!(p.lines.start >= next_line && p.lines.start < p.lines.end);
            next_line = p.lines.end;
            let block = a.blocks.iter().find(|b| b.span.contains(p.span)).expect("in a block");
            assert!(block.lines.start <= p.lines.start && p.lines.end <= block.lines.end);
            assert_eq!(p.sentences.start, next_sentence, "sentence ranges tile");
            assert!(p.sentences.start < p.sentences.end, "paragraph without sentence");
            next_sentence = p.sentences.end;
            let mut cursor = p.span.start;
            for (k, &s) in a.sentences[p.sentences.clone()].iter().enumerate() {
                assert!(on_boundary(s));
                assert_trimmed(text, s, "sentence");
                assert!(p.span.contains(s), "sentence {s:?} outside {:?}", p.span);
                assert!(s.start >= cursor, "sentences overlap or go backwards");
                let gap = &text[cursor..s.start];
                if k == 0 {
                    assert!(gap.is_empty() || list_marker(&text[cursor..]).is_ok(), "{gap:?}");
                } else {
                    assert!(gap.trim().is_empty() && !gap.is_empty(), "gap {gap:?}");
                }
                cursor = s.end;
            }
            assert_eq!(cursor, p.span.end, "last sentence reaches paragraph end");
        }
        assert_eq!(next_sentence, a.sentences.len());
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let l = a.line_of(b);
            assert!(a.lines[l].span.start <= b || l == 0);
            assert!(l + 1 == a.lines.len() || b < a.lines[l + 1].span.start);
        }
        let _ = a.word_count();
        a
    }

    // --- basic splitting -------------------------------------------------------------

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("The council met late. It voted twice! Was anyone surprised?"),
            ["The council met late.", "It voted twice!", "Was anyone surprised?"]
        );
    }

    #[test]
    fn single_sentence_without_terminal() {
        assert_eq!(sents("Storm knocks out power across the valley"), ["Storm knocks out power across the valley"]);
    }

    #[test]
    fn sentence_offsets_are_exact() {
        let t = "  Rain fell.  Roads flooded.  ";
        let a = check(t);
        assert_eq!(a.sentences, [Span::new(2, 12), Span::new(14, 28)]);
        assert_eq!(a.paragraphs[0].span, Span::new(2, 28));
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(sents("The tally was 5-4. then the clerk left."), ["The tally was 5-4. then the clerk left."]);
    }

    #[test]
    fn digit_and_currency_start_a_sentence() {
        assert_eq!(
            sents("Sales peaked in 2019. 2020 was worse. $4 million vanished."),
            ["Sales peaked in 2019.", "2020 was worse.", "$4 million vanished."]
        );
    }

    #[test]
    fn repeated_and_mixed_marks() {
        assert_eq!(
            sents("They won?! Nobody expected it!!! Fans wept."),
            ["They won?!", "Nobody expected it!!!", "Fans wept."]
        );
    }

    // --- titles and abbreviations ----------------------------------------------------

    #[test]
    fn titles_before_names() {
        assert_eq!(
            sents("Sen. Maria Ortiz met Gov. Hal Brenner and Dr. Ana Li. They spoke briefly."),
            ["Sen. Maria Ortiz met Gov. Hal Brenner and Dr. Ana Li.", "They spoke briefly."]
        );
        assert_eq!(
            sents("Lt. Col. Rosa Vega thanked Sgt. Ben Aho, Capt. Ida Roe and Rev. Tom Ek. Then she left."),
            ["Lt. Col. Rosa Vega thanked Sgt. Ben Aho, Capt. Ida Roe and Rev. Tom Ek.", "Then she left."]
        );
    }

    #[test]
    fn title_before_initial_that_is_a_starter_word() {
        assert_eq!(
            sents("Mr. I. M. Okafor designed it. Critics loved it."),
            ["Mr. I. M. Okafor designed it.", "Critics loved it."]
        );
    }

    #[test]
    fn months_before_numbers() {
        assert_eq!(
            sents("The vote is set for Oct. 7 in the capital. Polls close on Nov. 5 at dusk."),
            ["The vote is set for Oct. 7 in the capital.", "Polls close on Nov. 5 at dusk."]
        );
        assert_eq!(
            sents("Filed Sept. 30 and again Jan. 2 by the clerk."),
            ["Filed Sept. 30 and again Jan. 2 by the clerk."]
        );
    }

    #[test]
    fn numeric_abbreviations() {
        assert_eq!(
            sents("The No. 4 seed lost, as Fig. 2 shows. Vol. 3 follows."),
            ["The No. 4 seed lost, as Fig. 2 shows.", "Vol. 3 follows."]
        );
        assert_eq!(sents("Her answer was No. Then she hung up."), ["Her answer was No.", "Then she hung up."]);
    }

    #[test]
    fn vs_etc_approx() {
        assert_eq!(
            sents("Tonight it is Hawks vs. Pines at home. Tickets are gone."),
            ["Tonight it is Hawks vs. Pines at home.", "Tickets are gone."]
        );
        assert_eq!(
            sents("They sold kites, drums, etc. The stall closed at noon."),
            ["They sold kites, drums, etc.", "The stall closed at noon."]
        );
        assert_eq!(sents("It weighs approx. 40 kilograms."), ["It weighs approx. 40 kilograms."]);
    }

    #[test]
    fn company_suffixes_split_only_before_starters() {
        assert_eq!(
            sents("Profits fell at Lumen Inc. The company blamed fuel."),
            ["Profits fell at Lumen Inc.", "The company blamed fuel."]
        );
        assert_eq!(
            sents("Lumen Inc. Chief Executive Rae Holt resigned."),
            ["Lumen Inc. Chief Executive Rae Holt resigned."]
        );
        assert_eq!(
            sents("Shares of Harlow Bros. Co. Officials declined comment."),
            ["Shares of Harlow Bros. Co.", "Officials declined comment."]
        );
    }

    #[test]
    fn junior_and_streets() {
        assert_eq!(
            sents("It opened on Martin Luther King Jr. Day downtown."),
            ["It opened on Martin Luther King Jr. Day downtown."]
        );
        assert_eq!(
            sents("The award went to Cole Hart Jr. He accepted it."),
            ["The award went to Cole Hart Jr.", "He accepted it."]
        );
        assert_eq!(
            sents("Crews closed Elm St. After that, traffic eased in St. Paul."),
            ["Crews closed Elm St.", "After that, traffic eased in St. Paul."]
        );
    }

    #[test]
    fn state_abbreviations() {
        assert_eq!(
            sents("The fire began near Fresno, Calif. The wind spread it."),
            ["The fire began near Fresno, Calif.", "The wind spread it."]
        );
        assert_eq!(
            sents("A Tampa, Fla. Resident won the prize in Albany, N.Y. on Monday."),
            ["A Tampa, Fla. Resident won the prize in Albany, N.Y. on Monday."]
        );
    }

    // --- initials and dotted abbreviations ------------------------------------------

    #[test]
    fn middle_initials() {
        assert_eq!(
            sents("Priya K. Banerjee filed the report. It ran long."),
            ["Priya K. Banerjee filed the report.", "It ran long."]
        );
    }

    #[test]
    fn stacked_initials() {
        assert_eq!(
            sents("Readers of C.S.T. Hollis queued early. Stores opened."),
            ["Readers of C.S.T. Hollis queued early.", "Stores opened."]
        );
    }

    #[test]
    fn country_abbreviations_continue() {
        assert_eq!(
            sents("The U.S. Embassy and U.N. Security Council met in the U.K. capital."),
            ["The U.S. Embassy and U.N. Security Council met in the U.K. capital."]
        );
    }

    #[test]
    fn country_abbreviations_end_before_starters() {
        assert_eq!(
            sents("Tariffs rose in the U.S. The response was swift."),
            ["Tariffs rose in the U.S.", "The response was swift."]
        );
        assert_eq!(
            sents("She flew to Washington, D.C. But the talks stalled."),
            ["She flew to Washington, D.C.", "But the talks stalled."]
        );
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            sents("Doors open at 9 a.m. Friday and close at 6 p.m. Sunday."),
            ["Doors open at 9 a.m. Friday and close at 6 p.m. Sunday."]
        );
        assert_eq!(
            sents("The flight left at 5 p.m. It landed late."),
            ["The flight left at 5 p.m.", "It landed late."]
        );
    }

    #[test]
    fn academic_degree() {
        assert_eq!(
            sents("She earned a Ph.D. The thesis covered tides."),
            ["She earned a Ph.D.", "The thesis covered tides."]
        );
        assert_eq!(sents("A Ph.D. Candidate named Lee spoke."), ["A Ph.D. Candidate named Lee spoke."]);
    }

    // --- numbers, URLs, emails -------------------------------------------------------

    #[test]
    fn decimals_money_times_versions() {
        assert_eq!(
            sents("Shares rose 3.5% to $100.00 by 10.30 local time. Version v2.1 shipped."),
            ["Shares rose 3.5% to $100.00 by 10.30 local time.", "Version v2.1 shipped."]
        );
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            sents("Read more at example.com/news or mail tips@example.org today. Replies vary."),
            ["Read more at example.com/news or mail tips@example.org today.", "Replies vary."]
        );
        assert_eq!(
            sents("Visit news.example.com. The page updates hourly."),
            ["Visit news.example.com.", "The page updates hourly."]
        );
    }

    // --- ellipses ----------------------------------------------------------------------

    #[test]
    fn ellipsis_before_lowercase_continues() {
        assert_eq!(sents("He paused ... and then walked out."), ["He paused ... and then walked out."]);
        assert_eq!(sents("He paused… and then walked out."), ["He paused… and then walked out."]);
        assert_eq!(sents("It was . . . odd."), ["It was . . . odd."]);
    }

    #[test]
    fn ellipsis_before_uppercase_splits() {
        assert_eq!(sents("We waited... Nobody came."), ["We waited...", "Nobody came."]);
        assert_eq!(sents("We waited… Nobody came."), ["We waited…", "Nobody came."]);
        assert_eq!(sents("We waited . . . Nobody came."), ["We waited . . .", "Nobody came."]);
    }

    #[test]
    fn ellipsis_before_digit_continues() {
        assert_eq!(sents("Counting down... 3, 2, 1."), ["Counting down... 3, 2, 1."]);
    }

    // --- quotes and brackets -----------------------------------------------------------

    #[test]
    fn closing_quote_after_period() {
        assert_eq!(
            sents("He called the plan “a mess.” She disagreed."),
            ["He called the plan “a mess.”", "She disagreed."]
        );
        assert_eq!(sents("He called it 'a mess.' She disagreed."), ["He called it 'a mess.'", "She disagreed."]);
    }

    #[test]
    fn closing_paren_after_period() {
        assert_eq!(sents("(See the chart below.) Then read on."), ["(See the chart below.)", "Then read on."]);
        assert_eq!(
            sents("Rates rose (again.) [Data lag.] Analysts shrugged."),
            ["Rates rose (again.)", "[Data lag.]", "Analysts shrugged."]
        );
    }

    #[test]
    fn opening_quote_starts_sentence() {
        assert_eq!(
            sents("The match ended. “We lost,” the coach said."),
            ["The match ended.", "“We lost,” the coach said."]
        );
        assert_eq!(sents("It ended. (Nobody cheered.)"), ["It ended.", "(Nobody cheered.)"]);
    }

    #[test]
    fn question_in_quote_with_lowercase_attribution() {
        assert_eq!(sents("“Who is next?” she asked."), ["“Who is next?” she asked."]);
        assert_eq!(
            sents("\"Run!\" he shouted. The crowd scattered."),
            ["\"Run!\" he shouted.", "The crowd scattered."]
        );
    }

    #[test]
    fn question_in_quote_with_named_attribution() {
        assert_eq!(sents("“Why now?” Ortiz asked. Nobody answered."), ["“Why now?” Ortiz asked.", "Nobody answered."]);
    }

    #[test]
    fn question_in_quote_then_new_sentence() {
        assert_eq!(
            sents("He asked, “Who is next?” The room went quiet."),
            ["He asked, “Who is next?”", "The room went quiet."]
        );
    }

    #[test]
    fn mid_word_exclamation_does_not_split() {
        assert_eq!(sents("The Go!Team show aired."), ["The Go!Team show aired."]);
    }

    #[test]
    fn extension_numbers() {
        assert_eq!(
            sents("Call 555-0100 ext. 5 today. Lines open at noon."),
            ["Call 555-0100 ext. 5 today.", "Lines open at noon."]
        );
    }

    /// Known limitations, pinned so a change in behaviour is deliberate.
    #[test]
    fn known_limitations() {
        // A `CanEnd` abbreviation before a name that starts the next sentence runs on.
        assert_eq!(sents("He lives in Dover, Del. Smith disagreed."), ["He lives in Dover, Del. Smith disagreed."]);
        // `!` inside a brand name before a capital splits.
        assert_eq!(sents("The Yahoo! Inc. deal closed."), ["The Yahoo!", "Inc. deal closed."]);
        // Sentences starting lowercase are not split off.
        assert_eq!(sents("Sales fell. eBay rose."), ["Sales fell. eBay rose."]);
        // CJK full stops are not terminal punctuation.
        assert_eq!(sents("东京很冷。大阪很热。"), ["东京很冷。大阪很热。"]);
        // Two-word attribution after a quoted question is a new sentence.
        assert_eq!(sents("“How?” Ana Ruiz asked."), ["“How?”", "Ana Ruiz asked."]);
    }

    // --- list markers -----------------------------------------------------------------

    #[test]
    fn list_markers_are_not_part_of_sentences() {
        let t = "- Bring water. Wear boots.\n* Pack light\n• Leave early.\n1. Check maps.\n12) Call home.";
        assert_eq!(
            sents(t),
            ["Bring water.", "Wear boots.", "Pack light", "Leave early.", "Check maps.", "Call home."]
        );
        let a = check(t);
        assert_eq!(a.paragraphs.len(), 5);
        assert_eq!(a.slice(a.paragraphs[0].span), "- Bring water. Wear boots.");
    }

    #[test]
    fn numbers_that_are_not_list_markers() {
        assert_eq!(sents("1.5 million people voted."), ["1.5 million people voted."]);
        assert_eq!(sents("2024. A year of change."), ["2024.", "A year of change."]);
        assert_eq!(sents("-"), ["-"]);
        assert_eq!(sents("1."), ["1."]);
    }

    // --- whitespace and Unicode -------------------------------------------------------

    #[test]
    fn non_breaking_spaces_and_tabs() {
        assert_eq!(
            sents("Mr.\u{a0}Ortiz left.\u{a0}He was\ttired.\tThen he slept."),
            ["Mr.\u{a0}Ortiz left.", "He was\ttired.", "Then he slept."]
        );
    }

    #[test]
    fn uncased_scripts_and_emoji() {
        assert_eq!(
            sents("The summit ended. 東京 was calm. Great news 🎉. Fans cheered."),
            ["The summit ended.", "東京 was calm.", "Great news 🎉.", "Fans cheered."]
        );
        assert_eq!(sents("שלום עולם. זה מבחן."), ["שלום עולם.", "זה מבחן."]);
        assert_eq!(sents("The cafe\u{301} opened. Élodie ran it."), ["The cafe\u{301} opened.", "Élodie ran it."]);
    }

    // --- lines, blocks, paragraphs ----------------------------------------------------

    #[test]
    fn blank_line_separated_paragraphs() {
        let t = "Headline Here\n\nFirst paragraph. Two sentences.\n\n\nSecond paragraph.\n";
        let a = check(t);
        assert_eq!(a.lines.len(), 6);
        assert_eq!(a.lines.iter().map(|l| l.blank).collect::<Vec<_>>(), [false, true, false, true, true, false]);
        assert_eq!(a.blocks.len(), 3);
        assert_eq!(a.blocks[1].lines, 2..3);
        assert_eq!(paras(t), ["Headline Here", "First paragraph. Two sentences.", "Second paragraph."]);
        assert_eq!(a.paragraphs[1].sentences, 1..3);
    }

    #[test]
    fn scraped_one_paragraph_per_line() {
        let t = "Mayor Quits Amid Budget Row\nThe mayor resigned on Monday after a long dispute with the council over spending.\nCouncil members said they were not consulted about the decision in advance.\nA vote is expected soon.";
        let a = check(t);
        assert_eq!(a.blocks.len(), 1);
        assert_eq!(a.paragraphs.len(), 4);
        assert_eq!(a.paragraphs[0].lines, 0..1);
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let t = "Tides Rising\nThe harbor authority said on Thursday that the new sea wall would\nbe finished before the storm season, weeks ahead of the original\nschedule. Critics were not convinced:\nthey cited earlier delays.\n- a bullet that is short\n- another bullet";
        let a = check(t);
        assert_eq!(
            paras(t),
            [
                "Tides Rising",
                "The harbor authority said on Thursday that the new sea wall would\nbe finished before the storm season, weeks ahead of the original\nschedule. Critics were not convinced:",
                "they cited earlier delays.",
                "- a bullet that is short",
                "- another bullet"
            ]
        );
        assert_eq!(a.paragraphs[1].lines, 1..4);
        assert_eq!(
            a.slice(a.sentences[1]),
            "The harbor authority said on Thursday that the new sea wall would\nbe finished before the storm season, weeks ahead of the original\nschedule."
        );
    }

    #[test]
    fn wrapping_needs_long_line_and_lowercase_start() {
        // Short previous line (a subhead) and an uppercase next line both break.
        let t = "Short line without stop\ncontinues lowercase.\nThis line is long enough to wrap but it has no stop\nAnd the next starts uppercase.";
        assert_eq!(paras(t).len(), 4);
        // A closing quote after the stop still counts as a stop.
        let t2 = "He said the council would meet again next week, “not before.”\nthen silence.";
        assert_eq!(paras(t2).len(), 2);
    }

    #[test]
    fn crlf_offsets() {
        let t = "Ab.\r\n\r\nCd. Ef.\r\n";
        let a = check(t);
        assert_eq!(
            a.lines.iter().map(|l| l.span).collect::<Vec<_>>(),
            [Span::new(0, 3), Span::new(5, 5), Span::new(7, 14)]
        );
        assert_eq!(a.sentences, [Span::new(0, 3), Span::new(7, 10), Span::new(11, 14)]);
        assert_eq!(a.line_of(3), 0);
        assert_eq!(a.line_of(4), 0);
        assert_eq!(a.line_of(5), 1);
        assert_eq!(a.line_of(6), 1);
        assert_eq!(a.line_of(7), 2);
        assert_eq!(a.line_of(16), 2);
    }

    #[test]
    fn lone_cr_offsets() {
        let t = "One.\rTwo.\r\rThree.";
        let a = check(t);
        assert_eq!(
            a.lines.iter().map(|l| l.span).collect::<Vec<_>>(),
            [Span::new(0, 4), Span::new(5, 9), Span::new(10, 10), Span::new(11, 17)]
        );
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.line_text(3), "Three.");
        // "\n\r" is two terminators, not one.
        assert_eq!(check("a\n\rb").lines.len(), 3);
    }

    #[test]
    fn bom_offsets() {
        let t = "\u{feff}Title\nBody text.";
        let a = check(t);
        assert_eq!(a.lines[0].span, Span::new(3, 8));
        assert_eq!(a.lines[1].span, Span::new(9, 19));
        assert_eq!(a.paragraphs[0].span, Span::new(3, 8));
        assert_eq!(a.sentences[1], Span::new(9, 19));
        assert_eq!(a.line_of(0), 0);
        assert_eq!(a.line_of(8), 0);
        assert_eq!(a.line_of(9), 1);
        let only = check("\u{feff}");
        assert_eq!(only.lines[0].span, Span::new(3, 3));
        assert!(only.paragraphs.is_empty());
    }

    #[test]
    fn empty_and_whitespace_only() {
        for t in ["", " ", "\n", "\r\n\r\n", " \t\u{a0}\n  \n"] {
            let a = check(t);
            assert!(a.blocks.is_empty() && a.paragraphs.is_empty() && a.sentences.is_empty());
            assert!(a.lines.iter().all(|l| l.blank));
            assert_eq!(a.word_count(), 0);
        }
        assert_eq!(check("").lines.len(), 1);
        assert_eq!(check("\n").lines.len(), 1);
    }

    #[test]
    fn final_newline_optional() {
        assert_eq!(check("Last line.").lines.len(), 1);
        assert_eq!(check("Last line.\n").lines.len(), 1);
        assert_eq!(check("Last line.\n\n").lines.len(), 2);
        assert_eq!(check("Last line.\n").line_of(10), 0);
        assert_eq!(check("Last line.\n").line_of(99), 0);
    }

    #[test]
    fn indented_lines_are_trimmed() {
        let t = "\t  Indented start. More here.  \n";
        let a = check(t);
        assert_eq!(a.lines[0].span, Span::new(0, 31));
        assert_eq!(a.blocks[0].span, Span::new(3, 29));
        assert_eq!(sents(t), ["Indented start.", "More here."]);
    }

    #[test]
    fn accessors_are_total() {
        let a = Article::parse("héllo");
        assert_eq!(a.slice(Span::new(0, 2)), "");
        assert_eq!(a.slice(Span::new(3, 99)), "");
        assert_eq!(a.slice(Span::new(0, 3)), "hé");
        assert_eq!(a.line_text(5), "");
    }

    #[test]
    fn finds_the_first_byte_that_may_begin_a_terminal() {
        for text in
            ["", "abc", "a.b", "no stop here at all", "x…", "1234567.9", "12345678!", "abcdefgh ijklmno?", "…", "—"]
        {
            let expected = text.bytes().position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2));
            assert_eq!(first_terminal_lead(text.as_bytes()), expected, "{text:?}");
        }
        let mut bytes = vec![b'a'; 40];
        for at in 0..40 {
            for b in [b'.', b'!', b'?', 0xE2] {
                bytes[at] = b;
                bytes[39] = b'.';
                assert_eq!(first_terminal_lead(&bytes), Some(at), "{at} {b}");
                bytes[at] = b'a';
            }
        }
    }

    #[test]
    fn word_counting() {
        let a = Article::parse("Don’t panic: the well-known U.S. firm paid $3.5 million (1,200 jobs) — naïve? 東京 ok");
        // Don’t, panic, the, well-known, U, S, firm, paid, 3.5, million, 1,200, jobs,
        // naïve, 東京, ok
        assert_eq!(a.word_count(), 15);
        assert_eq!(Article::parse("nai\u{308}ve rock - roll 'quoted'").word_count(), 4);
    }

    #[test]
    fn line_of_from_any_line_finds_the_line_line_of_does() {
        let a = Article::parse("ab\n\ncd\r\nef\rgh\n\n\nlast");
        for byte in 0..a.text.len() + 2 {
            for from in 0..a.lines.len() + 1 {
                assert_eq!(a.line_of_from(byte, from), a.line_of(byte), "byte {byte} from line {from}");
            }
        }
    }

    #[test]
    fn line_heads_hold_each_trimmed_line_and_its_first_bytes() {
        let a = Article::parse("  Advertisement \n\n\u{a0}é x\nab\n");
        let head = |n: usize| a.line_head(n);
        assert_eq!(head(0).trimmed, Span::new(2, 15));
        assert_eq!(head(0).head, u64::from_le_bytes(*b"Advertis"));
        assert_eq!((head(1).trimmed.len(), head(1).head), (0, 0));
        assert_eq!(a.slice(head(2).trimmed), "é x");
        assert_eq!(head(3).head, u64::from(u16::from_le_bytes(*b"ab")));
        assert_eq!(head(9).trimmed, Span::new(a.text.len(), a.text.len()), "past the end: empty");
    }

    #[test]
    fn fingerprints_are_those_of_each_text_after_its_list_marker() {
        let t = "123. Foo bar. Baz qux.\n- 12. Foo bar.\n· Item one. 2. Two.\n– Dash item\n1.\tTab marker. Next one.\n\
                 It’s “quoted.” Co-op's 3.5% rise! Then… Ünïcödé wörds end.";
        let a = check(t);
        let f = a.fingerprints();
        assert_eq!(f.paragraphs.len(), a.paragraphs.len());
        assert_eq!(f.sentences.len(), a.sentences.len());
        for (p, para) in a.paragraphs.iter().enumerate() {
            assert_eq!(f.paragraphs[p], normalized_fingerprint(strip_list_marker(a.slice(para.span))), "{p}");
        }
        for (s, &span) in a.sentences.iter().enumerate() {
            assert_eq!(f.sentences[s], normalized_fingerprint(strip_list_marker(a.slice(span))), "{s}");
        }
    }

    // --- robustness ------------------------------------------------------------------

    const TRICKY: &str = "\u{feff}Sen. J.R. Ode (D-Calif.) said “Why?” she asked… U.S. Inc. 3.5% $1.00 p.m.\r\n\r- 1. e\u{301} 😀 東京 שלום\u{a0}\t...! ?” ) Mr.\n\nEnd.";

    #[test]
    fn every_truncation_and_suffix_of_a_tricky_sample() {
        for (i, _) in TRICKY.char_indices().chain([(TRICKY.len(), ' ')]) {
            check(&TRICKY[..i]);
            check(&TRICKY[i..]);
        }
    }

    #[test]
    fn random_mixes_of_tricky_pieces() {
        const PIECES: &[&str] = &[
            "Mr.", "U.S.", "a.m.", "Inc.", " ", " ", "  ", "\n", "\r\n", "\r", ".", "...", "…", "?", "!", "”", "“",
            "\"", "'", "’", "(", ")", "]", "The", "she", "x", "e\u{301}", "😀", "東京", "שלום", "\u{a0}", "\t",
            "\u{feff}", "- ", "1. ", "3.5", "No.", "A", "Calif.", ":", "word", "Word", "$", "7",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..600 {
            let len = (next() % 40) as usize;
            let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            check(&text);
        }
    }

    /// Long degenerate inputs parse completely. (Speed is measured by `cargo bench`,
    /// never asserted in a test.)
    #[test]
    fn long_single_lines_parse() {
        let unit = "Sen. Ortiz said the U.S. Embassy at 9 a.m. paid $3.50... and then left. ";
        let text = unit.repeat(1_000_000 / unit.len());
        let a = Article::parse(&text);
        assert_eq!(a.lines.len(), 1);
        assert_eq!(a.sentences.len(), 1_000_000 / unit.len());
        let blob = format!("Acme Inc. {}. End.", "a".repeat(500_000));
        for text in [blob, ".".repeat(500_000), ". ".repeat(200_000)] {
            assert!(!Article::parse(&text).sentences.is_empty());
        }
    }
}
