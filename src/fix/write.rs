//! Replacing a file so that it is, at every moment, either the old file or the new one.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the file at `path` with `bytes`: written to a temporary file in the same folder,
/// flushed to disk, given the old file's permissions, then renamed over it. A crash, a full disk
/// or any failure before the rename leaves the old file as it was (and no temporary file behind).
pub fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_file_with(path, |file| file.write_all(bytes))
}

/// `replace_file` with the writing step given by the caller, so a failure in the middle of a
/// write can be tested.
pub fn replace_file_with(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    // Through a link, the target is rewritten and the link stays.
    let path = path.canonicalize()?;
    let folder = path.parent().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the file has no folder"))?;
    let permissions = std::fs::metadata(&path)?.permissions();
    let mut temp = tempfile::Builder::new().prefix(".claimcheck-fix-").suffix(".tmp").tempfile_in(folder)?;
    write(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    temp.persist(&path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_content_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace_file(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(folder_names(dir.path()), vec!["claims.csv"]);
    }

    #[test]
    fn a_write_failing_midway_leaves_the_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.csv");
        std::fs::write(&path, "id,source,quote\r\nC1,a,b\r\n").unwrap();
        let result = replace_file_with(&path, |file| {
            file.write_all(b"id,sou")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&path).unwrap(), b"id,source,quote\r\nC1,a,b\r\n");
        assert_eq!(folder_names(dir.path()), vec!["claims.csv"], "the temporary file is removed");
    }
}
