//! Everything the page takes from claims, sources and the manifest goes through here: markup
//! characters become character references, so a quote holding `<script>` stays text, and
//! control characters and bidirectional overrides are shown as escapes, never passed through raw.

use std::fmt::Write;

/// Appends `text` escaped for HTML text and for quoted attribute values alike.
pub fn push(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Line breaks and tabs lay out the source text; a lone carriage return is a break too.
            '\n' | '\t' | '\r' => out.push(c),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// `text` escaped, as a new string.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push(&mut out, text);
    out
}

/// `text` escaped for an attribute that must stay on one line (tooltips, data attributes).
pub fn attr(text: &str) -> String {
    esc(&text.replace("\r\n", " ").replace(['\n', '\r', '\t'], " "))
}

/// Characters that would change how the page reads without being seen: controls and the
/// bidirectional embeddings, overrides and isolates.
fn is_hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An element id (and the fragment that links to it) for `name` of the given kind: `claim-C029`,
/// `source-report.txt`. Letters, digits, `-`, `_` and `.` stay as they are; every other byte is
/// written `%XX`, so the id holds no space or markup and a link's fragment matches it as written.
pub fn anchor(kind: &str, name: &str) -> String {
    let mut out = String::with_capacity(kind.len() + 1 + name.len());
    out.push_str(kind);
    out.push('-');
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The manifest's `url` when it is an `http` or `https` address, the only kind made a link.
pub fn web_link(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once("://")?.0;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    (web && !url.chars().any(|c| c.is_whitespace() || c.is_control())).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_hidden_characters_stay_text() {
        assert_eq!(esc(r#"<script>alert("x")</script> & 'y'"#), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        assert_eq!(esc("a\u{1b}[31m\u{202E}b\u{7f}"), "a\\u{1b}[31m\\u{202e}b\\u{7f}");
        assert_eq!(esc("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(attr("two\r\nlines\n<b>"), "two lines &lt;b&gt;");
    }

    #[test]
    fn anchors_hold_no_markup_or_space() {
        assert_eq!(anchor("claim", "C029"), "claim-C029");
        assert_eq!(anchor("claim", "x\" onmouseover=\"y"), "claim-x%22%20onmouseover%3D%22y");
        assert_eq!(anchor("source", "dir/ü.txt"), "source-dir%2F%C3%BC.txt");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_link("https://example.org/a?b=1"), Some("https://example.org/a?b=1"));
        assert_eq!(web_link(" HTTP://example.org "), Some("HTTP://example.org"));
        for refused in ["javascript:alert(1)", "JAVASCRIPT://%0aalert(1)", "data:text/html,<b>", "file:///etc/passwd", "//example.org", "http://a b", ""] {
            assert_eq!(web_link(refused), None, "{refused}");
        }
    }
}
