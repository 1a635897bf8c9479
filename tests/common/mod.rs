//! Running the real binary from integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// `(code, row)` of every finding in a JSON report, in report order.
    pub fn codes(&self) -> Vec<(String, Option<u64>)> {
        self.json()["findings"]
            .as_array()
            .expect("findings array")
            .iter()
            .map(|f| (f["code"].as_str().unwrap().to_string(), f["row"].as_u64()))
            .collect()
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// Runs `claimcheck` with `args` in folder `cwd`.
pub fn claimcheck(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck")).args(args).current_dir(cwd).output().expect("the binary runs");
    Run {
        status: output.status.code().expect("exited"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Checks one fixture claims file against the fixture sources, as JSON.
pub fn check_fixture(claims: &str) -> Run {
    claimcheck(&fixtures(), &["check", "--sources", "sources", "--annotations", &format!("claims/{claims}"), "--format", "json"])
}
