//! Command-line arguments.

use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about = "Verify quoted claims against their sources and compare the figures they state")]
pub struct Cli {
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Which `claimcheck.toml` applies. Global, so they may stand before or after the command.
#[derive(Debug, Args, Default)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the `claimcheck.toml` found from the current folder upwards.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file: built-in defaults and flags only.
    #[arg(long, global = true, conflicts_with = "config")]
    pub isolated: bool,
}

/// How the report meets the terminal.
#[derive(Debug, Args, Default)]
pub struct TerminalArgs {
    /// Colour the `full` report: `auto` colours it on a terminal unless `NO_COLOR` is set
    /// (`CLICOLOR_FORCE` colours it anywhere).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Findings only: no summary line, no figure groups, no progress.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set; anywhere when `CLICOLOR_FORCE` is set.
    #[default]
    Auto,
    /// Colour, wherever the report goes.
    Always,
    /// No colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every claim's span against its source and report the findings.
    Check(CheckArgs),
    /// List every figure found in files or in a text, with its interval and kind.
    Figures(FiguresArgs),
    /// Apply the safe fixes to the claims files in place: fill blank offsets, re-anchor moved
    /// quotes and typography-only differences. Edited, ambiguous and missing spans are left for a
    /// human. Only the fixed cells change; every other byte stays as it was.
    Fix(FixArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`claimcheck man | man -l -`).
    Man,
}

/// Where the sources and claims are.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Folder of source documents [default: `sources` of claimcheck.toml, else seeds].
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
    /// Folder of claims CSV files, one CSV file, or `-` for one claims CSV on standard input
    /// [default: `annotations` of claimcheck.toml, else annotations].
    #[arg(long, value_name = "PATH")]
    pub annotations: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,
    /// Write the report to FILE (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report findings but exit 0 even when some are errors.
    #[arg(long)]
    pub exit_zero: bool,
    /// With `--format html`: embed each source in full, or only the sentences around claims.
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = crate::render::html::SourceText::Full)]
    pub html_sources: crate::render::html::SourceText,
    #[command(flatten)]
    pub terminal: TerminalArgs,
}

#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// UTF-8 text files to read.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Read this text instead of (or before) the files.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// Listing format.
    #[arg(long, value_enum, default_value_t = FigureFormat::Full)]
    pub format: FigureFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FigureFormat {
    /// One line per figure: place, kind, interval and text.
    Full,
    /// The contract's JSON array.
    Json,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the change as a unified diff on standard output (the summary goes to standard
    /// error) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}
