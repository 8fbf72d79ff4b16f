//! Where the words of a text start and end, found in one pass and kept as bitmaps, one bit
//! per byte: every rule that asks about words (how many on a line, which ones in a
//! paragraph, where a phrase could start) reads bits instead of scanning the text again.
//!
//! Why: the article was scanned for words five times (the word count, the count of each
//! line, the duplicate fingerprints, the FAQ's content words, the phrase tables' probe
//! points), at 12 to 25 instructions a byte each: together a third of linting a long
//! text. Here, sixty-four ASCII bytes are classified at once (SSE2 on x86_64) and the
//! word boundaries follow from the classes of each byte and the two around it, by shifts
//! and masks. Only the stretch around a non-ASCII character, out to the nearest ASCII
//! whitespace on each side, is scanned a character at a time, by the very functions
//! whose results the bitmaps stand for ([`words`], [`count_words`]); whitespace ends every
//! word and joins nothing, so the stretches split nothing that either would join.
//!
//! Three bitmaps of a bit per byte take 0.375 bytes per byte of text; the list of word
//! starts they replace took 4 bytes per word (about 0.65 a byte).

use crate::article::count_words;
use crate::text::{LANE_HIGH, word_starts, words};

/// The words of a text, as bitmaps over its bytes ([`WordMap::new`]).
#[derive(Debug, Clone)]
pub struct WordMap {
    /// Bit `i`: a word of [`words`] starts at byte `i`.
    starts: Vec<u64>,
    /// Bit `i`: a word of [`words`] ends at byte `i` (the byte after its last one).
    ends: Vec<u64>,
    /// Bit `i`: a run of word characters ([`crate::text::is_word_char`]) starts at byte `i`, where a
    /// phrase of a phrase table can start.
    word_char_starts: Vec<u64>,
    /// Words as the article counts them ([`count_words`]).
    counted: usize,
}

/// The byte classes of 64 ASCII bytes, one bit per byte (bit `k` is byte `k`).
#[derive(Clone, Copy, Default)]
struct Classes {
    alnum: u64,
    /// `'` and `-`: join the letters or digits on both sides into one word.
    joiner: u64,
    underscore: u64,
    /// `.` and `,`: join two digits into one counted word ("3.5").
    separator: u64,
    digit: u64,
}

impl WordMap {
    /// Maps the words of `text` in one pass.
    pub fn new(text: &str) -> WordMap {
        let bytes = text.as_bytes();
        // One bit per byte and one for the end of the text, and a word to spare for
        // masks OR-ed in across a word boundary.
        let words_needed = bytes.len() / 64 + 2;
        let mut map = WordMap {
            starts: vec![0; words_needed],
            ends: vec![0; words_needed],
            word_char_starts: vec![0; words_needed],
            counted: 0,
        };
        let mut at = 0;
        while at < bytes.len() {
            let Some(non_ascii) = first_non_ascii(&bytes[at..]).map(|i| at + i) else {
                map.scan_ascii(bytes, at, bytes.len());
                break;
            };
            // The character-at-a-time stretch: from the ASCII whitespace before the
            // non-ASCII byte to the one after it.
            let from = bytes[at..non_ascii].iter().rposition(u8::is_ascii_whitespace).map_or(at, |i| at + i);
            let to = bytes[non_ascii..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |i| non_ascii + i);
            map.scan_ascii(bytes, at, from);
            map.scan_chars(text, from, to);
            at = to;
        }
        map
    }

    /// The number of words of the text as [`count_words`] counts them.
    pub fn counted_words(&self) -> usize {
        self.counted
    }

    /// The number of [`words`] starting in `from..to`.
    pub fn words_starting_in(&self, from: usize, to: usize) -> usize {
        count_bits_in(&self.starts, from, to)
    }

    /// The (start, end) of each of the [`words`] starting in `from..to`, in order. When
    /// `from..to` begins and ends next to a character that is not a letter, digit or
    /// joiner (a line, a paragraph), these are the words of that part of the text. Words
    /// do not nest, so the ends after `from` pair off with the starts: two walks over the
    /// bitmaps side by side.
    pub fn word_spans_in(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        SetBits::new(&self.starts, from, to).zip(SetBits::new(&self.ends, from + 1, self.ends.len() * 64))
    }

    /// Calls `found(start, end)` for each of [`WordMap::word_spans_in`], in order: the
    /// same words, for the loops that visit every word of a document (fingerprints, the
    /// FAQ's content words). Bits are taken a bitmap word at a time, in a loop the caller's
    /// closure is inlined into: through the iterator, the fingerprint loop spent 128
    /// instructions a word.
    #[inline(always)]
    pub fn for_each_word_in(&self, from: usize, to: usize, mut found: impl FnMut(usize, usize)) {
        let mut ends = SetBits::new(&self.ends, from + 1, self.ends.len() * 64);
        for_each_bit(&self.starts, from, to, |start| {
            if let Some(end) = ends.next() {
                found(start, end);
            }
        });
    }

    /// Byte offsets in `from..to` where a run of word characters starts, in order: what
    /// [`crate::text::word_starts`] lists, where phrase tables probe the text.
    pub fn word_char_starts_in(&self, from: usize, to: usize) -> SetBits<'_> {
        SetBits::new(&self.word_char_starts, from, to)
    }

    /// Maps `bytes[from..to]`, all ASCII, with ASCII whitespace (or the text's edge) on
    /// both sides: 64 bytes at a time, each block's ends decided once the next block's
    /// classes are known.
    fn scan_ascii(&mut self, bytes: &[u8], from: usize, to: usize) {
        // The block before, whose ends wait for this block's classes.
        let mut waiting: Option<(usize, Classes)> = None;
        let mut at = from;
        while at < to {
            let classes = match bytes[at..to].first_chunk::<64>() {
                Some(block) => classify(block),
                None => {
                    let mut block = [0u8; 64];
                    block[..to - at].copy_from_slice(&bytes[at..to]);
                    classify(&block)
                }
            };
            if let Some((block_at, block)) = waiting {
                self.map_ends(block_at, &block, &classes);
            }
            let before = waiting.map_or(Classes::default(), |(_, block)| block);
            // Bit k of `x << 1 | before >> 63` is byte k - 1's; of `<< 2`, byte k - 2's.
            let previous_alnum = classes.alnum << 1 | before.alnum >> 63;
            let alnum_two_before = classes.alnum << 2 | before.alnum >> 62;
            let previous_joiner = classes.joiner << 1 | before.joiner >> 63;
            let previous_separator = classes.separator << 1 | before.separator >> 63;
            let digit_two_before = classes.digit << 2 | before.digit >> 62;
            let word_chars = classes.alnum | classes.underscore;
            let previous_word_char = word_chars << 1 | (before.alnum | before.underscore) >> 63;
            let joined = previous_alnum | (previous_joiner & alnum_two_before);
            or_bits_at(&mut self.starts, at, classes.alnum & !joined);
            let counted_joined = joined | (previous_separator & digit_two_before & classes.digit);
            self.counted += (classes.alnum & !counted_joined).count_ones() as usize;
            or_bits_at(&mut self.word_char_starts, at, word_chars & !previous_word_char);
            waiting = Some((at, classes));
            at += 64;
        }
        if let Some((block_at, block)) = waiting {
            self.map_ends(block_at, &block, &Classes::default());
        }
    }

    /// Marks where the words ending in the block at `at` end: after a letter or digit not
    /// followed by another, nor by a joiner with one after it.
    fn map_ends(&mut self, at: usize, block: &Classes, next: &Classes) {
        let next_alnum = block.alnum >> 1 | next.alnum << 63;
        let alnum_two_after = block.alnum >> 2 | next.alnum << 62;
        let next_joiner = block.joiner >> 1 | next.joiner << 63;
        let last = block.alnum & !(next_alnum | (next_joiner & alnum_two_after));
        // A word whose last byte is k ends at k + 1.
        or_bits_at(&mut self.ends, at + 1, last);
    }

    /// Maps `text[from..to]` a character at a time, with the functions the bitmaps stand for.
    fn scan_chars(&mut self, text: &str, from: usize, to: usize) {
        let part = &text[from..to];
        for word in words(part) {
            let start = from + (word.text.as_ptr() as usize - part.as_ptr() as usize);
            set_bit(&mut self.starts, start);
            set_bit(&mut self.ends, start + word.text.len());
        }
        for start in word_starts(part) {
            set_bit(&mut self.word_char_starts, from + start);
        }
        self.counted += count_words(part);
    }
}

/// The classes of 64 ASCII bytes.
#[cfg(target_arch = "x86_64")]
fn classify(block: &[u8; 64]) -> Classes {
    // SAFETY: SSE2 is part of the x86_64 baseline: every CPU this target runs on has it.
    unsafe { classify_sse2(block) }
}

/// [`classify`] sixteen bytes at a time: a comparison per class and byte lane, and the
/// lanes' top bits gathered into a mask.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn classify_sse2(block: &[u8; 64]) -> Classes {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set_epi64x, _mm_set1_epi8,
    };
    let mask = |lanes: __m128i| u64::from(_mm_movemask_epi8(lanes) as u16);
    let equals = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
    // ASCII bytes are below 0x80, so the signed comparisons order them as bytes.
    let within = |v: __m128i, lo: u8, hi: u8| {
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)))
    };
    let mut classes = Classes::default();
    for (k, sixteen) in block.chunks_exact(16).enumerate() {
        let half = |i: usize| u64::from_le_bytes(sixteen[i..i + 8].try_into().expect("8 bytes")) as i64;
        let v = _mm_set_epi64x(half(8), half(0));
        let digit = within(v, b'0', b'9');
        // OR-ing 0x20 lower-cases letters and maps no other byte into a..z.
        let letter = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
        let shift = 16 * k;
        classes.alnum |= mask(_mm_or_si128(digit, letter)) << shift;
        classes.digit |= mask(digit) << shift;
        classes.joiner |= mask(_mm_or_si128(equals(v, b'\''), equals(v, b'-'))) << shift;
        classes.separator |= mask(_mm_or_si128(equals(v, b'.'), equals(v, b','))) << shift;
        classes.underscore |= mask(equals(v, b'_')) << shift;
    }
    classes
}

/// The classes of 64 ASCII bytes, a byte at a time (where SSE2 is not a given).
#[cfg(not(target_arch = "x86_64"))]
fn classify(block: &[u8; 64]) -> Classes {
    classify_bytewise(block)
}

/// [`classify`] a byte at a time: the reference the SSE2 version is tested against.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_bytewise(block: &[u8; 64]) -> Classes {
    let mut classes = Classes::default();
    for (k, &b) in block.iter().enumerate() {
        let bit = |yes: bool| u64::from(yes) << k;
        classes.alnum |= bit(b.is_ascii_alphanumeric());
        classes.digit |= bit(b.is_ascii_digit());
        classes.joiner |= bit(b == b'\'' || b == b'-');
        classes.separator |= bit(b == b'.' || b == b',');
        classes.underscore |= bit(b == b'_');
    }
    classes
}

/// The index of the first byte of `bytes` at or above 0x80, eight bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in (&mut chunks).enumerate() {
        let high = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & LANE_HIGH;
        if high != 0 {
            return Some(8 * n + high.trailing_zeros() as usize / 8);
        }
    }
    let tail = bytes.len() - chunks.remainder().len();
    chunks.remainder().iter().position(|&b| b >= 0x80).map(|i| tail + i)
}

/// ORs the 64 bits of `mask` into `bits` from bit `at` on.
fn or_bits_at(bits: &mut [u64], at: usize, mask: u64) {
    if mask == 0 {
        return;
    }
    let (word, shift) = (at / 64, at % 64);
    bits[word] |= mask << shift;
    if shift != 0 {
        bits[word + 1] |= mask >> (64 - shift);
    }
}

/// Sets bit `at` of a bitmap.
pub(crate) fn set_bit(bits: &mut [u64], at: usize) {
    bits[at / 64] |= 1 << (at % 64);
}

/// The number of bits set in `from..to`.
fn count_bits_in(bits: &[u64], from: usize, to: usize) -> usize {
    bit_words(bits, from, to).map(|(_, word)| word.count_ones() as usize).sum()
}

/// The words of `bits` holding bits `from..to`, each as (the index of its bit 0, its bits
/// in `from..to`), in order.
#[inline(always)]
fn bit_words(bits: &[u64], from: usize, to: usize) -> impl Iterator<Item = (usize, u64)> + '_ {
    let (first, last) = (from / 64, to.saturating_sub(1) / 64);
    let words = if from < to { &bits[first..=last] } else { &[] };
    words.iter().enumerate().map(move |(n, &word)| {
        let mut word = word;
        if n == 0 {
            word &= u64::MAX << (from % 64);
        }
        if first + n == last {
            word &= u64::MAX >> (63 - (to - 1) % 64);
        }
        (64 * (first + n), word)
    })
}

/// Calls `found` with each bit set in `from..to` of `bits`, in order.
#[inline(always)]
fn for_each_bit(bits: &[u64], from: usize, to: usize, mut found: impl FnMut(usize)) {
    for (at, mut word) in bit_words(bits, from, to) {
        while word != 0 {
            found(at + word.trailing_zeros() as usize);
            word &= word - 1;
        }
    }
}

/// The bits set in `from..to` of a bitmap, in order, a word of the bitmap at a time.
pub struct SetBits<'a> {
    bits: &'a [u64],
    /// Index of the bitmap word after `current`.
    next_word: usize,
    /// The bits of the current word not yet returned.
    current: u64,
    to: usize,
}

impl<'a> SetBits<'a> {
    /// The bits set in `from..to` of `bits`.
    pub fn new(bits: &'a [u64], from: usize, to: usize) -> SetBits<'a> {
        let first = bits.get(from / 64).map_or(0, |&w| w & (u64::MAX << (from % 64)));
        SetBits { bits, next_word: from / 64 + 1, current: if from < to { first } else { 0 }, to }
    }
}

impl Iterator for SetBits<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.current == 0 {
            if 64 * self.next_word >= self.to {
                return None;
            }
            self.current = *self.bits.get(self.next_word)?;
            self.next_word += 1;
        }
        let bit = 64 * (self.next_word - 1) + self.current.trailing_zeros() as usize;
        self.current &= self.current - 1;
        (bit < self.to).then_some(bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the map of `text` against the character-at-a-time functions it stands for.
    fn assert_maps(text: &str) {
        let map = WordMap::new(text);
        let expected: Vec<(usize, usize)> = words(text)
            .map(|w| {
                let start = w.text.as_ptr() as usize - text.as_ptr() as usize;
                (start, start + w.text.len())
            })
            .collect();
        let found: Vec<(usize, usize)> = map.word_spans_in(0, text.len()).collect();
        assert_eq!(found, expected, "words of {text:?}");
        let mut visited = Vec::new();
        map.for_each_word_in(0, text.len(), |start, end| visited.push((start, end)));
        assert_eq!(visited, expected, "words visited in {text:?}");
        assert_eq!(map.words_starting_in(0, text.len()), expected.len(), "{text:?}");
        let runs: Vec<usize> = map.word_char_starts_in(0, text.len()).collect();
        assert_eq!(runs, word_starts(text).collect::<Vec<_>>(), "word character runs of {text:?}");
        assert_eq!(map.counted_words(), count_words(text), "counted words of {text:?}");
    }

    #[test]
    fn maps_words_across_blocks_and_around_non_ascii() {
        let long = "well-known 3.5 it's a--b x'y '9 _under_score 1,200 end-".repeat(7);
        for text in [
            "",
            " ",
            "a",
            "word",
            &long,
            &format!("{long}é{long}"),
            &format!("naïve café—rock’n’roll {long} Ⅻ ٣.٤ e\u{301}x"),
            &"x".repeat(64),
            &"x".repeat(65),
            &format!("{} b", "a".repeat(63)),
            &format!("{}'b", "a".repeat(63)),
            &format!("{}'b", "a".repeat(62)),
            &format!("{}1.2", " ".repeat(62)),
        ] {
            assert_maps(text);
        }
    }

    #[test]
    fn counts_and_lists_words_in_a_range() {
        let text = "One two\nthree-four five\n\nsix";
        let map = WordMap::new(text);
        assert_eq!(map.words_starting_in(0, 7), 2);
        assert_eq!(map.words_starting_in(8, 23), 2);
        assert_eq!(map.words_starting_in(23, 25), 0);
        let second: Vec<&str> = map.word_spans_in(8, 23).map(|(start, end)| &text[start..end]).collect();
        assert_eq!(second, ["three-four", "five"]);
        for (from, to) in [(0, 7), (8, 23), (23, 25), (1, 2), (4, 4), (0, text.len())] {
            let mut visited = Vec::new();
            map.for_each_word_in(from, to, |start, end| visited.push((start, end)));
            assert_eq!(visited, map.word_spans_in(from, to).collect::<Vec<_>>(), "{from}..{to}");
        }
    }

    #[test]
    fn set_bits_stay_in_their_range() {
        let bits = [0b1011u64, 0, u64::MAX, 1 << 63];
        let set = |from, to| SetBits::new(&bits, from, to).collect::<Vec<_>>();
        assert_eq!(set(0, 4), [0, 1, 3]);
        assert_eq!(set(1, 3), [1]);
        assert_eq!(set(3, 3), Vec::<usize>::new());
        assert_eq!(set(5, 130), (128..130).collect::<Vec<_>>());
        assert_eq!(set(190, 256), [190, 191, 255]);
        assert_eq!(set(250, 400), [255]);
        assert_eq!(set(300, 400), Vec::<usize>::new());
        for (from, to) in [(0, 4), (1, 3), (3, 3), (5, 130), (190, 256), (250, 256), (64, 128), (0, 256)] {
            let mut visited = Vec::new();
            for_each_bit(&bits, from, to, |bit| visited.push(bit));
            assert_eq!(visited, set(from, to), "{from}..{to}");
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sse2_classes_match_the_bytewise_ones() {
        let scattered: [u8; 64] = std::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(11) % 128);
        let every: Vec<u8> = (0..128).collect();
        let edges = b"Az09'-.,_ !@[`{~/:Zz aZ\0\x7f-'..,,__09azAZ [ ] @ ` { } / : 0123456789 ";
        let blocks = [
            scattered,
            [b'_'; 64],
            every[..64].try_into().unwrap(),
            every[64..].try_into().unwrap(),
            edges[..64].try_into().unwrap(),
        ];
        for block in blocks {
            let (a, b) = (classify(&block), classify_bytewise(&block));
            assert_eq!(
                (a.alnum, a.digit, a.joiner, a.separator, a.underscore),
                (b.alnum, b.digit, b.joiner, b.separator, b.underscore)
            );
        }
    }

    proptest::proptest! {
        /// The map agrees with the character-at-a-time functions on text made of the
        /// characters whose handling differs, in runs long enough to fill blocks.
        #[test]
        fn map_matches_the_character_at_a_time_scans(
            text in "([a1Z9 '\\-.,_!\n]{0,40}[’‐\u{301}\u{200d}é٣Ⅻ—]?){0,12}"
        ) {
            assert_maps(&text);
        }
    }
}
