//! Figure groups of any size: a group too large to list is summed up in its finding and in the
//! text report by the claims that speak for it, every rendering stays readable, and the JSON
//! report still lists every claim. Each test builds its own tree in a temporary folder.

mod common;

use common::{Run, claimcheck};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

/// The figure phrases every source states, one per line.
const PHRASES: [&str; 13] = ["130", "131", "132", "133", "134", "135", "136", "over 200", "330", "over 300", "about 330", "$40 million", "40%"];
/// Sources `s00` to `s19`: `s00`..`s18` dated 2010 to 2028 in the manifest, `s19` undated.
const SOURCES: usize = 20;
/// Every finding, message and notes together, stays under this many characters.
const LIMIT: usize = 2_000;

fn source_text(k: usize) -> String {
    PHRASES.iter().map(|p| format!("Dispatch {k}: officials said {p} people died.\n")).collect()
}

/// One claims row quoting phrase `phrase` of source `k`.
struct Row<'a> {
    id: String,
    source: usize,
    phrase: &'a str,
    subject: String,
    measure: &'a str,
}

fn row<'a>(id: impl Into<String>, source: usize, phrase: &'a str, subject: &str, measure: &'a str) -> Row<'a> {
    Row { id: id.into(), source, phrase, subject: subject.to_string(), measure }
}

/// Writes `seeds/` (sources and manifest) and `annotations/claims.csv` under `dir`.
fn write_tree(dir: &Path, rows: &[Row<'_>]) {
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::create_dir_all(dir.join("annotations")).unwrap();
    let mut manifest = String::from("file,id,title,author,publisher,published,url\n");
    for k in 0..SOURCES {
        std::fs::write(dir.join(format!("seeds/s{k:02}.txt")), source_text(k)).unwrap();
        let published = if k + 1 < SOURCES { format!("{}-01-01", 2010 + k) } else { String::new() };
        let _ = writeln!(manifest, "s{k:02}.txt,src-{k},Dispatch {k},,,{published},");
    }
    std::fs::write(dir.join("seeds/sources.csv"), manifest).unwrap();
    let mut claims = String::from("id,source,start,end,quote,subject,measure,value\n");
    for row in rows {
        let text = source_text(row.source);
        let quote = format!("{} people died", row.phrase);
        let line = format!("said {quote}.");
        let start = text.find(&line).unwrap() + "said ".len();
        let _ = writeln!(claims, "{},src-{},{start},{},{quote},\"{}\",{},", row.id, row.source, start + quote.len(), row.subject, row.measure);
    }
    std::fs::write(dir.join("annotations/claims.csv"), claims).unwrap();
}

fn check(dir: &Path, format: &str) -> Run {
    claimcheck(dir, &["check", "--isolated", "--format", format])
}

/// 500 claims on one subject: 130 to 136 from 18 dated sources, one `130` from the newest source
/// (LOW-NEW) and one `over 200` from the undated one (HIGH), so LOW-NEW and HIGH prove the conflict.
fn conflict_rows() -> Vec<Row<'static>> {
    let mut rows: Vec<Row> = (0..498).map(|i| row(format!("B{i:03}"), i % 18, PHRASES[i % 7], "Blast (2020)", "deaths")).collect();
    rows.insert(250, row("LOW-NEW", 18, "130", "Blast (2020)", "deaths"));
    rows.push(row("HIGH", 19, "over 200", "blast 2020", "Deaths"));
    rows
}

/// 300 claims cycling `330`, `over 300` and `about 330`, three to a source, over 18 dated
/// sources: compatible.
fn imprecise_rows() -> Vec<Row<'static>> {
    (0..300).map(|i| row(format!("S{i:03}"), i / 3 % 18, PHRASES[8 + i % 3], "Siege (2004)", "deaths")).collect()
}

fn finding_chars(finding: &Value) -> usize {
    let notes: usize = finding["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().chars().count() + 1).sum();
    finding["message"].as_str().unwrap().chars().count() + notes
}

fn findings_of<'r>(report: &'r Value, code: &str) -> Vec<&'r Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["code"] == code).collect()
}

#[test]
fn a_large_conflict_names_its_proof_newest_source_first() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &conflict_rows());
    let run = check(dir.path(), "json");
    assert_eq!(run.status, 1, "{}", run.stderr);
    let report = run.json();
    let conflicts = findings_of(&report, "figure-conflict");
    assert_eq!(conflicts.len(), 1);
    let finding = conflicts[0];
    let message = finding["message"].as_str().unwrap();
    assert!(message.starts_with("500 claims from 20 sources on Blast (2020) / deaths contradict each other"), "{message}");
    let low = message.find("LOW-NEW (src-18, published 2028-01-01) says `130` [130, 130]").expect(message);
    let high = message.find("HIGH (src-19, no publication date) says `over 200` (200, ∞)").expect(message);
    assert!(low < high, "the claim from the newest source comes first: {message}");
    assert!(message.contains("lowest: LOW-NEW") && message.contains("highest: HIGH"), "{message}");
    assert!(!message.contains("B000"), "the other claims are not listed: {message}");
    assert_eq!(finding["claim"], "LOW-NEW", "placed at the newest claim it names");
    assert_eq!(finding["row"], 252);
    let notes: Vec<&str> = finding["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("HIGH (src-19, no publication date) says `over 200` (200, ∞), annotations/claims.csv row 501"), "{notes:?}");
    assert!(notes[1].contains("other 498 claims") && notes[1].contains("--format json"), "{notes:?}");
    assert!(finding_chars(finding) < LIMIT);
    let group = &report["disagreements"][0];
    assert_eq!(group["verdict"], "conflict");
    let ids: Vec<&str> = group["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 500, "the JSON report keeps every claim");
    assert_eq!((ids[0], ids[250], ids[499]), ("B000", "LOW-NEW", "HIGH"), "in row order");
}

#[test]
fn a_large_imprecise_group_names_its_lowest_and_highest_figures() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &imprecise_rows());
    let report = check(dir.path(), "json").json();
    let finding = findings_of(&report, "figure-imprecise")[0];
    let message = finding["message"].as_str().unwrap();
    assert!(message.starts_with("300 claims from 18 sources on Siege (2004) / deaths are compatible but differ in precision"), "{message}");
    // Lowest: `about 330` starts at 297; highest: `330` starts at 330. Of the tied claims, the
    // one from the newest source (src-17) and then the latest row.
    let newest = |phrase: usize| (0..300).rev().find(|i| i / 3 % 18 == 17 && i % 3 == phrase).unwrap();
    let lowest = format!("lowest: S{:03} (src-17, published 2027-01-01) says `about 330` ~[297, 363]", newest(2));
    let highest = format!("highest: S{:03} (src-17, published 2027-01-01) says `330` [330, 330]", newest(0));
    assert!(message.contains(&lowest) && message.contains(&highest), "{message}");
    assert!(message.contains("the newest source is src-17 (2027-01-01)"), "{message}");
    assert!(finding_chars(finding) < LIMIT);
}

#[test]
fn groups_of_up_to_ten_claims_are_listed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows: Vec<Row> = (0..10).map(|i| row(format!("T{i}"), i, PHRASES[i % 2], "Ten", "deaths")).collect();
    rows.extend((0..11).map(|i| row(format!("E{i}"), i, PHRASES[i % 2], "Eleven", "deaths")));
    write_tree(dir.path(), &rows);
    let report = check(dir.path(), "json").json();
    let messages: Vec<&str> = findings_of(&report, "figure-conflict").iter().map(|f| f["message"].as_str().unwrap()).collect();
    let ten = messages.iter().find(|m| m.contains("on Ten")).unwrap();
    assert!(ten.starts_with("10 claims on Ten / deaths"), "{ten}");
    assert!((0..10).all(|i| ten.contains(&format!("T{i} (src-{i}"))), "every claim listed: {ten}");
    let eleven = messages.iter().find(|m| m.contains("on Eleven")).unwrap();
    assert!(eleven.starts_with("11 claims from 11 sources on Eleven / deaths"), "{eleven}");
    assert!(!eleven.contains("E0 "), "summed up: {eleven}");
    let full = check(dir.path(), "full").stdout;
    assert!(full.contains("  conflict: Ten / deaths\n    T0 src-0 (2010-01-01): `130` [130, 130]\n"), "{full}");
    assert!(full.contains("  conflict: Eleven / deaths: 11 claims from 11 sources\n    ends first: E10 src-10 (2020-01-01): `130` [130, 130]\n    starts last: E9 src-9 (2019-01-01): `131` [131, 131]\n"), "{full}");
}

#[test]
fn long_cells_are_cut_short_in_a_group_finding() {
    let dir = tempfile::tempdir().unwrap();
    let subject = "A very long subject ".repeat(150);
    let rows = vec![row("L1", 0, "130", &subject, "deaths"), row("L2", 1, "131", &subject, "deaths")];
    write_tree(dir.path(), &rows);
    let report = check(dir.path(), "json").json();
    let finding = findings_of(&report, "figure-conflict")[0];
    assert!(finding_chars(finding) < LIMIT, "{finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains(&format!("on {}… / deaths", &subject[..100])), "{message}");
    assert!(message.contains("L1 (src-0") && message.contains("L2 (src-1"), "the two claims are still named: {message}");
    assert_eq!(report["disagreements"][0]["subject"].as_str().unwrap(), subject.trim(), "the JSON report keeps the cell whole");
}

#[test]
fn every_rendering_stays_readable_at_any_group_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = conflict_rows();
    rows.extend(imprecise_rows());
    write_tree(dir.path(), &rows);
    let full = check(dir.path(), "full").stdout;
    assert!(full.lines().count() < 60, "{full}");
    assert!(full.contains("  conflict: Blast (2020) / deaths: 500 claims from 20 sources\n    ends first: LOW-NEW src-18 (2028-01-01): `130` [130, 130]\n    starts last: HIGH src-19 (undated): `over 200` (200, ∞)\n    lowest: LOW-NEW"), "{full}");
    assert!(full.contains("    (every claim: `--format json`, under `disagreements`)\n"), "{full}");
    for format in ["full", "concise", "github"] {
        let out = check(dir.path(), format).stdout;
        for line in out.lines() {
            assert!(line.chars().count() < LIMIT + 200, "{format}: a line of {} characters", line.chars().count());
        }
    }
    let sarif: Value = serde_json::from_str(&check(dir.path(), "sarif").stdout).unwrap();
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        assert!(result["message"]["text"].as_str().unwrap().chars().count() < LIMIT);
    }
}

#[test]
fn a_reviewed_large_group_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &conflict_rows());
    let reason = "The outlets counted at different times; ".repeat(40);
    std::fs::write(dir.path().join("annotations/reviews.csv"), format!("subject,measure,verdict,reason\nBlast (2020),deaths,conflict,\"{reason}\"\n")).unwrap();
    let run = check(dir.path(), "json");
    assert_eq!(run.status, 0, "a reviewed conflict does not fail the check");
    let report = run.json();
    let finding = findings_of(&report, "figure-reviewed")[0];
    assert!(finding["message"].as_str().unwrap().starts_with("reviewed (The outlets counted at different times; "), "{finding}");
    assert!(finding_chars(finding) < LIMIT, "{} characters", finding_chars(finding));
    assert_eq!(report["disagreements"][0]["reviewed"].as_str().unwrap(), reason.trim(), "the report keeps the reason whole");
}

#[test]
fn a_large_group_in_several_units_names_a_claim_per_unit() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<Row> = (0..12).map(|i| row(format!("U{i:02}"), i, PHRASES[11 + i % 2], "Cost", "amount")).collect();
    write_tree(dir.path(), &rows);
    let report = check(dir.path(), "json").json();
    let finding = findings_of(&report, "figure-incomparable")[0];
    let message = finding["message"].as_str().unwrap();
    assert!(message.starts_with("12 claims from 12 sources on Cost / amount are in different units"), "{message}");
    // The newest claim of each unit: src-10 for the money, src-11 for the percentages.
    assert!(message.contains("U10 (src-10, published 2020-01-01) says `$40 million`") && message.contains("(money, USD)"), "{message}");
    assert!(message.contains("U11 (src-11, published 2021-01-01) says `40%`") && message.contains("(percent)"), "{message}");
    assert!(!message.contains("lowest"), "no lowest figure across units: {message}");
    assert!(finding_chars(finding) < LIMIT);
    let full = check(dir.path(), "full").stdout;
    assert_eq!(full.matches("    one of its units: ").count(), 2, "{full}");
}
