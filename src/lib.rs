//! claimcheck: verify that quoted claims still match their sources, and compare the figures
//! they state across documents.
//!
//! The modules follow the data flow: `load` reads sources and claims, `spans` locates each quote,
//! `check` runs the pipeline into a `Report` of `findings`, and `render` prints it.

pub mod check;
pub mod cli;
pub mod error;
pub mod findings;
pub mod fix;
pub mod load;
pub mod paths;
pub mod render;
pub mod spans;

use check::{CheckOptions, check};
use cli::{CheckArgs, Cli, Command, FixArgs};
use error::RunError;
use std::io::Write;

/// How a run ended, as the contract's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No finding has severity `error` (or `--exit-zero`).
    Clean,
    /// At least one finding is an error.
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
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Fix(args) => run_fix(args),
    }
}

/// Fix exits 0 whenever it ran, even when claims are left for a human: `check` is what fails.
fn run_fix(args: FixArgs) -> Result<Outcome, RunError> {
    let options = fix::FixOptions { sources: args.input.sources, annotations: args.input.annotations, dry_run: args.dry_run };
    let plan = fix::fix(&options)?;
    let summary = fix::render_summary(&plan, options.dry_run);
    if options.dry_run {
        emit(&fix::render_diff(&plan), None)?;
        eprint!("{summary}");
    } else {
        emit(&summary, None)?;
    }
    Ok(Outcome::Clean)
}

fn run_check(args: CheckArgs) -> Result<Outcome, RunError> {
    let options = CheckOptions { sources: args.input.sources, annotations: args.input.annotations };
    let checked = check(&options)?;
    let text = render::render(args.format, &checked.report, &checked.sources);
    emit(&text, args.output.as_deref())?;
    Ok(if checked.report.has_errors() && !args.exit_zero { Outcome::Failed } else { Outcome::Clean })
}

/// Writes a report to `output`, or to standard output.
fn emit(text: &str, output: Option<&std::path::Path>) -> Result<(), RunError> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|error| RunError::Output { path: path.to_path_buf(), error }),
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
