//! Shared types for whosaid's pipeline stages.
//!
//! Every stage crate (segment, detect, attribute, export) depends on this crate and on no
//! other stage; only the binary knows the order in which they run. Stage outputs own their
//! data and point into the article text with [`Span`]s, which are byte ranges; they become
//! character offsets once, at export, through [`CharIndex`].
//!
//! ```
//! use whosaid_core::{CharIndex, Span};
//!
//! let text = "“Hi,” she said.";
//! let quote = Span::new(3, 5); // bytes of "Hi" after the 3-byte curly quote
//! assert_eq!(&text[quote], "Hi");
//! let chars = CharIndex::new(text);
//! assert_eq!(chars.char_offset(quote.start), 1);
//! ```
#![deny(missing_docs)]

mod article;
mod claim;
mod document;
mod identity;
mod lexicon;
mod offsets;
mod span;

pub use article::{Article, ArticleId};
pub use claim::{
    Attribution, Claim, ClaimKind, Confidence, Resolution, RuleId, Speaker, SpeakerKind,
};
pub use document::{Document, FurnitureKind, Paragraph, Quote, Sentence, Token, TokenKind};
pub use identity::speaker_id;
pub use lexicon::{lexicon_lines, Lexicon};
pub use offsets::CharIndex;
pub use span::Span;
