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
use std::fmt;
use toml::{Spanned, Value};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "claimcheck.toml";
pub const DEFAULT_SOURCES: &str = "seeds";
pub const DEFAULT_ANNOTATIONS: &str = "annotations";

/// The file as written. Unknown keys are refused by serde, which names them; every value is
/// kept with its place in the file and checked here, so an error names its table, key and place.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    sources: Option<Spanned<Value>>,
    annotations: Option<Spanned<Value>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Value>>,
    #[serde(default)]
    figures: RawFigures,
    #[serde(default)]
    limits: RawLimits,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFigures {
    approximate_tolerance: Option<Spanned<Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLimits {
    source_bytes: Option<Spanned<Value>>,
    cell_bytes: Option<Spanned<Value>>,
    record_bytes: Option<Spanned<Value>>,
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
        let cannot = |message: String| RunError::Config { path: file.to_path_buf(), message };
        let bytes = crate::load::open::read_in_own_folder(file, crate::load::open::CONFIG_BYTES).map_err(|error| cannot(format!("it cannot be read: {error}")))?;
        let text = String::from_utf8(bytes).map_err(|error| cannot(format!("it is not UTF-8 (byte {}): save it as UTF-8", error.utf8_error().valid_up_to())))?;
        Config::parse(&text, file)
    }

    /// Parses the text of `file`; folders in it are taken relative to the file's folder.
    pub fn parse(text: &str, file: &Path) -> Result<Config, RunError> {
        let error = |message: String| RunError::Config { path: file.to_path_buf(), message };
        let raw: RawConfig = toml::from_str(text).map_err(|e| error(describe_toml_error(&e, text)))?;
        let key = |table: Option<&'static str>, name: &str| Key { table, name: name.to_string(), text };
        let base = file.parent().unwrap_or(Path::new(""));
        let folder = |name: &str, value: Option<Spanned<Value>>| -> Result<Option<PathBuf>, RunError> {
            let Some(value) = value else { return Ok(None) };
            let key = key(None, name);
            match value.get_ref() {
                Value::String(path) if path.is_empty() => Err(error(key.wrong(&value, "a folder name, relative to the configuration file"))),
                Value::String(path) => Ok(Some(base.join(path))),
                _ => Err(error(key.wrong(&value, "a folder name (a string), relative to the configuration file"))),
            }
        };
        let mut severity = BTreeMap::new();
        for (name, level) in raw.severity {
            let key = key(Some("severity"), &name);
            let code = Code::from_name(&name).ok_or_else(|| {
                let codes: Vec<&str> = Code::ALL.iter().map(|code| code.name()).collect();
                error(format!("{key}: unknown key: it is no finding code; the codes are {}{}", codes.join(", "), key.place(level.span().start)))
            })?;
            let level = match level.get_ref() {
                Value::String(text) if text == "error" => Some(Severity::Error),
                Value::String(text) if text == "warning" => Some(Severity::Warning),
                Value::String(text) if text == "note" => Some(Severity::Note),
                Value::String(text) if text == "off" => None,
                _ => return Err(error(key.wrong(&level, "one of error|warning|note|off"))),
            };
            severity.insert(code, level);
        }
        let tolerance = match raw.figures.approximate_tolerance {
            None => None,
            Some(value) => match value.get_ref() {
                Value::Float(fraction) if (0.0..1.0).contains(fraction) => Some(*fraction),
                Value::Integer(0) => Some(0.0),
                _ => {
                    let expected = "a fraction from 0 up to (not including) 1, such as 0.1 for ±10%";
                    return Err(error(key(Some("figures"), "approximate-tolerance").wrong(&value, expected)));
                }
            },
        };
        let limits = parse_limits(raw.limits, text).map_err(error)?;
        Ok(Config {
            file: Some(file.to_path_buf()),
            sources: folder("sources", raw.sources)?,
            annotations: folder("annotations", raw.annotations)?,
            severity,
            approximate_tolerance: tolerance,
            limits,
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
            keep_marks: false,
            limits: self.limits,
        }
    }

    /// Refuses a sources or annotations folder that the flags did not name (a default, or one the
    /// file names) when a link carries it out of the project (the configuration file's folder,
    /// else the working folder): a `seeds` link to `/` planted in a pull request is refused, while
    /// `sources = "../shared"` in the file, which names its way out plainly, stands. `named` says
    /// which of the two folders the flags named.
    pub fn confine(&self, options: &CheckOptions, named: (bool, bool)) -> Result<(), RunError> {
        let root = self.file.as_deref().map_or(Path::new("."), crate::load::open::own_folder);
        let Ok(root) = root.canonicalize() else { return Ok(()) };
        for (what, folder, by_flag) in [("sources", &options.sources, named.0), ("annotations", &options.annotations, named.1)] {
            if by_flag {
                continue;
            }
            let written = lexical(&std::env::current_dir().unwrap_or_default().join(folder));
            // Every link on the way that stands inside the project must stay inside it; links
            // outside the project (`/tmp` on some systems) are not the project's to judge.
            let mut prefix = PathBuf::new();
            let leads_out = written.components().any(|component| {
                prefix.push(component);
                prefix.starts_with(&root)
                    && std::fs::symlink_metadata(&prefix).is_ok_and(|metadata| metadata.is_symlink())
                    && prefix.canonicalize().is_ok_and(|target| !target.starts_with(&root))
            });
            if leads_out {
                let reason = "it is a link (or lies behind one) leading out of the project; name the folder itself, or pass it as a flag";
                let error = std::io::Error::new(std::io::ErrorKind::PermissionDenied, reason);
                return Err(RunError::Folder { what, path: folder.clone(), error });
            }
        }
        Ok(())
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

/// The `claimcheck.toml` that applies in `cwd`, as a path relative to it (`../claimcheck.toml`),
/// so folders named in it stay relative in reports.
///
/// The search goes up from `cwd` to the repository root (the nearest folder holding `.git`, a
/// folder or a worktree's file) and no further; outside a repository only `cwd` is looked at. A
/// folder owned by another user than `cwd`'s owner ends the search: a file planted in a shared
/// parent (`/tmp`, a team's home) must not redirect the check.
pub fn discover(cwd: &Path) -> Option<PathBuf> {
    let owner = owner_of(cwd);
    let root_depth = cwd.ancestors().position(|dir| dir.join(".git").exists()).unwrap_or(0);
    cwd.ancestors()
        .take(root_depth + 1)
        .take_while(|dir| owner_of(dir) == owner)
        .position(|dir| dir.join(FILE_NAME).is_file())
        .map(|depth| {
            let mut path: PathBuf = std::iter::repeat_n("..", depth).collect();
            path.push(FILE_NAME);
            path
        })
}

/// The `[limits]` table over the defaults: each a whole number of bytes, at least 1, and a cell
/// no larger than a record.
fn parse_limits(raw: RawLimits, text: &str) -> Result<Limits, String> {
    let bytes = |name: &str, value: Option<Spanned<Value>>, example: &str| -> Result<Option<usize>, String> {
        let Some(value) = value else { return Ok(None) };
        let key = Key { table: Some("limits"), name: name.to_string(), text };
        match value.get_ref() {
            Value::Integer(bytes) if *bytes >= 1 => usize::try_from(*bytes).map(Some).map_err(|_| key.wrong(&value, "a size this machine can hold")),
            _ => Err(key.wrong(&value, &format!("a whole number of bytes, at least 1, such as {example}"))),
        }
    };
    let mut limits = Limits::default();
    if let Some(source) = bytes("source-bytes", raw.source_bytes, "268435456 for 256 MiB")? {
        limits.source_bytes = source as u64;
    }
    limits.cell_bytes = bytes("cell-bytes", raw.cell_bytes, "1048576 for 1 MiB")?.unwrap_or(limits.cell_bytes);
    limits.record_bytes = bytes("record-bytes", raw.record_bytes, "8388608 for 8 MiB")?.unwrap_or(limits.record_bytes);
    if limits.cell_bytes > limits.record_bytes {
        return Err(format!(
            "[limits] cell-bytes ({}) is larger than [limits] record-bytes ({}): a cell is part of a record",
            limits.cell_bytes, limits.record_bytes
        ));
    }
    Ok(limits)
}

/// `path` with `.` and `..` resolved as written, links not followed.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The user owning `dir`; `None` when that cannot be told (then no owner change is seen).
fn owner_of(dir: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|metadata| metadata.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// A key of the configuration, to name it in errors: `[severity] span-edited`, or `sources`.
struct Key<'t> {
    table: Option<&'static str>,
    name: String,
    text: &'t str,
}

impl fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = visible(&self.name);
        match self.table {
            Some(table) => write!(f, "[{table}] {name}"),
            None => f.write_str(&name),
        }
    }
}

/// `text` with control characters and bidirectional controls as `\u{..}` escapes: a key or a
/// message quoting the file never sends a terminal escape sequence.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => c.escape_unicode().to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

impl Key<'_> {
    /// The error for a value of the wrong kind or out of range.
    fn wrong(&self, value: &Spanned<Value>, expected: &str) -> String {
        format!("{self}: expected {expected}, found {}{}", describe_value(value.get_ref()), self.place(value.span().start))
    }

    /// " (line 5, column 13)" for byte `offset` of the file.
    fn place(&self, offset: usize) -> String {
        place(self.text, offset)
    }
}

/// A value as an error shows it: its kind, and the value itself when it is short and plain.
fn describe_value(value: &Value) -> String {
    match value {
        // Debug quotes and escapes, so a control character never reaches the terminal.
        Value::String(text) if text.chars().count() <= 40 => format!("string {}", visible(&format!("{text:?}"))),
        Value::Integer(number) => format!("integer {number}"),
        Value::Float(number) => format!("float {number}"),
        Value::Boolean(flag) => format!("boolean {flag}"),
        other => other.type_str().to_string(),
    }
}

/// " (line L, column C)" of byte `offset` of `text`, columns counted in characters.
fn place(text: &str, offset: usize) -> String {
    let Some(before) = text.get(..offset) else { return String::new() };
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    format!(" (line {line}, column {column})")
}

/// The table whose section holds byte `offset` of `text`: the last `[name]` header before it.
fn table_at(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    before.lines().rev().map(str::trim).find(|line| line.starts_with('[')).map(|header| {
        let header = header.split('#').next().unwrap_or(header).trim();
        header.trim_start_matches('[').trim_end_matches(']').trim()
    })
}

/// toml's message with the table and place it concerns, on one line, and a hint for unknown keys.
fn describe_toml_error(error: &toml::de::Error, text: &str) -> String {
    let message = visible(&error.message().trim_end().replace('\n', " "));
    let start = error.span().map(|span| span.start);
    let table = start.and_then(|start| table_at(text, start)).map(|table| format!("[{table}] ")).unwrap_or_default();
    let place = start.map(|start| place(text, start)).unwrap_or_default();
    if message.starts_with("unknown field") {
        let message = message.replacen("unknown field", "unknown key", 1);
        format!("{table}{message}{place}: remove the key or correct its spelling")
    } else {
        format!("{table}{message}{place}")
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
    fn errors_name_the_table_the_key_and_the_place() {
        let unknown = parse("sourcez = \"x\"\n").unwrap_err();
        assert!(unknown.contains("`sourcez`") && unknown.contains("conf/claimcheck.toml"), "{unknown}");
        let nested = parse("[figures]\ntolerance = 0.1\n").unwrap_err();
        assert!(nested.contains("[figures] unknown key `tolerance`") && nested.contains("line 2, column 1"), "{nested}");
        let code = parse("[severity]\nspan-moove = \"error\"\n").unwrap_err();
        assert!(code.contains("[severity] span-moove: unknown key"), "{code}");
        let level = parse("[severity]\nspan-moved = \"fatal\"\n").unwrap_err();
        assert!(level.contains("[severity] span-moved: expected one of error|warning|note|off, found string \"fatal\" (line 2, column 14)"), "{level}");
        let integer = parse("sources = \"s\"\n\n[severity]\n\nspan-edited = 1\n").unwrap_err();
        assert!(integer.contains("[severity] span-edited: expected one of error|warning|note|off, found integer 1 (line 5, column 15)"), "{integer}");
        let tolerance = parse("[figures]\napproximate-tolerance = 1.5\n").unwrap_err();
        assert!(tolerance.contains("[figures] approximate-tolerance: expected a fraction") && tolerance.contains("found float 1.5"), "{tolerance}");
        let limit = parse("[limits]\nsource-bytes = \"1GB\"\n").unwrap_err();
        assert!(limit.contains("[limits] source-bytes: expected a whole number of bytes") && limit.contains("found string \"1GB\""), "{limit}");
        let cell = parse("[limits]\ncell-bytes = 0\n").unwrap_err();
        assert!(cell.contains("[limits] cell-bytes: expected a whole number of bytes, at least 1") && cell.contains("found integer 0 (line 2, column 14)"), "{cell}");
        let order = parse("[limits]\ncell-bytes = 100\nrecord-bytes = 10\n").unwrap_err();
        assert!(order.contains("larger than [limits] record-bytes"), "{order}");
        let unknown_limit = parse("[limits]\nrow-bytes = 10\n").unwrap_err();
        assert!(unknown_limit.contains("[limits] unknown key `row-bytes`"), "{unknown_limit}");
        let empty = parse("sources = \"\"\n").unwrap_err();
        assert!(empty.contains("sources: expected a folder name") && empty.contains("found string \"\""), "{empty}");
        let folder = parse("annotations = 3\n").unwrap_err();
        assert!(folder.contains("annotations: expected a folder name (a string)") && folder.contains("found integer 3 (line 1, column 15)"), "{folder}");
        let syntax = parse("sources = \n").unwrap_err();
        assert!(syntax.contains("conf/claimcheck.toml"), "{syntax}");
        let control = parse("[severity]\nspan-moved = \"\\u001b[31m\"\n").unwrap_err();
        assert!(!control.contains('\u{1b}'), "a control character is escaped: {control}");
        for text in ["[severity]\n\"span\\u001b]0;x\\u0007\" = \"off\"\n", "\"a\\u202eb\" = 1\n", "[figures]\n\"x\\u001b\" = 1\n"] {
            let key = parse(text).unwrap_err();
            assert!(!key.chars().any(|c| c.is_control() || c == '\u{202E}'), "{key:?}");
            assert!(key.contains("\\u{1b}") || key.contains("\\u{202e}"), "{key}");
        }
    }

    #[test]
    fn reads_the_source_limit() {
        assert_eq!(parse("").unwrap().limits.source_bytes, 256 << 20);
        assert_eq!(parse("[limits]\nsource-bytes = 1024\n").unwrap().limits.source_bytes, 1024);
        assert!(parse("[limits]\nsource-bytes = 0\n").is_err());
    }

    #[test]
    fn discovery_walks_up_and_answers_relative_to_the_working_folder() {
        let root = tempfile::tempdir().unwrap();
        let nested = root.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(root.path().join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(discover(&nested), None, "outside a repository only the working folder is looked at");
        std::fs::create_dir(root.path().join("a/.git")).unwrap();
        assert_eq!(discover(&nested), Some(PathBuf::from("../claimcheck.toml")));
        assert_eq!(discover(&root.path().join("a")), Some(PathBuf::from("claimcheck.toml")));
        // The repository root ends the search: a file above it is not looked at.
        std::fs::write(root.path().join(FILE_NAME), "").unwrap();
        std::fs::remove_file(root.path().join("a").join(FILE_NAME)).unwrap();
        assert_eq!(discover(&nested), None);
        // A worktree's `.git` is a file.
        std::fs::remove_dir(root.path().join("a/.git")).unwrap();
        std::fs::write(root.path().join("a/b/.git"), "gitdir: elsewhere").unwrap();
        std::fs::write(nested.join(FILE_NAME), "").unwrap();
        assert_eq!(discover(&nested), Some(PathBuf::from("claimcheck.toml")));
    }
}
