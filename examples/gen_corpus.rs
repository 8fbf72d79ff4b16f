//! Writes the benchmark corpus used by `scripts/bench/run.sh`.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- OUT_DIR
//! ```
//!
//! Everything is generated from fixed seeds with a tiny PRNG (no `rand`), so every run on
//! every machine writes the same bytes:
//!
//! | path | what |
//! |---|---|
//! | `OUT_DIR/one-1mb.txt` | ~1 MB of mixed articles in one plain-text file |
//! | `OUT_DIR/one-1mb.md` | the same articles as Markdown (front matter, `#`/`##` headings) |
//! | `OUT_DIR/one-100mb.txt` | ~100 MB of mixed articles in one file (streamed, not held in memory) |
//! | `OUT_DIR/article-10kb.txt` | one spun article of ~10 KB (startup + lint case) |
//! | `OUT_DIR/many/` | 10,000 single-article files of ~2–8 KB, mixed `.txt` and `.md` |
//! | `OUT_DIR/many.jsonl` | the same 10,000 articles for corpus mode: `{"id": FILE NAME, "text": …}` per line |
//!
//! The article generator is `benches/corpus/mod.rs`, the file the criterion bench
//! (`benches/throughput.rs`) includes too; the seeds of the 1 MB file and of the 10 KB
//! article are the bench's, so `one-1mb.txt` and `article-10kb.txt` are the very bytes
//! criterion measures. Changing a seed or the generator changes the bytes measured: keep
//! them fixed to compare runs.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[path = "../benches/corpus/mod.rs"]
mod corpus;

/// Seed of the 1 MB corpus (the same as `benches/throughput.rs`).
const CORPUS_SEED: u64 = 0x6E65_7773_6C69_6E74; // "newslint"
/// Seed of the single 10 KB article (the same as `benches/throughput.rs`).
const ARTICLE_SEED: u64 = 0x0A27_1C1E_0000_0010;
/// Seed of the 100 MB file.
const BIG_SEED: u64 = 0x6269_6731_3030_6D62; // "big100mb"
/// Seed of the 10,000-file directory.
const MANY_SEED: u64 = 0x6D61_6E79_3130_6B00; // "many10k"

const ONE_MB: usize = 1_000_000;
const HUNDRED_MB: usize = 100_000_000;
const ARTICLE_BYTES: usize = 10_000;
const MANY_FILES: usize = 10_000;
/// Body size range of one file in `many/`; headline, lede and extras come on top, so the
/// files land at about 2–8 KB.
const MANY_BODY: (u64, u64) = (1_600, 7_000);
/// Share of `many/` files written as Markdown, in percent.
const MANY_MARKDOWN_PERCENT: u64 = 40;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(out), None) = (args.next(), args.next()) else {
        eprintln!("usage: cargo run --release --example gen_corpus -- OUT_DIR");
        return ExitCode::from(2);
    };
    match generate(Path::new(&out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen_corpus: {err}");
            ExitCode::FAILURE
        }
    }
}

fn generate(out: &Path) -> io::Result<()> {
    let started = Instant::now();
    fs::create_dir_all(out)?;

    // 1 MB, as text and as Markdown: the same documents, rendered twice.
    let docs = corpus::mixed(CORPUS_SEED, ONE_MB);
    let text = corpus::render_text(&docs);
    let markdown = corpus::render_markdown(&docs);
    write_file(&out.join("one-1mb.txt"), text.as_bytes())?;
    write_file(&out.join("one-1mb.md"), markdown.as_bytes())?;
    drop((docs, text, markdown));

    // The single article of the pre-commit-hook case.
    let article = corpus::render_text(&[corpus::article(ARTICLE_SEED, ARTICLE_BYTES)]);
    write_file(&out.join("article-10kb.txt"), article.as_bytes())?;

    // 100 MB, streamed one document at a time so the generator's memory stays small.
    let big = out.join("one-100mb.txt");
    let mut writer = BufWriter::with_capacity(1 << 20, File::create(&big)?);
    let mut rng = corpus::Rng::new(BIG_SEED);
    let mut written = 0;
    while written < HUNDRED_MB {
        let doc = corpus::mixed_doc(&mut rng);
        let rendered = corpus::render_text(std::slice::from_ref(&doc));
        writer.write_all(rendered.as_bytes())?;
        written += rendered.len();
    }
    writer.flush()?;
    report(&big, written);

    // 10,000 small files, one article each; about two in five are Markdown.
    let many = out.join("many");
    if many.exists() {
        // Start clean, so a rerun with other settings leaves no stale files behind.
        fs::remove_dir_all(&many)?;
    }
    fs::create_dir_all(&many)?;
    // The same articles as one JSON object per line, for `newslint --jsonl`.
    let jsonl_path = out.join("many.jsonl");
    let mut jsonl = BufWriter::with_capacity(1 << 20, File::create(&jsonl_path)?);
    let mut jsonl_bytes = 0;
    let mut rng = corpus::Rng::new(MANY_SEED);
    let (mut total, mut smallest, mut largest, mut markdown_files) = (0, usize::MAX, 0, 0);
    for i in 0..MANY_FILES {
        let min_bytes = rng.range(MANY_BODY.0, MANY_BODY.1) as usize;
        let doc = corpus::story_of_random_kind(&mut rng, min_bytes);
        let (ext, body) = if rng.chance(MANY_MARKDOWN_PERCENT) {
            markdown_files += 1;
            ("md", corpus::render_markdown(std::slice::from_ref(&doc)))
        } else {
            ("txt", corpus::render_text(std::slice::from_ref(&doc)))
        };
        let name = format!("article-{i:05}.{ext}");
        let mut line = serde_json::to_string(&serde_json::json!({ "id": name, "text": body }))?;
        line.push('\n');
        jsonl.write_all(line.as_bytes())?;
        jsonl_bytes += line.len();
        let path: PathBuf = many.join(name);
        fs::write(&path, body.as_bytes())?;
        total += body.len();
        smallest = smallest.min(body.len());
        largest = largest.max(body.len());
    }
    println!(
        "{:>12} bytes  {} ({MANY_FILES} files, {markdown_files} .md, {smallest}..{largest} bytes each)",
        total,
        many.display()
    );
    jsonl.flush()?;
    report(&jsonl_path, jsonl_bytes);
    println!("done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut writer = BufWriter::new(File::create(path)?);
    writer.write_all(bytes)?;
    writer.flush()?;
    report(path, bytes.len());
    Ok(())
}

fn report(path: &Path, bytes: usize) {
    println!("{bytes:>12} bytes  {}", path.display());
}
