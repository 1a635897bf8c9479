//! The foreign edit suite (see `anchoring`): every edit kind over every document of
//! `tests/fixtures/foreign`, each claim checked with its 32 characters of context and without.
//! No claim may be placed anywhere but where its text went; at least 98% of the claims whose
//! text is still in the source must be placed there; the rest are reported ambiguous or missing.

mod anchoring;

use anchoring::{KINDS, Kind, Rng, Tally, corpus, run, scenario};

/// Claims per document and edit kind, and how many of them each edit aims at.
const CLAIMS: usize = 10;
const AIMED: usize = 3;

fn suite(with_context: bool) -> Tally {
    // `SUITE_SEED=N` draws another suite from the same generator (to look for failures).
    let seed = std::env::var("SUITE_SEED").ok().and_then(|seed| seed.parse().ok()).unwrap_or(0xF0E1_6A7C_0051_7E57);
    let mut rng = Rng(seed);
    // Edit kinds added later draw from a stream of their own, so that adding one leaves the
    // scenarios of the others as they were.
    let mut later = Rng(seed ^ 0x5EED_0F_1A7E_0001);
    // `SUITE_CLAIMS=N` draws N claims per document and edit kind (a quarter of them aimed at).
    let (claims, aimed) = match std::env::var("SUITE_CLAIMS").ok().and_then(|n| n.parse::<usize>().ok()) {
        Some(n) if n > 0 => (n, n.div_ceil(4)),
        _ => (CLAIMS, AIMED),
    };
    let mut tally = Tally::default();
    for doc in corpus() {
        for kind in KINDS {
            let rng = if kind == Kind::EditedWithCopyShifted { &mut later } else { &mut rng };
            let scenario = scenario(&doc, kind, claims, aimed, rng);
            let outcomes = run(&scenario, with_context);
            tally.add(&scenario, &outcomes);
        }
    }
    tally
}

/// `placed`: the share of claims whose text is still in the source that must be placed there.
fn hold(tally: &Tally, label: &str, placed: f64) {
    println!("foreign edit suite, {label}:\n{}", tally.table());
    assert!(tally.wrong.is_empty(), "{label}: {} wrong placements:\n{}", tally.wrong.len(), tally.wrong.join("\n"));
    assert!(tally.right_share() >= placed, "{label}: only {:.2}% placed right\n{}", 100.0 * tally.right_share(), tally.table());
    assert!(tally.still_there > 1000, "the suite checks enough claims: {}", tally.still_there);
}

#[test]
fn foreign_prose_without_context_is_never_placed_wrong() {
    // Without context, a quote that stands at several places after an edit is placed only where
    // the claims around it moved to; repeated phrases whose neighbours moved apart, copies on
    // sibling rows and quotes edited next to a copy are reported ambiguous (docs/anchoring.md).
    // 93%, not 98%: the suite counts the claims the rules forbid placing without context (an
    // edited quote next to a copy, after a shift or not; short edited quotes), a copy is
    // settled only between placed claims that moved alike (one where neighbours that moved
    // apart point is only named: the edit between them may have taken the claim's own text),
    // see the note of issue 10.
    hold(&suite(false), "without prefix/suffix", 0.93);
}

#[test]
fn foreign_prose_with_context_is_never_placed_wrong() {
    hold(&suite(true), "with 32 characters of prefix/suffix", 0.98);
}
