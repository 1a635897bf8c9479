//! Paths as reports show them, and the claims files an annotations path stands for.

use crate::error::RunError;
use std::path::{Path, PathBuf};

/// The file that holds reviews, not claims.
pub const REVIEWS: &str = "reviews.csv";

/// A path for reports: relative to the working folder where it lies inside it, with `/`.
pub fn display_path(path: &Path) -> String {
    let relative = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).unwrap_or(path),
        _ => path,
    };
    let text = relative.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./").trim_end_matches('/');
    if text.is_empty() { ".".to_string() } else { text.to_string() }
}

/// A spreadsheet's lock file (`~$claims.csv` from Excel, `.~lock.claims.csv#` from LibreOffice)
/// or a hidden file: made by a program or kept out of sight on purpose, never an analyst's claims.
pub fn is_lock_or_hidden(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

/// The claims files of `--annotations`: the file itself, or every `*.csv` in the folder except
/// `reviews.csv` and lock or hidden files, sorted by name so the report does not depend on the order on disk.
pub fn claims_files(annotations: &Path) -> Result<Vec<PathBuf>, RunError> {
    // One file, whatever its kind: opening it refuses a FIFO or a link out with a finding.
    if std::fs::metadata(annotations).is_ok_and(|metadata| !metadata.is_dir()) {
        return Ok(vec![annotations.to_path_buf()]);
    }
    let mut files = Vec::new();
    let folder_error = |error| RunError::Folder { what: "annotations", path: annotations.to_path_buf(), error };
    for entry in std::fs::read_dir(annotations).map_err(folder_error)? {
        let path = entry.map_err(folder_error)?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let is_csv = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
        // Anything but a folder: a FIFO or a link out named `*.csv` is refused with a finding when
        // opened, never skipped in silence.
        if is_csv && !path.is_dir() && !name.eq_ignore_ascii_case(REVIEWS) && !is_lock_or_hidden(name) {
            files.push(path);
        }
    }
    // A folder with no claims file is a path mistake far more often than a project without
    // claims, and a check of nothing would pass in CI: it is refused.
    if files.is_empty() {
        return Err(RunError::Usage(format!(
            "`{}` holds no claims CSV file (every `*.csv` but `{REVIEWS}` holds claims); pass --annotations to name the folder or file",
            display_path(annotations)
        )));
    }
    files.sort();
    Ok(files)
}
