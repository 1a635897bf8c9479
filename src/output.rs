//! Where a report goes: a file replaced atomically, a stream written directly, and never one of
//! the run's inputs.

use crate::error::RunError;
use crate::load::open;
use crate::paths::display_path;
use std::fs::Metadata;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes to `path` what `write` produces, refusing (exit status 2, naming it) a path that is one
/// of `inputs`.
///
/// A regular file (or a new one) is replaced atomically: written to a temporary file in the same
/// folder, flushed, then renamed over it, so a reader sees the old report or the new one, never
/// half of one, and a link at `path` is replaced, not followed (a link planted in a checkout
/// cannot aim the report at a file elsewhere). A pipe, `/dev/null` or a terminal is written to
/// directly. Anything else (a folder, a disk, another device) is refused.
pub fn write_report(path: &Path, inputs: &[PathBuf], write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), RunError> {
    let refuse = |why: String| Err(RunError::Usage(format!("--output `{}` {why}; name another file", display_path(path))));
    if let Some(input) = open::same_file_among(path, inputs) {
        return refuse(format!("is `{}`, one of the run's inputs: writing the report there would destroy it", display_path(input)));
    }
    let failed = |error| RunError::Output { path: path.to_path_buf(), error };
    match std::fs::metadata(path) {
        Ok(metadata) if is_stream(path, &metadata) => write_stream(path, write).map_err(failed),
        Ok(metadata) if !metadata.is_file() => refuse(format!("is {}, not a file", open::kind_of(&metadata))),
        _ => replace_atomically(path, write).map_err(failed),
    }
}

/// A FIFO (a pipe, `>(...)`), `/dev/null` or a terminal: a stream with nothing to replace.
fn is_stream(path: &Path, metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if metadata.file_type().is_fifo() {
            return true;
        }
        if metadata.file_type().is_char_device() {
            let real = path.canonicalize().unwrap_or_default();
            return real == Path::new("/dev/null") || real.starts_with("/dev/pts") || real.starts_with("/dev/tty");
        }
        false
    }
    #[cfg(not(unix))]
    {
        let _ = (path, metadata);
        false
    }
}

fn write_stream(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut stream = io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(path)?);
    write(&mut stream)?;
    stream.flush()
}

/// Replaces (or creates) the file at `path` with what `write` produces, through a temporary file
/// and a rename.
fn replace_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".claimcheck-report-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode a plain new file gets (the umask applies), not the temporary file's 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(open::own_folder(path))?;
    let mut out = io::BufWriter::new(temp.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    Ok(())
}
