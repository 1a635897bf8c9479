//! Spreadsheet accidents diagnosed on the real binary: a UTF-8 claims file garbled by a
//! Windows-1252, Windows-1251 or Latin-1 reading (mojibake), a file saved in one of those
//! encodings, and cells a spreadsheet reformatted. Honest edits get no such diagnosis.
//! The fixtures under `tests/fixtures/spreadsheet/claims/` were made from `clean.csv` the way a
//! spreadsheet makes them (its UTF-8 bytes decoded as the other encoding and saved again).

mod common;

use common::{Run, claimcheck, fixtures};
use serde_json::Value;

fn check(claims: &str) -> Run {
    let dir = fixtures().join("spreadsheet");
    claimcheck(&dir, &["check", "--isolated", "--sources", "seeds", "--annotations", &format!("claims/{claims}"), "--format", "json"])
}

fn findings(run: &Run) -> Vec<Value> {
    run.json()["findings"].as_array().unwrap().clone()
}

fn text_of(finding: &Value) -> String {
    let notes: Vec<&str> = finding["notes"].as_array().map(|n| n.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    format!("{}\n{}", finding["message"].as_str().unwrap(), notes.join("\n"))
}

#[test]
fn the_clean_file_is_clean() {
    let run = check("clean.csv");
    assert_eq!(run.status, 0, "{}", run.stdout);
}

#[test]
fn mojibake_is_named_with_what_was_meant_and_how_to_save_and_no_offsets() {
    for (file, encoding) in [("opened_as_1252.csv", "Windows-1252"), ("opened_as_1251.csv", "Windows-1251"), ("opened_as_latin1.csv", "Latin-1")] {
        let run = check(file);
        let found = findings(&run);
        let rows: Vec<u64> = found.iter().filter(|f| f["code"] == "span-missing" || f["code"] == "span-edited").map(|f| f["row"].as_u64().unwrap()).collect();
        assert_eq!(rows, [2, 3, 4], "{file}: the three garbled rows:\n{}", run.stdout);
        for finding in &found {
            let text = text_of(finding);
            assert!(text.contains("mojibake") && text.contains(encoding) && text.contains("CSV UTF-8"), "{file}: {text}");
            assert!(finding["suggestion"].is_null(), "{file}: no offsets are suggested for a garbled row: {finding}");
        }
        let message = |row: u64| found.iter().find(|f| f["row"] == row && f["code"].as_str().unwrap().starts_with("span-")).map(text_of).unwrap();
        assert!(message(2).contains("meant to read `“over 140” had died`"), "{file}: {}", message(2));
        assert!(message(3).contains("meant to read `В Москве погибли 145 человек`"), "{file}: {}", message(3));
        assert!(message(4).contains("meant to read `The café’s façade – déjà vu`"), "{file}: {}", message(4));
        assert!(message(2).starts_with("row 2 looks garbled"), "the source is not blamed: {}", message(2));
    }
}

#[test]
fn a_garbled_cell_is_reported_even_when_nothing_else_is_wrong() {
    let run = check("garbled_subject.csv");
    let found = findings(&run);
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!((found[0]["code"].as_str(), found[0]["row"].as_u64()), (Some("csv-invalid"), Some(2)));
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("`subject` was meant to read `Théâtre de Moscou – Crocus`") && message.contains("CSV UTF-8"), "{message}");
}

#[test]
fn a_garbled_byte_order_mark_is_named_in_the_header_finding() {
    for (file, encoding, shown) in [("bom_opened_as_1252.csv", "Windows-1252", "ï»¿id"), ("bom_opened_as_1251.csv", "Windows-1251", "п»їid")] {
        let run = check(file);
        let found = findings(&run);
        assert_eq!(found.len(), 1, "{}", run.stdout);
        let message = found[0]["message"].as_str().unwrap();
        assert!(message.contains(&format!("`{shown}` was `id` after a UTF-8 byte-order mark")) && message.contains(encoding) && message.contains("CSV UTF-8"), "{message}");
    }
}

#[test]
fn a_file_saved_in_a_legacy_encoding_says_which() {
    for (file, encoding, text) in [("saved_as_1251.csv", "Windows-1251", "В Москве погибли 145 человек"), ("saved_as_1252.csv", "Windows-1252", "The café’s façade – déjà vu")] {
        let run = check(file);
        let found = findings(&run);
        assert_eq!(found.len(), 1, "{}", run.stdout);
        let message = found[0]["message"].as_str().unwrap();
        assert_eq!(found[0]["code"], "csv-invalid");
        assert!(message.contains("row 2 is not UTF-8") && message.contains(encoding) && message.contains(text) && message.contains("CSV UTF-8"), "{message}");
    }
}

#[test]
fn reformatted_cells_are_explained() {
    let run = check("reformatted.csv");
    let found = findings(&run);
    let note = |claim: &str, code: &str| {
        let finding = found.iter().find(|f| f["claim"] == claim && f["code"] == code).unwrap_or_else(|| panic!("{claim} {code}:\n{}", run.stdout));
        text_of(finding)
    };
    let cases = [
        ("F1", "span-edited", "`quote` holds `1200` where the source has `1,200`", "thousands separator"),
        ("F2", "span-edited", "`quote` holds `2-Jan` where the source has `1/2`", "as a date"),
        ("F3", "span-edited", "`quote` holds `25.00%` where the source has `25%`", "percentage with decimals"),
        ("F4", "span-missing", "`quote` holds `15-Oct` where the source has `10-15`", "as a date"),
        ("F5", "span-edited", "`quote` holds `7` where the source has `007`", "leading zeros"),
        ("F6", "figure-mismatch", "`value` holds `0.25` where the quote has `25%`", "as a fraction"),
        ("F7", "figure-mismatch", "`value` holds `45293` where the quote has `1/2`", "as a date"),
        ("F8", "span-edited", "`quote` holds `3/22/2024` where the source has `22 March 2024`", "as a date"),
        ("1.23E+11", "claim-duplicate-id", "`1.23E+11` is a long number in the scientific notation", "format the `id` column as Text"),
        ("7", "claim-duplicate-id", "if the ids were typed with leading zeros (`07`, `007`)", "format the `id` column as Text"),
    ];
    for (claim, code, what, how) in cases {
        let text = note(claim, code);
        assert!(text.contains(what) && text.contains(how), "{claim}: {text}");
    }
}

#[test]
fn honest_edits_get_no_spreadsheet_diagnosis() {
    let run = check("honest_edits.csv");
    let found = findings(&run);
    assert_eq!(found.len(), 5, "{}", run.stdout);
    for finding in &found {
        let text = text_of(finding);
        assert!(!text.contains("mojibake") && !text.contains("spreadsheet"), "never confidently wrong: {text}");
    }
}
