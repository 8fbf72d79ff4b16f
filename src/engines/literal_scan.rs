//! Every occurrence of a set of short literals in a text, ASCII case ignored: a matcher
//! that builds in microseconds. The shared gate automaton (`lazy_regex::GateIndex`) scans
//! the first documents of a run with it: an Aho-Corasick automaton of the same 574 literals
//! took 6 M instructions to build as an NFA (30 M as a DFA), more than start-up spends on
//! linting a 10 KB article, and searches faster only once a run has read some 64 KiB.
//!
//! How: a literal of four bytes or more is listed under a hash of its first four, one of
//! two or three bytes under a hash of its first two (the bytes OR-ed with 0x20, so that
//! letter case does not matter; other bytes may collide, which costs a comparison, never a
//! wrong answer). A bit per hash bucket turns away the positions where no literal starts,
//! and the few that pass compare the literals of their bucket. One-byte literals are a bit
//! per byte value.

/// The literals hashed by the key of their first bytes ([`key2`] or [`key4`]).
struct Table {
    /// log2 of the number of buckets.
    bits: u32,
    /// Per bucket, where its literals start in `ids` (they end where the next bucket's
    /// start).
    starts: Vec<u32>,
    /// A bit per bucket: does any literal start so?
    occupied: Vec<u64>,
    ids: Vec<u32>,
}

impl Table {
    /// A table of 2^`bits` buckets (at least 64) of the literals given as (id, key).
    fn new(bits: u32, keyed: &[(u32, u32)]) -> Table {
        let buckets = 1usize << bits;
        // A counting sort by bucket: one allocation per table, not one per bucket.
        let mut starts = vec![0u32; buckets + 1];
        for &(_, key) in keyed {
            starts[bucket(key, bits) + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut next = starts.clone();
        let mut ids = vec![0u32; keyed.len()];
        let mut occupied = vec![0u64; buckets / 64];
        for &(id, key) in keyed {
            let b = bucket(key, bits);
            ids[next[b] as usize] = id;
            next[b] += 1;
            occupied[b / 64] |= 1 << (b % 64);
        }
        Table { bits, starts, occupied, ids }
    }

    /// The literals whose key is `key`, and maybe a few others.
    #[inline]
    fn candidates(&self, key: u32) -> &[u32] {
        let b = bucket(key, self.bits);
        if self.occupied[b / 64] & (1 << (b % 64)) == 0 {
            return &[];
        }
        &self.ids[self.starts[b] as usize..self.starts[b + 1] as usize]
    }
}

/// Up to eight bytes as a little-endian word, ASCII letters lower-cased, and the mask of
/// their bytes; `None` for more than eight.
#[inline]
fn pack(bytes: &[u8]) -> Option<(u64, u64)> {
    let mut word = [0u8; 8];
    word.get_mut(..bytes.len())?.copy_from_slice(bytes);
    let mask = u64::MAX.checked_shr(64 - 8 * bytes.len() as u32).unwrap_or(0);
    Some((ascii_lowercase(u64::from_le_bytes(word)), mask))
}

/// Each byte of `x` that is an ASCII capital, lowered; all others unchanged.
#[inline]
fn ascii_lowercase(x: u64) -> u64 {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (0x7F * EACH);
    // The top bit of each byte: set if the byte is at least 'A', and if it is past 'Z'.
    let from_a = low7 + (0x80 - u64::from(b'A')) * EACH;
    let past_z = low7 + (0x80 - u64::from(b'Z') - 1) * EACH;
    let capital = from_a & !past_z & !x & (0x80 * EACH);
    x | (capital >> 2)
}

// Keys: the bytes OR-ed with 0x20 like `text::case_folded_prefix_key`, but two or four
// bytes loaded as they are, without its eight-byte load, mask and fold: this runs at every
// byte of the text, and the shared key made the scan of a 10 KB article 1.5 M -> 2.0 M.

/// The first two bytes as a key, letter case ignored.
#[inline]
fn key2(bytes: &[u8; 2]) -> u32 {
    u32::from(u16::from_le_bytes(*bytes)) | 0x2020
}

/// The first four bytes as a key, letter case ignored.
#[inline]
fn key4(bytes: &[u8; 4]) -> u32 {
    u32::from_le_bytes(*bytes) | 0x2020_2020
}

#[inline]
fn bucket(key: u32, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

pub struct LiteralScan {
    /// The literals, ASCII letters lower-cased.
    literals: Vec<Box<[u8]>>,
    /// Each literal of at most eight bytes as a little-endian word and the mask of its
    /// bytes: a candidate is one AND and one comparison with the text's next eight bytes.
    packed: Vec<Option<(u64, u64)>>,
    /// Literals of two or three bytes, by [`key2`].
    short: Table,
    /// Literals of four bytes or more, by [`key4`].
    long: Table,
    /// A bit per byte value (letters lower-cased) that is a one-byte literal, and its id.
    single: [u64; 4],
    single_id: Vec<u32>,
}

impl LiteralScan {
    /// A matcher of `literals`; an empty literal is never found.
    pub fn new(literals: &[Vec<u8>]) -> LiteralScan {
        let literals: Vec<Box<[u8]>> = literals.iter().map(|l| l.to_ascii_lowercase().into_boxed_slice()).collect();
        let (mut short, mut long) = (Vec::new(), Vec::new());
        let (mut single, mut single_id) = ([0u64; 4], vec![u32::MAX; 256]);
        for (id, literal) in literals.iter().enumerate() {
            let id = id as u32;
            if let Some(first) = literal.first_chunk::<4>() {
                long.push((id, key4(first)));
            } else if let Some(first) = literal.first_chunk::<2>() {
                short.push((id, key2(first)));
            } else if let [only] = **literal {
                debug_assert!(single_id[usize::from(only)] == u32::MAX, "literals are distinct");
                single[usize::from(only / 64)] |= 1 << (only % 64);
                single_id[usize::from(only)] = id;
            }
        }
        let packed = literals.iter().map(|l| pack(l)).collect();
        // About 30 buckets per long literal: most positions of prose start none, and the
        // bit test turns them away without comparing.
        let (short, long) = (Table::new(12, &short), Table::new(14, &long));
        LiteralScan { literals, packed, short, long, single, single_id }
    }

    /// Calls `found(literal id, start, end)` for every occurrence of every literal in
    /// `text`, overlapping ones included, in order of their starts.
    pub fn for_each(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let mut check = |candidates: &[u32], rest: &[u8], i: usize| {
            if candidates.is_empty() {
                return;
            }
            let next8 = pack(&rest[..rest.len().min(8)]).map_or(0, |(word, _)| word);
            for &id in candidates {
                let literal = &self.literals[id as usize];
                let found_here = match self.packed[id as usize] {
                    Some((word, mask)) => literal.len() <= rest.len() && next8 & mask == word,
                    None => rest.get(..literal.len()).is_some_and(|t| t.eq_ignore_ascii_case(literal)),
                };
                if found_here {
                    found(id as usize, i, i + literal.len());
                }
            }
        };
        for i in 0..text.len() {
            let rest = &text[i..];
            let b = rest[0].to_ascii_lowercase();
            if self.single[usize::from(b / 64)] & (1 << (b % 64)) != 0 {
                check(&[self.single_id[usize::from(b)]], rest, i);
            }
            if let Some(first) = rest.first_chunk::<2>() {
                check(self.short.candidates(key2(first)), rest, i);
            }
            if let Some(first) = rest.first_chunk::<4>() {
                check(self.long.candidates(key4(first)), rest, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence as Aho-Corasick finds it (overlapping, ASCII case ignored).
    fn by_automaton(literals: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let ac = aho_corasick::AhoCorasickBuilder::new().ascii_case_insensitive(true).build(literals).unwrap();
        let mut all: Vec<_> =
            ac.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
        all.sort_unstable();
        all
    }

    fn by_scan(literals: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut all = Vec::new();
        LiteralScan::new(literals).for_each(text, |id, start, end| all.push((start, end, id)));
        all.sort_unstable();
        all
    }

    /// Literals that overlap and share starts, in both cases, with brackets and braces
    /// (one bit apart, as letters' cases are) and characters outside ASCII.
    const LITERALS: [&str; 11] = ["a", "ab", "abA", "ba", "b-", "[x]", "{x}", "\u{17F}", "\u{212A}", "aaaa", "Ѐx"];
    /// A small alphabet, so that the literals occur and overlap often.
    const PIECES: [&str; 15] = ["a", "A", "b", "B", "-", "[", "]", "{", "}", "x", "X", " ", "\u{17F}", "\u{212A}", "Ѐ"];

    proptest::proptest! {
        #[test]
        fn finds_what_aho_corasick_finds_overlaps_and_case_included(
            pieces in proptest::collection::vec(proptest::sample::select(&PIECES[..]), 0..60)
        ) {
            let literals: Vec<Vec<u8>> = LITERALS.iter().map(|l| l.as_bytes().to_vec()).collect();
            let text = pieces.concat();
            proptest::prop_assert_eq!(by_scan(&literals, text.as_bytes()), by_automaton(&literals, text.as_bytes()));
        }
    }

    #[test]
    fn eight_bytes_lower_case_at_once_as_one_at_a_time() {
        for chunk in (0u8..=255).collect::<Vec<_>>().chunks(8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            let lowered: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(ascii_lowercase(word).to_le_bytes(), lowered.as_slice(), "{chunk:?}");
        }
    }

    #[test]
    fn brackets_and_braces_are_not_one_letter_in_two_cases() {
        let found = by_scan(&[b"[x]".to_vec()], b"{x} [X]");
        assert_eq!(found, [(4, 7, 0)], "only ASCII letters fold");
    }
}
