//! Rewriting cells in the raw bytes of a CSV file: every byte outside the rewritten cells stays
//! as it was (BOM, delimiter, line endings, quoting of the other cells, unknown columns).

use crate::load::table::quote_cell;
use std::ops::Range;

/// A new value for one cell, placed by the cell's byte range in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellEdit {
    /// Byte range of the cell, quotes included, as `load::table` records it.
    pub span: Range<usize>,
    /// Whether the cell was quoted: a quoted cell stays quoted, in the file's own style.
    pub quoted: bool,
    pub value: String,
}

/// `bytes` with each edited cell replaced, each written as `quote_cell` writes it: quoted when it
/// was, or when the value needs it. Edits must not overlap (cells never do).
pub fn apply(bytes: &[u8], delimiter: u8, edits: &[CellEdit]) -> Vec<u8> {
    let mut edits: Vec<&CellEdit> = edits.iter().collect();
    edits.sort_by_key(|edit| edit.span.start);
    let mut out = Vec::with_capacity(bytes.len() + edits.iter().map(|e| e.value.len() + 2).sum::<usize>());
    let mut copied = 0;
    for edit in edits {
        out.extend_from_slice(&bytes[copied..edit.span.start]);
        out.extend_from_slice(quote_cell(&edit.value, edit.quoted, delimiter).as_bytes());
        copied = edit.span.end;
    }
    out.extend_from_slice(&bytes[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_cells_and_nothing_else() {
        let bytes = b"\xEF\xBB\xBFid;start;quote\r\nC1;;\"x\"\r\n";
        let edits = [
            CellEdit { span: 23..26, quoted: true, value: "y;z".into() },
            CellEdit { span: 22..22, quoted: false, value: "12".into() },
        ];
        assert_eq!(apply(bytes, b';', &edits), b"\xEF\xBB\xBFid;start;quote\r\nC1;12;\"y;z\"\r\n");
    }
}
