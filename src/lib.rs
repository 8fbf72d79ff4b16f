//! newslint: a linter for news articles that have been scraped, synonym-spun or
//! machine-rewritten.
//!
//! ```
//! let linter = newslint::Linter::builtin().unwrap();
//! let diagnostics = linter.check("A senior fellow at the suppose tank said so.");
//! assert_eq!(&*diagnostics[0].rule, "spin/fixed-expression");
//! assert_eq!(diagnostics[0].suggestion.as_deref(), Some("think tank"));
//! ```

pub mod article;
pub mod baseline;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod engines;
pub mod error;
pub mod fix;
pub mod hook;
pub mod input;
pub mod linter;
pub mod ordered;
pub mod position;
pub mod render;
pub mod rules;
pub mod source;
pub mod span;
pub mod suppress;
pub mod text;
pub mod word_map;

pub use article::Article;
pub use diagnostic::{Diagnostic, Severity};
pub use linter::{Linter, Report, Selection};
pub use source::SourceKind;
pub use span::Span;
