//! Errors that stop the program from doing its job (exit status 2), as opposed to findings.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum RunError {
    /// A folder or file the command needs cannot be read.
    Folder { what: &'static str, path: PathBuf, error: std::io::Error },
    /// A file named on the command line cannot be read as UTF-8 text.
    Input { path: PathBuf, reason: String },
    /// The report could not be written.
    Output { path: PathBuf, error: std::io::Error },
    /// Arguments that do not make sense together.
    Usage(String),
    /// The configuration file cannot be read or holds something it should not.
    Config { path: PathBuf, message: String },
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Folder { what, path, error } => {
                write!(f, "cannot read the {what} at `{}`: {error}; pass --{what} to name another", path.display())
            }
            RunError::Input { path, reason } => write!(f, "cannot read `{}`: {reason}", path.display()),
            RunError::Output { path, error } => write!(f, "cannot write `{}`: {error}", path.display()),
            RunError::Usage(message) => f.write_str(message),
            RunError::Config { path, message } => write!(f, "configuration `{}`: {message}", crate::paths::display_path(path)),
        }
    }
}

impl std::error::Error for RunError {}
