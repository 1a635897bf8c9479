//! Findings are data: what went wrong, where, and what to do. Renderers turn them into text.

use crate::load::text::LineCol;
use serde::Serialize;
use std::fmt;

macro_rules! codes {
    ($( $variant:ident = $name:literal, $severity:ident, $summary:literal; )*) => {
        /// A stable finding code from the contract; the kebab-case name never changes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[$( Code::$variant, )*];

            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// One line saying when the code is raised.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                match name { $( $name => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

codes! {
    CsvInvalid = "csv-invalid", Error, "a row that cannot be read: wrong number of cells, not UTF-8, bad header";
    ClaimMissingField = "claim-missing-field", Error, "`id`, `source` or `quote` is empty";
    ClaimDuplicateId = "claim-duplicate-id", Error, "the same claim id appears twice";
    SourceMissing = "source-missing", Error, "the source file does not exist or is refused";
    SpanInvalid = "span-invalid", Error, "offsets are not numbers, start > end, or past the end of the source";
    SpanUnanchored = "span-unanchored", Warning, "offsets are blank (`claimcheck fix` fills them)";
    SpanMoved = "span-moved", Warning, "the exact quote is elsewhere in the source now";
    SpanNormalized = "span-normalized", Warning, "the quote matches only after folding quotes, dashes, whitespace and NFKC";
    SpanEdited = "span-edited", Error, "the source text now differs from the quote";
    SpanAmbiguous = "span-ambiguous", Error, "the quote is found at several places and nothing decides";
    SpanMissing = "span-missing", Error, "the quote is no longer in the source";
    FigureUnparsed = "figure-unparsed", Error, "a figure claim whose quote or value holds no readable figure";
    FigureAmbiguous = "figure-ambiguous", Error, "`value` is blank and the quote holds several figures";
    FigureMismatch = "figure-mismatch", Error, "`value` does not match any figure in the quote";
    FigureConflict = "figure-conflict", Error, "claims on one subject and measure whose intervals are disjoint";
    FigureImprecise = "figure-imprecise", Warning, "claims on one subject and measure whose intervals are compatible but differ";
    FigureIncomparable = "figure-incomparable", Warning, "claims on one subject and measure in different units (currencies, percent vs count or points)";
    FigureReviewed = "figure-reviewed", Note, "a disagreement covered by a review";
}

impl Code {
    /// What to do about a finding of this code, for tools that show help next to a rule.
    pub fn help(self) -> &'static str {
        match self {
            Code::CsvInvalid => "Save the file from the spreadsheet as \"CSV UTF-8\", with one header row naming id, source and quote, and as many cells in every row as the header has columns.",
            Code::ClaimMissingField => "Fill the id, source and quote cells of the row, or delete the row.",
            Code::ClaimDuplicateId => "Give one of the two claims a new id: ids must be unique across all claims files.",
            Code::SourceMissing => "Name a file inside the sources folder, or an id from its sources.csv manifest; paths leaving the folder are refused.",
            Code::SpanInvalid => "Write start and end as whole numbers of code points, start <= end <= the source's length, or blank both and run `claimcheck fix`.",
            Code::SpanUnanchored => "Run `claimcheck fix` to fill the offsets, adding prefix/suffix where the quote occurs more than once.",
            Code::SpanMoved => "Run `claimcheck fix` to move the offsets to where the quote stands now.",
            Code::SpanNormalized => "Run `claimcheck fix` to copy the source's typography into the quote, or correct the quote by hand.",
            Code::SpanEdited => "Read the diff: if the source's new wording still supports the claim, update the quote (or run `claimcheck fix`); otherwise revise the claim.",
            Code::SpanAmbiguous => "Add prefix/suffix context that occurs at one place only, or correct the offsets by hand.",
            Code::SpanMissing => "Find the passage in the source again and update the quote and offsets, or retire the claim.",
            Code::FigureUnparsed => "Write the figure in the value column (e.g. `330`, `over 300`, `137-145`) or remove measure/value if the claim states no figure.",
            Code::FigureAmbiguous => "Write in the value column which of the quote's figures the claim is about.",
            Code::FigureMismatch => "Correct the value column so it matches a figure in the quote.",
            Code::FigureConflict => "Check both sources; once reviewed, record the verdict and reason for the subject and measure in annotations/reviews.csv.",
            Code::FigureImprecise => "Usually fine: sources differ in precision. Record it in annotations/reviews.csv once reviewed.",
            Code::FigureIncomparable => "Check that the claims measure the same thing; give them different measures (e.g. `cost (USD)`, `cost (EUR)`) or record the group in annotations/reviews.csv as `incomparable`.",
            Code::FigureReviewed => "Nothing to do while the figures stay as reviewed.",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A place in a source document, in code points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceSpan {
    /// Source name relative to the sources folder, with `/`.
    pub source: String,
    pub start: usize,
    pub end: usize,
}

/// Where a finding lies in its file, as editors count: 1-based lines, columns in characters,
/// `end` just past the last character (a blank cell is an empty region).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: LineCol,
    pub end: LineCol,
}

/// A replacement the analyst (or `claimcheck fix`) can apply to the claim row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub claim: Option<String>,
    /// The claims file (or sources manifest) the finding is about, relative, with `/`.
    pub file: String,
    /// Spreadsheet row (header = 1).
    pub row: Option<usize>,
    /// Physical line in the CSV file where the row starts, for editors and CI annotations.
    pub line: Option<usize>,
    /// The CSV column at fault, by its header name.
    pub column: Option<String>,
    /// The cell at fault (or the whole record) in the file; set once the check is done.
    pub region: Option<Region>,
    /// The source named by the claim, as written in the row.
    pub source: Option<String>,
    /// The offsets recorded in the row.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub message: String,
    /// Where in a source document to point the reader; drawn with the source line underlined.
    pub span: Option<SourceSpan>,
    /// What the span's underline says.
    pub label: Option<String>,
    /// Further lines shown under the snippet (`= note: ...`, diffs).
    pub notes: Vec<String>,
    pub suggestion: Option<Suggestion>,
}

impl Finding {
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            claim: None,
            file: file.into(),
            row: None,
            line: None,
            column: None,
            region: None,
            source: None,
            start: None,
            end: None,
            message: message.into(),
            span: None,
            label: None,
            notes: Vec::new(),
            suggestion: None,
        }
    }

    pub fn at_row(mut self, row: usize, line: usize) -> Self {
        self.row = Some(row);
        self.line = Some(line);
        self
    }

    pub fn in_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn pointing_at(mut self, span: SourceSpan, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = Some(label.into());
        self
    }

    /// The order findings are reported in: by file, row, then code, whatever order they were found.
    pub fn sort_key(&self) -> (&str, usize, Code, Option<&str>, &str) {
        (&self.file, self.row.unwrap_or(0), self.code, self.claim.as_deref(), &self.message)
    }
}

/// The longest text of a cell or a source (a figure, a value, a name) a message quotes whole.
pub const QUOTED_CHARS: usize = 100;
/// The most items (figures, places) a message lists before saying how many more there are.
pub const LISTED_ITEMS: usize = 10;

/// The longest text a note quotes whole (a quote as recorded and as the source has it, their diff).
pub const NOTE_CHARS: usize = 1_000;

/// `text` for a message: cut to `QUOTED_CHARS` characters with an ellipsis when longer, so a
/// cell of a megabyte or a figure of a hundred thousand digits makes a line a reader can read.
pub fn clipped(text: &str) -> String {
    clipped_to(text, QUOTED_CHARS)
}

/// `text` cut to `chars` characters with an ellipsis when longer.
pub fn clipped_to(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The first `LISTED_ITEMS` of `items`, joined by commas, then how many of `total` are left.
pub fn listed(items: impl IntoIterator<Item = String>, total: usize) -> String {
    let mut shown: Vec<String> = items.into_iter().take(LISTED_ITEMS).collect();
    if total > shown.len() {
        shown.push(format!("and {} more", total - shown.len()));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_and_lists_are_cut_for_a_message() {
        assert_eq!(clipped("short"), "short");
        let long = "9".repeat(100_000);
        assert_eq!(clipped(&long).chars().count(), QUOTED_CHARS + 1);
        assert!(clipped(&"é".repeat(QUOTED_CHARS + 1)).ends_with("é…"));
        let items = (0..30_000).map(|i| format!("`{i}`"));
        assert_eq!(listed(items, 30_000), "`0`, `1`, `2`, `3`, `4`, `5`, `6`, `7`, `8`, `9`, and 29990 more");
        assert_eq!(listed(["`a`".to_string(), "`b`".to_string()], 2), "`a`, `b`");
    }
}
