//! Page furniture: the parts of a page that are not the article's prose.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashSet};

use once_cell::sync::Lazy;
use regex::Regex;
use whosaid_core::{FurnitureKind, Lexicon, Span};

/// A photo credit closing a caption: `[Moadh al-Dulaimi/AFP]`, `(AP Photo/Alice Martins)`,
/// `[Photo courtesy of the Iraqi Special Forces]`, `(Getty Images)`, `[File]`.
static CAPTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?xi)
        (?:
            \[ [^\[\]]{1,100} \]                                   # [Name/AGENCY], [File]
          | \( [^()]{0,60} (?:photo|images?|pictures?|/|file|credit) [^()]{0,60} \)
        )
        \s*$",
    )
    .expect("caption pattern compiles")
});

/// "By Khalid al-Taie", "By Alaa Hussain in Baghdad", "Posted by ...".
static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:(?:Posted|Written|Reported|Story)\s+)?[Bb][Yy]:?\s+\p{Lu}")
        .expect("byline pattern compiles")
});

/// "1 Comment(s)", "12 comments", "Comments (3)".
static COMMENT_COUNT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:\d+\s+comments?(?:\(s\))?|comments?\s*\(\d+\))(?:\b|$)")
        .expect("comment count pattern compiles")
});

#[derive(Debug)]
pub(crate) struct Classifier {
    furniture: Lexicon,
    comment_starts: Lexicon,
}

/// The paragraph with white space folded and final punctuation removed, for lexicon lookups
/// and duplicate detection.
fn key(text: &str) -> String {
    let bytes = text.as_bytes();
    // Most short paragraphs are ASCII with single spaces between words: already folded.
    // (These bytes are all of ASCII that `split_whitespace` splits at.)
    let folded_already = text.is_ascii()
        && !bytes.iter().any(|b| matches!(b, b'\t'..=b'\r'))
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && memchr::memmem::find(bytes, b"  ").is_none();
    if folded_already {
        return text.trim_end_matches(['.', '!', '?', ':', ' ']).to_string();
    }
    // One allocation: this runs for every short paragraph.
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    let kept = folded.trim_end_matches(['.', '!', '?', ':', ' ']).len();
    folded.truncate(kept);
    folded
}

/// True for a short line that does not end like a sentence: section headers, headlines and
/// subheads ("Fragmented and demoralised", "'The end is closer than ever'").
fn is_heading(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    !trimmed.ends_with(['.', '!', '?', ':', ';', ',', '…']) && text.split_whitespace().count() <= 20
}

impl Classifier {
    pub(crate) fn new(furniture: Lexicon, comment_starts: Lexicon) -> Classifier {
        Classifier {
            furniture,
            comment_starts,
        }
    }

    /// Returns, for each paragraph, why it is furniture, or `None` for body text.
    pub(crate) fn classify(
        &self,
        text: &str,
        paragraphs: &[Span],
        title: Option<&str>,
    ) -> Vec<Option<FurnitureKind>> {
        let title_key = title.map(key);
        // Hashes of the paragraphs seen so far, for repeated captions: one u64 a paragraph.
        let mut seen: FxHashSet<u64> = FxHashSet::default();
        let mut in_comments = false;
        let mut body_seen = false;
        let mut out = Vec::with_capacity(paragraphs.len());
        for &span in paragraphs {
            let para = &text[span];
            let hash = FxBuildHasher.hash_one(para);
            // Page lines are short: the lexicon tests, which need the folded text, run only
            // on short paragraphs, and the cheap tests (last character, first word) first.
            let page_line = para.len() <= PAGE_LINE && {
                let k = key(para);
                let lower = k.to_lowercase();
                if self.comment_starts.contains(&lower) || COMMENT_COUNT.is_match(&k) {
                    in_comments = true;
                }
                in_comments
                    || self.furniture.contains(&lower)
                    || (lower.ends_with(" logo") && k.split_whitespace().count() <= 4)
            };
            let kind = if in_comments {
                Some(FurnitureKind::Comments)
            } else if page_line {
                Some(FurnitureKind::Paywall)
            } else if (para.ends_with([']', ')']) && CAPTION.is_match(tail(para)))
                || seen.contains(&hash)
            {
                Some(FurnitureKind::Caption)
            } else if title_key
                .as_ref()
                .is_some_and(|t| para.len() <= t.len() + 8 && *t == key(para))
            {
                Some(FurnitureKind::Title)
            } else if !body_seen && BYLINE.is_match(para) && para.split_whitespace().count() <= 12 {
                Some(FurnitureKind::Byline)
            } else if para.len() <= SHORT && is_heading(para) {
                Some(if body_seen {
                    FurnitureKind::Subhead
                } else if para.split_whitespace().count() <= 3 && title_key.is_none() {
                    FurnitureKind::Section
                } else {
                    FurnitureKind::Title
                })
            } else {
                body_seen = true;
                None
            };
            seen.insert(hash);
            out.push(kind);
        }
        out
    }
}

/// Page lines (comment prompts, paywall and logo lines) are no longer than this, in bytes.
const PAGE_LINE: usize = 80;

/// Paragraphs longer than this (in bytes) are never headers, bylines or page lines.
const SHORT: usize = 400;

/// The last 240 bytes or so of a paragraph, where a photo credit stands.
fn tail(para: &str) -> &str {
    let mut start = para.len().saturating_sub(240);
    while !para.is_char_boundary(start) {
        start += 1;
    }
    &para[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(paras: &[&str]) -> Vec<Option<&'static str>> {
        let text = paras.join("\n\n");
        let mut spans = Vec::new();
        let mut at = 0;
        for p in paras {
            spans.push(Span::new(at, at + p.len()));
            at += p.len() + 2;
        }
        let c = Classifier::new(
            Lexicon::parse(crate::FURNITURE),
            Lexicon::parse(crate::COMMENT_STARTS),
        );
        c.classify(&text, &spans, None)
            .into_iter()
            .map(|k| k.map(FurnitureKind::as_str))
            .collect()
    }

    #[test]
    fn page_header_caption_and_comments() {
        let got = kinds(&[
            "World News",
            "Security",
            "Rebels lose their last town",
            "By Jane Roe in Lagos",
            "Soldiers walk past a ruined house on May 2nd. [Jane Roe/AFP]",
            "The town fell on Sunday, officials said.",
            "Soldiers walk past a ruined house on May 2nd. [Jane Roe/AFP]",
            "'It is the end'",
            "\"We won,\" he said.",
            "Do you like this article?",
            "2 Comment(s)",
            "Great news!",
            "Reply",
        ]);
        assert_eq!(
            got,
            [
                Some("section"),
                Some("section"),
                Some("title"),
                Some("byline"),
                Some("caption"),
                None,
                Some("caption"),
                Some("subhead"),
                None,
                Some("comments"),
                Some("comments"),
                Some("comments"),
                Some("comments"),
            ]
        );
    }

    #[test]
    fn paywall_and_ap_captions() {
        let got = kinds(&[
            "A boy plays with a kite at the camp, Aug. 17. (AP Photo/Jane Roe)",
            "Residents say the fighters left, he said.",
            "To Read The Full Story",
            "Are you already a subscriber?",
            "Click to log in!",
            "Daily Paper Logo",
        ]);
        assert_eq!(
            got,
            [
                Some("caption"),
                None,
                Some("paywall"),
                Some("paywall"),
                Some("paywall"),
                Some("paywall")
            ]
        );
    }

    #[test]
    fn key_folds_white_space_with_or_without_the_fast_path() {
        for text in [
            "Read more:",
            "Read  more.",
            " Read more",
            "Read\tmore\n",
            "Read\u{a0}more!",
            "Read\u{b}more",
            "Lire la suite…",
            "",
        ] {
            let folded: Vec<&str> = text.split_whitespace().collect();
            let want = folded.join(" ");
            let want = want.trim_end_matches(['.', '!', '?', ':', ' ']);
            assert_eq!(key(text), want, "{text:?}");
        }
    }

    #[test]
    fn sentence_like_paragraphs_are_body() {
        assert_eq!(kinds(&["Byron said the talks failed."]), [None]);
        assert_eq!(kinds(&["\"ISIS is losing its last foothold.\""]), [None]);
    }
}
