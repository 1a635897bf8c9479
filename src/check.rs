//! The `check` pipeline: load sources and claims, locate every span, and gather the findings.

use crate::compare::{self, Disagreement, stated::Stated};
use crate::error::RunError;
use crate::findings::{Code, Finding, Severity};
use crate::load::chunks::{Chunk, ClaimsReader};
use crate::load::claims::{Claim, ClaimColumns, ClaimRef, REQUIRED};
use crate::load::csv_file::{Utf8Window, cell_region, decode, decode_into, is_empty_row, place_findings, place_in_record, scan_failure};
use crate::load::sources::{MANIFEST, SourceSet};
use crate::load::table::{RawRecord, Scanner};
use crate::paths::{claims_files, display_path};
use crate::load::text::SourceText;
use crate::spans::{self, Offsets, SpanCheck};
use rayon::prelude::*;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;
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
    /// Keep where every claim's quote stands (`Report::marks`), for reports that mark every span.
    /// Off by default: a clean claim then costs no memory once checked.
    pub keep_marks: bool,
}

/// Everything `check` found, in report order.
#[derive(Debug, Clone, Default)]
pub struct Report {
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
pub fn open_sources(dir: &Path) -> Result<(SourceSet, Vec<Finding>), RunError> {
    SourceSet::open(dir, display_path(dir)).map_err(|error| RunError::Folder { what: "sources", path: dir.to_path_buf(), error })
}

/// How reports name claims read from standard input.
pub const STDIN: &str = "<stdin>";

pub fn check(options: &CheckOptions) -> Result<Checked, RunError> {
    let (sources, findings) = open_sources(&options.sources)?;
    let files = match &options.stdin_claims {
        Some(path) => vec![path.clone()],
        None => claims_files(&options.annotations)?,
    };
    let mut taken = Taken { claims: 0, ids: FirstSeen::default(), findings, stated: Vec::new(), marks: Vec::new() };
    let mut csv_files = vec![(sources.display_path(MANIFEST), options.sources.join(MANIFEST))];
    let run = Run { tolerance: options.approximate_tolerance, anchorer: spans::Anchorer::default(), keep_marks: options.keep_marks };
    for path in files {
        let display: Arc<str> = if options.stdin_claims.is_some() { STDIN.into() } else { display_path(&path).into() };
        csv_files.push((display.to_string(), path.clone()));
        if let Err(error) = check_file(&path, &display, &sources, &run, &mut taken) {
            taken.findings.push(Finding::new(Code::CsvInvalid, display.to_string(), format!("the file cannot be read: {error}")));
        }
    }
    let Taken { claims, mut findings, stated, marks, .. } = taken;
    let (reviews, review_findings) = compare::reviews::load(&options.annotations);
    findings.extend(review_findings);
    let (disagreements, compare_findings) = compare::compare(&stated, &reviews, &sources);
    findings.extend(compare_findings);
    if let Some(path) = compare::reviews::path_for(&options.annotations) {
        csv_files.push((display_path(&path), path));
    }
    place_findings(&mut findings, &csv_files);
    name_source_files(&mut findings, &sources);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(Checked { report: Report { claims, findings, disagreements, marks }, sources })
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
}

/// Claim ids already used, with the file and row of their first use: duplicates are reported in
/// file and row order, whatever order the batches were checked in.
///
/// The ids are kept end to end in one buffer and listed in order of first use; the table holds
/// only their numbers in that list, so it stays small enough to stay mostly in cache, and a
/// million ids cost their bytes and a few words each rather than a heap string each.
#[derive(Default)]
struct FirstSeen {
    files: Vec<Arc<str>>,
    text: Vec<u8>,
    seen: Vec<SeenId>,
    table: HashTable<u32>,
    hasher: FxBuildHasher,
}

/// An id in `FirstSeen::text`, and the file and row that first used it.
struct SeenId {
    start: usize,
    len: usize,
    file: u32,
    row: u32,
}

impl FirstSeen {
    fn reserve(&mut self, ids: usize) {
        let Self { text, seen, table, hasher, .. } = self;
        table.reserve(ids, |&n| hasher.hash_one(seen[n as usize].id(text)));
        seen.reserve(ids);
    }

    /// Where `id` was first used, or `None` after recording this use (row `row` of `file`) as the first.
    fn first_use(&mut self, id: &[u8], file: &Arc<str>, row: usize) -> Option<(&str, usize)> {
        let hash = self.hasher.hash_one(id);
        if let Some(&n) = self.table.find(hash, |&n| self.seen[n as usize].id(&self.text) == id) {
            let first = &self.seen[n as usize];
            return Some((&self.files[first.file as usize], first.row as usize));
        }
        if self.files.last() != Some(file) {
            self.files.push(file.clone());
        }
        let file = u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX);
        // Past four billion distinct ids (far beyond what memory holds) an id goes unrecorded.
        let Ok(n) = u32::try_from(self.seen.len()) else { return None };
        self.seen.push(SeenId { start: self.text.len(), len: id.len(), file, row: u32::try_from(row).unwrap_or(u32::MAX) });
        self.text.extend_from_slice(id);
        let Self { text, seen, table, hasher, .. } = self;
        table.insert_unique(hash, n, |&n| hasher.hash_one(seen[n as usize].id(text)));
        None
    }
}

impl SeenId {
    fn id<'t>(&self, text: &'t [u8]) -> &'t [u8] {
        &text[self.start..self.start + self.len]
    }
}

/// A claim's id as the thread taking in the results needs it: where it stands in the file, or
/// its own copy when it stands in no one piece there (a quoted cell with `""` escapes).
enum Id {
    At(Range<usize>),
    Own(Box<str>),
}

impl Id {
    /// The id `id` of a claim read from `bytes`, which start at file offset `base`.
    fn of(id: &str, bytes: &[u8], base: usize) -> Id {
        // `id` borrows either from `bytes` or from a cell's own unescaped copy.
        let offset = (id.as_ptr() as usize).wrapping_sub(bytes.as_ptr() as usize);
        if offset <= bytes.len() && id.len() <= bytes.len() - offset {
            Id::At(base + offset..base + offset + id.len())
        } else {
            Id::Own(id.into())
        }
    }

    /// The id's bytes, given `bytes` holding the file from offset `base`.
    fn bytes<'b>(&'b self, bytes: &'b [u8], base: usize) -> &'b [u8] {
        match self {
            Id::At(range) => &bytes[range.start - base..range.end - base],
            Id::Own(id) => id.as_bytes(),
        }
    }
}

/// One row of a claims file after checking: a claim's id and finding, or why the row is no claim.
/// The claim itself stays with the thread that read it; the rare duplicate reads its row again.
enum RowResult {
    /// `outcome` is `None` for the common clean claim, which keeps the row small to move.
    Claim { id: Id, record: Record, outcome: Option<Box<Outcome>> },
    Invalid(Finding),
}

/// What checking a claim found: its findings and, for a figure claim, its figure.
struct Outcome {
    findings: Vec<Finding>,
    stated: Option<Stated>,
    mark: Option<ClaimMark>,
}

/// Where a record stands in its chunk, to read it again.
struct Record {
    bytes: Range<usize>,
    row: usize,
    line: usize,
}

/// What a batch of rows came to, in row order.
struct BatchResult {
    rows: Vec<RowResult>,
    /// Records the scanner read.
    records: usize,
    /// The batch cannot be trusted to end where it was cut (see `load::chunks`).
    irregular: bool,
}

/// Checks every row of one claims file, in batches on all cores, keeping the findings in file order.
fn check_file(path: &Path, display: &Arc<str>, sources: &SourceSet, run: &Run, taken: &mut Taken) -> std::io::Result<()> {
    let (mut reader, header) = ClaimsReader::open(path, &REQUIRED, display)?;
    // Growing the id set a million times over rehashes it twenty times; rows take well over
    // 128 bytes in practice, so this reserves about what the file needs, rarely more.
    let size = std::fs::metadata(path).map_or(0, |meta| meta.len() as usize);
    taken.ids.reserve(size / 128);
    let header = match header {
        Ok(header) => header,
        Err(finding) => {
            taken.findings.push(finding);
            return Ok(());
        }
    };
    let file = FileContext {
        columns: ClaimColumns::new(&header),
        names: header.names,
        display: display.clone(),
        delimiter: reader.delimiter(),
        tolerance: run.tolerance,
        anchorer: run.anchorer.clone(),
        keep_marks: run.keep_marks,
    };
    // `bytes` holds the batch's records from file offset `base`.
    let mut accept = |result: BatchResult, bytes: &[u8], base: usize| {
        crate::terminal::rows_checked(result.rows.len());
        for row in result.rows {
            match row {
                RowResult::Invalid(finding) => taken.findings.push(finding),
                RowResult::Claim { id, record, outcome } => {
                    taken.claims += 1;
                    match taken.ids.first_use(id.bytes(bytes, base), display, record.row) {
                        Some((first_file, first_row)) => taken.findings.extend(file.duplicate(bytes, base, &record, first_file, first_row)),
                        None => {
                            if let Some(outcome) = outcome {
                                taken.findings.extend(outcome.findings);
                                taken.stated.extend(outcome.stated);
                                taken.marks.extend(outcome.mark);
                            }
                        }
                    }
                }
            }
        }
    };
    let check_chunk = |chunk: &Chunk| -> Vec<BatchResult> {
        chunk
            .batches
            .par_iter()
            .enumerate()
            .map(|(index, batch)| {
                let last = chunk.last && index + 1 == chunk.batches.len();
                file.check_batch(&chunk.bytes[batch.range.clone()], chunk.base + batch.range.start, batch.row, batch.line, sources, last)
            })
            .collect()
    };
    // Takes in a checked chunk in row order; stops at a batch whose cut the quote count misplaced
    // and says where its records start.
    let mut take_in = |chunk: Chunk, results: Vec<BatchResult>| -> Option<(usize, usize, usize)> {
        for (batch, result) in chunk.batches.iter().zip(results) {
            if result.irregular || result.records != batch.rows {
                return Some((chunk.base + batch.range.start, batch.row, batch.line));
            }
            accept(result, &chunk.bytes, chunk.base);
        }
        None
    };
    // While the pool checks one chunk, this thread takes in the one before and reads the next.
    let mut checked: Option<(Chunk, Vec<BatchResult>)> = None;
    let mut next = reader.next_chunk()?;
    loop {
        let current = next.take();
        let (results, (misplaced, read)) = rayon::join(
            || current.as_ref().map(check_chunk),
            || {
                let misplaced = checked.take().and_then(|(chunk, results)| take_in(chunk, results));
                let read = if misplaced.is_none() && current.is_some() { reader.next_chunk() } else { Ok(None) };
                (misplaced, read)
            },
        );
        if let Some((offset, row, line)) = misplaced {
            // The rest of the file is read whole and scanned in one go, from the last place
            // known to start a record.
            let rest = reader.rest_from(offset)?;
            accept(file.check_batch(&rest, offset, row, line, sources, true), &rest, offset);
            return Ok(());
        }
        match (current, results) {
            (Some(chunk), Some(results)) => checked = Some((chunk, results)),
            _ => return Ok(()),
        }
        next = read?;
    }
}

/// What every batch of one claims file shares.
struct FileContext {
    columns: ClaimColumns,
    names: Vec<String>,
    display: Arc<str>,
    delimiter: u8,
    tolerance: f64,
    /// Shared by every batch of the run, so each source is folded once.
    anchorer: spans::Anchorer,
    keep_marks: bool,
}

impl FileContext {
    /// Checks the records of `bytes`, which start at file offset `base` after `row` records on
    /// line `line`. `last` says no record follows, so a scanning error there is the file's own.
    fn check_batch(&self, bytes: &[u8], base: usize, row: usize, line: usize, sources: &SourceSet, last: bool) -> BatchResult {
        let mut scanner = Scanner::resume(bytes, self.delimiter, base, row, line);
        let window = Utf8Window::new(bytes, base);
        let mut anchorer = self.anchorer.clone();
        let mut previous = LastSource::default();
        let mut rows = Vec::new();
        let mut failed = false;
        let (mut record, mut values) = (RawRecord::default(), Vec::new());
        while let Some(read) = scanner.read(&mut record) {
            if let Err(error) = read {
                failed = true;
                rows.push(RowResult::Invalid(scan_failure(&error, &self.display)));
                continue;
            }
            if is_empty_row(&record) {
                continue;
            }
            let at = Record { bytes: record.span.clone(), row: record.row, line: record.line };
            // Findings are pointed at their cell now, while the row is at hand, so the report
            // never has to read a large claims file again.
            let place = |mut finding: Finding| {
                place_in_record(&mut finding, &record, &self.names, bytes, base);
                finding
            };
            if let Err(finding) = decode_into(&record, &self.names, &self.display, window, &mut values) {
                rows.push(RowResult::Invalid(place(finding)));
                continue;
            }
            rows.push(match ClaimRef::read(&values, record.row, record.line, &self.columns, &self.display) {
                Ok(claim) => {
                    let outcome = if !self.keep_marks && previous.holds(&claim, sources) {
                        None
                    } else {
                        let claim = claim.owned();
                        let mut findings = Vec::new();
                        let checked = check_located(&claim, sources, &mut anchorer, self.tolerance, &mut findings);
                        let mut stated = checked.stated;
                        let findings: Vec<Finding> = findings.into_iter().map(place).collect();
                        if let Some(stated) = &mut stated {
                            stated.value_region = Some(cell_region(&record, &self.names, Some("value"), bytes, base));
                        }
                        let mark = self.keep_marks.then(|| ClaimMark {
                            id: claim.id.clone(),
                            file: claim.file.to_string(),
                            row: claim.row,
                            source: checked.file,
                            span: checked.anchor,
                            quote: claim.quote.clone(),
                        });
                        (!findings.is_empty() || stated.is_some() || mark.is_some()).then(|| Box::new(Outcome { findings, stated, mark }))
                    };
                    RowResult::Claim { id: Id::of(claim.id, bytes, base), record: at, outcome }
                }
                Err(finding) => RowResult::Invalid(place(finding)),
            });
        }
        let records = scanner.rows() - row;
        BatchResult { rows, records, irregular: scanner.irregular() || (failed && !last) }
    }

    fn claim(&self, record: RawRecord<'_>) -> Result<Claim, Finding> {
        decode(record, &self.names, &self.display).and_then(|row| Claim::from_row(&row, &self.columns, &self.display))
    }

    /// The `claim-duplicate-id` finding for the claim of `record`, read again from `bytes`.
    fn duplicate(&self, bytes: &[u8], base: usize, record: &Record, first_file: &str, first_row: usize) -> Option<Finding> {
        let window = bytes.get(record.bytes.start - base..record.bytes.end - base)?;
        let raw = Scanner::resume(window, self.delimiter, record.bytes.start, record.row - 1, record.line).next()?.ok()?;
        let region = cell_region(&raw, &self.names, Some("id"), window, record.bytes.start);
        let claim = self.claim(raw).ok()?;
        let message = format!("claim id {} is already used in {first_file} row {first_row}: ids must be unique", claim.id);
        let mut finding = claim.finding(Code::ClaimDuplicateId, message).in_column("id");
        crate::load::spreadsheet::diagnose_duplicate(&claim.id, &mut finding);
        finding.region = Some(region);
        Some(finding)
    }
}

/// The source the previous claim of a batch named, resolved: rows come in runs naming one
/// source, so most claims skip resolving their source.
#[derive(Default)]
struct LastSource<'s> {
    name: String,
    text: Option<&'s SourceText>,
}

impl<'s> LastSource<'s> {
    /// True when `claim` states no figure and its quote stands at its offsets in its source: the
    /// check has nothing to say about it. Every other claim takes the full check (`check_claim`),
    /// which reports what stands in the way.
    fn holds(&mut self, claim: &ClaimRef<'_>, sources: &'s SourceSet) -> bool {
        if claim.is_figure() {
            return false;
        }
        let Offsets::Given(range) = Offsets::parse(claim.start, claim.end) else { return false };
        if self.name != claim.source || self.text.is_none() {
            self.name.clear();
            self.name.push_str(claim.source);
            self.text = sources.resolve(claim.source).and_then(|file| sources.text_ref(file)).ok();
        }
        self.text.is_some_and(|text| text.holds_at(range, claim.quote))
    }
}

/// `check_located`'s findings and figure, as the one-pass pipeline of the tests takes them.
#[cfg(test)]
fn check_claim(claim: &Claim, sources: &SourceSet, anchorer: &mut spans::Anchorer, tolerance: f64, findings: &mut Vec<Finding>) -> Option<Stated> {
    check_located(claim, sources, anchorer, tolerance, findings).stated
}

/// What checking one claim placed: its source file and where its quote stands there, when
/// known, and for a figure claim its figure.
struct ClaimChecked {
    file: Option<String>,
    anchor: Option<Range<usize>>,
    stated: Option<Stated>,
}

/// Checks one claim that passed loading: its span, then, for a figure claim, the figure it
/// states (read from the quote even when the span could not be placed).
fn check_located(claim: &Claim, sources: &SourceSet, anchorer: &mut spans::Anchorer, tolerance: f64, findings: &mut Vec<Finding>) -> ClaimChecked {
    let first = findings.len();
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
    let stated = if claim.is_figure() {
        compare::stated::read(claim, file, anchor.clone(), tolerance).map_err(|finding| findings.push(finding)).ok()
    } else {
        None
    };
    crate::load::spreadsheet::diagnose(claim, sources, findings, first);
    ClaimChecked { file: file.map(str::to_string), anchor, stated }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::chunks::CHUNK_BYTES;
    use crate::load::csv_file::CsvFile;
    use std::fmt::Write as _;

    /// The pipeline before batching: one scanner over the whole file, one row after another.
    fn one_pass(path: &Path, sources: &SourceSet) -> (usize, Vec<Finding>) {
        let display: Arc<str> = display_path(path).into();
        let file = CsvFile::read(path, display.to_string()).unwrap();
        let (header, rows) = file.rows(&REQUIRED).unwrap();
        let columns = ClaimColumns::new(&header);
        let (mut claims, mut findings, mut seen) = (0, Vec::new(), std::collections::HashMap::new());
        for row in rows {
            match row.and_then(|row| Claim::from_row(&row, &columns, &display)) {
                Err(finding) => findings.push(finding),
                Ok(claim) => {
                    claims += 1;
                    if let Some(row) = seen.get(&claim.id) {
                        let message = format!("claim id {} is already used in {display} row {row}: ids must be unique", claim.id);
                        findings.push(claim.finding(Code::ClaimDuplicateId, message).in_column("id"));
                    } else {
                        seen.insert(claim.id.clone(), claim.row);
                        check_claim(&claim, sources, &mut spans::Anchorer::default(), 0.1, &mut findings);
                    }
                }
            }
        }
        place_findings(&mut findings, &[(display.to_string(), path.to_path_buf())]);
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        (claims, findings)
    }

    /// A claims file of several chunks over the seeds: CRLF, blank lines, quoted newlines, and
    /// every kind of bad row, spread so that they fall on batch and chunk edges.
    fn big_file(seeds: &SourceSet, stray_quote: bool) -> String {
        let name = "000_9c8a1ed180f1f2f5.txt";
        let text = seeds.text(name).unwrap();
        let mut out = String::from("\u{FEFF}id,source,start,end,quote,notes\r\n");
        let mut row = 1;
        while out.len() < 2 * CHUNK_BYTES + CHUNK_BYTES / 3 {
            row += 1;
            let start = (row * 37) % (text.char_len() - 80);
            let quote = text.slice(start..start + 60).unwrap().replace('"', "\"\"");
            let (start, end) = if row % 997 == 0 { (start + 3, start + 63) } else { (start, start + 60) };
            let id = if row % 4099 == 0 { format!("C{}", row - 4000) } else { format!("C{row}") };
            match row % 2503 {
                1 => out.push_str("\r\n"),
                2 => out.push_str(&format!("{id},{name},,,\"\",x\r\n")),
                3 => out.push_str(&format!("{id},{name},1,2\r\n")),
                5 => out.push_str(&format!("{id},{name},9,3,\"{quote}\",x\r\n")),
                6 => out.push_str(&format!("{id},{name},,,\"{quote}\",x\r\n")),
                4 if stray_quote => out.push_str(&format!("{id},{name},{start},{end},a 12\" screen,x\r\n")),
                // An id with an escaped quote, used again every time: duplicates of an id that
                // stands in no one piece of the file.
                7 => out.push_str(&format!("\"Q\"\"1\",{name},{start},{end},\"{quote}\",x\r\n")),
                // Replaced by a byte that is no UTF-8 once the text is written out.
                8 => out.push_str(&format!("{id},{name},{start},{end},\"{quote}\",bad \u{1} byte\r\n")),
                _ => {
                    let _ = write!(out, "{id},{name},{start},{end},\"{quote}\",\"note\nover two lines\"\r\n");
                }
            }
        }
        out
    }

    #[test]
    fn batches_report_what_one_pass_reports() {
        // The frozen workspace fixture, not the shipped `seeds/` that analysts edit.
        let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspace/seeds");
        let (seeds, _) = SourceSet::open(&seeds_dir, "seeds".into()).unwrap();
        for stray_quote in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("claims.csv");
            let bytes: Vec<u8> = big_file(&seeds, stray_quote).bytes().map(|b| if b == 1 { 0xFF } else { b }).collect();
            std::fs::write(&path, bytes).unwrap();
            let options = CheckOptions { sources: seeds_dir.clone(), annotations: path.clone(), stdin_claims: None, approximate_tolerance: 0.1, keep_marks: false };
            let batched = check(&options).unwrap().report;
            let (claims, findings) = one_pass(&path, &seeds);
            let codes: std::collections::BTreeSet<Code> = findings.iter().map(|f| f.code).collect();
            assert!(codes.len() >= 6, "the file exercises several codes: {codes:?}");
            assert!(findings.iter().any(|f| f.message.contains("not UTF-8")), "a row that is no UTF-8");
            assert!(findings.iter().any(|f| f.message.contains("claim id Q\"1 is already used")), "a duplicate id with an escape");
            assert_eq!(batched.claims, claims);
            assert_eq!(batched.findings.len(), findings.len());
            for (batched, one) in batched.findings.iter().zip(&findings) {
                assert_eq!(batched, one);
            }
        }
    }
}
