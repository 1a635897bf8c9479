use clap::Parser;
use claimcheck::render::escape::{is_unsafe, keeping_line_breaks, one_line};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match claimcheck::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    match claimcheck::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            // Paths and names in the message come from the command line and the files.
            eprintln!("claimcheck: error: {}", one_line(&error.to_string()));
            ExitCode::from(2)
        }
    }
}

/// clap's message for a command line it cannot read (or its help and version). It quotes the
/// arguments it refused, which may hold a bidirectional override or another character that must
/// not reach a terminal raw: then the message is printed plain, those characters escaped.
fn usage_error(error: clap::Error) -> ExitCode {
    let plain = error.render().to_string();
    if !plain.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\r') {
        error.exit();
    }
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    match error.use_stderr() {
        true => eprint!("{}", keeping_line_breaks(&plain)),
        false => print!("{}", keeping_line_breaks(&plain)),
    }
    ExitCode::from(code)
}
