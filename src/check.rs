//! The `check` pipeline: load sources and claims, locate every span, and gather the findings.

use crate::error::RunError;
use crate::findings::{Code, Finding, Severity};
use crate::load::claims::{Claim, ClaimColumns, REQUIRED};
use crate::load::csv_file::CsvFile;
use crate::load::sources::SourceSet;
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
}

/// Everything `check` found, in report order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Claims read (rows that became claims, whatever their findings).
    pub claims: usize,
    pub findings: Vec<Finding>,
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
    let mut first_seen: HashMap<String, (Arc<str>, usize)> = HashMap::new();
    let mut anchorer = spans::Anchorer::default();
    for path in files {
        let display: Arc<str> = display_path(&path).into();
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
            match check_claim(&claim, &sources, &mut anchorer) {
                Ok((span, _)) => findings.extend(span.finding),
                Err(finding) => findings.push(finding),
            }
        }
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.findings = findings;
    Ok(Checked { report, sources })
}

/// The span check of one claim that passed loading, with the source text it was checked against;
/// `source-missing` when the claim's source cannot be used.
pub fn check_claim(claim: &Claim, sources: &SourceSet, anchorer: &mut spans::Anchorer) -> Result<(SpanCheck, Arc<SourceText>), Finding> {
    let text = sources.resolve(&claim.source).and_then(|file| Ok((file, sources.text(file)?)));
    let (file, text) = text.map_err(|error| claim.finding(Code::SourceMissing, error.to_string()).in_column("source"))?;
    Ok((anchorer.check(claim, file, &text), text))
}
