use serde::Serialize;
use whosaid_core::{Article, Attribution, CharIndex, Span};

/// One row of the claims table. Field order is the CSV column order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The article's id.
    pub article_id: String,
    /// Pieces of one claim (a quote split by its cue) share this id: `ARTICLE#N`.
    pub claim_id: String,
    /// direct, mixed or indirect.
    pub kind: &'static str,
    /// The claim's text, `text[start..end]`.
    pub quote: String,
    /// Character offset of the claim's first character.
    pub start: usize,
    /// Character offset one past the claim's last character.
    pub end: usize,
    /// The resolved speaker: full name, organisation or group; empty when unknown.
    pub speaker: String,
    /// The speaker's title ("Brig. Gen.").
    pub title: String,
    /// The speaker's role.
    pub role: String,
    /// The speaker's organisation.
    pub organisation: String,
    /// Who the speaker told, who reported it, or the article's outlet.
    pub outlet: String,
    /// The cue ("said", "according to").
    pub cue: String,
    /// The speaker mention next to the cue ("he").
    pub speaker_mention: String,
    /// Character offset of the mention, empty when there is none.
    pub speaker_start: Option<usize>,
    /// Character offset one past the mention.
    pub speaker_end: Option<usize>,
    /// Character offset of the cue.
    pub cue_start: Option<usize>,
    /// Character offset one past the cue.
    pub cue_end: Option<usize>,
    /// How the speaker was found (explicit, pronoun, surname, ...).
    pub resolution: &'static str,
    /// The rules that fired: detector rule, then resolver rule.
    pub rule: String,
}

impl Record {
    /// Converts an article's attributions into records, in the order given.
    pub fn from_attributions(article: &Article, attributions: &[Attribution]) -> Vec<Record> {
        let chars = CharIndex::new(&article.text);
        Record::rows(article, &chars, attributions).collect()
    }

    /// Converts attributions of `article` into records one at a time, in the order given, so
    /// that a caller who formats each row at once never holds them all (an article of 50 MB
    /// has some 180,000). `chars` is the article's character index, built once by a caller
    /// who converts an article's attributions a part at a time.
    pub fn rows<'a>(
        article: &'a Article,
        chars: &'a CharIndex<'a>,
        attributions: &'a [Attribution],
    ) -> impl Iterator<Item = Record> + 'a {
        let text = article.text.as_str();
        attributions
            .iter()
            .map(move |a| Record::new(&article.id.0, text, chars, a))
    }

    fn new(article_id: &str, text: &str, chars: &CharIndex<'_>, a: &Attribution) -> Record {
        let span_text = |s: Option<Span>| s.map(|s| text[s].to_string()).unwrap_or_default();
        let c = &a.claim;
        let speaker = a.speaker.clone().unwrap_or_default();
        Record {
            article_id: article_id.to_string(),
            claim_id: format!("{article_id}#{}", c.group + 1),
            kind: c.kind.as_str(),
            quote: text[c.span].to_string(),
            start: chars.char_offset(c.span.start),
            end: chars.char_offset(c.span.end),
            speaker: speaker.name,
            title: speaker.title,
            role: speaker.role,
            organisation: speaker.organisation,
            outlet: a.outlet.clone().unwrap_or_default(),
            cue: span_text(c.cue),
            speaker_mention: span_text(a.mention),
            speaker_start: a.mention.map(|s| chars.char_offset(s.start)),
            speaker_end: a.mention.map(|s| chars.char_offset(s.end)),
            cue_start: c.cue.map(|s| chars.char_offset(s.start)),
            cue_end: c.cue.map(|s| chars.char_offset(s.end)),
            resolution: a.resolution.as_str(),
            rule: format!("{}+{}", c.rule, a.rule),
        }
    }
}
