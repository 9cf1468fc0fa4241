use std::borrow::Cow;

use serde::Serialize;
use whosaid_core::{Article, Attribution, CharIndex, Confidence, Span, SpeakerKind};

use crate::speaker_id;

/// One row of the claims table. Field order is the CSV column order.
///
/// Text fields borrow from the article and its attributions where they can (`'a`), so that
/// making a row to format copies no text; [`Record::into_owned`] makes a row that outlives
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record<'a> {
    /// The article's id.
    pub article_id: Cow<'a, str>,
    /// Pieces of one claim (a quote split by its cue) share this id: `ARTICLE#N`.
    pub claim_id: Cow<'a, str>,
    /// direct, mixed or indirect.
    pub kind: &'static str,
    /// The claim's text, `text[start..end]`.
    pub quote: Cow<'a, str>,
    /// Character offset of the claim's first character.
    pub start: usize,
    /// Character offset one past the claim's last character.
    pub end: usize,
    /// The resolved speaker: full name, organisation or group; empty when unknown.
    pub speaker: Cow<'a, str>,
    /// `person`, `organisation`, `group`, `document` or `anonymous`; empty when there is no
    /// speaker.
    pub speaker_type: &'static str,
    /// The speaker's identity across articles ([`speaker_id`](crate::speaker_id)):
    /// `person:barack-obama`; empty when there is no speaker or it has no name.
    pub speaker_id: Cow<'a, str>,
    /// The speaker's title ("Brig. Gen.").
    pub title: Cow<'a, str>,
    /// The speaker's role.
    pub role: Cow<'a, str>,
    /// The speaker's organisation.
    pub organisation: Cow<'a, str>,
    /// Who the speaker told, who reported it, or the article's outlet.
    pub outlet: Cow<'a, str>,
    /// The cue ("said", "according to").
    pub cue: Cow<'a, str>,
    /// The speaker mention next to the cue ("he").
    pub speaker_mention: Cow<'a, str>,
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
    /// The rules that fired: detector rule (or `model/tagger`), then resolver rule.
    pub rule: Cow<'a, str>,
    /// 1 for a rule's claim; for the tagger's, the probability it gave the claim's span.
    #[serde(serialize_with = "serialize_confidence")]
    pub confidence: Confidence,
}

/// A confidence as a number: `1` for certain, else thousandths (`0.873`).
fn serialize_confidence<S: serde::Serializer>(c: &Confidence, s: S) -> Result<S::Ok, S::Error> {
    match c.per_mille() {
        1000 => s.serialize_u64(1),
        n => s.serialize_f64(f64::from(n) / 1000.0),
    }
}

impl<'a> Record<'a> {
    /// Converts an article's attributions into records, in the order given.
    pub fn from_attributions(
        article: &'a Article,
        attributions: &'a [Attribution],
    ) -> Vec<Record<'a>> {
        let chars = CharIndex::new(&article.text);
        Record::rows(article, &chars, attributions).collect()
    }

    /// Converts attributions of `article` into records one at a time, in the order given, so
    /// that a caller who formats each row at once never holds them all (an article of 50 MB
    /// has some 180,000). `chars` is the article's character index, built once by a caller
    /// who converts an article's attributions a part at a time.
    pub fn rows<'c>(
        article: &'a Article,
        chars: &'c CharIndex<'c>,
        attributions: &'a [Attribution],
    ) -> impl Iterator<Item = Record<'a>> + 'c
    where
        'a: 'c,
    {
        let text = article.text.as_str();
        attributions
            .iter()
            .map(move |a| Record::new(&article.id.0, text, chars, a))
    }

    fn new(
        article_id: &'a str,
        text: &'a str,
        chars: &CharIndex<'_>,
        a: &'a Attribution,
    ) -> Record<'a> {
        let span_text = |s: Option<Span>| Cow::Borrowed(s.map_or("", |s| &text[s]));
        let c = &a.claim;
        let speaker = |field: fn(&'a whosaid_core::Speaker) -> &'a String| {
            Cow::Borrowed(a.speaker.as_ref().map_or("", |s| field(s).as_str()))
        };
        Record {
            article_id: Cow::Borrowed(article_id),
            claim_id: Cow::Owned(claim_id(article_id, c.group + 1)),
            kind: c.kind.as_str(),
            quote: Cow::Borrowed(&text[c.span]),
            start: chars.char_offset(c.span.start),
            end: chars.char_offset(c.span.end),
            speaker: speaker(|s| &s.name),
            speaker_type: a
                .speaker
                .as_ref()
                .and_then(|s| s.kind)
                .map_or("", SpeakerKind::as_str),
            // Made once per speaker by the resolver; made here for speakers built elsewhere.
            speaker_id: match &a.speaker {
                Some(s) if !s.id.is_empty() => Cow::Borrowed(s.id.as_str()),
                Some(s) => Cow::Owned(speaker_id(s.kind, &s.name)),
                None => Cow::Borrowed(""),
            },
            title: speaker(|s| &s.title),
            role: speaker(|s| &s.role),
            organisation: speaker(|s| &s.organisation),
            outlet: Cow::Borrowed(a.outlet.as_deref().unwrap_or_default()),
            cue: span_text(c.cue),
            speaker_mention: span_text(a.mention),
            speaker_start: a.mention.map(|s| chars.char_offset(s.start)),
            speaker_end: a.mention.map(|s| chars.char_offset(s.end)),
            cue_start: c.cue.map(|s| chars.char_offset(s.start)),
            cue_end: c.cue.map(|s| chars.char_offset(s.end)),
            resolution: a.resolution.as_str(),
            rule: Cow::Owned([c.rule.0, a.rule.0].join("+")),
            confidence: c.confidence,
        }
    }

    /// The same record owning its text, free of the article and attributions it was made from.
    pub fn into_owned(self) -> Record<'static> {
        let own = |field: Cow<'a, str>| Cow::Owned(field.into_owned());
        Record {
            article_id: own(self.article_id),
            claim_id: own(self.claim_id),
            kind: self.kind,
            quote: own(self.quote),
            start: self.start,
            end: self.end,
            speaker: own(self.speaker),
            speaker_type: self.speaker_type,
            speaker_id: own(self.speaker_id),
            title: own(self.title),
            role: own(self.role),
            organisation: own(self.organisation),
            outlet: own(self.outlet),
            cue: own(self.cue),
            speaker_mention: own(self.speaker_mention),
            speaker_start: self.speaker_start,
            speaker_end: self.speaker_end,
            cue_start: self.cue_start,
            cue_end: self.cue_end,
            resolution: self.resolution,
            rule: own(self.rule),
            confidence: self.confidence,
        }
    }
}

/// `ARTICLE#N`, without the formatting machinery of `format!`: this runs for every row.
fn claim_id(article_id: &str, n: usize) -> String {
    let mut number = itoa::Buffer::new();
    let number = number.format(n);
    let mut id = String::with_capacity(article_id.len() + 1 + number.len());
    id.push_str(article_id);
    id.push('#');
    id.push_str(number);
    id
}

/// A claim row of article `a` with an empty span, said by `speaker` (a person, unless
/// empty), every other field empty: for the tests of the crate's modules.
#[cfg(test)]
pub(crate) fn test_record(speaker: &str) -> Record<'static> {
    Record {
        article_id: "a".into(),
        claim_id: "a#1".into(),
        kind: "direct",
        quote: "".into(),
        start: 0,
        end: 0,
        speaker: speaker.to_string().into(),
        speaker_type: if speaker.is_empty() { "" } else { "person" },
        speaker_id: "".into(),
        title: "".into(),
        role: "".into(),
        organisation: "".into(),
        outlet: "".into(),
        cue: "".into(),
        speaker_mention: "".into(),
        speaker_start: None,
        speaker_end: None,
        cue_start: None,
        cue_end: None,
        resolution: "explicit",
        rule: "".into(),
        confidence: Confidence::CERTAIN,
    }
}
