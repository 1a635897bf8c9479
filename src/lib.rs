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

use check::check;
use cli::{CheckArgs, Cli, Command, FigureFormat, FiguresArgs, FixArgs};
use config::Config;
use error::RunError;
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
    let config = Config::load(&cli.config)?;
    match cli.command {
        Command::Check(args) => run_check(args, &config),
        Command::Fix(args) => run_fix(args, &config),
        Command::Figures(args) => run_figures(args, &config),
    }
}

/// Fix exits 1 when something is left for a human (as `ruff check --fix` does), 0 when
/// everything was fixed; a dry run exits as the real run would. The dry run's diff streams to
/// standard output, file by file, and its summary goes to standard error.
fn run_fix(args: FixArgs, config: &Config) -> Result<Outcome, RunError> {
    let named = (args.input.sources.is_some(), args.input.annotations.is_some());
    let input = config.check_options(args.input.sources, args.input.annotations);
    config.confine(&input, named)?;
    let options = fix::FixOptions { sources: input.sources, annotations: input.annotations, dry_run: args.dry_run, limits: input.limits };
    let fixed = fix::fix(&options, &mut std::io::stdout().lock())?;
    let summary = fix::render_summary(&fixed, options.dry_run);
    if options.dry_run {
        eprint!("{summary}");
    } else {
        emit(&summary, None, &[])?;
    }
    Ok(if fixed.left.is_empty() { Outcome::Clean } else { Outcome::Failed })
}

fn run_check(args: CheckArgs, config: &Config) -> Result<Outcome, RunError> {
    let named = (args.input.sources.is_some(), args.input.annotations.is_some());
    let options = config.check_options(args.input.sources, args.input.annotations);
    config.confine(&options, named)?;
    let mut checked = check(&options)?;
    config.apply_severities(&mut checked.report);
    checked.report.config = config.file.as_deref().map(paths::display_path);
    let text = render::render(args.format, &checked.report, &checked.sources);
    let inputs = run_inputs(&options, &checked.sources, config);
    emit(&text, args.output.as_deref(), &inputs)?;
    Ok(if checked.report.has_errors() && !args.exit_zero { Outcome::Failed } else { Outcome::Clean })
}

/// `claimcheck figures`: the figures of `--text` and of each file, in the order given.
fn run_figures(args: FiguresArgs, config: &Config) -> Result<Outcome, RunError> {
    if args.text.is_none() && args.files.is_empty() {
        return Err(RunError::Usage("name one or more files, or pass --text TEXT".into()));
    }
    let reader = figures::Reader::new(config.approximate_tolerance());
    let mut texts = Vec::new();
    if let Some(text) = args.text {
        texts.push((None, load::text::SourceText::new(text)));
    }
    for path in &args.files {
        let bytes = load::open::read_named(path, load::open::DEFAULT_SOURCE_BYTES).map_err(|error| RunError::Input { path: path.clone(), reason: error.to_string() })?;
        let text = String::from_utf8(bytes).map_err(|error| RunError::Input {
            path: path.clone(),
            reason: format!("it is not UTF-8 text (byte {}): convert it to UTF-8", error.utf8_error().valid_up_to()),
        })?;
        texts.push((Some(paths::display_path(path)), load::text::SourceText::new(text)));
    }
    let found: Vec<Vec<figures::Figure>> = texts.iter().map(|(_, text)| reader.find(text.as_str())).collect();
    let listings: Vec<render::figure_list::Listing<'_>> = texts
        .iter()
        .zip(&found)
        .map(|((source, text), figures)| render::figure_list::Listing { source: source.as_deref(), text, figures })
        .collect();
    let out = match args.format {
        FigureFormat::Full => render::figure_list::full(&listings),
        FigureFormat::Json => render::figure_list::json(&listings),
    };
    emit(&out, None, &[])?;
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

/// Writes a report or listing to `output` (never over one of the run's `inputs`, atomically: see
/// `output::write_report`), or to standard output without one. Every command writes through here.
fn emit(text: &str, output: Option<&std::path::Path>, inputs: &[std::path::PathBuf]) -> Result<(), RunError> {
    match output {
        Some(path) => output::write_report(path, text.as_bytes(), inputs),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`claimcheck check | head`) is not a failure of the check.
            match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(RunError::Output { path: "standard output".into(), error })
                }
                _ => Ok(()),
            }
        }
    }
}
