//! whosaid-segment: article text to paragraphs, furniture, sentences and tokens.
//!
//! The segmenter finds the page furniture that no claim may come from (section headers, the
//! title, bylines, photo captions and their repeats, subheads, reader comments, paywall lines),
//! splits the body into paragraphs (blank-line separated, or hard-wrapped with indented
//! paragraph starts) and the paragraphs into sentences that survive abbreviations and never
//! break inside a quotation.
//!
//! ```
//! use whosaid_segment::Segmenter;
//!
//! let seg = Segmenter::new();
//! let doc = seg.segment("Iraq News\n\nBy Jane Roe\n\n\"It is over,\" Brig. Gen. Ali said. He left.", None);
//! assert_eq!(doc.body().count(), 1);
//! assert_eq!(doc.sentences.len(), 2);
//! ```
#![deny(missing_docs)]

mod furniture;
mod paragraphs;
mod sentences;
mod tokens;
mod windows;

use whosaid_core::{Document, FurnitureKind, Lexicon};

pub use tokens::tokenize;
pub use windows::windows;

static ABBREVIATIONS: &str = include_str!("../../../data/lexicons/abbreviations.txt");
static FURNITURE: &str = include_str!("../../../data/lexicons/furniture.txt");
static SENTENCE_STARTERS: &str = include_str!("../../../data/lexicons/sentence-starters.txt");
static COMMENT_STARTS: &str = include_str!("../../../data/lexicons/comment-starts.txt");

/// Splits articles into furniture, paragraphs, sentences and tokens. Build once, use for every
/// article: construction compiles the rules, segmenting cannot fail.
#[derive(Debug)]
pub struct Segmenter {
    abbreviations: Lexicon,
    starters: Lexicon,
    furniture: furniture::Classifier,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new()
    }
}

impl Segmenter {
    /// Builds a segmenter from the bundled lexicons.
    pub fn new() -> Segmenter {
        Segmenter {
            abbreviations: Lexicon::parse(ABBREVIATIONS),
            starters: Lexicon::parse(SENTENCE_STARTERS),
            furniture: furniture::Classifier::new(
                Lexicon::parse(FURNITURE),
                Lexicon::parse(COMMENT_STARTS),
            ),
        }
    }

    /// Segments one article. `title` is the headline when it is known apart from the text.
    pub fn segment(&self, text: &str, title: Option<&str>) -> Document {
        let spans = paragraphs::split(text);
        let kinds = self.furniture.classify(text, &spans, title);
        let mut doc = Document::default();
        // News prose has a token every 5.4 bytes on average: reserving for one every 4 bytes
        // means the token list never grows by copying (a 50 MB article on one line spent a
        // fifth of its time in those copies); capacity never touched costs no memory.
        doc.tokens.reserve(text.len() / 4);
        doc.sentences.reserve(text.len() / 64);
        doc.paragraphs.reserve(spans.len());
        for (span, furniture) in spans.into_iter().zip(kinds) {
            let index = doc.paragraphs.len();
            let first = doc.sentences.len();
            // Headlines are split too: a headline can state an attribution ("Trump: ...").
            if furniture.is_none() || furniture == Some(FurnitureKind::Title) {
                sentences::split(
                    text,
                    span,
                    index,
                    &self.abbreviations,
                    &self.starters,
                    &mut doc,
                );
            }
            doc.paragraphs.push(whosaid_core::Paragraph {
                span,
                furniture,
                sentences: first..doc.sentences.len(),
            });
        }
        doc
    }
}
