use std::fmt;

use crate::Span;

/// The stable id of the rule that produced a claim or an attribution, such as
/// `detect/verb-trailing`. It appears in the CSV `rule` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub &'static str);

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// How a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// Entirely inside quotation marks.
    Direct,
    /// Reported speech that contains a partial quotation.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

impl ClaimKind {
    /// The name used in the CSV `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Mixed => "mixed",
            ClaimKind::Indirect => "indirect",
        }
    }
}

/// A claim found by the detector: what was said, the cue, and the words next to the cue that
/// name the speaker, before anyone has worked out who that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Direct, mixed or indirect.
    pub kind: ClaimKind,
    /// The claim's text; for a direct quote, without its quotation marks.
    pub span: Span,
    /// Pieces of one claim (a quote split by its cue) share this number, unique in an article.
    pub group: usize,
    /// Index of the claim's paragraph.
    pub paragraph: usize,
    /// The cue ("said", "told", "according to").
    pub cue: Option<Span>,
    /// The phrase naming the speaker, with any appositive or relative clause
    /// ("Nabil al-Nuaimi, a commander with the Haditha tribal fighters").
    pub source: Option<Span>,
    /// Who the speaker told or where they said it ("told Diyaruna", "on Fox News Sunday").
    pub recipient: Option<Span>,
    /// The rule that found it.
    pub rule: RuleId,
    /// A quote with no cue and no source of its own, whose speaker is whoever spoke before it
    /// (the resolver looks back); other claims without a source have no speaker.
    pub continuation: bool,
    /// How sure the extractor is: [`Confidence::CERTAIN`] for a rule, the tagger's
    /// probability for a claim it found.
    pub confidence: Confidence,
}

/// How sure the extractor is of a claim, in thousandths: the CSV `confidence` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Confidence(u16);

impl Confidence {
    /// A rule's claim: 1.
    pub const CERTAIN: Confidence = Confidence(1000);

    /// The confidence of a probability, clamped to 0..=1 and rounded to thousandths.
    pub fn from_probability(p: f32) -> Confidence {
        Confidence((p.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    /// In thousandths, 0 to 1000.
    pub fn per_mille(self) -> u16 {
        self.0
    }
}

/// How a claim's speaker was worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// Named next to the cue.
    Explicit,
    /// "he", "she", "they": the most recent compatible speaker.
    Pronoun,
    /// A surname or short name standing for a full name introduced earlier.
    Surname,
    /// A description ("the 50-year-old psychologist", "the ministry") of an earlier speaker.
    Description,
    /// A quote with no cue, continuing the previous speaker.
    Continuation,
    /// A group ("officials", "security experts").
    Group,
    /// Not resolved.
    None,
}

impl Resolution {
    /// The name used in the CSV `resolution` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Explicit => "explicit",
            Resolution::Pronoun => "pronoun",
            Resolution::Surname => "surname",
            Resolution::Description => "description",
            Resolution::Continuation => "continuation",
            Resolution::Group => "group",
            Resolution::None => "none",
        }
    }
}

/// What kind of source a speaker is: the CSV `speaker_type` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerKind {
    /// A person.
    Person,
    /// An organisation or institution ("the ministry", "United Airlines").
    Organisation,
    /// An unnamed group ("officials", "experts").
    Group,
    /// A document: a report, statement, poll, email, filing.
    Document,
    /// An unnamed source: "a source", "people familiar with the talks", "an official who
    /// asked not to be named". Its description is the role; it has no name.
    Anonymous,
}

impl SpeakerKind {
    /// Every kind, in the order of the type's definition.
    pub const ALL: [SpeakerKind; 5] = [
        SpeakerKind::Person,
        SpeakerKind::Organisation,
        SpeakerKind::Group,
        SpeakerKind::Document,
        SpeakerKind::Anonymous,
    ];

    /// The name used in the CSV `speaker_type` column.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Group => "group",
            SpeakerKind::Document => "document",
            SpeakerKind::Anonymous => "anonymous",
        }
    }

    /// The kind a `speaker_type` value names.
    pub fn parse(name: &str) -> Option<SpeakerKind> {
        SpeakerKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A resolved speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Speaker {
    /// Full name, organisation name or group.
    pub name: String,
    /// Honorific or rank ("Brig. Gen.", "Sheikh").
    pub title: String,
    /// Role ("Anbar provincial council member", "a commander with the Haditha tribal fighters").
    pub role: String,
    /// Organisation ("Counter-Terrorism Service").
    pub organisation: String,
    /// Person, organisation or group; `None` only in a default value.
    pub kind: Option<SpeakerKind>,
    /// The speaker's identity across articles ([`speaker_id`](crate::speaker_id) of kind and
    /// name), made once per speaker when the name is final; empty until then.
    pub id: String,
}

/// A claim with its speaker resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The claim.
    pub claim: Claim,
    /// Who said it, when known.
    pub speaker: Option<Speaker>,
    /// The speaker mention next to the cue ("he").
    pub mention: Option<Span>,
    /// How the speaker was found.
    pub resolution: Resolution,
    /// Who the speaker told, who reported it, or the article's outlet.
    pub outlet: Option<String>,
    /// The mentions that led to the speaker, nearest first ("he", "al-Mansour", ...).
    pub chain: Vec<String>,
    /// The resolver rule that fired.
    pub rule: RuleId,
}
