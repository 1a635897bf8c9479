//! `claimcheck.toml`: the project's settings, so CI and every analyst run the same check.
//!
//! The file is found in the current folder or the nearest one above it, as ruff and typos find
//! theirs; `--config FILE` names one and `--isolated` ignores them all. Command-line flags beat
//! the file, and the file beats the built-in defaults.

use crate::check::{CheckOptions, Report};
use crate::cli::ConfigArgs;
use crate::error::RunError;
use crate::findings::{Code, Severity};
use crate::load::limits::Limits;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "claimcheck.toml";
pub const DEFAULT_SOURCES: &str = "seeds";
pub const DEFAULT_ANNOTATIONS: &str = "annotations";

/// The file as written. Unknown keys are refused by serde, which names them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    sources: Option<PathBuf>,
    annotations: Option<PathBuf>,
    /// Kept as text so a bad code or level is reported with its key, in our words.
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    figures: RawFigures,
    #[serde(default)]
    limits: RawLimits,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLimits {
    source_bytes: Option<i64>,
    cell_bytes: Option<i64>,
    record_bytes: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFigures {
    approximate_tolerance: Option<f64>,
}

/// The settings in force, with folders already relative to the working folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file the settings came from; `None` when none is used.
    pub file: Option<PathBuf>,
    pub sources: Option<PathBuf>,
    pub annotations: Option<PathBuf>,
    /// The severity each listed code is reported with; `None` turns the code off.
    pub severity: BTreeMap<Code, Option<Severity>>,
    pub approximate_tolerance: Option<f64>,
    /// Input sizes past which a file or row is refused (`[limits]`).
    pub limits: Limits,
}

impl Config {
    /// The settings the command-line flags ask for: the named file, the discovered one, or none.
    pub fn load(args: &ConfigArgs) -> Result<Config, RunError> {
        if args.isolated {
            return Ok(Config::default());
        }
        let file = match &args.config {
            Some(file) => Some(file.clone()),
            None => {
                let cwd = std::env::current_dir().map_err(|error| RunError::Config {
                    path: ".".into(),
                    message: format!("the working folder cannot be read ({error}); pass --isolated to skip the configuration"),
                })?;
                discover(&cwd)
            }
        };
        match file {
            Some(file) => Config::read(&file),
            None => Ok(Config::default()),
        }
    }

    pub fn read(file: &Path) -> Result<Config, RunError> {
        let text = std::fs::read_to_string(file)
            .map_err(|error| RunError::Config { path: file.to_path_buf(), message: format!("it cannot be read: {error}") })?;
        Config::parse(&text, file)
    }

    /// Parses the text of `file`; folders in it are taken relative to the file's folder.
    pub fn parse(text: &str, file: &Path) -> Result<Config, RunError> {
        let error = |message: String| RunError::Config { path: file.to_path_buf(), message };
        let raw: RawConfig = toml::from_str(text).map_err(|e| error(describe_toml_error(&e, text)))?;
        let base = file.parent().unwrap_or(Path::new(""));
        let folder = |key: &str, value: Option<PathBuf>| match value {
            Some(path) if path.as_os_str().is_empty() => Err(error(format!("`{key}` is empty: name a folder, relative to the configuration file"))),
            Some(path) => Ok(Some(base.join(path))),
            None => Ok(None),
        };
        let mut severity = BTreeMap::new();
        for (key, level) in raw.severity {
            let code = Code::from_name(&key).ok_or_else(|| {
                let codes: Vec<&str> = Code::ALL.iter().map(|code| code.name()).collect();
                error(format!("unknown key `severity.{key}`: it is no finding code; the codes are {}", codes.join(", ")))
            })?;
            let level = match level.as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "note" => Some(Severity::Note),
                "off" => None,
                other => return Err(error(format!("`severity.{key}` is `{other}`: use \"error\", \"warning\", \"note\" or \"off\""))),
            };
            severity.insert(code, level);
        }
        let tolerance = raw.figures.approximate_tolerance;
        if let Some(value) = tolerance
            && !(0.0..1.0).contains(&value)
        {
            return Err(error(format!(
                "`figures.approximate-tolerance` is {value}: give a fraction from 0 up to (not including) 1, such as 0.1 for ±10%"
            )));
        }
        let limits = parse_limits(&raw.limits).map_err(error)?;
        Ok(Config {
            limits,
            file: Some(file.to_path_buf()),
            sources: folder("sources", raw.sources)?,
            annotations: folder("annotations", raw.annotations)?,
            severity,
            approximate_tolerance: tolerance,
        })
    }

    /// The relative half-width of approximate figures: the file's, or the reader's default.
    pub fn approximate_tolerance(&self) -> f64 {
        self.approximate_tolerance.unwrap_or(crate::figures::DEFAULT_TOLERANCE)
    }

    /// The check to run: each flag given beats the file, which beats the defaults.
    pub fn check_options(&self, sources: Option<PathBuf>, annotations: Option<PathBuf>) -> CheckOptions {
        CheckOptions {
            sources: sources.or_else(|| self.sources.clone()).unwrap_or_else(|| self.default_folder(DEFAULT_SOURCES)),
            annotations: annotations.or_else(|| self.annotations.clone()).unwrap_or_else(|| self.default_folder(DEFAULT_ANNOTATIONS)),
            stdin_claims: None,
            approximate_tolerance: self.approximate_tolerance(),
            limits: self.limits,
            keep_marks: false,
        }
    }

    /// A default folder: beside the configuration file, which marks the project's root (as ruff
    /// takes it), so a check run from a subfolder finds the project's `seeds/`; without a file,
    /// in the working folder.
    fn default_folder(&self, name: &str) -> PathBuf {
        match self.file.as_deref().and_then(Path::parent) {
            Some(root) => root.join(name),
            None => PathBuf::from(name),
        }
    }

    /// Gives findings the severities the file sets, and drops those of codes turned off, so the
    /// summary and the exit status follow the project's choices.
    pub fn apply_severities(&self, report: &mut Report) {
        if self.severity.is_empty() {
            return;
        }
        report.findings.retain_mut(|finding| match self.severity.get(&finding.code) {
            Some(Some(severity)) => {
                finding.severity = *severity;
                true
            }
            Some(None) => false,
            None => true,
        });
    }
}

/// The `[limits]` table over the defaults: each a whole number of bytes, at least 1, and a cell
/// no larger than a record.
fn parse_limits(raw: &RawLimits) -> Result<Limits, String> {
    let bytes = |key: &str, value: Option<i64>| -> Result<Option<usize>, String> {
        match value {
            None => Ok(None),
            Some(value) if value >= 1 => usize::try_from(value).map(Some).map_err(|_| format!("`limits.{key}` is {value}: too large for this machine")),
            Some(value) => Err(format!("`limits.{key}` is {value}: give a size in bytes, at least 1, such as 1048576 for 1 MiB")),
        }
    };
    let mut limits = Limits::default();
    if let Some(source) = bytes("source-bytes", raw.source_bytes)? {
        limits.source_bytes = source as u64;
    }
    limits.cell_bytes = bytes("cell-bytes", raw.cell_bytes)?.unwrap_or(limits.cell_bytes);
    limits.record_bytes = bytes("record-bytes", raw.record_bytes)?.unwrap_or(limits.record_bytes);
    if limits.cell_bytes > limits.record_bytes {
        return Err(format!(
            "`limits.cell-bytes` ({}) is larger than `limits.record-bytes` ({}): a cell is part of a record",
            limits.cell_bytes, limits.record_bytes
        ));
    }
    Ok(limits)
}

/// The nearest `claimcheck.toml` in `cwd` or a folder above it, as a path relative to `cwd`
/// (`../claimcheck.toml`), so folders named in it stay relative in reports.
pub fn discover(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors().enumerate().find(|(_, dir)| dir.join(FILE_NAME).is_file()).map(|(depth, _)| {
        let mut path: PathBuf = std::iter::repeat_n("..", depth).collect();
        path.push(FILE_NAME);
        path
    })
}

/// toml's message with its line and column, on one line, and a hint for unknown keys.
fn describe_toml_error(error: &toml::de::Error, text: &str) -> String {
    let message = error.message().trim_end();
    let place = error
        .span()
        .and_then(|span| text.get(..span.start))
        .map(|before| {
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            format!(" (line {line}, column {column})")
        })
        .unwrap_or_default();
    if message.starts_with("unknown field") {
        format!("{message}{place}: remove the key or correct its spelling")
    } else {
        format!("{message}{place}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("conf/claimcheck.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_every_key_and_takes_folders_relative_to_the_file() {
        let config = parse(
            "sources = \"docs\"\nannotations = \"claims/a.csv\"\n[severity]\nspan-moved = \"error\"\nspan-unanchored = \"off\"\n[figures]\napproximate-tolerance = 0.2\n",
        )
        .unwrap();
        assert_eq!(config.sources, Some(PathBuf::from("conf/docs")));
        assert_eq!(config.annotations, Some(PathBuf::from("conf/claims/a.csv")));
        assert_eq!(config.severity.get(&Code::SpanMoved), Some(&Some(Severity::Error)));
        assert_eq!(config.severity.get(&Code::SpanUnanchored), Some(&None));
        assert_eq!(config.approximate_tolerance, Some(0.2));
        assert_eq!(config.limits, Limits::default());
        let limits = parse("[limits]\nsource-bytes = 1000\ncell-bytes = 10\nrecord-bytes = 20\n").unwrap().limits;
        assert_eq!(limits, Limits { source_bytes: 1000, cell_bytes: 10, record_bytes: 20 });
    }

    #[test]
    fn flags_beat_the_file_which_beats_the_defaults() {
        let config = parse("sources = \"docs\"\n").unwrap();
        let options = config.check_options(Some("flag".into()), None);
        assert_eq!(options.sources, PathBuf::from("flag"));
        assert_eq!(options.annotations, PathBuf::from("conf").join(DEFAULT_ANNOTATIONS), "defaults stand beside the file");
        assert_eq!(options.approximate_tolerance, crate::figures::DEFAULT_TOLERANCE);
        assert_eq!(config.check_options(None, None).sources, PathBuf::from("conf/docs"));
    }

    #[test]
    fn errors_name_the_key_and_the_file() {
        let unknown = parse("sourcez = \"x\"\n").unwrap_err();
        assert!(unknown.contains("`sourcez`") && unknown.contains("conf/claimcheck.toml"), "{unknown}");
        let nested = parse("[figures]\ntolerance = 0.1\n").unwrap_err();
        assert!(nested.contains("`tolerance`"), "{nested}");
        let code = parse("[severity]\nspan-moove = \"error\"\n").unwrap_err();
        assert!(code.contains("`severity.span-moove`"), "{code}");
        let level = parse("[severity]\nspan-moved = \"fatal\"\n").unwrap_err();
        assert!(level.contains("`severity.span-moved` is `fatal`"), "{level}");
        let tolerance = parse("[figures]\napproximate-tolerance = 1.5\n").unwrap_err();
        assert!(tolerance.contains("`figures.approximate-tolerance` is 1.5"), "{tolerance}");
        let empty = parse("sources = \"\"\n").unwrap_err();
        assert!(empty.contains("`sources` is empty"), "{empty}");
        let limit = parse("[limits]\ncell-bytes = 0\n").unwrap_err();
        assert!(limit.contains("`limits.cell-bytes` is 0"), "{limit}");
        let order = parse("[limits]\ncell-bytes = 100\nrecord-bytes = 10\n").unwrap_err();
        assert!(order.contains("larger than `limits.record-bytes`"), "{order}");
        let unknown_limit = parse("[limits]\nrow-bytes = 10\n").unwrap_err();
        assert!(unknown_limit.contains("`row-bytes`"), "{unknown_limit}");
        let syntax = parse("sources = \n").unwrap_err();
        assert!(syntax.contains("conf/claimcheck.toml"), "{syntax}");
    }

    #[test]
    fn discovery_walks_up_and_answers_relative_to_the_working_folder() {
        let root = tempfile::tempdir().unwrap();
        let nested = root.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(root.path().join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(discover(&nested), Some(PathBuf::from("../claimcheck.toml")));
        assert_eq!(discover(&root.path().join("a")), Some(PathBuf::from("claimcheck.toml")));
    }
}
