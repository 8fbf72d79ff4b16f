//! Engines: the code behind rules. A rule file in `lints/` names an engine and gives it
//! data under `[data]`; the engine compiles that data once into a [`Check`].
//!
//! To add an engine: write `src/engines/<name>.rs` with a `build` function, and list it in
//! [`ENGINES`] below. Everything else (ids, severity, docs, examples) lives in the rule file.

use serde::de::DeserializeOwned;

use crate::article::Article;
use crate::diagnostic::{Diagnostic, Finding};
use crate::error::LoadError;
use lazy_regex::{LazyRegex, LazySet};

mod directives;
mod duplicate_paragraph;
pub mod expressions;
mod faq;
mod headline_list;
mod html_regions;
pub mod lazy_regex;
mod line_runs;
mod literal_scan;
mod page_layout;
mod pattern_facts;
mod patterns;
mod phrase_matcher;
mod phrases;
mod quote_balance;
mod repeated_line;
mod spin_density;
mod spun_context;
mod variants;

pub use phrase_matcher::{PhraseProbe, ProbedMatches, SharedPhraseTable};
pub use spin_density::density;

/// A compiled rule body. Built once, shared read-only across threads; does no I/O.
pub trait Check: Send + Sync {
    /// Appends what it finds in `article` to `out`, spans into `article.text`.
    fn check(&self, article: &Article, out: &mut Vec<Finding>);

    /// Document-level checks run after all others and judge the article from their
    /// findings (a spin verdict from the density of spun phrases).
    fn document_level(&self) -> bool {
        false
    }

    /// The phrase table this check searches every document with, for the linter to probe
    /// together with the other rules' ([`PhraseProbe`]).
    fn phrase_table(&self) -> Option<SharedPhraseTable> {
        None
    }

    /// For document-level checks: `cx` holds every other rule's findings and more.
    fn check_document(&self, article: &Article, cx: &DocContext, out: &mut Vec<Finding>) {
        let _ = cx;
        self.check(article, out);
    }
}

/// What a document-level check sees besides the article.
pub struct DocContext<'a> {
    /// Every text-level rule's findings, after suppressions, and the furniture found by
    /// the document-level rules that ran before.
    pub prior: Prior<'a>,
    /// The file as read (the article is its prose view, with markup masked).
    pub source: &'a str,
    /// Whether a name is a rule id or family known to this run (for directive checks).
    pub is_known_rule: &'a dyn Fn(&str) -> bool,
    /// Where the document's metadata ends (Markdown front matter); 0 when it has none.
    pub metadata_end: usize,
    /// The `newslint-` directives in `source` ([`crate::suppress::directives`]).
    pub directives: &'a [crate::suppress::Directive],
}

impl<'a> DocContext<'a> {
    /// A context with no other findings, no known rules and no directives.
    pub fn alone(source: &'a str) -> DocContext<'a> {
        DocContext { prior: Prior::default(), source, is_known_rule: &|_| false, metadata_end: 0, directives: &[] }
    }
}

/// The findings a document-level check sees ([`DocContext::prior`]): the text-level rules'
/// findings, sorted, then the furniture among the verdicts of the document-level rules
/// that ran before. Borrowed where they lie, not gathered into one list: on the 100 MB
/// bench file that list was a copy of 104,000 findings.
#[derive(Clone, Copy, Default)]
pub struct Prior<'a> {
    text_level: &'a [Diagnostic],
    verdicts: &'a [Diagnostic],
}

impl<'a> Prior<'a> {
    /// `text_level` findings, and the furniture among `verdicts`.
    pub fn new(text_level: &'a [Diagnostic], verdicts: &'a [Diagnostic]) -> Self {
        Prior { text_level, verdicts }
    }

    /// Every finding seen: the text-level ones, then the verdicts' furniture.
    pub fn iter(&self) -> impl Iterator<Item = &'a Diagnostic> + Clone + use<'a> {
        self.text_level.iter().chain(self.verdicts.iter().filter(|d| is_furniture(d)))
    }

    /// Where the furniture found so far lies: page chrome, not the article, which the
    /// document-level rules that judge the article's text leave alone.
    pub fn furniture_spans(&self) -> impl Iterator<Item = crate::span::Span> + use<'a> {
        self.iter().filter(|d| is_furniture(d)).map(|d| d.span)
    }
}

fn is_furniture(d: &Diagnostic) -> bool {
    d.family() == "furniture"
}

/// What an engine's `build` gets: the rule file it was named in.
pub struct RuleSource<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub data: RuleData<'a>,
    /// Compile regexes when first needed rather than now ([`lazy_regex`]): for built-in
    /// rules, which are tested, so a bad regex cannot surface mid-run.
    pub deferred: bool,
}

/// A rule file's `[data]`, not yet in its engine's own type; `None` when the file has none.
#[derive(Clone, Copy)]
pub enum RuleData<'a> {
    Toml(Option<&'a toml::Value>),
    /// As `build.rs` wrote it for a built-in file. Read straight into the engine's type:
    /// through a `toml::Value` first, a built-in rule's data cost twice the instructions
    /// (4.7 M of start-up's 14 M on a short article).
    Json(Option<&'a serde_json::value::RawValue>),
}

impl RuleSource<'_> {
    /// Deserialises `[data]` into the engine's own settings type. On error, the file is
    /// parsed again so the message carries the TOML span of the bad value.
    pub fn parse_data<T: DeserializeOwned>(&self) -> Result<T, LoadError> {
        let parsed = match self.data {
            RuleData::Toml(value) => {
                let value = value.cloned().unwrap_or_else(|| toml::Value::Table(toml::Table::new()));
                T::deserialize(value).map_err(|e| e.to_string())
            }
            RuleData::Json(raw) => serde_json::from_str(raw.map_or("{}", |r| r.get())).map_err(|e| e.to_string()),
        };
        parsed.map_err(|err| {
            #[derive(serde::Deserialize)]
            struct DataOnly<T> {
                #[allow(dead_code)]
                data: T,
            }
            match toml::from_str::<DataOnly<T>>(self.text) {
                Err(spanned) => LoadError::from_toml(self.path, self.text, &spanned),
                Ok(_) => LoadError::new(self.path, self.text, None, format!("in [data]: {err}")),
            }
        })
    }

    /// An error about this rule file, pointing at the `[data]` table.
    pub fn error(&self, message: impl Into<String>) -> LoadError {
        let span = self.text.find("[data").map(|s| s..s + 6);
        LoadError::new(self.path, self.text, span, message)
    }

    /// A regular expression from the rule's data, as an error on this file if bad.
    /// Word boundaries (`\b`, `\B`) are ASCII: a Unicode boundary would send the regex
    /// engine to its slow path on every text with a curly quote in it.
    pub fn regex(&self, pattern: &str) -> Result<LazyRegex, LoadError> {
        self.check_length(pattern)?;
        let pattern = ascii_word_boundaries(pattern);
        if self.deferred {
            return Ok(LazyRegex::deferred(pattern, REGEX_SIZE_LIMIT));
        }
        match LazyRegex::compiled(pattern.clone(), REGEX_SIZE_LIMIT) {
            Some(regex) => Ok(regex),
            // The regex crate, which builds the same regex, words the error for users.
            None => Err(self
                .compile(&pattern)
                .err()
                .unwrap_or_else(|| self.error(format!("invalid regex `{}`", abbreviate(&pattern))))),
        }
    }

    fn compile(&self, pattern: &str) -> Result<regex::Regex, LoadError> {
        regex::RegexBuilder::new(pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| self.error(format!("invalid regex `{}`: {}", abbreviate(pattern), regex_problem(&e))))
    }

    /// Refuses a pattern longer than [`MAX_REGEX_BYTES`] before compiling it: a 3 MB
    /// pattern in a hostile rule pack took 21 s and 560 MB (debug build) to reach the
    /// compiled-size limit.
    fn check_length(&self, pattern: &str) -> Result<(), LoadError> {
        if pattern.len() <= MAX_REGEX_BYTES {
            return Ok(());
        }
        Err(self.error(format!(
            "regex `{}` is too long ({} bytes; the limit is {MAX_REGEX_BYTES}): a word list belongs in a `phrases` rule",
            abbreviate(pattern),
            pattern.len()
        )))
    }

    /// A set of line patterns, searched as one matcher.
    pub fn regex_set(&self, patterns: &[String]) -> Result<LazySet, LoadError> {
        patterns.iter().try_for_each(|p| self.check_length(p))?;
        let total: usize = patterns.iter().map(String::len).sum();
        if total > MAX_REGEX_SET_BYTES {
            return Err(self.error(format!(
                "{} regexes are too long together ({total} bytes; the limit is {MAX_REGEX_SET_BYTES})",
                patterns.len()
            )));
        }
        let patterns: Vec<String> = patterns.iter().map(|p| ascii_word_boundaries(p)).collect();
        if self.deferred {
            return Ok(LazySet::deferred(patterns, REGEX_SET_SIZE_LIMIT));
        }
        let set = regex::RegexSetBuilder::new(&patterns).size_limit(REGEX_SET_SIZE_LIMIT).build().map_err(|e| {
            // Name the pattern at fault when one alone does not compile.
            match patterns.iter().find_map(|p| self.compile(p).err()) {
                Some(single) => single,
                None => self.error(format!("invalid regex set: {e}")),
            }
        })?;
        Ok(LazySet::compiled(patterns, set))
    }
}

/// The compiled size a rule's regex may reach (the regex crate's `size_limit`).
const REGEX_SIZE_LIMIT: usize = 1 << 22;
/// The compiled size a rule's set of regexes may reach.
const REGEX_SET_SIZE_LIMIT: usize = 1 << 24;

/// The longest regex a rule may hold, in bytes. The longest built-in one is under 1 KB.
pub const MAX_REGEX_BYTES: usize = 16 * 1024;

/// The longest a set of regexes (one list in a rule's data) may be in all: 250 patterns
/// of 16 KB took 18 s and 570 MB (debug build) to fail the compiled-size limit.
pub const MAX_REGEX_SET_BYTES: usize = 4 * MAX_REGEX_BYTES;

/// A pattern as quoted in an error: whole when short, else its start and "…", so a
/// 200 KB pattern does not fill the terminal.
fn abbreviate(pattern: &str) -> String {
    const SHOWN: usize = 60;
    match pattern.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &pattern[..cut]),
        None => pattern.to_string(),
    }
}

/// The regex crate's error as one line: a syntax error's display repeats the whole
/// pattern with a caret line under it; keep only its last line, the reason.
fn regex_problem(e: &regex::Error) -> String {
    let text = e.to_string();
    let reason = text.lines().rev().find_map(|l| l.strip_prefix("error: ")).unwrap_or(&text);
    reason.trim().to_string()
}

pub use pattern_facts::ascii_word_boundaries;

pub type Builder = fn(&RuleSource) -> Result<Box<dyn Check>, LoadError>;

/// Every engine, by the name rule files use in `engine = "..."`.
pub const ENGINES: &[(&str, Builder)] = &[
    ("phrases", phrases::build),
    ("expressions", expressions::build),
    ("patterns", patterns::build),
    ("line-runs", line_runs::build),
    ("headline-list", headline_list::build),
    ("page-layout", page_layout::build),
    ("html-regions", html_regions::build),
    ("repeated-line", repeated_line::build),
    ("faq", faq::build),
    ("duplicate-paragraph", duplicate_paragraph::build),
    ("quote-balance", quote_balance::build),
    ("spin-density", spin_density::build),
    ("directives", directives::build),
    ("spun-context", spun_context::build),
];

pub fn builder(name: &str) -> Option<Builder> {
    ENGINES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// Renders a message template: `{found}` becomes the flagged text, `{suggestion}` the fix.
pub fn fill(template: &str, found: &str, suggestion: Option<&str>) -> String {
    let msg = template.replace("{found}", found);
    match suggestion {
        Some(s) => msg.replace("{suggestion}", s),
        None => msg,
    }
}
