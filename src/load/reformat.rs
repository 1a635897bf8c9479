//! Spreadsheet reformatting: a cell that no longer holds what the analyst typed because the
//! spreadsheet read it as a number or a date and wrote it back its own way.
//!
//! `1,200` becomes `1200`, `25%` becomes `25.00%` or `0.25`, `1/2` and `10-15` become dates
//! (`2-Jan`, `15-Oct`, `1/2/2024`, `02.01.2024`, or the serial number `45293`), `007` becomes
//! `7`, and a long number becomes `1.23E+11`. The candidates of what was typed are generated
//! for each such token, and one is reported only when it is confirmed: the cell with the token
//! put back is found where it should be (a quote in its source, a value in its quote). So the
//! diagnosis is never a guess, except for scientific notation, which no one types into an id.

/// A token of a cell that a spreadsheet's reformatting explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reformatting {
    /// The token as the cell now holds it.
    pub shown: String,
    /// What was typed, confirmed by the context.
    pub typed: String,
    /// What the spreadsheet did, in a few words.
    pub what: &'static str,
}

/// The tokens of `cell` that a spreadsheet may have reformatted: runs of digits, letters and
/// `/ . - , % + :`, with trailing punctuation left out.
fn tokens(cell: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = None;
    let part = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | ',' | '%' | '+' | ':');
    for (at, c) in cell.char_indices().chain(std::iter::once((cell.len(), ' '))) {
        match (start, part(c)) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                let token = cell[from..at].trim_end_matches(['.', ',', ':', '-']);
                if token.chars().any(|c| c.is_ascii_digit()) {
                    found.push((from, from + token.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    found
}

/// Month names and abbreviations as spreadsheets write them in several locales, by month.
const MONTHS: [&[&str]; 12] = [
    &["jan", "january", "janv", "janvier", "januar", "ene", "enero", "gen", "янв", "январь", "января"],
    &["feb", "february", "févr", "fevr", "février", "februar", "febrero", "фев", "февраль", "февраля"],
    &["mar", "march", "mars", "mär", "mrz", "märz", "marzo", "мар", "март", "марта"],
    &["apr", "april", "avr", "avril", "abr", "abril", "апр", "апрель", "апреля"],
    &["may", "mai", "mayo", "mag", "май", "мая"],
    &["jun", "june", "juin", "juni", "junio", "giu", "июн", "июнь", "июня"],
    &["jul", "july", "juil", "juillet", "juli", "julio", "lug", "июл", "июль", "июля"],
    &["aug", "august", "août", "aout", "ago", "agosto", "авг", "август", "августа"],
    &["sep", "sept", "september", "septembre", "septiembre", "set", "сен", "сент", "сентябрь", "сентября"],
    &["oct", "october", "octobre", "okt", "oktober", "octubre", "ott", "окт", "октябрь", "октября"],
    &["nov", "november", "novembre", "noviembre", "ноя", "нояб", "ноябрь", "ноября"],
    &["dec", "december", "déc", "decembre", "décembre", "dez", "dezember", "dic", "diciembre", "дек", "декабрь", "декабря"],
];
const ENGLISH_MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().position(|names| names.contains(&name.as_str())).map(|index| index as u32 + 1)
}

fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// A day and a month (and maybe a year) a date token may stand for, every reading kept.
fn dates(token: &str) -> Vec<(u32, u32, Option<u32>)> {
    let mut readings = Vec::new();
    let parts: Vec<&str> = token.split(['-', '/', '.']).collect();
    let valid = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    match parts.as_slice() {
        // `15-Oct`, `Oct-15`, `15-Oct-24`, `Oct-24`.
        [a, b] | [a, b, _] if month(a).is_some() || month(b).is_some() => {
            let year = parts.get(2).and_then(|y| number(y));
            if let (Some(d), Some(m)) = (number(a), month(b)) {
                readings.push((d, m, year));
            }
            if let (Some(m), Some(d)) = (month(a), number(b)) {
                readings.push((d, m, year));
            }
        }
        // `2024-01-02`.
        [y, m, d] if y.len() == 4 => {
            if let (Some(y), Some(m), Some(d)) = (number(y), number(m), number(d)) {
                readings.push((d, m, Some(y)));
            }
        }
        // `1/2/2024` (US) or `02.01.2024` (Europe): both readings.
        [a, b, y] if y.len() == 2 || y.len() == 4 => {
            if let (Some(a), Some(b), Some(y)) = (number(a), number(b), number(y)) {
                readings.push((b, a, Some(y)));
                readings.push((a, b, Some(y)));
            }
        }
        // An Excel date serial: days since 1899-12-30, five digits for the years 1954-2119.
        [serial] if serial.len() == 5 => {
            if let Some(days) = serial.parse::<i64>().ok().filter(|days| (20_000..=80_000).contains(days)) {
                let (y, m, d) = civil_from_days(days - 25_569);
                readings.push((d, m, Some(y)));
            }
        }
        _ => {}
    }
    readings.retain(|&(d, m, _)| valid(d, m));
    readings
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as u32;
    (y, m, d)
}

/// What may have been typed for a date: a fraction or a range such as `1/2` or `10-15`, or a
/// date written as people write them.
fn typed_dates(d: u32, m: u32, year: Option<u32>) -> Vec<String> {
    // The most specific first: with the year, then without.
    let name = ENGLISH_MONTHS[m as usize - 1];
    let mut typed = Vec::new();
    if let Some(y) = year {
        typed.push(format!("{d} {name} {y}"));
        typed.push(format!("{name} {d}, {y}"));
        for (a, b) in [(m, d), (d, m)] {
            for separator in ["/", "-", "."] {
                typed.push(format!("{a}{separator}{b}{separator}{y}"));
                typed.push(format!("{a:02}{separator}{b:02}{separator}{y}"));
            }
        }
    }
    for (a, b) in [(m, d), (d, m)] {
        for separator in ["/", "-", "."] {
            typed.push(format!("{a}{separator}{b}"));
            typed.push(format!("{a:02}{separator}{b:02}"));
        }
    }
    typed.push(format!("{d} {name}"));
    typed.push(format!("{name} {d}"));
    typed
}

/// What may have been typed for `token`, with what the spreadsheet did to it.
fn candidates(token: &str, leading_zeros: bool) -> Vec<(String, &'static str)> {
    let mut found = Vec::new();
    let digits = token.bytes().all(|b| b.is_ascii_digit());
    if digits && token.len() >= 4 && !token.starts_with('0') {
        // Thousands separators dropped.
        for separator in [",", ".", " ", "\u{a0}", "\u{202f}", "'"] {
            let mut grouped = String::new();
            for (index, c) in token.chars().enumerate() {
                if index > 0 && (token.len() - index).is_multiple_of(3) {
                    grouped.push_str(separator);
                }
                grouped.push(c);
            }
            found.push((grouped, "dropped the thousands separator"));
        }
    }
    if digits && leading_zeros && token.len() < 6 {
        for width in token.len() + 1..=6 {
            found.push((format!("{token:0>width$}"), "dropped the leading zeros"));
        }
    }
    // `25.00%` for `25%`; `0.25` for `25%`.
    if let Some(number) = token.strip_suffix('%') {
        if let Some((whole, _)) = number.split_once(['.', ',']).filter(|(_, f)| !f.is_empty() && f.bytes().all(|b| b == b'0')) {
            found.push((format!("{whole}%"), "wrote the percentage with decimals"));
        }
    } else if let Some(fraction) = token.strip_prefix("0.").or_else(|| token.strip_prefix("0,"))
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.len() <= 4
    {
        let percent = format!("{fraction:0<2}");
        let (whole, rest) = percent.split_at(2);
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        let shown = if rest.is_empty() { format!("{whole}%") } else { format!("{whole}.{rest}%") };
        found.push((shown, "wrote the percentage as a fraction"));
    }
    for (d, m, year) in dates(token) {
        for typed in typed_dates(d, m, year) {
            found.push((typed, "read it as a date"));
        }
    }
    found.retain(|(typed, _)| typed != token);
    found
}

/// The token of `cell` whose original, put back, `confirms`: a quote found in its source, a
/// value found in its quote. `leading_zeros` allows `7` for `007` (ids and values). `holds` is
/// what `confirms` asks of each part of the cell around a token (the text is in the source), so
/// a token whose surroundings fail it has none of its originals built and looked for.
pub fn explain(cell: &str, leading_zeros: bool, confirms: impl Fn(&str) -> bool, holds: impl Fn(&str) -> bool) -> Option<Reformatting> {
    tokens(cell).into_iter().filter(|&(from, to)| holds(&cell[..from]) && holds(&cell[to..])).find_map(|(from, to)| {
        let token = &cell[from..to];
        candidates(token, leading_zeros).into_iter().find_map(|(typed, what)| {
            let restored = format!("{}{typed}{}", &cell[..from], &cell[to..]);
            confirms(&restored).then(|| Reformatting { shown: token.to_string(), typed, what })
        })
    })
}

/// A number in the scientific notation a spreadsheet shows a long number in (`1.23E+11`): its
/// digits past the first few are lost.
pub fn scientific(cell: &str) -> bool {
    let cell = cell.trim();
    let Some((mantissa, exponent)) = cell.split_once(['E', 'e']) else { return false };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    whole.len() == 1
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
        && exponent.parse::<u32>().is_ok_and(|e| e >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_text(text: &'static str) -> impl Fn(&str) -> bool {
        move |candidate| text.contains(candidate)
    }

    #[test]
    fn explains_what_spreadsheets_do_when_the_context_confirms_it() {
        let source = "About 1,200 people fled; 1/2 of them were children. Turnout was 25% in the 10-15 age band. \
                      Report 007 of 22 March 2024 and 1 234 567 euros; a 12.5% rise; on 3/4/2024 it began.";
        let cases = [
            ("About 1200 people fled", "1200", "1,200", "dropped the thousands separator"),
            ("2-Jan of them were children", "2-Jan", "1/2", "read it as a date"),
            ("Jan-02 of them were children", "Jan-02", "1/2", "read it as a date"),
            ("01.02.2024 of them were children", "01.02.2024", "1/2", "read it as a date"),
            ("Turnout was 25.00% in the", "25.00%", "25%", "wrote the percentage with decimals"),
            ("Turnout was 0.25 in the", "0.25", "25%", "wrote the percentage as a fraction"),
            ("a 0.125 rise", "0.125", "12.5%", "wrote the percentage as a fraction"),
            ("in the 15-Oct age band", "15-Oct", "10-15", "read it as a date"),
            ("in the 15.окт age band", "15.окт", "10-15", "read it as a date"),
            ("in the Okt-15 age band", "Okt-15", "10-15", "read it as a date"),
            ("in the 45214 age band", "45214", "10-15", "read it as a date"),
            ("of 3/22/2024", "3/22/2024", "22 March 2024", "read it as a date"),
            ("and 1234567 euros", "1234567", "1 234 567", "dropped the thousands separator"),
            ("on 45355 it began", "45355", "3/4/2024", "read it as a date"),
        ];
        for (cell, shown, typed, what) in cases {
            let found = explain(cell, false, in_text(source), in_text(source)).unwrap_or_else(|| panic!("{cell}"));
            assert_eq!((found.shown.as_str(), found.typed.as_str(), found.what), (shown, typed, what), "{cell}");
        }
        assert_eq!(explain("Report 7 of", true, in_text(source), in_text(source)).map(|r| r.typed), Some("007".into()));
        assert_eq!(explain("Report 7 of", false, in_text(source), in_text(source)), None);
    }

    #[test]
    fn says_nothing_the_context_does_not_confirm() {
        let source = "About 1200 people fled on 2 January. Turnout was 25.00%.";
        for cell in ["About 1200 people fled", "Turnout was 25.00%", "About 1300 people fled", "15-Oct", "on 3-Jan", "45214"] {
            assert_eq!(explain(cell, true, in_text(source), in_text(source)), None, "{cell}");
        }
    }

    #[test]
    fn tells_scientific_notation() {
        for cell in ["1.23E+11", "1,23E+11", "4.5e+07", "1E+15"] {
            assert!(scientific(cell), "{cell}");
        }
        for cell in ["1.23", "E+11", "12.3E+11", "1.2E+2", "C1E5", "over 1.2E+3x"] {
            assert!(!scientific(cell), "{cell}");
        }
    }

    #[test]
    fn serials_are_excel_dates() {
        assert_eq!(civil_from_days(45_214 - 25_569), (2023, 10, 15));
        assert_eq!(civil_from_days(45_293 - 25_569), (2024, 1, 2));
    }
}
