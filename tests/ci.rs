//! CI use of the real binary: every report format on a fixture tree with drift and many kinds of
//! finding (the shipped data has only its reviewer snapshots, in `tests/shipped.rs`), the SARIF shape, exit statuses, `claimcheck.toml` discovery and
//! overrides, and byte-identical output whatever the order of files on disk.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FORMATS: [&str; 5] = ["full", "concise", "json", "github", "sarif"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture tree: sources with a manifest, and two claims files with most finding kinds.
fn fixture() -> PathBuf {
    repo().join("tests/fixtures/ci")
}

/// The binary, its report unshaped by the terminal variables of whoever runs the tests.
fn claimcheck(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    for name in ["COLUMNS", "CLICOLOR_FORCE", "NO_COLOR"] {
        command.env_remove(name);
    }
    command.current_dir(dir).args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("reports are UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn check(dir: &Path, format: &str, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", format];
    args.extend_from_slice(extra);
    claimcheck(dir, &args)
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, text);
    });
}

/// Snapshots the report of the tree at `dir` in every format, each ending with `status`.
fn snapshot_every_format(dir: &Path, prefix: &str, status: i32) {
    for format in FORMATS {
        let output = check(dir, format, &["--isolated"]);
        assert_eq!(output.status.code(), Some(status), "{format}: {}", stderr(&output));
        snapshot(&format!("{prefix}_{format}"), &stdout(&output));
    }
}

#[test]
fn fixture_in_every_format() {
    snapshot_every_format(&fixture(), "ci_fixture", 1);
}

#[test]
fn concise_points_at_the_cell_at_fault() {
    let text = stdout(&check(&fixture(), "concise", &["--isolated"]));
    // Row 7 is `A4,alpha,abc,12,...`: `start` begins at character 10.
    assert!(text.contains("annotations/claims.csv:7:10: error[span-invalid]"), "{text}");
    // Row 12 starts on line 13: row 11 spreads over lines 11 and 12 with a multi-line quote.
    assert!(text.contains("annotations/claims.csv:13:13: error[span-invalid]"), "{text}");
    // The BOM of a spreadsheet's file is no column.
    assert!(text.contains("annotations/more, 50%.csv:2:9: warning[span-unanchored]"), "{text}");
    assert!(text.lines().all(|line| !line.contains('\r')));
}

#[test]
fn github_annotations_escape_messages_and_properties() {
    let text = stdout(&check(&fixture(), "github", &["--isolated"]));
    let commands: Vec<&str> = text.lines().filter(|line| line.starts_with("::")).collect();
    // `%`, `,` and `:` in a file name are escaped in the property; `%` alone in the message.
    assert!(
        commands.iter().any(|c| c.starts_with("::warning file=annotations/more%2C 50%25.csv,line=2,col=9,endLine=2,endColumn=9,title=claimcheck (span-unanchored)::")),
        "{text}"
    );
    assert!(commands.iter().any(|c| c.contains("::source `50%25, the: missing.txt` does not exist")), "{text}");
    // Notes travel in the message as escaped line breaks: every command stays on one line.
    assert!(commands.iter().any(|c| c.contains("moved from 60..75 to 55..70%0A`claimcheck fix` updates the offsets%0Ahelp: set start = 55, end = 70")));
    // The source span a finding points at gets a notice of its own.
    assert!(commands.iter().any(|c| c.starts_with("::notice file=seeds/beta.txt,line=2,col=43,endLine=2,endColumn=58,title=claimcheck (span-moved)::claim B1: ")));
    // A record spread over two lines is annotated over both.
    assert!(commands.iter().any(|c| c.starts_with("::error file=annotations/claims.csv,line=11,col=1,endLine=12,")), "{text}");
    for command in &commands {
        let (kind, rest) = command[2..].split_once(' ').expect("a command has properties");
        assert!(["error", "warning", "notice"].contains(&kind), "{command}");
        let (properties, _message) = rest.split_once("::").expect("a command has a message");
        let keys: Vec<&str> = properties.split(',').map(|p| p.split_once('=').expect("key=value").0).collect();
        assert_eq!(keys, ["file", "line", "col", "endLine", "endColumn", "title"], "{command}");
    }
}

/// Asserts that `object` holds only `allowed` keys, so a misspelt SARIF property fails.
fn only_keys(object: &Value, allowed: &[&str], what: &str) {
    let map = object.as_object().unwrap_or_else(|| panic!("{what} is an object"));
    for key in map.keys() {
        assert!(allowed.contains(&key.as_str()), "{what} has `{key}`, which SARIF 2.1.0 does not define there");
    }
}

fn text_of<'a>(object: &'a Value, key: &str, what: &str) -> &'a str {
    let text = object[key]["text"].as_str().unwrap_or_else(|| panic!("{what}.{key}.text is a string"));
    assert!(!text.is_empty(), "{what}.{key}.text is empty");
    text
}

fn check_physical_location(location: &Value, what: &str) {
    only_keys(location, &["physicalLocation", "id", "message"], what);
    let physical = &location["physicalLocation"];
    only_keys(physical, &["artifactLocation", "region"], what);
    let uri = physical["artifactLocation"]["uri"].as_str().unwrap_or_else(|| panic!("{what} has a uri"));
    assert!(!uri.starts_with('/') && !uri.contains('\\') && !uri.contains(' ') && !uri.contains(':'), "{what}: `{uri}` is a relative URI with `/`");
    if let Some(region) = physical.get("region") {
        only_keys(region, &["startLine", "startColumn", "endLine", "endColumn"], what);
        let number = |key: &str| region[key].as_u64().unwrap_or_else(|| panic!("{what}.region.{key} is a whole number"));
        let (start_line, start_column, end_line, end_column) = (number("startLine"), number("startColumn"), number("endLine"), number("endColumn"));
        assert!(start_line >= 1 && start_column >= 1, "{what}: lines and columns are 1-based");
        assert!(end_line > start_line || (end_line == start_line && end_column >= start_column), "{what}: the region ends after it starts");
    }
}

/// The parts of the SARIF 2.1.0 schema this program emits, checked field by field; returns the
/// results for further checks.
fn check_sarif_shape(text: &str) -> Vec<Value> {
    let log: Value = serde_json::from_str(text).expect("SARIF is JSON");
    only_keys(&log, &["$schema", "version", "runs"], "the log");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().is_some_and(|s| s.contains("sarif-2.1.0")));
    let runs = log["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    only_keys(run, &["tool", "columnKind", "results"], "the run");
    assert!(["utf16CodeUnits", "unicodeCodePoints"].contains(&run["columnKind"].as_str().unwrap_or_default()));
    let driver = &run["tool"]["driver"];
    only_keys(driver, &["name", "version", "semanticVersion", "rules"], "tool.driver");
    assert_eq!(driver["name"], "claimcheck");
    assert!(driver["version"].is_string());
    let rules = driver["rules"].as_array().expect("tool.driver.rules is an array");
    let ids: Vec<&str> = rules.iter().map(|rule| rule["id"].as_str().expect("a rule has an id")).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique");
    assert_eq!(ids.len(), 18, "one rule per finding code of the contract");
    for rule in rules {
        only_keys(rule, &["id", "shortDescription", "fullDescription", "help", "defaultConfiguration"], "a rule");
        for key in ["shortDescription", "fullDescription", "help"] {
            text_of(rule, key, "a rule");
        }
        only_keys(&rule["defaultConfiguration"], &["level"], "defaultConfiguration");
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap_or_default()));
    }
    let results = run["results"].as_array().expect("results is an array").clone();
    for (index, result) in results.iter().enumerate() {
        let what = format!("result {index}");
        only_keys(result, &["ruleId", "ruleIndex", "level", "message", "locations", "relatedLocations"], &what);
        let rule_index = result["ruleIndex"].as_u64().expect("ruleIndex is a whole number") as usize;
        assert_eq!(result["ruleId"].as_str(), Some(ids[rule_index]), "{what}: ruleIndex points at its rule");
        assert!(["none", "note", "warning", "error"].contains(&result["level"].as_str().unwrap_or_default()), "{what}");
        text_of(result, "message", &what);
        let locations = result["locations"].as_array().expect("locations is an array");
        assert_eq!(locations.len(), 1, "{what}");
        check_physical_location(&locations[0], &what);
        for related in result.get("relatedLocations").and_then(Value::as_array).into_iter().flatten() {
            assert!(related["id"].as_u64().is_some(), "{what}: a related location has an id");
            text_of(related, "message", &what);
            check_physical_location(related, &what);
        }
    }
    results
}

fn percent_decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&uri[i + 1..i + 3], 16).expect("two hex digits after %"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn sarif_results_match_the_findings() {
    let results = check_sarif_shape(&stdout(&check(&fixture(), "sarif", &["--isolated"])));
    let json: Value = serde_json::from_str(&stdout(&check(&fixture(), "json", &["--isolated"]))).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["code"]);
        assert_eq!(result["level"], finding["severity"]);
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(percent_decode(uri), finding["file"].as_str().unwrap());
    }
    let moved = results.iter().find(|r| r["ruleId"] == "span-moved").unwrap();
    assert_eq!(moved["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "seeds/beta.txt");
}

#[test]
fn exit_status_is_0_clean_1_errors_2_cannot_work() {
    let clean = ["--isolated", "--sources", "tests/fixtures/sources", "--annotations", "tests/fixtures/claims/clean.csv"];
    assert_eq!(check(&repo(), "concise", &clean).status.code(), Some(0));
    assert_eq!(check(&fixture(), "concise", &["--isolated"]).status.code(), Some(1));
    let missing = check(&fixture(), "concise", &["--isolated", "--sources", "no-such-folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no-such-folder"), "{}", stderr(&missing));
    assert_eq!(check(&fixture(), "xml", &["--isolated"]).status.code(), Some(2));
}

#[test]
fn exit_zero_reports_the_same_and_exits_0() {
    for format in FORMATS {
        let failing = check(&fixture(), format, &["--isolated"]);
        let reported = check(&fixture(), format, &["--isolated", "--exit-zero"]);
        assert_eq!(reported.status.code(), Some(0), "{format}");
        assert_eq!(reported.stdout, failing.stdout, "{format}");
    }
}

/// Copies `from` into `to`, creating files and folders in sorted or reverse-sorted order, so
/// the two copies list their entries differently on most file systems.
fn copy_tree(from: &Path, to: &Path, reverse: bool) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(from).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    if reverse {
        entries.reverse();
    }
    std::fs::create_dir_all(to).unwrap();
    for entry in entries {
        let target = to.join(entry.file_name().unwrap());
        if entry.is_dir() {
            copy_tree(&entry, &target, reverse);
        } else {
            std::fs::copy(&entry, &target).unwrap();
        }
    }
}

#[test]
fn output_is_byte_identical_whatever_the_order_on_disk() {
    let forward = tempfile::tempdir().unwrap();
    let backward = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), forward.path(), false);
    copy_tree(&fixture(), backward.path(), true);
    for format in FORMATS {
        let a = check(forward.path(), format, &["--isolated"]);
        let b = check(backward.path(), format, &["--isolated"]);
        assert_eq!(a.stdout, b.stdout, "{format} differs between the two copies");
        // And the same as in the repository: no absolute path leaks into the report.
        assert_eq!(a.stdout, check(&fixture(), format, &["--isolated"]).stdout, "{format}");
    }
}

/// A copy of the fixture under `root/project`, a repository (so `claimcheck.toml` is looked for
/// up to it from its subfolders), with `claimcheck.toml` holding `config`.
fn project_with_config(config: &str) -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let project = root.path().join("project");
    copy_tree(&fixture(), &project, false);
    std::fs::create_dir(project.join(".git")).unwrap();
    std::fs::write(project.join("claimcheck.toml"), config).unwrap();
    (root, project)
}

fn summary(output: &Output) -> Value {
    let json: Value = serde_json::from_str(&stdout(output)).unwrap_or_else(|_| panic!("JSON report: {}", stderr(output)));
    json["summary"].clone()
}

fn codes(output: &Output) -> Vec<String> {
    let json: Value = serde_json::from_str(&stdout(output)).unwrap();
    json["findings"].as_array().unwrap().iter().map(|f| format!("{}:{}", f["code"].as_str().unwrap(), f["severity"].as_str().unwrap())).collect()
}

#[test]
fn config_is_found_from_a_nested_folder_and_its_folders_are_relative_to_it() {
    // The folders are renamed so that only the file can lead the check to them.
    let (_root, project) = project_with_config("sources = \"docs\"\nannotations = \"claims\"\n");
    std::fs::rename(project.join("seeds"), project.join("docs")).unwrap();
    std::fs::rename(project.join("annotations"), project.join("claims")).unwrap();
    let nested = project.join("notes/2024");
    std::fs::create_dir_all(&nested).unwrap();
    let output = check(&nested, "concise", &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("../../claims/claims.csv:3:10: warning[span-unanchored]"), "{text}");
    assert!(text.contains("../../docs/sources.csv:3:29: error[csv-invalid]"), "{text}");
    // From the project's own folder the paths are plain.
    assert!(stdout(&check(&project, "concise", &[])).starts_with("claims/claims.csv:3:10:"));
}

#[test]
fn without_folders_in_the_config_the_defaults_stand_beside_it() {
    let (_root, project) = project_with_config("[figures]\napproximate-tolerance = 0.1\n");
    let nested = project.join("notes");
    std::fs::create_dir_all(&nested).unwrap();
    let output = check(&nested, "concise", &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("../annotations/claims.csv:3:10: warning[span-unanchored]"), "{}", stdout(&output));
}

#[test]
fn config_flag_names_a_file_and_isolated_ignores_them() {
    let (root, project) = project_with_config("this is not toml\n");
    // The discovered file is broken: the check cannot run (exit 2), naming the file.
    let broken = check(&project, "json", &[]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(stderr(&broken).contains("claimcheck.toml"), "{}", stderr(&broken));
    // --isolated ignores it.
    assert_eq!(check(&project, "json", &["--isolated"]).status.code(), Some(1));
    // --config names another file, before or after the command.
    let other = root.path().join("strict.toml");
    std::fs::write(&other, "sources = \"project/seeds\"\nannotations = \"project/annotations/claims.csv\"\n[severity]\nspan-unanchored = \"off\"\nspan-moved = \"off\"\n").unwrap();
    let named = check(&project, "json", &["--config", other.to_str().unwrap()]);
    assert_eq!(named.status.code(), Some(1), "{}", stderr(&named));
    let found = codes(&named);
    assert!(!found.iter().any(|c| c.starts_with("span-unanchored") || c.starts_with("span-moved")), "{found:?}");
    // Only the one claims file it names, and the manifest, are read.
    assert!(!stdout(&named).contains("more, 50%"), "{}", stdout(&named));
    let before = claimcheck(&project, &["--config", other.to_str().unwrap(), "check", "--format", "json"]);
    assert_eq!(before.stdout, named.stdout);
    // The two cannot be combined.
    assert_eq!(check(&project, "json", &["--isolated", "--config", other.to_str().unwrap()]).status.code(), Some(2));
    // A named file that does not exist is an error, not a silent fallback.
    let absent = check(&project, "json", &["--config", "absent.toml"]);
    assert_eq!(absent.status.code(), Some(2));
    assert!(stderr(&absent).contains("absent.toml"), "{}", stderr(&absent));
}

#[test]
fn flags_beat_the_config_file() {
    let (_root, project) = project_with_config("sources = \"nowhere\"\nannotations = \"nowhere\"\n");
    assert_eq!(check(&project, "json", &[]).status.code(), Some(2));
    let output = check(&project, "json", &["--sources", "seeds", "--annotations", "annotations"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn unknown_keys_and_bad_values_are_errors_naming_the_key() {
    let cases = [
        ("source = \"seeds\"\n", "`source`"),
        ("[figures]\ntolerance = 0.2\n", "[figures] unknown key `tolerance`"),
        ("[severity]\nspan-moove = \"off\"\n", "[severity] span-moove: unknown key"),
        ("[severity]\nspan-moved = \"fatal\"\n", "[severity] span-moved: expected one of error|warning|note|off, found string \"fatal\""),
        ("[figures]\napproximate-tolerance = -0.1\n", "[figures] approximate-tolerance: expected"),
        ("[colors]\nerror = \"red\"\n", "`colors`"),
    ];
    for (config, key) in cases {
        let (_root, project) = project_with_config(config);
        let output = check(&project, "concise", &[]);
        assert_eq!(output.status.code(), Some(2), "{config}");
        let message = stderr(&output);
        assert!(message.contains(key) && message.contains("claimcheck.toml"), "{config}: {message}");
        assert!(output.stdout.is_empty(), "no report when the configuration is unusable");
    }
}

#[test]
fn severity_overrides_change_findings_summary_and_exit_status() {
    let baseline = check(&fixture(), "json", &["--isolated"]);
    assert_eq!(summary(&baseline)["errors"], 9);
    assert_eq!(summary(&baseline)["warnings"], 6);

    // Every error code demoted or turned off: the check passes, warnings and notes remain.
    let (_root, project) = project_with_config(
        "[severity]\ncsv-invalid = \"note\"\nspan-missing = \"warning\"\nspan-invalid = \"note\"\nsource-missing = \"off\"\nclaim-missing-field = \"warning\"\nclaim-duplicate-id = \"warning\"\nspan-unanchored = \"off\"\nfigure-conflict = \"warning\"\n",
    );
    let relaxed = check(&project, "json", &[]);
    assert_eq!(relaxed.status.code(), Some(0), "{}", stderr(&relaxed));
    let counts = summary(&relaxed);
    assert_eq!((counts["errors"].as_u64(), counts["warnings"].as_u64(), counts["notes"].as_u64()), (Some(0), Some(8), Some(4)));
    let found = codes(&relaxed);
    assert!(!found.iter().any(|c| c.starts_with("source-missing") || c.starts_with("span-unanchored")), "{found:?}");
    assert!(found.contains(&"csv-invalid:note".to_string()) && found.contains(&"span-missing:warning".to_string()), "{found:?}");
    // The text formats count the same way.
    assert!(stdout(&check(&project, "concise", &[])).contains("checked 11 claims: 0 errors, 8 warnings, 4 notes"));

    // A warning promoted to an error fails the check.
    let (_root, strict) = project_with_config(
        "[severity]\ncsv-invalid = \"off\"\nspan-missing = \"off\"\nspan-invalid = \"off\"\nsource-missing = \"off\"\nclaim-missing-field = \"off\"\nclaim-duplicate-id = \"off\"\nfigure-conflict = \"off\"\nspan-moved = \"error\"\n",
    );
    let promoted = check(&strict, "json", &[]);
    assert_eq!(promoted.status.code(), Some(1));
    assert_eq!(summary(&promoted)["errors"], 3);
    assert_eq!(check(&strict, "json", &["--exit-zero"]).status.code(), Some(0));
}

#[test]
fn the_samples_in_docs_ci_md_are_real_output() {
    let doc = std::fs::read_to_string(repo().join("docs/ci.md")).unwrap();
    let concise = stdout(&check(&fixture(), "concise", &["--isolated"]));
    let github = stdout(&check(&fixture(), "github", &["--isolated"]));
    let full = stdout(&check(&fixture(), "full", &["--isolated"]));
    let mut compared = 0;
    for line in doc.lines().filter(|line| !line.ends_with("...")) {
        let real = if line.starts_with("::") {
            &github
        } else if line.starts_with("annotations/") || line.starts_with("seeds/") || line.starts_with("checked ") {
            &concise
        } else if line.starts_with("warning[") || line.starts_with(" --> ") {
            &full
        } else {
            continue;
        };
        assert!(real.lines().any(|l| l == line), "docs/ci.md shows a line the program does not print:\n{line}");
        compared += 1;
    }
    assert!(compared >= 8, "the samples were not found ({compared} lines)");
}

#[test]
fn the_workflow_runs_the_tests_and_the_check_on_pull_requests() {
    let workflow = std::fs::read_to_string(repo().join(".github/workflows/claims.yml")).unwrap();
    for needed in ["pull_request:", "run: bash .ci/run", "check --format github"] {
        assert!(workflow.contains(needed), "the workflow lacks `{needed}`");
    }
    // The README says CI runs `.ci/run`, and `.ci/run` runs the README's test command.
    let run = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(run.lines().any(|line| line.trim() == "cargo test --locked"), "{run}");
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains("cargo test --locked") && readme.contains(".ci/run"), "the README names the test command and .ci/run");
    assert!(!workflow.contains('\t'), "YAML forbids tabs for indentation");
}
