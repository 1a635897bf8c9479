//! `claimcheck fix` on files it must handle with care: files saved while it runs, files whose
//! owner, mode, links or attributes must survive, read-only and non-UTF-8 files, context that a
//! spreadsheet would evaluate, and dry runs over many changed rows. Each test builds its own
//! workspace in a temporary folder and runs the real binary.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The binary under test; `CLAIMCHECK_BIN` runs the same tests against another build.
fn binary() -> PathBuf {
    std::env::var_os("CLAIMCHECK_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_claimcheck")), PathBuf::from)
}

const SOURCE: &str = "Preamble line.\nOfficials said that 137 people were killed in the attack on the hall.\nClosing line.\n";
const HEADER: &str = "id,source,quote,start,end,prefix,suffix\n";
const HEADER_NOTES: &str = "id,source,quote,start,end,prefix,suffix,notes\n";
/// A claim with blank offsets: `fix` fills them.
const BLANK: &str = "C1,s.txt,137 people were killed,,,,\n";
/// A claim that stands where its offsets say: nothing to fix.
const INTACT: &str = "C2,s.txt,137 people were killed,35,57,,\n";

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new(source: &str, claims: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::create_dir(dir.path().join("annotations")).unwrap();
        std::fs::write(dir.path().join("seeds/s.txt"), source).unwrap();
        std::fs::write(dir.path().join("annotations/claims.csv"), claims).unwrap();
        Workspace { dir }
    }

    fn claims(&self) -> PathBuf {
        self.dir.path().join("annotations/claims.csv")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(binary());
        command.args(args).args(["--isolated", "--sources", "seeds", "--annotations", "annotations"]).current_dir(self.dir.path());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    fn names(&self, folder: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path().join(folder)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

// ---------------------------------------------------------------------------------------------
// Issue 11 item 2: the file is checked again just before the rename.

/// A row the analyst saves while `fix` is writing is never lost: either `fix` read it (and the
/// fixed file keeps it), or the file on disk no longer matches what `fix` read, and `fix` writes
/// nothing and says so.
#[test]
fn a_row_saved_while_fix_writes_is_never_lost() {
    // Large enough that writing the fixed copy takes a while: notes of half a megabyte.
    let note = "n".repeat(512 << 10);
    let mut claims = format!("{HEADER_NOTES}C1,s.txt,137 people were killed,,,,,\n");
    for row in 0..120 {
        claims.push_str(&format!("P{row},s.txt,137 people were killed,35,57,,,{note}\n"));
    }
    let ws = Workspace::new(SOURCE, &claims);
    let mut child = ws.command(&["fix"]).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    // The analyst saves a new row as soon as `fix` has begun its temporary file.
    let started = Instant::now();
    let saved_row = "LATE,s.txt,137 people were killed,35,57,,,saved meanwhile\n";
    let mut saved = false;
    while started.elapsed() < Duration::from_secs(60) {
        if ws.names("annotations").iter().any(|name| name.starts_with(".claimcheck-fix-")) {
            use std::io::Write;
            std::fs::OpenOptions::new().append(true).open(ws.claims()).unwrap().write_all(saved_row.as_bytes()).unwrap();
            saved = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let output = child.wait_with_output().unwrap();
    assert!(saved, "fix ended before its temporary file was seen: {}", stderr(&output));
    let after = std::fs::read_to_string(ws.claims()).unwrap();
    assert!(after.ends_with(saved_row), "the row saved during the run is lost (exit {:?}): {}", output.status.code(), stderr(&output));
    match output.status.code() {
        // Read in time: the saved row went through fix with the others.
        Some(0) => assert!(after.starts_with(&format!("{HEADER_NOTES}C1,s.txt,137 people were killed,35,57,")), "{}", &after[..200]),
        // Saved after fix read the end of the file: nothing is written, and fix says why.
        Some(2) => {
            let message = stderr(&output);
            assert!(message.contains("changed on disk while `claimcheck fix` ran"), "{message}");
            assert!(message.contains("just before being replaced"), "{message}");
            assert_eq!(after, format!("{claims}{saved_row}"), "the file is as the analyst saved it");
        }
        other => panic!("unexpected exit {other:?}: {}", stderr(&output)),
    }
    assert!(!ws.names("annotations").iter().any(|name| name.starts_with(".claimcheck-fix-")), "no temporary file is left");
}

// ---------------------------------------------------------------------------------------------
// Issue 11 item 3: owner, group, mode and attributes kept; read-only and linked files refused;
// the folder flushed; stale temporary files removed.

#[test]
fn owner_group_and_mode_survive_the_rewrite() {
    let ws = Workspace::new(SOURCE, &format!("{HEADER}{BLANK}"));
    let path = ws.claims();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&path, Some(1234), Some(5678)).unwrap();
    } else {
        println!("not root: the owner and group are the runner's, so only the mode is checked");
    }
    let before = std::fs::metadata(&path).unwrap();
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = std::fs::metadata(&path).unwrap();
    assert_ne!(before.ino(), after.ino(), "the file was replaced (fix ran)");
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()), "owner and group are kept");
    assert_eq!(after.mode() & 0o7777, 0o640, "the mode is kept");
}

#[test]
fn extended_attributes_survive_the_rewrite() {
    let ws = Workspace::new(SOURCE, &format!("{HEADER}{BLANK}"));
    let path = std::ffi::CString::new(ws.claims().as_os_str().as_encoded_bytes()).unwrap();
    let (name, value) = (c"user.claimcheck.reviewer", b"ann");
    // SAFETY: NUL-terminated path and name, and a live value buffer.
    if unsafe { libc::setxattr(path.as_ptr(), name.as_ptr(), value.as_ptr().cast(), value.len(), 0) } != 0 {
        println!("skipped: this file system takes no user attributes ({})", std::io::Error::last_os_error());
        return;
    }
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::read_to_string(ws.claims()).unwrap().contains(",35,57,"), "fix ran");
    let mut buffer = [0u8; 16];
    // SAFETY: as above, with a writable buffer of the given length.
    let got = unsafe { libc::getxattr(path.as_ptr(), name.as_ptr(), buffer.as_mut_ptr().cast(), buffer.len()) };
    assert_eq!(got, value.len() as isize, "the attribute is kept: {}", std::io::Error::last_os_error());
    assert_eq!(&buffer[..value.len()], value);
}

/// Read-only means no write bit in the mode, whoever runs fix (root could write anyway).
#[test]
fn a_read_only_file_is_left_alone_with_a_reason() {
    let claims = format!("{HEADER}{BLANK}");
    let ws = Workspace::new(SOURCE, &claims);
    std::fs::set_permissions(ws.claims(), std::fs::Permissions::from_mode(0o444)).unwrap();
    let inode = std::fs::metadata(ws.claims()).unwrap().ino();
    for args in [&["fix", "--dry-run"][..], &["fix"][..]] {
        let output = ws.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", stderr(&output));
        let summary = format!("{}{}", stdout(&output), stderr(&output));
        assert!(summary.contains("annotations/claims.csv: error[csv-invalid] the file is read-only (mode 0444)"), "{summary}");
        assert!(!stdout(&output).contains("+++"), "no diff for a file fix will not write: {summary}");
    }
    assert_eq!(std::fs::read_to_string(ws.claims()).unwrap(), claims);
    assert_eq!(std::fs::metadata(ws.claims()).unwrap().ino(), inode);
    assert_eq!(std::fs::metadata(ws.claims()).unwrap().mode() & 0o777, 0o444);
}

#[test]
fn a_hard_linked_file_is_left_alone_with_a_reason() {
    let claims = format!("{HEADER}{BLANK}");
    let ws = Workspace::new(SOURCE, &claims);
    let other = ws.dir.path().join("shared-claims.csv");
    std::fs::hard_link(ws.claims(), &other).unwrap();
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).contains("the file has 2 hard links"), "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(ws.claims()).unwrap(), claims);
    assert_eq!(std::fs::metadata(ws.claims()).unwrap().ino(), std::fs::metadata(&other).unwrap().ino(), "the links still share one file");
}

/// Run as another user (root drops to `nobody` with setpriv), fix must not hand root's file to
/// that user: it refuses, since the file it writes would be the runner's.
#[test]
fn a_file_of_another_user_is_not_taken_over() {
    if !is_root() {
        println!("skipped: dropping to another user needs root");
        return;
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        println!("skipped: setpriv is not installed");
        return;
    }
    let claims = format!("{HEADER}{BLANK}");
    let ws = Workspace::new(SOURCE, &claims);
    // Everyone may write the file and its folder, and read the sources.
    for (path, mode) in [(ws.dir.path().to_path_buf(), 0o777), (ws.dir.path().join("annotations"), 0o777), (ws.dir.path().join("seeds"), 0o755), (ws.claims(), 0o666)] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(ws.dir.path().join("seeds/s.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(binary())
        .args(["fix", "--isolated", "--sources", "seeds", "--annotations", "annotations"])
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    if stderr(&output).contains("Permission denied") && !stdout(&output).contains("fix:") {
        println!("skipped: user 65534 cannot reach the temporary folder: {}", stderr(&output));
        return;
    }
    assert_eq!(output.status.code(), Some(1), "{}{}", stdout(&output), stderr(&output));
    assert!(stdout(&output).contains("the file belongs to another user (uid 0)"), "{}", stdout(&output));
    let meta = std::fs::metadata(ws.claims()).unwrap();
    assert_eq!(meta.uid(), 0, "the file is still root's");
    assert_eq!(std::fs::read_to_string(ws.claims()).unwrap(), claims);
}

#[test]
fn temporary_files_of_a_killed_run_are_removed() {
    let ws = Workspace::new(SOURCE, &format!("{HEADER}{INTACT}"));
    let stale = ws.dir.path().join("annotations/.claimcheck-fix-Ab12Cd.tmp");
    std::fs::write(&stale, "x".repeat(1 << 20)).unwrap();
    let unrelated = ws.dir.path().join("annotations/.claimcheck-fix-notes.txt");
    std::fs::write(&unrelated, "not a temporary file").unwrap();
    let dry = ws.run(&["fix", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    assert!(stale.exists(), "a dry run writes (and removes) nothing");
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stale.exists(), "the stale temporary file is removed");
    assert!(unrelated.exists(), "only fix's own temporary files are removed");
    assert!(stdout(&output).contains("removed annotations/.claimcheck-fix-Ab12Cd.tmp, a temporary file left by an interrupted `claimcheck fix`"), "{}", stdout(&output));
}

/// A run killed while it writes leaves the original intact and its temporary file behind; the
/// next run removes that file and fixes the claims.
#[test]
fn a_killed_run_leaves_the_original_and_the_next_run_cleans_up() {
    let note = "n".repeat(512 << 10);
    let mut claims = format!("{HEADER_NOTES}C1,s.txt,137 people were killed,,,,,\n");
    for row in 0..120 {
        claims.push_str(&format!("P{row},s.txt,137 people were killed,35,57,,,{note}\n"));
    }
    let ws = Workspace::new(SOURCE, &claims);
    let mut child = ws.command(&["fix"]).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    let temporary = loop {
        let found = ws.names("annotations").into_iter().find(|name| name.starts_with(".claimcheck-fix-"));
        if let Some(name) = found.filter(|name| std::fs::metadata(ws.dir.path().join("annotations").join(name)).is_ok_and(|meta| meta.len() > 0)) {
            break name;
        }
        if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(60) {
            println!("skipped: fix ended before it could be killed mid-write");
            return;
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    child.kill().unwrap();
    let status = child.wait().unwrap();
    if status.success() {
        println!("skipped: fix finished before the kill reached it");
        return;
    }
    assert_eq!(std::fs::read_to_string(ws.claims()).unwrap(), claims, "the original is intact");
    assert!(ws.names("annotations").contains(&temporary), "the killed run's temporary file is left");
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains(&format!("removed annotations/{temporary}, a temporary file left by an interrupted")), "{}", stdout(&output));
    assert_eq!(ws.names("annotations"), vec!["claims.csv"]);
    assert!(std::fs::read_to_string(ws.claims()).unwrap().starts_with(&format!("{HEADER_NOTES}C1,s.txt,137 people were killed,35,57,")));
}

/// The rename is made durable: the folder is flushed after it (seen with strace).
#[test]
fn the_folder_is_flushed_after_the_rename() {
    let ws = Workspace::new(SOURCE, &format!("{HEADER}{BLANK}"));
    let traced = Command::new("strace")
        .args(["-f", "-y", "-e", "trace=rename,renameat,renameat2,fsync"])
        .arg(binary())
        .args(["fix", "--isolated", "--sources", "seeds", "--annotations", "annotations"])
        .current_dir(ws.dir.path())
        .output();
    let Ok(traced) = traced else {
        println!("skipped: strace is not installed");
        return;
    };
    let trace = stderr(&traced);
    if !traced.status.success() && trace.contains("ptrace") {
        println!("skipped: strace cannot trace here: {trace}");
        return;
    }
    assert!(std::fs::read_to_string(ws.claims()).unwrap().contains(",35,57,"), "fix ran: {trace}");
    let folder = ws.dir.path().join("annotations").canonicalize().unwrap();
    let rename = trace.lines().position(|line| line.contains("rename") && line.contains("claims.csv")).unwrap_or_else(|| panic!("no rename in:\n{trace}"));
    let folder_sync = format!("<{}>", folder.display());
    assert!(
        trace.lines().skip(rename + 1).any(|line| line.contains("fsync(") && line.contains(&folder_sync)),
        "no fsync of {} after the rename:\n{trace}",
        folder.display()
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 11 item 8: no cell a spreadsheet would evaluate.

/// Independent of the code under test: the first visible character makes a formula.
fn looks_like_formula(cell: &str) -> bool {
    let visible = cell.trim_start_matches([' ', '\u{00A0}', '\u{3000}', '\u{200B}', '\u{FEFF}']);
    visible.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'])
}

fn cells(csv: &str) -> Vec<Vec<String>> {
    use claimcheck::load::table::{Dialect, Scanner};
    Scanner::new(csv.as_bytes(), Dialect::detect(csv.as_bytes()), Default::default())
        .map(|record| record.unwrap().cells().map(|cell| String::from_utf8(cell.to_vec()).unwrap()).collect())
        .collect()
}

#[test]
fn context_never_starts_like_a_formula() {
    let source = "Officials said 137 people were killed in the city.\n\
                  =HYPERLINK(\"http://e.x\") said the mayor met the families of the victims.\n\
                  The toll rose to 41 dead -2+3 according to the ministry of health.\n\
                  \u{FF1D}1+1 noted the council approved the new budget for schools.\n\
                  \t@x said the police closed the main road into the city.\n\
                  @SUM(A1) the dam burst flooding two villages downstream @cmd\n\
                  -5 degrees were recorded at the station overnight.\n";
    let claims = "id,source,quote,start,end,prefix,suffix\n\
                  F1,s.txt,the mayor met the families,,,,\n\
                  F2,s.txt,The toll rose to 41 dead,,,,\n\
                  F3,s.txt,the council approved the new budget,,,,\n\
                  F4,s.txt,the police closed the main road,,,,\n\
                  F5,s.txt,the dam burst flooding two villages downstream,,,,\n\
                  F6,s.txt,\u{2013}5 degrees were recorded at the station,,,,\n";
    let ws = Workspace::new(source, claims);
    let output = ws.run(&["fix"]);
    let fixed = std::fs::read_to_string(ws.claims()).unwrap();
    let rows = cells(&fixed);
    for row in &rows[1..] {
        for cell in row {
            assert!(!looks_like_formula(cell), "a cell a spreadsheet evaluates: {cell:?} in\n{fixed}\n{}", stdout(&output));
        }
    }
    let by_id = |id: &str| rows.iter().find(|row| row[0] == id).unwrap().clone();
    // Offsets are filled; the context is cut after the formula, or left blank.
    assert_eq!(by_id("F1")[5], "said ", "{fixed}");
    assert!(!by_id("F1")[3].is_empty(), "{fixed}");
    assert_eq!(by_id("F2")[6], "", "the suffix starts with ` -2+3`: left blank\n{fixed}");
    assert!(!by_id("F2")[3].is_empty(), "{fixed}");
    assert_eq!(by_id("F3")[5], "noted ", "{fixed}");
    assert_eq!(by_id("F4")[5], "said ", "{fixed}");
    assert_eq!(by_id("F5")[5], "", "{fixed}");
    assert_eq!(by_id("F5")[6], "", "the suffix ` @cmd` is left blank\n{fixed}");
    // The quote itself would be retyped to start with `-`: left for a human, with the reason.
    assert_eq!(by_id("F6")[3], "", "{fixed}");
    assert!(stdout(&output).contains("(claim F6)"), "{}", stdout(&output));
    assert!(stdout(&output).contains("starts like a spreadsheet formula"), "{}", stdout(&output));
}

// ---------------------------------------------------------------------------------------------
// Issue 11 item 10: the dry run's diff is linear in the changed rows.

/// 40,000 changed rows: a whole-file line diff takes over 30 s even in a release build; the
/// record-by-record diff takes about a second in a debug build. The bound is far above that.
#[test]
fn a_dry_run_over_many_changed_rows_is_linear() {
    let rows = 40_000;
    let mut claims = String::from("id,source,quote,start,end\n");
    for row in 0..rows {
        claims.push_str(&format!("C{row},s.txt,137 people were killed,,\n"));
    }
    let ws = Workspace::new(SOURCE, &claims);
    let started = Instant::now();
    let output = ws.run(&["fix", "--dry-run"]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(took < Duration::from_secs(20), "the dry run took {took:?}");
    let diff = stdout(&output);
    assert_eq!(diff.lines().filter(|line| line.starts_with("+C")).count(), rows);
    assert_eq!(diff.lines().filter(|line| line.starts_with("-C")).count(), rows);
    assert!(stderr(&output).contains(&format!("would fix {rows} rows")), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(ws.claims()).unwrap(), claims, "a dry run writes nothing");
}

/// The diff applies with `patch -p1` and gives exactly what fix writes, on changes that touch
/// neighbouring, distant, multi-line and last rows, CRLF line ends and a file without a last
/// line end.
#[test]
fn the_dry_run_diff_applies_and_gives_what_fix_writes() {
    if Command::new("patch").arg("--version").output().is_err() {
        println!("skipped: patch is not installed");
        return;
    }
    for (newline, last_newline) in [("\n", true), ("\r\n", true), ("\n", false), ("\r\n", false)] {
        let rows = [
            "A1,s.txt,137 people were killed,,",
            "A2,s.txt,137 people were killed,35,57",
            "A3,s.txt,137 people were killed,,",
            "A4,s.txt,137 people were killed,35,57",
            "A5,s.txt,137 people were killed,35,57",
            "A6,s.txt,137 people were killed,35,57",
            "A7,s.txt,\"137 people\nwere killed\",,",
            "A8,s.txt,137 people were killed,,",
            "A9,s.txt,137 people were killed,,",
        ];
        let mut claims = format!("id,source,quote,start,end{newline}{}", rows.join(newline));
        if last_newline {
            claims.push_str(newline);
        }
        let ws = Workspace::new(SOURCE, &claims);
        let dry = ws.run(&["fix", "--dry-run"]);
        let diff = stdout(&dry);
        assert!(diff.starts_with("--- a/annotations/claims.csv\n+++ b/annotations/claims.csv\n@@ -1,5 +1,5 @@\n"), "{diff}");
        std::fs::write(ws.dir.path().join("fix.patch"), &diff).unwrap();
        let patched = Command::new("patch").args(["-p1", "--binary", "-i", "fix.patch"]).current_dir(ws.dir.path()).output().unwrap();
        assert!(patched.status.success(), "{diff}\n{}{}", stdout(&patched), stderr(&patched));
        let by_patch = std::fs::read(ws.claims()).unwrap();
        std::fs::write(ws.claims(), &claims).unwrap();
        ws.run(&["fix"]);
        assert_eq!(String::from_utf8_lossy(&by_patch), String::from_utf8_lossy(&std::fs::read(ws.claims()).unwrap()), "{newline:?} {last_newline}:\n{diff}");
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 12 item 6: never write into a file that is not UTF-8.

#[test]
fn a_file_that_is_not_utf8_stays_byte_for_byte() {
    // A fixable row, then a note saved in Windows-1252 (`é` as one byte), then, past the first
    // 4 MiB chunk, another: fix must not write the one and leave the others mixed.
    for padding in [0, 5 << 20] {
        let mut claims: Vec<u8> = format!("{HEADER_NOTES}C1,s.txt,137 people were killed,,,,,\n").into_bytes();
        let filler = format!("P,s.txt,137 people were killed,35,57,,,{}\n", "n".repeat(1000));
        while claims.len() < padding {
            claims.extend_from_slice(filler.as_bytes());
        }
        claims.extend_from_slice(b"C9,s.txt,137 people were killed,,,,,caf\xE9\n");
        let ws = Workspace::new(SOURCE, "");
        std::fs::write(ws.claims(), &claims).unwrap();
        let dry = ws.run(&["fix", "--dry-run"]);
        assert_eq!(dry.status.code(), Some(1), "{}", stderr(&dry));
        assert_eq!(stdout(&dry), "", "no diff for a file fix will not write");
        let output = ws.run(&["fix"]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let summary = stdout(&output);
        assert!(summary.contains("annotations/claims.csv: error[csv-invalid] the file is not UTF-8 (byte "), "{summary}");
        assert!(summary.contains("writes nothing into it"), "{summary}");
        assert!(summary.contains("fixed 0 rows in 0 files"), "{summary}");
        assert!(std::fs::read(ws.claims()).unwrap() == claims, "the file is left byte for byte (padding {padding})");
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 12 item 11: exit status 1 when something is left for a human, 0 when all is fixed.

#[test]
fn fix_exits_1_only_when_something_is_left_for_a_human() {
    let ws = Workspace::new(SOURCE, &format!("{HEADER}{BLANK}{INTACT}"));
    assert_eq!(ws.run(&["fix", "--dry-run"]).status.code(), Some(0), "a dry run exits as fix would");
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(0), "everything fixed: {}", stdout(&output));
    assert!(stdout(&output).contains("fixed 1 row in 1 file; 0 left for a human"), "{}", stdout(&output));
    assert_eq!(ws.run(&["fix"]).status.code(), Some(0), "nothing left to do");

    let lost = "C3,s.txt,a sentence that is in no source,,,,\n";
    let ws = Workspace::new(SOURCE, &format!("{HEADER}{BLANK}{lost}"));
    assert_eq!(ws.run(&["fix", "--dry-run"]).status.code(), Some(1));
    let output = ws.run(&["fix"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("fixed 1 row in 1 file; 1 left for a human"), "{}", stdout(&output));
    assert_eq!(ws.run(&["fix"]).status.code(), Some(1), "still left for a human");
}

// ---------------------------------------------------------------------------------------------
// Issue 14 item 3: fix streams; its memory does not grow with the file.

/// An 80 MB claims file is fixed in a few tens of megabytes (the whole-file fix held the file
/// twice over): peak resident memory read from `wait4`.
#[test]
fn fix_streams_large_files_in_bounded_memory() {
    let ws = Workspace::new(SOURCE, "");
    let rows = 50_000;
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(ws.claims()).unwrap());
        out.write_all(b"id,source,quote,start,end,notes\n").unwrap();
        let note = "n".repeat(1600);
        for row in 0..rows {
            let offsets = if row % 10 == 0 { ",,," } else { ",35,57," };
            writeln!(out, "C{row},s.txt,137 people were killed{offsets}{note}").unwrap();
        }
    }
    let size = std::fs::metadata(ws.claims()).unwrap().len();
    assert!(size > 80_000_000, "{size}");
    // GNU time reports the peak of the process it starts, which it forks from its own small
    // image; a child forked from this (large, multi-threaded) test process would count its image.
    let report = ws.dir.path().join("time.txt");
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(binary())
        .args(["fix", "--isolated", "--sources", "seeds", "--annotations", "annotations"])
        .current_dir(ws.dir.path())
        .output();
    let Ok(output) = output.map_err(|error| println!("skipped: /usr/bin/time cannot run: {error}")) else { return };
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let peak_kib: u64 = std::fs::read_to_string(&report).unwrap().trim().lines().last().unwrap().parse().unwrap();
    assert!(peak_kib < 64 << 10, "fix of a {} MB file peaked at {} MiB", size / 1_000_000, peak_kib >> 10);
    let fixed = std::fs::read_to_string(ws.claims()).unwrap();
    assert_eq!(fixed.len() as u64, size + (rows as u64 / 10) * 4, "each blank pair of offsets became `35,57`");
    assert!(!fixed.contains("killed,,"));
}

#[test]
fn a_record_over_the_limit_leaves_the_file_byte_for_byte_in_bounded_memory() {
    // A 40 MB row between two claims that fix would fill: reading it whole cost over a GB per
    // 100 MB before, and writing the file without it would lose it. With a 4 MiB record limit
    // the row is read past, and the file is left exactly as it is, with the reason.
    let ws = Workspace::new(SOURCE, "");
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(ws.claims()).unwrap());
        out.write_all(HEADER.as_bytes()).unwrap();
        out.write_all(BLANK.as_bytes()).unwrap();
        writeln!(out, "C9,s.txt,\"{}\",,,,", "x".repeat(40_000_000)).unwrap();
        out.write_all(b"C3,s.txt,137 people were killed,,,,\n").unwrap();
    }
    std::fs::write(ws.dir.path().join("claimcheck.toml"), "[limits]\nrecord-bytes = 4194304\ncell-bytes = 1048576\n").unwrap();
    let before = std::fs::read(ws.claims()).unwrap();
    let report = ws.dir.path().join("time.txt");
    for dry_run in [true, false] {
        let mut command = Command::new("/usr/bin/time");
        command.arg("-f").arg("%M").arg("-o").arg(&report).arg(binary()).arg("fix");
        if dry_run {
            command.arg("--dry-run");
        }
        let output = command.args(["--config", "claimcheck.toml", "--sources", "seeds", "--annotations", "annotations"]).current_dir(ws.dir.path()).output();
        let Ok(output) = output.map_err(|error| println!("skipped: /usr/bin/time cannot run: {error}")) else { return };
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert!(said.contains("row 3") && said.contains("4194304") && said.contains("writes nothing into this file"), "{said}");
        assert!(!said.contains("xxxxxxxx"), "the row is never echoed: {}", said.len());
        let peak_kib: u64 = std::fs::read_to_string(&report).unwrap().trim().lines().last().unwrap().parse().unwrap();
        assert!(peak_kib < 128 << 10, "fix with a 40 MB row peaked at {} MiB", peak_kib >> 10);
        assert!(std::fs::read(ws.claims()).unwrap() == before, "the file stays byte for byte (dry run: {dry_run})");
    }
}
