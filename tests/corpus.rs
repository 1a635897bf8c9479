//! The benchmark corpus generator (benches/corpus) at a small scale: deterministic, correct
//! offsets, and exactly the drift it reports. The suite itself stays out of `cargo test`. The
//! corpus grows from the frozen workspace fixture's sources, not the shipped `seeds/`.

mod common;
// The suite uses every part of the generator; this test only some.
#[allow(dead_code)]
#[path = "../benches/corpus/mod.rs"]
mod corpus;

use common::{claimcheck, root, workspace_fixture};
use corpus::Spec;

const SPEC: Spec = Spec { sources: 12, claims: 400, drift: 0.25, seed: 7 };

#[test]
fn the_corpus_is_deterministic_and_checks_as_generated() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let one = corpus::generate(&workspace_fixture().join("seeds"), &base.join("one"), SPEC).unwrap();
    let two = corpus::generate(&workspace_fixture().join("seeds"), &base.join("two"), SPEC).unwrap();
    for file in ["sources/sources.csv", "sources/s00003.txt", "intact/claims.csv", "drifted/claims.csv", "scattered/claims.csv"] {
        let (a, b) = (std::fs::read(one.root.join(file)).unwrap(), std::fs::read(two.root.join(file)).unwrap());
        assert!(a == b, "{file} differs between two runs with one seed");
    }
    let reused = corpus::generate(&workspace_fixture().join("seeds"), &base.join("one"), SPEC).unwrap();
    assert_eq!(reused.drift_counts, one.drift_counts);

    let sources = one.sources.to_str().unwrap();
    let intact = claimcheck(&root(), &["check", "--isolated", "--sources", sources, "--annotations", one.intact.to_str().unwrap(), "--format", "json"]);
    assert_eq!(intact.status, 0, "{}", intact.stdout);
    assert_eq!(intact.json()["summary"]["claims"], 400);
    assert!(intact.codes().is_empty(), "intact claims raise no finding: {:?}", intact.codes());

    let scattered = claimcheck(&root(), &["check", "--isolated", "--sources", sources, "--annotations", one.scattered.to_str().unwrap(), "--format", "json"]);
    assert_eq!((scattered.status, scattered.json()["summary"]["claims"].as_u64()), (0, Some(400)), "{}", scattered.stdout);

    let drifted = claimcheck(&root(), &["check", "--isolated", "--sources", sources, "--annotations", one.drifted.to_str().unwrap(), "--format", "json"]);
    assert_eq!(drifted.status, 1);
    let drifted_total: usize = one.drift_counts.iter().sum();
    assert!(one.drift_counts.iter().all(|&n| n > 0), "every kind of drift occurs: {:?}", one.drift_counts);
    assert_eq!(drifted.codes().len(), drifted_total, "one finding per drifted claim");
}

#[test]
fn the_figure_heavy_claims_repeat_the_shipped_ones_with_new_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, bytes) = corpus::figure_heavy(&root().join("seeds"), dir.path(), 250).unwrap();
    let written = std::fs::read_to_string(folder.join("claims.csv")).unwrap();
    assert_eq!(written.len() as u64, bytes);
    let shipped = std::fs::read_to_string(root().join("annotations/claims.csv")).unwrap();
    let (first_written, first_shipped) = (written.lines().nth(1).unwrap(), shipped.lines().nth(1).unwrap());
    assert_eq!(first_written.strip_prefix("X0000000"), first_shipped.strip_prefix("C001"), "the row is kept but for its id");
    let again = corpus::figure_heavy(&root().join("seeds"), dir.path(), 250).unwrap();
    assert_eq!(again, (folder.clone(), bytes), "reused");
    let run = claimcheck(&root(), &["check", "--annotations", folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.status, 1, "the shipped conflict fails the check");
    let report = run.json();
    assert_eq!(report["summary"]["claims"], 250);
    let sizes: Vec<usize> = report["disagreements"].as_array().unwrap().iter().map(|d| d["claims"].as_array().unwrap().len()).collect();
    assert!(sizes.iter().any(|&n| n > 2), "groups grow with the repetition: {sizes:?}");
}
