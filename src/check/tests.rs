//! The batched pipeline against the plain one: same claims, same findings, on a file of several
//! chunks holding every kind of row.
use super::claim::{LastSource, check_located};
use super::*;
use crate::findings::Code;
use crate::load::claims::{Claim, ClaimColumns, ClaimRef, REQUIRED};
use crate::load::sources::SourceSet;
use crate::load::chunks::CHUNK_BYTES;
use crate::load::csv_file::CsvFile;
use std::fmt::Write as _;

/// The claim `claim` owns, borrowed, as the pipeline checks it.
fn borrowed(claim: &Claim) -> ClaimRef<'_> {
    Claim {
        id: &claim.id,
        source: &claim.source,
        quote: &claim.quote,
        start: &claim.start,
        end: &claim.end,
        prefix: &claim.prefix,
        suffix: &claim.suffix,
        subject: &claim.subject,
        measure: &claim.measure,
        value: &claim.value,
        file: &claim.file,
        row: claim.row,
        line: claim.line,
    }
}

/// The pipeline before batching: one scanner over the whole file, one row after another.
fn one_pass(path: &Path, sources: &SourceSet) -> (usize, Vec<Finding>) {
    let display: Arc<str> = display_path(path).into();
    let file = CsvFile::read(path, display.to_string()).unwrap();
    let (header, rows) = file.rows(&REQUIRED).unwrap();
    let columns = ClaimColumns::new(&header);
    let (mut claims, mut findings, mut seen) = (0, Vec::new(), std::collections::HashMap::new());
    let (anchorer, mut placements, mut unsettled) = (spans::Anchorer::default(), Vec::new(), Vec::new());
    for row in rows {
        match row.and_then(|row| Claim::from_row(&row, &columns, &display)) {
            Err(finding) => findings.push(finding),
            Ok(claim) => {
                claims += 1;
                if let Some(row) = seen.get(&claim.id) {
                    let message = format!("claim id {} is already used in {display} row {row}: ids must be unique", claim.id);
                    findings.push(claim.finding(Code::ClaimDuplicateId, message).in_column("id"));
                    // Its quote stands where it stands: evidence of how the source moved all the same.
                    placements.extend(check_located(&borrowed(&claim), sources, &mut LastSource::default(), &mut anchorer.clone(), 0.1, &mut Vec::new()).placement);
                } else {
                    seen.insert(claim.id.clone(), claim.row);
                    let first = findings.len();
                    let checked = check_located(&borrowed(&claim), sources, &mut LastSource::default(), &mut anchorer.clone(), 0.1, &mut findings);
                    placements.extend(checked.placement);
                    unsettled.extend(checked.unsettled.map(|(claim, copies)| (claim, copies, first)));
                }
            }
        }
    }
    // Then the ambiguous claims, against how every other claim moved.
    let texts: Vec<_> = unsettled.iter().map(|(claim, _, _)| sources.text(sources.resolve(&claim.source).unwrap()).unwrap()).collect();
    let open: Vec<_> = unsettled.iter().zip(&texts).map(|((claim, copies, _), text)| (claim, sources.resolve(&claim.source).unwrap(), &**text, &**copies)).collect();
    for ((_, _, first), settled) in unsettled.iter().zip(anchorer.settle_all(placements, &open)) {
        if let Some(settled) = settled {
            findings[*first] = settled.finding.unwrap();
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
        let options = CheckOptions { sources: seeds_dir.clone(), annotations: path.clone(), stdin_claims: None, approximate_tolerance: 0.1, limits: Limits::default(), keep_marks: false };
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
