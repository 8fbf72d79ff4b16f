//! Every rule's own examples are part of its contract: each `fire` example must produce a
//! diagnostic of that rule, each `silent` example none.

use newslint::rules::builtin_rules;

use crate::only;

#[test]
fn every_rule_fires_on_its_fire_examples_and_stays_silent_on_its_silent_ones() {
    let mut failures = Vec::new();
    for rule in builtin_rules().unwrap() {
        let id = rule.meta.id.to_string();
        // A document-level rule judges the other rules' findings: run its whole family.
        let linter = if rule.is_document_level() { only(rule.meta.family()) } else { only(&id) };
        // Examples are written in the rule's first format (plain text unless it says).
        let kind = rule.meta.formats.as_ref().and_then(|f| f.first().copied()).unwrap_or(newslint::SourceKind::Text);
        for example in &rule.meta.examples.fire {
            if !linter.check_as(example, kind).iter().any(|d| *d.rule == *id) {
                failures.push(format!("{id} did not fire on: {example:?}"));
            }
        }
        for example in &rule.meta.examples.silent {
            let found: Vec<_> = linter.check_as(example, kind).into_iter().filter(|d| *d.rule == *id).collect();
            if !found.is_empty() {
                failures.push(format!("{id} fired on silent example {example:?}: {}", found[0].message));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_files_live_at_their_id() {
    for rule in builtin_rules().unwrap() {
        assert_eq!(rule.meta.origin, format!("lints/{}.toml", rule.meta.id), "rule file path must match its id");
        assert!(rule.meta.docs.contains("## What it does"), "{}: docs need '## What it does'", rule.meta.id);
        assert!(rule.meta.docs.contains("## Why is this bad?"), "{}: docs need '## Why is this bad?'", rule.meta.id);
    }
}

#[test]
fn every_family_of_the_brief_has_rules() {
    let rules = builtin_rules().unwrap();
    for family in ["spin", "placeholder", "furniture", "padding", "structure"] {
        assert!(rules.iter().any(|r| r.meta.family() == family), "no rules in family {family}");
    }
}

#[test]
fn spun_phrase_suggestion_keeps_the_case_of_the_text() {
    let linter = only("spin");
    let cases = [
        ("A U.S. official told The Related Press.", "The Associated Press"),
        ("as the related press reported", "the associated press"),
        ("at the Chatham Home suppose tank", "Chatham House"),
        ("Suppose tank fellows disagreed.", "Think tank"),
    ];
    for (text, expected) in cases {
        let d = linter.check(text);
        assert_eq!(d[0].suggestion.as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn curly_and_straight_apostrophes_match_the_same_entry() {
    let rules = newslint::rules::load_rule(
        "test.toml",
        r#"
id = "spin/test"
severity = "warning"
summary = "t"
engine = "phrases"
docs = "d"
[examples]
fire = ["x"]
silent = ["y"]
[data]
message = "{found} -> {suggestion}"
[data.replace]
"the world's largest" = "the biggest"
"#,
    )
    .unwrap();
    let linter = newslint::Linter::new(vec![rules], &Default::default()).unwrap();
    assert_eq!(linter.check("It is the world’s largest port.").len(), 1);
    assert_eq!(linter.check("It is the world's largest port.").len(), 1);
    assert_eq!(linter.check("It is the worlds largest port.").len(), 0);
}

/// Lexicon rules promise one fire and one silent example per entry.
#[test]
fn every_lexicon_entry_has_a_fire_and_a_silent_example() {
    let fold = |s: &str| s.to_lowercase().replace('’', "'");
    for id in ["padding/filler-phrase", "padding/boilerplate-conclusion"] {
        let rule = newslint::rules::builtin_rules().unwrap().into_iter().find(|r| *r.meta.id == *id).unwrap();
        let text = std::fs::read_to_string(format!("{}/{}", env!("CARGO_MANIFEST_DIR"), rule.meta.origin)).unwrap();
        let data: toml::Table = toml::from_str(&text).unwrap();
        let entries = data["data"]["flag"].as_array().unwrap();
        for entry in entries.iter().map(|e| fold(e.as_str().unwrap())) {
            let in_fire = rule.meta.examples.fire.iter().any(|e| fold(e).contains(&entry));
            let in_silent = rule.meta.examples.silent.iter().any(|e| fold(e).contains(&entry));
            assert!(in_fire && in_silent, "{id}: entry {entry:?} needs a fire and a silent example");
        }
    }
}

#[test]
fn an_faq_ends_at_a_question_answered_at_more_length_than_an_faq_answers() {
    let linter = only("padding/faq-section");
    let faq = "The plant will reopen in May.\n\nFAQ\n\nWhen will it reopen?\n\nIn May.\n\nWho said so?\n\nOfficials.";
    let section = "\n\nWhat comes after the plant?\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nWhy now?\n\nFive.";
    let text = format!("{faq}{section}");
    let d = linter.check(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    let faq_end = faq.len() + "\n\nWhat comes after the plant?\n\nOne.".len();
    assert_eq!((d[0].span.start, d[0].span.end), (faq.find("FAQ").unwrap(), faq_end), "{d:?}");
    assert!(d[0].message.contains("3 questions"), "{}", d[0].message);
    // Three paragraphs are still an answer.
    let text = format!("{faq}\n\nWhat next?\n\nOne.\n\nTwo.\n\nThree.\n\nWhy now?\n\nFive.");
    let d = linter.check(&text);
    assert!(d[0].message.contains("4 questions"), "{}", d[0].message);
    assert_eq!(d[0].span.end, text.len(), "{d:?}");
}
