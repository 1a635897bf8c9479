//! The excerpt of a source line drawn under a finding: cropped around the span to a width in
//! display columns, so wide (CJK) text lines up with its carets and a long line never wraps.
//!
//! Only a window around the span is ever copied, whatever the line's length: a 20 MB source on
//! one line costs each finding a few hundred characters, not the line.

use super::escape::is_unsafe;
use crate::findings::SourceSpan;
use crate::load::sources::SourceSet;
use unicode_width::UnicodeWidthChar;

/// Columns of context kept on each side of a span, where there is context, before a long span
/// takes the rest of the width.
const MIN_CONTEXT: usize = 10;
/// The most cells reserved for one side of an excerpt before they are measured.
const MAX_RESERVED: usize = 512;
/// Shown where a line is cropped.
const ELLIPSIS: &str = "…";

pub struct Excerpt {
    /// The source file, as the source set names it.
    pub source: String,
    pub line: usize,
    pub column: usize,
    /// The excerpt, escaped, at most the width asked for.
    pub text: String,
    /// Display columns before the first caret, and the carets' width.
    pub underline_at: usize,
    pub underline_width: usize,
}

/// One character as drawn: itself, a space for a tab (its width is the terminal's to choose),
/// or its escape. Nothing is copied until the cells shown are written: every finding's excerpt
/// measures a few hundred characters on each side of its span.
#[derive(Clone, Copy)]
struct Cell {
    c: char,
    escaped: bool,
    width: usize,
}

impl Cell {
    fn write(&self, out: &mut String) {
        match self.escaped {
            true => out.push_str(&format!("\\u{{{:x}}}", self.c as u32)),
            false => out.push(self.c),
        }
    }
}

impl Cell {
    fn of(c: char) -> Cell {
        match c {
            '\t' => Cell { c: ' ', escaped: false, width: 1 },
            // `\u{` and `}` around the hexadecimal digits.
            c if is_unsafe(c) => Cell { c, escaped: true, width: 4 + ((32 - (c as u32).leading_zeros()) as usize).div_ceil(4).max(1) },
            c => Cell { c, escaped: false, width: c.width().unwrap_or(0) },
        }
    }
}

#[cfg(test)]
fn cells(text: &str) -> Vec<Cell> {
    text.chars().map(Cell::of).collect()
}

/// The cells of `chars` while they fit in `room` columns, and the first that does not: enough to
/// tell whether all of them fit, without measuring what could never be shown.
fn cells_within(chars: impl Iterator<Item = char>, room: usize) -> Vec<Cell> {
    let mut used = 0;
    // Most cells are a column wide: room for them, and for the one that does not fit (the room
    // comes from `COLUMNS`, which may say anything: the reserve is bounded, the vector grows).
    let mut cells = Vec::with_capacity(room.min(MAX_RESERVED) + 1);
    for c in chars {
        let cell = Cell::of(c);
        cells.push(cell);
        used += cell.width;
        if used > room {
            break;
        }
    }
    cells
}

fn width(cells: &[Cell]) -> usize {
    cells.iter().map(|cell| cell.width).sum()
}

/// How many cells from the front of `cells` fit in `room` columns.
fn fitting<'a>(cells: impl IntoIterator<Item = &'a Cell>, room: usize) -> usize {
    let mut used = 0;
    cells.into_iter().take_while(|cell| {
        used += cell.width;
        used <= room
    }).count()
}

impl Excerpt {
    /// The line of `span`'s start, cropped to `room` display columns around the span.
    pub fn new(span: &SourceSpan, sources: &SourceSet, room: usize) -> Option<Excerpt> {
        let text = sources.text(&span.source).ok()?;
        let at = text.line_col(span.start);
        let line_start = text.line_start_char(at.line);
        let line_end = text.char_of_byte(text.byte_of_char(line_start)? + text.line(at.line).len());
        let from = span.start.clamp(line_start, line_end);
        let to = span.end.clamp(from, line_end);
        // Every cell is at least one column wide but for marks: four characters a column bounds
        // what any window can show.
        let reach = room.saturating_mul(4);
        // Each side is measured only as far as the room: what lies beyond is cropped anyway.
        let mut left = cells_within(text.slice(from.saturating_sub(reach).max(line_start)..from)?.chars().rev(), room);
        left.reverse();
        let middle = cells_within(text.slice(from..to.min(from + reach))?.chars(), room);
        let right = cells_within(text.slice(to..to.saturating_add(reach).min(line_end))?.chars(), room);
        let (left_width, middle_width, right_width) = (width(&left), width(&middle), width(&right));

        let whole = from.saturating_sub(reach) <= line_start && to.saturating_add(reach) >= line_end && to <= from + reach;
        let (shown_left, shown_middle, shown_right) = if whole && left_width + middle_width + right_width <= room {
            (left.len(), middle.len(), right.len())
        } else {
            // Room for an ellipsis on each side, and some context on each side where there is any.
            let room = room.saturating_sub(2);
            let context = left_width.min(MIN_CONTEXT) + right_width.min(MIN_CONTEXT);
            let shown_middle = fitting(&middle, room.saturating_sub(context).max(1));
            let middle_cropped = shown_middle < middle.len() || to > from + reach;
            let rest = room.saturating_sub(width(&middle[..shown_middle]));
            let (left_room, right_room) = if middle_cropped {
                (rest, 0)
            } else {
                let left_room = left_width.min((rest / 2).max(rest.saturating_sub(right_width)));
                (left_room, rest - left_room)
            };
            let shown_left = fitting(left.iter().rev(), left_room);
            (shown_left, shown_middle, fitting(&right, right_room))
        };

        let cropped_left = shown_left < left.len() || from.saturating_sub(reach) > line_start;
        let cropped_right = shown_middle < middle.len() || shown_right < right.len() || to.saturating_add(reach) < line_end || to > from + reach;
        let mut shown = String::new();
        if cropped_left {
            shown.push_str(ELLIPSIS);
        }
        let left = &left[left.len() - shown_left..];
        let underline_at = usize::from(cropped_left) + width(left);
        let drawn = &middle[..shown_middle];
        let right = if shown_middle < middle.len() { &right[..0] } else { &right[..shown_right] };
        for cell in left.iter().chain(drawn).chain(right) {
            cell.write(&mut shown);
        }
        if cropped_right {
            shown.push_str(ELLIPSIS);
        }
        Some(Excerpt {
            source: span.source.clone(),
            line: at.line,
            column: at.column,
            text: shown,
            underline_at,
            underline_width: width(drawn),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    /// Every span of lines mixing ASCII, CJK, marks, escapes and tabs, at every width: the excerpt
    /// fits, the carets stand under the span's first character and are as wide as what is drawn.
    #[test]
    fn excerpts_fit_and_carets_stand_under_the_span() {
        let dir = tempfile::tempdir().unwrap();
        let line = "Intro\ttext 東京で137人が死亡 e\u{301}cole \u{1b}[31m red \u{202e} ok ".repeat(6);
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(dir.path().join("seeds/a.txt"), format!("first line\n{line}\nlast")).unwrap();
        let (sources, _) = SourceSet::open(&dir.path().join("seeds"), "seeds".into()).unwrap();
        let text = sources.text("a.txt").unwrap();
        let (start_of_line, chars) = (11, line.chars().count());
        for room in [30, 41, 60, 100, 400] {
            for start in (0..chars).step_by(7) {
                for length in [0, 1, 5, 40, 200] {
                    let end = (start + length).min(chars);
                    let span = SourceSpan { source: "a.txt".into(), start: start_of_line + start, end: start_of_line + end };
                    let excerpt = Excerpt::new(&span, &sources, room).unwrap();
                    assert!(excerpt.text.width() <= room, "{room} {start} {length}: {}", excerpt.text);
                    assert!(excerpt.underline_at + excerpt.underline_width <= excerpt.text.width());
                    // The text before the carets is as wide as the indent: they start on the span.
                    let drawn = cells(text.slice(span.start..span.end).unwrap());
                    let written = |cell: &Cell| {
                        let mut text = String::new();
                        cell.write(&mut text);
                        text
                    };
                    assert!(drawn.iter().filter(|cell| cell.escaped).all(|cell| written(cell).len() == cell.width), "an escape is as wide as written");
                    let first = drawn.iter().find(|cell| cell.width > 0).map(written);
                    if let Some(first) = first.filter(|_| excerpt.underline_width > 0) {
                        let mut width = 0;
                        let at = excerpt.text.char_indices().find(|(_, c)| {
                            let columns = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                            let found = width == excerpt.underline_at && columns > 0;
                            width += columns;
                            found
                        });
                        let (at, _) = at.unwrap_or_else(|| panic!("{room} {start} {length}: {}", excerpt.text));
                        assert!(excerpt.text[at..].starts_with(&first), "{room} {start} {length}: `{}` at {} is not `{first}`", excerpt.text, excerpt.underline_at);
                    }
                }
            }
        }
    }
}
