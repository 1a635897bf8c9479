//! The span locator: a source and a claim (quote, offsets, prefix, suffix) from any text, split
//! at U+001F. Whatever it decides, the place it gives lies inside the source.
#![no_main]

use claimcheck::load::claims::Claim;
use claimcheck::load::text::SourceText;
use claimcheck::spans::Anchorer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.split('\u{1F}');
    let source = parts.next().unwrap_or_default().to_string();
    let mut cell = || parts.next().unwrap_or_default().to_string();
    let (quote, start, end, prefix, suffix) = (cell(), cell(), cell(), cell(), cell());
    if quote.trim().is_empty() {
        return;
    }
    let claim = Claim {
        id: "F1".into(),
        source: "s.txt".into(),
        quote,
        start,
        end,
        prefix,
        suffix,
        subject: String::new(),
        measure: String::new(),
        value: String::new(),
        file: "fuzz.csv".into(),
        row: 2,
        line: 2,
    };
    let source = SourceText::new(source);
    let check = Anchorer::default().check(&claim, "s.txt", &source);
    if let Some(anchor) = check.anchor {
        assert!(anchor.start <= anchor.end && anchor.end <= source.char_len(), "{anchor:?}");
    }
});
