use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = claimcheck::cli::Cli::parse();
    match claimcheck::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            eprintln!("claimcheck: error: {error}");
            ExitCode::from(2)
        }
    }
}
