//! The shipped data (`seeds/` and `annotations/`) is covered only by two reviewer snapshots: the
//! full report, and a listing of every claim with the place its quote stands. One edit to a claim
//! changes at most these two files, each short enough to read in a pull request. No test here
//! asserts a verdict about the shipped data: the analysts own it, the reviewers judge it. Every
//! behaviour is asserted on fixtures under `tests/fixtures/`.

mod common;

use claimcheck::load::claims::{Claim, ClaimColumns, REQUIRED};
use claimcheck::load::csv_file::CsvFile;
use claimcheck::load::sources::SourceSet;
use common::root;
use std::fmt::Write;
use std::process::Command;
use std::sync::Arc;

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// The report a reviewer reads: `claimcheck check` on the shipped data, as the README runs it.
/// Its exit status is not asserted (a review recorded in `annotations/reviews.csv` may turn the
/// one conflict into a note); only that the check could run.
#[test]
fn shipped_full_report() {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["--isolated", "check", "--format", "full", "--color", "never"])
        .current_dir(root())
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the binary runs");
    assert!(matches!(output.status.code(), Some(0 | 1)), "the check could not run: {}", String::from_utf8_lossy(&output.stderr));
    let report = String::from_utf8(output.stdout).expect("the report is UTF-8");
    snapshot!("shipped_full", report);
}

/// Every shipped claim with where its quote stands: a claim or source edit that keeps the span
/// valid still changes this listing. A claim whose offsets do not hold its quote is listed as
/// such (the full report says why), so an analyst's edit shows here instead of failing a test.
#[test]
fn shipped_claims_inventory() {
    let (sources, _problems) = SourceSet::open(&root().join("seeds"), "seeds".into()).unwrap();
    let mut listing = String::new();
    // The claims files exactly as `check` picks them.
    let files = claimcheck::paths::claims_files(&root().join("annotations")).unwrap();
    for file in files {
        let display = format!("annotations/{}", file.file_name().unwrap().to_string_lossy());
        let Ok(csv) = CsvFile::read(&root().join(&display), display.clone()) else {
            let _ = writeln!(listing, "{display}: unreadable");
            continue;
        };
        let Ok((header, rows)) = csv.rows(&REQUIRED) else {
            let _ = writeln!(listing, "{display}: no claims header");
            continue;
        };
        let columns = ClaimColumns::new(&header);
        let name: Arc<str> = csv.display.as_str().into();
        for row in rows {
            let Some(claim) = row.ok().and_then(|row| Claim::from_row(&row, &columns, &name).ok()) else {
                let _ = writeln!(listing, "(a row of {display} that does not read)");
                continue;
            };
            let _ = write!(listing, "{} {}", claim.id, place(&sources, &claim));
            if claim.is_figure() {
                let _ = write!(listing, " [{} | {} | {}]", claim.subject, claim.measure, claim.value);
            }
            let _ = writeln!(listing, "\n    {}", claim.quote);
        }
    }
    snapshot!("shipped_claims", listing);
}

/// `source:line:col-line:col` where the claim's offsets hold its quote, else what is wrong.
fn place(sources: &SourceSet, claim: &Claim) -> String {
    let Ok(source) = sources.resolve(&claim.source) else { return format!("{} (no such source)", claim.source) };
    let Ok(text) = sources.text(source) else { return format!("{source} (unreadable)") };
    let offsets = claim.start.parse::<usize>().ok().zip(claim.end.parse::<usize>().ok());
    match offsets {
        Some((start, end)) if text.slice(start..end) == Some(claim.quote.as_str()) => {
            let (from, to) = (text.line_col(start), text.line_col(end));
            format!("{source}:{}:{}-{}:{}", from.line, from.column, to.line, to.column)
        }
        _ => format!("{source} (offsets `{}`..`{}` do not hold the quote)", claim.start, claim.end),
    }
}
