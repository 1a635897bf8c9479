//! Cells a spreadsheet would evaluate: `fix` never writes one.
//!
//! Excel, LibreOffice and Google Sheets take a cell whose text starts with `=`, `+`, `-` or `@`
//! as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`), and import options that trim spaces
//! make a leading space, tab or line break no protection. East Asian input methods and some
//! imports read the full-width and small forms (`＝`, `﹦`, ...) as their ASCII letters. So a cell
//! is judged by its first character once spaces and invisible format characters are skipped, and
//! a leading control character (tab, CR) is itself refused, as OWASP advises.

use crate::findings::Finding;

/// Characters that make a spreadsheet evaluate a cell when they come first.
const FORMULA_STARTS: [char; 12] = [
    '=', '+', '-', '@', // ASCII
    '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', // full-width ＝ ＋ － ＠
    '\u{FE66}', '\u{FE62}', '\u{FE63}', '\u{FE6B}', // small ﹦ ﹢ ﹣ ﹫
];

/// Invisible characters a reader does not see before the first letter: zero-width spaces and
/// joiners, direction marks and embeddings, the word joiner family, the BOM, the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// True when a spreadsheet could take `cell` as a formula.
pub fn evaluates(cell: &str) -> bool {
    let mut chars = cell.chars().skip_while(|&c| (c.is_whitespace() && !c.is_control()) || is_invisible(c));
    chars.next().is_some_and(|first| first.is_control() || FORMULA_STARTS.contains(&first))
}

/// Context before a quote (it must end where the quote starts), cut from the front word by word
/// until no spreadsheet would evaluate it; blank when no cut does.
pub fn safe_prefix(context: &str) -> &str {
    let mut rest = context;
    while evaluates(rest) {
        // Past the first word and the spaces after it.
        let Some(cut) = rest.find(char::is_whitespace) else { return "" };
        rest = rest[cut..].trim_start();
    }
    rest
}

/// Context after a quote: it must start where the quote ends, so it cannot be cut from the
/// front; when a spreadsheet would evaluate it, it is left blank.
pub fn safe_suffix(context: &str) -> &str {
    if evaluates(context) { "" } else { context }
}

/// The finding of a claim whose fixed quote a spreadsheet would evaluate: left for a human, and
/// the message says why.
pub fn quote_left_for_a_human(mut finding: Finding) -> Finding {
    finding.message.push_str("; the quote as the source writes it starts like a spreadsheet formula, so `claimcheck fix` does not write it: copy it into the cell by hand");
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_seen_through_spaces_and_invisible_characters() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            " =1",
            "\u{00A0}=1",
            "\u{3000}=1",
            "\u{200B}=1",
            "\u{FEFF}+1",
            "\u{202E}@x",
            "\tplain",
            "\rplain",
            "\nplain",
            "\u{FF1D}1+1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}x",
            "\u{FE66}1",
        ] {
            assert!(evaluates(cell), "{cell:?}");
        }
        for cell in ["", " ", "plain = text", "137 people", "“quoted”", "'=1", "–5 (en dash)", "Кремль"] {
            assert!(!evaluates(cell), "{cell:?}");
        }
    }

    #[test]
    fn prefixes_are_cut_to_a_safe_word_and_suffixes_left_blank() {
        assert_eq!(safe_prefix("=HYPERLINK(\"http://evil\") officials said that "), "officials said that ");
        assert_eq!(safe_prefix("- - + officials said "), "officials said ");
        assert_eq!(safe_prefix("@everyone "), "");
        assert_eq!(safe_prefix("=cmd"), "");
        assert_eq!(safe_prefix("officials said "), "officials said ");
        assert_eq!(safe_suffix(" - said the official"), "");
        assert_eq!(safe_suffix("=1+1"), "");
        assert_eq!(safe_suffix(" in the attack"), " in the attack");
    }
}
