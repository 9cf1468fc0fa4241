//! whosaid-attribute: claims to speakers, titles, roles, organisations and outlets.
#![deny(missing_docs)]

use whosaid_core::{Article, Attribution, Claim, Document};

/// Resolves who made each claim.
#[derive(Debug, Default)]
pub struct Resolver {}

impl Resolver {
    /// Builds a resolver from the bundled lexicons.
    pub fn new() -> Resolver {
        Resolver {}
    }

    /// Resolves the speakers of one article's claims, keeping their order.
    pub fn resolve(&self, _article: &Article, _doc: &Document, _claims: Vec<Claim>) -> Vec<Attribution> {
        Vec::new()
    }
}
