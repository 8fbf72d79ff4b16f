//! The bodies of the fuzz targets and the invariants they assert, in one place.
//!
//! Each cargo-fuzz target in `fuzz_targets/` is one line calling a function here, and the
//! integration test `tests/it/fuzz_regressions.rs` includes this file (`#[path]`) to replay
//! every saved input under `tests/fuzz-regressions/<target>/` through the same function, so
//! a regression input runs exactly the code that once failed. The property tests
//! (`tests/it/props.rs`) reuse the invariant checks. Only `newslint` and `std` are used.
//!
//! Every function takes the fuzzer's raw bytes, ignores input that is not UTF-8 (newslint
//! refuses it before any of this code runs), and panics when an invariant breaks.

use std::path::Path;
use std::sync::LazyLock;

use newslint::article::Article;
use newslint::config::Config;
use newslint::fix::FixMode;
use newslint::render::FileReport;
use newslint::source::prose_view;
use newslint::{Diagnostic, Linter, SourceKind};

/// The default rule set, as `newslint` runs with no configuration; built once per process.
static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::builtin().expect("built-in rules load"));

/// Passes the command makes at most when fixing (`lint_and_fix` in `src/cli.rs`).
pub const MAX_FIX_PASSES: usize = 10;

/// The default rule set, shared.
pub fn linter() -> &'static Linter {
    &LINTER
}

/// Target `parse_article`: the article parser on arbitrary UTF-8.
pub fn parse_article(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert_article(text, &Article::parse(text));
}

/// Target `check`: the default rule set on plain text, then the fixes and the renderers.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    lint_and_assert(text, SourceKind::Text);
}

/// Target `markdown`: the Markdown front end, then the check.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert_masking(text, SourceKind::Markdown);
    lint_and_assert(text, SourceKind::Markdown);
}

/// Target `html`: the HTML front end, then the check.
pub fn html(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert_masking(text, SourceKind::Html);
    lint_and_assert(text, SourceKind::Html);
}

/// Target `config`: the text as a `newslint.toml` and as a rule pack. Loading returns `Ok`
/// or `Err`, never panics; errors render; what loads builds a linter that runs.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Config::from_text(Path::new("fuzz/newslint.toml"), text.to_string()) {
        Ok(config) => {
            if let Ok(ignores) = config.path_ignores() {
                for path in ["a.txt", "drafts/2025/a.md", "/abs/archive/x.html", "./b.htm"] {
                    let _ = ignores.for_path(Path::new(path));
                }
                let _ = ignores.selectors().count();
            }
            let rules = newslint::rules::builtin_rules().expect("built-in rules load");
            if let Ok(linter) = Linter::new(rules, &config.selection()) {
                for kind in [SourceKind::Text, SourceKind::Markdown, SourceKind::Html] {
                    let sample = "A fellow at the suppose tank said {dollars}.\n\nLeave a Comment\n";
                    assert_diagnostics(sample, &linter.check_as(sample, kind));
                }
            }
        }
        Err(err) => render_load_error(&err),
    }
    match newslint::rules::load_rule("fuzz/pack.toml", text) {
        Ok(rule) => {
            let examples = rule.meta.examples.clone();
            let id = rule.meta.id.to_string();
            let _ = rule.generated_variants().map_err(|e| render_load_error(&e));
            let selection = newslint::Selection { select: Some(vec![id]), ..Default::default() };
            let linter = Linter::new(vec![rule], &selection).expect("a rule's own id selects it");
            for example in examples.fire.iter().chain(&examples.silent) {
                for kind in [SourceKind::Text, SourceKind::Markdown, SourceKind::Html] {
                    assert_diagnostics(example, &linter.check_as(example, kind));
                }
            }
        }
        Err(err) => render_load_error(&err),
    }
}

fn render_load_error(err: &newslint::error::LoadError) {
    let _ = err.to_string();
    let mut out = termcolor::NoColor::new(Vec::new());
    newslint::render::write_load_error(&mut out, err).expect("a load error renders");
}

/// Lints `text` as `kind`, asserts the span invariants, applies the fixes as `--fix` and
/// `--unsafe-fixes` do and asserts they converge, and renders the report.
pub fn lint_and_assert(text: &str, kind: SourceKind) {
    let linter = linter();
    let report = linter.lint(text, kind);
    assert_diagnostics(text, &report.diagnostics);
    let suppressed: Vec<Diagnostic> = report.suppressed.iter().map(|(d, _)| d.clone()).collect();
    assert_spans(text, &suppressed);
    for mode in [FixMode::Safe, FixMode::Unsafe] {
        assert_fixes_converge(linter, text, kind, mode);
    }
    let file = FileReport { path: "fuzz.txt", text, diagnostics: &report.diagnostics };
    let mut out = termcolor::NoColor::new(Vec::new());
    newslint::render::write_human(&mut out, &file).expect("renders");
    newslint::render::write_concise(&mut out, &file).expect("renders");
    let json = newslint::render::json_diagnostics(&file);
    assert_eq!(json.len(), report.diagnostics.len());
}

/// Spans of `diagnostics` are valid in `text` (see [`assert_spans`]), sorted by start,
/// longest first, and every suggestion applies on its own.
pub fn assert_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    assert_spans(text, diagnostics);
    for pair in diagnostics.windows(2) {
        let (a, b) = (pair[0].span, pair[1].span);
        assert!((a.start, std::cmp::Reverse(a.end)) <= (b.start, std::cmp::Reverse(b.end)), "not sorted: {a:?} {b:?}");
    }
    for d in diagnostics {
        if let Some(s) = &d.suggestion {
            // The fixed text is `before + s + after` (slicing panics off a char boundary);
            // not built here, which would make the check quadratic in the findings.
            let (before, after) = (&text[..d.span.start], &text[d.span.end..]);
            assert_eq!(before.len() + s.len() + after.len(), text.len() - d.span.len() + s.len());
        }
    }
}

/// Every span is non-empty, in bounds and on character boundaries of `text`.
pub fn assert_spans(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let span = d.span;
        assert!(span.start < span.end, "empty span {span:?} from {}", d.rule);
        assert!(span.end <= text.len(), "span {span:?} from {} past the end ({})", d.rule, text.len());
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "span {span:?} from {} not on char boundaries",
            d.rule
        );
    }
}

/// Fixes as the command applies them (`lint_and_fix` in `src/cli.rs`): lint, apply, repeat
/// while something changes, at most [`MAX_FIX_PASSES`] passes. Returns the fixed text, the
/// rules whose fixes were applied, and whether it stopped because nothing was left to do.
pub fn fix_like_the_cli(linter: &Linter, text: &str, kind: SourceKind, mode: FixMode) -> (String, Vec<String>, bool) {
    let mut text = text.to_string();
    let mut fixed_rules = Vec::new();
    let mut report = linter.lint(&text, kind);
    for _ in 0..MAX_FIX_PASSES {
        let (fixed, applied) = newslint::fix::apply(&text, &report.diagnostics, mode);
        if applied == 0 || fixed == text {
            return (text, fixed_rules, true);
        }
        fixed_rules.extend(report.diagnostics.iter().filter(|d| mode.applies(d)).map(|d| d.rule.to_string()));
        text = fixed;
        report = linter.lint(&text, kind);
    }
    (text, fixed_rules, false)
}

/// The command's fix loop settles before its pass limit, the result re-lints with valid
/// spans, and no rule whose fix was applied still offers an applicable fix.
pub fn assert_fixes_converge(linter: &Linter, text: &str, kind: SourceKind, mode: FixMode) {
    let (fixed, fixed_rules, settled) = fix_like_the_cli(linter, text, kind, mode);
    assert!(settled, "{mode:?} fixes still changing the text after {MAX_FIX_PASSES} passes");
    let after = linter.lint(&fixed, kind).diagnostics;
    assert_diagnostics(&fixed, &after);
    let left: Vec<_> = after
        .iter()
        .filter(|d| mode.applies(d) && fixed_rules.iter().any(|r| **r == *d.rule))
        .map(|d| (d.rule.to_string(), &fixed[d.span.range()], d.suggestion.clone()))
        .collect();
    assert!(left.is_empty(), "{mode:?}: fixed rules still offer fixes after fixing: {left:?}");
}

/// The prose view of a Markdown or HTML document keeps its length, its line breaks and
/// every character boundary, and only ever writes ASCII spaces (or, in HTML, a line break
/// over a masked tag's `>`), so spans found in it are spans into the file.
pub fn assert_masking(text: &str, kind: SourceKind) {
    let view = prose_view(text, kind);
    assert_eq!(view.len(), text.len(), "masking changed the length");
    let (v, t) = (view.as_bytes(), text.as_bytes());
    for i in 0..t.len() {
        if text.is_char_boundary(i) {
            assert!(view.is_char_boundary(i), "masking broke the char boundary at {i}");
        }
        if t[i] == b'\n' || t[i] == b'\r' {
            assert_eq!(v[i], t[i], "masking changed a line break at {i}");
        }
        let inserted_break = kind == SourceKind::Html && v[i] == b'\n' && t[i] == b'>';
        assert!(v[i] == t[i] || v[i] == b' ' || inserted_break, "masking wrote {:?} at {i} over {:?}", v[i], t[i]);
    }
    assert_article(&view, &Article::parse(&view));
}

/// The article's structure: lines in order covering the text; blocks are trimmed runs of
/// non-blank lines; paragraphs are trimmed, in order, inside their block; each paragraph's
/// sentences are trimmed, non-empty, in order and tile it: only whitespace between them,
/// and before the first only a list marker.
pub fn assert_article(text: &str, a: &Article) {
    let on_boundary = |s: newslint::Span| s.start <= s.end && s.end <= text.len() && text.get(s.range()).is_some();
    assert!(!a.lines.is_empty(), "no lines");
    let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
    for line in &a.lines {
        assert!(on_boundary(line.span), "line {:?} off bounds", line.span);
        assert_eq!(line.span.start, pos, "lines not contiguous");
        let content = &text[line.span.range()];
        assert!(!content.contains(['\n', '\r']), "line {:?} holds a terminator", line.span);
        assert_eq!(line.blank, content.trim().is_empty(), "blank flag of {:?}", line.span);
        pos = line.span.end;
        let rest = &text[pos..];
        pos += if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with(['\n', '\r'])) };
    }
    assert_eq!(pos, text.len().max(a.lines[0].span.start), "lines do not cover the text");
    let trimmed = |s: newslint::Span| {
        let t = &text[s.range()];
        !t.is_empty() && t.trim() == t
    };
    for block in &a.blocks {
        assert!(on_boundary(block.span) && trimmed(block.span), "block {:?}", block.span);
        assert!(a.lines[block.lines.clone()].iter().all(|l| !l.blank), "blank line in block {:?}", block.span);
    }
    let mut next_sentence = 0;
    let mut last_end = 0;
    let mut block = 0;
    for p in &a.paragraphs {
        assert!(on_boundary(p.span) && trimmed(p.span), "paragraph {:?} not trimmed", p.span);
        assert!(p.span.start >= last_end, "paragraphs out of order at {:?}", p.span);
        last_end = p.span.end;
        // Paragraphs and blocks are both in order: one pass finds each paragraph's block.
        let inside = |b: &newslint::article::Block| {
            b.span.contains(p.span) && b.lines.start <= p.lines.start && p.lines.end <= b.lines.end
        };
        while block < a.blocks.len() && !inside(&a.blocks[block]) {
            block += 1;
        }
        assert!(block < a.blocks.len(), "paragraph {:?} outside every block (or out of order)", p.span);
        assert_eq!(p.sentences.start, next_sentence, "sentences skipped before {:?}", p.span);
        assert!(!p.sentences.is_empty(), "paragraph {:?} has no sentence", p.span);
        next_sentence = p.sentences.end;
        let mut cursor = p.span.start;
        for (k, &s) in a.sentences[p.sentences.clone()].iter().enumerate() {
            assert!(on_boundary(s) && trimmed(s), "sentence {s:?} empty or not trimmed");
            assert!(p.span.contains(s), "sentence {s:?} outside paragraph {:?}", p.span);
            assert!(s.start >= cursor, "sentence {s:?} overlaps the one before");
            let gap = &text[cursor..s.start];
            let gap_ok = gap.trim().is_empty() || (k == 0 && is_list_marker(gap));
            assert!(gap_ok, "non-space text {gap:?} between sentences at {cursor}");
            cursor = s.end;
        }
        assert_eq!(cursor, p.span.end, "the last sentence does not end the paragraph {:?}", p.span);
    }
    assert_eq!(next_sentence, a.sentences.len(), "sentences outside every paragraph");
    for offset in [0, text.len() / 2, text.len(), text.len() + 1] {
        assert!(a.line_of(offset) < a.lines.len());
    }
    let _ = a.word_count();
}

/// A list marker and the whitespace after it: `- `, `* `, `• `, `1. `, `12) `.
fn is_list_marker(s: &str) -> bool {
    let marker = s.trim_end();
    if marker.len() == s.len() {
        return false;
    }
    match marker.strip_suffix(['.', ')']) {
        Some(digits) => (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()),
        None => matches!(marker, "-" | "*" | "•"),
    }
}
