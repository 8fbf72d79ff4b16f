//! `directives`: checks the `<!-- newslint-… -->` suppression comments themselves. A
//! directive that names a rule or family this run does not know suppresses nothing, which
//! is almost always a typo the author would want to hear about.

use serde::Deserialize;

use super::{Check, DocContext, RuleSource};
use crate::article::Article;
use crate::diagnostic::Finding;
use crate::error::LoadError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    /// Template; `{found}` is the unknown name.
    message: String,
}

struct Directives {
    message: String,
}

pub fn build(src: &RuleSource) -> Result<Box<dyn Check>, LoadError> {
    let data: Data = src.parse_data()?;
    Ok(Box::new(Directives { message: data.message }))
}

impl Check for Directives {
    fn check(&self, _article: &Article, _out: &mut Vec<Finding>) {}

    fn document_level(&self) -> bool {
        true
    }

    fn check_document(&self, _article: &Article, cx: &DocContext, out: &mut Vec<Finding>) {
        for directive in cx.directives {
            for (name, span) in directive.rules.iter().zip(&directive.rule_spans) {
                if name != "all" && !(cx.is_known_rule)(name) {
                    out.push(Finding::new(*span, self.message.replace("{found}", name)));
                }
            }
        }
    }
}
