//! claimcheck: verify that quoted claims still match their sources, and compare the figures
//! they state across documents.
//!
//! The modules follow the data flow: `load` reads sources and claims, `spans` locates each quote,
//! `figures` reads the figures quotes state, `compare` groups figure claims and judges whether
//! they agree, `check` runs the pipeline into a `Report` of `findings`, and `render` prints it.

pub mod check;
pub mod cli;
pub mod compare;
pub mod config;
pub mod error;
pub mod figures;
pub mod findings;
pub mod fix;
pub mod load;
pub mod output;
pub mod paths;
pub mod render;
pub mod spans;
pub mod terminal;

use check::check;
use cli::{CheckArgs, Cli, Command, FigureFormat, FiguresArgs, FixArgs};
use config::Config;
use error::RunError;
use rayon::prelude::*;
use std::io::Write;

/// How a run ended, as the contract's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No finding has severity `error` (or `--exit-zero`).
    Clean,
    /// At least one finding is an error (`check`), or something is left for a human (`fix`).
    Failed,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Failed => 1,
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome, RunError> {
    // Generated from the argument definitions; no configuration needed, or read.
    match cli.command {
        Command::Completions { shell } => return emit(&generated::completions(shell), None, &[]).map(|()| Outcome::Clean),
        Command::Man => return emit(&generated::man_page(), None, &[]).map(|()| Outcome::Clean),
        _ => {}
    }
    let config = Config::load(&cli.config)?;
    match cli.command {
        Command::Check(args) => run_check(args, &config),
        Command::Fix(args) => run_fix(args, &config),
        Command::Figures(args) => run_figures(args, &config),
        Command::Completions { .. } | Command::Man => unreachable!("handled above"),
    }
}

/// The shell completions and the manual page, generated from the argument definitions.
mod generated {
    use clap::CommandFactory;

    pub fn completions(shell: clap_complete::Shell) -> String {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut super::Cli::command(), "claimcheck", &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    pub fn man_page() -> String {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = clap_mangen::Man::new(super::Cli::command()).render(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// `--annotations -`: standard input saved to a temporary file the check reads like any other.
fn claims_from_stdin() -> Result<tempfile::NamedTempFile, RunError> {
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        // Typing claims by hand is possible but rarely meant: say what the wait is for.
        eprintln!("claimcheck: reading one claims CSV from standard input; end it with Ctrl-D");
    }
    let mut file = tempfile::NamedTempFile::new().map_err(|error| RunError::Output { path: std::env::temp_dir(), error })?;
    std::io::copy(&mut std::io::stdin().lock(), &mut file)
        .and_then(|_| file.as_file().sync_data())
        .map_err(|error| RunError::Input { path: check::STDIN.into(), reason: error.to_string() })?;
    Ok(file)
}

/// True for the `-` that names standard input or output.
fn is_dash(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// Fix exits 1 when something is left for a human (as `ruff check --fix` does), 0 when
/// everything was fixed; a dry run exits as the real run would. The dry run's diff streams to
/// standard output, file by file, and its summary goes to standard error.
fn run_fix(args: FixArgs, config: &Config) -> Result<Outcome, RunError> {
    if args.input.annotations.as_deref().is_some_and(is_dash) {
        return Err(RunError::Usage(
            "`fix` rewrites claims files in place and cannot fix standard input: pass --annotations FILE (or check with `-`)".into(),
        ));
    }
    let named = (args.input.sources.is_some(), args.input.annotations.is_some());
    let input = config.check_options(args.input.sources, args.input.annotations);
    config.confine(&input, named)?;
    let options = fix::FixOptions { sources: input.sources, annotations: input.annotations, dry_run: args.dry_run, limits: input.limits };
    // The diff shows claims as they are written, so on a terminal its unsafe characters are
    // escaped; piped or redirected, it stays a patch that applies.
    let stdout = std::io::stdout().lock();
    let fixed = if std::io::IsTerminal::is_terminal(&stdout) {
        fix::fix(&options, &mut render::escape::Escaping::new(stdout))?
    } else {
        fix::fix(&options, &mut { stdout })?
    };
    let summary = fix::render_summary(&fixed, options.dry_run);
    if options.dry_run {
        eprint!("{summary}");
    } else {
        emit(&summary, None, &[])?;
    }
    Ok(if fixed.left.is_empty() { Outcome::Clean } else { Outcome::Failed })
}

fn run_check(args: CheckArgs, config: &Config) -> Result<Outcome, RunError> {
    let terminal = &args.terminal;
    let from_stdin = args.input.annotations.as_deref().is_some_and(is_dash);
    let annotations = if from_stdin { None } else { args.input.annotations };
    let named = (args.input.sources.is_some(), from_stdin || annotations.is_some());
    let mut options = config.check_options(args.input.sources, annotations);
    config.confine(&options, named)?;
    let stdin = if from_stdin { Some(claims_from_stdin()?) } else { None };
    options.stdin_claims = stdin.as_ref().map(|file| file.path().to_path_buf());
    // Only the page marks every claim's span; other formats keep no clean claim in memory.
    options.keep_marks = args.format == render::Format::Html;
    let progress = terminal::Progress::start("checking claims", terminal.quiet);
    let checked = check(&options);
    drop(progress);
    let mut checked = checked?;
    config.apply_severities(&mut checked.report);
    checked.report.config = config.file.as_deref().map(paths::display_path);
    let output = args.output.filter(|path| !is_dash(path));
    let to_terminal = output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let style = render::Style {
        color: terminal::color(terminal.color, to_terminal),
        width: terminal::width(to_terminal),
        quiet: terminal.quiet,
    };
    let inputs = run_inputs(&options, &checked.sources, config);
    match args.format {
        render::Format::Html => {
            let text = render::html::render(&checked.report, &checked.sources, &html_settings(&options, config, args.html_sources));
            emit(&text, output.as_deref(), &inputs)?;
        }
        format => emit_with(output.as_deref(), &inputs, |out| render::write(format, &checked.report, &checked.sources, &style, out))?,
    }
    let outcome = if checked.report.has_errors() && !args.exit_zero { Outcome::Failed } else { Outcome::Clean };
    // The process ends once the report is written: freeing a million claims' findings and group
    // members piece by piece would only make the exit wait (half a second at that size), and the
    // system takes the memory back whole.
    std::mem::forget(checked);
    Ok(outcome)
}

/// What the page's summary says the run was configured with.
fn html_settings(options: &check::CheckOptions, config: &Config, source_text: render::html::SourceText) -> render::html::Settings {
    render::html::Settings {
        sources: paths::display_path(&options.sources),
        annotations: paths::display_path(&options.annotations),
        config: config.file.as_deref().map(paths::display_path),
        approximate_tolerance: options.approximate_tolerance,
        severities: config.severity.iter().map(|(code, level)| (code.name().to_string(), level.map_or("off", |l| l.name()).to_string())).collect(),
        source_text,
    }
}

/// `claimcheck figures`: the figures of `--text` and of each file, in the order given.
fn run_figures(args: FiguresArgs, config: &Config) -> Result<Outcome, RunError> {
    if args.text.is_none() && args.files.is_empty() {
        return Err(RunError::Usage("name one or more files, or pass --text TEXT".into()));
    }
    let reader = figures::Reader::new(config.approximate_tolerance());
    // What a listing keeps of a text: its name, its figures and where each stands. The text goes
    // once its figures are found, so a listing of thousands of files holds none of them whole.
    let found = |name: Option<String>, text: load::text::SourceText| {
        let figures = reader.find(text.as_str());
        let places: Vec<load::text::LineCol> = figures.iter().map(|figure| text.line_col(figure.start)).collect();
        (name, figures, places)
    };
    let mut texts = Vec::new();
    if let Some(text) = args.text {
        texts.push(found(None, load::text::SourceText::new(text)));
    }
    // Files are read and their figures found in parallel; the listing keeps the order given,
    // and the first file (in that order) that cannot be read is the error reported.
    let read: Vec<Result<_, RunError>> = args
        .files
        .par_iter()
        .map(|path| {
            let bytes = load::open::read_named(path, load::open::DEFAULT_SOURCE_BYTES).map_err(|error| RunError::Input { path: path.clone(), reason: error.to_string() })?;
            let text = String::from_utf8(bytes).map_err(|error| RunError::Input {
                path: path.clone(),
                reason: format!("it is not UTF-8 text (byte {}): convert it to UTF-8", error.utf8_error().valid_up_to()),
            })?;
            Ok(found(Some(paths::display_path(path)), load::text::SourceText::new(text)))
        })
        .collect();
    for file in read {
        texts.push(file?);
    }
    let listings: Vec<render::figure_list::Listing<'_>> =
        texts.iter().map(|(source, figures, places)| render::figure_list::Listing { source: source.as_deref(), figures, places }).collect();
    match args.format {
        FigureFormat::Full => {
            use render::figure_list::{Widths, aligned, count_line, lines};
            // Each text's lines are made and aligned in parallel, and written in order: the
            // listing is the one a single pass would make.
            let lines: Vec<render::figure_list::Lines<'_>> = listings.par_iter().map(lines).collect();
            let widths = lines.par_iter().map(|l| Widths::of(l)).reduce(Widths::default, Widths::max);
            let chunks: Vec<String> = lines.par_iter().map(|l| aligned(l, widths)).collect();
            let count = count_line(lines.iter().map(render::figure_list::Lines::len).sum());
            emit_with(None, &[], |out| {
                for chunk in &chunks {
                    out.write_all(chunk.as_bytes())?;
                }
                out.write_all(count.as_bytes())
            })?;
        }
        FigureFormat::Json => emit(&render::figure_list::json(&listings), None, &[])?,
    }
    Ok(Outcome::Clean)
}

/// Every file a check read or may have read: the report must not overwrite one of them.
fn run_inputs(options: &check::CheckOptions, sources: &load::sources::SourceSet, config: &Config) -> Vec<std::path::PathBuf> {
    let mut inputs: Vec<std::path::PathBuf> = sources.files_on_disk().map(std::path::Path::to_path_buf).collect();
    inputs.extend(paths::claims_files(&options.annotations).unwrap_or_default());
    inputs.extend(compare::reviews::path_for(&options.annotations));
    inputs.extend(config.file.clone());
    inputs
}

/// Writes a report or listing to `output` (see `emit_with`), or to standard output without one.
fn emit(text: &str, output: Option<&std::path::Path>, inputs: &[std::path::PathBuf]) -> Result<(), RunError> {
    emit_with(output, inputs, |out| out.write_all(text.as_bytes()))
}

/// Writes what `write` produces to `output` (never over one of the run's `inputs`, atomically:
/// see `output::write_report`), or to standard output without one. Every command writes through
/// here.
fn emit_with(output: Option<&std::path::Path>, inputs: &[std::path::PathBuf], write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), RunError> {
    match output {
        Some(path) => output::write_report(path, inputs, write),
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`claimcheck check | head`) is not a failure of the check.
            match write(&mut stdout).and_then(|()| stdout.flush()) {
                Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(RunError::Output { path: "standard output".into(), error })
                }
                _ => Ok(()),
            }
        }
    }
}
