//! Hostile and broken claims files: huge headers, rows and cells, odd offsets. Each test runs the
//! real binary on a file built in a temporary folder; the size tests run under a bound (address
//! space or time) far above what the fixed reader needs and far below what reading the file
//! whole would take.

mod common;

use std::io::Write as _;
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SOURCE: &str = "The quick brown fox jumps over the lazy dog.";
/// A row whose quote stands at its offsets in `SOURCE`.
const GOOD: &str = "doc.txt,4,9,quick";

/// A project with one source and the claims file `claims.csv` written by `write`.
fn project(write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/doc.txt"), SOURCE).unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.path().join("claims.csv")).unwrap());
    write(&mut out);
    out.flush().unwrap();
    dir
}

struct Bounded {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Bounded {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", &self.stdout[..self.stdout.len().min(2000)], self.stderr))
    }

    /// `(code, row, message)` of every finding.
    fn findings(&self) -> Vec<(String, Option<u64>, String)> {
        self.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["code"].as_str().unwrap().to_string(), f["row"].as_u64(), f["message"].as_str().unwrap().to_string()))
            .collect()
    }
}

/// `claimcheck check` on `dir`'s claims (as JSON unless `extra` says otherwise), its address space limited to `memory` bytes and
/// killed after `time`.
fn check_bounded(dir: &Path, extra: &[&str], memory: u64, time: Duration) -> Bounded {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    command
        .args(["--isolated", "check", "--sources", "sources", "--annotations", "claims.csv"])
        .args(if extra.is_empty() { &["--format", "json"] } else { extra })
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: memory, rlim_max: memory };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || std::io::read_to_string(&mut stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(&mut stderr).unwrap_or_default());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if start.elapsed() > time {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("claimcheck took more than {time:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Bounded { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}

const GIB: u64 = 1 << 30;
const MIB: usize = 1 << 20;

fn check(dir: &Path) -> Bounded {
    check_bounded(dir, &[], GIB, Duration::from_secs(60))
}

#[test]
fn a_header_of_many_columns_is_checked_in_linear_time() {
    // 200,000 distinct columns: comparing each with all before it takes about a minute.
    let dir = project(|out| {
        write!(out, "id,source,start,end,quote").unwrap();
        for column in 0..200_000 {
            write!(out, ",extra{column}").unwrap();
        }
        writeln!(out).unwrap();
        writeln!(out, "C1,{GOOD}{}", ",".repeat(200_000)).unwrap();
    });
    let run = check_bounded(dir.path(), &[], GIB, Duration::from_secs(15));
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(run.json()["summary"]["claims"], 1);
    // A name used twice is still found, however far apart.
    let dir = project(|out| {
        write!(out, "id,source,start,end,quote").unwrap();
        for column in 0..200_000 {
            write!(out, ",extra{column}").unwrap();
        }
        writeln!(out, ",Extra7").unwrap();
    });
    let run = check_bounded(dir.path(), &[], GIB, Duration::from_secs(15));
    let findings = run.findings();
    assert_eq!(findings.len(), 1);
    assert!(findings[0].2.contains("names the column `extra7` twice"), "{findings:?}");
}

#[test]
fn a_file_without_a_line_break_is_refused_in_bounded_memory() {
    // One 64 MB line: read whole it takes gigabytes.
    let dir = project(|out| {
        write!(out, "id,source,quote,").unwrap();
        let block = "x".repeat(MIB);
        for _ in 0..64 {
            out.write_all(block.as_bytes()).unwrap();
        }
    });
    let run = check_bounded(dir.path(), &[], GIB, Duration::from_secs(60));
    assert_eq!(run.status, Some(1), "{}", run.stderr);
    let findings = run.findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let (code, row, message) = &findings[0];
    assert_eq!((code.as_str(), *row), ("csv-invalid", Some(1)));
    assert!(message.contains("header") && message.contains("8388608") && message.contains("record-bytes"), "{message}");
}

#[test]
fn a_huge_row_is_reported_and_the_rows_after_it_are_checked() {
    // A quoted cell of 64 MB (a quote left open until far below, or a pasted dump), then rows.
    for quoted in [true, false] {
        let dir = project(|out| {
            writeln!(out, "id,source,start,end,quote").unwrap();
            writeln!(out, "C1,{GOOD}").unwrap();
            write!(out, "C2,doc.txt,0,3,{}", if quoted { "\"a\nb" } else { "a" }).unwrap();
            let block = "y".repeat(MIB);
            for _ in 0..64 {
                out.write_all(block.as_bytes()).unwrap();
            }
            writeln!(out, "{}", if quoted { "\"" } else { "" }).unwrap();
            writeln!(out, "C3,{GOOD}").unwrap();
            writeln!(out, "C1,{GOOD}").unwrap();
            writeln!(out, "C4,doc.txt,,,quick").unwrap();
        });
        let run = check(dir.path());
        let findings = run.findings();
        let codes: Vec<(&str, Option<u64>)> = findings.iter().map(|(code, row, _)| (code.as_str(), *row)).collect();
        // The huge row is row 3; the rows after it keep their numbers and are checked.
        assert_eq!(codes, [("csv-invalid", Some(3)), ("claim-duplicate-id", Some(5)), ("span-unanchored", Some(6))], "{findings:?}");
        assert!(findings[0].2.contains("row 3") && findings[0].2.contains("record-bytes"), "{}", findings[0].2);
        assert_eq!(run.json()["summary"]["claims"], 4);
        // Lines follow the quoted line break of row 3.
        let github = check_bounded(dir.path(), &["--format", "github"], GIB, Duration::from_secs(60)).stdout;
        let lines: Vec<&str> = github.lines().filter(|line| line.contains("file=claims.csv")).filter_map(|line| line.split(",line=").nth(1)?.split(',').next()).collect();
        assert_eq!(lines, if quoted { ["3", "6", "7"] } else { ["3", "5", "6"] }, "{github}");
    }
}

#[test]
fn a_huge_cell_is_reported_by_its_limit_and_the_limit_is_configurable() {
    let dir = project(|out| {
        writeln!(out, "id,source,start,end,quote,notes").unwrap();
        writeln!(out, "C1,{GOOD},{}", "n".repeat(2 * MIB)).unwrap();
        writeln!(out, "C2,{GOOD},{}", "n".repeat(300)).unwrap();
        writeln!(out, "C3,doc.txt,,,quick,").unwrap();
    });
    let run = check(dir.path());
    let findings = run.findings();
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert_eq!((findings[0].0.as_str(), findings[0].1), ("csv-invalid", Some(2)));
    assert!(findings[0].2.contains("cell 6 holds 2097152 bytes") && findings[0].2.contains("cell-bytes"), "{}", findings[0].2);
    assert_eq!((findings[1].0.as_str(), findings[1].1), ("span-unanchored", Some(4)));
    // The project's own limits apply.
    std::fs::write(dir.path().join("limits.toml"), "[limits]\ncell-bytes = 100\nrecord-bytes = 1000\n").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    let output = command
        .args(["--config", "limits.toml", "check", "--sources", "sources", "--annotations", "claims.csv", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows: Vec<(String, u64)> =
        report["findings"].as_array().unwrap().iter().map(|f| (f["code"].as_str().unwrap().to_string(), f["row"].as_u64().unwrap())).collect();
    assert_eq!(rows, [("csv-invalid".to_string(), 2), ("csv-invalid".to_string(), 3), ("span-unanchored".to_string(), 4)]);
    let message = report["findings"][1]["message"].as_str().unwrap();
    assert!(message.contains("over the limit of 100"), "{message}");
}

#[test]
fn a_header_longer_than_a_read_chunk_numbers_rows_as_fix_does() {
    // Ten extra columns with names of half a megabyte: a header of about 5 MB, past the 4 MiB
    // chunk, each name under the cell limit.
    let columns = 10;
    let dir = project(|out| {
        write!(out, "id,source,start,end,quote").unwrap();
        for column in 0..columns {
            write!(out, ",c{column}{}", "x".repeat(500_000)).unwrap();
        }
        writeln!(out).unwrap();
        let empty = ",".repeat(columns);
        writeln!(out, "C1,{GOOD}{empty}").unwrap();
        writeln!(out, "C2,doc.txt,,,quick{empty}").unwrap();
        writeln!(out, "C3,{GOOD}{empty}").unwrap();
    });
    let run = check(dir.path());
    let findings = run.findings();
    let codes: Vec<(&str, Option<u64>)> = findings.iter().map(|(code, row, _)| (code.as_str(), *row)).collect();
    assert_eq!(codes, [("span-unanchored", Some(3))], "{findings:?}");
    assert_eq!(run.json()["summary"]["claims"], 3);
    // `fix` reads the same file the same way: it fills row 3's offsets and nothing else.
    let fix = common::claimcheck(dir.path(), &["--isolated", "fix", "--sources", "sources", "--annotations", "claims.csv"]);
    assert_eq!(fix.status, 0, "{}\n{}", fix.stdout, fix.stderr);
    let fixed = std::fs::read_to_string(dir.path().join("claims.csv")).unwrap();
    let rows: Vec<&str> = fixed.lines().skip(1).map(|line| line.trim_end_matches(',')).collect();
    assert_eq!(rows, ["C1,doc.txt,4,9,quick", "C2,doc.txt,4,9,quick", "C3,doc.txt,4,9,quick"]);
    assert!(check(dir.path()).findings().is_empty());
}

#[test]
fn offsets_must_be_plain_digits_and_too_large_ones_say_so() {
    let dir = project(|out| {
        writeln!(out, "id,source,start,end,quote").unwrap();
        writeln!(out, "C1,doc.txt,+4,9,quick").unwrap();
        writeln!(out, "C2,doc.txt,4,99999999999999999999,quick").unwrap();
        writeln!(out, "C3,doc.txt,4,+9,quick").unwrap();
        writeln!(out, "C4,doc.txt,4,9,quick").unwrap();
    });
    let run = check(dir.path());
    let report = run.json();
    let findings = report["findings"].as_array().unwrap();
    let summary: Vec<(&str, u64, &str)> =
        findings.iter().map(|f| (f["code"].as_str().unwrap(), f["row"].as_u64().unwrap(), f["column"].as_str().unwrap_or(""))).collect();
    assert_eq!(summary, [("span-invalid", 2, "start"), ("span-invalid", 3, "end"), ("span-invalid", 4, "end")], "{findings:?}");
    let message = |i: usize| findings[i]["message"].as_str().unwrap();
    assert!(message(0).contains("`start` is `+4`, not a whole number"), "{}", message(0));
    assert!(message(1).contains("`end` is `99999999999999999999`, too large"), "{}", message(1));
    assert!(!message(1).contains("not a whole number"), "{}", message(1));
    assert!(message(2).contains("`end` is `+9`, not a whole number"), "{}", message(2));
    // The report does not pretend `+4` was read as an offset.
    assert!(findings[0]["start"].is_null(), "{}", findings[0]);
}

#[test]
fn the_guard_lets_a_normal_run_through() {
    // The guard itself: a small file runs under the address-space limit the tests above set.
    let dir = project(|out| writeln!(out, "id,source,start,end,quote\nC1,{GOOD}").unwrap());
    let run = check_bounded(dir.path(), &[], GIB, Duration::from_secs(30));
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(run.json()["summary"]["claims"], 1);
}
