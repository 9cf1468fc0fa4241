//! whosaid-detect: sentences to claims (direct, mixed, indirect) with cue and source spans.
//!
//! The detector looks for cues (speech verbs from `data/lexicons/cues.txt`, "according to", a
//! colon after a name) and, around each, for the frame that says where the claim and the speaker
//! are: `<claim>, <speaker> said`, `<speaker> said (that) <claim>`, `<claim>, said <speaker>`,
//! `according to <speaker>, <claim>`, `..., adding that <claim>`, split quotes, and quotes that
//! stand alone after an attributed one (continuations). Each rule has a stable id; see
//! [`rules`].
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

mod ctx;
mod lexicons;
mod rules;
mod scan;

// Rule families: each module holds its rules' code and their ids, docs and examples.
mod according_to;
mod asked;
mod headline;
mod label;
mod participle;
mod quote;
mod raising;
mod verb;

#[cfg(test)]
mod tests;

use whosaid_core::{Claim, Document};

pub use rules::{rules, Rule};

/// Finds claims in a segmented article. Build once; `detect` cannot fail.
#[derive(Debug)]
pub struct Detector {
    lex: lexicons::Lexicons,
    beliefs: bool,
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
            beliefs: false,
        }
    }

    /// Also reports beliefs that nobody in the text holds, as PolNeAR annotates them (rule
    /// `detect/raising`): in "The bill is expected to pass", the pieces "The bill" and "to
    /// pass", with no source. Off by default.
    ///
    /// ```
    /// use whosaid_detect::Detector;
    /// use whosaid_segment::Segmenter;
    ///
    /// let text = "The bill is expected to pass next week.";
    /// let doc = Segmenter::new().segment(text, None);
    /// assert!(Detector::new().detect(text, &doc).is_empty());
    /// let claims = Detector::new().with_beliefs(true).detect(text, &doc);
    /// assert_eq!(&text[claims[1].span], "to pass next week");
    /// assert_eq!(claims[1].source, None);
    /// ```
    pub fn with_beliefs(mut self, on: bool) -> Detector {
        self.beliefs = on;
        self
    }

    /// Finds the claims of one article, ordered by start offset.
    pub fn detect(&self, text: &str, doc: &Document) -> Vec<Claim> {
        ctx::detect(&self.lex, self.beliefs, text, doc)
    }
}
