//! Command-line interface. Lints files in parallel (rayon) with one shared rule set and
//! prints results in input order, a bounded batch at a time, so memory follows the
//! largest files in flight rather than the size of the corpus.

use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use termcolor::{BufferedStandardStream, ColorChoice, StandardStream, WriteColor};

use newslint::config::{self, Config, FailOn};
use newslint::error::LoadError;
use newslint::fix::FixMode;
use newslint::input::{self, DEFAULT_MAX_BYTES, InputError};
use newslint::ordered::map_in_order;
use newslint::render::{self, FileReport, SpinStat, Summary};
use newslint::rules::{self, Rule};
use newslint::source::{DEFAULT_EXTENSIONS, SourceKind, prose_view};
use newslint::{Article, Linter, Report, Selection};

#[derive(Parser)]
#[command(
    name = "newslint",
    version,
    about = "Lint news articles for spun phrases, template leftovers, page furniture and padding."
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lint: LintArgs,
}

#[derive(Subcommand)]
enum Command {
    /// List every rule: id, default severity, summary.
    Rules(ConfigArgs),
    /// Explain a rule: what it does, why it matters, examples.
    Explain {
        /// A rule id such as `spin/tortured-phrase`.
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the spun forms a generated rule matches, one `spun<TAB>original` per line.
    Variants {
        /// A rule id such as `spin/fixed-expression`.
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Manage the git pre-commit hook.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Print a file's sentences as JSON Lines: {"start", "end", "text"} (byte offsets).
    Sentences {
        /// The file to split (`-` for stdin).
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum HookCommand {
    /// Install a pre-commit hook that lints the staged articles (NEWSLINT_SKIP=1 bypasses it).
    Install {
        /// Replace an existing pre-commit hook that newslint did not write.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Clone, Default)]
struct ConfigArgs {
    /// Use this config file instead of searching for newslint.toml.
    #[arg(long, value_name = "PATH", global = true)]
    config: Option<PathBuf>,
    /// Ignore all config files.
    #[arg(long, global = true, conflicts_with = "config")]
    isolated: bool,
}

#[derive(Args)]
struct LintArgs {
    /// Files or directories to lint (`-` for stdin). Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to use colour (NO_COLOR is respected in `auto`).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Rules or families to run, replacing the default set (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Option<Vec<String>>,
    /// Rules or families to add to the set.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    extend_select: Vec<String>,
    /// Rules or families to skip.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// Name to report for text read from stdin (its extension picks the format).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES, value_name = "BYTES")]
    max_file_size: u64,
    /// Apply safe fixes (spun phrases back to the original, decoded characters) in place.
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes (deleting furniture runs, likely originals in spun text).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing (with --unsafe-fixes: those too).
    #[arg(long)]
    diff: bool,
    /// Corpus mode: read one JSON object per line from FILE (`-` for stdin), write one JSON
    /// line of results per document, in order.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "fix", "unsafe_fixes", "diff", "write_baseline", "baseline"])]
    jsonl: Option<PathBuf>,
    /// With --jsonl: the field holding the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// With --jsonl: the field identifying the document (copied to the output).
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// With --jsonl: how to read the text.
    #[arg(long, value_enum, default_value_t = DocumentFormat::Text)]
    document_format: DocumentFormat,
    /// Record every current finding in FILE (JSON) and exit 0; use with --baseline later.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "unsafe_fixes", "diff"])]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not recorded in this baseline FILE.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// With --format json, also list findings silenced by newslint-disable comments, each
    /// with a "suppressed": {"reason": …} member.
    #[arg(long)]
    show_suppressed: bool,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Concise,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    Checkstyle,
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocumentFormat {
    Text,
    Markdown,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(f: FailOnArg) -> FailOn {
        match f {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        }
    }
}

const EXIT_CLEAN: i32 = 0;
const EXIT_FINDINGS: i32 = 1;
const EXIT_ERROR: i32 = 2;

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_CLEAN };
        }
    };
    let color_arg = cli.lint.color;
    let mut stderr = StandardStream::stderr(color_for(io::stderr().is_terminal(), color_arg));
    let result = match cli.command {
        Some(Command::Rules(cfg)) => list_rules(&cfg),
        Some(Command::Explain { rule, config }) => explain(&rule, &config),
        Some(Command::Variants { rule, config }) => variants(&rule, &config),
        Some(Command::Sentences { file }) => sentences(&file),
        Some(Command::Hook(HookCommand::Install { force })) => install_hook(force),
        None => lint(&cli.lint),
    };
    match result {
        Ok(code) => code,
        Err(CliError::Load(err)) => {
            let _ = render::write_load_error(&mut stderr, &err);
            EXIT_ERROR
        }
        Err(CliError::Message(msg)) => {
            let _ = writeln!(stderr, "error: {msg}");
            EXIT_ERROR
        }
    }
}

enum CliError {
    Load(LoadError),
    Message(String),
}

impl From<LoadError> for CliError {
    fn from(e: LoadError) -> Self {
        CliError::Load(e)
    }
}

/// Colour for a stream: `always`/`never` as asked; `auto` only on a terminal, and never
/// when NO_COLOR is set (https://no-color.org).
fn color_for(is_terminal: bool, arg: ColorArg) -> ColorChoice {
    match arg {
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
        ColorArg::Auto if is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) => {
            ColorChoice::Always
        }
        ColorArg::Auto => ColorChoice::Never,
    }
}

/// The config in force: `--config`, else the nearest newslint.toml, else none.
fn load_config(args: &ConfigArgs) -> Result<Option<Config>, CliError> {
    if args.isolated {
        return Ok(None);
    }
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| config::discover(&d)),
    };
    Ok(path.map(|p| Config::load(&p)).transpose()?)
}

/// Built-in rules plus the config's rule packs; a pack may not redefine a rule.
fn all_rules(config: Option<&Config>) -> Result<Vec<Rule>, CliError> {
    all_rules_alongside(config, default_threads(), || ())
}

/// One thread per core, when `--threads` does not say.
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// [`all_rules`], the built-in ones loaded on up to `threads` threads, which also run
/// `alongside` (see [`rules::builtin_rules_alongside`]).
fn all_rules_alongside(
    config: Option<&Config>,
    threads: usize,
    alongside: impl FnOnce() + Send,
) -> Result<Vec<Rule>, CliError> {
    let mut all = rules::builtin_rules_alongside(threads, alongside)?;
    if let Some(cfg) = config {
        for rule in cfg.load_packs()? {
            if all.iter().any(|r| r.meta.id == rule.meta.id) {
                return Err(CliError::Message(format!(
                    "{}: rule `{}` is already defined",
                    rule.meta.origin, rule.meta.id
                )));
            }
            all.push(rule);
        }
    }
    all.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    Ok(all)
}

fn list_rules(args: &ConfigArgs) -> Result<i32, CliError> {
    let config = load_config(args)?;
    let all = all_rules(config.as_ref())?;
    let width = all.iter().map(|r| r.meta.id.len()).max().unwrap_or(0);
    let mut out = io::stdout().lock();
    for r in &all {
        let off = if r.meta.enabled_by_default { "" } else { " (off by default)" };
        let _ = writeln!(out, "{:width$}  {:7}  {}{off}", r.meta.id, r.meta.severity.as_str(), r.meta.summary);
    }
    Ok(EXIT_CLEAN)
}

fn variants(id: &str, args: &ConfigArgs) -> Result<i32, CliError> {
    let config = load_config(args)?;
    let all = all_rules(config.as_ref())?;
    let rule = find_rule(&all, id)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (spun, original) in rule.generated_variants()? {
        let _ = writeln!(out, "{spun}\t{original}");
    }
    let _ = out.flush();
    Ok(EXIT_CLEAN)
}

/// The rule with this id, or an error that suggests close ids.
fn find_rule<'a>(all: &'a [Rule], id: &str) -> Result<&'a Rule, CliError> {
    all.iter().find(|r| *r.meta.id == *id).ok_or_else(|| {
        let close: Vec<&str> = all
            .iter()
            .map(|r| &*r.meta.id)
            .filter(|r| r.contains(id) || id.contains(r.split('/').nth(1).unwrap_or(r)))
            .collect();
        let hint = if close.is_empty() {
            String::from("; see `newslint rules`")
        } else {
            format!("; did you mean {}?", close.join(", "))
        };
        CliError::Message(format!("unknown rule `{id}`{hint}"))
    })
}

fn explain(id: &str, args: &ConfigArgs) -> Result<i32, CliError> {
    let config = load_config(args)?;
    let all = all_rules(config.as_ref())?;
    let rule = find_rule(&all, id)?;
    let m = &rule.meta;
    let mut out = io::stdout().lock();
    let default = if m.enabled_by_default { "enabled by default" } else { "off by default" };
    let _ = writeln!(
        out,
        "# {}\n\n{}\n\nSeverity: {} ({default}). Defined in {}.\n",
        m.id, m.summary, m.severity, m.origin
    );
    let _ = writeln!(out, "{}\n", m.docs.trim());
    let _ = writeln!(out, "## Flagged\n");
    for e in &m.examples.fire {
        let _ = writeln!(out, "    {}", e.trim().replace('\n', "\n    "));
    }
    let _ = writeln!(out, "\n## Not flagged\n");
    for e in &m.examples.silent {
        let _ = writeln!(out, "    {}", e.trim().replace('\n', "\n    "));
    }
    Ok(EXIT_CLEAN)
}

fn install_hook(force: bool) -> Result<i32, CliError> {
    let path = newslint::hook::install(Path::new("."), force).map_err(|e| CliError::Message(e.to_string()))?;
    println!("installed {}", path.display());
    Ok(EXIT_CLEAN)
}

fn read_input(path: &Path, max: u64) -> Result<String, InputError> {
    if path == Path::new("-") { input::read_stream(io::stdin().lock(), max) } else { input::read_file(path, max) }
}

fn sentences(path: &Path) -> Result<i32, CliError> {
    let text =
        read_input(path, DEFAULT_MAX_BYTES).map_err(|e| CliError::Message(format!("{}: {e}", path.display())))?;
    let view = prose_view(&text, SourceKind::from_path(path));
    let article = Article::parse(&view);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for s in &article.sentences {
        let line = serde_json::json!({ "start": s.start, "end": s.end, "text": &text[s.range()] });
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
    Ok(EXIT_CLEAN)
}

/// One thing to lint: a file path or stdin.
struct Input {
    /// As the user will see it.
    name: String,
    path: Option<PathBuf>,
    kind: SourceKind,
    /// Known unreadable while walking (a directory without read permission).
    error: Option<InputError>,
}

/// Expands directories (respecting .gitignore) into the files with a default extension.
/// Explicit files are kept whatever their extension; missing paths are kept so the error
/// is reported in order. The walk takes regular files only (a FIFO would block the run,
/// and symbolic links are not followed, so a link loop or a dangling link is skipped);
/// what it cannot read (a directory without read permission) is reported, in order,
/// rather than skipped in silence.
///
/// An iterator, walked as the run goes: collecting 10,000 paths first kept every worker
/// idle for 20-27 ms.
fn inputs_of<'a>(paths: &'a [PathBuf], stdin_name: Option<&'a str>) -> impl Iterator<Item = Input> + 'a {
    paths.iter().flat_map(move |path| -> Box<dyn Iterator<Item = Input> + 'a> {
        if path == Path::new("-") {
            let name = stdin_name.unwrap_or("-").to_string();
            let kind = SourceKind::from_path(Path::new(&name));
            return Box::new(std::iter::once(Input { name, path: None, kind, error: None }));
        }
        if !path.is_dir() {
            return Box::new(std::iter::once(Input {
                name: path.display().to_string(),
                path: Some(path.clone()),
                kind: SourceKind::from_path(path),
                error: None,
            }));
        }
        let walker = ignore::WalkBuilder::new(path).sort_by_file_name(|a, b| a.cmp(b)).build();
        Box::new(walker.filter_map(move |entry| {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let p = walk_error_path(&err).unwrap_or(path);
                    return Some(Input {
                        name: p.display().to_string(),
                        path: Some(p.to_path_buf()),
                        kind: SourceKind::from_path(p),
                        error: Some(InputError::Unreadable(walk_error_reason(&err))),
                    });
                }
            };
            let p = entry.path();
            let wanted = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            (wanted && entry.file_type().is_some_and(|t| t.is_file())).then(|| Input {
                name: p.display().to_string(),
                path: Some(p.to_path_buf()),
                kind: SourceKind::from_path(p),
                error: None,
            })
        }))
    })
}

/// The path a walk error is about, if it names one.
fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        ignore::Error::Partial(errs) => errs.iter().find_map(walk_error_path),
        _ => None,
    }
}

/// What went wrong in a walk error, without the path (reported before it).
fn walk_error_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => walk_error_reason(err),
        ignore::Error::WithLineNumber { line, err } => format!("line {line}: {}", walk_error_reason(err)),
        ignore::Error::Partial(errs) => errs.iter().map(walk_error_reason).collect::<Vec<_>>().join("; "),
        // The walker wraps the OS error in one that repeats the path; report the OS error.
        ignore::Error::Io(e) => match e.get_ref().and_then(|inner| std::error::Error::source(inner)) {
            Some(os) => os.to_string(),
            None => e.to_string(),
        },
        other => other.to_string(),
    }
}

fn lint(args: &LintArgs) -> Result<i32, CliError> {
    // Before anything runs on the pool: loading the rules already uses it.
    if let Some(n) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let config = load_config(&args.config)?;
    // The first document needs the built-in gates' shared index: build it while the rules
    // load, on another core, rather than after.
    let threads = args.threads.unwrap_or_else(default_threads);
    let all = all_rules_alongside(config.as_ref(), threads, newslint::engines::lazy_regex::prepare)?;
    let mut selection = config.as_ref().map(Config::selection).unwrap_or_else(Selection::default);
    if args.select.is_some() {
        selection.select = args.select.clone();
    }
    selection.extend_select.extend(args.extend_select.iter().cloned());
    selection.ignore.extend(args.ignore.iter().cloned());
    let linter = Linter::new(all, &selection).map_err(|e| match &config {
        Some(cfg) if cfg.text.contains(&format!("\"{}\"", e.0)) => CliError::Load(cfg.error_about(&e.0, e.to_string())),
        _ => CliError::Message(e.to_string()),
    })?;
    // The process ends after this run: freeing thousands of automaton states one by one
    // would cost a tenth of a small run's time and return nothing to anyone.
    let mut linter = std::mem::ManuallyDrop::new(linter);
    let fail_on =
        args.fail_on.map(FailOn::from).or(config.as_ref().and_then(|c| c.file.fail_on)).unwrap_or(FailOn::Error);
    let path_ignores = match &config {
        Some(cfg) => {
            let ignores = cfg.path_ignores()?;
            if let Some(unknown) = ignores.selectors().find(|s| !linter.knows(s)) {
                return Err(CliError::Load(
                    cfg.error_about(unknown, format!("unknown rule or family `{unknown}` (see `newslint rules`)")),
                ));
            }
            ignores
        }
        None => newslint::config::PathIgnores::default(),
    };

    if let Some(source) = &args.jsonl {
        return corpus(args, &linter, source, fail_on);
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut inputs = inputs_of(&paths, args.stdin_filename.as_deref());
    // Fewer files than threads: each file's rules run in parallel instead.
    let first: Vec<Input> = inputs.by_ref().take(threads).collect();
    linter.run_rules_in_parallel(if first.len() < threads { threads } else { 1 });
    let inputs = first.into_iter().chain(inputs);
    // Buffered: standard output flushes at every line break otherwise, a system call per
    // finding, on the thread that also has to keep the workers fed. Flushed after each
    // file when someone watches, and before anything goes to stderr.
    let interactive = io::stdout().is_terminal();
    let mut stdout = BufferedStandardStream::stdout(color_for(interactive, args.color));
    let mut stderr = StandardStream::stderr(color_for(io::stderr().is_terminal(), args.color));
    let mut summary = Summary::default();
    let mut failed = false;
    let mut json_first = true;
    let mut sarif =
        (args.format == Format::Sarif).then(|| render::SarifLog::new(linter.rules().map(|(r, sev)| (&r.meta, sev))));
    let _ = match args.format {
        Format::Json => write!(stdout, "["),
        Format::Checkstyle => render::write_checkstyle_header(&mut stdout),
        Format::Junit => render::write_junit_header(&mut stdout),
        _ => Ok(()),
    };
    let fix_mode = if args.unsafe_fixes {
        Some(FixMode::Unsafe)
    } else if args.fix || args.diff {
        Some(FixMode::Safe)
    } else {
        None
    };
    let mut fixed_total = 0;
    let mut would_change = false;
    let mut recorded = newslint::baseline::Baseline::default();
    let mut known = match &args.baseline {
        Some(path) => Some(newslint::baseline::Baseline::load(path).map_err(CliError::Message)?.counts()),
        None => None,
    };
    let mut baselined = 0;
    let lint_one = |input: &Input| -> Result<Outcome, InputError> {
        if let Some(e) = &input.error {
            return Err(e.clone());
        }
        let text = match &input.path {
            Some(p) => input::read_file(p, args.max_file_size)?,
            None => input::read_stream(io::stdin().lock(), args.max_file_size)?,
        };
        let ignored = input.path.as_deref().map(|p| path_ignores.for_path(p)).unwrap_or_default();
        Ok(lint_and_fix(&linter, text, input.kind, fix_mode, &ignored))
    };
    // Plain-text output is rendered by the worker that linted the file, so the calling
    // thread, which walks the directories and writes, stays light: on one thread it runs
    // beside the worker, and rendering there (half its work) kept a second core from
    // doubling the speed. Formats that keep state across files render here.
    let render_in_worker = matches!(args.format, Format::Concise | Format::Github)
        && known.is_none()
        && fix_mode.is_none()
        && args.write_baseline.is_none();
    let render_plain = |name: &str, outcome: &Outcome| {
        let report = FileReport { path: name, text: &outcome.text, diagnostics: &outcome.report.diagnostics };
        let mut bytes = Vec::new();
        let _ = match args.format {
            Format::Github => render::write_github(&mut bytes, &report),
            _ => render::write_concise(&mut bytes, &report),
        };
        bytes
    };
    // A few files per thread in flight: enough to keep every core busy, few enough that
    // memory follows the largest files, not the run.
    let window = threads * 4;
    let stopped = map_in_order(
        inputs,
        window,
        |input| {
            let result = lint_one(&input);
            let rendered = match &result {
                Ok(outcome) if render_in_worker => Some(render_plain(&input.name, outcome)),
                _ => None,
            };
            (input, result, rendered)
        },
        |(input, result, rendered)| {
            let outcome = match result {
                Err(e) => {
                    summary.unreadable += 1;
                    let _ = stdout.flush();
                    let _ = writeln!(stderr, "error: {}: {e}", input.name);
                    if let Some(sarif) = &mut sarif {
                        sarif.add_unreadable(&input.name, &e.to_string());
                    }
                    return ControlFlow::Continue(());
                }
                Ok(outcome) => outcome,
            };
            let Outcome { original, text, report: Report { mut diagnostics, words, spin_signals, suppressed }, fixes } =
                outcome;
            let original = original.as_deref().unwrap_or(&text);
            if args.write_baseline.is_some() {
                recorded.add(&input.name, &text, &diagnostics);
                return ControlFlow::Continue(());
            }
            if let Some(known) = &mut known {
                baselined += known.filter(&input.name, &text, &mut diagnostics);
            }
            if args.diff {
                if fixes > 0 {
                    would_change = true;
                    let _ = write!(stdout, "{}", newslint::fix::unified_diff(&input.name, original, &text));
                }
            } else if fix_mode.is_some() {
                match &input.path {
                    Some(path) if fixes > 0 => {
                        if let Err(e) = newslint::fix::write_if_unchanged(path, original, &text) {
                            summary.unreadable += 1;
                            let _ = writeln!(stderr, "error: {}: {e}", input.name);
                            return ControlFlow::Continue(());
                        }
                        fixed_total += fixes;
                    }
                    Some(_) => {}
                    // Fixing stdin: the fixed text is the output, as editors expect.
                    None => {
                        let _ = write!(stdout, "{text}");
                        fixed_total += fixes;
                    }
                }
            }
            summary.add(&diagnostics);
            if spin_signals > 0 {
                summary.spin.push(SpinStat { path: input.name.clone(), signals: spin_signals, words });
            }
            failed |= diagnostics.iter().any(|d| fail_on.fails(d.severity));
            if args.diff || (fix_mode.is_some() && input.path.is_none()) {
                return ControlFlow::Continue(()); // the diff or the fixed text is the output
            }
            let report = FileReport { path: &input.name, text: &text, diagnostics: &diagnostics };
            let written = match (args.format, rendered) {
                (_, Some(bytes)) => stdout.write_all(&bytes),
                (Format::Human, None) => render::write_human(&mut stdout, &report),
                (Format::Concise, None) => render::write_concise(&mut stdout, &report),
                (Format::Json, None) => write_json(&mut stdout, &report, &mut json_first).and_then(|()| {
                    if args.show_suppressed {
                        write_json_suppressed(&mut stdout, &input.name, &text, &suppressed, &mut json_first)
                    } else {
                        Ok(())
                    }
                }),
                (Format::Sarif, None) => {
                    if let Some(sarif) = &mut sarif {
                        sarif.add(&report);
                    }
                    Ok(())
                }
                (Format::Github, None) => render::write_github(&mut stdout, &report),
                (Format::Checkstyle, None) => render::write_checkstyle(&mut stdout, &report),
                (Format::Junit, None) => render::write_junit(&mut stdout, &report),
            };
            let written = written.and_then(|()| if interactive { stdout.flush() } else { Ok(()) });
            if let Err(e) = written {
                return ControlFlow::Break(e);
            }
            ControlFlow::Continue(())
        },
    );
    if let ControlFlow::Break(e) = stopped {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN });
        }
        return Err(CliError::Message(format!("cannot write output: {e}")));
    }
    if let Some(path) = &args.write_baseline {
        std::fs::write(path, recorded.to_json())
            .map_err(|e| CliError::Message(format!("{}: cannot write baseline: {e}", path.display())))?;
        let _ = writeln!(stderr, "Wrote {} findings to the baseline {}.", recorded.entries.len(), path.display());
        return Ok(if summary.unreadable > 0 { EXIT_ERROR } else { EXIT_CLEAN });
    }
    if baselined > 0 && args.format == Format::Human {
        let _ = writeln!(
            stdout,
            "{baselined} known finding{} hidden by the baseline.",
            if baselined == 1 { "" } else { "s" }
        );
    }
    // When the fixed text of stdin is the output, nothing else may be mixed into it.
    let text_is_output = fix_mode.is_some() && !args.diff && paths.iter().any(|p| p == Path::new("-"));
    match args.format {
        _ if args.diff || text_is_output => {}
        Format::Json => {
            let _ = writeln!(stdout, "{}]", if json_first { "" } else { "\n" });
        }
        Format::Human => {
            if fixed_total > 0 {
                let _ = writeln!(stdout, "Fixed {fixed_total} problem{}.", if fixed_total == 1 { "" } else { "s" });
            }
            let _ = render::write_summary(&mut stdout, &summary);
        }
        Format::Sarif => {
            if let Some(sarif) = sarif {
                // Buffered: the pretty-printed log is one write per line otherwise.
                let mut out = io::BufWriter::new(&mut stdout);
                let _ = sarif.finish(&mut out).and_then(|()| out.flush());
            }
        }
        Format::Checkstyle => {
            let _ = render::write_checkstyle_footer(&mut stdout);
        }
        Format::Junit => {
            let _ = render::write_junit_footer(&mut stdout);
        }
        Format::Concise | Format::Github => {}
    }
    let _ = stdout.flush();
    Ok(if summary.unreadable > 0 {
        EXIT_ERROR
    } else if failed || would_change {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `--jsonl`: stream a corpus through the linter, one JSON line per document.
fn corpus(args: &LintArgs, linter: &Linter, source: &Path, fail_on: FailOn) -> Result<i32, CliError> {
    let kind = match args.document_format {
        DocumentFormat::Text => SourceKind::Text,
        DocumentFormat::Markdown => SourceKind::Markdown,
        DocumentFormat::Html => SourceKind::Html,
    };
    let options = newslint::corpus::CorpusOptions {
        text_field: args.text_field.clone(),
        id_field: args.id_field.clone(),
        kind,
        window: rayon::current_num_threads() * 64,
        max_line_bytes: usize::try_from(args.max_file_size).unwrap_or(usize::MAX),
    };
    let name = source.display().to_string();
    let (input, total): (Box<dyn io::BufRead>, Option<u64>) = if source == Path::new("-") {
        (Box::new(io::BufReader::new(io::stdin().lock())), None)
    } else {
        let file = std::fs::File::open(source).map_err(|e| CliError::Message(format!("{name}: cannot read: {e}")))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(io::BufReader::with_capacity(1 << 20, file)), size)
    };
    let show_progress = io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let draw = |s: &newslint::corpus::CorpusStats| {
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        let rate = s.bytes as f64 / secs;
        let eta = total.map(|t| format!(", ETA {:.0} s", (t.saturating_sub(s.bytes)) as f64 / rate.max(1.0)));
        eprint!("\r{} documents, {:.1} MB/s{}   ", s.documents, rate / 1e6, eta.unwrap_or_default());
    };
    let mut drawn = started;
    let stats = newslint::corpus::run(linter, input, &mut out, &options, |s| {
        // Redrawn ten times a second at most: a line per document would cost more than
        // linting a short one.
        if show_progress && drawn.elapsed().as_millis() >= 100 {
            drawn = std::time::Instant::now();
            draw(s);
        }
    })
    .map_err(|e| CliError::Message(format!("{name}: {e}")))?;
    if show_progress {
        draw(&stats);
        eprintln!();
    }
    Ok(if stats.errors > 0 {
        EXIT_ERROR
    } else if stats.worst.is_some_and(|w| fail_on.fails(w)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// One file's result: the text as read, the text after fixes, what remains, fixes applied.
struct Outcome {
    /// The text as read, when fixes changed it (`text` is the text as read otherwise: a
    /// copy of every file, 100 MB for a 100 MB file, would serve only `--fix` and `--diff`).
    original: Option<String>,
    text: String,
    report: Report,
    fixes: usize,
}

/// Lints, then (when asked) applies fixes and lints again until nothing applicable is
/// left. Bounded: a rule whose fix re-creates what it flags cannot loop forever.
fn lint_and_fix(
    linter: &Linter,
    original: String,
    kind: SourceKind,
    mode: Option<FixMode>,
    ignored: &[&str],
) -> Outcome {
    const MAX_PASSES: usize = 10;
    // Rules ignored for this path (per-path-ignores) neither report nor fix.
    let lint = |text: &str| {
        let mut report = linter.lint(text, kind);
        if !ignored.is_empty() {
            report.diagnostics.retain(|d| !ignored.iter().any(|s| *s == "all" || *s == &*d.rule || *s == d.family()));
        }
        report
    };
    let mut report = lint(&original);
    let (mut text, mut original) = (original, None);
    let mut fixes = 0;
    if let Some(mode) = mode {
        for _ in 0..MAX_PASSES {
            let (fixed, applied) = newslint::fix::apply(&text, &report.diagnostics, mode);
            if applied == 0 || fixed == text {
                break;
            }
            fixes += applied;
            let before = std::mem::replace(&mut text, fixed);
            original.get_or_insert(before);
            report = lint(&text);
        }
    }
    Outcome { original, text, report, fixes }
}

/// Suppressed findings as JSON objects: the usual keys plus `suppressed`.
fn write_json_suppressed(
    out: &mut dyn WriteColor,
    path: &str,
    text: &str,
    suppressed: &[(newslint::Diagnostic, Option<String>)],
    first: &mut bool,
) -> io::Result<()> {
    let diagnostics: Vec<newslint::Diagnostic> = suppressed.iter().map(|(d, _)| d.clone()).collect();
    let report = FileReport { path, text, diagnostics: &diagnostics };
    for (d, (_, reason)) in render::json_diagnostics(&report).into_iter().zip(suppressed) {
        let mut value = serde_json::to_value(&d).map_err(io::Error::other)?;
        value["suppressed"] = serde_json::json!({ "reason": reason });
        if !*first {
            write!(out, ",")?;
        }
        *first = false;
        write!(out, "\n  {value}")?;
    }
    Ok(())
}

fn write_json(out: &mut dyn WriteColor, report: &FileReport, first: &mut bool) -> io::Result<()> {
    for d in render::json_diagnostics(report) {
        if !*first {
            write!(out, ",")?;
        }
        *first = false;
        write!(out, "\n  {}", serde_json::to_string(&d).map_err(io::Error::other)?)?;
    }
    Ok(())
}
