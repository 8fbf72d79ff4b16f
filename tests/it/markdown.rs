//! Markdown front end: prose is linted wherever it stands — front-matter prose fields,
//! headings, lists, quotes, tables — code and markup are not, and every span slices the
//! original file to exactly the flagged text.

use newslint::SourceKind;

use crate::all_rules;

fn flagged(text: &str) -> Vec<(String, &str)> {
    all_rules()
        .check_as(text, SourceKind::Markdown)
        .into_iter()
        .map(|d| (d.rule.to_string(), &text[d.span.range()]))
        .collect()
}

#[test]
fn spans_point_into_the_original_file() {
    let md = "---\ntitle: \"Café owners quit the suppose tank\"\ndescription: >\n  A story about {company_name}.\ntags: [\"{ignored}\"]\n---\n\n# Harbor news from The Related Press\n\n> “Quoted,” said a fellow at Chatham Home.\n\n| Team | Note |\n|------|------|\n| Harbor | %s |\n\n- An item with [a link](https://example.org/{id}?q=%s) and `{{code}}`.\n\n```\n{slot} and The Related Press in code\n```\n\n<!-- {{comment}} --> <span>{{html}}</span>\n";
    let found = flagged(md);
    let texts: Vec<&str> = found.iter().map(|(_, t)| *t).collect();
    for expected in ["suppose tank", "{company_name}", "The Related Press", "Chatham Home", "%s"] {
        assert!(texts.contains(&expected), "{expected} not flagged; found {found:?}");
    }
    for never in ["{ignored}", "{id}", "{{code}}", "{slot}", "{{comment}}", "{{html}}"] {
        assert!(!texts.iter().any(|t| t.contains(never)), "{never} must not be flagged: {found:?}");
    }
    assert_eq!(texts.iter().filter(|t| **t == "The Related Press").count(), 1, "code blocks are not prose: {found:?}");
}

#[test]
fn toml_front_matter_and_crlf_keep_exact_offsets() {
    let md = "+++\r\ntitle = 'The suppose tank report'\r\ndraft = true\r\n+++\r\nBody with {dollars}.\r\n";
    let found = flagged(md);
    let texts: Vec<&str> = found.iter().map(|(_, t)| *t).collect();
    assert_eq!(texts, ["suppose tank", "{dollars}"], "{found:?}");
}

#[test]
fn markdown_lines_and_columns_are_editor_positions() {
    let md = "---\ntitle: Fine\n---\n\nIntro.\n\n* The suppose tank said so.\n";
    let d = &all_rules().check_as(md, SourceKind::Markdown)[0];
    let report = newslint::render::FileReport { path: "a.md", text: md, diagnostics: std::slice::from_ref(d) };
    let json = newslint::render::json_diagnostics(&report);
    assert_eq!((json[0].line, json[0].column), (7, 7));
}
