//! Helpers shared by the integration tests: the real binary run on fixture trees, and a copy of
//! the frozen workspace fixture in a temporary folder to drift and fix.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

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
    PathBuf::from(ROOT)
}

pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// A frozen copy of the analysts' workspace (`seeds/` and `annotations/` as once shipped): tests
/// that assert behaviour read it, so that analysts editing the shipped data change only the
/// reviewer snapshots of `tests/shipped.rs`, never a behavioural test.
pub fn workspace_fixture() -> PathBuf {
    fixtures().join("workspace")
}

/// Runs `claimcheck` with `args` in folder `cwd`.
pub fn claimcheck(cwd: &Path, args: &[&str]) -> Run {
    // The width and colour of the `full` report come from the terminal's variables: not the tester's.
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck")).args(args).current_dir(cwd).env_remove("COLUMNS").env_remove("CLICOLOR_FORCE").output().expect("the binary runs");
    Run {
        status: output.status.code().expect("exited"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Checks one fixture claims file against the fixture sources, as JSON.
pub fn check_fixture(claims: &str) -> Run {
    claimcheck(&fixtures(), &["check", "--isolated", "--sources", "sources", "--annotations", &format!("claims/{claims}"), "--format", "json"])
}

/// A temporary copy of the workspace fixture's `seeds/` and `annotations/`, to drift and fix
/// without touching the repository.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for folder in ["seeds", "annotations"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            for entry in std::fs::read_dir(workspace_fixture().join(folder)).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), dir.path().join(folder).join(entry.file_name())).unwrap();
            }
        }
        Workspace { dir }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    pub fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.path(relative), text).unwrap();
    }

    /// Runs `claimcheck` in the workspace folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_claimcheck")).args(args).current_dir(self.dir.path()).env_remove("COLUMNS").env_remove("CLICOLOR_FORCE").output().expect("the binary runs")
    }

    /// `check --format json`, parsed.
    pub fn check_json(&self) -> serde_json::Value {
        let output = self.run(&["check", "--format", "json", "--exit-zero"]);
        assert!(output.status.success(), "check failed: {}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).expect("the report is JSON")
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
