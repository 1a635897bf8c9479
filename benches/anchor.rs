//! Re-anchoring speed and trust: claimcheck's locator against the Hypothesis client's algorithm
//! (approx-string-match with match-quote's scoring, `benches/baselines/anchor.mjs`) on two
//! corpora, each side anchoring the same claims in one run:
//! - the seeds, drifted (text inserted, typography changed, words replaced);
//! - the foreign edit suite (`tests/anchoring`), larger than `cargo test` runs it, where every
//!   placement is also judged against where the claim's text went (right, wrong, abstained);
//!
//! then the cost of one 300-character edited quote in a 1 MB source, and the worst case: a
//! 5,000-character quote with every fourth character changed against 128 KB of one sentence
//! repeated.
//!
//! Run: `cargo bench --bench anchor` (needs `npm ci --prefix benches/baselines` once for the
//! baseline; without node it reports claimcheck alone). `ANCHOR_CLAIMS=N` sets the seeds corpus
//! size, `ANCHOR_FOREIGN=N` the claims per document and edit kind of the foreign one (default 40),
//! `ANCHOR_RUNS=N` how many times each side anchors a corpus (default 5): each side reports its
//! fastest run and its median, so a run slowed by another process on a shared machine, or by
//! node's JIT still compiling, does not decide the ratio. claimcheck runs on as many threads as
//! `check` does by default (one per core) and on one.

#[path = "../tests/anchoring/mod.rs"]
mod anchoring;

use claimcheck::load::text::SourceText;
use claimcheck::spans::indexes::Indexes;
use claimcheck::spans::locate::{Located, Query, SourceIndex, locate};
use claimcheck::spans::shift::{self, Placement, SourceKey, Unsettled, Verdict};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Each claim's place, in claim order, `None` where it was not placed.
type Places = Vec<Option<(usize, usize)>>;

/// A small deterministic generator (xorshift64*), so every run builds the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FILLER: &[&str] = &[
    "Editor's note: this passage was revised after publication. ",
    "Update: officials later gave a different account of events. ",
    "Correction: an earlier version misstated a date. ",
    "Analysts cautioned that the figures remain provisional. ",
];

struct Claim {
    source: String,
    quote: String,
    prefix: String,
    suffix: String,
    hint: usize,
}

/// The seed with text inserted at `inserts` places, typography changed throughout, and `edits`
/// words replaced: the kinds of drift a claim meets.
fn drift(original: &[char], rng: &mut Rng, inserts: usize, edits: usize) -> String {
    let mut text: Vec<char> = original
        .iter()
        .map(|&c| match c {
            '\'' => '’',
            '"' => '”',
            c => c,
        })
        .collect();
    for _ in 0..edits {
        let at = rng.below(text.len());
        let start = (0..at).rev().find(|&i| !text[i].is_alphanumeric()).map_or(0, |i| i + 1);
        let end = (at..text.len()).find(|&i| !text[i].is_alphanumeric()).unwrap_or(text.len());
        if end > start {
            text.splice(start..end, "altered".chars());
        }
    }
    for _ in 0..inserts {
        let at = rng.below(text.len());
        let at = (at..text.len()).find(|&i| text[i] == ' ').map_or(text.len(), |i| i + 1);
        text.splice(at..at, FILLER[rng.below(FILLER.len())].chars());
    }
    text.into_iter().collect()
}

/// Claims quoting 40 to 300 characters of the original seeds, starting and ending at words,
/// with 32 characters of context and the original offsets as the hint.
fn claims(seeds: &[(String, Vec<char>)], count: usize, rng: &mut Rng) -> Vec<Claim> {
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let (name, text) = &seeds[rng.below(seeds.len())];
        let len = 40 + rng.below(261);
        if text.len() <= len + 2 {
            continue;
        }
        let start = rng.below(text.len() - len);
        let Some(start) = (start..text.len()).find(|&i| i > 0 && text[i - 1] == ' ' && text[i].is_alphanumeric()) else { continue };
        let Some(end) = (start + len..text.len()).find(|&i| !text[i].is_alphanumeric()) else { continue };
        let slice = |r: std::ops::Range<usize>| text[r].iter().collect::<String>();
        out.push(Claim {
            source: name.clone(),
            quote: slice(start..end),
            prefix: slice(start.saturating_sub(32)..start),
            suffix: slice(end..(end + 32).min(text.len())),
            hint: start,
        });
    }
    out
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

fn write_corpus(dir: &Path, sources: &[(String, String)], claims: &[Claim]) {
    std::fs::create_dir_all(dir.join("sources")).expect("corpus folder");
    for (name, text) in sources {
        std::fs::write(dir.join("sources").join(name), text).expect("corpus source");
    }
    let rows: Vec<String> = claims
        .iter()
        .map(|c| {
            format!(
                "{{\"source\":{},\"quote\":{},\"prefix\":{},\"suffix\":{},\"hint\":{}}}",
                json_string(&c.source),
                json_string(&c.quote),
                json_string(&c.prefix),
                json_string(&c.suffix),
                c.hint
            )
        })
        .collect();
    std::fs::write(dir.join("claims.json"), format!("[{}]", rows.join(",\n"))).expect("corpus claims");
}

/// Anchors every claim with claimcheck on `threads` threads, which take contiguous shares of the
/// claims in turn as they finish one (as `check` hands out batches: about a sixteenth of a small
/// file each); returns the time and each claim's place, in order.
fn claimcheck_run(sources: &HashMap<String, SourceText>, claims: &[Claim], threads: usize) -> (f64, Places) {
    let started = Instant::now();
    // Each source is folded once, by the first thread that needs it, through the cache `check`
    // uses; its folding is counted in the time.
    let indexes = Indexes::default();
    let shares: Vec<&[Claim]> = claims.chunks(claims.len().div_ceil(16).max(1)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let anchors = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                let (indexes, shares, next) = (&indexes, &shares, &next);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(share) = shares.get(index) else { break };
                        let placed: Vec<_> = share
                            .iter()
                            .map(|claim| {
                                let text = &sources[&claim.source];
                                let recorded = claim.hint..claim.hint + claim.quote.chars().count();
                                let query = Query { quote: &claim.quote, prefix: &claim.prefix, suffix: &claim.suffix, recorded: Some(recorded.clone()) };
                                let located = locate(&query, text, || indexes.get(&claim.source, text));
                                let unsettled = Unsettled::of(&located, Some(recorded.clone()));
                                match located {
                                    Located::Found { best, tier, decided, .. } => {
                                        let placement = Placement::of(SourceKey::of(text), &recorded, tier, decided, &best.range);
                                        (Some((best.range.start, best.range.end)), placement, unsettled)
                                    }
                                    _ => (None, None, unsettled),
                                }
                            })
                            .collect();
                        done.push((index, placed));
                    }
                    done
                })
            })
            .collect();
        let mut done: Vec<_> = workers.into_iter().flat_map(|worker| worker.join().expect("an anchoring thread")).collect();
        done.sort_by_key(|(share, _)| *share);
        done.into_iter().flat_map(|(_, placed)| placed).collect::<Vec<_>>()
    });
    // Then, as `check` does, the ambiguous claims against how the others of their source moved,
    // and the places context chose against it.
    let placements = anchors.iter().filter_map(|(_, placement, _)| *placement).collect();
    let open: Vec<usize> = (0..anchors.len()).filter(|&i| anchors[i].2.is_some()).collect();
    let weighed: Vec<_> = open.iter().map(|&i| (&sources[&claims[i].source], anchors[i].2.as_deref().expect("open"))).collect();
    let variant_at = |k: usize, at: std::ops::Range<usize>| {
        let claim = &claims[open[k]];
        let text = &sources[&claim.source];
        let query = Query { quote: &claim.quote, prefix: &claim.prefix, suffix: &claim.suffix, recorded: None };
        claimcheck::spans::locate::variant_at(&query, text, &indexes.get(&claim.source, text), &at)
    };
    let verdicts = shift::verdicts(placements, &weighed, variant_at);
    let mut anchors: Vec<Option<(usize, usize)>> = anchors.iter().map(|(place, _, _)| *place).collect();
    for ((_, unsettled), (&i, verdict)) in weighed.iter().zip(open.iter().zip(verdicts)) {
        match verdict {
            Some(Verdict::Settled(at)) => anchors[i] = Some((unsettled.places[at].range.start, unsettled.places[at].range.end)),
            // Every other verdict leaves the claim ambiguous or missing, as `check` reports it.
            Some(_) => anchors[i] = None,
            None => {}
        }
    }
    (started.elapsed().as_secs_f64() * 1000.0, anchors)
}

/// Anchors the corpus `runs` times with claimcheck: the fastest and median times, and the places,
/// which must be the same every run.
fn claimcheck_runs(sources: &HashMap<String, SourceText>, claims: &[Claim], runs: usize, threads: usize) -> (Timing, Places) {
    let mut times = Vec::with_capacity(runs);
    let mut places = None;
    for _ in 0..runs {
        let (ms, anchors) = claimcheck_run(sources, claims, threads);
        times.push(ms);
        assert!(places.as_ref().is_none_or(|p| *p == anchors), "claimcheck places the claims the same way every run");
        places = Some(anchors);
    }
    (Timing::of(times), places.unwrap_or_default())
}

/// The fastest and the median of several timings, in milliseconds.
struct Timing {
    best: f64,
    median: f64,
}

impl Timing {
    fn of(mut times: Vec<f64>) -> Timing {
        times.sort_by(f64::total_cmp);
        Timing { best: times.first().copied().unwrap_or(f64::NAN), median: times.get(times.len() / 2).copied().unwrap_or(f64::NAN) }
    }
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1} ms (median {:.1} ms)", self.best, self.median)
    }
}

fn baseline_run(dir: &Path, runs: usize) -> Option<(Timing, Places)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/baselines/anchor.mjs");
    let output = std::process::Command::new("node").arg(script).arg(dir).arg(runs.to_string()).output().ok()?;
    if !output.status.success() {
        eprintln!("baseline failed: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let anchors = value["anchors"].as_array()?.iter().map(|a| Some((a[0].as_u64()? as usize, a[1].as_u64()? as usize))).collect();
    let times = value["ms"].as_array()?.iter().map(|t| t.as_f64()).collect::<Option<Vec<f64>>>()?;
    Some((Timing::of(times), anchors))
}

/// Times both sides on one corpus and prints the comparison; returns both sides' places.
fn compare(label: &str, dir: &Path, texts: &HashMap<String, SourceText>, claims: &[Claim], runs: usize) -> (Places, Option<Places>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (ours, our_anchors) = claimcheck_runs(texts, claims, runs, 1);
    let (ours_all_cores, all_cores_anchors) = claimcheck_runs(texts, claims, runs, cores);
    assert_eq!(our_anchors, all_cores_anchors, "threads change the time, never the places");
    let placed = our_anchors.iter().flatten().count();
    println!("{label}: {} claims over {} sources ({}); best of {runs} runs each", claims.len(), texts.len(), dir.display());
    println!("  claimcheck, 1 thread: {ours}, {placed} placed, {} left ambiguous or missing", claims.len() - placed);
    println!("  claimcheck, {cores} threads (as `check` runs): {ours_all_cores}, the same places");
    match baseline_run(dir, runs) {
        Some((theirs, their_anchors)) => {
            let agree = our_anchors.iter().zip(&their_anchors).filter(|(a, b)| a.is_some() && a == b).count();
            println!("  hypothesis (approx-string-match, node, 1 thread as in the browser): {theirs}, {} placed", their_anchors.iter().flatten().count());
            println!("  same place where claimcheck placed: {agree} of {placed}");
            println!("  speed-up, 1 thread: {:.1}x (best against best; {:.1}x median against median)", theirs.best / ours.best, theirs.median / ours.median);
            println!(
                "  speed-up, {cores} threads: {:.1}x (best against best; {:.1}x median against median)",
                theirs.best / ours_all_cores.best,
                theirs.median / ours_all_cores.median
            );
            (our_anchors, Some(their_anchors))
        }
        None => {
            println!("  hypothesis baseline not run: install node and run `npm ci --prefix benches/baselines`");
            (our_anchors, None)
        }
    }
}

fn seeds_case(root: &Path, rng: &mut Rng, runs: usize) -> Vec<(String, Vec<char>)> {
    let count: usize = std::env::var("ANCHOR_CLAIMS").ok().and_then(|n| n.parse().ok()).unwrap_or(3000);
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(root.join("seeds")).expect("seeds folder") {
        let path = entry.expect("seed").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().expect("a name").to_string_lossy().into_owned();
            seeds.push((name, std::fs::read_to_string(&path).expect("a UTF-8 seed").chars().collect::<Vec<char>>()));
        }
    }
    seeds.sort();
    let claims = claims(&seeds, count, rng);
    let drifted: Vec<(String, String)> = seeds.iter().map(|(name, text)| (name.clone(), drift(text, rng, text.len() / 400, text.len() / 300))).collect();
    let dir: PathBuf = root.join("target/anchor-bench");
    write_corpus(&dir, &drifted, &claims);
    let texts: HashMap<String, SourceText> = drifted.iter().map(|(n, t)| (n.clone(), SourceText::new(t.clone()))).collect();
    if std::env::var("ANCHOR_PROFILE").is_ok() {
        let (exact, rest): (Vec<&Claim>, Vec<&Claim>) = claims.iter().partition(|c| texts[&c.source].as_str().contains(c.quote.as_str()));
        let owned = |v: Vec<&Claim>| v.into_iter().map(|c| Claim { source: c.source.clone(), quote: c.quote.clone(), prefix: c.prefix.clone(), suffix: c.suffix.clone(), hint: c.hint }).collect::<Vec<_>>();
        let (e, r) = (owned(exact), owned(rest));
        println!("exact {}: {:.1} ms; rest {}: {:.1} ms", e.len(), claimcheck_run(&texts, &e, 1).0, r.len(), claimcheck_run(&texts, &r, 1).0);
        let mut outcomes: std::collections::BTreeMap<String, usize> = Default::default();
        for c in &claims {
            let text = &texts[&c.source];
            let query = Query { quote: &c.quote, prefix: &c.prefix, suffix: &c.suffix, recorded: Some(c.hint..c.hint + c.quote.chars().count()) };
            let located = locate(&query, text, || Arc::new(SourceIndex::new(text)));
            let key = match located {
                Located::Found { tier, decided, .. } => format!("found {tier:?} {decided:?}"),
                Located::Ambiguous { tier, candidates, .. } => format!("ambiguous {tier:?} {}", candidates.len().min(3)),
                Located::Missing(why) => format!("missing {}", format!("{why:?}").split([' ', '(', '{']).next().unwrap_or_default()),
            };
            *outcomes.entry(key).or_default() += 1;
        }
        println!("outcomes: {outcomes:#?}");
    }
    decisions("seeds", &texts, &claims);
    if std::env::var("ANCHOR_ONLY").is_ok_and(|only| only == "decisions") {
        return seeds;
    }
    compare("seeds, drifted", &dir, &texts, &claims, runs);
    seeds
}

/// The foreign edit suite's generator at a larger size, with 32 characters of context as the
/// Hypothesis client records: both sides' placements judged, then claimcheck's findings tallied
/// with and without context.
fn foreign_case(root: &Path, runs: usize) {
    use anchoring::{KINDS, Outcome, Tally, judge, scenario};
    let per: usize = std::env::var("ANCHOR_FOREIGN").ok().and_then(|n| n.parse().ok()).unwrap_or(40);
    let mut rng = anchoring::Rng(0xF0E1_6A7C_0051_7E58);
    let mut scenarios = Vec::new();
    for doc in anchoring::corpus() {
        for kind in KINDS {
            scenarios.push(scenario(&doc, kind, per, per / 4, &mut rng));
        }
    }
    let mut sources = Vec::new();
    let mut claims = Vec::new();
    let mut expected = Vec::new();
    for (i, s) in scenarios.iter().enumerate() {
        let name = format!("{i:03}-{}", s.doc);
        sources.push((name.clone(), s.source.as_str().to_string()));
        for (q, e) in &s.claims {
            claims.push(Claim { source: name.clone(), quote: q.quote.clone(), prefix: q.prefix.clone(), suffix: q.suffix.clone(), hint: q.range.start });
            expected.push((name.clone(), e.clone(), q.quote.clone()));
        }
    }
    let dir: PathBuf = root.join("target/anchor-bench-foreign");
    write_corpus(&dir, &sources, &claims);
    let texts: HashMap<String, SourceText> = sources.iter().map(|(n, t)| (n.clone(), SourceText::new(t.clone()))).collect();
    let chars: HashMap<&str, Vec<char>> = sources.iter().map(|(n, t)| (n.as_str(), t.chars().collect())).collect();
    if std::env::var("ANCHOR_ONLY").is_ok_and(|only| only == "foreign-claimcheck") {
        // Processor time as well as wall time: on a machine shared with other work the processor
        // time of one thread is the steadier figure.
        let mut cpu = Vec::new();
        for _ in 0..runs {
            let before = cpu_ms();
            claimcheck_run(&texts, &claims, 1);
            cpu.push(cpu_ms() - before);
        }
        let (timing, _) = claimcheck_runs(&texts, &claims, runs, 1);
        println!("foreign edit suite, claimcheck alone, 1 thread: {timing}; processor time {}", Timing::of(cpu));
        return;
    }
    decisions("foreign edit suite", &texts, &claims);
    if std::env::var("ANCHOR_ONLY").is_ok_and(|only| only == "decisions") {
        return;
    }
    let (ours, theirs) = compare("foreign edit suite", &dir, &texts, &claims, runs);
    let verdicts = |places: &[Option<(usize, usize)>]| {
        let mut counts: std::collections::BTreeMap<Outcome, usize> = Default::default();
        for ((name, e, quote), place) in expected.iter().zip(places) {
            *counts.entry(judge(&chars[name.as_str()], e, quote, place.map(|(a, b)| a..b))).or_default() += 1;
        }
        counts
    };
    println!("  placements judged, claimcheck: {:?}", verdicts(&ours));
    if let Some(theirs) = theirs {
        println!("  placements judged, hypothesis: {:?}", verdicts(&theirs));
    }
    for with_context in [false, true] {
        let mut tally = Tally::default();
        for s in &scenarios {
            tally.add(s, &anchoring::run(s, with_context));
        }
        println!("  claimcheck's findings {} context:\n{}", if with_context { "with" } else { "without" }, tally.table().trim_end().replace('\n', "\n    ").replace("Inserted", "    Inserted"));
        for wrong in tally.wrong.iter().take(10) {
            println!("    wrong: {wrong}");
        }
    }
}

/// A 5,000-character quote with every fourth character changed, against 128 KB of one sentence
/// repeated: the most work one claim can ask of the approximate search. Timed whole, the folding
/// of the source included.
fn worst_case() {
    let sentence = "The quick brown fox jumps over the lazy dog while the cat watches from the old stone wall. ";
    let source: String = sentence.repeat(128 * 1024 / sentence.len() + 1);
    let original: Vec<char> = source.chars().skip(1000).take(5000).collect();
    let quote: String = original.iter().enumerate().map(|(i, &c)| if i % 4 == 3 { if c == 'x' { 'y' } else { 'x' } } else { c }).collect();
    let text = SourceText::new(source);
    for (label, recorded) in [("blank offsets", None), ("recorded offsets", Some(1000..6000))] {
        let runs = 3;
        let started = Instant::now();
        let mut outcome = String::new();
        for _ in 0..runs {
            let query = Query { quote: &quote, prefix: "", suffix: "", recorded: recorded.clone() };
            let found = locate(&query, &text, || Arc::new(SourceIndex::new(&text)));
            outcome = match found {
                Located::Found { .. } => "placed".to_string(),
                Located::Ambiguous { candidates, .. } => format!("ambiguous among {}", candidates.len()),
                Located::Missing(why) => format!("missing ({})", format!("{why:?}").split([' ', '(', '{']).next().unwrap_or_default()),
            };
        }
        let per = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!("worst case, {label}: 5,000-character quote, every 4th character changed, 128 KB of one sentence repeated: {per:.0} ms per claim, {outcome}");
    }
}

/// The processor time this process has used so far (user and system), in milliseconds.
fn cpu_ms() -> f64 {
    // SAFETY: `getrusage` fills the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

/// FNV-1a, 64 bits: a digest that stays the same across builds and toolchains.
struct Digest(u64);

impl Digest {
    fn new() -> Digest {
        Digest(0xcbf2_9ce4_8422_2325)
    }

    fn add(&mut self, text: &str) {
        for byte in text.bytes().chain([0xff]) {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Every decision claimcheck makes on `claims`, as `check` makes them (each claim alone, then the
/// open ones against how the others moved), with and without their context, digested: the
/// finding of each claim whole (code, places, similarity, edits, notes). A change that only makes
/// the search faster leaves both digests as they were.
fn decisions(label: &str, texts: &HashMap<String, SourceText>, claims: &[Claim]) {
    for with_context in [false, true] {
        let rows: Vec<_> = claims
            .iter()
            .enumerate()
            .map(|(i, c)| anchoring::row(i, &c.source, &c.quote, c.hint..c.hint + c.quote.chars().count(), with_context.then_some((c.prefix.as_str(), c.suffix.as_str()))))
            .collect();
        let checks = anchoring::check_all(&mut claimcheck::spans::Anchorer::default(), &rows, |row| &texts[&row.source]);
        let mut digest = Digest::new();
        for check in &checks {
            digest.add(&format!("{:?} {:?} {:?}", check.anchor, check.decided, check.finding));
        }
        println!("decisions, {label}, {} context: {} claims, digest {:016x}", if with_context { "with" } else { "without" }, checks.len(), digest.0);
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = std::env::var("ANCHOR_RUNS").ok().and_then(|n| n.parse().ok()).filter(|&n| n > 0).unwrap_or(5);
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    // `ANCHOR_ONLY=seeds` or `foreign` runs that case alone (for profiling); `decisions` prints
    // the digests of both corpora's decisions and times nothing; `foreign-claimcheck` times
    // claimcheck alone on the foreign suite, on one thread.
    let only = std::env::var("ANCHOR_ONLY").unwrap_or_default();
    if only == "scan" {
        // The approximate scan alone: quotes of 60, 150 and 400 characters against 1 MB.
        let seed = std::fs::read_to_string(root.join("seeds/000_9c8a1ed180f1f2f5.txt")).unwrap_or_else(|_| "The quick brown fox jumps. ".repeat(100));
        let text: String = seed.chars().cycle().take(1 << 20).collect();
        let (alphabet, symbols) = claimcheck::spans::fuzzy::Alphabet::numbering(&text);
        for len in [60usize, 150, 400] {
            let quote: Vec<claimcheck::spans::fuzzy::Symbol> = symbols[5000..5000 + len].to_vec();
            let pattern = claimcheck::spans::fuzzy::Pattern::new(quote, alphabet.len());
            let started = cpu_ms();
            let mut found = 0;
            for _ in 0..10 {
                found += pattern.distinct_ends(&symbols, len * 2 / 5, len / 2, 16, &|_| true).len();
            }
            println!("scan, {len}-character pattern over 1 MB: {:.2} ms of processor time ({found})", (cpu_ms() - started) / 10.0);
        }
        return;
    }
    if only == "foreign" || only == "foreign-claimcheck" {
        foreign_case(root, runs);
        return;
    }
    let seeds = seeds_case(root, &mut rng, runs);
    if only == "seeds" {
        return;
    }
    if only == "decisions" {
        foreign_case(root, runs);
        return;
    }
    foreign_case(root, runs);
    worst_case();

    // One 300-character quote with a few words changed, in a 1 MB source.
    let mut big = String::new();
    let mut round = 0;
    while big.len() < 1_000_000 {
        for (_, text) in &seeds {
            big.push_str(&drift(text, &mut rng, 2, 20 + round));
        }
        round += 1;
    }
    let quote_start = big.len() / 2;
    let quote_start = (quote_start..big.len()).find(|&i| big.is_char_boundary(i) && big[..i].ends_with(' ')).expect("a word");
    let original: String = big[quote_start..].chars().take(300).collect();
    let quote = original.replacen(' ', " xyz ", 3);
    let text = SourceText::new(big);
    let index = Arc::new(SourceIndex::new(&text));
    let runs = 20;
    let started = Instant::now();
    for _ in 0..runs {
        let query = Query { quote: &quote, prefix: "", suffix: "", recorded: None };
        let found = locate(&query, &text, || index.clone());
        // The 1 MB source repeats the seeds, so the quote may honestly stand at several places,
        // and a quote placed on nothing but similarity is missing by design.
        assert!(!matches!(found, Located::Missing(claimcheck::spans::locate::Missing::NothingClose)), "the edited quote is found: {found:?}");
    }
    let per = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("one 300-character edited quote in a {} KB source: {per:.2} ms (approximate search, source folded beforehand)", text.as_str().len() / 1024);
}
