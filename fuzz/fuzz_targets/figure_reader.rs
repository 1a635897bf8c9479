//! The figure reader on any text, as a source and as a `value` cell: figures lie inside the text,
//! in order, and their intervals are never inverted.
#![no_main]

use claimcheck::figures::{self, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let length = text.chars().count();
    for figure in Reader::default().find(text) {
        assert!(figure.start <= figure.end && figure.end <= length, "{figure:?} in {length} characters");
    }
    let _ = figures::read_value(text, figures::DEFAULT_TOLERANCE);
});
