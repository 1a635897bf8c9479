//! The claims reader on any bytes: every row becomes a claim or a finding, never a panic, and
//! rows come in file order.
#![no_main]

use claimcheck::load::claims::{Claim, ClaimColumns, REQUIRED};
use claimcheck::load::csv_file::CsvFile;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let file = CsvFile::from_bytes(data.to_vec(), "fuzz.csv".into());
    let Ok((header, rows)) = file.rows(&REQUIRED) else { return };
    let columns = ClaimColumns::new(&header);
    let display: Arc<str> = "fuzz.csv".into();
    let mut last_row = 1;
    for row in rows {
        let Ok(row) = row else { continue };
        assert!(row.row > last_row, "rows come in order: {} after {last_row}", row.row);
        last_row = row.row;
        if let Ok(claim) = Claim::from_row(&row, &columns, &display) {
            assert!(!claim.id.is_empty() && !claim.source.is_empty());
        }
    }
});
