//! Span invariants on every fixture and on mangled text: in bounds, on character
//! boundaries, non-empty, sorted; and applying every suggestion converges.

use newslint::{Diagnostic, Linter};

use crate::fixtures::all_fixtures;
use crate::{all_rules, kind_of};

fn assert_spans_valid(text: &str, diagnostics: &[Diagnostic], what: &str) {
    let mut last = (0, usize::MAX);
    for d in diagnostics {
        assert!(d.span.start < d.span.end, "{what}: empty span {:?} from {}", d.span, d.rule);
        assert!(d.span.end <= text.len(), "{what}: span {:?} out of bounds", d.span);
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "{what}: {:?}", d.span);
        assert!((d.span.start, usize::MAX - d.span.end) >= (last.0, usize::MAX - last.1), "{what}: not sorted");
        last = (d.span.start, d.span.end);
    }
}

/// Applies every suggestion (non-overlapping, back to front).
fn apply_suggestions(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut fixed = text.to_string();
    let mut floor = usize::MAX;
    for d in diagnostics.iter().rev() {
        if let Some(s) = &d.suggestion
            && d.span.end <= floor
        {
            fixed.replace_range(d.span.range(), s);
            floor = d.span.start;
        }
    }
    fixed
}

#[test]
fn spans_are_exact_on_every_fixture() {
    let linter = all_rules();
    for path in all_fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let diagnostics = linter.check_as(&text, kind_of(&path));
        assert_spans_valid(&text, &diagnostics, &path.display().to_string());
    }
}

#[test]
fn spans_stay_on_char_boundaries_in_mangled_text() {
    let linter = all_rules();
    let pieces = [
        "The Related Press ",
        "suppose tank",
        "“",
        "”",
        "é",
        "🙂",
        "\r\n",
        "\n\n",
        "{dollars}",
        "FAQ\n",
        "Leave a Comment\n",
        "at .",
        "TK ",
        "\u{feff}",
        "Home > News > Local\n",
        "Related\n- a b c\n- d e f\n",
        "Dear ,",
        "…",
        "\t",
        "ß",
    ];
    let mut state = 0x2545_f491_u64;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..(state % 30) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let diagnostics = linter.check(&text);
        assert_spans_valid(&text, &diagnostics, &format!("{text:?}"));
    }
}

#[test]
fn applying_suggestions_converges() {
    let linter: Linter = all_rules();
    for path in all_fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = kind_of(&path);
        let first = linter.check_as(&text, kind);
        let fixed = apply_suggestions(&text, &first);
        let second = linter.check_as(&fixed, kind);
        let left: Vec<_> = second.iter().filter(|d| d.suggestion.is_some()).map(|d| d.message.clone()).collect();
        assert!(left.is_empty(), "{}: fixes did not converge: {left:?}", path.display());
    }
}
