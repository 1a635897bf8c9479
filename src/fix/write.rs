//! Replacing a claims file so that it is, at every moment, either the old file or the new one,
//! and the new one is the old one's twin in everything but the cells fixed: same owner, group,
//! mode and extended attributes.
//!
//! The new content streams into a temporary file beside the original (`.claimcheck-fix-*.tmp`,
//! locked while it is written), which is flushed to disk, given the original's metadata, and
//! renamed over it once the original is found unchanged since it was read; the folder is then
//! flushed so the rename survives a crash. A run killed midway leaves its temporary file behind,
//! unlocked: the next run in that folder removes it.

use super::stream::Sink;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

const TEMP_PREFIX: &str = ".claimcheck-fix-";
const TEMP_SUFFIX: &str = ".tmp";

/// Why `fix` must leave the file at `path` alone, if it must: it writes only into a regular file
/// that has a write bit, one name, and (unless run as root) the runner for owner. Root writes
/// anything, so the mode is what counts, whoever runs `fix`.
pub fn refusal(path: &Path) -> io::Result<Option<String>> {
    // The rule every file the program opens follows: a regular file inside its folder, so the
    // target of a link leading out of the annotations folder is never read nor rewritten.
    if let Err(error) = crate::load::open::open_inside(path, crate::load::open::own_folder(path)) {
        return crate::load::open::refusal(&error).map(|refusal| Some(refusal.to_string())).ok_or(error);
    }
    let meta = std::fs::metadata(path)?;
    let mode = meta.permissions().mode();
    let reason = if !meta.is_file() {
        Some("it is not a regular file".to_string())
    } else if mode & 0o222 == 0 {
        Some(format!("the file is read-only (mode {:04o}): `claimcheck fix` does not write into a read-only file; make it writable (`chmod u+w`) to let fix change it", mode & 0o7777))
    } else if meta.nlink() > 1 {
        Some(format!(
            "the file has {} hard links: `claimcheck fix` replaces a file with a new one, which would split it from its other names; fix a copy, or remove the other links",
            meta.nlink()
        ))
    } else if !is_root() && meta.uid() != current_uid() {
        Some(format!("the file belongs to another user (uid {}): the file `claimcheck fix` writes would be yours; run fix as its owner", meta.uid()))
    } else {
        None
    };
    Ok(reason)
}

fn current_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn is_root() -> bool {
    current_uid() == 0
}

/// Removes the temporary files of interrupted runs from `folder`: ours, by name, regular files
/// (never through a link), and unlocked (a run still writing one holds its lock). Returns the
/// paths removed. Cleaning is a courtesy: a folder that cannot be listed, or a file that cannot
/// be removed, stops nothing.
pub fn remove_stale_temporaries(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
        if !ours || !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW).open(&path) else { continue };
        if try_lock(&file) && std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// Takes the exclusive lock of `file` without waiting; false when another process holds it.
fn try_lock(file: &File) -> bool {
    // SAFETY: flock on a descriptor we own; it is released when the file is closed.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

/// Why a replacement was not made.
#[derive(Debug)]
pub enum NotReplaced {
    /// The file changed on disk since it was read: a spreadsheet or a person saved it meanwhile.
    Changed,
    /// The new file cannot be given the original's owner, group, mode or attributes.
    Metadata(String),
    Io(io::Error),
}

impl From<io::Error> for NotReplaced {
    fn from(error: io::Error) -> Self {
        NotReplaced::Io(error)
    }
}

/// The new content of a claims file on its way to replace it; dropped without `commit`, it
/// leaves the original as it was and no temporary file behind.
pub struct Replacement {
    /// The file replaced: links are resolved, so a link stays a link to the fixed file.
    target: PathBuf,
    temp: tempfile::NamedTempFile,
    out: BufWriter<File>,
    changed: bool,
}

impl Replacement {
    pub fn begin(path: &Path) -> io::Result<Replacement> {
        let target = path.canonicalize()?;
        let folder = folder_of(&target)?;
        let temp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(folder)?;
        // Held until the file is renamed or removed, so no other run takes it for stale.
        try_lock(temp.as_file());
        let out = BufWriter::with_capacity(1 << 20, temp.as_file().try_clone()?);
        Ok(Replacement { target, temp, out, changed: false })
    }

    /// True once any line changed: an unchanged file is never rewritten.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// Gives the new file the original's metadata, flushes it, and renames it over the original
    /// if `unchanged` (asked last, just before the rename) says the original is still the one
    /// read; then flushes the folder.
    pub fn commit(mut self, unchanged: impl FnOnce(&Path) -> io::Result<bool>) -> Result<(), NotReplaced> {
        self.out.flush()?;
        let original = File::open(&self.target)?;
        let meta = original.metadata()?;
        let temp = self.temp.as_file();
        std::os::unix::fs::fchown(temp, Some(meta.uid()), Some(meta.gid()))
            .map_err(|error| NotReplaced::Metadata(format!("cannot give the new file the owner and group of the old one (uid {}, gid {}): {error}", meta.uid(), meta.gid())))?;
        // After the owner: a change of owner clears the set-id bits.
        temp.set_permissions(meta.permissions())?;
        super::xattrs::copy(&original, temp)?;
        temp.sync_all()?;
        if !unchanged(&self.target)? {
            return Err(NotReplaced::Changed);
        }
        let Replacement { target, temp, .. } = self;
        temp.persist(&target).map_err(|error| error.error)?;
        File::open(folder_of(&target)?)?.sync_all()?;
        Ok(())
    }
}

fn folder_of(path: &Path) -> io::Result<&Path> {
    path.parent().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the file has no folder"))
}

impl Sink for Replacement {
    fn keep(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    fn change(&mut self, _old: &[u8], new: &[u8]) -> io::Result<()> {
        self.changed = true;
        self.out.write_all(new)
    }

    fn restart(&mut self) -> io::Result<()> {
        self.out.flush()?;
        let mut file = self.temp.as_file();
        file.set_len(0)?;
        file.seek(std::io::SeekFrom::Start(0))?;
        self.changed = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    fn replace(path: &Path, bytes: &[u8]) -> Result<(), NotReplaced> {
        let mut replacement = Replacement::begin(path)?;
        replacement.change(b"", bytes)?;
        replacement.commit(|_| Ok(true))
    }

    #[test]
    fn replaces_the_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(folder_names(dir.path()), vec!["claims.csv"]);
    }

    #[test]
    fn a_replacement_abandoned_midway_leaves_the_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, "id,source,quote\r\nC1,a,b\r\n").unwrap();
        let mut replacement = Replacement::begin(&path).unwrap();
        replacement.keep(b"id,sou").unwrap();
        drop(replacement);
        assert_eq!(std::fs::read(&path).unwrap(), b"id,source,quote\r\nC1,a,b\r\n");
        assert_eq!(folder_names(dir.path()), vec!["claims.csv"], "the temporary file is removed");
    }

    #[test]
    fn a_file_changed_before_the_rename_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, "old").unwrap();
        let mut replacement = Replacement::begin(&path).unwrap();
        replacement.change(b"old", b"new").unwrap();
        assert!(matches!(replacement.commit(|_| Ok(false)), Err(NotReplaced::Changed)));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(folder_names(dir.path()), vec!["claims.csv"]);
    }

    #[test]
    fn only_unlocked_temporary_files_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, "old").unwrap();
        std::fs::write(dir.path().join(".claimcheck-fix-dead01.tmp"), "left by a killed run").unwrap();
        std::fs::write(dir.path().join(".claimcheck-fix-notes.txt"), "not ours").unwrap();
        let live = Replacement::begin(&path).unwrap();
        let removed = remove_stale_temporaries(dir.path());
        assert_eq!(removed, vec![dir.path().join(".claimcheck-fix-dead01.tmp")]);
        assert!(live.temp.path().exists(), "a running fix keeps its temporary file");
        drop(live);
        assert_eq!(folder_names(dir.path()), vec![".claimcheck-fix-notes.txt", "claims.csv"]);
    }
}
