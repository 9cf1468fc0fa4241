//! The features of a token: hashed lexical facts about it and its ±3 window.
//!
//! Every feature is a template number mixed with a value hash, reduced to one of `2^bits`
//! buckets; the model keeps a row of label weights per bucket and no feature strings, so no
//! text of the training data is in a model. Collisions share a row.

use std::ops::Range;

use rustc_hash::FxHashSet;
use whosaid_core::{lexicon_lines, Document, Span, TokenKind};

/// The cue verbs of `data/lexicons/cues.txt`, all their forms: "is in the cue list" is a
/// feature, the one place where the rules' knowledge reaches the model.
const CUES: &str = include_str!("../../../data/lexicons/cues.txt");

/// Features per token: the number of templates in [`Features::sequence`].
pub(crate) const PER_TOKEN: usize = 27;

/// Bumped whenever a template changes, so that a model trained on other features is refused.
pub(crate) const VERSION: u32 = 2;

/// What the feature templates need besides the text: the cue forms; and the words that open
/// the sentence gate of the tagger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Features {
    cues: FxHashSet<u64>,
    /// The cue forms, "according" ("according to" is a cue the list does not hold as a
    /// word) and the model's own cue words (see [`Features::with_gate`]).
    gate: FxHashSet<u64>,
}

impl Default for Features {
    fn default() -> Features {
        let mut cues = FxHashSet::default();
        for line in lexicon_lines(CUES) {
            for form in line.split_whitespace() {
                if form != "-" && !form.starts_with('+') {
                    cues.insert(hash_lower(form));
                }
            }
        }
        let mut gate = cues.clone();
        gate.insert(hash_lower("according"));
        Features { cues, gate }
    }
}

/// What is known of one token before its features are made.
#[derive(Debug, Clone, Copy)]
struct Tok {
    word: u64,
    shape: u64,
    suffix: u64,
    cue: bool,
    quoted: bool,
    sentence: u32,
    position: u32,
}

const NONE: Tok = Tok {
    word: 0x9e37_79b9,
    shape: 0x9e37_79b9,
    suffix: 0x9e37_79b9,
    cue: false,
    quoted: false,
    sentence: u32::MAX,
    position: 0,
};

impl Features {
    /// The same features, with the sentence gate also opened by the words whose
    /// [`hash_lower`] is in `cues`: the cue words of a model's training gold. They change no
    /// feature (the "is a cue" templates read the cue list only), so a model's weights mean
    /// the same whatever its gate.
    pub(crate) fn with_gate(mut self, cues: &[u64]) -> Features {
        self.gate.extend(cues);
        self
    }

    /// The lowercase hash of each word token of `range` of `doc`, for counting cue words.
    pub(crate) fn words<'a>(
        text: &'a str,
        doc: &'a Document,
        range: Range<usize>,
    ) -> impl Iterator<Item = (Span, u64)> + 'a {
        doc.tokens[range]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| (t.span(), hash_lower(&text[t.span()])))
    }

    /// The feature buckets of the tokens `range` of `doc` (one body paragraph), [`PER_TOKEN`]
    /// per token, appended to `out`; each bucket is below `2^bits`.
    pub(crate) fn sequence(
        &self,
        text: &str,
        doc: &Document,
        range: Range<usize>,
        bits: u32,
        out: &mut Vec<u32>,
    ) {
        // Three tokens of padding at each end, so that the window needs no bounds tests.
        let mut toks = vec![NONE; 3];
        self.tokens(text, doc, range, &mut toks);
        let end = toks.len();
        toks.extend_from_slice(&[NONE; 3]);
        // The distance to the nearest cue to the left and to the right in the same sentence
        // (99: none), and that cue's word.
        let mut left = vec![(99u64, 0u64); toks.len()];
        let mut last: Option<usize> = None;
        for i in 3..end {
            if last.is_some_and(|l| toks[l].sentence != toks[i].sentence) {
                last = None;
            }
            if let Some(l) = last {
                left[i] = ((i - l).min(8) as u64, toks[l].word);
            }
            if toks[i].cue {
                last = Some(i);
            }
        }
        let mut right = vec![(99u64, 0u64); toks.len()];
        let mut next: Option<usize> = None;
        for i in (3..end).rev() {
            if next.is_some_and(|r| toks[r].sentence != toks[i].sentence) {
                next = None;
            }
            if let Some(r) = next {
                right[i] = ((r - i).min(8) as u64, toks[r].word);
            }
            if toks[i].cue {
                next = Some(i);
            }
        }
        let shift = 64 - bits;
        out.reserve((end - 3) * PER_TOKEN);
        for i in 3..end {
            let w = &toks[i - 3..=i + 3];
            let t = &w[3];
            let (p1, p2, p3, n1, n2, n3) = (&w[2], &w[1], &w[0], &w[4], &w[5], &w[6]);
            let ((dl, cl), (dr, cr)) = (left[i], right[i]);
            let quoted = t.quoted as u64;
            let values: [u64; PER_TOKEN] = [
                1,
                t.word,
                t.shape,
                t.suffix,
                p1.word,
                n1.word,
                p2.word,
                n2.word,
                p3.word,
                n3.word,
                p1.shape,
                n1.shape,
                mix(p1.word, t.word),
                mix(t.word, n1.word),
                quoted,
                mix(t.word, quoted),
                t.cue as u64,
                mix(p1.cue as u64, n1.cue as u64 + 2),
                dl,
                dr,
                mix(dl, dr),
                mix(cl, 1),
                mix(cr, 2),
                mix(dl, quoted),
                mix(dr, quoted),
                (t.position.min(6) as u64) | ((i == 3) as u64) << 8,
                mix(p1.suffix, n1.suffix),
            ];
            out.extend(
                values
                    .into_iter()
                    .enumerate()
                    .map(|(template, value)| (mix(template as u64 + 1, value) >> shift) as u32),
            );
        }
    }

    /// True when the tokens `range` of `doc` (a sentence) can hold reported speech: a word of
    /// the cue list, "according", one of the model's own cue words (those of its training
    /// gold, [`Features::with_gate`]), a quotation mark or a colon. The tagger reads no other
    /// sentence (see `Model::tag_where`): on PolNeAR dev the spans it found in them at the
    /// bundled threshold left the joint F1 as it was, and news has many such sentences. A
    /// gate on the model's own learned cue words instead (a positive "begins a cue" weight of
    /// the word) cost 80 M more instructions on 2,000 news articles for joint F1 63.8 against
    /// 64.0 (README, "Learned tagger").
    pub(crate) fn may_hold_speech(&self, text: &str, doc: &Document, range: Range<usize>) -> bool {
        doc.tokens[range].iter().any(|token| match token.kind {
            TokenKind::Word => self.gate.contains(&hash_lower(&text[token.span()])),
            TokenKind::DoubleQuote | TokenKind::SingleQuote => true,
            TokenKind::Punct => &text[token.span()] == ":",
        })
    }

    /// Appends what the templates need of each token of `range` to `out`.
    fn tokens(&self, text: &str, doc: &Document, range: Range<usize>, out: &mut Vec<Tok>) {
        let first_quote = doc
            .quotes
            .partition_point(|q| q.inner.end <= doc.tokens[range.start].span().start);
        let mut quotes = doc.quotes[first_quote..].iter().map(|q| q.inner).peekable();
        // The sentences are in token order; start at the one that holds the first token.
        let mut s = doc
            .sentences
            .partition_point(|s| s.tokens.end <= range.start);
        let mut position = 0;
        for i in range {
            while s < doc.sentences.len() && doc.sentences[s].tokens.end <= i {
                s += 1;
                position = 0;
            }
            let token = doc.tokens[i];
            let span = token.span();
            let word = &text[span];
            while quotes.next_if(|q: &Span| q.end <= span.start).is_some() {}
            let quoted = quotes
                .peek()
                .is_some_and(|q| q.start <= span.start && span.end <= q.end);
            let lower = hash_lower(word);
            out.push(Tok {
                word: lower,
                shape: shape(word),
                suffix: match token.kind {
                    TokenKind::Word => suffix(word),
                    _ => lower,
                },
                cue: token.kind == TokenKind::Word && self.cues.contains(&lower),
                quoted,
                sentence: s as u32,
                position,
            });
            position += 1;
        }
    }
}

/// One step of FxHash: mixes `b` into `a`.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A hash of the word in ASCII lowercase, a byte at a time (words are short).
pub(crate) fn hash_lower(word: &str) -> u64 {
    word.bytes().fold(0x9e37_79b9_7f4a_7c15, |h, b| {
        mix(h, u64::from(b.to_ascii_lowercase()))
    })
}

/// A hash of the word's shape: `X` for capitals, `x` lowercase, `d` digits, other characters
/// as themselves, runs of one class written once, at most six classes.
fn shape(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut last = '\0';
    let mut n = 0;
    for c in word.chars() {
        let class = if c.is_ascii_uppercase() {
            'X'
        } else if c.is_ascii_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_ascii() {
            c
        } else if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class != last {
            h = mix(h, class as u64);
            last = class;
            n += 1;
            if n == 6 {
                break;
            }
        }
    }
    h
}

/// A hash of the word's last three characters, lowercased.
fn suffix(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let cut = if bytes.len() >= 3 && bytes[bytes.len() - 3..].is_ascii() {
        bytes.len() - 3
    } else {
        word.char_indices().rev().nth(2).map_or(0, |(i, _)| i)
    };
    mix(hash_lower(&word[cut..]), 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cue_of_the_list_is_a_cue_in_any_case() {
        let f = Features::default();
        assert!(f.cues.contains(&hash_lower("Said")));
        assert!(f.cues.contains(&hash_lower("warned")));
        assert!(!f.cues.contains(&hash_lower("table")));
    }

    #[test]
    fn every_token_has_its_features_below_the_bucket_count() {
        let text = "Bo thinks “so”, and Al doubts it.";
        let doc = crate::test_document(text);
        let mut out = Vec::new();
        Features::default().sequence(text, &doc, 0..doc.tokens.len(), 10, &mut out);
        assert_eq!(out.len(), doc.tokens.len() * PER_TOKEN);
        assert!(out.iter().all(|&b| b < 1 << 10));
    }

    #[test]
    fn shapes_tell_capitals_from_lowercase_and_digits() {
        assert_eq!(shape("Smith"), shape("Jones"));
        assert_ne!(shape("Smith"), shape("smith"));
        assert_ne!(shape("1999"), shape("Smith"));
    }
}
