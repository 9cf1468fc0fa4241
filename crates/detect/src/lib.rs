//! whosaid-detect: sentences to claims (direct, mixed, indirect) with cue and source spans.
//!
//! The detector looks for cues (speech verbs from `data/lexicons/cues.txt`, "according to", a
//! colon after a name) and, around each, for the frame that says where the claim and the speaker
//! are: `<claim>, <speaker> said`, `<speaker> said (that) <claim>`, `<claim>, said <speaker>`,
//! `according to <speaker>, <claim>`, `..., adding that <claim>`, split quotes, and quotes that
//! stand alone after an attributed one (continuations). Each rule has a stable id; see
//! [`RULES`].
//!
//! ```
//! use whosaid_detect::Detector;
//! use whosaid_segment::Segmenter;
//!
//! let text = "\"We are winning,\" Sheikh Ali said.";
//! let doc = Segmenter::new().segment(text, None);
//! let claims = Detector::new().detect(text, &doc);
//! assert_eq!(&text[claims[0].span], "We are winning,");
//! assert_eq!(&text[claims[0].source.unwrap()], "Sheikh Ali");
//! ```
#![deny(missing_docs)]

mod frames;
mod lexicons;
mod rules;

use whosaid_core::{Claim, Document};

pub use rules::{Rule, RULES};

/// Finds claims in a segmented article. Build once; `detect` cannot fail.
#[derive(Debug)]
pub struct Detector {
    lex: lexicons::Lexicons,
}

impl Default for Detector {
    fn default() -> Detector {
        Detector::new()
    }
}

impl Detector {
    /// Builds a detector from the bundled lexicons.
    pub fn new() -> Detector {
        Detector {
            lex: lexicons::Lexicons::load(),
        }
    }

    /// Finds the claims of one article, ordered by start offset.
    pub fn detect(&self, text: &str, doc: &Document) -> Vec<Claim> {
        frames::detect(&self.lex, text, doc)
    }
}
