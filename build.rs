//! Embeds every `lints/**/*.toml` rule file in the binary, so adding a data rule is adding
//! one file: no list to update. Also works out the regex gates of the built-in rules'
//! patterns (see `src/engines/pattern_facts.rs`), so start-up does not parse them.

use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/engines/pattern_facts.rs"]
mod pattern_facts;

use pattern_facts::{GateSpec, ascii_word_boundaries, facts};

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
    let mut files = Vec::new();
    collect(&lints, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Built-in rule files: (path relative to the crate, contents).\npub static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", file.display().to_string()));
    }
    code.push_str("];\n");
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out_dir.join("builtin_rules.rs"), code).unwrap();
    fs::write(out_dir.join("builtin_pattern_facts.rs"), pattern_facts_table(&files)).unwrap();
}

/// Every string in a rule's `[data]` that looks like a regex, and every list of strings
/// with one among them: what engines may hand `RuleSource::regex` and `regex_set`. A
/// pattern missed here (a list of plain words) is worked out at start-up instead; one
/// taken in vain (a message) only costs a table entry.
fn regex_like(data: &toml::Value, out: &mut Vec<Vec<String>>) {
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
        toml::Value::Table(table) => table.values().for_each(|v| regex_like(v, out)),
        _ => {}
    }
}

/// `static BUILTIN_PATTERN_FACTS: &[(&str, usize, u8, &[&[u8]])]`: patterns as the engines
/// pass them (ASCII word boundaries, joined by NUL), capture groups, gate kind (0 open,
/// 1 at start, 2 anywhere) and literals; sorted by the patterns, for a binary search.
fn pattern_facts_table(files: &[PathBuf]) -> String {
    let mut lists = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        // A broken rule file is reported by the loader, with its position; skip it here.
        let Ok(rule) = text.parse::<toml::Table>() else { continue };
        if let Some(data) = rule.get("data") {
            regex_like(data, &mut lists);
        }
    }
    let mut rows: Vec<(String, String)> = lists
        .into_iter()
        .map(|list| {
            let patterns: Vec<String> = list.iter().map(|p| ascii_word_boundaries(p)).collect();
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let found = facts(&refs);
            let (kind, literals) = match found.gate {
                GateSpec::Open => (0, Vec::new()),
                GateSpec::AtStart(l) => (1, l),
                GateSpec::Anywhere(l) => (2, l),
            };
            let key = patterns.join("\0");
            let literals: Vec<String> = literals.iter().map(|l| format!("&{l:?}")).collect();
            let row = format!("    ({key:?}, {}, {kind}, &[{}]),\n", found.captures_len, literals.join(", "));
            (key, row)
        })
        .collect();
    rows.sort();
    rows.dedup();
    let mut code = String::from("pub static BUILTIN_PATTERN_FACTS: &[(&str, usize, u8, &[&[u8]])] = &[\n");
    rows.iter().for_each(|(_, row)| code.push_str(row));
    code.push_str("];\n");
    code
}
