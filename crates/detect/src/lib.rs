//! whosaid-detect: sentences to claims (direct, mixed, indirect) with cue and source spans.
#![deny(missing_docs)]

use whosaid_core::{Claim, Document};

/// Finds claims in a segmented article.
#[derive(Debug, Default)]
pub struct Detector {}

impl Detector {
    /// Builds a detector from the bundled lexicons.
    pub fn new() -> Detector {
        Detector {}
    }

    /// Finds the claims of one article, in text order.
    pub fn detect(&self, _text: &str, _doc: &Document) -> Vec<Claim> {
        Vec::new()
    }
}
