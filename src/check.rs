//! The `check` pipeline: load sources and claims, locate every span, and gather the findings.

use crate::compare::{self, Disagreement, stated::Stated};
use crate::error::RunError;
use crate::findings::{Code, Finding, Severity};
use crate::load::claims::{Claim, ClaimColumns, REQUIRED};
use crate::load::csv_file::{CsvFile, place_findings};
use crate::load::sources::{MANIFEST, SourceSet};
use crate::paths::{claims_files, display_path};
use crate::load::text::SourceText;
use crate::spans::{self, SpanCheck};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub sources: PathBuf,
    pub annotations: PathBuf,
    /// Relative half-width given to "about 30" and the like (`[figures] approximate-tolerance`).
    pub approximate_tolerance: f64,
}

/// Everything `check` found, in report order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Claims read (rows that became claims, whatever their findings).
    pub claims: usize,
    pub findings: Vec<Finding>,
    /// Every group of two or more figure claims on one subject and measure, agreeing ones included.
    pub disagreements: Vec<Disagreement>,
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

pub fn check(options: &CheckOptions) -> Result<Checked, RunError> {
    let (sources, mut findings) = SourceSet::open(&options.sources, display_path(&options.sources))
        .map_err(|error| RunError::Folder { what: "sources", path: options.sources.clone(), error })?;
    let files = claims_files(&options.annotations)?;
    let mut report = Report::default();
    let mut stated = Vec::new();
    let mut first_seen: HashMap<String, (Arc<str>, usize)> = HashMap::new();
    let mut csv_files = vec![(sources.display_path(MANIFEST), options.sources.join(MANIFEST))];
    let mut anchorer = spans::Anchorer::default();
    for path in files {
        let display: Arc<str> = display_path(&path).into();
        csv_files.push((display.to_string(), path.clone()));
        let file = match CsvFile::read(&path, display.to_string()) {
            Ok(file) => file,
            Err(error) => {
                findings.push(Finding::new(Code::CsvInvalid, display.to_string(), format!("the file cannot be read: {error}")));
                continue;
            }
        };
        let (header, rows) = match file.rows(&REQUIRED) {
            Ok(parts) => parts,
            Err(finding) => {
                findings.push(finding);
                continue;
            }
        };
        let columns = ClaimColumns::new(&header);
        for row in rows {
            let claim = match row.and_then(|row| Claim::from_row(&row, &columns, &display)) {
                Ok(claim) => claim,
                Err(finding) => {
                    findings.push(finding);
                    continue;
                }
            };
            report.claims += 1;
            if let Some((file, row)) = first_seen.get(&claim.id) {
                findings.push(
                    claim
                        .finding(Code::ClaimDuplicateId, format!("claim id {} is already used in {file} row {row}: ids must be unique", claim.id))
                        .in_column("id"),
                );
                continue;
            }
            first_seen.insert(claim.id.clone(), (claim.file.clone(), claim.row));
            stated.extend(check_claim(&claim, &sources, &mut anchorer, options.approximate_tolerance, &mut findings));
        }
    }
    let (reviews, review_findings) = compare::reviews::load(&options.annotations);
    findings.extend(review_findings);
    let (disagreements, compare_findings) = compare::compare(&stated, &reviews, &sources);
    findings.extend(compare_findings);
    report.disagreements = disagreements;
    if let Some(path) = compare::reviews::path_for(&options.annotations) {
        csv_files.push((display_path(&path), path));
    }
    place_findings(&mut findings, &csv_files);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.findings = findings;
    Ok(Checked { report, sources })
}

/// Checks one claim that passed loading: its span, then, for a figure claim, the figure it
/// states (read from the quote even when the span could not be placed).
fn check_claim(claim: &Claim, sources: &SourceSet, anchorer: &mut spans::Anchorer, tolerance: f64, findings: &mut Vec<Finding>) -> Option<Stated> {
    let (file, anchor) = match locate_claim(claim, sources, anchorer) {
        Ok(located) => {
            findings.extend(located.span.finding);
            (Some(located.file), located.span.anchor)
        }
        Err(finding) => {
            findings.push(finding);
            (None, None)
        }
    };
    if !claim.is_figure() {
        return None;
    }
    compare::stated::read(claim, file, anchor, tolerance).map_err(|finding| findings.push(finding)).ok()
}

/// A claim's span check, with the source file and text it was checked against.
pub struct Located<'s> {
    pub file: &'s str,
    pub span: SpanCheck,
    pub text: Arc<SourceText>,
}

/// Locates the span of one claim that passed loading; `source-missing` when the claim's source
/// cannot be used.
pub fn locate_claim<'s>(claim: &Claim, sources: &'s SourceSet, anchorer: &mut spans::Anchorer) -> Result<Located<'s>, Finding> {
    let file = sources.resolve(&claim.source).map_err(|error| source_missing(claim, error))?;
    let text = sources.text(file).map_err(|error| source_missing(claim, error))?;
    Ok(Located { file, span: anchorer.check(claim, file, &text), text })
}

fn source_missing(claim: &Claim, error: crate::load::sources::SourceError) -> Finding {
    claim.finding(Code::SourceMissing, error.to_string()).in_column("source")
}
