//! Throughput of the article parser and of the default rule set.
//!
//! The input is a generated corpus of news-like text (`benches/corpus/mod.rs`): it is
//! built from a seeded PRNG, so every run and every machine measures the same bytes, and no
//! file is read at run time, so `cargo bench` works from a bare checkout.
//!
//! Four measurements, all reported as bytes per second so that runs on different input
//! sizes compare directly:
//!
//! - `parse/1MB`: `Article::parse` alone, the floor every rule pays for;
//! - `check/1MB`: the default rule set on the same text, the batch (directory) case;
//! - `check/article-10KB`: one article, the pre-commit-hook case, where fixed per-call
//!   costs would show up;
//! - `check/markdown-1MB`: the same content as Markdown, which adds the masking pass.
//!
//! Measurement time is kept short (20 samples, ~5 s each) so the whole run takes a couple
//! of minutes on a two-core machine; the figures are for spotting regressions, not for
//! publishing.
//!
//! The same generator writes the files `scripts/bench/run.sh` times the CLI on
//! (`examples/gen_corpus.rs`), so `check/1MB` and the harness's `one-1mb.txt` are the same
//! bytes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use newslint::{Article, Linter, SourceKind};

mod corpus;

/// Seed of the 1 MB corpus. Any fixed value will do; changing it changes the bytes measured,
/// so keep it fixed to compare runs.
const CORPUS_SEED: u64 = 0x6E65_7773_6C69_6E74; // "newslint"
/// Seed of the single 10 KB article.
const ARTICLE_SEED: u64 = 0x0A27_1C1E_0000_0010;
/// Size the corpus is grown to (it stops at the first document boundary past this).
const CORPUS_BYTES: usize = 1_000_000;
/// Size of the single article for the pre-commit case.
const ARTICLE_BYTES: usize = 10_000;

fn benches(c: &mut Criterion) {
    let docs = corpus::mixed(CORPUS_SEED, CORPUS_BYTES);
    let text = corpus::render_text(&docs);
    let markdown = corpus::render_markdown(&docs);
    let article = corpus::render_text(&[corpus::article(ARTICLE_SEED, ARTICLE_BYTES)]);
    // Built once: building compiles every matcher, which a real run also does once.
    let linter = Linter::builtin().expect("the built-in rules load");

    // A corpus that silently stopped triggering rules would make `check` look fast for the
    // wrong reason; make sure each family the generator aims at still fires.
    for (name, input, kind) in [
        ("text", &text, SourceKind::Text),
        ("markdown", &markdown, SourceKind::Markdown),
        ("article", &article, SourceKind::Text),
    ] {
        let diagnostics = linter.check_as(input, kind);
        let families = ["spin", "furniture", "padding"];
        let wanted = if name == "article" { &families[..1] } else { &families[..] };
        for family in wanted {
            assert!(
                diagnostics.iter().any(|d| d.family() == *family),
                "the {name} corpus no longer triggers any `{family}` rule"
            );
        }
    }

    let mut parse = c.benchmark_group("parse");
    // One iteration on 1 MB takes milliseconds: flat sampling keeps the iteration count
    // per sample constant instead of ramping it up, which fits long iterations.
    parse.sampling_mode(SamplingMode::Flat);
    parse.throughput(Throughput::Bytes(text.len() as u64));
    parse.bench_function("1MB", |b| b.iter(|| Article::parse(black_box(&text))));
    parse.finish();

    let mut check = c.benchmark_group("check");
    check.sampling_mode(SamplingMode::Flat);
    check.throughput(Throughput::Bytes(text.len() as u64));
    check.bench_function("1MB", |b| b.iter(|| linter.check(black_box(&text))));
    check.throughput(Throughput::Bytes(article.len() as u64));
    check.bench_function("article-10KB", |b| b.iter(|| linter.check(black_box(&article))));
    check.throughput(Throughput::Bytes(markdown.len() as u64));
    check.bench_function("markdown-1MB", |b| b.iter(|| linter.check_as(black_box(&markdown), SourceKind::Markdown)));
    check.finish();
}

criterion_group! {
    name = throughput;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(throughput);
