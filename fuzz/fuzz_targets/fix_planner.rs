//! `claimcheck fix` on a source and a claims file from any bytes, split at the first 0x1F byte,
//! in a temporary project: the dry run and the real run never panic, and a UTF-8 claims file
//! stays UTF-8.
#![no_main]

use claimcheck::load::limits::Limits;
use claimcheck::fix::{FixOptions, fix};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0x1F).unwrap_or(data.len());
    let (source, claims) = (&data[..split], data.get(split + 1..).unwrap_or_default());
    let dir = tempfile::tempdir().unwrap();
    let (seeds, annotations) = (dir.path().join("seeds"), dir.path().join("annotations"));
    std::fs::create_dir(&seeds).unwrap();
    std::fs::create_dir(&annotations).unwrap();
    std::fs::write(seeds.join("s.txt"), source).unwrap();
    let path = annotations.join("claims.csv");
    std::fs::write(&path, claims).unwrap();
    let mut options = FixOptions { sources: seeds, annotations, dry_run: true, limits: Limits::default() };
    let mut diff = Vec::new();
    let _ = fix(&options, &mut diff);
    options.dry_run = false;
    let _ = fix(&options, &mut std::io::sink());
    if std::str::from_utf8(claims).is_ok() {
        let after = std::fs::read(&path).unwrap();
        assert!(std::str::from_utf8(&after).is_ok(), "the fix keeps a UTF-8 file UTF-8");
    }
});
