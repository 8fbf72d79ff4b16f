//! `expressions`: fixed expressions × the synonym swaps spinners make. The rule file lists
//! the expressions news copy depends on ("The Associated Press", "think tank", "on
//! condition of anonymity") and, per word, the substitutes a thesaurus-driven spinner puts
//! in its place (associated → related, think → suppose). At load the engine generates every
//! variant with one or two swapped words ("The Related Press", "suppose tank", "on
//! situation of anonymity") and matches them all in one phrase table
//! ([`super::phrase_matcher`]); each finding suggests the original expression, in the found
//! text's letter case.
//!
//! Precision guards, all data: a variant generated from two different expressions is
//! dropped (the fix would be a guess); a variant that is itself a listed expression is
//! dropped; `except` lists variants and longer phrases that are ordinary English ("in
//! keeping with tradition"); and words capitalised in an expression (proper names) must be
//! capitalised in the text, so "related press conference" is not "The Related Press".
//! `newslint variants RULE` prints every generated variant for review.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::phrase_matcher::PhraseMatcher;
use super::{Check, RuleSource, fill};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::text::match_case;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    /// Message template; `{found}` and `{suggestion}` are filled in.
    message: String,
    expressions: Vec<String>,
    /// Word (lower case) → what spinners write instead (lower case, may be several words).
    swaps: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    except: Vec<String>,
    #[serde(default = "default_max_swaps")]
    max_swaps: usize,
}

fn default_max_swaps() -> usize {
    2
}

/// Words that never need a capital, even inside a proper name ("Council on Foreign Relations").
const MINOR_WORDS: &[&str] = &["the", "a", "an", "of", "and", "for", "on", "in", "to", "at", "with", "de", "al"];

/// A spun form and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub spun: String,
    pub original: String,
    /// Per word of `spun`: must the text capitalise it?
    capitalised: Vec<bool>,
}

struct Expressions {
    message: String,
    /// Targets are indices into `variants`.
    matcher: PhraseMatcher,
    variants: Vec<Variant>,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    let variants = generate(&data).map_err(|e| src.error(e))?;
    let except: Vec<String> = data.except.iter().map(|e| e.to_lowercase()).collect();
    let matcher = PhraseMatcher::new(variants.iter().enumerate().map(|(i, v)| (v.spun.as_str(), i)), &except)
        .map_err(|e| src.error(format!("cannot build expression matcher: {e}")))?;
    Ok(Box::new(Expressions { message: data.message, matcher, variants }))
}

/// Every variant of a rule file's expressions, for review (`newslint variants`).
pub fn variants_of(src: &RuleSource) -> Result<Vec<Variant>, LoadError> {
    let data: Data = src.parse_data()?;
    generate(&data).map_err(|e| src.error(e))
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !MINOR_WORDS.contains(&word.to_lowercase().as_str())
}

/// All spun forms with 1..=max_swaps words replaced, deduplicated and filtered.
fn generate(data: &Data) -> Result<Vec<Variant>, String> {
    for (word, subs) in &data.swaps {
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
    let originals: std::collections::HashSet<String> = data.expressions.iter().map(|e| e.to_lowercase()).collect();
    let except: std::collections::HashSet<String> = data.except.iter().map(|e| e.to_lowercase()).collect();
    // spun (lower case) → the variant, or None once two expressions claim it.
    let mut by_spun: HashMap<String, Option<Variant>> = HashMap::new();
    let mut order = Vec::new();
    for expression in &data.expressions {
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
                            Some(_) if keep_capital => spun.push_str(&crate::text::capitalize(s)),
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
fn variant_count(expression: &str, data: &Data) -> usize {
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

impl Check for Expressions {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let text = article.text;
        for (span, v) in self.matcher.find(article) {
            let found = &text[span.range()];
            let caps_ok = found
                .split_whitespace()
                .zip(&self.variants[v].capitalised)
                .all(|(w, &cap)| !cap || w.chars().next().is_some_and(char::is_uppercase));
            if !caps_ok {
                continue;
            }
            let suggestion = match_case(found, &self.variants[v].original);
            out.push(Finding::new(span, fill(&self.message, found, Some(&suggestion))).with_suggestion(suggestion));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(expressions: &[&str], swaps: &[(&str, &[&str])], except: &[&str]) -> Data {
        Data {
            message: String::new(),
            expressions: expressions.iter().map(|s| s.to_string()).collect(),
            swaps: swaps.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect(),
            except: except.iter().map(|s| s.to_string()).collect(),
            max_swaps: 2,
        }
    }

    fn spun(d: &Data) -> Vec<String> {
        generate(d).unwrap().into_iter().map(|v| v.spun).collect()
    }

    #[test]
    fn a_rule_that_would_generate_too_many_variants_is_refused_before_generating() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let swaps: Vec<(String, Vec<String>)> = words.iter().map(|w| (w.clone(), vec![format!("{w}x")])).collect();
        let mut d = data(&[&words.join(" ")], &[], &[]);
        d.swaps = swaps.into_iter().collect();
        assert_eq!(variant_count(&words[..3].join(" "), &d), 6, "3 singles and 3 pairs, no triple by default");
        d.max_swaps = 40;
        let err = generate(&d).unwrap_err();
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
        let v = generate(&d).unwrap();
        assert_eq!(v[0].spun, "The Related Press");
        assert_eq!(v[0].capitalised, [false, true, true]);
    }
}
