//! A digest of a file's bytes, to tell whether the file on disk is still the one `fix` read.
//!
//! SipHash keyed at random for each run: no one can prepare two files that the run will take for
//! the same, and it needs no dependency. The bytes are fed to the hasher in blocks fixed by their
//! offset in the file, so the digest does not depend on how the reads happened to cut the file.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::io::{self, Read};
use std::path::Path;

const BLOCK: usize = 64 << 10;

/// The run's key: digests made with one key compare; digests made with different keys never do.
#[derive(Clone)]
pub struct DigestKey(RandomState);

impl DigestKey {
    pub fn new() -> Self {
        DigestKey(RandomState::new())
    }

    pub fn start(&self) -> Digester {
        Digester { hasher: self.0.build_hasher(), block: Vec::with_capacity(BLOCK), len: 0 }
    }

    /// The digest of the file at `path` as it is now, read in blocks (never whole).
    pub fn of_file(&self, path: &Path) -> io::Result<Digest> {
        let mut file = crate::load::open::open_inside(path, crate::load::open::own_folder(path))?.0;
        let mut digester = self.start();
        let mut buffer = vec![0; BLOCK];
        loop {
            let read = file.read(&mut buffer)?;
            if read == 0 {
                return Ok(digester.finish());
            }
            digester.update(&buffer[..read]);
        }
    }
}

impl Default for DigestKey {
    fn default() -> Self {
        Self::new()
    }
}

pub struct Digester {
    hasher: std::hash::DefaultHasher,
    block: Vec<u8>,
    len: u64,
}

/// What a file's bytes come to: their length and keyed hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest {
    pub len: u64,
    hash: u64,
}

impl Digester {
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        while !bytes.is_empty() {
            let take = (BLOCK - self.block.len()).min(bytes.len());
            self.block.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.block.len() == BLOCK {
                self.hasher.write(&self.block);
                self.block.clear();
            }
        }
    }

    pub fn finish(mut self) -> Digest {
        self.hasher.write(&self.block);
        self.hasher.write_u64(self.len);
        Digest { len: self.len, hash: self.hasher.finish() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_does_not_depend_on_how_the_bytes_were_cut() {
        let key = DigestKey::new();
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = key.start();
        whole.update(&bytes);
        let mut pieces = key.start();
        for piece in bytes.chunks(9_999) {
            pieces.update(piece);
        }
        let whole = whole.finish();
        assert_eq!(whole, pieces.finish());
        let mut changed = bytes.clone();
        changed[150_000] ^= 1;
        let mut other = key.start();
        other.update(&changed);
        assert_ne!(whole, other.finish());
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f"), &bytes).unwrap();
        assert_eq!(key.of_file(&dir.path().join("f")).unwrap(), whole);
    }
}
