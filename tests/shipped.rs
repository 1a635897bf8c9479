//! A snapshot of every shipped claim and where it stands: any change to a source or a claim shows
//! up as a snapshot diff for reviewers (`cargo insta review`). The shipped report itself is
//! snapshotted in every format by `tests/ci.rs`.

mod common;

use claimcheck::load::claims::{Claim, ClaimColumns, REQUIRED};
use claimcheck::load::csv_file::CsvFile;
use claimcheck::load::sources::SourceSet;
use common::root;
use std::fmt::Write;
use std::sync::Arc;

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// Every shipped claim with where its quote stands: a claim or source edit that keeps the span
/// valid still changes this listing.
#[test]
fn shipped_claims_inventory() {
    let (sources, problems) = SourceSet::open(&root().join("seeds"), "seeds".into()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let file = CsvFile::read(&root().join("annotations/claims.csv"), "annotations/claims.csv".into()).unwrap();
    let (header, rows) = file.rows(&REQUIRED).unwrap();
    let columns = ClaimColumns::new(&header);
    let name: Arc<str> = file.display.as_str().into();
    let mut listing = String::new();
    for row in rows {
        let claim = Claim::from_row(&row.unwrap(), &columns, &name).unwrap();
        let source = sources.resolve(&claim.source).unwrap();
        let text = sources.text(source).unwrap();
        let (start, end) = (claim.start.parse().unwrap(), claim.end.parse().unwrap());
        assert_eq!(text.slice(start..end), Some(claim.quote.as_str()), "claim {} must anchor exactly", claim.id);
        let (from, to) = (text.line_col(start), text.line_col(end));
        let _ = write!(listing, "{} {}:{}:{}-{}:{}", claim.id, source, from.line, from.column, to.line, to.column);
        if claim.is_figure() {
            let _ = write!(listing, " [{} | {} | {}]", claim.subject, claim.measure, claim.value);
        }
        let _ = writeln!(listing, "\n    {}", claim.quote);
    }
    snapshot!("shipped_claims", listing);
}
