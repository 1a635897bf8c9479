//! Reading every figure in the five seeds, compared with quantulum3 on the same text.
//!
//! `cargo bench --bench figures` times `find_figures` over all of `seeds/*.txt` (median of many
//! passes, after a warm-up), then runs `benches/baselines/quantulum.py` on the same files when
//! a Python with quantulum3 is available (`$QUANTULUM_PYTHON`, else `python3`) and prints the
//! ratio. Install the baseline with `pip install quantulum3`.

use claimcheck::figures::find_figures;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

const PASSES: usize = 200;
const QUANTULUM_PASSES: usize = 3;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .expect("the seeds folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files.iter().map(|path| std::fs::read_to_string(path).expect("UTF-8 seed")).collect();
    let bytes: usize = texts.iter().map(String::len).sum();

    let count: usize = texts.iter().map(|text| find_figures(text).len()).sum();
    let mut times = Vec::with_capacity(PASSES);
    for _ in 0..PASSES {
        let start = Instant::now();
        for text in &texts {
            black_box(find_figures(black_box(text)));
        }
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let ours = times[PASSES / 2];
    // The best pass is the one least disturbed by other work on a shared machine.
    let best = times[0];
    println!(
        "claimcheck find_figures: {} files, {bytes} bytes, {count} figures, {:.3} ms per pass (median of {PASSES}), {:.1} MB/s; best pass {:.3} ms, {:.1} MB/s",
        texts.len(),
        ours * 1e3,
        bytes as f64 / ours / 1e6,
        best * 1e3,
        bytes as f64 / best / 1e6
    );

    let python = std::env::var("QUANTULUM_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let available = Command::new(&python).args(["-c", "import quantulum3"]).output().is_ok_and(|out| out.status.success());
    if !available {
        println!("quantulum3 baseline skipped: `{python} -c \"import quantulum3\"` failed; run `pip install quantulum3` or set QUANTULUM_PYTHON");
        return;
    }
    let script = root.join("benches/baselines/quantulum.py");
    let output = Command::new(&python).arg(&script).arg(QUANTULUM_PASSES.to_string()).args(&files).output().expect("python runs");
    if !output.status.success() {
        println!("quantulum3 baseline failed:\n{}", String::from_utf8_lossy(&output.stderr));
        return;
    }
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the baseline prints JSON");
    let theirs = result["seconds_per_pass"].as_f64().expect("seconds_per_pass");
    println!(
        "quantulum3 parser.parse: {} quantities, {:.1} ms per pass (median of {QUANTULUM_PASSES}, import excluded)",
        result["quantities"],
        theirs * 1e3
    );
    println!("claimcheck is {:.0}x faster", theirs / ours);
}
