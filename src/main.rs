use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = claimcheck::cli::Cli::parse();
    match claimcheck::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            // Paths and names in the message come from the command line and the files.
            eprintln!("claimcheck: error: {}", claimcheck::render::escape::one_line(&error.to_string()));
            ExitCode::from(2)
        }
    }
}
