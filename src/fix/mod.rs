//! `claimcheck fix`: applies the safe re-anchors to the claims files in place, changing only the
//! cells it fixes, or with `--dry-run` shows them as a unified diff.

pub mod plan;
pub mod rewrite;
pub mod write;

use crate::error::RunError;
use crate::check::open_sources;
use crate::paths::claims_files;
use crate::render::plural as count;
use plan::Plan;
use similar::TextDiff;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct FixOptions {
    pub sources: PathBuf,
    pub annotations: PathBuf,
    pub dry_run: bool,
    pub limits: crate::config::Limits,
}

/// Plans the fix and, unless it is a dry run, writes every changed file.
pub fn fix(options: &FixOptions) -> Result<Plan, RunError> {
    let (sources, _manifest_findings) = open_sources(&options.sources, &options.limits)?;
    let files = claims_files(&options.annotations)?;
    let plan = plan::plan(&sources, &files);
    if !options.dry_run {
        for file in plan.files.iter().filter(|f| f.changes()) {
            // A file changed on disk since it was read (a spreadsheet saving it) is not overwritten.
            let current = crate::load::open::read_in_own_folder(&file.path, u64::MAX).map_err(|error| RunError::Output { path: file.path.clone(), error })?;
            if current != file.original {
                let error = std::io::Error::other("the file changed while `claimcheck fix` ran; run it again");
                return Err(RunError::Output { path: file.path.clone(), error });
            }
            write::replace_file(&file.path, &file.fixed).map_err(|error| RunError::Output { path: file.path.clone(), error })?;
        }
    }
    Ok(plan)
}

/// A unified diff of every file the plan changes, with `a/` and `b/` headers as `git diff` and
/// `patch -p1` expect.
pub fn render_diff(plan: &Plan) -> String {
    let mut out = String::new();
    for file in plan.files.iter().filter(|f| f.changes()) {
        let (old, new) = (String::from_utf8_lossy(&file.original), String::from_utf8_lossy(&file.fixed));
        let diff = TextDiff::from_lines(old.as_ref(), new.as_ref());
        let _ = write!(out, "{}", diff.unified_diff().context_radius(1).header(&format!("a/{}", file.display), &format!("b/{}", file.display)));
    }
    out
}

/// What was fixed per file, and what is left for a human and why.
pub fn render_summary(plan: &Plan, dry_run: bool) -> String {
    let mut out = String::new();
    let verb = if dry_run { "would fix" } else { "fixed" };
    for file in &plan.files {
        if file.rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}: {verb} {} ({})", file.display, count(file.rows.len(), "row"), count(file.cells(), "cell"));
        for row in &file.rows {
            let _ = writeln!(out, "  row {} (claim {}): {} -> set {}", row.row, row.claim, row.code, row.columns.join(", "));
        }
    }
    if !plan.left.is_empty() {
        let _ = writeln!(out, "left for a human ({}):", plan.left.len());
        for finding in &plan.left {
            let row = finding.row.map(|r| format!(" row {r}")).unwrap_or_default();
            let claim = finding.claim.as_ref().map(|c| format!(" (claim {c})")).unwrap_or_default();
            let _ = writeln!(out, "  {}{row}{claim}: {}[{}] {}", finding.file, finding.severity, finding.code, finding.message);
        }
    }
    let rows: usize = plan.files.iter().map(|f| f.rows.len()).sum();
    let files = plan.files.iter().filter(|f| f.changes()).count();
    let _ = writeln!(
        out,
        "fix: {verb} {} in {}; {} left for a human{}",
        count(rows, "row"),
        count(files, "file"),
        plan.left.len(),
        if dry_run { " (dry run: nothing written)" } else { "" }
    );
    out
}
