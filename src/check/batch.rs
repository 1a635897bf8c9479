//! Checking one batch of whole records of a claims file, on one core: each row read, decoded,
//! made a claim and checked, its findings pointed at their cells while the row is at hand.

use super::ClaimMark;
use super::claim::{LastSource, check_located};
use super::settle::Settling;
use super::value_cell::value_region;
use crate::compare::stated::Stated;
use crate::findings::{Code, Finding};
use crate::load::claims::{Claim, ClaimColumns, ClaimRef};
use crate::load::csv_file::{InFile, cell_region, decode, is_empty_row, place_in_record, scan_failure};
use crate::load::limits::Limits;
use crate::load::sources::SourceSet;
use crate::load::table::{Record, Scanner};
use crate::spans::{self, shift, shift::Placement};
use std::ops::Range;
use std::sync::Arc;

/// One row of a claims file after checking: a claim's id and finding, or why the row is no claim.
/// The claim itself stays with the thread that read it; the rare duplicate reads its row again.
pub(super) enum RowResult {
    /// `id` is the claim's id in `BatchResult::ids`; `outcome` is `None` for the common clean
    /// claim, which keeps the row small to move; `stated` is the claim's figure in
    /// `BatchResult::stated`, when it states one.
    Claim { id: Range<usize>, record: RecordAt, outcome: Option<Box<Outcome>>, stated: Option<u32> },
    /// Boxed: a row is moved a few times on its way to the report, and most rows are claims.
    Invalid(Box<Finding>),
}

/// What checking a claim found beyond its figure: its findings and mark.
pub(super) struct Outcome {
    pub findings: Vec<Finding>,
    pub mark: Option<ClaimMark>,
    /// A claim left ambiguous among copies, for the other claims of its source to settle.
    pub unsettled: Option<Unsettled>,
}

/// An ambiguous claim, kept whole until every claim of the run is placed (see `neighbours`).
pub(super) struct Unsettled {
    pub claim: Claim,
    pub copies: Box<shift::Unsettled>,
}

/// Where a record stands in the file, to read it again.
pub(super) struct RecordAt {
    pub bytes: Range<usize>,
    pub row: usize,
    pub line: usize,
}

/// What a batch of rows came to, in row order.
pub(super) struct BatchResult {
    pub rows: Vec<RowResult>,
    /// The ids of the batch's claims, end to end: one buffer read in order by the thread that
    /// takes the results in.
    pub ids: Vec<u8>,
    /// Records the scanner read.
    pub records: usize,
    /// Where the claims placed for certain stand, as evidence for the ambiguous ones.
    pub placements: Vec<Placement>,
    /// The figures the batch's claims state, taken out by the thread that takes the results in.
    /// Kept apart from the rows, so a figure claim with nothing else to say needs no box of its
    /// own: a box made on one thread and freed on the other makes the two wait on each other's
    /// allocator, once per claim.
    pub stated: Vec<Option<Stated>>,
    /// The batch cannot be trusted to end where it was cut (see `load::chunks`).
    pub misplaced: bool,
}

impl BatchResult {
    /// The ids of the batch's claims, in row order.
    pub fn claim_ids(&self) -> impl Iterator<Item = &[u8]> {
        self.rows.iter().filter_map(|row| match row {
            RowResult::Claim { id, .. } => Some(&self.ids[id.clone()]),
            RowResult::Invalid(_) => None,
        })
    }
}

/// A guess at the bytes of a claims row, low enough for most files: buffers sized from it are
/// rarely grown, and never more than the batch's size (`load::chunks`) over it.
const ROW_BYTES_GUESS: usize = 96;

/// What every batch of one claims file shares.
pub(super) struct FileContext {
    pub columns: ClaimColumns,
    pub names: Vec<String>,
    pub display: Arc<str>,
    pub delimiter: u8,
    pub tolerance: f64,
    pub limits: Limits,
    /// Shared by every batch of the run, so each source is folded once.
    pub anchorer: spans::Anchorer,
    pub keep_marks: bool,
}

impl FileContext {
    /// Checks the records of `bytes`, which start at file offset `base` after `row` records on
    /// line `line`. `last` says no record follows, so a record the bytes cut short is the file's own.
    pub fn check_batch(&self, bytes: &[u8], base: usize, row: usize, line: usize, sources: &SourceSet, last: bool) -> BatchResult {
        let mut scanner = Scanner::resume(bytes, self.delimiter, base, row, line, self.limits);
        let at = InFile { bytes, base, delimiter: self.delimiter };
        let mut anchorer = self.anchorer.clone();
        let mut previous = LastSource::default();
        // Sized from the batch's bytes, so that a batch of rows never copies what it has built
        // (growing by doubling copies as much again, a few hundred KiB a batch).
        // A batch holding one huge record is sized as a usual batch: its rows are few.
        let sized = bytes.len().min(2 * crate::load::chunks::BATCH_BYTES);
        let rows_expected = sized / ROW_BYTES_GUESS;
        let (mut rows, mut ids, mut placements, mut stated) = (Vec::with_capacity(rows_expected), Vec::with_capacity(rows_expected * 8), Vec::new(), Vec::new());
        let mut keep = |figure: Option<Stated>| {
            figure.map(|figure| {
                stated.push(Some(figure));
                (stated.len() - 1) as u32
            })
        };
        let mut settling = if self.keep_marks { Settling::default() } else { Settling::with_capacity(rows_expected, sized) };
        let mut record = Record::default();
        while let Some(read) = scanner.read(&mut record) {
            if let Err(error) = read {
                rows.push(RowResult::Invalid(Box::new(scan_failure(&error, &self.display))));
                continue;
            }
            if is_empty_row(&record) {
                continue;
            }
            let cells = match decode(&record, &self.names, &self.display, at) {
                Ok(cells) => cells,
                Err(finding) => {
                    rows.push(RowResult::Invalid(Box::new(self.place(finding, &record, at))));
                    continue;
                }
            };
            let row = match ClaimRef::read(cells, record.row, record.line, &self.columns, &self.display) {
                Ok(claim) => {
                    // A claim that may hold is settled once the batch is read (`settle`);
                    // every other claim takes the full check now, while its row is at hand.
                    let deferred = !self.keep_marks && settling.defer(rows.len(), &claim, sources);
                    let (outcome, figure) = if deferred {
                        (None, None)
                    } else {
                        let (outcome, figure, placement) = self.full_check(&claim, &record, at, sources, &mut previous, &mut anchorer);
                        placements.extend(placement);
                        (outcome, keep(figure))
                    };
                    let id = ids.len()..ids.len() + claim.id.len();
                    ids.extend_from_slice(claim.id.as_bytes());
                    let record = RecordAt { bytes: record.span.clone(), row: record.row, line: record.line };
                    RowResult::Claim { id, record, outcome, stated: figure }
                }
                Err(finding) => RowResult::Invalid(Box::new(self.place(finding, &record, at))),
            };
            rows.push(row);
        }
        // A claim whose quote is not at its offsets after all is read again and fully checked.
        for index in settling.settle(sources, &mut placements) {
            let RowResult::Claim { record: at_row, outcome, stated: figure, .. } = &mut rows[index] else { continue };
            let start = at_row.bytes.start - base;
            let again = Scanner::resume(&bytes[start..], self.delimiter, at_row.bytes.start, at_row.row - 1, at_row.line, self.limits).read(&mut record);
            if let Some(Ok(())) = again
                && let Ok(cells) = decode(&record, &self.names, &self.display, at)
                && let Ok(claim) = ClaimRef::read(cells, record.row, record.line, &self.columns, &self.display)
            {
                let (again, stated_again, placement) = self.full_check(&claim, &record, at, sources, &mut previous, &mut anchorer);
                (*outcome, *figure) = (again, keep(stated_again));
                placements.extend(placement);
            } else {
                // The row read as this claim moments ago, from the same bytes.
                debug_assert!(false, "row {} reads differently the second time", at_row.row);
            }
        }
        let records = scanner.rows() - row;
        // A batch cut right ends on a line end; one whose last record runs into the end of its
        // bytes (a quote the count took for a closing one) may go on in the next.
        BatchResult { rows, ids, records, placements, stated, misplaced: scanner.ended_by_input() && !last }
    }

    /// A finding pointed at its cell now, while the row is at hand, so the report never has to
    /// read a large claims file again.
    fn place(&self, mut finding: Finding, record: &Record, at: InFile<'_>) -> Finding {
        place_in_record(&mut finding, record, &self.names, at);
        finding
    }

    /// The full check of `claim`, read from `record`: its findings and mark, or `None` when it
    /// has nothing more to say; its figure; and where it was placed for certain, as evidence for
    /// the others.
    fn full_check<'s>(
        &self,
        claim: &ClaimRef<'_>,
        record: &Record,
        at: InFile<'_>,
        sources: &'s SourceSet,
        previous: &mut LastSource<'s>,
        anchorer: &mut spans::Anchorer,
    ) -> (Option<Box<Outcome>>, Option<Stated>, Option<Placement>) {
        let mut findings = Vec::new();
        let checked = check_located(claim, sources, previous, anchorer, self.tolerance, &mut findings);
        let mut stated = checked.stated;
        let findings: Vec<Finding> = findings.into_iter().map(|finding| self.place(finding, record, at)).collect();
        if let Some(stated) = &mut stated {
            stated.value_region = Some(value_region(record, &self.names, at));
        }
        let mark = self.keep_marks.then(|| ClaimMark {
            id: claim.id.to_string(),
            file: claim.file.to_string(),
            row: claim.row,
            source: checked.file.map(str::to_string),
            span: checked.anchor,
            quote: claim.quote.to_string(),
        });
        let unsettled = checked.unsettled.map(|(claim, copies)| Unsettled { claim, copies });
        // An unsettled claim's pending entry names where its figure went, so it keeps its box.
        let carries = !findings.is_empty() || mark.is_some() || (unsettled.is_some() && stated.is_some());
        let outcome = carries.then(|| Box::new(Outcome { findings, mark, unsettled }));
        (outcome, stated, checked.placement)
    }

    fn claim(&self, record: &Record, at: InFile<'_>) -> Result<Claim, Finding> {
        decode(record, &self.names, &self.display, at).and_then(|cells| {
            ClaimRef::read(cells, record.row, record.line, &self.columns, &self.display).map(|claim| claim.owned())
        })
    }

    /// The `claim-duplicate-id` finding for the claim of `record`, read again from `bytes`
    /// (the file from offset `base`).
    pub fn duplicate(&self, bytes: &[u8], base: usize, record: &RecordAt, first_file: &str, first_row: usize) -> Option<Finding> {
        let window = bytes.get(record.bytes.start - base..record.bytes.end - base)?;
        let raw = Scanner::resume(window, self.delimiter, record.bytes.start, record.row - 1, record.line, self.limits).next()?.ok()?;
        let at = InFile { bytes: window, base: record.bytes.start, delimiter: self.delimiter };
        let region = cell_region(&raw, &self.names, Some("id"), at);
        let claim = self.claim(&raw, at).ok()?;
        let message = format!("claim id {} is already used in {first_file} row {first_row}: ids must be unique", claim.id);
        let mut finding = claim.finding(Code::ClaimDuplicateId, message).in_column("id");
        crate::load::spreadsheet::diagnose_duplicate(&claim.id, &mut finding);
        finding.region = Some(region);
        Some(finding)
    }
}
