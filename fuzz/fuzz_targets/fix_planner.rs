//! The fix planner on a source and a claims file from any bytes, split at the first 0x1F byte:
//! it never panics, and a file it changes stays UTF-8 when it was.
#![no_main]

use claimcheck::fix::plan::plan;
use claimcheck::load::sources::SourceSet;
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
    let (sources, _) = SourceSet::open(&seeds, "seeds".into()).unwrap();
    let planned = plan(&sources, &[path]);
    for file in planned.files.iter().filter(|file| file.changes()) {
        if std::str::from_utf8(&file.original).is_ok() {
            assert!(std::str::from_utf8(&file.fixed).is_ok(), "the fix keeps the file UTF-8");
        }
    }
});
