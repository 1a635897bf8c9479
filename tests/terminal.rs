//! Command-line conventions, on the real binary: colour (`--color`, `NO_COLOR`,
//! `CLICOLOR_FORCE`, a terminal through a pseudo-terminal), the width of the `full` report,
//! progress on a terminal only, `--quiet`, `--annotations -`, `--output -`, completions and the
//! manual page, and the escaping of unsafe characters in every human format.

mod common;

use common::fixtures;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_claimcheck");

/// The ci fixture: drift of many kinds, a figure conflict and an imprecise pair.
fn tree() -> std::path::PathBuf {
    fixtures().join("ci")
}

/// The binary, run in `dir` with `args`, its environment free of the variables under test.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.current_dir(dir).args(args);
    for name in ["NO_COLOR", "CLICOLOR_FORCE", "COLUMNS", "CI", "CLAIMCHECK_PROGRESS_DELAY_MS", "TERM"] {
        command.env_remove(name);
    }
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn quote(arg: &str) -> String {
    format!("'{}'", arg.replace('\'', "'\\''"))
}

/// Runs the binary under a pseudo-terminal (`script` from util-linux) `columns` wide, with
/// `env` set; returns what the terminal showed, standard output and error together.
fn on_terminal(dir: &Path, args: &[&str], env: &[(&str, &str)], columns: usize) -> String {
    let line: Vec<String> = std::iter::once(BIN.to_string()).chain(args.iter().map(|a| a.to_string())).map(|a| quote(&a)).collect();
    let script = format!("stty cols {columns} rows 50; exec {}", line.join(" "));
    let mut command = Command::new("script");
    command.current_dir(dir).args(["-q", "-e", "-c", &script, "/dev/null"]).stdin(Stdio::null());
    for name in ["NO_COLOR", "CLICOLOR_FORCE", "COLUMNS", "CI", "CLAIMCHECK_PROGRESS_DELAY_MS"] {
        command.env_remove(name);
    }
    command.env("TERM", "xterm-256color");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("`script` (util-linux) runs");
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&output.stderr));
    text(&output.stdout).replace("\r\n", "\n")
}

fn has_colour(text: &str) -> bool {
    text.contains("\u{1b}[")
}

#[test]
fn full_report_is_coloured_on_a_terminal_only() {
    let terminal = on_terminal(&tree(), &["check", "--isolated"], &[], 100);
    assert!(terminal.contains("\u{1b}[1m\u{1b}[91merror[figure-conflict]") || terminal.contains("error[figure-conflict]\u{1b}[0m"), "{terminal:?}");
    assert!(has_colour(&terminal));
    // The diff's words keep their markers, coloured.
    let redirected = command(&tree(), &["check", "--isolated"]).output().unwrap();
    assert!(!has_colour(&text(&redirected.stdout)));
    assert_eq!(strip_ansi(&terminal), text(&redirected.stdout), "colour adds escapes and nothing else");

    assert!(!has_colour(&on_terminal(&tree(), &["check", "--isolated"], &[("NO_COLOR", "1")], 100)));
    assert!(!has_colour(&on_terminal(&tree(), &["check", "--isolated", "--color", "never"], &[], 100)));
    let forced = command(&tree(), &["check", "--isolated"]).env("CLICOLOR_FORCE", "1").output().unwrap();
    assert!(has_colour(&text(&forced.stdout)));
    let always = command(&tree(), &["check", "--isolated", "--color", "always"]).env("NO_COLOR", "1").output().unwrap();
    assert!(has_colour(&text(&always.stdout)), "--color always beats NO_COLOR");
    // Machine formats never get colour.
    let json = command(&tree(), &["check", "--isolated", "--format", "json", "--color", "always"]).output().unwrap();
    assert!(!has_colour(&text(&json.stdout)));
    assert_eq!(command(&tree(), &["check", "--color", "sometimes"]).output().unwrap().status.code(), Some(2));
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let end = rest[at + 2..].find(|c: char| c.is_ascii_alphabetic()).expect("an SGR sequence ends");
        rest = &rest[at + 2 + end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn full_report_fits_the_width_of_the_terminal_else_columns_else_100() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{} On 22 March 2024, 137 people were killed at the concert hall. {}", "Earlier text. ".repeat(30), "Later text. ".repeat(30));
    let start = long.find("137 people").unwrap();
    write_tree(dir.path(), &[("seeds/long.txt", &long)], &format!("id,source,start,end,quote\nL1,long.txt,{},{},137 people were killed\n", start + 5, start + 27));
    for (columns, env) in [(60, vec![]), (100, vec![])] {
        let report = on_terminal(dir.path(), &["check", "--isolated", "--color", "never"], &env, columns);
        for line in report.lines().filter(|l| l.contains(" | ")) {
            assert!(line.width() <= columns, "{columns}: `{line}` is {} wide", line.width());
        }
        assert!(report.contains("137 people were killed"), "{report}");
    }
    let by_columns = command(dir.path(), &["check", "--isolated"]).env("COLUMNS", "50").output().unwrap();
    let report = text(&by_columns.stdout);
    let excerpt: Vec<&str> = report.lines().filter(|l| l.starts_with("1 | ")).collect();
    assert_eq!(excerpt.len(), 1, "{report}");
    assert_eq!(excerpt[0].width(), 50, "{report}");
    assert!(excerpt[0].starts_with("1 | …") && excerpt[0].ends_with('…'), "{report}");
    let default = text(&command(dir.path(), &["check", "--isolated"]).output().unwrap().stdout);
    let excerpt = default.lines().find(|l| l.starts_with("1 | ")).unwrap();
    assert_eq!(excerpt.width(), 100, "{default}");
}

#[test]
fn carets_line_up_under_wide_text_and_never_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let source = format!("{}攻撃で137人が死亡した。{}", "前置きの文章。".repeat(20), "その後の文章。".repeat(20));
    let quote = "137人が死亡";
    let start = source[..source.find(quote).unwrap()].chars().count();
    write_tree(dir.path(), &[("seeds/ja.txt", &source)], &format!("id,source,start,end,quote\nJ1,ja.txt,{},{},{quote}\n", start + 3, start + 3 + quote.chars().count()));
    for columns in [40, 70, 120] {
        let report = text(&command(dir.path(), &["check", "--isolated"]).env("COLUMNS", columns.to_string()).output().unwrap().stdout);
        let lines: Vec<&str> = report.lines().collect();
        let at = lines.iter().position(|l| l.starts_with("1 | ")).unwrap_or_else(|| panic!("{report}"));
        let (shown, carets) = (&lines[at][4..], &lines[at + 1][4..]);
        let indent = carets.len() - carets.trim_start().len();
        let prefix: String = shown.chars().scan(0, |width, c| {
            *width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            Some((c, *width))
        }).take_while(|(_, width)| *width <= indent).map(|(c, _)| c).collect();
        assert_eq!(prefix.width(), indent, "{columns}: the carets start on a character boundary\n{report}");
        assert!(shown[prefix.len()..].starts_with(quote), "{columns}: the carets stand under the quote\n{report}");
        let caret_count = carets.trim_start().chars().take_while(|&c| c == '^').count();
        assert_eq!(caret_count, quote.width(), "{columns}: one caret a column\n{report}");
        assert!(lines[at].width() <= columns && lines[at + 1].width() <= columns, "{columns}\n{report}");
    }
}

#[test]
fn progress_shows_on_a_terminal_for_a_long_run_only() {
    let args = ["check", "--isolated", "--format", "concise"];
    let shown = on_terminal(&tree(), &args, &[("CLAIMCHECK_PROGRESS_DELAY_MS", "0")], 100);
    assert!(shown.contains("checking claims…"), "{shown:?}");
    // Erased before the report.
    assert!(shown.contains("\r\u{1b}[2K"), "{shown:?}");
    // A run under a second shows none.
    assert!(!on_terminal(&tree(), &args, &[], 100).contains("checking claims"));
    // Never in CI, with --quiet, or when standard error is not a terminal.
    assert!(!on_terminal(&tree(), &args, &[("CLAIMCHECK_PROGRESS_DELAY_MS", "0"), ("CI", "true")], 100).contains("checking claims"));
    assert!(!on_terminal(&tree(), &["check", "--isolated", "--quiet"], &[("CLAIMCHECK_PROGRESS_DELAY_MS", "0")], 100).contains("checking claims"));
    let redirected = command(&tree(), &args).env("CLAIMCHECK_PROGRESS_DELAY_MS", "0").output().unwrap();
    assert!(!text(&redirected.stderr).contains("checking"), "{}", text(&redirected.stderr));
}

#[test]
fn quiet_prints_findings_only() {
    for format in ["full", "concise", "github"] {
        let loud = text(&command(&tree(), &["check", "--isolated", "--format", format]).output().unwrap().stdout);
        let quiet = command(&tree(), &["check", "--isolated", "--format", format, "--quiet"]).output().unwrap();
        assert_eq!(quiet.status.code(), Some(1), "{format}: the exit status is the same");
        let quiet = text(&quiet.stdout);
        assert!(loud.contains("checked 11 claims") && !quiet.contains("checked "), "{format}:\n{quiet}");
        assert!(!quiet.contains("figure groups:"), "{format}");
        assert!(quiet.contains("[figure-conflict]") || quiet.contains("(figure-conflict)"), "{format}:\n{quiet}");
    }
}

fn write_tree(dir: &Path, sources: &[(&str, &str)], claims: &str) {
    for (path, text) in sources {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(dir.join("annotations")).unwrap();
    std::fs::write(dir.join("annotations/claims.csv"), claims).unwrap();
}

fn with_stdin(mut command: Command, input: &[u8]) -> Output {
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A command that refuses standard input exits without reading it: a closed pipe is its answer.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

#[test]
fn annotations_dash_reads_claims_from_standard_input() {
    let reviews = fixtures().join("figures/reviews");
    let claims = std::fs::read(reviews.join("annotations/claims.csv")).unwrap();
    let from_file = command(&reviews, &["check", "--isolated", "--sources", "seeds", "--annotations", "annotations", "--format", "json"]).output().unwrap();
    let from_stdin = with_stdin(command(&reviews, &["check", "--isolated", "--sources", "seeds", "--annotations", "-", "--format", "json"]), &claims);
    assert_eq!(from_stdin.status.code(), from_file.status.code(), "{}", text(&from_stdin.stderr));
    let (file, stdin) = (text(&from_file.stdout), text(&from_stdin.stdout));
    // The same report, the claims named `<stdin>`; reviews come from the annotations folder.
    assert_eq!(stdin, file.replace("annotations/claims.csv", "<stdin>"));
    assert!(stdin.contains("\"<stdin>\"") && stdin.contains("figure-reviewed"), "{stdin}");
    let concise = with_stdin(command(&tree(), &["check", "--isolated", "--annotations", "-", "--format", "concise"]), &std::fs::read(tree().join("annotations/claims.csv")).unwrap());
    assert!(text(&concise.stdout).contains("<stdin>:7:10: error[span-invalid]"), "{}", text(&concise.stdout));
    // `fix` rewrites files in place: standard input is refused, and nothing is read.
    let fix = with_stdin(command(&tree(), &["fix", "--isolated", "--annotations", "-"]), &claims);
    assert_eq!(fix.status.code(), Some(2));
    assert!(text(&fix.stderr).contains("standard input"), "{}", text(&fix.stderr));
}

#[test]
fn output_dash_is_standard_output() {
    let plain = command(&tree(), &["check", "--isolated", "--format", "json"]).output().unwrap();
    let dash = command(&tree(), &["check", "--isolated", "--format", "json", "--output", "-"]).output().unwrap();
    assert_eq!(dash.stdout, plain.stdout);
    assert_eq!(dash.status.code(), Some(1));
    assert!(!tree().join("-").exists(), "no file named `-`");
}

#[test]
fn completions_and_manual_come_from_the_argument_definitions() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = command(Path::new("/"), &["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = text(&output.stdout);
        for word in ["claimcheck", "annotations", "color", "quiet", "figures"] {
            assert!(script.contains(word), "{shell} completion lacks `{word}`");
        }
    }
    assert_eq!(command(Path::new("/"), &["completions", "tcsh"]).output().unwrap().status.code(), Some(2));
    let man = command(Path::new("/"), &["man"]).output().unwrap();
    assert_eq!(man.status.code(), Some(0));
    let page = text(&man.stdout);
    assert!(page.starts_with(".ie") || page.contains(".TH claimcheck"), "{page}");
    assert!(page.contains("completions") && page.contains("check"), "{page}");
}

/// The characters that must never reach a terminal raw.
fn unsafe_raw(text: &str) -> Option<char> {
    text.chars().find(|&c| (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

#[test]
fn every_format_escapes_what_would_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let source = "Report.\nThe title \u{1b}]0;pwned\u{7} read: 137 people were killed, می\u{200C}خواهم \u{200F}שלום.\n";
    let claims = "id,source,start,end,quote,subject,measure,value\n\
        \"X1\n::error::injected\",evil.txt,99,120,\"137 people were killed\",Attack,deaths,137\n\
        \"X2\u{202E}gnp.exe\",evil.txt,,,\"137 people were killed, می\u{200C}خواهم\",Attack,deaths,over 140\n\
        X3,\"nowhere\n::add-mask::secret.txt\",0,3,abc,,,\n\
        X4,evil.txt,0,3,\"\u{1b}[31mred\u{1b}[0m \u{9b}2J\u{2028}\",,,\n";
    write_tree(dir.path(), &[("seeds/evil.txt", source)], claims);
    let mut shown = Vec::new();
    for format in ["full", "concise", "github", "json", "sarif"] {
        let output = command(dir.path(), &["check", "--isolated", "--format", format, "--color", "never"]).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}: {}", text(&output.stderr));
        shown.push((format, text(&output.stdout)));
    }
    let dry_run = command(dir.path(), &["fix", "--isolated", "--dry-run"]).output().unwrap();
    shown.push(("fix summary", text(&dry_run.stderr)));
    let fix = command(dir.path(), &["fix", "--isolated"]).output().unwrap();
    shown.push(("fix", text(&fix.stdout)));
    let figures = command(dir.path(), &["figures", "seeds/evil.txt", "--text", "\u{1b}[2J137\u{202E} people"]).output().unwrap();
    shown.push(("figures", text(&figures.stdout)));
    std::fs::write(dir.path().join("seeds/ev\u{202E}il\u{9b}.txt"), "137 people").unwrap();
    let figures = command(dir.path(), &["figures", "--format", "json", "seeds/ev\u{202E}il\u{9b}.txt"]).output().unwrap();
    shown.push(("figures json", text(&figures.stdout)));
    let error = command(dir.path(), &["check", "--isolated", "--sources", "gone\n::error::\u{1b}]0;t\u{7}"]).output().unwrap();
    assert_eq!(error.status.code(), Some(2));
    shown.push(("error message", text(&error.stderr)));
    // A command line clap refuses is quoted back by clap: escaped too.
    let usage = command(dir.path(), &["check", "--format", "x\u{202E}\u{1b}]0;t\u{7}\u{9b}"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert!(text(&usage.stderr).contains("x\\u{202e}"), "{}", text(&usage.stderr));
    shown.push(("usage error", text(&usage.stderr)));
    for (format, report) in &shown {
        assert_eq!(unsafe_raw(report), None, "{format} prints a raw unsafe character:\n{report:?}");
        for line in report.lines() {
            let ours = *format == "github" && ["::error file=", "::warning file=", "::notice file="].iter().any(|p| line.starts_with(p));
            assert!(!line.starts_with("::") || ours, "{format}: a line starts a workflow command:\n{line}");
        }
    }
    let full = &shown[0].1;
    assert!(full.contains("X1⏎::error::injected"), "{full}");
    assert!(full.contains("X2\\u{202e}gnp.exe"), "{full}");
    assert!(full.contains("\\u{1b}]0;pwned\\u{7}"), "the source line is escaped too:\n{full}");
    // Letters, marks and the joiners a script needs stay as they are.
    assert!(full.contains("می\u{200C}خواهم \u{200F}שלום"), "{full}");
    assert!(shown[2].1.contains("expected: \\u{1b}[31mred"), "{}", shown[2].1);
    // The JSON formats escape the same characters as JSON does, and parse back to the same text.
    for (format, report) in &shown[3..5] {
        assert!(report.contains("X2\\u202egnp.exe") && report.contains("\\u009b2J\\u2028"), "{format}: {report}");
        let parsed: serde_json::Value = serde_json::from_str(report).unwrap();
        assert!(parsed.to_string().contains("X2\u{202E}gnp.exe"), "{format}");
    }
    assert!(shown[8].1.contains("ev\\u202eil\\u009b.txt"), "{}", shown[8].1);
}

#[test]
fn a_long_one_line_source_costs_full_what_it_costs_concise() {
    // 300 findings on one 4 MB line: copying the line per finding cost the `full` report
    // seconds where `concise` took a fraction of one.
    let dir = tempfile::tempdir().unwrap();
    let filler = "word ".repeat(400_000);
    let mut source = filler.clone();
    let mut claims = String::from("id,source,start,end,quote,value\n");
    for i in 0..300 {
        let quote = format!("{} people died", 1000 + i);
        let at = source.len();
        source.push_str(&quote);
        source.push_str(" word word ");
        // The quote stands at its offsets; its value is wrong: a finding drawn with its line,
        // found without any search.
        claims.push_str(&format!("M{i},long.txt,{at},{},{quote},5\n", at + quote.len()));
    }
    source.push_str(&filler);
    write_tree(dir.path(), &[("seeds/long.txt", &source)], &claims);
    let time = |format: &str| {
        let began = std::time::Instant::now();
        let output = command(dir.path(), &["check", "--isolated", "--format", format]).output().unwrap();
        assert!(matches!(output.status.code(), Some(0 | 1)), "{}", text(&output.stderr));
        (began.elapsed(), text(&output.stdout))
    };
    let (concise, _) = time("concise");
    let (full, report) = time("full");
    assert_eq!(report.matches("[figure-mismatch]").count(), 300, "{}", &report[..2000.min(report.len())]);
    assert!(full < concise * 3 + std::time::Duration::from_secs(2), "full took {full:?}, concise {concise:?}");
}

#[test]
fn lock_backup_and_hidden_files_are_not_claims_files() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("seeds/a.txt", "Some text here.\n")], "id,source,start,end,quote\nA1,a.txt,0,4,Some\n");
    let annotations = dir.path().join("annotations");
    std::fs::write(annotations.join("~$claims.csv"), b"\x00\x01owner lock \xff").unwrap();
    std::fs::write(annotations.join(".~lock.claims.csv#"), "user,host,2024\n").unwrap();
    std::fs::write(annotations.join(".hidden.csv"), "not,a,claims,file\n1\n").unwrap();
    std::fs::write(annotations.join("claims.csv~"), "id,source\nB1,a.txt\n").unwrap();
    let output = command(dir.path(), &["check", "--isolated", "--format", "concise"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}{}", text(&output.stdout), text(&output.stderr));
    assert_eq!(text(&output.stdout), "checked 1 claim: 0 errors, 0 warnings, 0 notes\n");
    // A folder holding only such files holds no claims file.
    std::fs::remove_file(annotations.join("claims.csv")).unwrap();
    let output = command(dir.path(), &["check", "--isolated"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("holds no claims CSV file"), "{}", text(&output.stderr));
}

#[test]
fn the_shipped_configuration_works_from_any_subfolder() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::copy(root.join("claimcheck.toml"), dir.path().join("claimcheck.toml")).unwrap();
    write_tree(dir.path(), &[("seeds/a.txt", "Some text here.\n")], "id,source,start,end,quote\nA1,a.txt,5,9,Some\n");
    for sub in ["", "seeds", "annotations", "notes/2024"] {
        let folder = dir.path().join(sub);
        std::fs::create_dir_all(&folder).unwrap();
        let output = command(&folder, &["check", "--format", "concise"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "from `{sub}`: {}", text(&output.stderr));
        assert!(text(&output.stdout).contains("[span-moved]"), "from `{sub}`: {}", text(&output.stdout));
    }
}
