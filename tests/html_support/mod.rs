//! Shared by the HTML page's tests: the fixture page, its JSON twin, and small readers of markup.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A tree with every finding code, every verdict and hostile text in ids, quotes, subjects,
/// measures, reviews and the manifest.
pub fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

pub fn claimcheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimcheck")).current_dir(dir).args(args).output().expect("the binary runs")
}

/// `check` of the tree at `dir` in `format`, with relative folders so the page names no
/// absolute path; exit status 1, as the tree holds errors.
pub fn check(dir: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["check", "--isolated", "--sources", "seeds", "--annotations", "annotations", "--format", format];
    args.extend_from_slice(extra);
    let output = claimcheck(dir, &args);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 report")
}

pub fn page(extra: &[&str]) -> String {
    check(&fixture(), "html", extra)
}

pub fn report() -> Value {
    serde_json::from_str(&check(&fixture(), "json", &[])).expect("JSON report")
}

/// Every claim id the report names, in findings and in groups.
pub fn claim_ids(report: &Value) -> Vec<String> {
    let mut ids: Vec<String> = report["findings"].as_array().unwrap().iter().filter_map(|f| f["claim"].as_str()).map(str::to_string).collect();
    for group in report["disagreements"].as_array().unwrap() {
        ids.extend(group["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()));
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The element id the page gives `name`: letters, digits, `-`, `_`, `.` as they are, every
/// other byte as `%XX` (the contract of `#claim-C029` links).
pub fn anchor(kind: &str, name: &str) -> String {
    let mut out = format!("{kind}-");
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Character references back to characters, as far as the page and a browser's serializer use them.
pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

/// The tags of `html` (`<` up to `>`), comments and the inline script's body left out.
pub fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(body) = rest.strip_prefix("<script>") {
            out.push("<script>");
            rest = &body[body.find("</script>").expect("the script ends")..];
            continue;
        }
        let end = rest.find('>').expect("a tag ends") + 1;
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// The values of attribute `name` in the tags of `html`, unescaped.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    tags(html)
        .iter()
        .flat_map(|tag| tag.match_indices(needle.as_str()).map(|(at, found)| &tag[at + found.len()..]).collect::<Vec<_>>())
        .map(|value| unescape(&value[..value.find('"').expect("a quoted value ends")]))
        .collect()
}

/// The attribute names of a tag: `<a class="x" href="y">` has `class` and `href`.
pub fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut rest = inner.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return names;
        }
        let end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        names.push(rest[..end].to_ascii_lowercase());
        rest = &rest[end..];
        if let Some(value) = rest.strip_prefix("=\"") {
            rest = &value[value.find('"').expect("a quoted value ends") + 1..];
        } else if let Some(value) = rest.strip_prefix('=') {
            rest = value.split_once(char::is_whitespace).map_or("", |(_, r)| r);
        }
    }
}

/// The markup a hostile fixture holds must never become: script elements beyond the page's
/// own, images, frames, event handler attributes, `javascript:` or `file:` links.
pub fn assert_no_injected_markup(html: &str) {
    let tags = tags(html);
    assert_eq!(tags.iter().filter(|t| t.starts_with("<script")).count(), 1, "only the page's own script");
    for tag in &tags {
        let lower = tag.to_ascii_lowercase();
        for element in ["<img", "<iframe", "<object", "<embed", "<svg onload", "<link", "<base", "<meta http-equiv=\"refresh"] {
            assert!(!lower.starts_with(element), "injected element: {tag}");
        }
        for name in attribute_names(tag) {
            assert!(!name.starts_with("on"), "event handler attribute `{name}` in {tag}");
        }
    }
    for href in attribute_values(html, "href") {
        assert!(href.starts_with('#') || href.starts_with("https://") || href.starts_with("http://"), "a link that is no anchor or web address: {href}");
    }
}

/// The cards of the figure groups, each as its markup, in page order.
pub fn cards(html: &str) -> Vec<&str> {
    // A card runs until the next card or the end of its section (a large group nests details).
    html.split("<details class=\"card ").skip(1).map(|card| card.split("</section>").next().unwrap_or(card)).collect()
}
