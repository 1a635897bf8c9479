//! The attributes the inline filter script reads: an element shows when its codes, severities
//! and sources hold the ones picked.

use super::escape::anchor;
use crate::findings::Finding;
use std::collections::BTreeSet;

/// The codes, severities and sources (as `source-...` anchors, which hold no space) of what an
/// element shows.
#[derive(Default)]
pub(super) struct Filter {
    codes: BTreeSet<&'static str>,
    severities: BTreeSet<&'static str>,
    sources: BTreeSet<String>,
}

impl Filter {
    /// A finding's code and severity, and its source when it names one.
    pub fn finding(&mut self, finding: &Finding) -> &mut Self {
        self.codes.insert(finding.code.name());
        self.severities.insert(finding.severity.name());
        if let Some(source) = &finding.source {
            self.source(source);
        }
        self
    }

    pub fn source(&mut self, file: &str) -> &mut Self {
        self.sources.insert(anchor("source", file));
        self
    }

    /// ` data-filter data-codes="..." data-severities="..." data-sources="..."`.
    pub fn attributes(&self) -> String {
        let join = |set: &BTreeSet<&str>| set.iter().copied().collect::<Vec<_>>().join(" ");
        let sources: Vec<&str> = self.sources.iter().map(String::as_str).collect();
        format!(" data-filter data-codes=\"{}\" data-severities=\"{}\" data-sources=\"{}\"", join(&self.codes), join(&self.severities), sources.join(" "))
    }
}
