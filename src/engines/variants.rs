//! The spun variants of fixed expressions (see `expressions.rs`): every form with one to
//! `max_swaps` words swapped for what a spinner writes instead, deduplicated and filtered.
//! Std only, because `build.rs` includes this file and generates the built-in rule's
//! variants at build time: generating them at start-up (about 22 M instructions, 5-8 ms)
//! was the longest single piece of loading the rules, which load in parallel.

use std::collections::{BTreeMap, HashMap, HashSet};

/// What a rule file's `[data]` says about its variants.
pub struct Swaps<'a> {
    pub expressions: &'a [String],
    /// Word (lower case) → what spinners write instead (lower case, may be several words).
    pub swaps: &'a BTreeMap<String, Vec<String>>,
    /// Variants and longer phrases that are ordinary English.
    pub except: &'a [String],
    pub max_swaps: usize,
}

/// `max_swaps` when a rule file does not say.
pub const DEFAULT_MAX_SWAPS: usize = 2;

/// Words that never need a capital, even inside a proper name ("Council on Foreign Relations").
const MINOR_WORDS: &[&str] = &["the", "a", "an", "of", "and", "for", "on", "in", "to", "at", "with", "de", "al"];

/// A spun form and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub spun: String,
    pub original: String,
    /// Per word of `spun`: must the text capitalise it?
    pub capitalised: Vec<bool>,
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !MINOR_WORDS.contains(&word.to_lowercase().as_str())
}

/// All spun forms with 1..=max_swaps words replaced, deduplicated and filtered.
pub fn generate(data: &Swaps) -> Result<Vec<Variant>, String> {
    for (word, subs) in data.swaps {
        if word != &word.to_lowercase() || subs.iter().any(|s| s != &s.to_lowercase() || s.trim() != s || s.is_empty())
        {
            return Err(format!("swap `{word}`: words and substitutes must be lower case and trimmed"));
        }
        if subs.is_empty() || subs.contains(word) {
            return Err(format!("swap `{word}`: needs substitutes other than the word itself"));
        }
    }
    let planned = data.expressions.iter().fold(0usize, |sum, e| sum.saturating_add(variant_count(e, data)));
    if planned > MAX_VARIANTS {
        return Err(format!(
            "the expressions would generate {planned} variants (the limit is {MAX_VARIANTS}); lower `max_swaps` or the swaps"
        ));
    }
    let originals: HashSet<String> = data.expressions.iter().map(|e| e.to_lowercase()).collect();
    let except: HashSet<String> = data.except.iter().map(|e| e.to_lowercase()).collect();
    // spun (lower case) → the variant, or None once two expressions claim it.
    let mut by_spun: HashMap<String, Option<Variant>> = HashMap::new();
    let mut order = Vec::new();
    for expression in data.expressions {
        let words: Vec<&str> = expression.split(' ').collect();
        if words.iter().any(|w| w.is_empty()) {
            return Err(format!("expression `{expression}` has doubled or surrounding spaces"));
        }
        let substitutes: Vec<Option<&Vec<String>>> = words.iter().map(|w| data.swaps.get(&w.to_lowercase())).collect();
        let swappable: Vec<usize> = (0..words.len()).filter(|&i| substitutes[i].is_some()).collect();
        let caps: Vec<bool> = words.iter().map(|w| is_capitalised(w)).collect();
        // One buffer for every candidate: most are duplicates or excepted, and building
        // each one word by word in its own strings was most of the spin rule's start-up.
        let mut spun = String::new();
        for chosen in subsets(&swappable, data.max_swaps) {
            for choice in product(&chosen, &substitutes) {
                spun.clear();
                let mut capitalised = Vec::with_capacity(words.len() + 2);
                for (i, (w, &cap)) in words.iter().zip(&caps).enumerate() {
                    let sub = choice.iter().find(|(j, _)| *j == i).map(|(_, sub)| *sub);
                    for (k, s) in sub.unwrap_or(w).split(' ').enumerate() {
                        if !spun.is_empty() {
                            spun.push(' ');
                        }
                        let keep_capital = cap && k == 0;
                        match sub {
                            Some(_) if keep_capital => spun.push_str(&capitalize(s)),
                            _ => spun.push_str(s),
                        }
                        capitalised.push(keep_capital);
                    }
                }
                let key = spun.to_lowercase();
                if originals.contains(&key) || except.contains(&key) {
                    continue;
                }
                match by_spun.get_mut(&key) {
                    None => {
                        let variant = Variant { spun: spun.clone(), original: expression.clone(), capitalised };
                        order.push(key.clone());
                        by_spun.insert(key, Some(variant));
                    }
                    Some(existing) => {
                        if existing.as_ref().is_some_and(|v| !v.original.eq_ignore_ascii_case(expression)) {
                            *existing = None;
                        }
                    }
                }
            }
        }
    }
    Ok(order.into_iter().filter_map(|k| by_spun.remove(&k).flatten()).collect())
}

/// The most variants a rule may generate. The built-in rule generates about 530; a rule
/// pack with 40 swappable words and `max_swaps = 40` asked for 2^40 and took 8 GB in 30 s
/// before it was killed, because every subset is materialised.
pub const MAX_VARIANTS: usize = 100_000;

/// How many variants `expression` generates (before deduplication), counted without
/// generating them: the sum, over sets of 1..=max_swaps swappable words, of the product
/// of their substitute counts (elementary symmetric sums, saturating).
fn variant_count(expression: &str, data: &Swaps) -> usize {
    // Sizes past 64 need not be counted: with more than 64 swappable words the sizes up
    // to 64 already add up to more than the limit (C(65, 32) > 10^18).
    let mut by_size = vec![0usize; data.max_swaps.min(64) + 1];
    by_size[0] = 1;
    for word in expression.split(' ') {
        let Some(subs) = data.swaps.get(&word.to_lowercase()) else { continue };
        for k in (1..by_size.len()).rev() {
            by_size[k] = by_size[k].saturating_add(by_size[k - 1].saturating_mul(subs.len()));
        }
    }
    by_size[1..].iter().fold(0, |sum, &n| sum.saturating_add(n))
}

/// Subsets of `items` with 1..=max elements, in a stable order.
fn subsets(items: &[usize], max: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &item in items {
        let extended: Vec<Vec<usize>> =
            out.iter().filter(|s| s.len() < max).map(|s| s.iter().copied().chain([item]).collect()).collect();
        out.push(vec![item]);
        out.extend(extended);
    }
    out
}

/// Every way of substituting the chosen word positions (`substitutes` per word).
fn product<'a>(chosen: &[usize], substitutes: &[Option<&'a Vec<String>>]) -> Vec<Vec<(usize, &'a str)>> {
    let mut out: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for &i in chosen {
        let subs = substitutes[i].map_or(&[][..], Vec::as_slice);
        out = out
            .into_iter()
            .flat_map(|prefix| subs.iter().map(move |s| [prefix.clone(), vec![(i, s.as_str())]].concat()))
            .collect();
    }
    out
}

/// `word` with its first letter upper-cased.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule's data, owned, for [`Swaps`] to borrow.
    struct Data {
        expressions: Vec<String>,
        swaps: BTreeMap<String, Vec<String>>,
        except: Vec<String>,
        max_swaps: usize,
    }

    impl Data {
        fn swaps(&self) -> Swaps<'_> {
            Swaps {
                expressions: &self.expressions,
                swaps: &self.swaps,
                except: &self.except,
                max_swaps: self.max_swaps,
            }
        }
    }

    fn data(expressions: &[&str], swaps: &[(&str, &[&str])], except: &[&str]) -> Data {
        Data {
            expressions: expressions.iter().map(|s| s.to_string()).collect(),
            swaps: swaps.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect(),
            except: except.iter().map(|s| s.to_string()).collect(),
            max_swaps: DEFAULT_MAX_SWAPS,
        }
    }

    fn spun(d: &Data) -> Vec<String> {
        generate(&d.swaps()).unwrap().into_iter().map(|v| v.spun).collect()
    }

    #[test]
    fn a_rule_that_would_generate_too_many_variants_is_refused_before_generating() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let swaps: Vec<(String, Vec<String>)> = words.iter().map(|w| (w.clone(), vec![format!("{w}x")])).collect();
        let mut d = data(&[&words.join(" ")], &[], &[]);
        d.swaps = swaps.into_iter().collect();
        assert_eq!(variant_count(&words[..3].join(" "), &d.swaps()), 6, "3 singles and 3 pairs, no triple by default");
        d.max_swaps = 40;
        let err = generate(&d.swaps()).unwrap_err();
        assert!(err.contains("would generate 1099511627775 variants (the limit is 100000)"), "{err}");
    }

    #[test]
    fn one_and_two_word_swaps_are_generated() {
        let d = data(&["wearing thin"], &[("wearing", &["sporting", "carrying"]), ("thin", &["skinny"])], &[]);
        assert_eq!(
            spun(&d),
            ["sporting thin", "carrying thin", "wearing skinny", "sporting skinny", "carrying skinny"]
        );
    }

    #[test]
    fn ambiguous_and_listed_variants_are_dropped() {
        let d = data(
            &["think tank", "sink tank", "white house", "white home"],
            &[("think", &["suppose"]), ("sink", &["suppose"]), ("house", &["home"])],
            &[],
        );
        assert!(spun(&d).is_empty(), "{:?}", spun(&d));
        let d = data(&["think tank"], &[("think", &["suppose"])], &["suppose tank"]);
        assert!(spun(&d).is_empty());
    }

    #[test]
    fn capitals_of_names_are_required() {
        let d = data(&["The Associated Press"], &[("associated", &["related"])], &[]);
        let v = generate(&d.swaps()).unwrap();
        assert_eq!(v[0].spun, "The Related Press");
        assert_eq!(v[0].capitalised, [false, true, true]);
    }
}
