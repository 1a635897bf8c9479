//! `claimcheck figures` and the figure checks of `claimcheck check`, run as the real binary on
//! fixture trees under tests/fixtures/figures.

use serde_json::Value;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimcheck");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(ROOT).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn check_json(tree: &str) -> (i32, Value) {
    let sources = format!("tests/fixtures/figures/{tree}/seeds");
    let annotations = format!("tests/fixtures/figures/{tree}/annotations");
    let output = run(&["check", "--isolated", "--sources", &sources, "--annotations", &annotations, "--format", "json"]);
    (output.status.code().unwrap_or(-1), serde_json::from_str(&stdout(&output)).expect("JSON report"))
}

/// (code, claim) of every finding.
fn codes(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_string(), f["claim"].as_str().unwrap_or("-").to_string()))
        .collect()
}

fn verdicts(report: &Value) -> Vec<(String, String, Vec<String>)> {
    report["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let ids = d["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
            (d["subject"].as_str().unwrap().to_string(), d["verdict"].as_str().unwrap().to_string(), ids)
        })
        .collect()
}

#[test]
fn figures_of_a_text_as_json() {
    let output = run(&["figures", "--text", "over 300 people", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "source": null, "start": 0, "end": 8, "text": "over 300",
            "low": 300, "low_inclusive": false, "high": null, "high_inclusive": false,
            "approximate": false, "kind": "count", "currency": null
        }])
    );
    let money = run(&["figures", "--text", "€10B, US$2.174T and 115 USD; 12,34,567 rupees", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&money)).unwrap();
    let read: Vec<(String, Value, Value, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["text"].as_str().unwrap().to_string(), f["low"].clone(), f["currency"].clone(), f["kind"].as_str().unwrap().to_string()))
        .collect();
    let expected = [
        ("€10B", serde_json::json!(10_000_000_000i64), serde_json::json!("EUR")),
        ("US$2.174T", serde_json::json!(2_174_000_000_000i64), serde_json::json!("USD")),
        ("115 USD", serde_json::json!(115), serde_json::json!("USD")),
        // "rupees" names no one currency (India, Pakistan, Sri Lanka, Nepal ...).
        ("12,34,567 rupees", serde_json::json!(1_234_567), Value::Null),
    ];
    let expected: Vec<(String, Value, Value, String)> = expected.into_iter().map(|(t, l, c)| (t.to_string(), l, c, "money".to_string())).collect();
    assert_eq!(read, expected);
}

#[test]
fn figures_of_files_in_full_format() {
    let output = run(&["figures", "tests/fixtures/figures/verdicts/seeds/new.txt"]);
    assert_eq!(output.status.code(), Some(0));
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("figures_full", stdout(&output));
    });
}

#[test]
fn figures_refuses_unreadable_input() {
    let none = run(&["figures"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("--text"));
    let missing = run(&["figures", "tests/fixtures/figures/no-such-file.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-file.txt"));
    let dir = std::env::temp_dir().join(format!("claimcheck-figures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 with 300 people").unwrap();
    let bad = run(&["figures", latin1.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("latin1.txt") && stderr.contains("byte 3"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn each_verdict_and_each_figure_finding() {
    let (status, report) = check_json("verdicts");
    assert_eq!(status, 1);
    let expected = [
        ("figure-imprecise", "V2"),
        ("figure-conflict", "V4"),
        ("figure-mismatch", "M1"),
        ("figure-ambiguous", "A1"),
        ("figure-unparsed", "U1"),
        ("figure-unparsed", "U2"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(c, i)| (c.to_string(), i.to_string())).collect();
    assert_eq!(codes(&report), expected);
    // Subjects match forgiving case and punctuation ("Blast (2020)" and "blast 2020"); a group
    // shows its first claim's spelling, and groups come in the order of the normalized subject.
    let expected_groups = [
        ("Blast (2020)", "conflict", vec!["V3", "V4"]),
        ("Cabinet", "agree", vec!["V5", "V6"]),
        ("Fire", "agree", vec!["V7", "V8"]),
        // "half" and "50%" state one share, compared on the percent scale.
        ("Siege", "agree", vec!["S1", "S2"]),
        ("Siege", "imprecise", vec!["V1", "V2"]),
    ];
    let expected_groups: Vec<(String, String, Vec<String>)> = expected_groups
        .into_iter()
        .map(|(s, v, ids)| (s.to_string(), v.to_string(), ids.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(verdicts(&report), expected_groups);
    let conflict = report["findings"].as_array().unwrap().iter().find(|f| f["code"] == "figure-conflict").unwrap();
    let message = conflict["message"].as_str().unwrap();
    for part in ["V3 (old, published 2019-05) says `137` [137, 137]", "V4 (new, published 2024-01-02) says `more than 140` (140, ∞)", "the newest source is new"] {
        assert!(message.contains(part), "{message}");
    }
    let siege = report["disagreements"].as_array().unwrap().iter().find(|d| d["subject"] == "Siege" && d["measure"] == "deaths").unwrap();
    assert_eq!(siege["claims"][0]["low"], 300);
    assert_eq!(siege["claims"][0]["low_inclusive"], false);
    assert_eq!(siege["claims"][0]["high"], Value::Null);
    assert_eq!(siege["claims"][0]["published"], "2019-05");
}

#[test]
fn reviews_apply_only_while_the_verdict_holds() {
    let (status, report) = check_json("reviews");
    assert_eq!(status, 1, "the stale review lets the conflict fail the check again");
    let found = codes(&report);
    assert!(found.contains(&("figure-reviewed".into(), "V2".into())), "{found:?}");
    assert!(found.contains(&("figure-conflict".into(), "V4".into())), "{found:?}");
    assert!(!found.iter().any(|(code, _)| code == "figure-imprecise"), "{found:?}");
    let by_row = |row: u64| report["findings"].as_array().unwrap().iter().find(|f| f["file"].as_str().unwrap().ends_with("reviews.csv") && f["row"] == row).cloned();
    assert_eq!(by_row(4).unwrap()["code"], "figure-reviewed", "a review of a group that now agrees is reported");
    assert!(by_row(5).unwrap()["message"].as_str().unwrap().contains("no two figure claims"));
    assert_eq!(by_row(6).unwrap()["code"], "csv-invalid");
    let siege = report["disagreements"].as_array().unwrap().iter().find(|d| d["subject"] == "Siege" && d["measure"] == "deaths").unwrap();
    assert_eq!(siege["reviewed"], "later count is more precise");

    let sources = "tests/fixtures/figures/reviews/seeds";
    let annotations = "tests/fixtures/figures/reviews/annotations";
    let full = stdout(&run(&["check", "--isolated", "--sources", sources, "--annotations", annotations]));
    assert!(
        full.contains("the review in tests/fixtures/figures/reviews/annotations/reviews.csv row 3 expected `imprecise`, the verdict is now `conflict`"),
        "{full}"
    );
}

#[test]
fn figures_in_different_units_are_incomparable_and_unbounded_ones_unparsed() {
    let (status, report) = check_json("units");
    assert_eq!(status, 1, "the unbounded figure is an error");
    let expected = [
        ("figure-incomparable", "I4"),
        ("figure-incomparable", "I6"),
        ("figure-mismatch", "I10"),
        ("figure-reviewed", "I2"),
        ("figure-unparsed", "I9"),
    ];
    let mut found = codes(&report);
    found.sort();
    let expected: Vec<(String, String)> = expected.iter().map(|(c, i)| (c.to_string(), i.to_string())).collect();
    assert_eq!(found, expected);
    let groups: Vec<(String, String)> = verdicts(&report).into_iter().map(|(subject, verdict, _)| (subject, verdict)).collect();
    let expected_groups = [("Bridge", "incomparable"), ("Repairs", "agree"), ("Residents", "incomparable"), ("Turnout", "incomparable")];
    assert_eq!(groups, expected_groups.map(|(s, v)| (s.to_string(), v.to_string())));
    let bridge = report["disagreements"].as_array().unwrap().iter().find(|d| d["subject"] == "Bridge").unwrap();
    assert_eq!(bridge["claims"][0]["currency"], "USD");
    assert_eq!(bridge["claims"][1]["currency"], "EUR");
    let message = report["findings"].as_array().unwrap().iter().find(|f| f["claim"] == "I2").unwrap()["message"].as_str().unwrap().to_string();
    assert!(message.contains("(money, USD)") && message.contains("(money, EUR)") && message.contains("not compared"), "{message}");
    // A review accepts an incomparable group like any other verdict.
    assert!(message.starts_with("reviewed (one source gives euros and the other dollars)"), "{message}");
    assert_eq!(bridge["reviewed"], "one source gives euros and the other dollars");
    // A value in dollars does not match the quote's euros, though the numbers are the same.
    let mismatch = report["findings"].as_array().unwrap().iter().find(|f| f["claim"] == "I10").unwrap()["message"].as_str().unwrap().to_string();
    assert!(mismatch.contains("(money USD)") && mismatch.contains("(money EUR)"), "{mismatch}");
    let unparsed = report["findings"].as_array().unwrap().iter().find(|f| f["claim"] == "I9").unwrap();
    assert!(unparsed["message"].as_str().unwrap().contains("`1e400`"), "{unparsed}");
}
