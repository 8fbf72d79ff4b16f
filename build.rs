//! Embeds every `lints/**/*.toml` rule file in the binary, so adding a data rule is adding
//! one file: no list to update. Also works out, so that start-up does not, the regex gates
//! of the built-in rules' patterns (`src/engines/pattern_facts.rs`) and the spun variants
//! of their fixed expressions (`src/engines/variants.rs`).

use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/engines/pattern_facts.rs"]
mod pattern_facts;

#[path = "src/engines/variants.rs"]
mod variants;

use pattern_facts::{GateSpec, PatternFacts, anchored_at_start, ascii_word_boundaries, facts};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let lints = root.join("lints");
    println!("cargo:rerun-if-changed=lints");
    link_without_pie();
    let mut files = Vec::new();
    collect(&lints, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Built-in rule files: (path relative to the crate, contents).\npub static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n",
    );
    // Each file's path as `BUILTIN_RULE_FILES` has it and its TOML, parsed once for both
    // tables below. A broken rule file is reported by the loader, with its position: it
    // gets no table entry here.
    let mut rules = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", file.display().to_string()));
        if let Ok(rule) = fs::read_to_string(file).unwrap().parse::<toml::Table>() {
            rules.push((rel, rule));
        }
    }
    code.push_str("];\n");
    code.push_str(&json_table(&rules));
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out_dir.join("builtin_rules.rs"), code).unwrap();
    fs::write(out_dir.join("builtin_pattern_facts.rs"), pattern_facts_table(&rules)).unwrap();
    fs::write(out_dir.join("builtin_variants.rs"), variants_table(&rules)).unwrap();
}

/// Links the `newslint` binary at a fixed address on Linux (not position-independent): the
/// dynamic loader then has no 28,000 relocations to apply, and their pages fault in no
/// more. Start-up plus a 10 KB article: 845 -> 717 page faults, about a tenth of the wall
/// time. Only the binaries: the library, tests and proc macros are linked as usual. The
/// cost: the binary's own code loses address randomisation, a hardening for programs
/// written in memory-unsafe languages; newslint is safe Rust and only reads its input.
fn link_without_pie() {
    let target = env::var("TARGET").unwrap_or_default();
    if target.contains("linux") && target.starts_with("x86_64") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// `static BUILTIN_RULE_JSON: &[(&str, &str)]`: each parsed rule file again, as JSON, by
/// path. TOML parsing was a third of loading the rules (10 M instructions); serde_json
/// reads the same values in a fraction of that. The TOML text stays the source of truth
/// (and of error positions).
fn json_table(rules: &[(String, toml::Table)]) -> String {
    let mut code = String::from(
        "/// Built-in rule files parsed at build time, as JSON: (path, JSON).\n\
         pub static BUILTIN_RULE_JSON: &[(&str, &str)] = &[\n",
    );
    for (rel, rule) in rules {
        let json = serde_json::to_string(rule).expect("a TOML table is JSON");
        code.push_str(&format!("    ({rel:?}, {json:?}),\n"));
    }
    code.push_str("];\n");
    code
}

/// `static BUILTIN_VARIANTS: &[(&str, &[StaticVariant])]`: per built-in rule file of
/// the `expressions` engine, each variant's spun form, original and capitalised words. A
/// file whose data does not generate is left out: loading it reports the error.
fn variants_table(rules: &[(String, toml::Table)]) -> String {
    let mut code = String::from(
        "/// A variant: spun form, original, capitalised words.\n\
         pub type StaticVariant = (&'static str, &'static str, &'static [bool]);\n\
         pub static BUILTIN_VARIANTS: &[(&str, &[StaticVariant])] = &[\n",
    );
    for (rel, rule) in rules {
        if rule.get("engine").and_then(toml::Value::as_str) != Some("expressions") {
            continue;
        }
        let Some(data) = rule.get("data") else { continue };
        let strings = |key: &str| data.get(key).map(strings_of).unwrap_or_default();
        let swaps: std::collections::BTreeMap<String, Vec<String>> = data
            .get("swaps")
            .and_then(toml::Value::as_table)
            .map(|t| t.keys().map(|word| (word.clone(), strings_of(&t[word]))).collect())
            .unwrap_or_default();
        let max_swaps = data.get("max_swaps").and_then(toml::Value::as_integer);
        let (expressions, except) = (strings("expressions"), strings("except"));
        let spec = variants::Swaps {
            expressions: &expressions,
            swaps: &swaps,
            except: &except,
            max_swaps: max_swaps.map_or(variants::DEFAULT_MAX_SWAPS, |n| usize::try_from(n).unwrap_or(usize::MAX)),
        };
        let Ok(generated) = variants::generate(&spec) else { continue };
        code.push_str(&format!("    ({rel:?}, &[\n"));
        for v in generated {
            code.push_str(&format!("        ({:?}, {:?}, &{:?}),\n", v.spun, v.original, v.capitalised));
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    code
}

/// The strings of a TOML array (none if it is not one).
fn strings_of(value: &toml::Value) -> Vec<String> {
    value.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

/// Every string in a rule's `[data]` that looks like a regex, and every list of strings
/// with one among them: what engines may hand `RuleSource::regex` and `regex_set`. A
/// pattern missed here (a list of plain words) is worked out at start-up instead; one
/// taken in vain costs a table entry, and its literals a place in the gate index that
/// scans every document, so message and replacement templates (`${1} ${2}`: a literal
/// space) are left out.
fn regex_like(data: &toml::Value, out: &mut Vec<Vec<String>>) {
    const TEMPLATES: [&str; 2] = ["message", "suggest"];
    let looks_like_regex = |s: &str| s.contains(['\\', '^', '$', '(', '[', '{', '|', '*', '+', '?']);
    match data {
        toml::Value::String(s) if looks_like_regex(s) => out.push(vec![s.clone()]),
        toml::Value::Array(items) => {
            let strings: Option<Vec<&str>> = items.iter().map(toml::Value::as_str).collect();
            if let Some(strings) = strings.filter(|s| s.iter().any(|s| looks_like_regex(s))) {
                out.push(strings.iter().map(|s| s.to_string()).collect());
            }
            items.iter().for_each(|item| regex_like(item, out));
        }
        toml::Value::Table(table) => {
            for (key, value) in table.iter().filter(|(key, _)| !TEMPLATES.contains(&key.as_str())) {
                match (key.as_str(), value.as_str()) {
                    // The `patterns` engine anchors these before compiling them.
                    ("unless_next", Some(pattern)) => out.push(vec![anchored_at_start(pattern)]),
                    _ => regex_like(value, out),
                }
            }
        }
        _ => {}
    }
}

/// `static BUILTIN_PATTERN_FACTS: &[(&str, usize, bool, StaticGate)]`: patterns as the
/// engines pass them (ASCII word boundaries, joined by NUL), capture groups, whether every
/// match lies within a line, and gate; sorted by the
/// patterns, for a binary search. The literal lists of the gates that search are numbered
/// in `static BUILTIN_GATE_LISTS: &[&[&[u8]]]`, which one scan per document looks for.
fn pattern_facts_table(rules: &[(String, toml::Table)]) -> String {
    let mut lists = Vec::new();
    for data in rules.iter().filter_map(|(_, rule)| rule.get("data")) {
        regex_like(data, &mut lists);
    }
    let mut rows: Vec<(String, PatternFacts)> = lists
        .into_iter()
        .map(|list| {
            let patterns: Vec<String> = list.iter().map(|p| ascii_word_boundaries(p)).collect();
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            (patterns.join("\0"), facts(&refs))
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut gate_lists = Vec::new();
    let mut code = String::from("pub static BUILTIN_PATTERN_FACTS: &[(&str, usize, bool, StaticGate)] = &[\n");
    for (key, found) in &rows {
        let gate = gate_code(&found.gate, &mut gate_lists);
        code.push_str(&format!("    ({key:?}, {}, {}, {gate}),\n", found.captures_len, found.one_line));
    }
    code.push_str("];\npub static BUILTIN_GATE_LISTS: &[&[&[u8]]] = &[\n");
    for list in &gate_lists {
        code.push_str(&format!("    &[{}],\n", literals_code(list)));
    }
    code.push_str("];\n");
    code
}

/// `gate` as a `StaticGate` expression, its literal lists numbered in `lists`.
fn gate_code(gate: &GateSpec, lists: &mut Vec<Vec<Vec<u8>>>) -> String {
    match gate {
        GateSpec::Open => "StaticGate::Open".to_string(),
        GateSpec::AtStart(literals) => format!("StaticGate::AtStart(&[{}])", literals_code(literals)),
        GateSpec::Anywhere(all) => {
            let ids: Vec<String> = all
                .iter()
                .map(|list| {
                    let id = lists.iter().position(|l| l == list).unwrap_or_else(|| {
                        lists.push(list.clone());
                        lists.len() - 1
                    });
                    id.to_string()
                })
                .collect();
            format!("StaticGate::Anywhere(&[{}])", ids.join(", "))
        }
        GateSpec::AnyOf(members) => {
            let members: Vec<String> = members.iter().map(|m| gate_code(m, lists)).collect();
            format!("StaticGate::AnyOf(&[{}])", members.join(", "))
        }
    }
}

fn literals_code(literals: &[Vec<u8>]) -> String {
    literals.iter().map(|l| format!("&{l:?}")).collect::<Vec<_>>().join(", ")
}
