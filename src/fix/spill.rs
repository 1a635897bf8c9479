//! Bytes held in memory up to a limit, then in an anonymous temporary file: the dry run's diff
//! of a file where every row changes is as large as the file, and must not be held in memory.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// What is held in memory before the bytes move to a temporary file.
pub const MEMORY_LIMIT: usize = 4 << 20;

pub struct Spill {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    limit: usize,
}

impl Default for Spill {
    fn default() -> Self {
        Spill::with_limit(MEMORY_LIMIT)
    }
}

impl Spill {
    /// A spill that moves to a file past `limit` bytes (`default`: 4 MiB).
    pub fn with_limit(limit: usize) -> Self {
        Spill { memory: Vec::new(), file: None, limit }
    }

    pub fn is_empty(&self) -> bool {
        self.memory.is_empty() && self.file.is_none()
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.file.is_none() && self.memory.len() + bytes.len() > self.limit {
            let mut file = BufWriter::new(tempfile::tempfile()?);
            file.write_all(&self.memory)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => file.write_all(bytes),
            None => {
                self.memory.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    /// Writes everything held to `out`, and empties the spill.
    pub fn drain_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.file.take() {
            Some(file) => {
                let mut file = file.into_inner().map_err(|error| error.into_error())?;
                file.rewind()?;
                io::copy(&mut file, out)?;
            }
            None => out.write_all(&self.memory)?,
        }
        self.memory.clear();
        Ok(())
    }
}

/// A spill is a writer, so a spill can drain into another.
impl Write for Spill {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        Spill::write(self, bytes).map(|()| bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_in_order_from_memory_or_file() {
        for limit in [0, 5, 1 << 20] {
            let mut spill = Spill::with_limit(limit);
            assert!(spill.is_empty());
            for piece in ["abc", "defgh", "", "ij"] {
                spill.write(piece.as_bytes()).unwrap();
            }
            let mut out = Vec::new();
            spill.drain_to(&mut out).unwrap();
            assert_eq!(out, b"abcdefghij", "limit {limit}");
            assert!(spill.is_empty());
        }
    }
}
