//! `check --format html` on a fixture tree with every finding code, every verdict and hostile
//! text: the page's snapshot, its determinism, its escaping, its links and anchors, the
//! `--html-sources excerpts` mode and large groups. The browser's view is in html_browser.rs.

mod html_support;

use claimcheck::findings::Code;
use html_support::*;
use std::collections::BTreeSet;

#[test]
fn fixture_page_snapshot() {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("html_fixture_page", page(&[]));
    });
}

#[test]
fn fixture_page_with_excerpts_snapshot() {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("html_fixture_page_excerpts", page(&["--html-sources", "excerpts"]));
    });
}

#[test]
fn the_page_is_the_same_bytes_every_run_and_through_output() {
    let first = page(&[]);
    assert_eq!(first, page(&[]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    page(&["--output", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
}

#[test]
fn every_finding_code_and_verdict_of_the_fixture_is_on_the_page() {
    let html = page(&[]);
    let codes: BTreeSet<String> = attribute_values(&html, "data-codes").iter().flat_map(|v| v.split(' ').map(str::to_string).collect::<Vec<_>>()).collect();
    for code in Code::ALL {
        assert!(codes.contains(code.name()), "the fixture lacks a `{}` finding: add a case for it", code.name());
    }
    let report = report();
    let verdicts: BTreeSet<&str> = report["disagreements"].as_array().unwrap().iter().map(|g| g["verdict"].as_str().unwrap()).collect();
    for verdict in ["agree", "imprecise", "conflict"] {
        assert!(verdicts.contains(verdict), "the fixture lacks a group that is `{verdict}`");
        assert!(html.contains(&format!("<details class=\"card verdict-{verdict}\"")), "no `{verdict}` card");
    }
}

#[test]
fn hostile_text_stays_text() {
    for extra in [&[][..], &["--html-sources", "excerpts"][..]] {
        let html = page(extra);
        assert_no_injected_markup(&html);
        // The hostile id, subject and manifest title are shown, as text.
        assert!(html.contains("&lt;script&gt;alert(&quot;id&quot;)&lt;/script&gt;"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("Old &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; report"));
        assert!(html.contains("&lt;i&gt;Checked&lt;/i&gt;: one counts pledges"), "the review's reason is text");
        // Only the http(s) address of the manifest is a link; the others are shown as text.
        assert!(html.contains("<a href=\"https://example.org/new?a=1&amp;b=2\" rel=\"noopener noreferrer\">"));
        assert!(html.contains("javascript:alert(1)") && !html.contains("href=\"javascript:"));
        assert!(html.contains("file:///etc/passwd") && !html.contains("href=\"file:"));
        // Controls and bidirectional overrides are shown escaped, never raw.
        assert!(!html.chars().any(|c| (c.is_control() && !matches!(c, '\n' | '\t')) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')));
    }
    assert!(page(&[]).contains("a \\u{202e} bidi override and a \\u{1b}[31m terminal escape"));
}

#[test]
fn the_page_loads_nothing_from_the_network() {
    let html = page(&[]);
    for tag in tags(&html) {
        let names = attribute_names(tag);
        assert!(!names.iter().any(|n| n == "src" || n == "srcset" || n == "action"), "a tag that loads something: {tag}");
    }
    assert!(!html.contains("<link") && !html.contains("@import") && !html.contains("url("));
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none';"));
}

#[test]
fn every_claim_has_one_anchor_and_every_link_leads_somewhere() {
    let html = page(&[]);
    let ids: Vec<String> = attribute_values(&html, "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "element ids are unique");
    for claim in claim_ids(&report()) {
        // A duplicate id names an earlier claim, which holds the anchor.
        assert!(unique.contains(&anchor("claim", &claim)), "no anchor for claim {claim}");
    }
    // Clean claims too, which the report names nowhere else: C030 quotes c.txt, C006 agrees.
    for clean in ["C030", "C006", "C003"] {
        assert!(unique.contains(&anchor("claim", clean)), "no anchor for the clean claim {clean}");
    }
    assert!(unique.contains(&anchor("source", "a.txt")));
    for href in attribute_values(&html, "href").iter().filter_map(|h| h.strip_prefix('#')) {
        assert!(unique.contains(&href.to_string()), "a link to #{href}, which is on no element");
    }
}

#[test]
fn cards_come_disagreements_first_with_one_mark_per_claim_and_a_gap_per_conflict() {
    let html = page(&[]);
    let report = report();
    let groups = report["disagreements"].as_array().unwrap();
    let cards = cards(&html);
    assert_eq!(cards.len(), groups.len());
    let verdicts: Vec<&str> = cards.iter().map(|c| &c["verdict-".len()..c.find('"').unwrap()]).collect();
    let agree_from = verdicts.iter().position(|v| *v == "agree").unwrap();
    assert!(verdicts[agree_from..].iter().all(|v| *v == "agree"), "agreeing groups come last: {verdicts:?}");
    // Unreviewed conflicts first; the reviewed one (Aid) after the other disagreements.
    let reviewed = cards.iter().position(|c| c.contains("<span class=\"badge reviewed\">")).unwrap();
    assert!(verdicts[..reviewed].iter().take_while(|v| **v == "conflict").count() >= 3, "conflicts first: {verdicts:?}");
    assert!(verdicts[..reviewed].contains(&"imprecise") && reviewed + 1 == agree_from, "then the other disagreements, the reviewed one, agreeing groups: {verdicts:?}");
    for card in &cards {
        let marks = attribute_values(card, "data-claim");
        let drawn: Vec<&String> = marks.iter().collect();
        let subject = report_group_for(groups, &drawn);
        let claims: BTreeSet<&str> = subject["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        // Each claim once on the line (`<g class="mark">`) and once in the list (`<li class="claim">`).
        assert_eq!(card.matches("<g class=\"mark\"").count(), claims.len());
        let on_line: BTreeSet<&str> = marks.iter().map(String::as_str).collect();
        assert_eq!(on_line, claims);
        assert_eq!(card.contains("class=\"gap\""), card.starts_with("verdict-conflict"), "a gap exactly on conflicts");
    }
    let aid = cards.iter().find(|c| c.contains("$3 billion")).expect("the Aid card");
    assert!(aid.contains("data-scale=\"log\""), "$3 million against $3 billion needs a log scale");
    let blast = cards.iter().find(|c| c.contains("more than 140")).expect("the Blast card");
    assert!(blast.contains("data-scale=\"linear\""), "137 against more than 140 does not");
}

fn report_group_for<'r>(groups: &'r [serde_json::Value], marks: &[&String]) -> &'r serde_json::Value {
    groups.iter().find(|g| g["claims"].as_array().unwrap().iter().any(|c| marks.iter().any(|m| m.as_str() == c["id"].as_str().unwrap()))).expect("the card's group")
}

#[test]
fn an_edited_quote_shows_its_word_diff_and_a_moved_one_its_suggestion() {
    let html = page(&[]);
    assert!(html.contains("<p class=\"diff\"><strong>Changes:</strong> The blast killed 137 people and injured <del>190.</del><ins>180.</ins></p>"), "word diff");
    assert!(html.contains("<strong>Suggestion:</strong> set <code>start</code> = 122, <code>end</code> = 149</p>"), "moved span");
    assert!(html.contains("<p class=\"review\"><strong>Reviewed as conflict:</strong>"));
    assert!(html.contains("<span class=\"badge newest\">newest</span>"));
    // C026's quote was edited in its source: its card shows the quote as recorded, and says so.
    assert!(html.contains("<blockquote class=\"sentence\"><span class=\"quote\">the fire destroyed <mark class=\"figure\">13</mark> homes</span> <span class=\"note\">(the quote as recorded: it no longer stands in its source as written)</span></blockquote>"));
}

#[test]
fn excerpts_embed_only_the_sentences_around_claims() {
    let full = page(&[]);
    let excerpts = page(&["--html-sources", "excerpts"]);
    // c.txt is quoted by one claim only at its start; a.txt's last line by the hostile claim.
    assert!(full.contains("quoted by no claim") && !excerpts.contains("quoted by no claim"));
    assert!(full.contains("Nobody quotes this closing remark") && !excerpts.contains("Nobody quotes this"), "a sentence no claim quotes is left out");
    assert!(excerpts.contains("<p class=\"elided\""));
    assert!(excerpts.contains("excerpts: only the sentences around claims"));
    let output = claimcheck(&fixture(), &["check", "--isolated", "--sources", "seeds", "--annotations", "annotations", "--format", "html", "--html-sources", "some"]);
    assert_eq!(output.status.code(), Some(2));
}

/// A group of thousands of claims draws its extremes and the proving pair, and lists the rest collapsed.
#[test]
fn a_large_group_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::create_dir_all(dir.path().join("annotations")).unwrap();
    let text: String = (0..3000).map(|i| format!("Report {i} counted {} ships.\n", 100 + i % 7)).collect();
    std::fs::write(dir.path().join("seeds/s.txt"), &text).unwrap();
    let mut csv = String::from("id,source,quote,subject,measure\n");
    for i in 0..3000 {
        csv.push_str(&format!("L{i},s.txt,counted {} ships,Harbour,ships\n", 100 + i % 7));
    }
    std::fs::write(dir.path().join("annotations/claims.csv"), csv).unwrap();
    let html = check(dir.path(), "html", &[]);
    let cards = cards(&html);
    assert_eq!(cards.len(), 1);
    let marks = cards[0].matches("<g class=\"mark\"").count();
    assert!((2..=6).contains(&marks), "{marks} marks drawn");
    assert!(cards[0].contains("class=\"gap\""), "100 against 106 conflicts");
    assert!(cards[0].contains("of 3,000 claims drawn"));
    assert!(cards[0].contains("<details class=\"more\"><summary>2,976 more claims</summary>"));
}

#[test]
fn the_workflow_uploads_the_page_and_ci_installs_a_browser() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let workflow = std::fs::read_to_string(root.join(".github/workflows/claims.yml")).unwrap();
    for needed in ["--format html --output claimcheck-report.html", "actions/upload-artifact@v4", "path: claimcheck-report.html"] {
        assert!(workflow.contains(needed), "the workflow lacks `{needed}`");
    }
    let run = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    for needed in ["chromium-headless-shell chromium google-chrome", "apt-get install -y \"$package\"", "cargo test --locked"] {
        assert!(run.contains(needed), ".ci/run lacks `{needed}`");
    }
}

#[test]
fn a_source_that_cannot_be_read_is_named_with_the_reason() {
    let fixtures = fixture().join("..");
    let output = claimcheck(&fixtures, &["check", "--isolated", "--sources", "bad_sources", "--annotations", "claims/bad_sources.csv", "--format", "html"]);
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("<p class=\"note\">The text cannot be shown: source `latin1.txt` is not UTF-8 text (byte 3): convert it to UTF-8</p>"), "{html}");
    assert_no_injected_markup(&html);
}

#[test]
fn the_summary_names_the_configuration_used() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("claimcheck.toml");
    std::fs::write(&config, "[severity]\nspan-moved = \"error\"\nfigure-imprecise = \"off\"\n[figures]\napproximate-tolerance = 0.25\n").unwrap();
    let output = claimcheck(&fixture(), &["check", "--config", config.to_str().unwrap(), "--sources", "seeds", "--annotations", "annotations", "--format", "html"]);
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("<dt>Severities</dt><dd><code>span-moved</code> = error, <code>figure-imprecise</code> = off</dd>"), "{html}");
    assert!(html.contains("<dt>Approximate figures</dt><dd>±25% around the stated figure</dd>"));
    assert!(html.contains("<dt>Configuration file</dt><dd><code>") && html.contains("claimcheck.toml</code></dd>"));
    assert!(!html.contains("data-codes=\"figure-imprecise\""), "a code turned off has no finding on the page");
}

/// With `keep_marks` (what `--format html` asks for), the report places every claim read, clean
/// ones included, and a placed quote stands at its place; without it, none (other formats keep
/// no clean claim in memory).
#[test]
fn the_check_keeps_every_claims_place_only_when_asked() {
    use claimcheck::check::{CheckOptions, check};
    let options = |keep_marks| CheckOptions { sources: fixture().join("seeds"), annotations: fixture().join("annotations"), stdin_claims: None, approximate_tolerance: 0.1, limits: Default::default(), keep_marks };
    let checked = check(&options(true)).unwrap();
    let report = &checked.report;
    // The reused id's row is no claim of its own.
    assert_eq!(report.marks.len(), report.claims - 1);
    for mark in &report.marks {
        let (Some(source), Some(span)) = (&mark.source, &mark.span) else { continue };
        let text = checked.sources.text(source).unwrap();
        let there = text.slice(span.clone()).unwrap();
        // As written, or (span-normalized) up to typography.
        assert!(there == mark.quote || mark.id == "C015", "{} is placed where its quote stands: {there:?}", mark.id);
    }
    let clean = report.marks.iter().find(|m| m.id == "C030").expect("the clean claim of more.csv");
    assert_eq!((clean.source.as_deref(), clean.span.clone()), (Some("c.txt"), Some(0..10)));
    assert!(check(&options(false)).unwrap().report.marks.is_empty());
}
