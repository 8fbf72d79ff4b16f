//! The CI formats rendered from real lint results: the SARIF log validates against the
//! official SARIF 2.1.0 schema and its regions and fixes match the spans; GitHub workflow
//! commands are escaped; Checkstyle and JUnit XML are well-formed and escaped.
//!
//! `tests/schemas/sarif-2.1.0.json` is the OASIS SARIF TC's `sarif-schema-2.1.0.json`
//! (draft-07, `$id` `.../oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json`),
//! copied unchanged from `src/schema.json` of the `serde-sarif` 0.8.0 crate on crates.io
//! (see tests/schemas/README.md).

use std::path::Path;

use newslint::render::{
    FINGERPRINT_KEY, FileReport, SARIF_SCHEMA_URI, SarifLog, write_checkstyle, write_checkstyle_footer,
    write_checkstyle_header, write_github, write_junit, write_junit_footer, write_junit_header,
};
use newslint::{Diagnostic, Linter, Selection, Severity};
use serde_json::Value;

use crate::fixtures::all_fixtures;
use crate::{all_rules, kind_of};

const SPUN: &str = "The plant will reopen, a senior fellow at the suppose tank told The Related Press.\n";
/// "suppose tank" on line 2, after characters of two, three and four UTF-8 bytes (one
/// of them outside the BMP: two UTF-16 code units).
const MULTIBYTE: &str = "Café owners agreed.\nZoë’s 🙂 café: a senior fellow at the suppose tank said so.\n";

fn sarif_for(linter: &Linter, files: &[(&str, &str)]) -> Value {
    let mut log = SarifLog::new(linter.rules().map(|(rule, severity)| (&rule.meta, severity)));
    for (path, text) in files {
        let diagnostics = linter.check(text);
        log.add(&FileReport { path, text, diagnostics: &diagnostics });
    }
    let mut out = Vec::new();
    log.finish(&mut out).unwrap();
    serde_json::from_slice(&out).expect("the SARIF log is JSON")
}

/// The pattern the OASIS schema gives `language` (twice), with a stray `]` that is no valid
/// ECMA-262 regex, so jsonschema's check of the schema itself rejects it; and the pattern
/// it means, as the SARIF SDK's own copy of the schema has it. newslint writes no `language`.
const BROKEN_LANGUAGE_PATTERN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
const LANGUAGE_PATTERN: &str = r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#;

fn schema_errors(log: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text.matches(BROKEN_LANGUAGE_PATTERN).count(), 2, "the vendored schema changed");
    let schema: Value = serde_json::from_str(&text.replace(BROKEN_LANGUAGE_PATTERN, LANGUAGE_PATTERN)).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).expect("the schema compiles");
    validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

fn result_for<'a>(log: &'a Value, rule: &str) -> &'a Value {
    results(log).iter().find(|r| r["ruleId"] == rule).unwrap_or_else(|| panic!("no {rule} result in {log:#}"))
}

/// A real diagnostic with a suggestion, to vary in the escaping tests.
fn spun_diagnostic() -> Diagnostic {
    let d = all_rules().check(SPUN).into_iter().find(|d| &*d.rule == "spin/fixed-expression").unwrap();
    assert_eq!(d.suggestion.as_deref(), Some("think tank"));
    d
}

#[test]
fn sarif_log_validates_against_the_official_schema() {
    let linter = all_rules();
    let fixtures: Vec<(String, String)> = all_fixtures()
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).unwrap();
            (rel, text)
        })
        .collect();
    let mut log = SarifLog::new(linter.rules().map(|(rule, severity)| (&rule.meta, severity)));
    for (path, text) in &fixtures {
        let diagnostics = linter.check_as(text, kind_of(Path::new(path)));
        log.add(&FileReport { path, text, diagnostics: &diagnostics });
    }
    for (path, text) in [("./news/a b.txt", SPUN), ("news\\multi byte.txt", MULTIBYTE), ("/abs/x.txt", SPUN)] {
        let diagnostics = linter.check(text);
        log.add(&FileReport { path, text, diagnostics: &diagnostics });
    }
    log.add_unreadable("news/huge.txt", "file is larger than 10485760 bytes");
    let log = log.to_json();
    assert!(results(&log).len() > 50, "the fixtures give many results");
    assert!(results(&log).iter().any(|r| r.get("fixes").is_some()));
    let errors = schema_errors(&log);
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));

    // The schema check has teeth.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b".into();
    let errors = schema_errors(&broken);
    assert!(errors.iter().any(|e| e.ends_with("/level")), "{errors:?}");
    assert!(errors.iter().any(|e| e.ends_with("/region/startLine")), "{errors:?}");
    assert!(errors.iter().any(|e| e.ends_with("/artifactLocation/uri")), "formats are checked too: {errors:?}");
}

#[test]
fn sarif_describes_the_tool_and_every_rule_in_force() {
    let rules = newslint::rules::builtin_rules().unwrap();
    let selection = Selection {
        select: Some(vec!["all".into()]),
        severity: vec![("spin/fixed-expression".into(), Severity::Info)],
        ..Default::default()
    };
    let linter = Linter::new(rules, &selection).unwrap();
    let log = sarif_for(&linter, &[("spun.txt", SPUN)]);
    assert_eq!(log["$schema"], SARIF_SCHEMA_URI);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "newslint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    let described = driver["rules"].as_array().unwrap();
    let in_force: Vec<_> = linter.rules().collect();
    assert_eq!(described.len(), in_force.len());
    for ((rule, severity), d) in in_force.iter().zip(described) {
        let meta = &rule.meta;
        assert_eq!(d["id"], &*meta.id);
        assert_eq!(d["shortDescription"]["text"], meta.summary);
        assert_eq!(d["help"]["markdown"], meta.docs.trim());
        assert_eq!(d["properties"]["tags"], serde_json::json!([meta.family()]));
        let full = d["fullDescription"]["text"].as_str().unwrap();
        let first_line = meta.docs.lines().skip_while(|l| !l.starts_with("## What it does")).nth(1).unwrap();
        assert!(full.starts_with(first_line.trim()), "{}: {full:?}", meta.id);
        assert!(!full.contains("Why is this bad?"), "only the first section: {}: {full:?}", meta.id);
        let level = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(d["defaultConfiguration"]["level"], level, "{}", meta.id);
    }
    let fixed = described.iter().find(|d| d["id"] == "spin/fixed-expression").unwrap();
    assert_eq!(fixed["name"], "fixed-expression");
    assert_eq!(fixed["defaultConfiguration"]["level"], "note", "the severity in force, not the rule file's");
    assert!(fixed["help"]["text"].as_str().unwrap().starts_with("What it does\n"));

    for r in results(&log) {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(described[i]["id"], r["ruleId"]);
    }
    assert_eq!(result_for(&log, "spin/fixed-expression")["level"], "note");
}

#[test]
fn sarif_region_matches_the_span_on_a_multibyte_line() {
    let linter = all_rules();
    let diagnostics = linter.check(MULTIBYTE);
    let d = diagnostics.iter().find(|d| &*d.rule == "spin/fixed-expression").unwrap();
    assert_eq!(&MULTIBYTE[d.span.range()], "suppose tank");

    let log = sarif_for(&linter, &[("news/multi.txt", MULTIBYTE)]);
    let result = result_for(&log, "spin/fixed-expression");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "news/multi.txt");
    let region = &location["region"];
    let line_start = MULTIBYTE.find('\n').unwrap() + 1;
    let before = &MULTIBYTE[line_start..d.span.start];
    assert_eq!(before.chars().count() + 1, 38, "character column");
    assert_eq!(before.encode_utf16().count() + 1, 39, "UTF-16 column: the emoji is two code units");
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 39);
    assert_eq!(region["endLine"], 2);
    assert_eq!(region["endColumn"], 39 + "suppose tank".len());
    assert_eq!(region["byteOffset"], d.span.start);
    assert_eq!(region["byteLength"], d.span.len());
    assert_eq!(result["message"]["text"], d.message);
    assert_eq!(result["level"], "error");
}

#[test]
fn sarif_fixes_apply_the_suggestions() {
    let linter = all_rules();
    let log = sarif_for(&linter, &[("multi.txt", MULTIBYTE)]);
    let diagnostics = linter.check(MULTIBYTE);
    assert_eq!(results(&log).len(), diagnostics.len());
    for (r, d) in results(&log).iter().zip(&diagnostics) {
        let Some(suggestion) = &d.suggestion else {
            assert!(r.get("fixes").is_none(), "{r:#}");
            continue;
        };
        assert_eq!(r["fixes"][0]["properties"]["applicability"], serde_json::to_value(d.applicability).unwrap());
        let change = &r["fixes"][0]["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "multi.txt");
        let replacement = &change["replacements"][0];
        let deleted = &replacement["deletedRegion"];
        assert_eq!(deleted, &r["locations"][0]["physicalLocation"]["region"]);
        let (start, len) = (deleted["byteOffset"].as_u64().unwrap() as usize, deleted["byteLength"].as_u64().unwrap());
        let mut fixed = MULTIBYTE.to_string();
        fixed.replace_range(start..start + len as usize, replacement["insertedContent"]["text"].as_str().unwrap());
        let mut expected = MULTIBYTE.to_string();
        expected.replace_range(d.span.range(), suggestion);
        assert_eq!(fixed, expected);
    }
    let fix = &result_for(&log, "spin/fixed-expression")["fixes"][0];
    assert_eq!(fix["description"]["text"], "Replace with `think tank`");
    assert_eq!(fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], "think tank");
    assert_eq!(fix["properties"]["applicability"], "safe");

    // An empty suggestion deletes the span: no inserted content.
    let mut d = spun_diagnostic();
    d.suggestion = Some(String::new());
    let mut log = SarifLog::new(std::iter::empty());
    log.add(&FileReport { path: "a.txt", text: SPUN, diagnostics: &[d] });
    let log = log.to_json();
    let replacement = &results(&log)[0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert!(replacement.get("insertedContent").is_none() && replacement.get("deletedRegion").is_some());
    assert!(results(&log)[0].get("ruleIndex").is_none(), "no index for a rule the log does not describe");
    assert!(schema_errors(&log).is_empty(), "{:?}", schema_errors(&log));
}

#[test]
fn sarif_fingerprints_survive_moved_lines_and_tell_repeats_apart() {
    let linter = only_fixed_expression();
    let fingerprints = |text: &str| -> Vec<String> {
        let log = sarif_for(&linter, &[("a.txt", text)]);
        results(&log).iter().map(|r| r["partialFingerprints"][FINGERPRINT_KEY].as_str().unwrap().to_string()).collect()
    };
    let text = "A senior fellow at the suppose tank said so.\n";
    let before = fingerprints(text);
    let after = fingerprints(&format!("A new first paragraph.\n\nAnd a second one.\n\n{text}"));
    assert_eq!(before.len(), 1);
    assert_eq!(before, after, "same rule and flagged text, other lines");
    let twice = fingerprints(&format!("{text}\n{text}"));
    assert_eq!(twice.len(), 2);
    assert_ne!(twice[0], twice[1]);
    assert!(twice[0].ends_with(":1") && twice[1].ends_with(":2"), "{twice:?}");
    assert_eq!(twice[0], before[0]);

    // A verdict on the whole document keeps its fingerprint when the text below its first
    // line changes.
    let verdict = |text: &str| -> String {
        let log = sarif_for(&all_rules(), &[("a.txt", text)]);
        let r = result_for(&log, "spin/spun-article");
        r["partialFingerprints"][FINGERPRINT_KEY].as_str().unwrap().to_string()
    };
    let spun = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/spin/spun-wire-story.txt"))
        .unwrap();
    assert_eq!(verdict(&spun), verdict(&format!("{spun}\nOne more line.\n")));
}

fn only_fixed_expression() -> Linter {
    crate::only("spin/fixed-expression")
}

#[test]
fn sarif_uris_keep_paths_relative_with_forward_slashes() {
    let linter = only_fixed_expression();
    let uri = |path: &str| {
        let log = sarif_for(&linter, &[(path, SPUN)]);
        results(&log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_string()
    };
    assert_eq!(uri("news/today.txt"), "news/today.txt");
    assert_eq!(uri("./news/today.txt"), "news/today.txt");
    assert_eq!(uri("news\\today.txt"), "news/today.txt");
    assert_eq!(uri("news/a b#1%.txt"), "news/a%20b%231%25.txt");
    assert_eq!(uri("news/é.txt"), "news/%C3%A9.txt");
    assert_eq!(uri("a:b.txt"), "a%3Ab.txt", "not a scheme");
    assert_eq!(uri("/srv/news/today.txt"), "file:///srv/news/today.txt");
    assert_eq!(uri("C:\\news\\today.txt"), "file:///C:/news/today.txt");
}

#[test]
fn sarif_records_unreadable_files() {
    let mut log = SarifLog::new(all_rules().rules().map(|(r, s)| (&r.meta, s)));
    log.add_unreadable("bad.txt", "stream did not contain valid UTF-8");
    let log = log.to_json();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["message"]["text"], "bad.txt: stream did not contain valid UTF-8");
    assert_eq!(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad.txt");
    assert!(results(&log).is_empty());
    assert!(schema_errors(&log).is_empty(), "{:?}", schema_errors(&log));
}

fn github(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = Vec::new();
    write_github(&mut out, &FileReport { path, text, diagnostics }).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn github_commands_annotate_each_finding() {
    let linter = only_fixed_expression();
    let text = MULTIBYTE;
    let out = github("./news/multi.txt", text, &linter.check(text));
    assert_eq!(
        out,
        "::error file=news/multi.txt,line=2,col=38,endLine=2,endColumn=50,title=spin/fixed-expression::\
         “suppose tank” is a spun form of “think tank” (replace with `think tank`)\n"
    );
    let mut d = spun_diagnostic();
    d.severity = Severity::Warning;
    assert!(github("a.txt", SPUN, &[d.clone()]).starts_with("::warning file=a.txt,line=1,col=47,"));
    d.severity = Severity::Info;
    assert!(github("a.txt", SPUN, &[d.clone()]).starts_with("::notice file=a.txt,line=1,col=47,"));
    d.suggestion = Some(String::new());
    assert!(github("a.txt", SPUN, &[d.clone()]).ends_with(" (delete)\n"));

    // Over several lines: no columns, which GitHub takes only on one line.
    let text = "One.\nTwo.\n";
    d.span = newslint::Span::new(0, 9);
    d.suggestion = None;
    assert!(github("a.txt", text, &[d]).starts_with("::notice file=a.txt,line=1,endLine=2,title="));
    assert_eq!(github("a.txt", text, &[]), "");
}

#[test]
fn github_commands_escape_messages_and_properties() {
    let mut d = spun_diagnostic();
    d.message = "100% spun: a, b\r\nand c".into();
    d.suggestion = None;
    let out = github("news/50%, really: yes.txt", SPUN, &[d]);
    assert_eq!(
        out,
        "::error file=news/50%25%2C really%3A yes.txt,line=1,col=47,endLine=1,endColumn=59,\
         title=spin/fixed-expression::100%25 spun: a, b%0D%0Aand c\n"
    );
    assert_eq!(out.lines().count(), 1);
}

fn checkstyle(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    write_checkstyle_header(&mut out).unwrap();
    for r in reports {
        write_checkstyle(&mut out, r).unwrap();
    }
    write_checkstyle_footer(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn junit(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    write_junit_header(&mut out).unwrap();
    for r in reports {
        write_junit(&mut out, r).unwrap();
    }
    write_junit_footer(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A path and a message with every character XML escapes, a line break and a control
/// character XML cannot carry.
fn awkward() -> (&'static str, Vec<Diagnostic>) {
    let mut d = spun_diagnostic();
    d.message = "a <b> & \"c\" 'd'\nnext\u{1}".into();
    d.suggestion = Some("x</error>".into());
    ("news/<&\"'>.txt", vec![d])
}

#[test]
fn checkstyle_is_well_formed_and_escaped() {
    let (path, diagnostics) = awkward();
    let spun = all_rules().check(MULTIBYTE);
    let xml = checkstyle(&[
        FileReport { path, text: SPUN, diagnostics: &diagnostics },
        FileReport { path: "multi.txt", text: MULTIBYTE, diagnostics: &spun },
        FileReport { path: "clean.txt", text: "Fine.\n", diagnostics: &[] },
    ]);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    assert_eq!(root.attribute("version"), Some("4.3"));
    let files: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(files.len(), 3);
    assert!(files.iter().all(|f| f.tag_name().name() == "file"));
    assert_eq!(files[0].attribute("name"), Some(path));
    let error = files[0].first_element_child().unwrap();
    assert_eq!(error.tag_name().name(), "error");
    assert_eq!(error.attribute("message"), Some("a <b> & \"c\" 'd'\nnext\u{fffd} (replace with `x</error>`)"));
    assert_eq!(error.attribute("source"), Some("spin/fixed-expression"));
    assert_eq!(error.attribute("severity"), Some("error"));
    assert_eq!((error.attribute("line"), error.attribute("column")), (Some("1"), Some("47")));

    let errors: Vec<_> = files[1].children().filter(|n| n.is_element()).collect();
    assert_eq!(errors.len(), spun.len());
    let fixed = errors.iter().find(|e| e.attribute("source") == Some("spin/fixed-expression")).unwrap();
    assert_eq!((fixed.attribute("line"), fixed.attribute("column")), (Some("2"), Some("38")));
    assert_eq!(files[2].attribute("name"), Some("clean.txt"));
    assert_eq!(files[2].children().count(), 0);
}

#[test]
fn junit_is_well_formed_and_escaped() {
    let (path, diagnostics) = awkward();
    let spun = all_rules().check(MULTIBYTE);
    let xml = junit(&[
        FileReport { path, text: SPUN, diagnostics: &diagnostics },
        FileReport { path: "multi.txt", text: MULTIBYTE, diagnostics: &spun },
        FileReport { path: "clean.txt", text: "Fine.\n", diagnostics: &[] },
    ]);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 3);
    for (suite, (name, failures)) in suites.iter().zip([(path, 1), ("multi.txt", spun.len()), ("clean.txt", 0)]) {
        assert_eq!(suite.tag_name().name(), "testsuite");
        assert_eq!(suite.attribute("name"), Some(name));
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        assert!(cases.iter().all(|c| c.tag_name().name() == "testcase" && c.attribute("classname") == Some(name)));
        let failed = cases.iter().filter(|c| c.first_element_child().is_some()).count();
        assert_eq!(failed, failures);
        assert_eq!(suite.attribute("failures"), Some(failures.to_string().as_str()));
        assert_eq!(suite.attribute("tests"), Some(cases.len().to_string().as_str()));
    }
    let case = suites[0].first_element_child().unwrap();
    assert_eq!(case.attribute("name"), Some("spin/fixed-expression at 1:47"));
    let failure = case.first_element_child().unwrap();
    assert_eq!(failure.tag_name().name(), "failure");
    assert_eq!(failure.attribute("message"), Some("a <b> & \"c\" 'd'\nnext\u{fffd}"));
    assert_eq!(failure.attribute("type"), Some("spin/fixed-expression"));
    assert_eq!(
        failure.text(),
        Some(
            "news/<&\"'>.txt:1:47: error[spin/fixed-expression] a <b> & \"c\" 'd'\nnext\u{fffd} (replace with `x</error>`)"
        )
    );
    let clean = suites[2].first_element_child().unwrap();
    assert_eq!(clean.attribute("name"), Some("no problems"));
}

#[test]
fn every_fixture_renders_in_every_ci_format() {
    let linter = all_rules();
    for p in all_fixtures() {
        let text = std::fs::read_to_string(&p).unwrap();
        let diagnostics = linter.check_as(&text, kind_of(&p));
        let path = p.to_str().unwrap();
        let report = FileReport { path, text: &text, diagnostics: &diagnostics };
        let lines = github(path, &text, &diagnostics);
        assert_eq!(lines.lines().count(), diagnostics.len(), "{path}");
        assert!(lines.lines().all(|l| l.starts_with("::") && l.contains(",title=")), "{path}");
        let xml = checkstyle(std::slice::from_ref(&report));
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
        let xml = junit(std::slice::from_ref(&report));
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

/// A scraped page can be one very long line: each finding on it shows only its part of the
/// line (with `…` where it is cut), at the file's true line and column, so the report grows
/// with the number of findings, not findings × line length.
#[test]
fn human_report_clips_very_long_lines_around_each_finding() {
    let filler = "The council met on Tuesday — naïve café talk went on. ".repeat(60);
    let text = format!("Headline\n{filler}A fellow at the suppose tank said so. {filler}\n");
    let diagnostics = only_fixed_expression().check(&text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let report = crate::human_report("page.txt", &text, &newslint::Report { diagnostics, ..Default::default() });
    let column = filler.chars().count() + "A fellow at the ".len() + 1;
    assert!(report.contains(&format!("┌─ page.txt:2:{column}\n")), "{report}");
    let shown = report.lines().find(|l| l.contains("suppose tank said so")).expect("the flagged line is shown");
    assert!(shown.starts_with("2 │ …") && shown.ends_with('…'), "{shown}");
    assert!(shown.len() < 500, "the line is clipped: {} bytes", shown.len());
    let underline = report.lines().find(|l| l.contains('^')).unwrap();
    let caret = underline.chars().position(|c| c == '^').unwrap();
    let under: String = shown.chars().skip(caret).take("suppose tank".len()).collect();
    assert_eq!(under, "suppose tank", "the underline is under the span:\n{report}");
}
