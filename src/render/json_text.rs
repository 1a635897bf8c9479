//! JSON written so that it is safe to print, for the `json` and `sarif` reports and the `figures`
//! listing.
//!
//! `serde_json` escapes only what JSON requires: `"`, `\` and the C0 controls. Claims and sources
//! from strangers also carry C1 controls (U+0080-U+009F, which some terminals obey like ESC),
//! bidirectional overrides and isolates (which reorder what a reviewer reads when the report is
//! printed or opened in an editor), and the line and paragraph separators (which end a line in
//! JavaScript and in some viewers). Those are written as `\uXXXX` here: the same JSON value, so
//! every consumer reads the same strings, but nothing raw reaches a terminal (see `escape`).

use super::escape::first_unsafe;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// `value` as pretty-printed JSON, with every unsafe character escaped, and a final line end.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    to_writer(&mut out, value).expect("writing JSON to memory fails only on a value that does not serialize: ours hold only strings and numbers");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// `value` written to `out` as it is serialized, as `to_string` would give it.
pub fn to_writer<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Safe(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// serde_json's pretty formatter, escaping what `escape::is_unsafe` names inside strings.
struct Safe<'a>(PrettyFormatter<'a>);

impl Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = first_unsafe(rest) {
            writer.write_all(&rest.as_bytes()[..at])?;
            // Every unsafe character lies in the Basic Multilingual Plane: one `\u` escape.
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::escape::is_unsafe;

    #[test]
    fn unsafe_characters_are_escaped_and_the_value_is_unchanged() {
        let hostile = "id\u{202E}gnp.exe \u{9b}31m \u{2028} \u{1b}[2J tab\there \"q\" \\ ok: é 中 \u{200D}\u{200F}";
        let value = serde_json::json!({ "claim": hostile, "list": [hostile, 1] });
        let text = to_string(&value);
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
        assert!(text.contains("\\u202e") && text.contains("\\u009b") && text.contains("\\u2028") && text.contains("\\u001b"), "{text}");
        // Script marks and joiners stay as they are.
        assert!(text.contains("\u{200D}\u{200F}") && text.contains("é 中"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the same JSON value");
        // The layout is serde_json's pretty one.
        assert_eq!(to_string(&serde_json::json!({"a": [1, "b"]})), "{\n  \"a\": [\n    1,\n    \"b\"\n  ]\n}\n");
    }
}
