//! How large an input may be before it is refused rather than read: the `[limits]` table of
//! `claimcheck.toml`. A hostile or broken file (a CSV without a line break, a 10 GB source) then
//! costs a bounded amount of memory and time, and is reported with the limit it broke.

/// The size limits in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A larger source is refused (`source-missing`).
    pub source_bytes: u64,
    /// A larger CSV cell makes its row `csv-invalid`.
    pub cell_bytes: usize,
    /// A larger CSV record makes its row `csv-invalid`; it is skipped without being held whole.
    pub record_bytes: usize,
}

impl Limits {
    pub const DEFAULT_SOURCE_BYTES: u64 = 256 << 20;
    pub const DEFAULT_CELL_BYTES: usize = 1 << 20;
    pub const DEFAULT_RECORD_BYTES: usize = 8 << 20;

    /// No limit on cells and records: for a reader that must pass every byte of a claims file on
    /// (`fix` rewriting it), where a skipped record would be a lost one.
    pub fn unbounded_rows() -> Limits {
        Limits { cell_bytes: usize::MAX, record_bytes: usize::MAX, ..Limits::default() }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits { source_bytes: Self::DEFAULT_SOURCE_BYTES, cell_bytes: Self::DEFAULT_CELL_BYTES, record_bytes: Self::DEFAULT_RECORD_BYTES }
    }
}
