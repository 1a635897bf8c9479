//! SARIF 2.1.0, the format code-scanning tools (GitHub code scanning among them) ingest.
//!
//! One rule per finding code, one result per finding. The result's location is the claim's row
//! in its CSV file; where the finding points into a source document, that place is a related
//! location. The structs below fix the field order, so the output is the same on every run.

use super::{long_message, region_of, source_region};
use crate::check::Report;
use crate::findings::{Code, Finding, Region, Severity};
use crate::load::sources::SourceSet;
use serde::Serialize;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const VERSION: &str = "2.1.0";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// Columns count code points, as the contract's offsets do, not SARIF's default UTF-16 units.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl From<Region> for SarifRegion {
    fn from(region: Region) -> Self {
        SarifRegion {
            start_line: region.start.line,
            start_column: region.start.column,
            end_line: region.end.line,
            end_column: region.end.column,
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule(code: Code) -> Rule {
    Rule {
        id: code.name(),
        short_description: Text { text: code.summary().to_string() },
        full_description: Text {
            text: format!(
                "{}: {}. Default severity: {}; claimcheck.toml changes it under [severity] with {} = \"error\" | \"warning\" | \"note\" | \"off\".",
                code.name(),
                code.summary(),
                code.default_severity(),
                code.name()
            ),
        },
        help: Text { text: code.help().to_string() },
        default_configuration: Configuration { level: level(code.default_severity()) },
    }
}

fn location(file: &str, region: Option<Region>) -> PhysicalLocation {
    PhysicalLocation { artifact_location: ArtifactLocation { uri: uri(file) }, region: region.map(SarifRegion::from) }
}

fn result(finding: &Finding, sources: &SourceSet) -> SarifResult {
    let related = finding.span.as_ref().and_then(|span| source_region(span, sources)).map(|(path, region)| Location {
        id: Some(1),
        physical_location: location(&path, Some(region)),
        message: Some(Text { text: finding.label.clone().unwrap_or_else(|| "the span in question".to_string()) }),
    });
    // A finding about a whole file (one that cannot be read) has no region: SARIF then means the file.
    let region = region_of(finding);
    SarifResult {
        rule_id: finding.code.name(),
        rule_index: Code::ALL.iter().position(|code| *code == finding.code).unwrap_or_default(),
        level: level(finding.severity),
        message: Text { text: long_message(finding) },
        locations: vec![Location { id: None, physical_location: location(&finding.file, region), message: None }],
        related_locations: related.into_iter().collect(),
    }
}

pub fn render(report: &Report, sources: &SourceSet) -> String {
    let log = Log {
        schema: SCHEMA,
        version: VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "claimcheck",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: Code::ALL.iter().copied().map(rule).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: report.findings.iter().map(|finding| result(finding, sources)).collect(),
        }],
    };
    super::json_text::to_string(&log)
}

/// A relative URI reference for a report path: `/` kept, everything outside RFC 3986's
/// unreserved characters percent-encoded (spaces and non-ASCII names are common in sources).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_slashes_and_encode_the_rest() {
        assert_eq!(uri("seeds/002_8912a6eddd236b47.txt"), "seeds/002_8912a6eddd236b47.txt");
        assert_eq!(uri("my sources/Крокус #1.txt"), "my%20sources/%D0%9A%D1%80%D0%BE%D0%BA%D1%83%D1%81%20%231.txt");
    }
}
