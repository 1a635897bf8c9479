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
    /// Apply the safe fixes to the claims files in place: fill blank offsets, re-anchor moved
    /// quotes and typography-only differences. Edited, ambiguous and missing spans are left for a
    /// human. Only the fixed cells change; every other byte stays as it was.
    Fix(FixArgs),
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
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the change as a unified diff on standard output (the summary goes to standard
    /// error) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}
