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
