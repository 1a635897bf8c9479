//! The `check` pipeline: load sources and claims, locate every span, and gather the findings.
//!
//! One file a stage: `file.rs` reads a claims file chunk by chunk and takes the results in
//! row order, `batch.rs` checks a batch of whole records on one core, `ids.rs` keeps the ids
//! seen, `claim.rs` checks one claim against its source.

mod batch;
mod claim;
mod file;
mod ids;
mod settle;
mod value_cell;
mod neighbours;
#[cfg(test)]
mod tests;

pub use claim::{LastSource, Located, locate_claim};

use crate::compare::{self, Disagreement, stated::Stated};
use crate::error::RunError;
use crate::findings::{Code, Finding, Severity};
use crate::load::csv_file::place_findings;
use crate::load::limits::Limits;
use crate::load::sources::{MANIFEST, SourceSet};
use crate::paths::{claims_files, display_path};
use crate::spans::{self, shift::Placement};
use ids::FirstSeen;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub sources: PathBuf,
    pub annotations: PathBuf,
    /// `--annotations -`: the claims read from standard input, saved in this file; reported as
    /// `<stdin>`. `annotations` is then the configured folder, whose `reviews.csv` applies.
    pub stdin_claims: Option<PathBuf>,
    /// Relative half-width given to "about 30" and the like (`[figures] approximate-tolerance`).
    pub approximate_tolerance: f64,
    /// Sizes past which a source is refused and a row is `csv-invalid` (`[limits]`).
    pub limits: Limits,
    /// Keep where every claim's quote stands (`Report::marks`), for reports that mark every span.
    /// Off by default: a clean claim then costs no memory once checked.
    pub keep_marks: bool,
}

/// Everything `check` found, in report order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The configuration file the run used, as reports show it; `None` when none was used.
    pub config: Option<String>,
    /// Claims read (rows that became claims, whatever their findings).
    pub claims: usize,
    pub findings: Vec<Finding>,
    /// Every group of two or more figure claims on one subject and measure, agreeing ones included.
    pub disagreements: Vec<Disagreement>,
    /// Every claim and where its quote stands, in file and row order; empty unless
    /// `CheckOptions::keep_marks` asked for them.
    pub marks: Vec<ClaimMark>,
}

/// A claim and where its quote stands in its source now, for reports that mark every span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimMark {
    pub id: String,
    /// The claims file and row.
    pub file: String,
    pub row: usize,
    /// The source file the claim resolved to, when it did.
    pub source: Option<String>,
    /// Where the quote stands in that source, when it could be placed.
    pub span: Option<Range<usize>>,
    /// The quote as recorded, to show what changed.
    pub quote: String,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The report and the sources it speaks of (renderers quote their lines).
pub struct Checked {
    pub report: Report,
    pub sources: SourceSet,
}

/// The sources folder `dir`, listed, with the findings of its manifest; exit status 2 when the
/// folder cannot be read.
pub fn open_sources(dir: &Path, limits: &Limits) -> Result<(SourceSet, Vec<Finding>), RunError> {
    let (mut sources, findings) = SourceSet::open(dir, display_path(dir)).map_err(|error| RunError::Folder { what: "sources", path: dir.to_path_buf(), error })?;
    sources.limit_source_bytes(limits.source_bytes);
    Ok((sources, findings))
}

/// How reports name claims read from standard input.
pub const STDIN: &str = "<stdin>";

pub fn check(options: &CheckOptions) -> Result<Checked, RunError> {
    let (sources, findings) = open_sources(&options.sources, &options.limits)?;
    let files = match &options.stdin_claims {
        Some(path) => vec![path.clone()],
        None => claims_files(&options.annotations)?,
    };
    let mut taken = Taken { claims: 0, ids: FirstSeen::default(), findings, stated: Vec::new(), marks: Vec::new(), placements: Vec::new(), unsettled: Vec::new() };
    let mut csv_files = vec![(sources.display_path(MANIFEST), options.sources.join(MANIFEST))];
    let run = Run { tolerance: options.approximate_tolerance, limits: options.limits, anchorer: spans::Anchorer::default(), keep_marks: options.keep_marks };
    for path in files {
        let display: Arc<str> = if options.stdin_claims.is_some() { STDIN.into() } else { display_path(&path).into() };
        csv_files.push((display.to_string(), path.clone()));
        if let Err(error) = file::check_file(&path, &display, &sources, &run, &mut taken) {
            taken.findings.push(Finding::new(Code::CsvInvalid, display.to_string(), format!("the file cannot be read: {error}")));
        }
        neighbours::settle(&mut taken, &sources, &run.anchorer);
    }
    let Taken { claims, mut findings, stated, marks, .. } = taken;
    let (reviews, review_findings) = compare::reviews::load(&options.annotations);
    findings.extend(review_findings);
    let (disagreements, compare_findings) = compare::compare(&stated, &reviews, &sources);
    // Freed beside the work left (placing and sorting the findings, then the report): a million
    // figure claims take a tenth of a second to free one by one.
    rayon::spawn(move || drop(stated));
    findings.extend(compare_findings);
    if let Some(path) = compare::reviews::path_for(&options.annotations) {
        csv_files.push((display_path(&path), path));
    }
    place_findings(&mut findings, &csv_files);
    name_source_files(&mut findings, &sources);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(Checked { report: Report { config: None, claims, findings, disagreements, marks }, sources })
}

/// Reports name a claim's source by its file (a manifest id resolved), as its offsets index that
/// file; a name that resolves to no file stays as the claim wrote it.
fn name_source_files(findings: &mut [Finding], sources: &SourceSet) {
    for finding in findings {
        if let Some(file) = finding.source.as_deref().and_then(|name| sources.resolve(name).ok()) {
            finding.source = Some(file.to_string());
        }
    }
}

/// What every claims file of a run is checked with.
struct Run {
    tolerance: f64,
    limits: Limits,
    anchorer: spans::Anchorer,
    keep_marks: bool,
}

/// What the claims files came to, taken in file and row order.
struct Taken {
    claims: usize,
    ids: FirstSeen,
    findings: Vec<Finding>,
    /// The figures of figure claims, compared across documents once every file is read.
    stated: Vec<Stated>,
    marks: Vec<ClaimMark>,
    /// Where the claims placed for certain stand, and the ambiguous claims they may settle.
    placements: Vec<Placement>,
    unsettled: Vec<neighbours::Pending>,
}

impl Taken {
    /// Takes in what checking one claim found: its figure, and what else it has to say.
    /// Takes the outcome's parts straight from its box, so the whole is not copied on the way.
    fn take(&mut self, outcome: Option<Box<batch::Outcome>>, stated: Option<Stated>) {
        if let Some(outcome) = outcome {
            let batch::Outcome { findings, mark, unsettled } = *outcome;
            if let Some(unsettled) = unsettled {
                self.unsettled.push(neighbours::Pending {
                    unsettled,
                    finding: self.findings.len(),
                    stated: stated.as_ref().map(|_| self.stated.len()),
                    mark: mark.as_ref().map(|_| self.marks.len()),
                });
            }
            self.findings.extend(findings);
            self.marks.extend(mark);
        }
        self.stated.extend(stated);
    }
}

