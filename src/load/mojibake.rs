//! Mojibake: text garbled by a wrong encoding somewhere between the analyst and the file.
//!
//! The classic accident: a UTF-8 claims file opened in a spreadsheet as Windows-1252 (Excel's
//! double-click; LibreOffice's import with the wrong character set) and saved again. Every
//! non-ASCII character then becomes two or three: `“` turns into `â€œ`, `é` into `Ã©`, and with
//! a Russian-locale Excel (Windows-1251) `Москва` into `РњРѕСЃРєРІР°`. The damage can be undone:
//! encode the garbled text back into the single-byte encoding and read the bytes as UTF-8.
//!
//! The evidence is strong: ordinary text in these encodings almost never forms valid UTF-8 when
//! its bytes are read that way (a UTF-8 lead byte must be followed by the right number of
//! continuation bytes, which in these encodings are punctuation and symbols, not letters), so a
//! repair is offered only when the whole text round-trips, at least one multi-byte character
//! comes back, and what comes back holds no control character.
//!
//! The reverse accident, a file saved in a single-byte encoding instead of UTF-8, fails to load;
//! `legacy_reading` says which encoding the bytes look like, for the error message.

use encoding_rs::{Encoding, WINDOWS_1251, WINDOWS_1252};

/// A single-byte encoding a spreadsheet may have read UTF-8 text as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misreading {
    Windows1252,
    Windows1251,
    Latin1,
}

impl Misreading {
    pub fn name(self) -> &'static str {
        match self {
            Misreading::Windows1252 => "Windows-1252 (Western European)",
            Misreading::Windows1251 => "Windows-1251 (Cyrillic, as a Russian-locale Excel reads files)",
            Misreading::Latin1 => "Latin-1 (ISO-8859-1)",
        }
    }

    /// The bytes `text` was decoded from under this encoding, or `None` when a character has no
    /// byte in it.
    fn bytes(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Misreading::Windows1252 => encode(WINDOWS_1252, text),
            Misreading::Windows1251 => encode(WINDOWS_1251, text),
            Misreading::Latin1 => text.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect(),
        }
    }
}

fn encode(encoding: &'static Encoding, text: &str) -> Option<Vec<u8>> {
    let (bytes, _, unmappable) = encoding.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

/// What garbled text was meant to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub misreading: Misreading,
    /// How many times the accident happened (a file opened and saved twice garbles twice).
    pub times: usize,
    pub text: String,
}

/// Undoes one misreading of `text`, when it is one.
fn undo_once(text: &str) -> Option<Repair> {
    if text.is_ascii() {
        return None;
    }
    [Misreading::Windows1252, Misreading::Windows1251, Misreading::Latin1].into_iter().find_map(|misreading| {
        let bytes = misreading.bytes(text)?;
        let repaired = String::from_utf8(bytes).ok()?;
        let multibyte = repaired.chars().any(|c| c.len_utf8() > 1);
        let clean = !repaired.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r') && !is_windows_hole(c));
        (multibyte && clean && repaired != text).then_some(Repair { misreading, times: 1, text: repaired })
    })
}

/// The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) come through
/// as the control characters of the same number: a step of a twice-garbled text may hold them
/// (`”` is E2 80 9D), a final repair may not.
fn is_windows_hole(c: char) -> bool {
    matches!(c, '\u{81}' | '\u{8d}' | '\u{8f}' | '\u{90}' | '\u{9d}')
}

/// What `text` was meant to read, when it looks like mojibake: undone once, or again for text
/// garbled more than once.
pub fn repair(text: &str) -> Option<Repair> {
    let mut repair = undo_once(text)?;
    while let Some(again) = undo_once(&repair.text).filter(|again| again.misreading == repair.misreading && repair.times < 3) {
        repair = Repair { times: repair.times + 1, ..again };
    }
    (!repair.text.chars().any(is_windows_hole)).then_some(repair)
}

/// Bytes that are not UTF-8: what they read as in the single-byte encoding they look like,
/// when the evidence is strong. Cyrillic in Windows-1251 comes in runs of letters (0xC0-0xFF,
/// Ё and ё) between ASCII; Western text in Windows-1252 has accented letters (0xC0-0xFF)
/// mostly alone between ASCII letters.
pub fn legacy_reading(bytes: &[u8]) -> Option<(&'static str, String)> {
    let high: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] >= 0x80).collect();
    if high.is_empty() {
        return None;
    }
    let letter = |b: u8| b >= 0xC0 || b == 0xA8 || b == 0xB8;
    let in_run = |i: usize| (i > 0 && bytes[i - 1] >= 0x80) || bytes.get(i + 1).is_some_and(|&b| b >= 0x80);
    let cyrillic = high.len() >= 2 && high.iter().all(|&i| letter(bytes[i]) || bytes[i] == 0xB9) && high.iter().filter(|&&i| in_run(i)).count() * 10 >= high.len() * 8;
    // Two letters side by side are a Cyrillic word far more often than two accented Latin ones.
    let runs: Vec<&[u8]> = bytes.split(|&b| b < 0x80).filter(|run| !run.is_empty()).collect();
    let western = runs.iter().all(|run| run.len() == 1 || (run.len() == 2 && !run.iter().all(|&b| b >= 0xC0)))
        && high.iter().all(|&i| bytes[i] >= 0x91 && !matches!(bytes[i], 0x9D | 0xAD | 0xD7 | 0xF7 | 0xDE | 0xFE | 0xD0 | 0xF0));
    let (encoding, name) = if cyrillic {
        (WINDOWS_1251, "Windows-1251 (Cyrillic)")
    } else if western {
        (WINDOWS_1252, "Windows-1252 (Western European)")
    } else {
        return None;
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Some((name, text.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` garbled as `encoding` would garble it: its UTF-8 bytes read in that encoding.
    fn garble(text: &str, encoding: &'static Encoding) -> String {
        encoding.decode_without_bom_handling(text.as_bytes()).0.into_owned()
    }

    #[test]
    fn undoes_windows_1252_1251_and_latin_1_misreadings() {
        let cases = [
            ("“over 140” had died", WINDOWS_1252, Misreading::Windows1252),
            ("the café’s façade – déjà vu", WINDOWS_1252, Misreading::Windows1252),
            ("Теракт в «Крокус Сити Холле»", WINDOWS_1251, Misreading::Windows1251),
            ("Москва", WINDOWS_1251, Misreading::Windows1251),
            ("Zürich, Ærøskøbing", WINDOWS_1252, Misreading::Windows1252),
            ("Беслан — 2004", WINDOWS_1252, Misreading::Windows1252),
        ];
        for (text, encoding, misreading) in cases {
            let garbled = garble(text, encoding);
            assert_ne!(garbled, text);
            let repair = repair(&garbled).unwrap_or_else(|| panic!("{garbled}"));
            assert_eq!((repair.text.as_str(), repair.misreading, repair.times), (text, misreading, 1), "{garbled}");
        }
        assert_eq!(garble("“", WINDOWS_1252), "â€œ");
        // Latin-1 proper keeps C1 bytes as control characters: `”` is E2 80 9D.
        let latin1: String = "naïve “x”".bytes().map(char::from).collect();
        let repaired = repair(&latin1).unwrap();
        assert_eq!(repaired.text, "naïve “x”");
        // Garbled twice.
        let twice = garble(&garble("“Crocus”", WINDOWS_1252), WINDOWS_1252);
        assert_eq!(repair(&twice).map(|r| (r.text, r.times)), Some(("“Crocus”".to_string(), 2)));
    }

    #[test]
    fn leaves_real_text_alone() {
        for text in [
            "137 people were killed",
            "café, naïve, Zürich, Ærø, São Paulo",
            "Москва, Беслан, «Крокус»",
            "Ã la carte",
            "Â£5 and ©2024",
            "می\u{200C}خواهم",
            "東京で137人",
            "Ελλάδα",
            "“quoted” — dashes – and ‘marks’",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }

    #[test]
    fn names_the_encoding_of_a_file_that_is_not_utf_8() {
        let (cyrillic, _, _) = WINDOWS_1251.encode("C1,src,0,6,Москва и Беслан");
        assert_eq!(legacy_reading(&cyrillic), Some(("Windows-1251 (Cyrillic)", "C1,src,0,6,Москва и Беслан".to_string())));
        let (western, _, _) = WINDOWS_1252.encode("the café’s façade, “over 140”");
        assert_eq!(legacy_reading(&western).map(|(_, text)| text), Some("the café’s façade, “over 140”".to_string()));
        let (short, _, _) = WINDOWS_1251.encode("C2,src,0,2,на");
        assert_eq!(legacy_reading(&short).map(|(name, _)| name), Some("Windows-1251 (Cyrillic)"));
        let (single, _, _) = WINDOWS_1252.encode("C3,src,0,4,café");
        assert_eq!(legacy_reading(&single), Some(("Windows-1252 (Western European)", "C3,src,0,4,café".to_string())));
        // Too little to tell: no guess.
        assert_eq!(legacy_reading(b"abc \x80\x81\x82\x83 def"), None);
        assert_eq!(legacy_reading(b"plain"), None);
    }
}
