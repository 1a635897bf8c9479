//! The distinguishing marks of a passage: the words that tell it from its siblings.
//!
//! Passages of one shape (table rows, changelog entries, verses, clauses of a licence) differ
//! from each other in their figures, names and codes while the words around them repeat. When a
//! quote and the passage most like it differ exactly there, the passage is as likely a sibling of
//! the quote's lost passage as the passage itself, edited: similarity cannot tell them apart.

use super::diff::is_number_word;

/// A word that names or counts: it holds a digit (any script's), a capital letter, or is a
/// number written as a word.
fn is_mark(word: &str) -> bool {
    word.chars().any(|c| c.is_numeric() || c.is_uppercase() || is_cjk_numeral(c)) || is_number_word(word) || is_option(word)
}

/// A command-line option (`-b`, `--pebi`): the name of one entry of a manual page, whose
/// siblings are described in the same words.
fn is_option(word: &str) -> bool {
    let name = word.strip_prefix("--").or_else(|| word.strip_prefix('-'));
    name.is_some_and(|name| name.chars().next().is_some_and(char::is_alphabetic))
}

fn is_cjk_numeral(c: char) -> bool {
    // A match, not a search of a string of them: this is asked of every character of every word.
    matches!(c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '万' | '亿' | '兆')
}

/// The marks of `text`, sorted: words split at whitespace and punctuation other than that
/// inside figures and codes (`1,200`, `1.2.3`, `CVE-2024-1`, `#123`).
fn marks(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = words(text)
        .filter(|&(word, opens_sentence)| {
            let capital_only = word.chars().next().is_some_and(char::is_uppercase) && word.chars().skip(1).all(|c| !c.is_uppercase()) && !word.chars().any(|c| c.is_numeric() || is_cjk_numeral(c));
            is_mark(word) && !(opens_sentence && capital_only && !is_number_word(word))
        })
        .map(|(word, _)| word)
        .collect();
    found.sort_unstable();
    found
}

/// The words of `text` as `marks` splits it, each with whether it opens a sentence: a capital
/// opening a sentence names nothing ("Now the river..." and "The river..." differ in a plain
/// word). The text's first word opens a sentence as far as can be told.
fn words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ';' | '(' | ')' | '[' | ']' | '"' | '|' | '{' | '}' | '<' | '>' | '=' | '*'))
        .scan(true, |opens_sentence, raw| {
            // A leading `#` marks a number as a code (a bug, an issue), kept to tell it from a
            // figure; leading dashes before a letter mark an option (`--pebi`), kept too.
            let word = raw.trim_end_matches(|c: char| !c.is_alphanumeric()).trim_start_matches(|c: char| !c.is_alphanumeric() && c != '#' && c != '-');
            let word = if is_option(word) { word } else { word.trim_start_matches('-') };
            let opens = *opens_sentence;
            *opens_sentence = match word.is_empty() {
                true => opens || raw.ends_with(['.', '!', '?', ':', '\n']),
                false => raw.ends_with(['.', '!', '?', ':']),
            };
            Some((word, opens))
        })
        .filter(|(word, _)| !word.is_empty())
}

/// True when `a` and `b` differ in their marks: some figure, name or code of one is not in the
/// other (as many times).
pub fn differ(a: &str, b: &str) -> bool {
    marks(a) != marks(b)
}

/// True when `a` and `b` differ in their identifiers (`is_identifier`): the keys of entries of
/// one shape (`gpg.keygen.sub.okay` and `gpg.sign_uid.okay` in a help file).
pub fn differ_in_identifiers(a: &str, b: &str) -> bool {
    let identifiers = |text| {
        let mut found: Vec<&str> = words(text).map(|(word, _)| word).filter(|word| is_identifier(word)).collect();
        found.sort_unstable();
        found
    };
    identifiers(a) != identifiers(b)
}

/// A word of lowercase parts joined by `.` or `_`, two letters or more in two parts at least
/// (`gpg.keygen.sub.okay`, `max_connections`, `example.org`): a key, a setting or a host, which
/// names what its entry is about. Abbreviations (`e.g`, `a.m`) have one letter between dots.
fn is_identifier(word: &str) -> bool {
    // Figures (`14.25`, `12.05.2024`) have no letters; run-on sentences (`said.The`) a capital.
    let wordy = |part: &&str| part.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    word.contains(['.', '_']) && !word.chars().any(char::is_uppercase) && word.split(['.', '_']).filter(wordy).count() >= 2
}

/// The marks of `text`, kept to be compared with many texts (`same`): a side of a row's context
/// is compared with the text beside every place the quote may stand.
pub fn of(text: &str) -> Vec<String> {
    marks(text).into_iter().map(str::to_owned).collect()
}

/// True when `text` has exactly the marks `kept` (made by `of`): `!differ` against the text
/// `kept` was made from.
pub fn same(kept: &[String], text: &str) -> bool {
    let found = marks(text);
    found.len() == kept.len() && found.iter().zip(kept).all(|(found, kept)| *found == kept)
}

/// The marks of `a` that `b` lacks, and those of `b` that `a` lacks (as many times as each).
fn changed<'a>(a: &'a str, b: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let (a, b) = (marks(a), marks(b));
    let only = |x: &[&'a str], y: &[&'a str]| {
        let mut rest: Vec<&str> = y.to_vec();
        x.iter()
            .filter(|m| match rest.iter().position(|r| r == *m) {
                Some(at) => {
                    rest.swap_remove(at);
                    false
                }
                None => true,
            })
            .copied()
            .collect::<Vec<&str>>()
    };
    (only(&a, &b), only(&b, &a))
}

/// True when the marks of `a` and `b` differ in one mark at most: one figure, name or code of
/// `a` became another in `b` (or came or went). That is how a passage is corrected in place; a
/// sibling passage of one shape (another row, entry or clause) differs in more, or has siblings
/// of its own nearly as close.
pub fn one_changed(a: &str, b: &str) -> bool {
    let (gone, new) = changed(a, b);
    gone.len() <= 1 && new.len() <= 1
}

/// True when `a` and `b` hold the same figures and codes (marks with a digit), as many times
/// each, whatever their other marks: a word reworded keeps them, a number corrected does not.
pub fn same_figures(a: &str, b: &str) -> bool {
    let (gone, new) = changed(a, b);
    let figure = |mark: &&str| mark.chars().any(|c| c.is_numeric() || is_cjk_numeral(c));
    !gone.iter().chain(&new).any(figure)
}

/// True when the marks of `a` and `b` differ in one figure only: one number of `a` became
/// another in `b`, and every name and code is the same. That is how a figure is updated.
pub fn one_figure_changed(a: &str, b: &str) -> bool {
    let (gone, new) = changed(a, b);
    let figure = |m: &[&str]| m.len() == 1 && m[0].chars().all(|c| c.is_numeric() || matches!(c, ',' | '.' | '%'));
    figure(&gone) && figure(&new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_the_same_when_only_words_changed() {
        assert!(same_figures(", PR gas/31415, PR gas/31462.", ", PR gas/31415, medium gas/31462."));
        assert!(!same_figures(", PR gas/31415, PR gas/31462.", ", PR gas/31415, PR gas/31415"));
        assert!(!same_figures("in 2019 there were", "in 2019 there were 2019"));
        assert!(!same_figures("第三章", "第四章"));
    }

    #[test]
    fn figures_names_and_codes_are_marks_and_plain_words_are_not() {
        assert!(differ("| 2019 | 1,234 | 5.6% |", "| 2020 | 1,234 | 5.6% |"));
        assert!(differ("Fix crash in parser (Closes: #123456)", "Fix crash in parser (Closes: #123999)"));
        assert!(differ("the Licensor shall grant", "the Licensee shall grant"));
        assert!(differ("and the morning were the third day", "and the morning were the fourth day"));
        assert!(differ("Программа версии 3", "Программа версии 2"));
        assert!(differ("第三章", "第四章"));
        assert!(!differ("people were killed in the attack", "people were injured in the attack"));
        assert!(!differ("Officials said 137 people died", "Officials said that 137 people died"));
        assert!(!differ("Now second paragraph opens. Then", "Second paragraph opens."), "capitals opening sentences name nothing");
        assert!(differ("It was. Now Paris", "It was. Now Berlin"));
        assert!(!differ("msgid gpg.keygen.sub.okay", "msgid gpg.sign_uid.okay"), "identifiers count only where asked");
        assert!(differ_in_identifiers("msgid gpg.keygen.sub.okay", "msgid gpg.sign_uid.okay"), "keys of a help file");
        assert!(differ_in_identifiers("gpg.keygen.sub.okay\n# fixme: Please", "gpg.sign_uid.okay\n# fixme: Please"), "opening the text");
        assert!(differ_in_identifiers("set max_connections here", "set max_workers here"));
        assert!(!differ_in_identifiers("plain words, e.g. these", "plain words, i.e. these"), "abbreviations name nothing");
        assert!(!differ_in_identifiers("the 137 dead of max_connections", "the 145 dead of max_connections"), "figures are not identifiers");
        assert!(!differ_in_identifiers("rose by 14.25 metres on 12.05.2024", "rose by 15.75 metres on 13.05.2024"), "nor are decimals and dates");
        assert!(!differ_in_identifiers("he said.The river", "he said.A river"), "nor sentences run together");
    }

    #[test]
    fn command_line_options_are_marks_even_opening_a_sentence() {
        assert!(differ("in bytes.\n\n       --pebi Print the amount", "in bytes.\n\n       --tebi Print the amount"));
        assert!(differ("-b, --bytes  Print", "-k, --bytes  Print"));
        // A dash before a figure or a word break is no option.
        assert!(!differ("a fall of -5 degrees - then rain", "a fall of -5 degrees - and rain"));
        assert!(!differ("well-known - sort of", "well-known - kind of"));
    }

    #[test]
    fn kept_marks_compare_as_the_texts_they_were_made_from() {
        let texts = ["| 2019 | 1,234 | 5.6% |", "| 2020 | 1,234 | 5.6% |", "5.6% | 1,234 | 2019", "people were killed", "", "Now Paris. Now Berlin", "Программа версии 3"];
        for a in texts {
            for b in texts {
                assert_eq!(same(&of(a), b), !differ(a, b), "{a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn a_figure_updated_in_place_is_one_figure_changed() {
        assert!(one_figure_changed("the attack killed 137 people in Moscow", "the attack killed 145 people in Moscow"));
        assert!(one_figure_changed("a rise of 4.5% in 2023", "a rise of 4.7% in 2023"));
        assert!(!one_figure_changed("| 2019 | 1,650 |", "| 2020 | 1,734 |"), "a row of another year");
        assert!(!one_figure_changed("(Closes: #1031188)", "(Closes: #1034551)"), "a code, not a figure");
        assert!(!one_figure_changed("the Licensor shall", "the Licensee shall"));
        assert!(!one_figure_changed("same 137 text", "same 137 text"));
        assert!(one_changed("the Licensor shall", "the Licensee shall"));
        assert!(one_changed("about 1200 people, officials said", "about 1,200 people, officials said"), "a figure regrouped is one figure");
        assert!(!one_changed("| 2019 | 1,650 |", "| 2020 | 1,734 |"));
    }
}
