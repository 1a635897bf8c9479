//! The unified diff of `fix --dry-run`, built as the file streams past.
//!
//! `fix` replaces cells in place and never adds, removes or moves a record, so the diff is known
//! record by record: each changed run of whole lines is a `-` block and a `+` block, and only the
//! unchanged lines around it are needed for context. The cost is linear in the file, whatever
//! the number of changed rows (a general line diff is quadratic in them). The output is what
//! `git diff` shows with one line of context, and applies with `patch -p1`. Hunks and the diff
//! are spilled to temporary files past a few megabytes, so memory stays bounded too.

use super::spill::Spill;
use super::stream::Sink;
use std::collections::VecDeque;
use std::io::{self, Write};

/// Lines of context around each change, as `git diff -U1`.
const RADIUS: usize = 1;

pub struct DiffSink {
    /// The file's name in the `--- a/` and `+++ b/` lines.
    name: String,
    out: Spill,
    /// Lines before the current point, in the old and the new file.
    old_lines: usize,
    new_lines: usize,
    /// An unfinished last line handed over by `keep` (a line end still to come).
    partial: Vec<u8>,
    /// Unchanged lines since the last change (or the start): the first and last `RADIUS` are kept.
    gap: Gap,
    hunk: Option<Hunk>,
    /// Bytes of diff or hunk held in memory before they spill to a file.
    spill_limit: usize,
}

/// Unchanged lines since the last change: the first `2 * RADIUS` (all of them when the gap is
/// short enough to join two changes in one hunk) and the last `RADIUS` (context before the next).
#[derive(Default)]
struct Gap {
    count: usize,
    head: Vec<Vec<u8>>,
    tail: VecDeque<Vec<u8>>,
}

impl Gap {
    /// Takes in a run of whole unchanged lines, copying only the ones it keeps.
    fn extend<'a>(&mut self, lines: impl Iterator<Item = &'a [u8]>) {
        let mut tail: VecDeque<&[u8]> = VecDeque::with_capacity(RADIUS + 1);
        for line in lines {
            self.count += 1;
            if self.head.len() < 2 * RADIUS {
                self.head.push(line.to_vec());
            }
            if tail.len() == RADIUS {
                tail.pop_front();
            }
            tail.push_back(line);
        }
        for line in tail {
            if self.tail.len() == RADIUS {
                self.tail.pop_front();
            }
            self.tail.push_back(line.to_vec());
        }
    }

    /// The context after a change: the gap's first lines.
    fn after(&self) -> &[Vec<u8>] {
        &self.head[..RADIUS.min(self.head.len())]
    }
}

struct Hunk {
    old_start: usize,
    new_start: usize,
    old_len: usize,
    new_len: usize,
    body: Spill,
}

impl Hunk {
    fn line(&mut self, mark: u8, line: &[u8]) -> io::Result<()> {
        self.body.write(&[mark])?;
        self.body.write(line)?;
        if !line.ends_with(b"\n") {
            self.body.write(b"\n\\ No newline at end of file\n")?;
        }
        Ok(())
    }

    fn context(&mut self, line: &[u8]) -> io::Result<()> {
        self.old_len += 1;
        self.new_len += 1;
        self.line(b' ', line)
    }
}

/// Line ranges as unified diffs write them: `start,len`, or `start` alone for one line.
fn range(start: usize, len: usize) -> String {
    if len == 1 { start.to_string() } else { format!("{start},{len}") }
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|&b| b == b'\n')
}

impl DiffSink {
    pub fn new(name: &str) -> Self {
        Self::with_spill_limit(name, super::spill::MEMORY_LIMIT)
    }

    pub fn with_spill_limit(name: &str, spill_limit: usize) -> Self {
        let out = Spill::with_limit(spill_limit);
        DiffSink { name: name.to_string(), out, old_lines: 0, new_lines: 0, partial: Vec::new(), gap: Gap::default(), hunk: None, spill_limit }
    }

    /// Ends the open hunk with the context after it and writes it out.
    fn close(&mut self, gap: &Gap) -> io::Result<()> {
        let Some(mut hunk) = self.hunk.take() else { return Ok(()) };
        for line in gap.after() {
            hunk.context(line)?;
        }
        if self.out.is_empty() {
            self.out.write(format!("--- a/{0}\n+++ b/{0}\n", self.name).as_bytes())?;
        }
        let header = format!("@@ -{} +{} @@\n", range(hunk.old_start, hunk.old_len), range(hunk.new_start, hunk.new_len));
        self.out.write(header.as_bytes())?;
        hunk.body.drain_to(&mut self.out)
    }

    /// Writes the diff to `out`, once every byte of the file went through the sink.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        let partial = std::mem::take(&mut self.partial);
        self.unchanged(&partial);
        let gap = std::mem::take(&mut self.gap);
        self.close(&gap)?;
        self.out.drain_to(out)
    }

    /// Takes in unchanged whole lines (the last one may lack its line end at the end of the file).
    fn unchanged(&mut self, bytes: &[u8]) {
        let before = self.gap.count;
        self.gap.extend(lines(bytes));
        let added = self.gap.count - before;
        self.old_lines += added;
        self.new_lines += added;
    }
}

impl Sink for DiffSink {
    fn keep(&mut self, bytes: &[u8]) -> io::Result<()> {
        let joined;
        let bytes = if self.partial.is_empty() {
            bytes
        } else {
            let mut partial = std::mem::take(&mut self.partial);
            partial.extend_from_slice(bytes);
            joined = partial;
            &joined
        };
        // Whole lines go to the gap; an unfinished last line waits for the rest of it.
        let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        self.unchanged(&bytes[..whole]);
        self.partial = bytes[whole..].to_vec();
        Ok(())
    }

    fn restart(&mut self) -> io::Result<()> {
        *self = DiffSink::with_spill_limit(&self.name, self.spill_limit);
        Ok(())
    }

    fn change(&mut self, old: &[u8], new: &[u8]) -> io::Result<()> {
        // A line begun by `keep` belongs to the change, on both sides.
        let partial = std::mem::take(&mut self.partial);
        let (old, new) = if partial.is_empty() { (old.to_vec(), new.to_vec()) } else { ([&partial[..], old].concat(), [&partial[..], new].concat()) };
        let gap = std::mem::take(&mut self.gap);
        match &mut self.hunk {
            // Close enough to the open hunk: the lines between are its context.
            Some(hunk) if gap.count <= 2 * RADIUS => {
                for line in &gap.head {
                    hunk.context(line)?;
                }
            }
            _ => {
                self.close(&gap)?;
                let before = gap.tail.len();
                let mut hunk = Hunk { old_start: self.old_lines + 1 - before, new_start: self.new_lines + 1 - before, old_len: 0, new_len: 0, body: Spill::with_limit(self.spill_limit) };
                for line in &gap.tail {
                    hunk.context(line)?;
                }
                self.hunk = Some(hunk);
            }
        }
        let hunk = self.hunk.as_mut().expect("a hunk is open");
        for line in lines(&old) {
            hunk.line(b'-', line)?;
            hunk.old_len += 1;
            self.old_lines += 1;
        }
        for line in lines(&new) {
            hunk.line(b'+', line)?;
            hunk.new_len += 1;
            self.new_lines += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Applies a unified diff as `patch` does, checking every context and removed line.
    fn apply(old: &[u8], diff: &[u8]) -> Vec<u8> {
        let old_lines: Vec<&[u8]> = lines(old).collect();
        let mut out = Vec::new();
        let mut at = 0;
        let mut diff_lines = lines(diff).skip(2).peekable();
        while let Some(header) = diff_lines.next() {
            let header = std::str::from_utf8(header).unwrap();
            let old_start: usize = header.trim_start_matches("@@ -").split([',', ' ']).next().unwrap().parse().unwrap();
            for line in &old_lines[at..old_start - 1] {
                out.extend_from_slice(line);
            }
            at = old_start - 1;
            while let Some(line) = diff_lines.next_if(|line| !line.starts_with(b"@@")) {
                let (mark, text) = (line[0], &line[1..]);
                let no_newline = diff_lines.next_if(|next| next.starts_with(b"\\ No newline")).is_some();
                let text = if no_newline { &text[..text.len() - 1] } else { text };
                if mark != b'+' {
                    assert_eq!(old_lines[at], text, "context or removed line {at}");
                    at += 1;
                }
                if mark != b'-' {
                    out.extend_from_slice(text);
                }
            }
        }
        for line in &old_lines[at..] {
            out.extend_from_slice(line);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any run of kept and changed whole lines, cut anywhere into `keep` calls, with or
        /// without a last line end: the diff turns the old text into the new one.
        #[test]
        fn the_diff_turns_the_old_file_into_the_new(
            pieces in prop::collection::vec((any::<bool>(), prop::collection::vec("[ab]{0,3}", 1..4), 0usize..3), 0..12),
            last_newline in any::<bool>(),
            cut in 0usize..5,
            spill_limit in prop::sample::select(vec![0usize, 7, 1 << 20]),
        ) {
            let (mut old, mut new) = (Vec::new(), Vec::new());
            let mut sink = DiffSink::with_spill_limit("f.csv", spill_limit);
            let count = pieces.len();
            for (index, (changed, lines, extra)) in pieces.into_iter().enumerate() {
                let mut text: String = lines.iter().map(|line| format!("{line}\n")).collect();
                if index + 1 == count && !last_newline {
                    text.pop();
                }
                if changed {
                    let mut replaced = text.replace('a', "x");
                    replaced.insert_str(0, &"y\n".repeat(extra));
                    sink.change(text.as_bytes(), replaced.as_bytes()).unwrap();
                    new.extend_from_slice(replaced.as_bytes());
                } else {
                    // Kept bytes may arrive cut anywhere, even inside a line.
                    let at = cut.min(text.len());
                    sink.keep(&text.as_bytes()[..at]).unwrap();
                    sink.keep(&text.as_bytes()[at..]).unwrap();
                    new.extend_from_slice(text.as_bytes());
                }
                old.extend_from_slice(text.as_bytes());
            }
            let mut diff = Vec::new();
            sink.finish(&mut diff).unwrap();
            let patched = apply(&old, &diff);
            prop_assert_eq!(String::from_utf8_lossy(&patched), String::from_utf8_lossy(&new), "{}", String::from_utf8_lossy(&diff));
        }
    }
}
