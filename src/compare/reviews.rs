//! `reviews.csv`: disagreements an analyst has examined, with the verdict they accepted.

use super::groups::{Verdict, normalize};
use crate::findings::{Code, Finding};
use crate::load::csv_file::CsvFile;
use crate::paths::{REVIEWS, display_path};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Review {
    pub key: (String, String),
    pub subject: String,
    pub measure: String,
    pub verdict: Verdict,
    pub reason: String,
    pub file: String,
    pub row: usize,
    pub line: usize,
}

impl Review {
    /// A finding placed at this review's row.
    pub fn finding(&self, code: Code, message: impl Into<String>) -> Finding {
        Finding::new(code, self.file.clone(), message).at_row(self.row, self.line)
    }

    /// "reviews.csv row 2".
    pub fn place(&self) -> String {
        format!("{} row {}", self.file, self.row)
    }
}

/// The reviews file that goes with `--annotations`: in the folder, or next to the one claims file.
pub fn path_for(annotations: &Path) -> Option<PathBuf> {
    let folder = if annotations.is_dir() { annotations } else { annotations.parent()? };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        // Anything but a folder, so a FIFO or a link out is refused with a finding, not skipped.
        .find(|path| !path.is_dir() && path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.eq_ignore_ascii_case(REVIEWS)))
}

/// Reads the reviews; rows that cannot be used come back as `csv-invalid` findings.
pub fn load(annotations: &Path) -> (Vec<Review>, Vec<Finding>) {
    let Some(path) = path_for(annotations) else { return (Vec::new(), Vec::new()) };
    let display = display_path(&path);
    let file = match CsvFile::read(&path, display.clone()) {
        Ok(file) => file,
        Err(error) => return (Vec::new(), vec![Finding::new(Code::CsvInvalid, display, format!("the reviews file cannot be read: {error}"))]),
    };
    let (header, rows) = match file.rows(&["subject", "measure", "verdict", "reason"]) {
        Ok(parts) => parts,
        Err(finding) => return (Vec::new(), vec![finding]),
    };
    let column = |name| header.index(name);
    let (subject, measure, verdict, reason) = (column("subject"), column("measure"), column("verdict"), column("reason"));
    let mut reviews = Vec::new();
    let mut findings = Vec::new();
    for row in rows.readable(&mut findings) {
        let invalid = |message: String, col: &str| Finding::new(Code::CsvInvalid, display.clone(), message).at_row(row.row, row.line).in_column(col);
        let cell = |index| row.get(index).trim().to_string();
        let review_verdict = cell(verdict);
        let Some(parsed) = Verdict::from_name(&review_verdict) else {
            findings.push(invalid(
                format!("review row {} has verdict `{review_verdict}`: write `agree`, `imprecise` or `conflict`; the review is not applied", row.row),
                "verdict",
            ));
            continue;
        };
        let empty = [("subject", cell(subject)), ("measure", cell(measure)), ("reason", cell(reason))];
        if let Some((name, _)) = empty.iter().find(|(_, value)| value.is_empty()) {
            findings.push(invalid(
                format!("review row {} has no {name}: a review names the subject and measure it covers and why it was accepted; the review is not applied", row.row),
                name,
            ));
            continue;
        }
        let [(_, subject), (_, measure), (_, reason)] = empty;
        reviews.push(Review {
            key: (normalize(&subject), normalize(&measure)),
            subject,
            measure,
            verdict: parsed,
            reason,
            file: display.clone(),
            row: row.row,
            line: row.line,
        });
    }
    (reviews, findings)
}
