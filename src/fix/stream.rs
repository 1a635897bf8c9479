//! One claims file streamed through the planner: read in chunks as `check` reads it (see
//! `load::chunks`), each batch of records planned on all cores, and every byte passed on in file
//! order to a `Sink` (the temporary file, the dry run's diff, or memory), so memory stays bounded
//! whatever the file's size. The bytes read are digested on the way, to tell later whether the
//! file on disk is still the one read, and checked to be UTF-8.

use super::digest::{Digest, DigestKey};
use super::plan::{RowFix, Written, plan_row};
use super::rewrite::{self, CellEdit};
use crate::findings::{Code, Finding};
use crate::check::LastSource;
use crate::load::chunks::{Batch, ClaimsReader};
use crate::load::claims::{ClaimColumns, ClaimRef, REQUIRED};
use crate::load::csv_file::{InFile, SAVE_AS_UTF8, decode, decode_row, is_empty_row, scan_failure};
use crate::load::limits::Limits;
use crate::load::sources::SourceSet;
use crate::load::table::{Record, Scanner};
use crate::spans::Anchorer;
use crate::spans::shift::{Placement, SourceKey};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

/// Where the file goes, piece by piece, in file order.
pub trait Sink {
    /// Bytes that stay as they were.
    fn keep(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Whole lines `old` (the last one may lack its line end at the end of the file) that the fix
    /// turns into `new`.
    fn change(&mut self, old: &[u8], new: &[u8]) -> io::Result<()>;
    /// Forgets everything passed on so far: the file is streamed again from its start.
    fn restart(&mut self) -> io::Result<()>;
}

/// What streaming one file came to.
pub struct Streamed {
    /// The rows fixed, in file order; empty when the file is not UTF-8.
    pub rows: Vec<RowFix>,
    /// The digest of every byte read.
    pub digest: Digest,
    /// The file offset of the first byte that is not UTF-8: the file must not be written.
    pub not_utf8: Option<usize>,
    /// Why the file must not be written (not UTF-8, or a record over `[limits] record-bytes`,
    /// which the reader passes over unkept): the finding that says so.
    pub left_alone: Option<Finding>,
    /// How the sources moved, as far as the file's claims tell.
    evidence: Evidence,
    /// What each row that was located came to, for a second reading (see `stream_file`).
    memo: Memo,
}

/// What the planner made of a row it located: reused when the file is read again.
#[derive(Clone)]
enum Planned {
    Fixed(RowFix, Vec<CellEdit>),
    Left(Finding),
    Nothing,
}

/// The plans of the rows located in a first reading, by row number.
type Memo = HashMap<usize, Planned>;

/// What the claims of a file tell of how their sources moved: where each claim placed for
/// certain stands, and the moved quotes written that the claims around them may contest.
#[derive(Default)]
pub struct Evidence {
    pub placements: Vec<Placement>,
    pub written: Vec<Written>,
}

impl Evidence {
    fn extend(&mut self, other: Evidence) {
        self.placements.extend(other.placements);
        self.written.extend(other.written);
    }
}

/// Rows planned as `check` would have them after weighing how the claims around them moved
/// (see `spans::shift`), by row number: left for a human with this finding.
type Vetoed = BTreeMap<usize, Finding>;

/// What every batch of one file shares.
struct FileContext<'a> {
    columns: ClaimColumns,
    names: Vec<String>,
    display: Arc<str>,
    delimiter: u8,
    sources: &'a SourceSet,
    anchorer: &'a Anchorer,
    limits: Limits,
    vetoed: &'a Vetoed,
    /// In a second reading, what the first made of each row it located.
    memo: Option<&'a Memo>,
}

/// The plan for one batch of records.
#[derive(Default)]
struct BatchPlan {
    edits: Vec<CellEdit>,
    rows: Vec<RowFix>,
    left: Vec<Finding>,
    /// Records the scanner read.
    records: usize,
    /// The batch cannot be trusted to end where it was cut (see `load::chunks`).
    irregular: bool,
    evidence: Evidence,
    memo: Vec<(usize, Planned)>,
}

/// Streams the claims file at `path` through the planner into `sink`; the findings left for a
/// human go to `left`.
///
/// A quote standing as written at one place away from its offsets, or at the copy its context
/// chose among several, is written as it streams past; once the whole file is read, the claims
/// around it may contest it, as `check` weighs them (see `spans::shift`): they moved as if its
/// own passage, edited, stood elsewhere, or as if it stood at another copy than its context's.
/// Then the file is streamed again from the start, those rows left for a human: `fix` never
/// writes a placement `check` would contest. The second reading reuses what the first made of
/// every row it located (as `check` weighs the claims once), so it costs a reading of the file,
/// not a second search; it happens only when a row is contested.
#[allow(clippy::too_many_arguments)]
pub fn stream_file(path: &Path, display: &Arc<str>, sources: &SourceSet, anchorer: &Anchorer, key: &DigestKey, limits: Limits, left: &mut Vec<Finding>, sink: &mut dyn Sink) -> io::Result<Streamed> {
    let before = left.len();
    let mut first = stream_once(path, display, sources, anchorer, key, limits, (&Vetoed::new(), None), left, sink)?;
    let evidence = std::mem::take(&mut first.evidence);
    let memo = std::mem::take(&mut first.memo);
    let vetoed: Vetoed = contested(evidence, sources, anchorer).into_iter().collect();
    if vetoed.is_empty() || first.left_alone.is_some() {
        return Ok(first);
    }
    left.truncate(before);
    sink.restart()?;
    let second = stream_once(path, display, sources, anchorer, key, limits, (&vetoed, Some(&memo)), left, sink)?;
    // The file must be the one read first: its rows were weighed as they were then.
    if second.digest != first.digest {
        return Err(io::Error::other("the file changed on disk while `claimcheck fix` read it: nothing was written to it; run fix again"));
    }
    Ok(second)
}

/// The rows written whose placement the claims around them contest, with the finding `check`
/// gives them.
fn contested(evidence: Evidence, sources: &SourceSet, anchorer: &Anchorer) -> Vec<(usize, Finding)> {
    let Evidence { placements, written } = evidence;
    if written.is_empty() {
        return Vec::new();
    }
    let written: Vec<(&Written, &crate::load::text::SourceText)> = written.iter().filter_map(|w| Some((w, sources.text_ref(&w.file).ok()?))).collect();
    let open: Vec<_> = written.iter().map(|(w, text)| (&w.claim, w.file.as_str(), *text, &*w.unsettled)).collect();
    let settled = anchorer.settle_all(placements, &open);
    written
        .iter()
        .zip(settled)
        .filter_map(|((w, _), settled)| {
            let finding = settled?.finding?;
            Some((w.claim.row, finding.with_note("`fix` leaves it: the claims placed around it moved as if it stood elsewhere")))
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn stream_once(
    path: &Path,
    display: &Arc<str>,
    sources: &SourceSet,
    anchorer: &Anchorer,
    key: &DigestKey,
    limits: Limits,
    (vetoed, memo): (&Vetoed, Option<&Memo>),
    left: &mut Vec<Finding>,
    sink: &mut dyn Sink,
) -> io::Result<Streamed> {
    // A record over the limit is read past, not kept, so memory stays bounded; the file is then
    // left as it is (`left_alone`), since writing it would lose that record.
    let (mut reader, header) = ClaimsReader::open(path, &REQUIRED, display, limits)?;
    let mut oversized = None;
    let mut digester = key.start();
    let mut streamed = Streamed { rows: Vec::new(), digest: key.start().finish(), not_utf8: None, left_alone: None, evidence: Evidence::default(), memo: Memo::new() };
    let first = reader.next_chunk()?;
    // The header is what comes before the first chunk's records (the whole file when none follow).
    let header_bytes = read_prefix(path, first.as_ref().map(|chunk| chunk.base))?;
    digester.update(&header_bytes);
    streamed.not_utf8 = std::str::from_utf8(&header_bytes).err().map(|error| error.valid_up_to());
    sink.keep(&header_bytes)?;
    let header = match header {
        Ok(header) => header,
        Err(finding) => {
            left.push(finding);
            // Nothing is planned; the rest of the file passes through as it is.
            let mut next = first;
            while let Some(chunk) = next {
                if let Some(skipped) = &chunk.skipped {
                    oversized.get_or_insert_with(|| oversized_finding(display, skipped));
                }
                digester.update(&chunk.bytes);
                sink.keep(&chunk.bytes)?;
                next = reader.next_chunk()?;
            }
            streamed.digest = digester.finish();
            streamed.left_alone = streamed.not_utf8.map(|byte| not_utf8_finding(display, byte)).or(oversized);
            return Ok(streamed);
        }
    };
    let file = FileContext { columns: ClaimColumns::new(&header), names: header.names, display: display.clone(), delimiter: reader.delimiter(), sources, anchorer, limits, vetoed, memo };
    let mut next = first;
    while streamed.not_utf8.is_none() {
        let Some(chunk) = next.take() else { break };
        if let Some(skipped) = &chunk.skipped {
            oversized = Some(oversized_finding(display, skipped));
            break;
        }
        // While the pool plans this chunk, this thread reads the next one.
        let (plans, read): (Vec<BatchPlan>, _) = rayon::join(
            || {
                chunk
                    .batches
                    .par_iter()
                    .enumerate()
                    .map(|(index, batch)| file.plan_batch(&chunk.bytes[batch.range.clone()], chunk.base + batch.range.start, batch, chunk.last && index + 1 == chunk.batches.len()))
                    .collect()
            },
            || reader.next_chunk(),
        );
        let mut misplaced = None;
        for (batch, plan) in chunk.batches.iter().zip(plans) {
            if plan.irregular || plan.records != batch.rows {
                misplaced = Some(batch.clone());
                break;
            }
            let bytes = &chunk.bytes[batch.range.clone()];
            take_in(&mut streamed, &mut digester, bytes, chunk.base + batch.range.start, plan, file.delimiter, left, sink)?;
            if streamed.not_utf8.is_some() {
                break;
            }
        }
        if let Some(batch) = misplaced {
            // A stray quote misplaced the cut: the rest of the file is read again from the last
            // place known to start a record, cut where `csv-core` ends records; what was read
            // past it is dropped, and the bytes before it have been passed on exactly once.
            reader.restart_exact(chunk.base + batch.range.start, batch.row, batch.line)?;
            next = reader.next_chunk()?;
            continue;
        }
        next = read?;
    }
    streamed.left_alone = streamed.not_utf8.map(|byte| not_utf8_finding(display, byte)).or(oversized);
    if streamed.left_alone.is_some() {
        streamed.rows.clear();
    }
    streamed.digest = digester.finish();
    Ok(streamed)
}

/// The first `len` bytes of the file (all of it when `len` is `None`).
fn read_prefix(path: &Path, len: Option<usize>) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let file = crate::load::open::open_inside(path, crate::load::open::own_folder(path))?.0;
    match len {
        Some(len) => file.take(len as u64).read_to_end(&mut bytes)?,
        None => (&file).read_to_end(&mut bytes)?,
    };
    Ok(bytes)
}

/// Passes one planned batch (`bytes`, at file offset `base`) to the sink, changed lines as
/// changes, and keeps its rows and findings.
#[allow(clippy::too_many_arguments)]
fn take_in(streamed: &mut Streamed, digester: &mut super::digest::Digester, bytes: &[u8], base: usize, plan: BatchPlan, delimiter: u8, left: &mut Vec<Finding>, sink: &mut dyn Sink) -> io::Result<()> {
    digester.update(bytes);
    left.extend(plan.left);
    if let Err(error) = std::str::from_utf8(bytes) {
        streamed.not_utf8 = Some(base + error.valid_up_to());
        return Ok(());
    }
    streamed.rows.extend(plan.rows);
    streamed.evidence.extend(plan.evidence);
    streamed.memo.extend(plan.memo);
    let mut edits = plan.edits;
    edits.sort_by_key(|edit| edit.span.start);
    let mut kept = 0;
    let mut at = 0;
    while at < edits.len() {
        // The whole lines holding this edit, and every later edit that starts on them (an empty
        // last cell of a file without a last line end starts where those lines end).
        let first = edits[at].span.start - base;
        let start = memchr::memrchr(b'\n', &bytes[..first]).map_or(0, |i| i + 1);
        let mut end = first;
        let mut group = Vec::new();
        while let Some(edit) = edits.get(at).filter(|edit| group.is_empty() || edit.span.start - base < end || end == bytes.len()) {
            let edit_end = edit.span.end - base;
            end = end.max(memchr::memchr(b'\n', &bytes[edit_end..]).map_or(bytes.len(), |i| edit_end + i + 1));
            group.push(CellEdit { span: edit.span.start - base - start..edit_end - start, quoted: edit.quoted, value: edit.value.clone() });
            at += 1;
        }
        sink.keep(&bytes[kept..start])?;
        let old = &bytes[start..end];
        sink.change(old, &rewrite::apply(old, delimiter, &group))?;
        kept = end;
    }
    sink.keep(&bytes[kept..])
}

impl FileContext<'_> {
    /// Plans the records of `bytes`, which start at file offset `base` where `batch` says. `last`
    /// says no record follows, so a scanning error there is the file's own.
    fn plan_batch(&self, bytes: &[u8], base: usize, batch: &Batch, last: bool) -> BatchPlan {
        let mut plan = BatchPlan::default();
        // A row over the limits is left with its finding; its bytes pass on as they are.
        let mut scanner = Scanner::resume(bytes, self.delimiter, base, batch.row, batch.line, self.limits);
        let mut anchorer = self.anchorer.clone();
        let mut previous = LastSource::default();
        let at = InFile { bytes, base, delimiter: self.delimiter };
        let mut record = Record::default();
        while let Some(read) = scanner.read(&mut record) {
            if let Err(error) = read {
                plan.left.push(scan_failure(&error, &self.display));
                continue;
            }
            if is_empty_row(&record) {
                continue;
            }
            if let Some(finding) = self.vetoed.get(&record.row) {
                plan.left.push(finding.clone());
                continue;
            }
            // A claim whose quote stands at its offsets needs no fix: it is settled on the
            // borrowed cells, and only the others are copied and located.
            let evidence = &mut plan.evidence;
            let fixed = decode(&record, &self.names, &self.display, at)
                .and_then(|cells| ClaimRef::read(cells, record.row, record.line, &self.columns, &self.display))
                .and_then(|claim| match previous.standing(&claim, self.sources) {
                    Some((text, range)) => {
                        evidence.placements.extend(Placement::new(SourceKey::of(text), range.start, &range));
                        Ok(None)
                    }
                    None => match self.memo.and_then(|memo| memo.get(&record.row)) {
                        Some(Planned::Fixed(fix, edits)) => {
                            plan.edits.extend(edits.iter().cloned());
                            Ok(Some(fix.clone()))
                        }
                        Some(Planned::Left(finding)) => Err(finding.clone()),
                        Some(Planned::Nothing) => Ok(None),
                        None => {
                            let row = decode_row(&record, &self.names, &self.display, at)?;
                            let from = plan.edits.len();
                            let planned = plan_row(&claim.owned(), &row, &self.columns, self.sources, &mut anchorer, &mut plan.edits, evidence);
                            // Rows without offsets are never contested, nor written unlike
                            // `check` would place them: a second reading plans them again rather
                            // than keeping a plan for each (a tenth of a million rows blank).
                            if self.memo.is_none() && !claim.start.is_empty() {
                                let kept = match &planned {
                                    Ok(Some(fix)) => Planned::Fixed(fix.clone(), plan.edits[from..].to_vec()),
                                    Ok(None) => Planned::Nothing,
                                    Err(finding) => Planned::Left(finding.clone()),
                                };
                                plan.memo.push((record.row, kept));
                            }
                            planned
                        }
                    },
                });
            match fixed {
                Ok(Some(fix)) => plan.rows.push(fix),
                Ok(None) => {}
                Err(finding) => plan.left.push(finding),
            }
        }
        plan.records = scanner.rows() - batch.row;
        plan.irregular = scanner.ended_by_input() && !last;
        plan
    }
}

/// The finding for a claims file holding a record over `[limits] record-bytes`: `fix` leaves it
/// byte for byte, since the record was read past and not kept.
fn oversized_finding(display: &str, skipped: &crate::load::table::ScanError) -> Finding {
    let mut finding = Finding::new(
        Code::CsvInvalid,
        display,
        format!(
            "row {} (line {}, byte {}) cannot be read: {}; `claimcheck fix` writes nothing into this file, so no row of it is lost: shorten that row, or raise the limit, then run fix again",
            skipped.row, skipped.line, skipped.byte, skipped.message
        ),
    );
    finding.row = Some(skipped.row);
    finding
}

/// The finding for a claims file that is not UTF-8 throughout: `fix` leaves it byte for byte.
pub fn not_utf8_finding(display: &str, byte: usize) -> Finding {
    Finding::new(
        Code::CsvInvalid,
        display,
        format!("the file is not UTF-8 (byte {byte}): `claimcheck fix` writes nothing into it, so it stays byte for byte as it is; {SAVE_AS_UTF8}, then run fix again"),
    )
}

#[cfg(test)]
mod tests {
    use crate::fix::plan::plan;
    use crate::load::sources::SourceSet;

    /// Over many batches, with a stray quote that misplaces the cuts after it (the rest is then
    /// read again, cut where `csv-core` ends records) and no last line end, every blank row is
    /// fixed and nothing else.
    #[test]
    fn every_batch_is_fixed_once_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(dir.path().join("seeds/s.txt"), "Officials said that 137 people were killed.").unwrap();
        for stray in [false, true] {
            let (mut before, mut after) = (String::from("id,source,quote,start,end,notes\n"), String::from("id,source,quote,start,end,notes\n"));
            let note = "n".repeat(200);
            for row in 0..6_000 {
                let note = if stray && row == 3_000 { format!("a \"stray\" {note}") } else { note.clone() };
                let (blank, fixed) = (format!("C{row},s.txt,137 people were killed,,,{note}\n"), format!("C{row},s.txt,137 people were killed,20,42,{note}\n"));
                if row % 3 == 0 {
                    before.push_str(&blank);
                    after.push_str(&fixed);
                } else {
                    before.push_str(&fixed);
                    after.push_str(&fixed);
                }
            }
            before.pop();
            after.pop();
            let path = dir.path().join("claims.csv");
            std::fs::write(&path, &before).unwrap();
            let (sources, _) = SourceSet::open(&dir.path().join("seeds"), "seeds".into()).unwrap();
            let planned = plan(&sources, std::slice::from_ref(&path));
            let file = &planned.files[0];
            assert_eq!(file.original, before.as_bytes());
            assert!(file.fixed == after.as_bytes(), "stray quote: {stray}");
            assert_eq!(file.rows.len(), 2_000);
            assert!(file.rows.windows(2).all(|pair| pair[0].row < pair[1].row), "rows in file order");
        }
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;
    use crate::fix::digest::DigestKey;

    /// The bytes a sink was given, before and after the fix.
    #[derive(Default)]
    struct Both {
        original: Vec<u8>,
        fixed: Vec<u8>,
    }

    impl Sink for Both {
        fn keep(&mut self, bytes: &[u8]) -> io::Result<()> {
            self.original.extend_from_slice(bytes);
            self.fixed.extend_from_slice(bytes);
            Ok(())
        }

        fn change(&mut self, old: &[u8], new: &[u8]) -> io::Result<()> {
            self.original.extend_from_slice(old);
            self.fixed.extend_from_slice(new);
            Ok(())
        }

        fn restart(&mut self) -> io::Result<()> {
            *self = Both::default();
            Ok(())
        }
    }

    /// A row with a cell over `[limits] cell-bytes` is left for a human with the finding that
    /// names the limit, passed on byte for byte; the rows around it are fixed as usual.
    #[test]
    fn a_row_over_the_cell_limit_is_left_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(dir.path().join("seeds/s.txt"), "Officials said that 137 people were killed.").unwrap();
        let long = "x".repeat(600);
        let row = |id: &str, offsets: &str, note: &str| format!("{id},s.txt,137 people were killed,{offsets},{note}\r\n");
        let before = ["id,source,quote,start,end,notes\r\n".to_string(), row("C1", ",", "a"), row("C2", ",", &long), row("C3", ",", "\"b, \"\"c\"\"\"")].concat();
        let after = ["id,source,quote,start,end,notes\r\n".to_string(), row("C1", "20,42", "a"), row("C2", ",", &long), row("C3", "20,42", "\"b, \"\"c\"\"\"")].concat();
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, &before).unwrap();
        let (sources, _) = SourceSet::open(&dir.path().join("seeds"), "seeds".into()).unwrap();
        let limits = Limits { cell_bytes: 500, ..Limits::default() };
        let (mut left, mut sink) = (Vec::new(), Both::default());
        let streamed = stream_file(&path, &"claims.csv".into(), &sources, &Anchorer::default(), &DigestKey::new(), limits, &mut left, &mut sink).unwrap();
        assert_eq!(String::from_utf8(sink.original).unwrap(), before);
        assert_eq!(String::from_utf8(sink.fixed).unwrap(), after);
        assert_eq!(streamed.rows.iter().map(|fix| fix.claim.as_str()).collect::<Vec<_>>(), ["C1", "C3"]);
        assert!(streamed.left_alone.is_none());
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!((left[0].code, left[0].row), (Code::CsvInvalid, Some(3)));
        assert!(left[0].message.contains("cell-bytes"), "{}", left[0].message);
    }
}
