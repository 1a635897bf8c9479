//! `claimcheck check` on fixture trees: one test per finding code and per spreadsheet quirk.

mod common;

use common::{Run, check_fixture, claimcheck, fixtures};

fn codes(run: &Run) -> Vec<(&'static str, u64)> {
    run.codes().into_iter().map(|(code, row)| (&*code.leak(), row.expect("every claim finding has a row"))).collect()
}

fn assert_clean(run: &Run, claims: u64) {
    let json = run.json();
    assert_eq!(json["findings"], serde_json::json!([]), "{}", run.stdout);
    assert_eq!(json["summary"]["claims"], claims);
    assert_eq!(run.status, 0);
}

/// The one finding of a run, for tests that expect exactly one.
fn only_finding(run: &Run) -> serde_json::Value {
    let findings = run.json()["findings"].as_array().unwrap().clone();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    findings[0].clone()
}

#[test]
fn clean_claims_exit_zero() {
    assert_clean(&check_fixture("clean.csv"), 3);
}

#[test]
fn bom_and_crlf_load() {
    assert_clean(&check_fixture("bom_crlf.csv"), 3);
}

#[test]
fn semicolon_delimiter_is_detected() {
    assert_clean(&check_fixture("semicolon.csv"), 3);
}

#[test]
fn tab_delimiter_is_detected() {
    assert_clean(&check_fixture("tab.csv"), 3);
}

#[test]
fn header_names_match_in_any_case_and_spacing() {
    assert_clean(&check_fixture("header_case.csv"), 3);
}

#[test]
fn unknown_columns_are_accepted() {
    assert_clean(&check_fixture("unknown_columns.csv"), 1);
}

#[test]
fn embedded_newline_keeps_spreadsheet_row_numbers() {
    let run = check_fixture("embedded_newline.csv");
    let finding = only_finding(&run);
    // The second claim is record 3 although it starts on physical line 4.
    assert_eq!(finding["code"], "span-invalid");
    assert_eq!(finding["row"], 3);
    assert_eq!(finding["claim"], "C2");
}

#[test]
fn non_utf8_names_file_row_and_byte_and_checks_the_rest() {
    let run = check_fixture("not_utf8.csv");
    let finding = only_finding(&run);
    assert_eq!(finding["code"], "csv-invalid");
    assert_eq!(finding["file"], "claims/not_utf8.csv");
    assert_eq!(finding["row"], 2);
    assert_eq!(finding["column"], "quote");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("not UTF-8 (byte 74)") && message.contains("CSV UTF-8"), "{message}");
    // The valid row after it was still checked.
    assert_eq!(run.json()["summary"]["claims"], 1);
    assert_eq!(run.status, 1);
}

#[test]
fn source_paths_escaping_the_folder_are_refused() {
    let run = check_fixture("source_escape.csv");
    assert_eq!(codes(&run), [("source-missing", 2), ("source-missing", 3), ("source-missing", 4)]);
    for finding in run.json()["findings"].as_array().unwrap() {
        assert!(finding["message"].as_str().unwrap().contains("refused"), "{finding}");
        assert_eq!(finding["column"], "source");
    }
}

#[test]
fn links_pointing_outside_the_folder_are_refused() {
    let tree = std::env::temp_dir().join(format!("claimcheck-link-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tree);
    std::fs::create_dir_all(tree.join("sources")).unwrap();
    std::os::unix::fs::symlink(fixtures().join("outside.txt"), tree.join("sources/link.txt")).unwrap();
    std::fs::write(tree.join("claims.csv"), "id,source,start,end,quote\nC1,link.txt,0,7,outside\n").unwrap();
    let run = claimcheck(&tree, &["check", "--isolated", "--sources", "sources", "--annotations", "claims.csv", "--format", "json"]);
    std::fs::remove_dir_all(&tree).unwrap();
    let finding = only_finding(&run);
    assert_eq!(finding["code"], "source-missing");
    assert!(finding["message"].as_str().unwrap().contains("refused"));
}

#[test]
fn a_source_that_does_not_exist_is_reported() {
    let finding = only_finding(&check_fixture("source_missing.csv"));
    assert_eq!((finding["code"].as_str(), finding["row"].as_u64()), (Some("source-missing"), Some(2)));
    assert!(finding["message"].as_str().unwrap().contains("nowhere.txt"));
}

#[test]
fn empty_required_fields_are_reported_per_row() {
    let run = check_fixture("missing_field.csv");
    assert_eq!(codes(&run), [("claim-missing-field", 2), ("claim-missing-field", 3), ("claim-missing-field", 4)]);
    let columns: Vec<_> = run.json()["findings"].as_array().unwrap().iter().map(|f| f["column"].clone()).collect();
    assert_eq!(columns, ["quote", "id", "source"]);
}

#[test]
fn duplicate_ids_name_the_first_row() {
    let finding = only_finding(&check_fixture("duplicate_id.csv"));
    assert_eq!((finding["code"].as_str(), finding["row"].as_u64()), (Some("claim-duplicate-id"), Some(3)));
    assert!(finding["message"].as_str().unwrap().contains("claims/duplicate_id.csv row 2"));
}

#[test]
fn unusable_offsets_are_span_invalid() {
    let run = check_fixture("span_invalid.csv");
    assert_eq!(codes(&run), [("span-invalid", 2), ("span-invalid", 3), ("span-invalid", 4), ("span-invalid", 5)]);
    let columns: Vec<_> = run.json()["findings"].as_array().unwrap().iter().map(|f| f["column"].clone()).collect();
    assert_eq!(columns, ["start", "start", "end", "end"]);
}

#[test]
fn blank_offsets_are_a_warning_with_a_suggestion() {
    let run = check_fixture("span_unanchored.csv");
    let finding = only_finding(&run);
    assert_eq!(finding["code"], "span-unanchored");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["suggestion"], serde_json::json!({"start": 120, "end": 163, "quote": "137 people were killed and 180 were injured"}));
    assert_eq!(run.status, 0, "warnings alone do not fail the check");
}

#[test]
fn a_quote_that_no_longer_matches_is_an_error_showing_both_texts() {
    let run = claimcheck(&fixtures(), &["check", "--isolated", "--sources", "sources", "--annotations", "claims/span_mismatch.csv"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.starts_with("error[span-edited]"), "{}", run.stdout);
    assert!(run.stdout.contains("= diff: 137 people were killed and [-190-]{+180+} were injured"), "{}", run.stdout);
    assert!(run.stdout.contains("= the figure changed: 190 → 180"), "{}", run.stdout);
}

#[test]
fn offsets_past_the_end_are_span_invalid_with_where_the_quote_stands_now() {
    let run = check_fixture("past_the_end.csv");
    let finding = only_finding(&run);
    assert_eq!((finding["code"].as_str(), finding["severity"].as_str()), (Some("span-invalid"), Some("error")));
    assert_eq!(finding["column"], "end");
    assert_eq!(finding["suggestion"]["start"], 120);
    assert!(finding["message"].as_str().unwrap().contains("past the end of `report.txt` (165 code points)"), "{finding}");
    assert_eq!(run.status, 1);
}

#[test]
fn fix_applies_offsets_found_again_past_the_end() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::create_dir(tree.path().join("claims")).unwrap();
    let claims = tree.path().join("claims/past_the_end.csv");
    std::fs::copy(fixtures().join("claims/past_the_end.csv"), &claims).unwrap();
    let sources = fixtures().join("sources");
    let (sources, claims) = (sources.to_str().unwrap(), claims.to_str().unwrap());
    let fix = claimcheck(tree.path(), &["fix", "--sources", sources, "--annotations", claims]);
    assert_eq!(fix.status, 0, "{}", fix.stderr);
    assert_eq!(std::fs::read_to_string(claims).unwrap(), "id,source,start,end,quote\nC1,report,120,163,137 people were killed and 180 were injured\n");
    let check = claimcheck(tree.path(), &["check", "--isolated", "--sources", sources, "--annotations", claims, "--format", "json"]);
    assert_eq!(check.json()["findings"], serde_json::json!([]));
}

#[test]
fn a_quote_found_elsewhere_is_moved_with_new_offsets() {
    let finding = only_finding(&check_fixture("span_moved.csv"));
    assert_eq!(finding["code"], "span-moved");
    assert_eq!((finding["start"].as_u64(), finding["end"].as_u64()), (Some(0), Some(43)));
    assert_eq!(finding["suggestion"]["start"], 120);
}

#[test]
fn rows_with_the_wrong_number_of_cells_are_csv_invalid() {
    assert_eq!(codes(&check_fixture("cell_count.csv")), [("csv-invalid", 2), ("csv-invalid", 3)]);
}

#[test]
fn an_unclosed_quote_is_csv_invalid_at_its_row() {
    let run = check_fixture("unclosed_quote.csv");
    assert_eq!(codes(&run), [("csv-invalid", 3)]);
    assert_eq!(run.json()["summary"]["claims"], 1);
}

#[test]
fn a_header_without_required_columns_is_csv_invalid() {
    let finding = only_finding(&check_fixture("bad_header.csv"));
    assert_eq!((finding["code"].as_str(), finding["row"].as_u64()), (Some("csv-invalid"), Some(1)));
    assert!(finding["message"].as_str().unwrap().contains("quote"));
}

#[test]
fn a_header_naming_a_column_twice_is_csv_invalid() {
    let finding = only_finding(&check_fixture("duplicate_header.csv"));
    assert_eq!((finding["code"].as_str(), finding["column"].as_str()), (Some("csv-invalid"), Some("id")));
}

#[test]
fn an_empty_file_is_csv_invalid() {
    let finding = only_finding(&check_fixture("empty.csv"));
    assert_eq!(finding["code"], "csv-invalid");
}

#[test]
fn a_missing_annotations_folder_exits_2() {
    let run = claimcheck(&fixtures(), &["check", "--isolated", "--sources", "sources", "--annotations", "no-such-folder"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
}

#[test]
fn a_missing_sources_folder_exits_2() {
    let run = claimcheck(&fixtures(), &["check", "--isolated", "--sources", "no-such-folder", "--annotations", "claims/clean.csv"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--sources"), "{}", run.stderr);
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(claimcheck(&fixtures(), &["check", "--format", "yaml"]).status, 2);
}

#[test]
fn output_goes_to_the_named_file() {
    let out = std::env::temp_dir().join(format!("claimcheck-out-{}.json", std::process::id()));
    let run = claimcheck(&fixtures(), &["check", "--isolated", "--sources", "sources", "--annotations", "claims/span_invalid.csv", "--format", "json", "--output", out.to_str().unwrap()]);
    let written = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    assert_eq!(run.stdout, "");
    assert_eq!(run.status, 1);
    assert!(written.contains("span-invalid"));
}

#[test]
fn full_report_underlines_the_span_in_the_source_line() {
    let run = claimcheck(&fixtures(), &["check", "--isolated", "--sources", "sources", "--annotations", "claims/span_moved.csv"]);
    let expected = "\
warning[span-moved]: the quote of claim C1 moved from 0..43 to 120..163
 --> claims/span_moved.csv:2 (row 2, claim C1)
  |
 ::: sources/report.txt:4:19
  |
4 | On 22 March 2024, 137 people were killed and 180 were injured.
  |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ the quote stands here now
  = `claimcheck fix` updates the offsets
  = help: set start = 120, end = 163
";
    assert!(run.stdout.starts_with(expected), "{}", run.stdout);
}

#[test]
fn manifest_problems_and_non_utf8_sources_are_reported() {
    let run = claimcheck(&fixtures(), &["check", "--isolated", "--sources", "bad_sources", "--annotations", "claims/bad_sources.csv", "--format", "json"]);
    let findings = run.json()["findings"].as_array().unwrap().clone();
    let summary: Vec<_> = findings
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["row"].as_u64().unwrap(), f["code"].as_str().unwrap(), f["column"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            ("bad_sources/sources.csv", 2, "csv-invalid", "published"),
            ("bad_sources/sources.csv", 3, "source-missing", "file"),
            ("bad_sources/sources.csv", 4, "source-missing", "file"),
            ("bad_sources/sources.csv", 5, "csv-invalid", "id"),
            ("claims/bad_sources.csv", 3, "source-missing", "source"),
        ]
    );
    assert!(findings[4]["message"].as_str().unwrap().contains("not UTF-8 text (byte 3)"), "{}", findings[4]);
}

#[test]
fn rows_of_empty_cells_are_no_claims_and_keep_row_numbers() {
    let run = check_fixture("empty_rows.csv");
    assert_eq!(codes(&run), [("span-invalid", 5)]);
    assert_eq!(run.json()["summary"]["claims"], 2);
}

#[test]
fn an_annotations_folder_without_claims_files_exits_2() {
    let run = claimcheck(&fixtures(), &["check", "--isolated", "--sources", "sources", "--annotations", "empty_annotations"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("`empty_annotations` holds no claims CSV file"), "{}", run.stderr);
}

/// A quote of a hundred thousand digits, a quote of thirty thousand figures, and a `value` cell
/// as long: every finding names them, cut to a line a reader can read, and counts the rest.
#[test]
fn findings_on_huge_figures_stay_readable() {
    let workspace = common::Workspace::new();
    let digits = "9".repeat(100_000);
    let many = vec!["1%"; 30_000].join(" ");
    let long_value = "7 ".repeat(50_000);
    workspace.write("seeds/digits.txt", &format!("{digits}\n"));
    workspace.write("seeds/many.txt", &format!("{many}\n"));
    workspace.write(
        "annotations/huge.csv",
        &format!(
            "id,source,quote,start,end,subject,measure,value\nD1,digits.txt,{digits},0,100000,s,m,\nM1,many.txt,{many},0,{},s,m,\nV1,many.txt,{many},0,{},s,m,{long_value}\n",
            many.len(),
            many.len()
        ),
    );
    let report = workspace.check_json();
    let findings = report["findings"].as_array().unwrap();
    let message = |id: &str| {
        let finding = findings.iter().find(|f| f["claim"] == id).unwrap_or_else(|| panic!("a finding for {id}"));
        finding["message"].as_str().unwrap().to_string()
    };
    assert!(message("D1").contains(&format!("`{}…`", "9".repeat(100))), "{}", message("D1"));
    assert!(message("M1").contains("holds 30000 figures: `1%`, `1%`") && message("M1").contains("and 29990 more"), "{}", message("M1"));
    assert!(message("V1").contains(&format!("the value `{}…`", "7 ".repeat(50))), "{}", message("V1"));
    for finding in findings {
        let text = finding["message"].as_str().unwrap().chars().count() + finding["notes"].as_array().map_or(0, |notes| notes.iter().map(|n| n.as_str().unwrap().chars().count()).sum());
        assert!(text < 2_000, "{finding}");
    }
}

/// A figure is the number written or none: a timestamp of 13 digits compares as itself (not as
/// a neighbour rounded to 12 digits, which hid a mismatch), and a numeral of more significant
/// digits than a number keeps exactly is `figure-unparsed`, in the quote and in the value.
#[test]
fn long_numerals_compare_exactly_or_are_unparsed() {
    let workspace = common::Workspace::new();
    let text = "Stamp 1545371411331 was logged. Counter 9007199254740993 was logged.\n";
    workspace.write("seeds/log.txt", text);
    let row = |id: &str, quote: &str, value: &str| {
        let start = text.find(quote).unwrap();
        format!("{id},log.txt,{quote},{start},{},s{id},m,{value}\n", start + quote.len())
    };
    workspace.write(
        "annotations/long.csv",
        &format!(
            "id,source,quote,start,end,subject,measure,value\n{}{}{}{}",
            row("EXACT", "Stamp 1545371411331", "1545371411331"),
            row("ROUNDED", "Stamp 1545371411331", "1545371411330"),
            row("PRECISE", "Counter 9007199254740993", ""),
            row("VALUE", "Stamp 1545371411331", "9007199254740993"),
        ),
    );
    let report = workspace.check_json();
    let findings = report["findings"].as_array().unwrap();
    let of = |id: &str| findings.iter().filter(|f| f["claim"] == id).map(|f| (f["code"].as_str().unwrap().to_string(), f["message"].as_str().unwrap().to_string())).collect::<Vec<_>>();
    assert!(of("EXACT").is_empty(), "{:?}", of("EXACT"));
    assert_eq!(of("ROUNDED").iter().map(|(code, _)| code.as_str()).collect::<Vec<_>>(), ["figure-mismatch"], "{:?}", of("ROUNDED"));
    for id in ["PRECISE", "VALUE"] {
        let found = of(id);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "figure-unparsed", "{found:?}");
        assert!(found[0].1.contains("`9007199254740993`") && found[0].1.contains("more than 15 significant digits"), "{found:?}");
    }
}

/// A quote of 300,000 characters gone from a source of as many is not searched for
/// approximately (days of work for a megabyte against the largest source), and the notes that
/// show a quote as recorded and the text at its offsets are cut to a readable length.
#[test]
fn a_huge_quote_is_reported_without_an_unbounded_search() {
    let workspace = common::Workspace::new();
    let source: String = (0..30_000).map(|i| format!("word{:05} ", i)).collect();
    let quote = "Z".repeat(300_000);
    workspace.write("seeds/big.txt", &source);
    workspace.write("annotations/huge.csv", &format!("id,source,quote,start,end\nBIG,big.txt,{quote},0,300000\n"));
    let report = workspace.check_json();
    let finding = report["findings"].as_array().unwrap().iter().find(|f| f["claim"] == "BIG").cloned().expect("a finding for BIG");
    assert_eq!(finding["code"], "span-missing", "{finding}");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("a quote of 300000 characters is too long to look for approximately in a source of 300000"), "{message}");
    let notes: Vec<&str> = finding["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(notes.iter().any(|n| n.starts_with("expected: ZZZ") && n.ends_with('…')), "{notes:?}");
    assert!(notes.iter().all(|n| n.chars().count() < 1_100), "{notes:?}");
}

/// An id cell of 300,000 characters: the text renderings name the claim by its id clipped,
/// and the JSON report keeps the id whole.
#[test]
fn a_huge_claim_id_is_clipped_in_messages_and_kept_whole_in_json() {
    let workspace = common::Workspace::new();
    let id = "I".repeat(300_000);
    workspace.write("seeds/short.txt", "The council approved 12 new schools in 2023.\n");
    workspace.write("annotations/huge.csv", &format!("id,source,quote,start,end\n{id},short.txt,approved 12 new schools,0,10\n"));
    let report = workspace.check_json();
    let finding = report["findings"].as_array().unwrap().iter().find(|f| f["claim"].as_str().is_some_and(|c| c.len() > 1000)).cloned().expect("the claim's finding");
    assert_eq!(finding["claim"].as_str().unwrap().len(), 300_000);
    assert!(finding["message"].as_str().unwrap().chars().count() < 400, "{}", &finding["message"].as_str().unwrap()[..400]);
    for format in ["full", "concise", "github", "sarif"] {
        let output = workspace.run(&["check", "--format", format, "--exit-zero"]);
        let text = String::from_utf8_lossy(&output.stdout);
        let longest = text.lines().map(|line| line.chars().count()).max().unwrap_or(0);
        assert!(longest < 2_000, "{format}: a line of {longest} characters");
    }
}
