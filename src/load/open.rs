//! Opening a file of the project, and nothing else.
//!
//! Sources, claims, reviews, the manifest and the configuration come from people the user does
//! not always trust (a pull request, a shared folder, a leaked document), so every file the
//! program reads goes through here: it must be a regular file (a FIFO would block the run, a
//! device could be anything) whose real path lies inside the folder it belongs to (a link out of
//! the project, to `/etc/passwd` or `/proc/self/environ`, is refused and never read), and a file
//! read whole must fit a size limit. Refusals name the file's kind or size, never its content.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// The default of `[limits] source-bytes`, also the limit of the other files read whole (the
/// manifest, the reviews): 256 MiB.
pub const DEFAULT_SOURCE_BYTES: u64 = super::limits::Limits::DEFAULT_SOURCE_BYTES;

/// The largest configuration file read: far above any real one.
pub const CONFIG_BYTES: u64 = 1 << 20;

/// Why a file was refused without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Its real path (links followed) leaves the folder it belongs to.
    Outside,
    /// A FIFO, a device, a socket or a folder.
    NotRegular { kind: &'static str },
    /// Larger than the limit for files read whole.
    TooLarge { size: u64, limit: u64 },
    /// Replaced (by a link or another file) between the check and the opening.
    Changed,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Outside => f.write_str("it is refused: it leads outside its folder (a link pointing out of the project); only files inside the project are read"),
            Refusal::NotRegular { kind } => write!(f, "it is refused: it is {kind}, not a regular file"),
            Refusal::TooLarge { size, limit } => write!(f, "it is refused: it holds {size} bytes, more than the limit of {limit} bytes"),
            Refusal::Changed => f.write_str("it is refused: it was replaced while being opened; run again"),
        }
    }
}

impl std::error::Error for Refusal {}

impl From<Refusal> for io::Error {
    fn from(refusal: Refusal) -> io::Error {
        let kind = match refusal {
            Refusal::Outside | Refusal::Changed => io::ErrorKind::PermissionDenied,
            Refusal::NotRegular { .. } => io::ErrorKind::InvalidInput,
            Refusal::TooLarge { .. } => io::ErrorKind::FileTooLarge,
        };
        io::Error::new(kind, refusal)
    }
}

/// The refusal an error from this module carries, if it is one.
pub fn refusal(error: &io::Error) -> Option<&Refusal> {
    error.get_ref().and_then(|inner| inner.downcast_ref::<Refusal>())
}

/// Opens `path` for reading when it is a regular file whose real path lies inside `folder`.
/// The metadata returned is the opened file's own.
pub fn open_inside(path: &Path, folder: &Path) -> io::Result<(File, Metadata)> {
    open_in_real_folder(path, &folder.canonicalize()?)
}

/// `open_inside` with `real_folder` the folder's real path already (a folder whose files are
/// opened by the thousand is made real once, not once a file).
pub fn open_in_real_folder(path: &Path, real_folder: &Path) -> io::Result<(File, Metadata)> {
    #[cfg(target_os = "linux")]
    if let Some(opened) = open_link_free(path, real_folder) {
        return Ok(opened);
    }
    let real = path.canonicalize()?;
    if !real.starts_with(real_folder) {
        return Err(Refusal::Outside.into());
    }
    // Looked at before opening: opening a FIFO waits for a writer, and opening a device may act.
    let before = std::fs::metadata(&real)?;
    if !before.is_file() {
        return Err(Refusal::NotRegular { kind: kind_of(&before) }.into());
    }
    let file = open_no_follow(&real)?;
    let opened = file.metadata()?;
    if !opened.is_file() || !same_file(&before, &opened) {
        return Err(Refusal::Changed.into());
    }
    Ok((file, opened))
}

/// The whole of `path` (see `open_inside`), refused when larger than `limit` bytes.
pub fn read_inside(path: &Path, folder: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, metadata) = open_inside(path, folder)?;
    read_opened(file, &metadata, limit)
}

/// The whole of `file` (its metadata as opened), refused when larger than `limit` bytes.
fn read_opened(file: File, metadata: &Metadata, limit: u64) -> io::Result<Vec<u8>> {
    if metadata.len() > limit {
        return Err(Refusal::TooLarge { size: metadata.len(), limit }.into());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // Bounded even so: a file may grow while it is read.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge { size: bytes.len() as u64, limit }.into());
    }
    Ok(bytes)
}

/// Like `read_inside`, with the folder the file stands in as its folder: for a file named on its
/// own (the configuration, one claims file), a link leading out of that folder is refused.
pub fn read_in_own_folder(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_inside(path, own_folder(path), limit)
}

/// A file named on the command line for itself (`claimcheck figures FILE`): read wherever it
/// is, links followed, but only when it is a regular file within `limit` bytes.
pub fn read_named(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let real = path.canonicalize()?;
    // The folder of a real path is real: not made real again (a second walk of the path, once a
    // file for `figures` over thousands).
    let (file, metadata) = open_in_real_folder(&real, own_folder(&real))?;
    read_opened(file, &metadata, limit)
}

/// The folder a file stands in (`.` for a bare name).
pub fn own_folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A regular file reached from `real_folder` through no link at all is real where it stands, so
/// it can be opened without reading each folder on its path for a link first (seven calls a file
/// for sources a few folders deep, a fifth of the time of opening thousands of them): one look
/// at the file, one opening that the kernel refuses if any part of the path is a link, one look
/// at what was opened. `None` whenever that does not settle it (a link on the way, not a regular
/// file, replaced meanwhile, a kernel without `openat2`): the general way then decides and says why.
#[cfg(target_os = "linux")]
fn open_link_free(path: &Path, real_folder: &Path) -> Option<(File, Metadata)> {
    let inside = path.strip_prefix(real_folder).ok()?;
    if !inside.components().all(|part| matches!(part, std::path::Component::Normal(_))) {
        return None;
    }
    // Looked at before opening, as in the general way: opening a device may act.
    let before = std::fs::symlink_metadata(path).ok()?;
    if !before.is_file() {
        return None;
    }
    let file = open_without_links(path).ok()?;
    let opened = file.metadata().ok()?;
    (opened.is_file() && same_file(&before, &opened)).then_some((file, opened))
}

/// Opens `path` for reading with `openat2`, refused by the kernel (`ELOOP`) when any part of it is a link.
#[cfg(target_os = "linux")]
fn open_without_links(path: &Path) -> io::Result<File> {
    use std::os::fd::FromRawFd;
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(path.as_os_str().as_bytes())?;
    // SAFETY: `open_how` is a plain C struct of integers, for which zero is a valid value.
    let mut how: libc::open_how = unsafe { std::mem::zeroed() };
    how.flags = (libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC) as u64;
    how.resolve = libc::RESOLVE_NO_SYMLINKS;
    // SAFETY: `path` is NUL-terminated and `how` is a live `open_how` of the size passed; the call
    // reads both and keeps neither.
    let fd = unsafe { libc::syscall(libc::SYS_openat2, libc::AT_FDCWD, path.as_ptr(), &how as *const libc::open_how, std::mem::size_of::<libc::open_how>()) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    let fd = i32::try_from(fd).map_err(|_| io::Error::other("openat2 returned no descriptor"))?;
    // SAFETY: a successful `openat2` returns a new descriptor that nothing else owns.
    Ok(unsafe { File::from_raw_fd(fd) })
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A link swapped in after the check fails to open rather than being followed; non-blocking,
    // so a FIFO swapped in does not hang the run (it then fails the regular-file check).
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// The first of `files` that is the file at `path` (same device and inode, so through links
/// and hard links), if `path` exists.
pub fn same_file_among<'f>(path: &Path, files: &'f [std::path::PathBuf]) -> Option<&'f Path> {
    let target = std::fs::metadata(path).ok()?;
    files.iter().find(|file| std::fs::metadata(file).is_ok_and(|metadata| same_file(&metadata, &target))).map(|file| file.as_path())
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len()
}

/// The kind of a file that is not a regular file, for messages.
pub fn kind_of(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if metadata.is_dir() { "a folder" } else { "not a file" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_inside_and_refuses_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let (inside, outside) = (dir.path().join("in"), dir.path().join("out"));
        std::fs::create_dir_all(&inside).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(inside.join("a.txt"), "text").unwrap();
        std::fs::write(outside.join("secret"), "secret").unwrap();
        assert_eq!(read_inside(&inside.join("a.txt"), &inside, 10).unwrap(), b"text");
        let too_large = read_inside(&inside.join("a.txt"), &inside, 3).unwrap_err();
        assert_eq!(refusal(&too_large), Some(&Refusal::TooLarge { size: 4, limit: 3 }));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.join("secret"), inside.join("link")).unwrap();
            let error = read_inside(&inside.join("link"), &inside, 100).unwrap_err();
            assert_eq!(refusal(&error), Some(&Refusal::Outside));
            assert!(!error.to_string().contains("secret"), "{error}");
            std::os::unix::fs::symlink(inside.join("a.txt"), inside.join("near")).unwrap();
            assert_eq!(read_inside(&inside.join("near"), &inside, 100).unwrap(), b"text", "a link that stays inside is read");
        }
        let folder = read_inside(&inside, dir.path(), 100).unwrap_err();
        assert_eq!(refusal(&folder), Some(&Refusal::NotRegular { kind: "a folder" }));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_a_path_without_links_to_a_regular_file_takes_the_short_way() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (inside, outside) = (root.join("in"), root.join("out"));
        std::fs::create_dir_all(inside.join("deeper")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(inside.join("deeper/a.txt"), "text").unwrap();
        std::fs::write(outside.join("secret"), "secret").unwrap();
        let (_, metadata) = open_link_free(&inside.join("deeper/a.txt"), &inside).expect("a plain file inside");
        assert_eq!(metadata.len(), 4);
        // A folder link on the way (the general way then refuses it: it leads out).
        std::os::unix::fs::symlink(&outside, inside.join("linked")).unwrap();
        assert!(open_link_free(&inside.join("linked/secret"), &inside).is_none());
        let error = open_in_real_folder(&inside.join("linked/secret"), &inside).unwrap_err();
        assert_eq!(refusal(&error), Some(&Refusal::Outside));
        // A link as the file itself, a path climbing out lexically, a path not under the folder.
        std::os::unix::fs::symlink(inside.join("deeper/a.txt"), inside.join("near")).unwrap();
        assert!(open_link_free(&inside.join("near"), &inside).is_none());
        assert!(open_link_free(&inside.join("deeper/../../out/secret"), &inside).is_none());
        assert!(open_link_free(&outside.join("secret"), &inside).is_none());
        // A FIFO is not opened at all here (opening it would wait for a writer).
        let fifo = std::ffi::CString::new(inside.join("fifo").as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(open_link_free(&inside.join("fifo"), &inside).is_none());
        let error = open_in_real_folder(&inside.join("fifo"), &inside).unwrap_err();
        assert_eq!(refusal(&error), Some(&Refusal::NotRegular { kind: "a FIFO (named pipe)" }));
    }
}
