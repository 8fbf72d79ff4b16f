//! Small text helpers shared by the engines: word boundaries, case transfer, line shape.

use std::borrow::Cow;

/// True when `c` can be part of a word, so a match next to it is not on a word boundary.
pub fn is_word_char(c: char) -> bool {
    is_alphanumeric(c) || c == '_'
}

/// `char::is_alphanumeric`, with a shortcut for the punctuation news copy is full of
/// (curly quotes, dashes, ellipses: the General Punctuation block, which holds no letter
/// or digit), which the standard library finds by a table search every time.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
    }
}

/// Byte offsets where a word starts: a word character (see [`is_word_char`]) with none
/// before it, in order. One forward scan; ASCII bytes are judged from a table, others
/// decoded.
pub fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let (mut i, mut prev_is_word) = (0, false);
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (at, b) = (i, bytes[i]);
            let (is_word, width) = if b.is_ascii() {
                (ascii_is(b, WORD_CHAR), 1)
            } else {
                let c = text[i..].chars().next().expect("a char boundary");
                (is_word_char(c), c.len_utf8())
            };
            let starts = is_word && !prev_is_word;
            prev_is_word = is_word;
            i += width;
            // The rest of an ASCII word starts nothing: skip it in a tight loop.
            while is_word && i < bytes.len() && ascii_is(bytes[i], WORD_CHAR) {
                i += 1;
            }
            if starts {
                return Some(at);
            }
        }
        None
    })
}

/// [`ASCII_CLASS`] bit: a word character ([`is_word_char`]): a letter, digit or `_`.
const WORD_CHAR: u8 = 1;
/// [`ASCII_CLASS`] bit: a letter or digit, the stuff of [`words`].
const ALNUM: u8 = 2;
/// [`ASCII_CLASS`] bit: a digit.
const DIGIT: u8 = 4;

/// The class bits of every ASCII byte (other bytes have none: their characters need
/// decoding), so scans over whole texts decide with one load.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            DIGIT | ALNUM | WORD_CHAR
        } else if c.is_ascii_alphabetic() {
            ALNUM | WORD_CHAR
        } else if c == b'_' {
            WORD_CHAR
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Whether byte `b` is an ASCII byte of the class `bit`.
#[inline]
fn ascii_is(b: u8, bit: u8) -> bool {
    ASCII_CLASS[usize::from(b)] & bit != 0
}

/// True when `start..end` of `text` begins and ends on word boundaries.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)),
        _ => true,
    };
    let right_ok = match (last, after) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)),
        _ => true,
    };
    left_ok && right_ok
}

/// The words of `s`: runs of alphanumeric characters, with inner apostrophes and hyphens.
pub fn words(s: &str) -> Words<'_> {
    Words { text: s, pos: 0 }
}

/// Iterator behind [`words`]: one forward scan, no allocation.
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// A word as [`words`] finds it, with what the scan learnt of its bytes on the way, so
/// callers hashing every word of an article need not look at them again.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Every byte is ASCII: lower-casing is a bit operation, and bytes count characters.
    pub ascii: bool,
    /// Holds an ASCII digit.
    pub ascii_digit: bool,
}

/// What [`Word::digest_and_digit`] learns of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digested {
    pub digest: u64,
    pub has_digit: bool,
    pub ascii: bool,
}

impl Word<'_> {
    /// A case-blind hash of the word, with a curly apostrophe as a straight one (as
    /// [`normalized_key`] spells it): an ASCII word hashed in place, any other lowered
    /// first.
    pub fn digest(&self) -> u64 {
        let mut hash = WordHasher::default();
        if self.ascii {
            hash.word(self.text.as_bytes(), ASCII_LOWER);
        } else {
            hash.word(lowered(self.text).collect::<String>().as_bytes(), 0);
        }
        hash.finish()
    }

    /// [`Word::digest`] and [`Word::has_digit`] of `word`, a word of [`words`], and
    /// whether it is ASCII: for an ASCII word, from one pass over its bytes, eight at a
    /// time. (A byte loop to learn whether the word is ASCII and holds a digit cost more
    /// than the hash.)
    pub fn digest_and_digit(word: &'_ str) -> Digested {
        let (mut high, mut digits) = (0, 0);
        let mut hash = WordHasher::default();
        hash.word_seeing(word.as_bytes(), ASCII_LOWER, |bytes| {
            high |= bytes & LANE_HIGH;
            digits |= digit_lanes(bytes);
        });
        if high == 0 {
            return Digested { digest: hash.finish(), has_digit: digits != 0, ascii: true };
        }
        let word = Word { text: word, ascii: false, ascii_digit: false };
        Digested { digest: word.digest(), has_digit: word.has_digit(), ascii: false }
    }

    /// [`Word::digest_and_digit`] of the word `start..end` of `text`. A word shorter than
    /// eight bytes (most are) is read in one load of the eight bytes from its start, when
    /// the text runs that far, and hashed in one step: the general path cost 88
    /// instructions a word, and every word of an article is hashed.
    #[inline]
    pub fn digest_and_digit_at(text: &str, start: usize, end: usize) -> Digested {
        let len = end - start;
        if len < 8
            && let Some(window) = text.as_bytes().get(start..start + 8)
        {
            let inside = !(u64::MAX << (8 * len));
            let bytes = u64::from_le_bytes(window.try_into().expect("8 bytes")) & inside;
            if bytes & LANE_HIGH == 0 {
                let mut hash = WordHasher::default();
                hash.last_chunk(bytes, ASCII_LOWER, len);
                return Digested { digest: hash.finish(), has_digit: digit_lanes(bytes) != 0, ascii: true };
            }
        }
        Word::digest_and_digit(&text[start..end])
    }

    /// The number of characters.
    pub fn char_count(&self) -> usize {
        if self.ascii { self.text.len() } else { self.text.chars().count() }
    }

    /// Holds a digit (a numeric character).
    pub fn has_digit(&self) -> bool {
        if self.ascii { self.ascii_digit } else { self.text.chars().any(char::is_numeric) }
    }
}

fn is_joiner(c: char) -> bool {
    c == '\'' || c == '’' || c == '-'
}

/// The character at byte `i` of `s` and its length, decoding only non-ASCII bytes: the
/// word scanners below run over every byte of every article.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        let c = s[i..].chars().next()?;
        Some((c, c.len_utf8()))
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    #[inline]
    fn next(&mut self) -> Option<Word<'a>> {
        let (s, bytes) = (self.text, self.text.as_bytes());
        let mut i = self.pos;
        // Skip to the first letter or digit; ASCII bytes are judged without decoding.
        let start = loop {
            let b = *bytes.get(i)?;
            if ascii_is(b, ALNUM) {
                break i;
            }
            if b < 0x80 {
                i += 1;
                continue;
            }
            let (c, len) = char_at(s, i)?;
            if is_alphanumeric(c) {
                break i;
            }
            i += len;
        };
        // The word ends after a letter or digit: a joiner is taken only with one after it.
        let (mut classes, mut ascii) = (0, true);
        loop {
            while let Some(&class) = bytes.get(i).map(|&b| &ASCII_CLASS[usize::from(b)]).filter(|&&c| c & ALNUM != 0) {
                classes |= class;
                i += 1;
            }
            // Most words end at a space or punctuation: decide those without decoding.
            if bytes.get(i).is_none_or(|&b| b.is_ascii() && b != b'\'' && b != b'-') {
                break;
            }
            let Some((c, len)) = char_at(s, i) else { break };
            if !(is_alphanumeric(c) || is_joiner(c) && char_at(s, i + len).is_some_and(|(n, _)| is_alphanumeric(n))) {
                break;
            }
            ascii &= len == 1;
            i += len;
        }
        self.pos = i;
        Some(Word { text: &s[start..i], ascii, ascii_digit: classes & DIGIT != 0 })
    }
}

/// A `HashMap` hasher for keys that are fingerprints already: hashing them again with
/// SipHash would cost more than the lookup.
#[derive(Default, Clone, Copy)]
pub struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Builds [`PreHashed`] hashers, for `HashMap<u64, _, BuildPreHashed>`.
pub type BuildPreHashed = std::hash::BuildHasherDefault<PreHashed>;

/// The number of [`words`] (this runs on every line of every article): the word scan's
/// tight loops beat a character-at-a-time count.
pub fn word_count(s: &str) -> usize {
    words(s).count()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CaseShape {
    Lower,
    Upper,
    Title,
    Mixed,
}

fn case_shape(word: &str) -> CaseShape {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return CaseShape::Lower };
    let (mut more, mut rest_lower, mut rest_upper) = (false, true, true);
    for c in letters {
        (more, rest_lower, rest_upper) = (true, rest_lower && c.is_lowercase(), rest_upper && c.is_uppercase());
    }
    match (first.is_lowercase(), first.is_uppercase()) {
        (true, _) if rest_lower => CaseShape::Lower,
        (_, true) if more && rest_upper => CaseShape::Upper,
        (_, true) if rest_lower => CaseShape::Title,
        _ => CaseShape::Mixed,
    }
}

/// Appends `word` in `shape` to `out`.
fn push_shaped(out: &mut String, word: &str, shape: CaseShape) {
    /// Small words a table may capitalise that only a name's start capitalises.
    const MINOR: [&str; 5] = ["the", "a", "an", "of", "and"];
    match shape {
        CaseShape::Upper => out.extend(word.chars().flat_map(char::to_uppercase)),
        CaseShape::Title => push_capitalized(out, word),
        // Keep the table's own spelling: it may hold a proper noun ("Americans"), but a
        // capitalised article or preposition only capitalises a name at its start. (Only
        // an ASCII word lower-cases to one of these.)
        CaseShape::Lower => out.push_str(MINOR.iter().find(|m| word.eq_ignore_ascii_case(m)).unwrap_or(&word)),
        CaseShape::Mixed => out.push_str(word),
    }
}

/// Upper-cases the first letter of `word`.
pub fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_capitalized(&mut out, word);
    out
}

/// Appends `word` to `out` with its first letter upper-cased.
fn push_capitalized(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// Gives `replacement` the letter case of `found`, the text it replaces, as typos does:
/// "The Related Press" -> "The Associated Press", "RELATED PRESS" -> "ASSOCIATED PRESS",
/// "Suppose tank" -> "Think tank". Words of the replacement that carry capitals in the table
/// (proper nouns) keep them.
pub fn match_case(found: &str, replacement: &str) -> String {
    // Written into one string: this runs for every finding with a suggestion, and a list
    // and a string per word cost 6,000 instructions a call.
    let curly = replacement.contains('\'') && found.contains('’');
    let replacement = if curly { Cow::Owned(replacement.replace('\'', "’")) } else { Cow::Borrowed(replacement) };
    let (mut letters, mut all_upper) = (0, true);
    for c in found.chars().filter(|c| c.is_alphabetic()) {
        (letters, all_upper) = (letters + 1, all_upper && c.is_uppercase());
    }
    if letters > 1 && all_upper {
        return replacement.to_uppercase();
    }
    let shapes: Vec<CaseShape> = found.split_whitespace().map(case_shape).collect();
    let all_title = shapes.len() > 1 && shapes.iter().all(|s| *s == CaseShape::Title);
    let same_length = replacement.split(' ').count() == shapes.len();
    let mut out = String::with_capacity(replacement.len() + 4);
    for (i, w) in replacement.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let shape = if same_length || all_title {
            shapes.get(i).copied().unwrap_or(CaseShape::Title)
        } else if i == 0 {
            shapes.first().copied().unwrap_or(CaseShape::Lower)
        } else {
            CaseShape::Lower
        };
        match shape {
            CaseShape::Upper if !same_length => push_capitalized(&mut out, w),
            _ => push_shaped(&mut out, w, shape),
        }
    }
    out
}

/// True when the line ends the way a sentence does (. ! ? … or : ; possibly inside closers).
pub fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end().trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Lower-cased alphanumeric words joined by single spaces: the key under which two
/// paragraphs or lines count as "the same text".
pub fn normalized_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    for w in words(s) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(lowered(w.text));
    }
    key
}

/// The words of a text under [`normalized_key`] equality, hashed, with their number and
/// the number of them holding a digit: what the duplicate checks compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    pub hash: u64,
    pub words: usize,
    pub numeric: usize,
}

/// Builds a [`Fingerprint`] a word at a time, so one scan of a paragraph can feed the
/// paragraph's fingerprint and its sentences', each word hashed once ([`Word::digest`]).
#[derive(Default)]
pub struct FingerprintBuilder {
    hash: WordHasher,
    words: usize,
    numeric: usize,
}

impl FingerprintBuilder {
    /// Adds the next word, given as its [`Word::digest`] and whether it holds a digit.
    pub fn push(&mut self, digest: u64, has_digit: bool) {
        self.hash.mix(digest);
        self.words += 1;
        self.numeric += usize::from(has_digit);
    }

    pub fn finish(&self) -> Fingerprint {
        Fingerprint { hash: self.hash.finish(), words: self.words, numeric: self.numeric }
    }
}

/// The [`Fingerprint`] of `s`.
pub fn normalized_fingerprint(s: &str) -> Fingerprint {
    let mut fingerprint = FingerprintBuilder::default();
    for w in words(s) {
        fingerprint.push(w.digest(), w.has_digit());
    }
    fingerprint.finish()
}

/// The characters of a word as [`normalized_key`] compares them: lower-cased, with a curly
/// apostrophe as a straight one.
fn lowered(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c })
}

/// The top bit of every byte lane of a `u64`, for tests on eight bytes at once.
pub(crate) const LANE_HIGH: u64 = 0x8080_8080_8080_8080;
/// The low bit of every byte lane of a `u64`: times a byte, that byte in every lane.
pub(crate) const LANE_LOW: u64 = 0x0101_0101_0101_0101;

/// The top bit of each byte lane of `bytes` that holds an ASCII digit: exact for lanes
/// below 0x80 (callers check for others and do not use the answer then).
#[inline(always)]
fn digit_lanes(bytes: u64) -> u64 {
    // Adding 0x80 - b'0' reaches 0x80 from b'0' up; adding 0x7f - b'9' only above b'9'.
    let above = |b: u8| bytes.wrapping_add(LANE_LOW * u64::from(b));
    above(0x80 - b'0') & !above(0x7f - b'9') & LANE_HIGH
}

/// In an ASCII word (letters, digits, `'` and `-`) every byte has bit 5 set except the
/// capitals, so OR-ing 0x20 into each byte lower-cases it exactly.
const ASCII_LOWER: u8 = 0x20;

/// A 64-bit multiply-xor hash fed eight bytes at a time. Fingerprints are compared within
/// one article only, so speed matters more than resistance to crafted collisions. As a
/// [`std::hash::Hasher`] ([`BuildWordHasher`]) it hashes keys that are the program's own
/// (the phrase tables' phrases), where SipHash cost more than the lookup.
#[derive(Default)]
pub struct WordHasher {
    state: u64,
    len: u64,
}

impl WordHasher {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    fn mix(&mut self, chunk: u64) {
        self.state = (self.state ^ chunk).wrapping_mul(Self::K).rotate_left(29);
    }

    /// Hashes one word, OR-ing `mask` into every byte. With [`ASCII_LOWER`] on an ASCII
    /// word this lower-cases it exactly; a word that is lower-case already takes mask 0 and
    /// hashes the same as its ASCII twin. Words are kept apart by their lengths.
    fn word(&mut self, word: &[u8], mask: u8) {
        self.word_seeing(word, mask, |_| {});
    }

    /// [`WordHasher::word`], showing `seen` each eight bytes it loads (before the mask; the
    /// last ones zero-padded), so a caller can learn about the bytes in the same pass.
    #[inline(always)]
    fn word_seeing(&mut self, word: &[u8], mask: u8, mut seen: impl FnMut(u64)) {
        let mut chunks = word.chunks_exact(8);
        for c in &mut chunks {
            let bytes = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            seen(bytes);
            self.mix(bytes | u64::from_ne_bytes([mask; 8]));
        }
        let tail = chunks.remainder();
        let bytes = load_short(tail);
        seen(bytes);
        self.last_chunk(bytes, mask, word.len());
    }

    /// Ends a word of `len` bytes whose last `len % 8` bytes are `bytes` (zero-padded).
    #[inline(always)]
    fn last_chunk(&mut self, bytes: u64, mask: u8, len: usize) {
        let tail_mask = u64::from_ne_bytes([mask; 8]) & !(u64::MAX << (8 * (len % 8)));
        self.mix((bytes | tail_mask) ^ ((len as u64) << 56));
        self.len += 1;
    }

    fn finish(&self) -> u64 {
        let mut h = self.state ^ self.len.wrapping_mul(Self::K);
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^ (h >> 33)
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        WordHasher::finish(self)
    }
    fn write(&mut self, bytes: &[u8]) {
        self.word(bytes, 0);
    }
}

/// The bytes of `tail` (fewer than eight) as a little-endian `u64`, in at most three
/// loads: most words end in such a tail, and a byte loop cost more than the hashing.
fn load_short(tail: &[u8]) -> u64 {
    let n = tail.len();
    let read4 = |at: usize| u64::from(u32::from_le_bytes(tail[at..at + 4].try_into().expect("4 bytes")));
    match n {
        // Two overlapping reads: the bytes they share are the same bytes.
        4.. => read4(0) | read4(n - 4) << (8 * (n - 4)),
        1.. => u64::from(tail[0]) | u64::from(tail[n / 2]) << (8 * (n / 2)) | u64::from(tail[n - 1]) << (8 * (n - 1)),
        0 => 0,
    }
}

/// Builds [`WordHasher`]s, for `HashMap`s keyed by byte strings.
pub type BuildWordHasher = std::hash::BuildHasherDefault<WordHasher>;

/// The first `len` (at most 8) bytes of `bytes`, with 0x20 OR-ed into each, as one `u64`
/// spread by an odd multiplier and folded: a lookup key for "does a known string start
/// here?" that ignores ASCII case. Texts equal but for ASCII case get the same key; other bytes collide
/// only with each other ("[" with "{"), which costs a lookup, never a wrong match, since
/// callers compare the candidates themselves.
#[inline]
pub fn case_folded_prefix_key(bytes: &[u8], len: usize) -> u64 {
    debug_assert!(len <= 8 && len <= bytes.len(), "a key holds at most eight bytes of the text");
    folded_key(first_eight(bytes) & low_bytes(len))
}

/// The first eight bytes of `bytes` as a little-endian `u64`, zero-padded when there are
/// fewer. Phrase tables and line gates load a text's start so, once, where a copy of a
/// variable length was a call to `memcpy`.
#[inline(always)]
pub(crate) fn first_eight(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(&eight) => u64::from_le_bytes(eight),
        None => {
            let mut eight = [0u8; 8];
            eight[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(eight)
        }
    }
}

/// The low `len` bytes (at most 8) of a `u64` set, the others clear.
#[inline(always)]
pub(crate) fn low_bytes(len: usize) -> u64 {
    if len >= 8 { u64::MAX } else { (1 << (8 * len)) - 1 }
}

/// [`case_folded_prefix_key`] of the bytes in `word` (little-endian, the bytes past the
/// key's length zero), for a caller that has loaded them itself.
#[inline(always)]
pub(crate) fn folded_key(word: u64) -> u64 {
    let spread = (word | u64::from_le_bytes([ASCII_LOWER; 8])).wrapping_mul(WordHasher::K);
    // A product's low bits depend only on the factor's low bits (the first bytes), and
    // hash tables pick a bucket by the low bits: fold the high half (bytes 0-5) into them
    // so that keys starting alike ("th") spread over buckets.
    spread ^ (spread >> 32)
}

/// Strips a list marker ("- ", "* ", "• ", "1. ", "2) ") from the start of a line.
pub fn strip_list_marker(line: &str) -> &str {
    let t = line.trim_start();
    for marker in ["- ", "* ", "• ", "· ", "– ", "— "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits < 3 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r.trim_start();
        }
    }
    t
}

/// True when the line starts with a list marker.
pub fn has_list_marker(line: &str) -> bool {
    strip_list_marker(line).len() != line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-pass digest and digit test agree with the word's own.
        #[test]
        fn digest_and_digit_match_the_words(text in "([a1Z9'\\-]{0,20}[’é٣Ⅻ]?){0,3}") {
            for w in words(&text) {
                let expected = Digested { digest: w.digest(), has_digit: w.has_digit(), ascii: w.ascii };
                proptest::prop_assert_eq!(Word::digest_and_digit(w.text), expected, "{}", w.text);
                let start = w.text.as_ptr() as usize - text.as_ptr() as usize;
                let at = Word::digest_and_digit_at(&text, start, start + w.text.len());
                proptest::prop_assert_eq!(at, expected, "{} at {}", w.text, start);
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in ('\u{2000}'..='\u{206F}').chain(['a', 'Z', '7', 'é', '٣', '’', '—', '_', ' ']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Fingerprints agree exactly when the normalized keys do, across the ASCII fast path
    /// and the decoded one.
    #[test]
    fn fingerprints_follow_normalized_keys() {
        let same = [("It’s 3.5 MILES", "it's 3 5 miles"), ("Café Déjà-vu!", "café  DÉJÀ-VU"), ("a b", "A\nb")];
        for (a, b) in same {
            assert_eq!(normalized_key(a), normalized_key(b));
            assert_eq!(normalized_fingerprint(a), normalized_fingerprint(b), "{a:?} vs {b:?}");
        }
        let different = [("ab", "a b"), ("café", "cafe"), ("it's", "its"), ("abcdefgh", "abcdefghi")];
        for (a, b) in different {
            assert_ne!(normalized_fingerprint(a).hash, normalized_fingerprint(b).hash, "{a:?} vs {b:?}");
        }
        let fingerprint = |w: &str| words(w).next().unwrap().digest();
        assert_eq!(fingerprint("It’s"), fingerprint("it's"));
        let fingerprint = normalized_fingerprint("Two words, 1 digit");
        assert_eq!(
            (fingerprint.hash, fingerprint.words, fingerprint.numeric),
            (normalized_fingerprint("two WORDS 1 digit").hash, 4, 1)
        );
    }

    #[test]
    fn words_carry_what_their_scan_saw() {
        let w: Vec<Word> = words("Café 3rd it’s x-1").collect();
        let flags: Vec<(bool, bool, usize)> = w.iter().map(|w| (w.ascii, w.has_digit(), w.char_count())).collect();
        assert_eq!(flags, [(false, false, 4), (true, true, 3), (false, false, 4), (true, true, 3)]);
        // Every tail length hashes case-blind and tells its last byte apart.
        let fingerprint = |w: &str| words(w).next().unwrap().digest();
        let long = "AbCdEfGhIjKlMnOpQ";
        for n in 1..=long.len() {
            let (w, last_changed) = (&long[..n], format!("{}z", &long[..n - 1]));
            assert_eq!(fingerprint(w), fingerprint(&w.to_lowercase()), "{w}");
            assert_ne!(fingerprint(w), fingerprint(&last_changed), "{w}");
        }
    }

    /// `match_case` as it was first written (a list and a string per word), to hold the
    /// one-string version to the same answers.
    fn match_case_as_first_written(found: &str, replacement: &str) -> String {
        let replacement = &if replacement.contains('\'') && found.contains('’') {
            replacement.replace('\'', "’")
        } else {
            replacement.to_string()
        };
        let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
            return replacement.to_uppercase();
        }
        let shape = |word: &str| {
            let l: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            if l.is_empty() || l.iter().all(|c| c.is_lowercase()) {
                CaseShape::Lower
            } else if l.len() > 1 && l.iter().all(|c| c.is_uppercase()) {
                CaseShape::Upper
            } else if l[0].is_uppercase() && l[1..].iter().all(|c| c.is_lowercase()) {
                CaseShape::Title
            } else {
                CaseShape::Mixed
            }
        };
        let capitalize = |w: &str| {
            let mut chars = w.chars();
            chars.next().map(|f| f.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        };
        let shapes: Vec<CaseShape> = found.split_whitespace().map(shape).collect();
        let all_title = shapes.len() > 1 && shapes.iter().all(|s| *s == CaseShape::Title);
        let words: Vec<&str> = replacement.split(' ').collect();
        let same_length = words.len() == shapes.len();
        let shaped = words.iter().enumerate().map(|(i, w)| {
            let shape = match (same_length || all_title, i) {
                (true, _) => shapes.get(i).copied().unwrap_or(CaseShape::Title),
                (false, 0) => shapes.first().copied().unwrap_or(CaseShape::Lower),
                _ => CaseShape::Lower,
            };
            match shape {
                CaseShape::Upper if !same_length => capitalize(w),
                CaseShape::Upper => w.to_uppercase(),
                CaseShape::Title => capitalize(w),
                CaseShape::Lower if ["the", "a", "an", "of", "and"].contains(&w.to_lowercase().as_str()) => {
                    w.to_lowercase()
                }
                CaseShape::Lower | CaseShape::Mixed => w.to_string(),
            }
        });
        shaped.collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        #[test]
        fn match_case_answers_as_first_written(
            found in proptest::collection::vec(proptest::sample::select(CASE_WORDS), 0..5),
            gaps in proptest::collection::vec(proptest::sample::select(&[" ", "  ", "\t", " - "][..]), 5),
            replacement in proptest::collection::vec(proptest::sample::select(CASE_WORDS), 0..5),
        ) {
            let found: String = found.iter().zip(&gaps).map(|(w, gap)| format!("{w}{gap}")).collect();
            let replacement = replacement.join(" ");
            proptest::prop_assert_eq!(match_case(&found, &replacement), match_case_as_first_written(&found, &replacement));
        }
    }

    /// Words of every case shape, minor words among them, and letters whose case is not
    /// ASCII's ("ß", "ſ", the Kelvin sign, "İ", a letter without case).
    const CASE_WORDS: &[&str] = &[
        "the",
        "The",
        "THE",
        "a",
        "A",
        "an",
        "An",
        "AN",
        "and",
        "And",
        "of",
        "OF",
        "press",
        "Press",
        "PRESS",
        "McCain",
        "it's",
        "It’s",
        "x",
        "X",
        "ß",
        "ſ",
        "\u{212A}ing",
        "İstanbul",
        "中国",
        "café",
        "CAFÉ",
        "Éta",
        "3rd",
        "",
    ];

    #[test]
    fn case_is_carried_over() {
        assert_eq!(match_case("The Related Press", "the associated press"), "The Associated Press");
        assert_eq!(match_case("related press", "associated press"), "associated press");
        assert_eq!(match_case("RELATED PRESS", "associated press"), "ASSOCIATED PRESS");
        assert_eq!(match_case("Suppose tank", "think tank"), "Think tank");
        assert_eq!(
            match_case("Take issues into their very own palms", "take matters into their own hands"),
            "Take matters into their own hands"
        );
        assert_eq!(match_case("For the reason that", "since"), "Since");
        assert_eq!(match_case("individuals", "Americans"), "Americans");
        assert_eq!(match_case("the Related Press", "The Associated Press"), "the Associated Press");
        assert_eq!(match_case("nation’s", "country's"), "country’s");
    }

    #[test]
    fn word_starts_follow_word_characters() {
        for text in ["", "a", " ab_c d", "é1 (x) ÿ—z", "Don’t stop-me…now", "東京 ok\u{301}x", "__ 9"] {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let naive: Vec<usize> = (0..chars.len())
                .filter(|&k| is_word_char(chars[k].1) && (k == 0 || !is_word_char(chars[k - 1].1)))
                .map(|k| chars[k].0)
                .collect();
            assert_eq!(word_starts(text).collect::<Vec<_>>(), naive, "{text:?}");
        }
    }

    #[test]
    fn prefix_keys_ignore_ascii_case_and_what_follows() {
        let key = case_folded_prefix_key;
        assert_eq!(key(b"Rel", 3), key(b"related press", 3), "short input takes the copying path");
        assert_eq!(key(b"THE RELATED", 8), key(b"the related", 8));
        assert_ne!(key(b"the rela", 8), key(b"the relb", 8));
        assert_eq!(key(b"", 0), key(b"anything", 0));
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let w: Vec<&str> = words("“Don’t,” said the well-known co-op's -- chief; 3.5 ok' -x").map(|w| w.text).collect();
        assert_eq!(w, ["Don’t", "said", "the", "well-known", "co-op's", "chief", "3", "5", "ok", "x"]);
    }

    #[test]
    fn boundaries() {
        let t = "thinktank think tank";
        assert!(!on_word_boundaries(t, 0, 5));
        assert!(on_word_boundaries(t, 10, 20));
    }

    #[test]
    fn list_markers() {
        assert_eq!(strip_list_marker("- Item one"), "Item one");
        assert_eq!(strip_list_marker("12. Item"), "Item");
        assert_eq!(strip_list_marker("2025. Year"), "2025. Year");
        assert!(!has_list_marker("Plain line"));
    }
}
