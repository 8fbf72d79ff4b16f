//! `expressions`: fixed expressions × the synonym swaps spinners make. The rule file lists
//! the expressions news copy depends on ("The Associated Press", "think tank", "on
//! condition of anonymity") and, per word, the substitutes a thesaurus-driven spinner puts
//! in its place (associated → related, think → suppose). The engine generates every
//! variant with one or two swapped words ("The Related Press", "suppose tank", "on
//! situation of anonymity"; `variants.rs`, at build time for built-in rules) and matches
//! them all in one phrase table ([`super::phrase_matcher`]); each finding suggests the
//! original expression, in the found text's letter case.
//!
//! Precision guards, all data: a variant generated from two different expressions is
//! dropped (the fix would be a guess); a variant that is itself a listed expression is
//! dropped; `except` lists variants and longer phrases that are ordinary English ("in
//! keeping with tradition"); and words capitalised in an expression (proper names) must be
//! capitalised in the text, so "related press conference" is not "The Related Press".
//! `newslint variants RULE` prints every generated variant for review.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;

use super::phrase_matcher::PhraseMatcher;
pub use super::variants::Variant;
use super::variants::{DEFAULT_MAX_SWAPS, Swaps, generate};
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
    DEFAULT_MAX_SWAPS
}

impl Data {
    fn swaps(&self) -> Swaps<'_> {
        Swaps { expressions: &self.expressions, swaps: &self.swaps, except: &self.except, max_swaps: self.max_swaps }
    }
}

struct Expressions {
    message: String,
    /// Targets are indices into `variants`.
    matcher: PhraseMatcher,
    variants: Vec<Spun>,
}

/// A variant as the check uses it: lent by the table `build.rs` generated for a built-in
/// rule (copying its 1,936 variants was a fifth of the rule's loading), or owned.
#[derive(Debug, PartialEq)]
struct Spun {
    spun: Cow<'static, str>,
    original: Cow<'static, str>,
    capitalised: Cow<'static, [bool]>,
}

impl From<Variant> for Spun {
    fn from(v: Variant) -> Spun {
        Spun { spun: v.spun.into(), original: v.original.into(), capitalised: v.capitalised.into() }
    }
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    // A built-in rule's data is tested; of it only the message and exceptions are needed
    // when its variants come from `build.rs`, and the rest of it is the bulk of the file.
    let built = src.deferred.then(|| built_in_variants(src.path)).flatten();
    let (message, except, variants) = match (built, src.parse_data::<MessageAndExcept>().ok()) {
        (Some(variants), Some(MessageAndExcept { message, except })) => (message, except, variants),
        _ => {
            let data: Data = src.parse_data()?;
            let variants = generate(&data.swaps()).map_err(|e| src.error(e))?;
            (data.message, data.except, variants.into_iter().map(Spun::from).collect())
        }
    };
    let except: Vec<String> = except.iter().map(|e| e.to_lowercase()).collect();
    let matcher = PhraseMatcher::new(variants.iter().enumerate().map(|(i, v)| (v.spun.as_ref(), i)), &except)
        .map_err(|e| src.error(format!("cannot build expression matcher: {e}")))?;
    Ok(Box::new(Expressions { message, matcher, variants }))
}

/// Of `[data]`, what a rule whose variants `build.rs` generated still needs.
#[derive(Deserialize, Debug, PartialEq)]
struct MessageAndExcept {
    message: String,
    #[serde(default)]
    except: Vec<String>,
}

/// Every variant of a rule file's expressions, for review (`newslint variants`).
pub fn variants_of(src: &RuleSource) -> Result<Vec<Variant>, LoadError> {
    let data: Data = src.parse_data()?;
    generate(&data.swaps()).map_err(|e| src.error(e))
}

mod built_in {
    include!(concat!(env!("OUT_DIR"), "/builtin_variants.rs"));
}

/// The variants `build.rs` generated for the built-in rule file at `path`, if it is one.
fn built_in_variants(path: &str) -> Option<Vec<Spun>> {
    let (_, variants) = built_in::BUILTIN_VARIANTS.iter().find(|(p, _)| *p == path)?;
    let variant = |&(spun, original, capitalised): &built_in::StaticVariant| Spun {
        spun: Cow::Borrowed(spun),
        original: Cow::Borrowed(original),
        capitalised: Cow::Borrowed(capitalised),
    };
    Some(variants.iter().map(variant).collect())
}

impl Check for Expressions {
    fn phrase_table(&self) -> Option<super::SharedPhraseTable> {
        self.matcher.shared_table()
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let text = article.text;
        for (span, v) in self.matcher.find(article) {
            let found = &text[span.range()];
            let caps_ok = found
                .split_whitespace()
                .zip(self.variants[v].capitalised.iter())
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
    use crate::engines::RuleData;

    #[test]
    fn the_build_scripts_variants_are_what_the_rule_generates_now() {
        let mut checked = 0;
        for (path, text) in crate::rules::BUILTIN_RULE_FILES {
            let Some(built) = built_in_variants(path) else { continue };
            let file: toml::Table = text.parse().unwrap();
            let data: Data = file["data"].clone().try_into().unwrap();
            let generated: Vec<Spun> = generate(&data.swaps()).unwrap().into_iter().map(Spun::from).collect();
            assert_eq!(built, generated, "{path}");
            // As the rule loads: from build.rs's JSON; and as a user's copy would: from TOML.
            let (_, json) = crate::rules::BUILTIN_RULE_JSON.iter().find(|(p, _)| p == path).unwrap();
            let json: serde_json::Value = serde_json::from_str(json).unwrap();
            let raw = serde_json::value::RawValue::from_string(json["data"].to_string()).unwrap();
            let expected = MessageAndExcept { message: data.message, except: data.except };
            for data in [RuleData::Json(Some(&raw)), RuleData::Toml(file.get("data"))] {
                let src = RuleSource { path, text, data, deferred: true };
                assert_eq!(src.parse_data::<MessageAndExcept>().unwrap(), expected, "{path}");
            }
            checked += 1;
        }
        assert!(checked >= 1, "build.rs generated no rule's variants");
    }
}
