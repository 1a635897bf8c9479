//! One claims file through the pipeline: read in chunks, each chunk's batches checked on every
//! core while this thread takes in the chunk before and reads the next, results kept in row order.

use super::batch::{BatchResult, FileContext, RowResult};
use super::{Run, Taken};
use crate::load::chunks::{Chunk, ClaimsReader};
use crate::load::claims::{ClaimColumns, REQUIRED};
use crate::load::csv_file::scan_failure;
use crate::load::sources::SourceSet;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// How many claims ahead of its lookup an id's slot is fetched: enough to cover a trip to memory.
const PREFETCH_AHEAD: usize = 8;

/// Checks every row of one claims file, in batches on all cores, keeping the findings in file order.
pub(super) fn check_file(path: &Path, display: &Arc<str>, sources: &SourceSet, run: &Run, taken: &mut Taken) -> std::io::Result<()> {
    let (mut reader, header) = ClaimsReader::open(path, &REQUIRED, display, run.limits)?;
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
        limits: run.limits,
        anchorer: run.anchorer.clone(),
        keep_marks: run.keep_marks,
    };
    // `bytes` holds the batch's records from file offset `base`.
    let mut accept = |result: BatchResult, bytes: &[u8], base: usize| {
        crate::terminal::rows_checked(result.rows.len());
        // The ids' slots are fetched a few claims ahead of their lookups (see `FirstSeen`).
        let hashes: Vec<u64> = result.claim_ids().map(|id| taken.ids.hash(id)).collect();
        taken.placements.extend_from_slice(&result.placements);
        let BatchResult { rows, ids, mut stated, .. } = result;
        let mut claim = 0;
        for row in rows {
            match row {
                RowResult::Invalid(finding) => taken.findings.push(*finding),
                RowResult::Claim { id, record, outcome, stated: figure } => {
                    let figure = figure.and_then(|index| stated[index as usize].take());
                    taken.claims += 1;
                    if let Some(&ahead) = hashes.get(claim + PREFETCH_AHEAD) {
                        taken.ids.prefetch(ahead);
                    }
                    let hash = hashes[claim];
                    claim += 1;
                    match taken.ids.first_use(&ids[id], hash, display, record.row) {
                        Some((first_file, first_row)) => taken.findings.extend(file.duplicate(bytes, base, &record, first_file, first_row)),
                        None => taken.take(outcome, figure),
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
    let mut take_in = |chunk: &Chunk, results: Vec<BatchResult>| -> Option<(usize, usize, usize)> {
        if let Some(skipped) = &chunk.skipped {
            accept(BatchResult { rows: vec![RowResult::Invalid(Box::new(scan_failure(skipped, display)))], ids: Vec::new(), records: 1, placements: Vec::new(), stated: Vec::new(), misplaced: false }, &[], 0);
        }
        for (batch, result) in chunk.batches.iter().zip(results) {
            if result.misplaced || result.records != batch.rows {
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
                let misplaced = checked.take().and_then(|(chunk, results)| {
                    let misplaced = take_in(&chunk, results);
                    reader.recycle(chunk.bytes);
                    misplaced
                });
                let read = if misplaced.is_none() && current.is_some() { reader.next_chunk() } else { Ok(None) };
                (misplaced, read)
            },
        );
        if let Some((offset, row, line)) = misplaced {
            // The rest of the file is read again from the last place known to start a record,
            // cut where `csv-core` ends records; what was checked past it is dropped.
            reader.restart_exact(offset, row, line)?;
            checked = None;
            next = reader.next_chunk()?;
            continue;
        }
        match (current, results) {
            (Some(chunk), Some(results)) => checked = Some((chunk, results)),
            _ => return Ok(()),
        }
        next = read?;
    }
}
