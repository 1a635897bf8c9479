//! `claimcheck fix`: applies the safe re-anchors to the claims files in place, changing only the
//! cells it fixes, or with `--dry-run` shows them as a unified diff.
//!
//! Each file streams through the planner (`stream`) into a temporary file that replaces it
//! (`write`) or into the diff (`diff`), so memory does not grow with the file. A file `fix` must
//! not write (read-only, hard-linked, another user's, not UTF-8) is left byte for byte, with a
//! finding that says why.

pub mod diff;
pub mod digest;
pub mod formula;
pub mod plan;
pub mod rewrite;
pub mod spill;
pub mod stream;
pub mod write;
pub mod xattrs;

use crate::check::open_sources;
use crate::error::RunError;
use crate::findings::{Code, Finding};
use crate::load::sources::SourceSet;
use crate::paths::{claims_files, display_path};
use crate::render::plural as count;
use crate::spans::Anchorer;
use digest::DigestKey;
use plan::RowFix;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use stream::{Sink, Streamed, stream_file};
use write::{NotReplaced, Replacement};

#[derive(Debug, Clone)]
pub struct FixOptions {
    pub sources: PathBuf,
    pub annotations: PathBuf,
    pub dry_run: bool,
    pub limits: crate::load::limits::Limits,
}

/// What `fix` did (or, in a dry run, would do) to one claims file.
#[derive(Debug, Clone)]
pub struct FileFix {
    /// The path as reports show it.
    pub display: String,
    pub rows: Vec<RowFix>,
}

impl FileFix {
    pub fn cells(&self) -> usize {
        self.rows.iter().map(|r| r.columns.len()).sum()
    }
}

/// What a `fix` run came to.
#[derive(Debug, Clone, Default)]
pub struct Fixed {
    pub files: Vec<FileFix>,
    /// The findings `fix` does not resolve, in report order.
    pub left: Vec<Finding>,
    /// Temporary files of interrupted runs that this run removed.
    pub removed: Vec<String>,
}

/// What every file of a run is fixed with.
struct Run<'a> {
    sources: &'a SourceSet,
    anchorer: Anchorer,
    key: DigestKey,
    limits: crate::load::limits::Limits,
    dry_run: bool,
}

/// Fixes every claims file (or, in a dry run, writes the diff of every change to `diff`).
pub fn fix(options: &FixOptions, diff: &mut dyn Write) -> Result<Fixed, RunError> {
    let (sources, _manifest_findings) = open_sources(&options.sources, &options.limits)?;
    let files = claims_files(&options.annotations)?;
    let run = Run { sources: &sources, anchorer: Anchorer::default(), key: DigestKey::new(), limits: options.limits, dry_run: options.dry_run };
    let mut fixed = Fixed::default();
    for path in files {
        run.file(&path, &mut fixed, diff)?;
    }
    fixed.left.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(fixed)
}

/// Whether anything would change, for a file that cannot be written.
#[derive(Default)]
struct Probe {
    changed: bool,
}

impl Sink for Probe {
    fn keep(&mut self, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn change(&mut self, _: &[u8], _: &[u8]) -> io::Result<()> {
        self.changed = true;
        Ok(())
    }

    fn restart(&mut self) -> io::Result<()> {
        self.changed = false;
        Ok(())
    }
}

impl Run<'_> {
    /// Fixes (or, in a dry run, shows the fix of) the claims file at `path`.
    fn file(&self, path: &Path, fixed: &mut Fixed, diff: &mut dyn Write) -> Result<(), RunError> {
        let display: Arc<str> = display_path(path).into();
        let refused = match write::refusal(path) {
            Err(error) => Some(unreadable(&display, error)),
            Ok(reason) => reason.map(|reason| Finding::new(Code::CsvInvalid, display.to_string(), reason)),
        };
        if let Some(finding) = refused {
            fixed.left.push(finding);
            return Ok(());
        }
        let streamed = if self.dry_run { self.show(path, &display, fixed, diff)? } else { self.write(path, &display, fixed)? };
        match streamed {
            Some(Streamed { left_alone: Some(finding), .. }) => fixed.left.push(finding),
            Some(streamed) => fixed.files.push(FileFix { display: display.to_string(), rows: streamed.rows }),
            None => {}
        }
        Ok(())
    }

    /// Streams the file into `sink`; `None`, with the finding in `fixed`, when it cannot be read.
    fn stream(&self, path: &Path, display: &Arc<str>, fixed: &mut Fixed, sink: &mut dyn Sink) -> Option<Streamed> {
        stream_file(path, display, self.sources, &self.anchorer, &self.key, self.limits, &mut fixed.left, sink)
            .map_err(|error| fixed.left.push(unreadable(display, error)))
            .ok()
    }

    /// The dry run: the file's diff goes to `diff`, unless the file is not UTF-8.
    fn show(&self, path: &Path, display: &Arc<str>, fixed: &mut Fixed, diff: &mut dyn Write) -> Result<Option<Streamed>, RunError> {
        let mut sink = diff::DiffSink::new(display);
        let streamed = self.stream(path, display, fixed, &mut sink);
        if streamed.as_ref().is_some_and(|streamed| streamed.left_alone.is_none()) {
            write_diff(diff, sink)?;
        }
        Ok(streamed)
    }

    /// The real run: the fixed copy replaces the file when anything changed.
    fn write(&self, path: &Path, display: &Arc<str>, fixed: &mut Fixed) -> Result<Option<Streamed>, RunError> {
        let output_error = |error: io::Error| RunError::Output { path: path.to_path_buf(), error };
        let folder = path.canonicalize().map_err(output_error)?.parent().map(Path::to_path_buf).unwrap_or_default();
        fixed.removed.extend(write::remove_stale_temporaries(&folder).iter().map(|path| display_path(path)));
        let mut replacement = match Replacement::begin(path) {
            Ok(replacement) => replacement,
            // The folder takes no new file: that matters only if something is to be written.
            Err(error) => {
                let mut probe = Probe::default();
                let streamed = self.stream(path, display, fixed, &mut probe);
                if probe.changed && streamed.as_ref().is_some_and(|streamed| streamed.left_alone.is_none()) {
                    return Err(output_error(error));
                }
                return Ok(streamed);
            }
        };
        let Some(streamed) = self.stream(path, display, fixed, &mut replacement) else { return Ok(None) };
        if streamed.left_alone.is_none()
            && replacement.changed()
            && let Some(refused) = self.commit(replacement, &streamed, path)?
        {
            fixed.left.push(Finding::new(Code::CsvInvalid, display.to_string(), refused));
            return Ok(None);
        }
        Ok(Some(streamed))
    }

    /// Replaces the file with its fixed copy unless it changed since it was read; `Some(reason)`
    /// when its metadata cannot be kept, and the file is left as it was.
    fn commit(&self, replacement: Replacement, streamed: &Streamed, path: &Path) -> Result<Option<String>, RunError> {
        let unchanged = |target: &Path| Ok(self.key.of_file(target)? == streamed.digest);
        match replacement.commit(unchanged) {
            Ok(()) => Ok(None),
            Err(NotReplaced::Metadata(reason)) => Ok(Some(format!("`claimcheck fix` left the file as it was: {reason}"))),
            Err(NotReplaced::Changed) => Err(RunError::Output {
                path: path.to_path_buf(),
                error: io::Error::other(
                    "the file changed on disk while `claimcheck fix` ran (it is compared with what was read just before being replaced): nothing was written to it; run fix again",
                ),
            }),
            Err(NotReplaced::Io(error)) => Err(RunError::Output { path: path.to_path_buf(), error }),
        }
    }
}

fn unreadable(display: &str, error: io::Error) -> Finding {
    Finding::new(Code::CsvInvalid, display, format!("the file cannot be read: {error}"))
}

/// Writes a file's diff; a closed pipe (`fix --dry-run | head`) is not a failure.
fn write_diff(out: &mut dyn Write, diff: diff::DiffSink) -> Result<(), RunError> {
    match diff.finish(out).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(RunError::Output { path: "standard output".into(), error }),
        _ => Ok(()),
    }
}

/// What was fixed per file, and what is left for a human and why.
pub fn render_summary(fixed: &Fixed, dry_run: bool) -> String {
    // Ids, file names and messages quote the claims files: shown escaped, one line each.
    use crate::render::escape::one_line as safe;
    let mut out = String::new();
    let verb = if dry_run { "would fix" } else { "fixed" };
    for path in &fixed.removed {
        let _ = writeln!(out, "removed {path}, a temporary file left by an interrupted `claimcheck fix`");
    }
    for file in &fixed.files {
        if file.rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}: {verb} {} ({})", safe(&file.display), count(file.rows.len(), "row"), count(file.cells(), "cell"));
        for row in &file.rows {
            let _ = writeln!(out, "  row {} (claim {}): {} -> set {}", row.row, safe(&row.claim), row.code, row.columns.join(", "));
        }
    }
    if !fixed.left.is_empty() {
        let _ = writeln!(out, "left for a human ({}):", fixed.left.len());
        for finding in &fixed.left {
            let row = finding.row.map(|r| format!(" row {r}")).unwrap_or_default();
            let claim = finding.claim.as_ref().map(|c| format!(" (claim {})", safe(c))).unwrap_or_default();
            let _ = writeln!(out, "  {}{row}{claim}: {}[{}] {}", safe(&finding.file), finding.severity, finding.code, safe(&finding.message));
        }
    }
    let rows: usize = fixed.files.iter().map(|f| f.rows.len()).sum();
    let files = fixed.files.iter().filter(|f| !f.rows.is_empty()).count();
    let _ = writeln!(
        out,
        "fix: {verb} {} in {}; {} left for a human{}",
        count(rows, "row"),
        count(files, "file"),
        fixed.left.len(),
        if dry_run { " (dry run: nothing written)" } else { "" }
    );
    out
}
