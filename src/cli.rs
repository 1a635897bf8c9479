//! Command-line arguments.

use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about = "Verify quoted claims against their sources and compare the figures they state")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every claim's span against its source and report the findings.
    Check(CheckArgs),
    /// List every figure found in files or in a text, with its interval and kind.
    Figures(FiguresArgs),
}

/// Where the sources and claims are.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Folder of source documents.
    #[arg(long, value_name = "DIR", default_value = "seeds")]
    pub sources: PathBuf,
    /// Folder of claims CSV files, or one CSV file.
    #[arg(long, value_name = "PATH", default_value = "annotations")]
    pub annotations: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report findings but exit 0 even when some are errors.
    #[arg(long)]
    pub exit_zero: bool,
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
