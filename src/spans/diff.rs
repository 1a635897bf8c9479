//! What changed between a recorded quote and the text now in the source, word by word, for
//! `span-edited` findings.

use similar::{ChangeTag, TextDiff};

/// One stretch of changed words: what the quote said and what the source says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub old: String,
    pub new: String,
}

impl Change {
    /// A change that touches a figure: digits, or a number written as a word.
    pub fn is_figure(&self) -> bool {
        [&self.old, &self.new].iter().any(|side| side.split_whitespace().any(is_number_word))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordDiff {
    /// The quote with deletions as `[-old-]` and insertions as `{+new+}`, as `git diff --word-diff`.
    pub inline: String,
    pub changes: Vec<Change>,
}

pub fn word_diff(old: &str, new: &str) -> WordDiff {
    let diff = TextDiff::from_words(old, new);
    let mut inline = String::new();
    let mut changes = Vec::new();
    let mut open = Change { old: String::new(), new: String::new() };
    let flush = |open: &mut Change, inline: &mut String, changes: &mut Vec<Change>| {
        if open.old.trim().is_empty() && open.new.trim().is_empty() {
            inline.push_str(if open.new.is_empty() { &open.old } else { &open.new });
        } else {
            for (side, marks) in [(&open.old, ("[-", "-]")), (&open.new, ("{+", "+}"))] {
                let trimmed = side.trim();
                if !trimmed.is_empty() {
                    let lead = &side[..side.len() - side.trim_start().len()];
                    inline.push_str(lead);
                    inline.push_str(marks.0);
                    inline.push_str(trimmed);
                    inline.push_str(marks.1);
                }
            }
            let trailing = open.new.len() - open.new.trim_end().len();
            inline.push_str(&open.new[open.new.len() - trailing..]);
            changes.push(Change { old: open.old.trim().to_string(), new: open.new.trim().to_string() });
        }
        *open = Change { old: String::new(), new: String::new() };
    };
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal if value.trim().is_empty() && !(open.old.is_empty() && open.new.is_empty()) => {
                // Spaces between two changed words belong to the change.
                open.old.push_str(value);
                open.new.push_str(value);
            }
            ChangeTag::Equal => {
                flush(&mut open, &mut inline, &mut changes);
                inline.push_str(value);
            }
            ChangeTag::Delete => open.old.push_str(value),
            ChangeTag::Insert => open.new.push_str(value),
        }
    }
    flush(&mut open, &mut inline, &mut changes);
    WordDiff { inline, changes }
}

const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
    "billions", "dozen", "dozens", "half", "third", "quarter", "once", "twice",
];

pub(crate) fn is_number_word(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // Every word is asked this (the marks of every candidate's context), so the number words,
    // all ASCII, are looked for without lowering a copy of the word where that cannot match.
    if word.is_ascii() {
        return NUMBER_WORDS.iter().any(|number| number.eq_ignore_ascii_case(word));
    }
    word.chars().all(|c| c.to_lowercase().all(|lower| lower.is_ascii())) && NUMBER_WORDS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words_inline_and_calls_out_figures() {
        let diff = word_diff("the attack killed 137 people on Friday", "the attack killed 145 people on Friday");
        assert_eq!(diff.inline, "the attack killed [-137-]{+145+} people on Friday");
        assert_eq!(diff.changes, vec![Change { old: "137".into(), new: "145".into() }]);
        assert!(diff.changes[0].is_figure());
    }

    #[test]
    fn adjacent_changed_words_form_one_change() {
        let diff = word_diff("over three hundred people died", "over 330 people died");
        assert_eq!(diff.inline, "over [-three hundred-]{+330+} people died");
        assert!(diff.changes[0].is_figure());
    }

    #[test]
    fn word_changes_without_numbers_are_not_figures() {
        let diff = word_diff("people were killed", "people were injured");
        assert_eq!(diff.inline, "people were [-killed-]{+injured+}");
        assert!(!diff.changes[0].is_figure());
        assert!(word_diff("a b", "a b").changes.is_empty());
    }
}
