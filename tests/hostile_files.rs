//! Hostile files: links out of the project, FIFOs, huge sparse files, unreadable folders, planted
//! configuration files, and a report written over an input. Each test builds its project in a
//! temporary folder and runs the real binary with a time limit, so a hang fails instead of
//! blocking the suite.
//!
//! `CLAIMCHECK_BIN` runs another build of the binary (an older one, to see these tests fail).

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SOURCE: &str = "The council approved 12 new schools in 2023.\n";
const CLAIMS: &str = "id,source,quote,start,end\nC1,a.txt,approved 12 new schools,12,35\n";
/// What a file outside the project holds: it must never show up in any output.
const SECRET: &str = "id,source,quote\nSECRET_TOKEN=hunter2,x,y\n";

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.all()))
    }

    /// The findings of a JSON report as `(code, file, message)`.
    fn findings(&self) -> Vec<(String, String, String)> {
        let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        self.json()["findings"].as_array().unwrap().iter().map(|f| (text(&f["code"]), text(&f["file"]), text(&f["message"]))).collect()
    }
}

fn binary() -> PathBuf {
    std::env::var_os("CLAIMCHECK_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_claimcheck")), PathBuf::from)
}

/// Runs the binary in `cwd`, as `prefix` (e.g. `setpriv ...`) when given, killed after 30 s.
fn run_as(prefix: &[&str], cwd: &Path, args: &[&str]) -> Run {
    let binary = binary();
    let mut command = match prefix.split_first() {
        Some((program, rest)) => {
            let mut command = Command::new(program);
            command.args(rest).arg(&binary);
            command
        }
        None => Command::new(&binary),
    };
    let mut child = command.args(args).current_dir(cwd).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("claimcheck {args:?} still ran after 30 s: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    run_as(&[], cwd, args)
}

/// A project (`seeds/a.txt`, `annotations/claims.csv`) in `root/project`, with room beside it
/// for files outside the project (`root/outside`).
struct Project {
    root: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let root = tempfile::tempdir().unwrap();
        for folder in ["project/seeds", "project/annotations", "outside"] {
            std::fs::create_dir_all(root.path().join(folder)).unwrap();
        }
        let project = Project { root };
        project.write("seeds/a.txt", SOURCE);
        project.write("annotations/claims.csv", CLAIMS);
        std::fs::write(project.outside("secret.csv"), SECRET).unwrap();
        project
    }

    fn dir(&self) -> PathBuf {
        self.root.path().join("project")
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir().join(relative)
    }

    fn outside(&self, name: &str) -> PathBuf {
        self.root.path().join("outside").join(name)
    }

    fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.path(relative), text).unwrap();
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    fn link(&self, relative: &str, target: &Path) {
        symlink(target, self.path(relative)).unwrap();
    }

    fn fifo(&self, relative: &str) {
        let path = std::ffi::CString::new(self.path(relative).into_os_string().into_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0, "mkfifo");
    }

    fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--format", "json", "--exit-zero"];
        all.extend_from_slice(args);
        run(&self.dir(), &all)
    }
}

// ---- check --output never destroys an input, and replaces the report atomically ----

#[test]
fn output_that_is_an_input_is_refused_and_left_intact() {
    let project = Project::new();
    project.write("seeds/sources.csv", "file,id\na.txt,A\n");
    project.write("annotations/reviews.csv", "subject,measure,verdict,reason\n");
    project.write("claimcheck.toml", "[figures]\napproximate-tolerance = 0.1\n");
    project.link("annotations/alias.txt", &project.path("annotations/claims.csv"));
    std::fs::hard_link(project.path("seeds/a.txt"), project.outside("hard-link.txt")).unwrap();
    let alias = project.path("annotations/alias.txt");
    let hard = project.outside("hard-link.txt");
    let inputs: Vec<(&str, &str)> = vec![
        ("annotations/claims.csv", "annotations/claims.csv"),
        ("annotations/reviews.csv", "annotations/reviews.csv"),
        ("seeds/sources.csv", "seeds/sources.csv"),
        ("seeds/a.txt", "seeds/a.txt"),
        ("claimcheck.toml", "claimcheck.toml"),
        (alias.to_str().unwrap(), "annotations/claims.csv"),
        (hard.to_str().unwrap(), "seeds/a.txt"),
    ];
    for (output, input) in inputs {
        let before = std::fs::read(project.path(input)).unwrap();
        let result = run(&project.dir(), &["check", "--output", output]);
        assert_eq!(result.status, 2, "--output {output}: {}", result.all());
        assert!(result.stderr.contains(input) && result.stderr.contains("input"), "names the input {input}: {}", result.stderr);
        assert_eq!(std::fs::read(project.path(input)).unwrap(), before, "{input} is left as it was");
    }
}

#[test]
fn output_replaces_the_report_atomically() {
    let project = Project::new();
    let report = project.path("report.txt");
    std::fs::write(&report, "old report\n").unwrap();
    // A hard link sees writes made in place; a replacement by rename leaves it with the old text.
    std::fs::hard_link(&report, project.path("kept.txt")).unwrap();
    let result = run(&project.dir(), &["check", "--output", "report.txt"]);
    assert_eq!(result.status, 0, "{}", result.all());
    assert!(project.read("report.txt").contains("checked 1 claim"), "{}", project.read("report.txt"));
    assert_eq!(project.read("kept.txt"), "old report\n", "the report was replaced, not rewritten in place");
    let mode = std::fs::metadata(&report).unwrap().mode() & 0o777;
    let umask = unsafe { libc::umask(0o022) };
    unsafe { libc::umask(umask) };
    assert_eq!(mode, 0o666 & !umask, "the report gets the mode any new file gets, not a temporary file's 0600");
    let leftovers: Vec<_> = std::fs::read_dir(project.dir()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn output_is_never_aimed_elsewhere_by_a_planted_link_and_streams_are_written_directly() {
    let project = Project::new();
    let elsewhere = project.outside("target.txt");
    std::fs::write(&elsewhere, "not yours\n").unwrap();
    project.link("report.txt", &elsewhere);
    let linked = run(&project.dir(), &["check", "--output", "report.txt"]);
    assert_eq!(linked.status, 0, "{}", linked.all());
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "not yours\n", "the link's target is not written");
    assert!(project.read("report.txt").contains("checked 1 claim"), "the link is replaced by the report");
    // A stream has nothing to replace: written directly.
    let null = run(&project.dir(), &["check", "--output", "/dev/null"]);
    assert_eq!(null.status, 0, "{}", null.all());
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null is still a device");
    // A pipe (as `--output >(gzip > report.gz)` gives) is read by whoever holds its other end.
    project.fifo("pipe");
    let pipe = project.path("pipe");
    let reader = std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap());
    let piped = run(&project.dir(), &["check", "--output", "pipe"]);
    assert_eq!(piped.status, 0, "{}", piped.all());
    assert!(reader.join().unwrap().contains("checked 1 claim"));
    // A folder or a disk is no place for a report.
    std::fs::create_dir(project.path("reports")).unwrap();
    let folder = run(&project.dir(), &["check", "--output", "reports"]);
    assert_eq!(folder.status, 2, "{}", folder.all());
    assert!(folder.stderr.contains("reports") && folder.stderr.contains("folder"), "{}", folder.stderr);
}

// ---- nothing outside the project is read, and refused files are never echoed ----

#[test]
fn links_out_of_the_project_are_refused_and_never_echoed() {
    let project = Project::new();
    let secret = project.outside("secret.csv");
    project.link("annotations/leak.csv", &secret);
    project.link("annotations/reviews.csv", &secret);
    project.link("seeds/sources.csv", &secret);
    project.link("seeds/leak.txt", &secret);
    project.link("seeds/away", &project.root.path().join("outside"));
    std::fs::create_dir(project.path("seeds/sub")).unwrap();
    project.write("seeds/sub/b.txt", SOURCE);
    project.link("seeds/alias", &project.path("seeds/sub"));
    project.write("annotations/more.csv", "id,source,quote\nC2,leak.txt,SECRET\nC3,away/secret.csv,SECRET\nC4,away,SECRET\nC5,alias/b.txt,approved\n");
    let result = project.check(&[]);
    assert_eq!(result.status, 0, "{}", result.all());
    assert!(!result.all().contains("hunter2") && !result.all().contains("SECRET_TOKEN"), "the secret is never shown:\n{}", result.all());
    let findings = result.findings();
    for file in ["annotations/leak.csv", "annotations/reviews.csv", "seeds/sources.csv"] {
        assert!(
            findings.iter().any(|(code, at, message)| code == "csv-invalid" && at == file && message.contains("refused")),
            "{file} is refused with a finding: {findings:?}"
        );
    }
    for refused in ["`leak.txt`", "`away/secret.csv`", "`away`"] {
        assert!(
            findings.iter().any(|(code, _, message)| code == "source-missing" && message.contains(refused) && message.contains("outside")),
            "{refused} is refused as leading outside: {findings:?}"
        );
    }
    assert!(
        findings.iter().any(|(code, _, message)| code == "source-missing" && message.contains("`alias/b.txt`") && message.contains("link to another folder")),
        "a linked folder inside is not followed, and the finding says so: {findings:?}"
    );
    assert!(findings.iter().all(|(_, _, message)| !message.contains("hunter2")));
    // The claims file named on its own, through a link out: refused the same way.
    let named = project.check(&["--annotations", "annotations/leak.csv"]);
    assert!(!named.all().contains("hunter2"), "{}", named.all());
    assert!(named.findings().iter().any(|(code, _, message)| code == "csv-invalid" && message.contains("refused")), "{}", named.all());
}

#[test]
fn project_folders_replaced_by_links_out_of_the_project_are_refused() {
    let project = Project::new();
    std::fs::create_dir(project.root.path().join("outside/seeds")).unwrap();
    std::fs::write(project.outside("seeds/a.txt"), "SECRET_TOKEN=hunter2 was approved\n").unwrap();
    // `annotations` replaced by a link to a folder holding someone's CSV; `seeds` likewise.
    std::fs::rename(project.path("annotations"), project.path("annotations-real")).unwrap();
    project.link("annotations", &project.root.path().join("outside"));
    let annotations = run(&project.dir(), &["check", "--format", "json"]);
    assert_eq!(annotations.status, 2, "{}", annotations.all());
    assert!(annotations.stderr.contains("annotations") && annotations.stderr.contains("out of the project"), "{}", annotations.stderr);
    assert!(!annotations.all().contains("hunter2"), "{}", annotations.all());
    std::fs::remove_file(project.path("annotations")).unwrap();
    std::fs::rename(project.path("annotations-real"), project.path("annotations")).unwrap();
    std::fs::rename(project.path("seeds"), project.path("seeds-real")).unwrap();
    project.link("seeds", &project.root.path().join("outside/seeds"));
    for command in [&["check", "--format", "json"][..], &["fix", "--dry-run"][..]] {
        let seeds = run(&project.dir(), command);
        assert_eq!(seeds.status, 2, "{command:?}: {}", seeds.all());
        assert!(seeds.stderr.contains("sources") && seeds.stderr.contains("out of the project"), "{}", seeds.stderr);
        assert!(!seeds.all().contains("hunter2"), "{}", seeds.all());
    }
    // Named on the command line, or plainly in the configuration, a folder elsewhere is the user's choice.
    let flagged = run(&project.dir(), &["check", "--format", "json", "--exit-zero", "--sources", "seeds"]);
    assert_eq!(flagged.status, 0, "{}", flagged.all());
    project.write("claimcheck.toml", "sources = \"../outside/seeds\"\n");
    let configured = run(&project.dir(), &["check", "--format", "json", "--exit-zero"]);
    assert_eq!(configured.status, 0, "{}", configured.all());
    // A link that stays inside the project is followed.
    std::fs::remove_file(project.path("claimcheck.toml")).unwrap();
    std::fs::remove_file(project.path("seeds")).unwrap();
    project.link("seeds", &project.path("seeds-real"));
    let inside = run(&project.dir(), &["check", "--format", "json"]);
    assert_eq!(inside.status, 0, "{}", inside.all());
}

#[test]
fn a_configuration_linked_out_of_its_folder_is_refused() {
    let project = Project::new();
    std::fs::write(project.outside("claimcheck.toml"), "sources = \"hunter2\"\n").unwrap();
    project.link("claimcheck.toml", &project.outside("claimcheck.toml"));
    let result = run(&project.dir(), &["check"]);
    assert_eq!(result.status, 2, "{}", result.all());
    assert!(result.stderr.contains("claimcheck.toml") && result.stderr.contains("refused"), "{}", result.stderr);
    assert!(!result.all().contains("hunter2"), "{}", result.all());
}

#[test]
fn fix_leaves_a_claims_file_linked_out_of_the_project_alone() {
    let project = Project::new();
    // A claims file outside the project that fix could improve: blank offsets.
    let outside_claims = "id,source,quote,start,end\nC9,a.txt,approved 12 new schools,,\n";
    std::fs::write(project.outside("theirs.csv"), outside_claims).unwrap();
    project.link("annotations/theirs.csv", &project.outside("theirs.csv"));
    let result = run(&project.dir(), &["fix"]);
    assert!(result.status == 0 || result.status == 1, "{}", result.all());
    assert_eq!(std::fs::read_to_string(project.outside("theirs.csv")).unwrap(), outside_claims, "the target is not rewritten");
    assert!(result.all().contains("refused"), "fix says why it left the file: {}", result.all());
    assert!(std::fs::symlink_metadata(project.path("annotations/theirs.csv")).unwrap().file_type().is_symlink());
}

// ---- FIFOs and oversized files never block or exhaust the run ----

#[test]
fn fifos_named_like_inputs_are_refused_without_blocking() {
    let project = Project::new();
    project.fifo("seeds/pipe.txt");
    project.link("seeds/pipe-link.txt", &project.path("seeds/pipe.txt"));
    project.fifo("seeds/sources.csv");
    project.fifo("annotations/pipe.csv");
    project.fifo("annotations/reviews.csv");
    project.write("annotations/more.csv", "id,source,quote\nP1,pipe.txt,x\nP2,pipe-link.txt,x\n");
    let result = project.check(&[]);
    assert_eq!(result.status, 0, "{}", result.all());
    let findings = result.findings();
    for source in ["pipe.txt", "pipe-link.txt"] {
        assert!(
            findings.iter().any(|(code, _, message)| code == "source-missing" && message.contains(&format!("`{source}`")) && message.contains("FIFO")),
            "{source}: {findings:?}"
        );
    }
    for file in ["seeds/sources.csv", "annotations/pipe.csv", "annotations/reviews.csv"] {
        assert!(findings.iter().any(|(code, at, message)| code == "csv-invalid" && at == file && message.contains("FIFO")), "{file}: {findings:?}");
    }
    let fix = run(&project.dir(), &["fix", "--dry-run"]);
    assert!(fix.status == 0 || fix.status == 1, "{}", fix.all());
    let figures = run(&project.dir(), &["figures", "seeds/pipe.txt"]);
    assert_eq!(figures.status, 2, "{}", figures.all());
    assert!(figures.stderr.contains("FIFO"), "{}", figures.stderr);
}

#[test]
fn a_source_over_the_size_limit_is_refused_unread() {
    let project = Project::new();
    // 10 GB that take no disk: reading it whole would take minutes and all memory.
    let huge = std::fs::File::create(project.path("seeds/huge.txt")).unwrap();
    huge.set_len(10 << 30).unwrap();
    project.write("annotations/more.csv", "id,source,quote\nH1,huge.txt,x\n");
    let started = Instant::now();
    let result = project.check(&[]);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    let findings = result.findings();
    assert!(
        findings.iter().any(|(code, _, message)| code == "source-missing" && message.contains("`huge.txt`") && message.contains("268435456")),
        "the finding names the file and the limit: {findings:?}"
    );
    // The limit is the configuration's: a 46-byte source over a 40-byte limit is refused.
    project.write("claimcheck.toml", "[limits]\nsource-bytes = 40\n");
    let limited = project.findings_with_config();
    assert!(limited.iter().any(|(code, _, message)| code == "source-missing" && message.contains("`a.txt`") && message.contains("40 bytes")), "{limited:?}");
    project.write("claimcheck.toml", "[limits]\nsource-bytes = 46\n");
    let exact = project.findings_with_config();
    assert!(!exact.iter().any(|(_, _, message)| message.contains("`a.txt`")), "a source at the limit is read: {exact:?}");
}

impl Project {
    fn findings_with_config(&self) -> Vec<(String, String, String)> {
        self.check(&["--annotations", "annotations/claims.csv"]).findings()
    }
}

// ---- an unreadable subfolder of the sources is reported, and the rest is checked ----

/// How to run the binary as a user that permissions apply to, or why it cannot be done.
fn unprivileged() -> Result<Vec<&'static str>, String> {
    if unsafe { libc::geteuid() } != 0 {
        return Ok(Vec::new());
    }
    let probe = Command::new("setpriv").args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"]).status();
    match probe {
        Ok(status) if status.success() => Ok(vec!["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]),
        _ => Err("running as root and `setpriv` cannot drop to user 65534".to_string()),
    }
}

/// Opens every folder and file under `dir` to everyone, so another user can read the fixture.
fn open_to_all(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let metadata = std::fs::symlink_metadata(&path).unwrap();
        if metadata.is_dir() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
            open_to_all(&path);
        } else if metadata.is_file() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        }
    }
}

#[test]
fn an_unreadable_subfolder_of_the_sources_is_reported_and_the_run_goes_on() {
    let prefix = match unprivileged() {
        Ok(prefix) => prefix,
        Err(reason) => return eprintln!("skipped: {reason}"),
    };
    let project = Project::new();
    std::fs::create_dir(project.path("seeds/private")).unwrap();
    project.write("seeds/private/b.txt", SOURCE);
    project.write("annotations/more.csv", "id,source,quote,start,end\nP1,private/b.txt,approved 12 new schools,12,35\n");
    std::fs::set_permissions(project.root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    open_to_all(project.root.path());
    std::fs::set_permissions(project.path("seeds/private"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let result = run_as(&prefix, &project.dir(), &["check", "--format", "json"]);
    std::fs::set_permissions(project.path("seeds/private"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(result.status, 1, "the run goes on and fails on its findings: {}", result.all());
    let findings = result.findings();
    assert!(findings.iter().any(|(code, file, message)| code == "source-missing" && file == "seeds/private" && message.contains("cannot be listed")), "{findings:?}");
    assert!(
        findings.iter().any(|(code, _, message)| code == "source-missing" && message.contains("private/b.txt") && message.contains("cannot be listed")),
        "the claim naming a source in it says why: {findings:?}"
    );
    assert_eq!(result.json()["summary"]["claims"], 2, "the other claims are checked");
}

// ---- claimcheck.toml is looked for inside the repository only ----

impl Project {
    /// A folder `relative` of the project holding a copy of the sources and claims, so a check
    /// run there with the default folders passes.
    fn checkable_folder(&self, relative: &str) -> PathBuf {
        for folder in ["seeds", "annotations"] {
            std::fs::create_dir_all(self.path(relative).join(folder)).unwrap();
        }
        std::fs::write(self.path(relative).join("seeds/a.txt"), SOURCE).unwrap();
        std::fs::write(self.path(relative).join("annotations/claims.csv"), CLAIMS).unwrap();
        self.path(relative)
    }
}

#[test]
fn a_configuration_above_the_working_folder_applies_only_inside_a_repository() {
    let project = Project::new();
    let sub = project.checkable_folder("sub");
    // A file planted in a shared parent folder, outside the repository, redirects the sources.
    std::fs::write(project.root.path().join("claimcheck.toml"), "sources = \"planted\"\n").unwrap();
    let outside_repository = run(&sub, &["check", "--format", "concise"]);
    assert_eq!(outside_repository.status, 0, "outside a repository only the working folder is looked at: {}", outside_repository.all());
    assert!(!outside_repository.all().contains("settings from"), "{}", outside_repository.all());
    std::fs::create_dir(project.path(".git")).unwrap();
    let above_root = run(&sub, &["check", "--format", "concise"]);
    assert_eq!(above_root.status, 0, "nothing above the repository root is looked at: {}", above_root.all());
    project.write("claimcheck.toml", "sources = \"sub/seeds\"\nannotations = \"sub/annotations\"\n");
    let in_repository = run(&sub, &["check", "--format", "concise"]);
    assert_eq!(in_repository.status, 0, "{}", in_repository.all());
    assert!(in_repository.stdout.contains("settings from ../claimcheck.toml"), "the summary names the file: {}", in_repository.stdout);
}

#[test]
fn a_folder_owned_by_another_user_ends_the_search() {
    if unsafe { libc::geteuid() } != 0 {
        return eprintln!("skipped: giving a folder to another user needs root");
    }
    let project = Project::new();
    let mine = project.checkable_folder("mine");
    std::fs::create_dir(project.path(".git")).unwrap();
    project.write("claimcheck.toml", "sources = \"planted\"\n");
    // The working folder is root's; the repository folder above it (and its file) another user's.
    std::os::unix::fs::chown(project.dir(), Some(65534), Some(65534)).unwrap();
    let result = run(&mine, &["check", "--format", "concise"]);
    std::os::unix::fs::chown(project.dir(), Some(0), Some(0)).unwrap();
    assert_eq!(result.status, 0, "the other user's file is not used: {}", result.all());
    assert!(!result.all().contains("settings from"), "{}", result.all());
    // Owned by the same user, the same file applies (and redirects the sources).
    let same_owner = run(&mine, &["check"]);
    assert_eq!(same_owner.status, 2, "{}", same_owner.all());
    assert!(same_owner.stderr.contains("planted"), "{}", same_owner.stderr);
}

// ---- configuration errors name the table, the key and the place ----

#[test]
fn a_configuration_error_names_the_table_and_the_key() {
    let project = Project::new();
    project.write("claimcheck.toml", "sources = \"seeds\"\n\n[severity]\nspan-moved = \"warning\"\nspan-edited = 1\n");
    let result = run(&project.dir(), &["check"]);
    assert_eq!(result.status, 2, "{}", result.all());
    assert!(
        result.stderr.contains("[severity] span-edited: expected one of error|warning|note|off, found integer 1 (line 5, column 15)"),
        "{}",
        result.stderr
    );
    project.write("claimcheck.toml", "[figures]\napproximate-tolerance = \"ten percent\"\n");
    let figures = run(&project.dir(), &["check"]);
    assert!(figures.stderr.contains("[figures] approximate-tolerance") && figures.stderr.contains("line 2, column 25"), "{}", figures.stderr);
    project.write("claimcheck.toml", "[limits]\nsources-bytes = 10\n");
    let unknown = run(&project.dir(), &["check"]);
    assert!(unknown.stderr.contains("[limits] unknown key `sources-bytes`"), "{}", unknown.stderr);
}

// ---- a source of one repeated character, quoted over and over, is checked in linear time ----

#[test]
fn a_quote_standing_at_every_position_of_a_large_source_is_ambiguous_at_once() {
    let project = Project::new();
    project.write("seeds/same.txt", &"a".repeat(1_000_000));
    project.write("seeds/pairs.txt", &"ab".repeat(200_000));
    let mut claims = String::from("id,source,quote,prefix,suffix\n");
    // Every copy overlaps the next: searching again one character after each costs the quote's
    // length per copy, hours for these.
    claims += &format!("LONG,same.txt,{},,\n", "a".repeat(5_000));
    claims += &format!("CONTEXT,same.txt,{},{},{}\n", "a".repeat(2_000), "a".repeat(32), "a".repeat(32));
    claims += &format!("PERIOD,pairs.txt,{},,\n", "ab".repeat(1_000));
    for i in 0..50 {
        claims += &format!("SHORT{i},same.txt,{},,\n", "a".repeat(10 + 4 * i));
    }
    // Not there at all, while every position of the source is within the bound of the
    // approximate search.
    project.write("seeds/few.txt", &"a".repeat(20_000));
    claims += &format!("NEAR,few.txt,{}b{},,\n", "a".repeat(30), "a".repeat(30));
    project.write("annotations/claims.csv", &claims);
    let findings = project.check(&[]).findings();
    let message = |id: &str| {
        let row = findings.iter().find(|(_, _, message)| message.contains(&format!("claim {id} "))).unwrap_or_else(|| panic!("no finding for {id}: {findings:?}"));
        assert_eq!(row.0, "span-ambiguous", "{row:?}");
        row.2.clone()
    };
    assert!(message("LONG").contains("stands as written at 995001 places in `same.txt`: 0..5000, 1..5001,"), "{}", message("LONG"));
    assert!(message("LONG").ends_with("and 994991 more"), "{}", message("LONG"));
    // Context equal everywhere decides nothing, and is not weighed among so many places.
    assert!(message("CONTEXT").contains("at 998001 places"), "{}", message("CONTEXT"));
    assert!(message("PERIOD").contains("at 199001 places in `pairs.txt`: 0..2000, 2..2002,"), "{}", message("PERIOD"));
    assert!(message("SHORT49").contains("at 999795 places"), "{}", message("SHORT49"));
    assert!(message("NEAR").contains("approximately at 16 places"), "{}", message("NEAR"));
}
