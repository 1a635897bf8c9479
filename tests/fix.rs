//! `claimcheck fix` run as a user runs it: on a drifted copy of the workspace fixture (a frozen
//! copy of the analysts' data, `tests/fixtures/workspace`), on a spreadsheet's fresh rows with
//! blank offsets, and on arbitrary CSV dialects.

mod common;

use claimcheck::fix::plan::plan;
use claimcheck::load::sources::SourceSet;
use claimcheck::load::limits::Limits;
use claimcheck::load::table::{Dialect, Scanner};
use common::{Workspace, stderr, stdout};
use proptest::prelude::*;

const ABBASOVA: &str = "seeds/000_9c8a1ed180f1f2f5.txt";

/// The workspace fixture with its first source drifted: a note inserted at the top (every span moves),
/// a quote's curly quotes straightened (typography), and one figure changed (edited).
fn drifted() -> Workspace {
    let ws = Workspace::new();
    let text = ws.read(ABBASOVA);
    let text = format!("Editor's note: this article was updated.\n\n{text}")
        .replacen("“A new global challenge", "\"A new global challenge", 1)
        .replacen("resulted in 120 victims", "resulted in 130 victims", 1);
    ws.write(ABBASOVA, &text);
    ws
}

/// The span codes `check` reports (the fixture's figure disagreements are not fix's business).
fn codes(ws: &Workspace) -> Vec<String> {
    ws.check_json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .filter(|code| code.starts_with("span-"))
        .collect()
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing_then_fix_leaves_only_what_needs_a_human() {
    let ws = drifted();
    let before = ws.read("annotations/claims.csv");
    let output = ws.run(&["fix", "--dry-run"]);
    assert_eq!(output.status.code(), Some(1), "a claim is left for a human: {}", stderr(&output));
    let diff = stdout(&output);
    assert!(diff.starts_with("--- a/annotations/claims.csv\n+++ b/annotations/claims.csv\n@@ "), "{diff}");
    assert!(diff.contains("\n-C003,abbasova-2018,1460,1571,"), "{diff}");
    assert!(diff.contains("\n+C003,abbasova-2018,1502,1613,"), "{diff}");
    // The typography fix takes the source's straight quote into the quote cell.
    assert!(diff.contains("\n+C001,abbasova-2018,485,627,\"\"\"A new global challenge"), "{diff}");
    assert!(!diff.contains("+C002"), "an edited figure is never fixed automatically: {diff}");
    let summary = stderr(&output);
    assert!(summary.contains("would fix 19 rows"), "{summary}");
    assert!(summary.contains("row 3 (claim C002): error[span-edited]"), "{summary}");
    assert!(summary.ends_with("(dry run: nothing written)\n"), "{summary}");
    assert_eq!(ws.read("annotations/claims.csv"), before, "a dry run writes nothing");

    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(1), "a claim is left for a human: {}", stderr(&output));
    assert!(stdout(&output).contains("fixed 19 rows in 1 file; 1 left for a human"), "{}", stdout(&output));
    let fixed = ws.read("annotations/claims.csv");
    assert_eq!(codes(&ws), vec!["span-edited"], "only the edited claim is left");
    // The diff applied is exactly the one shown.
    assert_eq!(fixed.lines().count(), before.lines().count());

    let again = ws.run(&["fix"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stdout(&again).contains("fixed 0 rows in 0 files"), "{}", stdout(&again));
    assert_eq!(ws.read("annotations/claims.csv"), fixed, "fix is idempotent");
}

#[test]
fn fills_blank_offsets_and_context_from_a_pasted_quote() {
    let ws = Workspace::new();
    std::fs::remove_file(ws.path("annotations/claims.csv")).unwrap();
    // As a spreadsheet in a `;` locale saves it: BOM, CRLF, an unknown column, quoted cells.
    let csv = "\u{feff}id;source;quote;start;end;prefix;suffix;analyst\r\n\
               N1;abbasova-2018;\"resulted in 120 victims\";;;;;\"Ann; B.\"\r\n\
               N2;abbasova-2018;took lives of over 300 people;;;kept as is;;Bo\r\n\
               N3;abbasova-2018;a sentence that is in no source at all;;;;;Cy\r\n";
    ws.write("annotations/new.csv", csv);
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(1), "N3 is left for a human: {}", stderr(&output));
    let fixed = ws.read("annotations/new.csv");
    let source: Vec<char> = ws.read(ABBASOVA).chars().collect();
    let at = |needle: &str| {
        let byte = ws.read(ABBASOVA).find(needle).unwrap();
        ws.read(ABBASOVA)[..byte].chars().count()
    };
    let n1 = at("resulted in 120 victims");
    let n2 = at("took lives of over 300 people");
    assert_eq!(source[n1..n1 + 23].iter().collect::<String>(), "resulted in 120 victims");
    let expected = format!(
        "\u{feff}id;source;quote;start;end;prefix;suffix;analyst\r\n\
         N1;abbasova-2018;\"resulted in 120 victims\";{n1};{};crisis in a Moscow theater that ;. 2003 is remembered for the Tushino;\"Ann; B.\"\r\n\
         N2;abbasova-2018;took lives of over 300 people;{n2};{};kept as is;, half of which were children. More;Bo\r\n\
         N3;abbasova-2018;a sentence that is in no source at all;;;;;Cy\r\n",
        n1 + 23,
        n2 + 29
    );
    assert_eq!(fixed, expected);
    let summary = stdout(&output);
    assert!(summary.contains("row 4 (claim N3): error[span-missing]"), "{summary}");
    assert_eq!(codes(&ws), vec!["span-missing"]);
}

#[test]
fn a_file_without_offset_columns_is_left_with_a_reason() {
    let ws = Workspace::new();
    std::fs::remove_file(ws.path("annotations/claims.csv")).unwrap();
    let csv = "id,source,quote\nN1,abbasova-2018,resulted in 120 victims\n";
    ws.write("annotations/new.csv", csv);
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(1), "the claim is left for a human");
    assert_eq!(ws.read("annotations/new.csv"), csv);
    assert!(stdout(&output).contains("row 2 (claim N1): warning[span-unanchored]"), "{}", stdout(&output));
}

#[test]
fn an_unreadable_sources_folder_exits_2() {
    let ws = Workspace::new();
    let output = ws.run(&["fix", "--sources", "nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read the sources at `nowhere`"), "{}", stderr(&output));
}

/// The source the property test's claims quote.
const SOURCE: &str = "Officials said 137 people were killed. Later, over 300 people were reported hurt.";

/// The cells of every record, as raw bytes, and the bytes between and around them.
fn layout(bytes: &[u8]) -> (Vec<Vec<Vec<u8>>>, Vec<u8>) {
    let dialect = Dialect::detect(bytes);
    let mut cells = Vec::new();
    let mut skeleton = Vec::new();
    let mut at = 0;
    for record in Scanner::new(bytes, dialect, Limits::default()) {
        let record = record.unwrap();
        let mut row = Vec::new();
        for cell in record.cell_spans(bytes, 0, dialect.delimiter) {
            skeleton.extend_from_slice(&bytes[at..cell.span.start]);
            skeleton.push(0);
            row.push(bytes[cell.span.clone()].to_vec());
            at = cell.span.end;
        }
        cells.push(row);
    }
    skeleton.extend_from_slice(&bytes[at..]);
    (cells, skeleton)
}

fn cell_text(value: &str, delimiter: char, force_quote: bool) -> String {
    if force_quote || value.contains([delimiter, '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value.to_string() }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// On any CSV (dialect, BOM, line endings, quoting, column order, unknown columns, embedded
    /// newlines), `fix` changes only the offset, quote and context cells of the rows it fixes.
    #[test]
    fn fix_changes_nothing_but_the_fixed_cells(
        delimiter in prop::sample::select(vec![',', ';', '\t']),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        context_columns in any::<bool>(),
        order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
        rows in prop::collection::vec((0usize..4, any::<bool>(), "[a-z ,;\"\n]{0,12}"), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(dir.path().join("seeds/s.txt"), SOURCE).unwrap();
        let mut names = ["id", "source", "quote", "start", "end", "notes", "prefix"];
        if !context_columns {
            names[6] = "extra";
        }
        let newline = if crlf { "\r\n" } else { "\n" };
        let header: Vec<&str> = order.iter().map(|&i| names[i]).collect();
        let mut csv = String::new();
        if bom {
            csv.push('\u{feff}');
        }
        csv.push_str(&header.join(&delimiter.to_string()));
        csv.push_str(newline);
        for (index, (kind, quote_all, note)) in rows.iter().enumerate() {
            // 0: anchored, 1: blank offsets, 2: moved, 3: a quote in no source.
            let (quote, start, end) = match kind {
                0 => ("137 people were killed", "15", "37"),
                1 => ("over 300 people", "", ""),
                2 => ("137 people were killed", "3", "25"),
                _ => ("nowhere to be found", "1", "5"),
            };
            let values = [format!("C{index}"), "s.txt".to_string(), quote.to_string(), start.to_string(), end.to_string(), note.clone(), String::new()];
            let cells: Vec<String> = order.iter().map(|&i| cell_text(&values[i], delimiter, *quote_all)).collect();
            csv.push_str(&cells.join(&delimiter.to_string()));
            csv.push_str(newline);
        }
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, &csv).unwrap();
        let (sources, _) = SourceSet::open(&dir.path().join("seeds"), "seeds".into()).unwrap();
        let planned = plan(&sources, std::slice::from_ref(&path));
        let file = &planned.files[0];
        let (before, skeleton_before) = layout(&file.original);
        let (after, skeleton_after) = layout(&file.fixed);
        prop_assert_eq!(skeleton_before, skeleton_after, "delimiters, line endings and BOM stay");
        prop_assert_eq!(before.len(), after.len());
        for (row, (old, new)) in before.iter().zip(&after).enumerate().skip(1) {
            let fixed = file.rows.iter().find(|r| r.row == row + 1);
            for (column, (old_cell, new_cell)) in old.iter().zip(new).enumerate() {
                let name = header[column];
                let may_change = fixed.is_some_and(|f| f.columns.contains(&name));
                prop_assert!(may_change || old_cell == new_cell, "row {} column {} changed", row + 1, name);
            }
            let kind = rows[row - 1].0;
            prop_assert_eq!(fixed.is_some(), kind == 1 || kind == 2, "rows fixed are the blank and moved ones");
        }
        // A second plan over the fixed bytes changes nothing.
        std::fs::write(&path, &file.fixed).unwrap();
        let again = plan(&sources, std::slice::from_ref(&path));
        prop_assert!(!again.files[0].changes());
    }
}

/// The full report on the drifted data: moved, typography and an edited figure with its word diff.
#[test]
fn drifted_report_shows_the_diff_and_the_changed_figure() {
    let ws = drifted();
    let output = ws.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    let edited: String = report.split("\n\n").filter(|block| block.contains("[span-edited]") || block.contains("[span-normalized]")).collect::<Vec<_>>().join("\n\n");
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("anchor_drifted_edited_and_normalized", edited);
    });
}
