//! `duplicate-paragraph`: the same paragraph twice in one article (a caption pasted again,
//! a block duplicated by a CMS). Compared on lower-cased words, so spacing and quote
//! styles do not hide a repeat. Short paragraphs are left alone ("Advertisement" twice is
//! furniture, not a duplicate), and so are number-heavy rows (a meal plan or a table
//! repeats "1 cup rice, 2 eggs" on purpose).

use std::collections::HashMap;

use serde::Deserialize;

use super::{Check, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;
use crate::text::{normalized_key, strip_list_marker};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    message: String,
    #[serde(default = "default_min_words")]
    min_words: usize,
}

fn default_min_words() -> usize {
    8
}

struct DuplicateParagraph {
    message: String,
    min_words: usize,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    Ok(Box::new(DuplicateParagraph { message: data.message, min_words: data.min_words }))
}

impl Check for DuplicateParagraph {
    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        for para in &article.paragraphs {
            let key = normalized_key(strip_list_marker(article.slice(para.span)));
            let words = key.split(' ').count();
            // Recipes, schedules and tables repeat their rows on purpose.
            let numeric = key.split(" ").filter(|w| w.chars().any(char::is_numeric)).count();
            if words < self.min_words || numeric * 8 > words {
                continue;
            }
            match first_seen.get(&key) {
                Some(&line) => out.push(Finding::new(para.span, format!("{} on line {}", self.message, line + 1))),
                None => {
                    first_seen.insert(key, article.line_of(para.span.start));
                }
            }
        }
    }
}
