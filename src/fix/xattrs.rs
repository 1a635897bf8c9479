//! Copying a file's extended attributes (user notes, ACLs, security labels) to its replacement.
//!
//! Linux only: other systems' attribute calls take other arguments, and there the replacement
//! gets none (docs/fix.md says so).

use super::write::NotReplaced;
use std::fs::File;

#[cfg(any(target_os = "linux", target_os = "android"))]
pub use linux::copy;

#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn copy(_from: &File, _to: &File) -> Result<(), NotReplaced> {
    Ok(())
}

#[cfg(any(target_os = "linux", target_os = "android"))]
mod linux {
    use super::*;
    use std::ffi::{CString, OsStr};
    use std::io;
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;

    /// Copies every extended attribute of `from` (user notes, ACLs, security labels) to `to`; one
    /// that cannot be copied stops the replacement rather than being lost.
    pub fn copy(from: &File, to: &File) -> Result<(), NotReplaced> {
        for name in xattr_names(from)? {
            let value = xattr_value(from, &name)?;
            // SAFETY: both descriptors are open; name is NUL-terminated; value is a live buffer.
            let set = unsafe { libc::fsetxattr(to.as_raw_fd(), name.as_ptr(), value.as_ptr().cast(), value.len(), 0) };
            if set != 0 {
                let error = io::Error::last_os_error();
                let name = OsStr::from_bytes(name.as_bytes()).to_string_lossy();
                return Err(NotReplaced::Metadata(format!("cannot copy the extended attribute `{name}` to the new file: {error}")));
            }
        }
        Ok(())
    }

    /// Calls `fill(buffer)` (a size query when the buffer is empty) until the buffer is large enough:
    /// the attribute calls' protocol, where the size may change between two calls.
    fn sized_call(fill: impl Fn(&mut [u8]) -> isize) -> io::Result<Vec<u8>> {
        loop {
            let size = fill(&mut []);
            if size < 0 {
                let error = io::Error::last_os_error();
                // A file system without extended attributes has none to copy.
                return if error.raw_os_error() == Some(libc::ENOTSUP) { Ok(Vec::new()) } else { Err(error) };
            }
            let mut buffer = vec![0u8; size as usize];
            let got = fill(&mut buffer);
            if got >= 0 {
                buffer.truncate(got as usize);
                return Ok(buffer);
            }
            if io::Error::last_os_error().raw_os_error() != Some(libc::ERANGE) {
                return Err(io::Error::last_os_error());
            }
        }
    }

    fn xattr_names(file: &File) -> io::Result<Vec<CString>> {
        // SAFETY: the buffer pointer and length describe a live buffer (or a size query with 0).
        let list = sized_call(|buffer| unsafe { libc::flistxattr(file.as_raw_fd(), buffer.as_mut_ptr().cast(), buffer.len()) })?;
        Ok(list.split(|&b| b == 0).filter(|name| !name.is_empty()).filter_map(|name| CString::new(name).ok()).collect())
    }

    fn xattr_value(file: &File, name: &CString) -> io::Result<Vec<u8>> {
        // SAFETY: as above; name is NUL-terminated.
        sized_call(|buffer| unsafe { libc::fgetxattr(file.as_raw_fd(), name.as_ptr(), buffer.as_mut_ptr().cast(), buffer.len()) })
    }
}
