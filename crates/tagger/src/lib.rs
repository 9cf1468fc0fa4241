//! whosaid-tagger: a small learned sequence tagger that finds the reported speech the rules
//! miss.
//!
//! Each body paragraph is one sequence of tokens; every token gets one of seven labels, the
//! BIO tags of three roles: the source ("Smith", "the senator"), the cue ("thinks",
//! "warned") and the content (what was said or believed). The model is linear over hashed
//! lexical features of a ±3 token window ([`features`](crate::Features)), trained as an
//! averaged structured perceptron ([`Trainer`]) and decoded with Viterbi under the BIO
//! constraints; a content span's confidence is the mean marginal probability, by
//! forward-backward over the same scores, that its tokens are content.
//!
//! The stage depends on `whosaid-core` only. It proposes spans ([`Found`]); the binary decides
//! which to keep (those that overlap no rule claim and clear the threshold) and the attribute
//! stage resolves their speakers, the model's source span being only a candidate mention.
//!
//! ```
//! use whosaid_core::{Document, Span};
//! use whosaid_tagger::{Annotation, Role, Trainer};
//!
//! // A document of one sentence, "Bo thinks so .", tokenised by hand.
//! let text = "Bo thinks so.";
//! let doc = whosaid_tagger::test_document(text);
//! let mut trainer = Trainer::new(12);
//! trainer.add(text, &doc, &[
//!     Annotation { role: Role::Source, span: Span::new(0, 2) },
//!     Annotation { role: Role::Cue, span: Span::new(3, 9) },
//!     Annotation { role: Role::Content, span: Span::new(10, 12) },
//! ]);
//! let model = trainer.train(5, 1);
//! let found = model.tag(text, &doc);
//! assert_eq!(found[0].content, Span::new(10, 12));
//! assert_eq!(found[0].source, Some(Span::new(0, 2)));
//! // The bytes of a model load back into the same model.
//! let again = whosaid_tagger::Model::from_bytes(&model.to_bytes()).unwrap();
//! assert_eq!(again.to_bytes(), model.to_bytes());
//! ```
#![deny(missing_docs)]

mod decode;
mod features;
mod labels;
mod model;
mod train;

pub use features::Features;
pub use labels::{Annotation, Role};
pub use model::{Error, Found, Model};
pub use train::{Trainer, DEFAULT_GATE_MIN, DEFAULT_THRESHOLD};

/// The document of a text cut at spaces and before a final period: one body paragraph of one
/// sentence, no quotes. For examples and tests that need a document without the segmenter.
pub fn test_document(text: &str) -> whosaid_core::Document {
    use whosaid_core::{Document, Paragraph, Sentence, Span, Token, TokenKind};
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let punct = c == '.' || c == ',';
        if c == ' ' || punct {
            if let Some(s) = start.take() {
                tokens.extend(Token::new(Span::new(s, i), TokenKind::Word));
            }
            if punct {
                tokens.extend(Token::new(Span::new(i, i + 1), TokenKind::Punct));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let all = Span::new(0, text.len());
    Document {
        paragraphs: vec![Paragraph {
            span: all,
            furniture: None,
            sentences: 0..1,
        }],
        sentences: vec![Sentence {
            span: all,
            paragraph: 0,
            tokens: 0..tokens.len(),
        }],
        tokens,
        quotes: Vec::new(),
    }
}
