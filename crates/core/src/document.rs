use std::ops::Range;

use crate::Span;

/// Why a paragraph was set aside as page furniture rather than article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FurnitureKind {
    /// A section header such as "Iraq News" or "Security".
    Section,
    /// The headline.
    Title,
    /// "By Alaa Hussain in Baghdad".
    Byline,
    /// A photo caption (ends in a credit) or a repeat of an earlier paragraph.
    Caption,
    /// A short heading inside the body.
    Subhead,
    /// The reader-comment section and everything after it.
    Comments,
    /// Paywall, login and logo lines.
    Paywall,
}

impl FurnitureKind {
    /// A lowercase name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FurnitureKind::Section => "section",
            FurnitureKind::Title => "title",
            FurnitureKind::Byline => "byline",
            FurnitureKind::Caption => "caption",
            FurnitureKind::Subhead => "subhead",
            FurnitureKind::Comments => "comments",
            FurnitureKind::Paywall => "paywall",
        }
    }
}

/// A paragraph: a block of text separated from its neighbours by a blank line, or by a line
/// break followed by an indent in hard-wrapped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, trimmed.
    pub span: Span,
    /// `Some` when the paragraph is page furniture, which no claim may come from.
    pub furniture: Option<FurnitureKind>,
    /// The paragraph's sentences, as indices into [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// A sentence of a body paragraph or of the headline. A sentence boundary never falls inside
/// a quotation, so a quote of several sentences stays inside one `Sentence`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's text, trimmed.
    pub span: Span,
    /// Index of its paragraph in [`Document::paragraphs`].
    pub paragraph: usize,
    /// Its tokens, as indices into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, digits, and the apostrophes, hyphens and periods inside them ("al-Qaim",
    /// "U.S.", "didn't").
    Word,
    /// A double quotation mark: `"`, `“`, `”`, `«`, `»`, `„`.
    DoubleQuote,
    /// A single quotation mark standing apart from a word: `'`, `‘`, `’`.
    SingleQuote,
    /// Any other punctuation character, one per token.
    Punct,
}

/// A token of a body sentence.
///
/// Its offsets are kept as `u32`, which makes a token 12 bytes rather than 24: an article has
/// a token every five bytes or so, and a 50 MB article on one line needed 220 MB for them.
/// [`Token::new`] says what happens past 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    /// Its kind.
    pub kind: TokenKind,
}

impl Token {
    /// The largest offset a token can hold.
    pub const MAX_OFFSET: usize = u32::MAX as usize;

    /// A token covering `span`, or `None` when the span ends past [`Token::MAX_OFFSET`]
    /// (an article of more than 4 GiB is tokenized up to there).
    pub fn new(span: Span, kind: TokenKind) -> Option<Token> {
        Some(Token {
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            kind,
        })
    }

    /// Its text.
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }
}

/// A quotation in a body paragraph, between double quotation marks or a clearly paired set of
/// single ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, both included; to the paragraph's end when
    /// the quote is left open (a quote that goes on in the next paragraph).
    pub outer: Span,
    /// The quoted text, without the marks.
    pub inner: Span,
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Index of the opening mark in [`Document::tokens`].
    pub open_token: usize,
    /// Index of the closing mark in [`Document::tokens`], `None` when left open.
    pub close_token: Option<usize>,
    /// True for single quotation marks.
    pub single: bool,
}

/// A segmented article: paragraphs (body and furniture), body sentences and their tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Every paragraph, in text order.
    pub paragraphs: Vec<Paragraph>,
    /// The sentences of body paragraphs and of the headline, in text order.
    pub sentences: Vec<Sentence>,
    /// The tokens of all sentences, in text order.
    pub tokens: Vec<Token>,
    /// The quotations in body paragraphs and the headline, in text order; nested quotes are
    /// not listed.
    pub quotes: Vec<Quote>,
}

impl Document {
    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }

    /// The body paragraphs with their indices.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.furniture.is_none())
    }
}
