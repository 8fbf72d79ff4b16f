//! Property tests (proptest) on generated news-like documents: sentences built from word
//! pools that include known spun phrases, placeholders, furniture lines and multibyte
//! characters, laid out with LF, CRLF and blank lines, as plain text, Markdown or HTML.
//!
//! - every diagnostic span (and every suggestion) is in bounds and on char boundaries;
//! - sentences tile their paragraph, paragraphs lie within blocks, and the Markdown/HTML
//!   prose view keeps the file's length, lines and char boundaries;
//! - fixing as `--fix`/`--unsafe-fixes` do settles, and the fixed text re-lints with no
//!   applicable fix left for any rule that was fixed; the command produces the same text;
//! - output does not depend on the number of threads (the command's `--threads`, the
//!   corpus mode, and one `Linter` shared across a rayon pool).
//!
//! The invariant checks are the fuzz targets' own (`fuzz/src/lib.rs`), so a property and a
//! fuzz target cannot drift apart. Case counts are kept moderate for debug-build `cargo test`.

use std::path::Path;
use std::process::{Command, Stdio};

use newslint::fix::FixMode;
use newslint::{Article, Linter, SourceKind};
use proptest::prelude::*;
use proptest::sample::select;
use rayon::prelude::*;

use crate::all_rules;
use crate::harness;

/// Ordinary news words, some multibyte.
const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "Tuesday",
    "mayor",
    "budget",
    "café",
    "résumé",
    "officials",
    "ferry",
    "port",
    "of",
    "and",
    "a",
    "in",
    "reported",
    "2024",
    "3.5",
    "million",
    "U.S.",
    "Dr.",
    "storm",
    "naïve",
    "Zürich",
    "straße",
    "—",
    "–",
    "“quoted”",
    "‘so’",
    "(aside)",
    "🙂",
    "東京",
    "…",
    "10%",
    "$5",
    "don't",
    "well-known",
    "e\u{301}te\u{301}",
    "a\u{a0}b",
    "tab\tbed",
];

/// Phrases newslint's rules know: spun forms, weak swaps, placeholders, padding, entities.
const FLAGGED: &[&str] = &[
    "suppose tank",
    "The Related Press",
    "sporting skinny",
    "For the reason that",
    "within the",
    "mentioned",
    "officers",
    "The 2 officers",
    "{dollars}",
    "{{first_name}}",
    "<dollars>",
    "[Company Name]",
    "%s",
    "TK",
    "lorem ipsum dolor sit amet",
    "at .",
    "Dear ,",
    "It is important to note that",
    "&amp;",
    "&#8220;",
    "â€™",
    "\u{fffd}",
    "http://example.com/{id}",
    "www.example.org/x",
];

/// Lines a scraper keeps: breadcrumbs, comment forms, share bars, ads, FAQ heads.
const FURNITURE: &[&str] = &[
    "Leave a Comment",
    "LEAVE A REPLY",
    "Comment:",
    "Please enter your comment!",
    "Name:",
    "Please enter your name here",
    "Home > News > Local",
    "Related",
    "Related Posts",
    "Share this:",
    "Facebook Twitter Email",
    "Advertisement",
    "FAQ",
    "Frequently Asked Questions",
    "View",
    "Photo: Staff",
    "Sign up for our newsletter",
    "Posted on March 3, 2025",
    "Note: The original article is sourced from elsewhere.",
    "- a b c",
    "* one item",
    "1. First point.",
    "12) Twelfth",
    "<!-- newslint-disable-next-line spin -->",
];

const ENDINGS: &[&str] = &[".", ".", "?", "!", "…", ".”", "?\"", ".)", "", ":"];
const SEPARATORS: &[&str] = &["\n", "\n\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\n\n\n", "\r", "\u{a0}\n\n"];

fn token() -> impl Strategy<Value = &'static str> {
    prop_oneof![6 => select(WORDS), 2 => select(FLAGGED)]
}

/// A sentence: words and flagged phrases as they are, capitalised or in capitals, then
/// terminal punctuation.
fn sentence() -> impl Strategy<Value = String> {
    (0..4u8, prop::collection::vec(token(), 1..12), select(ENDINGS)).prop_map(|(case, words, end)| {
        let mut s = words.join(" ");
        match case {
            0 => {}
            1 => s = s.to_uppercase(),
            _ => s = newslint::text::capitalize(&s),
        }
        s.push_str(end);
        s
    })
}

/// A paragraph of sentences, sometimes hard-wrapped onto a second line.
fn paragraph() -> impl Strategy<Value = String> {
    (prop::collection::vec(sentence(), 1..5), any::<bool>()).prop_map(|(sentences, wrap)| {
        let mut p = sentences.join(" ");
        if wrap && let Some((i, _)) = p.char_indices().filter(|&(_, c)| c == ' ').nth(8) {
            p.replace_range(i..i + 1, "\n");
        }
        p
    })
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![4 => paragraph(), 2 => select(FURNITURE).prop_map(String::from)]
}

/// The blocks of a document with the line breaks after each.
fn blocks() -> impl Strategy<Value = Vec<(String, &'static str)>> {
    prop::collection::vec((block(), select(SEPARATORS)), 0..10)
}

fn plain_text() -> impl Strategy<Value = String> {
    (any::<bool>(), blocks()).prop_map(|(bom, blocks)| {
        let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
        for (b, sep) in blocks {
            text.push_str(&b);
            text.push_str(sep);
        }
        text
    })
}

/// Markdown: optional front matter, blocks as paragraphs, headings, list items, quotes,
/// code, links, emphasis and comments.
fn markdown() -> impl Strategy<Value = String> {
    const WRAPS: &[&str] = &[
        "{}",
        "{}",
        "# {}",
        "## {}",
        "- {}",
        "1. {}",
        "> {}",
        "```\n{}\n```",
        "    {}",
        "*{}*",
        "**{}** `{dollars}`",
        "[{}](https://example.com/{id})",
        "<!-- {} -->",
        "| a | {} |\n|---|---|\n| x | y |",
    ];
    (
        prop::option::of((paragraph(), select(&["---", "+++"][..]))),
        prop::collection::vec((blocks(), select(WRAPS)), 1..3),
    )
        .prop_map(|(front, parts)| {
            let mut text = String::new();
            if let Some((title, fence)) = front {
                let title = title.replace(['\n', '\r', '"'], " ");
                let sep = if fence == "+++" { " =" } else { ":" };
                text.push_str(&format!("{fence}\ntitle{sep} \"{title}\"\ntags{sep} [\"x\"]\n{fence}\n"));
            }
            for (blocks, wrap) in parts {
                for (b, sep) in blocks {
                    text.push_str(&wrap.replace("{}", &b));
                    text.push_str(if sep.contains("\n\n") { sep } else { "\n\n" });
                }
            }
            text
        })
}

/// HTML: a head with a title and a script, blocks in visible, hidden and furniture elements.
fn html() -> impl Strategy<Value = String> {
    const WRAPS: &[&str] = &[
        "<p>{}</p>",
        "<p>{}</p>",
        "<h2>{}</h2>",
        "<li>{}</li>",
        "<nav><a href=\"/x\">{}</a></nav>",
        "<div class=\"related-stories\">{}</div>",
        "<script>var s = \"{}\";</script>",
        "<style>/* {} */</style>",
        "<span hidden>{}</span>",
        "<!-- {} -->",
        "{}<br>",
        "<p>{}",
        "<b>{}</b> &amp; <i>x</i>",
        "<footer>{}</footer>",
    ];
    (paragraph(), any::<bool>(), prop::collection::vec((block(), select(WRAPS), select(SEPARATORS)), 0..10)).prop_map(
        |(title, minified, blocks)| {
            let mut text = format!("<!DOCTYPE html>\n<html><head><title>{title}</title></head><body>\n");
            for (b, wrap, sep) in blocks {
                text.push_str(&wrap.replace("{}", &b));
                text.push_str(if minified { "" } else { sep });
            }
            text.push_str("</body></html>\n");
            text
        },
    )
}

/// A Markdown or HTML document, with its kind.
fn marked_up() -> impl Strategy<Value = (SourceKind, String)> {
    prop_oneof![markdown().prop_map(|t| (SourceKind::Markdown, t)), html().prop_map(|t| (SourceKind::Html, t))]
}

/// A document of any of the three kinds, with its kind.
fn document() -> impl Strategy<Value = (SourceKind, String)> {
    prop_oneof![1 => plain_text().prop_map(|t| (SourceKind::Text, t)), 2 => marked_up()]
}

/// `cases` per property, or `PROPTEST_CASES` from the environment for a longer run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    // No persistence files: a failure prints its minimal input, which becomes a unit test.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

thread_local! {
    static ALL: Linter = all_rules();
}

proptest! {
    #![proptest_config(config(128))]

    /// (a) Every diagnostic span, suppressed ones too, is non-empty, in bounds and on char
    /// boundaries; diagnostics are sorted; every suggestion applies on its own.
    #[test]
    fn spans_and_suggestions_are_in_bounds_and_on_char_boundaries((kind, text) in document()) {
        ALL.with(|linter| {
            let report = linter.lint(&text, kind);
            harness::assert_diagnostics(&text, &report.diagnostics);
            let suppressed: Vec<_> = report.suppressed.iter().map(|(d, _)| d.clone()).collect();
            harness::assert_spans(&text, &suppressed);
        });
    }

}

proptest! {
    // Parsing alone is cheap: more cases.
    #![proptest_config(config(256))]

    /// (b) Lines cover the text; blocks are trimmed runs of non-blank lines; paragraphs lie
    /// in order within their block; each paragraph's sentences are non-empty, trimmed, in
    /// order and tile it (only whitespace between them, a list marker before the first).
    #[test]
    fn sentences_tile_their_paragraph(text in plain_text()) {
        harness::assert_article(&text, &Article::parse(&text));
    }

    /// (b) The Markdown and HTML prose views keep the file's length, line breaks and char
    /// boundaries, and their article structure holds as in plain text.
    #[test]
    fn prose_views_keep_offsets_and_structure((kind, text) in marked_up()) {
        harness::assert_masking(&text, kind);
    }

}

proptest! {
    #![proptest_config(config(96))]

    /// (c) Fixing as the command does (apply, re-lint, repeat) settles within its pass
    /// limit, and the result re-lints with no applicable fix left for a rule that was fixed.
    #[test]
    fn fixed_text_relints_clean_for_the_fixed_rules((kind, text) in document()) {
        ALL.with(|linter| {
            for mode in [FixMode::Safe, FixMode::Unsafe] {
                harness::assert_fixes_converge(linter, &text, kind, mode);
            }
        });
    }

}

proptest! {
    // Each case lints up to a dozen documents several times.
    #![proptest_config(config(32))]

    /// (d) One `Linter` shared by a rayon pool of 1, 2 or 4 threads gives each document
    /// exactly the diagnostics it gives alone, and so does one that runs each document's
    /// rules in parallel.
    #[test]
    fn library_linting_is_the_same_on_any_number_of_threads(docs in prop::collection::vec(document(), 1..8)) {
        static RULES_IN_PARALLEL: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
        let linter = harness::linter();
        let rules_in_parallel = RULES_IN_PARALLEL.get_or_init(|| {
            let mut linter = Linter::builtin().unwrap();
            linter.run_rules_in_parallel(4);
            linter
        });
        let alone: Vec<_> = docs.iter().map(|(kind, text)| linter.check_as(text, *kind)).collect();
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let shared: Vec<_> =
                pool.install(|| docs.par_iter().map(|(kind, text)| linter.check_as(text, *kind)).collect());
            prop_assert_eq!(&shared, &alone, "{} threads", threads);
            let split: Vec<_> =
                pool.install(|| docs.iter().map(|(kind, text)| rules_in_parallel.check_as(text, *kind)).collect());
            prop_assert_eq!(&split, &alone, "{} threads, rules in parallel", threads);
        }
    }

    /// (d) Corpus mode (`--jsonl`) writes the same bytes with 1 or 3 threads and any window.
    #[test]
    fn corpus_output_is_the_same_on_any_number_of_threads(docs in prop::collection::vec(plain_text(), 1..12)) {
        let input: String = docs
            .iter()
            .enumerate()
            .map(|(i, text)| format!("{}\n", serde_json::json!({ "id": i, "text": text })))
            .collect();
        let run = |threads: usize, window: usize| {
            let options = newslint::corpus::CorpusOptions {
                text_field: "text".into(),
                id_field: "id".into(),
                kind: SourceKind::Text,
                window,
                max_line_bytes: 1 << 20,
            };
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut out = Vec::new();
            pool.install(|| newslint::corpus::run(harness::linter(), input.as_bytes(), &mut out, &options, |_| {}))
                .unwrap();
            out
        };
        let one = run(1, 1);
        prop_assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), docs.len());
        prop_assert_eq!(&run(3, 2), &one);
        prop_assert_eq!(&run(3, 64), &one);
    }
}

fn newslint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .arg("--isolated")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("runs newslint")
}

/// Writes the documents into a fresh directory, one file each, named by kind.
fn write_docs(docs: &[(SourceKind, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, (kind, text)) in docs.iter().enumerate() {
        let ext = match kind {
            SourceKind::Text => "txt",
            SourceKind::Markdown => "md",
            SourceKind::Html => "html",
        };
        std::fs::write(dir.path().join(format!("doc-{i:02}.{ext}")), text).unwrap();
    }
    dir
}

proptest! {
    // Each case starts the command four times: few cases.
    #![proptest_config(config(4))]

    /// (d) The command's report on a directory is byte-identical with `--threads 1` and
    /// `--threads 2`, in the JSON and the human format.
    #[test]
    fn command_output_is_the_same_on_any_number_of_threads(docs in prop::collection::vec(document(), 1..10)) {
        let dir = write_docs(&docs);
        for format in ["json", "human"] {
            let one = newslint(dir.path(), &["--threads", "1", "--format", format, "--fail-on", "never", "."]);
            let two = newslint(dir.path(), &["--threads", "2", "--format", format, "--fail-on", "never", "."]);
            // Empty documents are refused (exit 2, a line on stderr): that must not vary either.
            prop_assert_eq!(one.status.code(), two.status.code());
            prop_assert_eq!(&one.stderr, &two.stderr, "--format {}", format);
            prop_assert_eq!(&one.stdout, &two.stdout, "--format {}", format);
        }
    }

    /// (c) `--fix` and `--unsafe-fixes` write exactly what the library's fix loop produces,
    /// and a second run changes nothing.
    #[test]
    fn command_fix_matches_the_library_and_is_idempotent((kind, text) in document()) {
        let linter = harness::linter();
        for (flag, mode) in [("--fix", FixMode::Safe), ("--unsafe-fixes", FixMode::Unsafe)] {
            let docs = [(kind, text.clone())];
            let dir = write_docs(&docs);
            let name = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().file_name();
            let name = name.to_str().unwrap();
            let (expected, _, _) = harness::fix_like_the_cli(linter, &text, kind, mode);
            newslint(dir.path(), &[flag, "--fail-on", "never", name]);
            let once = std::fs::read_to_string(dir.path().join(name)).unwrap();
            prop_assert_eq!(&once, &expected, "{}", flag);
            newslint(dir.path(), &[flag, "--fail-on", "never", name]);
            prop_assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), once, "{} twice", flag);
        }
    }
}

/// The built-in rules with every regex compiled at load, as a user's rule pack is: the
/// reference for the lazily compiled, literal-gated built-in set (`engines::lazy_regex`).
fn all_rules_compiled_eagerly() -> Linter {
    let rules = newslint::rules::BUILTIN_RULE_FILES
        .iter()
        .map(|(path, text)| newslint::rules::load_rule(path, text).expect("built-in rule loads"))
        .collect();
    let selection = newslint::Selection { select: Some(vec!["all".into()]), ..Default::default() };
    Linter::new(rules, &selection).expect("valid selection")
}

thread_local! {
    static EAGER: Linter = all_rules_compiled_eagerly();
}

proptest! {
    // Each case builds a fresh lazy rule set, so the gates decide on this document alone.
    #![proptest_config(config(24))]

    /// (e) Gating and compiling regexes on first need never changes a result: a fresh
    /// lazily compiled rule set reports exactly what the eagerly compiled one does.
    #[test]
    fn lazily_compiled_rules_report_what_eager_ones_do((kind, text) in document()) {
        let lazy = all_rules();
        let expected = EAGER.with(|eager| eager.lint(&text, kind).diagnostics);
        prop_assert_eq!(lazy.lint(&text, kind).diagnostics, expected);
    }
}

/// (e) The same on every fixture, each with a fresh lazy rule set.
#[test]
fn lazily_compiled_rules_report_what_eager_ones_do_on_the_fixtures() {
    let mut files = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { dirs.push(path) } else { files.push(path) }
        }
    }
    assert!(files.len() > 10);
    let eager = all_rules_compiled_eagerly();
    files.par_iter().for_each(|path| {
        let text = std::fs::read_to_string(path).unwrap();
        let kind = SourceKind::from_path(path);
        assert_eq!(
            all_rules().lint(&text, kind).diagnostics,
            eager.lint(&text, kind).diagnostics,
            "{}",
            path.display()
        );
    });
}
