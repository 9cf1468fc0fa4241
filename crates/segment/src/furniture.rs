//! Page furniture: the parts of a page that are not the article's prose.

use std::borrow::Cow;
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
fn key(text: &str) -> Cow<'_, str> {
    // Most short paragraphs are already folded: borrow them, with no allocation.
    if folded_already(text.as_bytes()) {
        return Cow::Borrowed(text.trim_end_matches(['.', '!', '?', ':', ' ']));
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
    Cow::Owned(folded)
}

/// True when `bytes` are ASCII with single spaces between words and none at either end, which
/// folding white space leaves as they are. One pass: this runs for every short paragraph.
fn folded_already(bytes: &[u8]) -> bool {
    // True at the start, so that a leading space fails like a double one.
    let mut after_space = true;
    for &b in bytes {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            // The rest of the ASCII that `split_whitespace` splits at, and non-ASCII, which
            // may be white space too.
            b'\t'..=b'\r' | 0x80.. => return false,
            _ => after_space = false,
        }
    }
    !after_space || bytes.is_empty()
}

/// True when `text` has at most `n` words, as `split_whitespace` counts them. Stops reading
/// after word `n + 1`: body paragraphs are long.
fn at_most_words(text: &str, n: usize) -> bool {
    if text.is_ascii() {
        // Bytes rather than decoded characters: of ASCII, `split_whitespace` splits at these.
        return text
            .as_bytes()
            .split(|b| matches!(b, b'\t'..=b'\r' | b' '))
            .filter(|word| !word.is_empty())
            .nth(n)
            .is_none();
    }
    text.split_whitespace().nth(n).is_none()
}

/// True when `text` ends with `suffix`, ignoring ASCII case.
fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// True when `text` is a comment count ([`COMMENT_COUNT`]). Those start with a digit or a "c",
/// which turns most paragraphs away before the regex search and its setup.
fn is_comment_count(text: &str) -> bool {
    // `is_numeric` takes in every `\d`; "c" folds to no other letter than "C".
    text.starts_with(|c: char| c.is_numeric() || c == 'c' || c == 'C')
        && COMMENT_COUNT.is_match(text)
}

/// True for a short line that does not end like a sentence: section headers, headlines and
/// subheads ("Fragmented and demoralised", "'The end is closer than ever'").
/// A quote credited with a dash and a name: `“We will win.” ― Ana Ruiz`. It has no final
/// period, as a heading has none, but it is prose: a sentence closes inside its quote. (A
/// scan rather than a regex: a Unicode regex cost 1.7% of the instructions of a 2,000-article
/// run in building its automaton, for the few short lines that get here.)
fn is_quote_credit(text: &str) -> bool {
    if !text.starts_with(['"', '“', '‘', '\'']) {
        return false;
    }
    text.match_indices(['"', '”', '’', '\'']).any(|(at, mark)| {
        let closes_sentence = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ','));
        let name = text[at + mark.len()..]
            .trim_start()
            .strip_prefix(['―', '—', '–', '-'])
            .map(|rest| rest.trim_start_matches('-').trim_start());
        closes_sentence && name.is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase))
    })
}

fn is_heading(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    !trimmed.ends_with(['.', '!', '?', ':', ';', ',', '…']) && at_most_words(text, 20)
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
        // Hashes of the paragraphs seen so far, for repeated captions: one u64 a paragraph,
        // room made once rather than by rehashing as the set grows.
        let mut seen: FxHashSet<u64> =
            FxHashSet::with_capacity_and_hasher(paragraphs.len(), FxBuildHasher);
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
                // The lexicons and the " logo" test ignore ASCII case: only other letters
                // need lowering first, and most keys have none.
                let lower = if k.is_ascii() {
                    Cow::Borrowed(&*k)
                } else {
                    Cow::Owned(k.to_lowercase())
                };
                if self.comment_starts.contains(&lower) || is_comment_count(&k) {
                    in_comments = true;
                }
                in_comments
                    || self.furniture.contains(&lower)
                    || (ends_with_ignore_ascii_case(&lower, " logo") && at_most_words(&k, 4))
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
            } else if !body_seen && BYLINE.is_match(para) && at_most_words(para, 12) {
                Some(FurnitureKind::Byline)
            } else if para.len() <= SHORT && is_heading(para) && !is_quote_credit(para) {
                Some(if body_seen {
                    FurnitureKind::Subhead
                } else if at_most_words(para, 3) && title_key.is_none() {
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

    /// A quote credited with a dash and a name has no final period, like a subhead, but is
    /// prose (issue 15: a page of such reader quotes on PolNeAR dev was all furniture).
    #[test]
    fn quote_with_a_dash_credit_is_no_subhead() {
        let got = kinds(&[
            "Readers wrote in about the debate.",
            "“Mr. Lee is clueless about the struggles of the poor.” ― Ana Ruiz",
            "\"We pay more,\" -- Tom Berg",
            "'It is the end'",
            "“Why Now” — A Look Back",
        ]);
        assert_eq!(got, [None, None, None, Some("subhead"), Some("subhead")]);
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
    fn word_counts_agree_with_split_whitespace() {
        for text in [
            "",
            "  ",
            "one",
            " one  two\tthree\n",
            "one\u{b}two\u{c}three\rfour",
            "one\u{a0}two three",
            "Read\u{1f}more and more",
        ] {
            let words = text.split_whitespace().count();
            for n in 0..6 {
                assert_eq!(at_most_words(text, n), words <= n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn sentence_like_paragraphs_are_body() {
        assert_eq!(kinds(&["Byron said the talks failed."]), [None]);
        assert_eq!(kinds(&["\"ISIS is losing its last foothold.\""]), [None]);
    }
}
