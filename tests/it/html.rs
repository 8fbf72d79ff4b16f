//! The HTML front end through `Linter::check_as`: spans are bytes of the original markup,
//! text the reader never sees is never flagged, and elements marked up as furniture are
//! flagged as `furniture/html-region` without swallowing the story.

use newslint::{Diagnostic, SourceKind};

use crate::{all_rules, only};

fn check_html(linter: &newslint::Linter, html: &str) -> Vec<Diagnostic> {
    linter.check_as(html, SourceKind::Html)
}

/// What `furniture/html-region` alone flags, as (message, flagged source text).
fn regions(html: &str) -> Vec<(String, &str)> {
    check_html(&only("furniture/html-region"), html).into_iter().map(|d| (d.message, &html[d.span.range()])).collect()
}

#[test]
fn spans_slice_the_original_html_to_the_phrase() {
    let html = "<html><head><title>Zoë</title></head><body>\n<article><h1>Caf&eacute; owners &amp; the “port”</h1>\
        <p>Zoë’s 🙂 café &mdash; a <i>senior</i> fellow&nbsp;said, according to The Related Press, that it closed.</p>\
        </article></body></html>\n";
    let diagnostics = check_html(&all_rules(), html);
    let spun = diagnostics.iter().find(|d| &*d.rule == "spin/fixed-expression").expect("the spun name is found");
    assert_eq!(&html[spun.span.range()], "The Related Press");
    assert_eq!(spun.suggestion.as_deref(), Some("The Associated Press"));
}

#[test]
fn text_the_reader_never_sees_is_never_flagged() {
    let invisible = [
        "<script>var credit = 'The Related Press'; document.write(\"</div><p>suppose tank</p>\");</script>",
        "<style>/* The Related Press */ .x::after { content: \"suppose tank\"; }</style>",
        "<div hidden><p>A fellow at the suppose tank told The Related Press.</p></div>",
        "<div aria-hidden=\"true\">The Related Press</div>",
        "<p style=\"display: none\">Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>",
        "<span style=\"visibility:hidden\">{{headline}}</span>",
        "<noscript><p>The Related Press</p></noscript>",
        "<template><p>suppose tank</p></template>",
        "<!-- The Related Press {{todo}} -->",
    ];
    let story = "<p>The plant will reopen in May, the company said on Monday.</p>";
    let linter = all_rules();
    for part in invisible {
        let html = format!("<html><body><article>{story}{part}{story}</article></body></html>");
        let at = html.find(part).unwrap();
        let hidden = at..at + part.len();
        let inside: Vec<_> = check_html(&linter, &html)
            .into_iter()
            .filter(|d| d.span.start < hidden.end && hidden.start < d.span.end)
            .map(|d| format!("{}: {}", d.rule, &html[d.span.range()]))
            .collect();
        assert!(inside.is_empty(), "{part}: {inside:?}");
    }
}

#[test]
fn a_minified_page_keeps_its_furniture_on_separate_lines() {
    let html = "<html><body><article><h1>Plant to reopen</h1><p>The plant will reopen in May, the company said on \
        Monday.</p><div>Share this article</div><div>Facebook</div><div>Twitter</div><div>WhatsApp</div><p>Workers \
        were told of the plan at a meeting on Friday, a union official said.</p></article></body></html>";
    assert_eq!(html.lines().count(), 1);
    let diagnostics = check_html(&only("furniture/share-bar"), html);
    let flagged: Vec<&str> = diagnostics.iter().map(|d| &html[d.span.range()]).collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("Share this article") && flagged[0].ends_with("WhatsApp"), "{flagged:?}");
}

#[test]
fn furniture_elements_are_flagged_and_the_story_is_kept() {
    let html = "<body>\n<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n\
        <div class=\"site-footer-wrapper\">\n<article>\n<header><h1>Plant to reopen in May</h1>\
        <p>By Ana Ruiz</p></header>\n<p>The plant will reopen in May, the company said on Monday.</p>\n\
        </article>\n<aside><h2>Trending</h2><a href=\"/a\">Storm hits coast</a></aside>\n</div>\n\
        <div class=\"box related-stories\"><a href=\"/b\">Port strike ends</a></div>\n\
        <div id=\"unrelated\">Kept because the word is only part of a part.</div>\n\
        <footer><p>&copy; 2025 The Daily Ledger</p></footer>\n</body>";
    let found = regions(html);
    assert_eq!(
        found,
        [
            ("page furniture in <nav>".to_string(), "Home</a> <a href=\"/world\">World"),
            ("page furniture in <aside>".to_string(), "Trending</h2><a href=\"/a\">Storm hits coast"),
            ("page furniture: class “related-stories”".to_string(), "Port strike ends"),
            ("page furniture in <footer>".to_string(), "&copy; 2025 The Daily Ledger"),
        ]
    );
}

#[test]
fn text_another_furniture_rule_named_keeps_its_rule() {
    let html = "<article><p>The plant will reopen in May, the company said on Monday.</p></article>\n\
        <div class=\"cookie-banner\">\n<p>Cookie settings</p>\n<p>Read our editorial standards here</p>\n</div>";
    let linter = only("furniture");
    let diagnostics = check_html(&linter, html);
    let flagged: Vec<(&str, &str)> = diagnostics.iter().map(|d| (&*d.rule, &html[d.span.range()])).collect();
    assert_eq!(
        flagged,
        [
            ("furniture/cookie-notice", "Cookie settings"),
            ("furniture/html-region", "Read our editorial standards here")
        ]
    );
}

#[test]
fn html_region_runs_on_html_only() {
    let text = "<nav>Home World Sport</nav>\nThe plant will reopen in May, the company said on Monday.";
    assert!(only("furniture/html-region").check(text).is_empty());
    assert!(!check_html(&only("furniture/html-region"), text).is_empty());
}

#[test]
fn the_news_site_fixture_flags_its_furniture_and_not_its_story() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/html/news-site.html");
    let html = std::fs::read_to_string(path).unwrap();
    let diagnostics = check_html(&all_rules(), &html);
    let story_start = html.find("<p>RIVERBEND").unwrap();
    let story_end = html.find("<div hidden").unwrap();
    let hidden_end = html.find("</article>").unwrap();
    for d in &diagnostics {
        let flagged = &html[d.span.range()];
        assert!(d.span.end <= story_start || d.span.start >= story_end, "story flagged: {}: {flagged}", d.rule);
        assert!(d.span.end <= story_end || d.span.start >= hidden_end, "hidden text flagged: {}: {flagged}", d.rule);
    }
    let flagged = |rule: &str| -> Vec<&str> {
        diagnostics.iter().filter(|d| d.rule.starts_with(rule)).map(|d| &html[d.span.range()]).collect()
    };
    let (regions, furniture) = (flagged("furniture/html-region"), flagged("furniture/"));
    // By markup: the site header and menu, breadcrumbs, share tools, the newsletter box,
    // comments and footer. The cookie banner and the headline lists of the sidebar and the
    // related box are named by their own rules first.
    for text in ["The Valley Ledger", "Opinion", "Transit", "Facebook", "morning briefing", "Comments (14)", "Privacy"]
    {
        assert!(regions.iter().any(|r| r.contains(text)), "{text} not flagged by html-region: {regions:#?}");
    }
    for text in ["Manage settings", "Most read", "Road closures", "Related stories", "Light-rail extension"] {
        assert!(furniture.iter().any(|r| r.contains(text)), "{text} not flagged: {furniture:#?}");
    }
    assert!(
        !regions.iter().any(|r| r.contains("Transit board freezes") || r.contains("Marisol Ortega")),
        "{regions:#?}"
    );
}

#[test]
fn cut_pages_lint_without_panics_and_with_valid_spans() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/html/news-site.html");
    let html = std::fs::read_to_string(path).unwrap();
    let linter = all_rules();
    let cuts = (1..40).map(|k| html.len() * k / 40).filter(|&i| html.is_char_boundary(i));
    for cut in cuts {
        for part in [&html[..cut], &html[cut..]] {
            for d in check_html(&linter, part) {
                assert!(d.span.start < d.span.end && d.span.end <= part.len(), "{}: {:?}", d.rule, d.span);
                assert!(part.is_char_boundary(d.span.start) && part.is_char_boundary(d.span.end));
            }
        }
    }
}
