//! `duplicate-paragraph`: the same paragraph twice in one article (a caption pasted again,
//! a block duplicated by a CMS). Compared on lower-cased words, so spacing and quote
//! styles do not hide a repeat. Short paragraphs are left alone: "Advertisement" twice is
//! furniture, not a duplicate.

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
            if key.split(' ').count() < self.min_words {
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
