//! The audit report: each article's text with its claims highlighted, as self-contained HTML.
//!
//! An [`AuditArticle`] gathers what one article's part of the report needs: the text, its
//! paragraphs (with the furniture set aside), and its claims as [`Record`]s, from a run
//! ([`AuditArticle::from_attributions`]) or from a claims CSV ([`AuditArticle::from_records`]).
//! A [`Page`] renders articles to one HTML file; a [`ReportIndex`] gathers the index of
//! articles and the speakers table across pages and renders the index page of a report split
//! into several pages.
//!
//! Every page is one file with its CSS and script inline: no network, no external fonts.
//! All article text and every field goes through HTML escaping; the script reads the fields
//! from `data-` attributes and shows them with `textContent`, never as markup.

mod article;
mod nest;
mod page;
mod who;

use whosaid_core::{Article, Attribution, FurnitureKind, Paragraph, Span};

pub use page::{Page, PageNav, ReportIndex, SPEAKERS_LISTED};

use crate::sanitize::unneutralise;
use crate::Record;
use who::{who, Cast};

/// A pronoun whose antecedent is more than this many body paragraphs back is flagged.
pub const FAR_PARAGRAPHS: usize = 2;

/// Why a claim's attribution deserves a second look.
///
/// A claim is flagged when its speaker was not found, or was found by one of the weaker
/// resolutions: a description of an earlier speaker ("the ministry"), a continuation of the
/// previous quote's speaker, or a pronoun whose antecedent is more than [`FAR_PARAGRAPHS`]
/// body paragraphs before it or cannot be found in the text before it. Explicit names,
/// surnames and groups are not flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weakness {
    /// No speaker.
    Unresolved,
    /// Resolved through a description of an earlier speaker.
    Description,
    /// A quote without a cue, given to the previous speaker.
    Continuation,
    /// A pronoun whose antecedent is more than [`FAR_PARAGRAPHS`] body paragraphs back.
    FarPronoun,
    /// A pronoun whose antecedent does not occur in the text before it.
    LostPronoun,
}

impl Weakness {
    /// A short name for the report's `data-weak` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Weakness::Unresolved => "unresolved",
            Weakness::Description => "description",
            Weakness::Continuation => "continuation",
            Weakness::FarPronoun => "far-pronoun",
            Weakness::LostPronoun => "lost-pronoun",
        }
    }

    /// What the reviewer should check, for the tooltip.
    pub fn explain(self) -> &'static str {
        match self {
            Weakness::Unresolved => "no speaker was found",
            Weakness::Description => "the speaker comes from a description of an earlier one",
            Weakness::Continuation => "a quote without a cue, given to the previous speaker",
            Weakness::FarPronoun => "the pronoun's antecedent is several paragraphs back",
            Weakness::LostPronoun => "the pronoun's antecedent is not in the text before it",
        }
    }
}

/// A paragraph of the article, with the furniture kind when it was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The paragraph's bytes in the text.
    pub span: Span,
    /// `Some` for page furniture (captions, comments, paywall lines, ...).
    pub furniture: Option<FurnitureKind>,
}

/// One claim row with what the report shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditClaim {
    /// The claims-table row (character offsets).
    pub record: Record<'static>,
    /// The resolution chain, nearest first; empty when unknown (a claims CSV does not hold it).
    pub chain: Vec<String>,
    /// Why the attribution is flagged for review, if it is.
    pub weak: Option<Weakness>,
}

/// One article as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditArticle {
    /// The article's id.
    pub id: String,
    /// The headline given apart from the text, if any.
    pub title: Option<String>,
    /// The article's outlet, if known.
    pub outlet: Option<String>,
    /// The text all offsets refer to.
    pub text: String,
    /// The paragraphs in text order.
    pub blocks: Vec<Block>,
    /// The claims in the order of the claims table.
    pub claims: Vec<AuditClaim>,
    /// Claims whose offsets or quote do not fit the text (a claims CSV from another text).
    pub problems: Vec<String>,
}

impl AuditArticle {
    /// An article with the attributions of a run: the chains are known.
    pub fn from_attributions(
        article: &Article,
        paragraphs: &[Paragraph],
        attributions: &[Attribution],
    ) -> AuditArticle {
        let records = Record::from_attributions(article, attributions)
            .into_iter()
            .map(Record::into_owned)
            .collect();
        let chains = attributions.iter().map(|a| a.chain.clone()).collect();
        AuditArticle::build(article, paragraphs, records, chains)
    }

    /// An article with rows read from a claims CSV: the chains are unknown, and every row is
    /// checked against the text (offsets inside it, `quote == text[start..end]`, allowing for
    /// the leading `'` of a neutralised field).
    pub fn from_records(
        article: &Article,
        paragraphs: &[Paragraph],
        records: Vec<Record<'static>>,
    ) -> AuditArticle {
        let chains = vec![Vec::new(); records.len()];
        AuditArticle::build(article, paragraphs, records, chains)
    }

    fn build(
        article: &Article,
        paragraphs: &[Paragraph],
        records: Vec<Record<'static>>,
        chains: Vec<Vec<String>>,
    ) -> AuditArticle {
        let text = article.text.as_str();
        let blocks: Vec<Block> = paragraphs
            .iter()
            .map(|p| Block {
                span: p.span,
                furniture: p.furniture,
            })
            .collect();
        let bytes = CharBytes::new(text);
        let mut problems = Vec::new();
        let claims = records
            .into_iter()
            .zip(chains)
            .map(|(record, chain)| {
                if let Some(problem) = check(&record, text, &bytes) {
                    problems.push(problem);
                }
                let weak = weakness(&record, &chain, text, &bytes, &blocks);
                AuditClaim {
                    record,
                    chain,
                    weak,
                }
            })
            .collect();
        AuditArticle {
            id: article.id.0.clone(),
            title: article.title.clone(),
            outlet: article.outlet.clone(),
            text: article.text.clone(),
            blocks,
            claims,
            problems,
        }
    }

    /// The article's speakers, one per identity, with their colours.
    pub(crate) fn cast(&self) -> Cast {
        Cast::new(self.claims.iter().map(|c| &c.record))
    }
}

/// Character offset -> byte offset for one text.
pub(crate) struct CharBytes {
    /// `bytes[i]` is the byte offset of character `i`; the last entry is the text's length.
    bytes: Vec<usize>,
}

impl CharBytes {
    pub(crate) fn new(text: &str) -> CharBytes {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharBytes { bytes }
    }

    /// The byte offset of character `c`, `None` past the end.
    pub(crate) fn byte(&self, c: usize) -> Option<usize> {
        self.bytes.get(c).copied()
    }

    /// The byte span of characters `start..end`, `None` when it does not fit the text.
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<Span> {
        if start > end {
            return None;
        }
        Some(Span::new(self.byte(start)?, self.byte(end)?))
    }

    /// The byte span of an optional character range.
    pub(crate) fn opt_span(&self, start: Option<usize>, end: Option<usize>) -> Option<Span> {
        self.span(start?, end?)
    }
}

/// Says what is wrong when a record does not fit the text.
fn check(record: &Record, text: &str, bytes: &CharBytes) -> Option<String> {
    let id = &record.claim_id;
    let Some(span) = bytes.span(record.start, record.end) else {
        return Some(format!(
            "claim {id} at {}..{} lies outside the text ({} characters); it is listed under \
             the article, not highlighted",
            record.start,
            record.end,
            bytes.bytes.len() - 1
        ));
    };
    let quote = unneutralise(&record.quote);
    if !record.quote.is_empty() && text[span] != *quote {
        return Some(format!(
            "claim {id} at {}..{}: the text there is not its quote; was the claims CSV made \
             from another version of the text?",
            record.start, record.end
        ));
    }
    None
}

/// Decides whether a claim's attribution needs review; see [`Weakness`].
fn weakness(
    record: &Record,
    chain: &[String],
    text: &str,
    bytes: &CharBytes,
    blocks: &[Block],
) -> Option<Weakness> {
    if who(record).is_none() || record.resolution == "none" {
        return Some(Weakness::Unresolved);
    }
    match record.resolution {
        "description" => Some(Weakness::Description),
        "continuation" => Some(Weakness::Continuation),
        "pronoun" => pronoun_weakness(record, chain, text, bytes, blocks),
        _ => None,
    }
}

/// Finds the nearest earlier occurrence of the pronoun's antecedent: the next link of the
/// chain, the speaker's name or its last word (a surname), whichever ends nearest before
/// the pronoun.
fn pronoun_weakness(
    record: &Record,
    chain: &[String],
    text: &str,
    bytes: &CharBytes,
    blocks: &[Block],
) -> Option<Weakness> {
    let Some(mention) = bytes.opt_span(record.speaker_start, record.speaker_end) else {
        return Some(Weakness::LostPronoun);
    };
    let speaker = unneutralise(&record.speaker);
    let surname = speaker.split_whitespace().last().unwrap_or_default();
    let before = &text[..mention.start];
    let antecedent = chain
        .iter()
        .skip(1)
        .map(String::as_str)
        .chain([speaker, surname])
        .filter(|form| form.chars().count() > 1)
        .filter_map(|form| before.rfind(form))
        .max();
    let Some(antecedent) = antecedent else {
        return Some(Weakness::LostPronoun);
    };
    let body_index = |at: usize| {
        blocks
            .iter()
            .filter(|b| b.furniture.is_none() && b.span.start <= at)
            .count()
    };
    if body_index(mention.start) - body_index(antecedent) > FAR_PARAGRAPHS {
        Some(Weakness::FarPronoun)
    } else {
        None
    }
}

#[cfg(test)]
pub(crate) use crate::record::test_record;

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid_core::{Paragraph, Resolution};

    fn record(
        resolution: &'static str,
        speaker: &str,
        mention: Option<(usize, usize)>,
    ) -> Record<'static> {
        Record {
            resolution,
            speaker_start: mention.map(|m| m.0),
            speaker_end: mention.map(|m| m.1),
            ..test_record(speaker)
        }
    }

    /// Paragraphs of `text` separated by blank lines, as body blocks.
    fn blocks(text: &str) -> Vec<Block> {
        let mut out = Vec::new();
        let mut at = 0;
        for para in text.split("\n\n") {
            out.push(Block {
                span: Span::new(at, at + para.len()),
                furniture: None,
            });
            at += para.len() + 2;
        }
        out
    }

    fn weak_pronoun(text: &str, chain: &[&str]) -> Option<Weakness> {
        let at = text.rfind("he said").unwrap();
        let chars = text[..at].chars().count();
        let r = record("pronoun", "Ann Lee", Some((chars, chars + 2)));
        let chain: Vec<String> = chain.iter().map(|s| s.to_string()).collect();
        weakness(&r, &chain, text, &CharBytes::new(text), &blocks(text))
    }

    #[test]
    fn resolutions_that_are_flagged() {
        let text = "x";
        let b = CharBytes::new(text);
        for (res, speaker, want) in [
            ("explicit", "Ann", None),
            ("surname", "Ann", None),
            ("group", "officials", None),
            ("description", "Ann", Some(Weakness::Description)),
            ("continuation", "Ann", Some(Weakness::Continuation)),
            ("none", "", Some(Weakness::Unresolved)),
            ("explicit", "", Some(Weakness::Unresolved)),
        ] {
            assert_eq!(
                weakness(&record(res, speaker, None), &[], text, &b, &[]),
                want,
                "{res} {speaker:?}"
            );
        }
        assert_eq!(Resolution::Description.as_str(), "description");
    }

    #[test]
    fn near_pronoun_is_not_flagged() {
        let text = "Ann Lee arrived.\n\n“Hi,” he said.";
        assert_eq!(weak_pronoun(text, &["he", "Ann Lee"]), None);
    }

    #[test]
    fn pronoun_two_paragraphs_on_is_fine_three_is_far() {
        let two = "Lee came.\n\nMore.\n\n“Hi,” he said.";
        assert_eq!(weak_pronoun(two, &["he", "Lee"]), None);
        let three = "Lee came.\n\nMore.\n\nMore.\n\n“Hi,” he said.";
        assert_eq!(
            weak_pronoun(three, &["he", "Lee"]),
            Some(Weakness::FarPronoun)
        );
        // Without a chain (a claims CSV), the surname is looked for.
        assert_eq!(weak_pronoun(three, &[]), Some(Weakness::FarPronoun));
        assert_eq!(weak_pronoun(two, &[]), None);
    }

    #[test]
    fn pronoun_without_antecedent_in_text_is_lost() {
        let text = "Someone came.\n\n“Hi,” he said.";
        assert_eq!(weak_pronoun(text, &["he"]), Some(Weakness::LostPronoun));
    }

    #[test]
    fn furniture_does_not_count_as_distance() {
        let text = "Lee came.\n\ncaption\n\ncaption\n\ncaption\n\n“Hi,” he said.";
        let mut b = blocks(text);
        for block in &mut b[1..4] {
            block.furniture = Some(FurnitureKind::Caption);
        }
        let at = text.rfind("he said").unwrap();
        let r = record("pronoun", "Ann Lee", Some((at, at + 2)));
        let chain = vec!["he".to_string(), "Lee".to_string()];
        assert_eq!(weakness(&r, &chain, text, &CharBytes::new(text), &b), None);
    }

    #[test]
    fn char_offsets_become_byte_offsets() {
        let text = "“€😀”a";
        let b = CharBytes::new(text);
        assert_eq!(b.span(1, 3), Some(Span::new(3, 10)));
        assert_eq!(b.span(5, 5), Some(Span::new(14, 14)));
        assert_eq!(b.span(5, 6), None);
        assert_eq!(b.span(3, 2), None);
    }

    #[test]
    fn records_that_do_not_fit_the_text_are_problems() {
        let text = "“=1,” he said.";
        let article = Article::new("a", text);
        let paragraphs = [Paragraph {
            span: Span::new(0, text.len()),
            furniture: None,
            sentences: 0..0,
        }];
        let mut fits = record("pronoun", "Ann", None);
        (fits.start, fits.end, fits.quote) = (1, 4, "'=1,".into());
        let mut shifted = fits.clone();
        (shifted.start, shifted.end) = (2, 5);
        let mut outside = fits.clone();
        (outside.start, outside.end) = (10, 40);
        let a = AuditArticle::from_records(&article, &paragraphs, vec![fits, shifted, outside]);
        assert_eq!(a.problems.len(), 2, "{:?}", a.problems);
        assert!(a.problems[0].contains("not its quote"));
        assert!(a.problems[1].contains("outside the text"));
    }
}
