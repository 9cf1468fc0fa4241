//! The detector's word lists, compiled in from `data/lexicons/`.

use whosaid_core::{lexicon_lines, Lexicon};

/// Which form of a cue verb a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// "say", also the plural present ("officials say").
    Base,
    /// "says".
    Third,
    /// "said".
    Past,
    /// "saying".
    Ing,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    pub(crate) form: Form,
    /// The verb takes the hearer as object: "told Diyaruna that".
    pub(crate) object: bool,
    /// The claim may be an infinitive: "declined to comment".
    pub(crate) infinitive: bool,
    /// The claim is usually the verb's object, a noun phrase: "endorsed Clinton".
    pub(crate) noun: bool,
}

/// The detector's word lists other than the cue verbs, by name; each is the file
/// `data/lexicons/<file>.txt`, whose header says what belongs in it. Rules ask
/// `Ctx::in_list(token, List::ClauseWords)`.
macro_rules! lists {
    ($($name:ident = $file:literal,)*) => {
        /// A word list of the detector's.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum List {
            $(
                #[doc = concat!("`data/lexicons/", $file, ".txt`")]
                $name,
            )*
        }

        /// The lists' sources, in the order of [`List`].
        const LIST_SOURCES: &[(&str, &str)] = &[
            $(($file, include_str!(concat!("../../../data/lexicons/", $file, ".txt"))),)*
        ];
    };
}

lists! {
    ClauseWords = "clause-words",
    NotBeforeCue = "not-before-cue",
    InvertedOpeners = "inverted-openers",
    NoClaimAfterCue = "no-claim-after-cue",
    PhraseOpeners = "phrase-openers",
    NotMoreClaim = "not-more-claim",
    FrontedOpeners = "fronted-openers",
    SpeakerBoundaries = "speaker-boundaries",
    NotInvertedCues = "not-inverted-cues",
    Weekdays = "weekdays",
    NotSpeakerLabels = "not-speaker-labels",
    AppearanceVerbs = "appearance-verbs",
    RaisingAdverbs = "raising-adverbs",
    SpeakerPronouns = "speaker-pronouns",
    RelativeDays = "relative-days",
    DayParts = "day-parts",
    TimeUnits = "time-units",
    TimeUnitModifiers = "time-unit-modifiers",
    NearTimeModifiers = "near-time-modifiers",
    Articles = "articles",
    NameJoiners = "name-joiners",
    NotHearers = "not-hearers",
    TimeNouns = "time-nouns",
    NotClaimAfterComma = "not-claim-after-comma",
    TopicPrepositions = "topic-prepositions",
    BareAnswers = "bare-answers",
    NounObjectEnds = "noun-object-ends",
    PlaceDeterminers = "place-determiners",
    NotVerbsAfterQuote = "not-verbs-after-quote",
    WordsAfterUnlistedVerb = "words-after-unlisted-verb",
    DescriptionOpeners = "description-openers",
    StanceComplements = "stance-complements",
    FindVerbs = "find-verbs",
    Reflexives = "reflexives",
    Coordinators = "coordinators",
    AdverbialOpeners = "adverbial-openers",
    TimePlaceLeads = "time-place-leads",
    AppositiveOpeners = "appositive-openers",
    NameInnerWords = "name-inner-words",
    NameConnectives = "name-connectives",
    AntecedentOpeners = "antecedent-openers",
    PerfectAuxiliaries = "perfect-auxiliaries",
    ClauseConjunctions = "clause-conjunctions",
    SentenceConjunctions = "sentence-conjunctions",
    FiniteAuxiliaries = "finite-auxiliaries",
    AskedLeads = "asked-leads",
    PassiveAuxiliaries = "passive-auxiliaries",
    QuestionOpeners = "question-openers",
    BeForms = "be-forms",
    ProgressiveAuxiliaries = "progressive-auxiliaries",
    LeadingBoundaries = "leading-boundaries",
    TrailingClauseOpeners = "trailing-clause-openers",
    NotProgressiveCues = "not-progressive-cues",
    ExpletiveSubjects = "expletive-subjects",
    RelativePronouns = "relative-pronouns",
    ColonVerbs = "colon-verbs",
    VerbParticles = "verb-particles",
    PersonNouns = "person-nouns",
    GerundPrepositions = "gerund-prepositions",
}

#[derive(Debug)]
pub(crate) struct Lexicons {
    /// Every form of every cue verb, with what kind of cue it is.
    cues: Lexicon<Cue>,
    pub(crate) participles: Lexicon,
    pub(crate) auxiliaries: Lexicon,
    /// The lists of [`List`], in its order.
    lists: Vec<Lexicon>,
}

fn parse_cues(source: &str) -> Lexicon<Cue> {
    let mut cues = Lexicon::default();
    for line in lexicon_lines(source) {
        let object = line.contains("+object");
        let infinitive = line.contains("+to");
        let noun = line.contains("+noun");
        let forms = line.split_whitespace().filter(|w| !w.starts_with('+'));
        for (i, form) in forms.enumerate() {
            if form == "-" {
                continue;
            }
            let form_kind = match i {
                0 => Form::Base,
                1 => Form::Third,
                2 => Form::Past,
                _ => Form::Ing,
            };
            // A form shared by two slots keeps the first, stronger reading.
            let cue = Cue {
                form: form_kind,
                object,
                infinitive,
                noun,
            };
            cues.insert(form, cue);
        }
    }
    cues
}

impl Lexicons {
    pub(crate) fn load() -> Lexicons {
        Lexicons {
            cues: parse_cues(include_str!("../../../data/lexicons/cues.txt")),
            lists: LIST_SOURCES
                .iter()
                .map(|(_, source)| Lexicon::parse(source))
                .collect(),
            participles: Lexicon::parse(include_str!("../../../data/lexicons/participles.txt")),
            auxiliaries: Lexicon::parse(include_str!("../../../data/lexicons/auxiliaries.txt")),
        }
    }

    /// The cue that `word` is a form of.
    #[inline]
    pub(crate) fn cue(&self, word: &str) -> Option<Cue> {
        self.cues.get(word).copied()
    }

    /// One of the word lists.
    #[inline]
    pub(crate) fn list(&self, list: List) -> &Lexicon {
        &self.lists[list as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_participle_is_a_cue_form() {
        let lex = Lexicons::load();
        for p in lex.participles.iter() {
            assert_eq!(lex.cue(p).map(|c| c.form), Some(Form::Ing), "{p}");
        }
        assert!(lex
            .cue("told")
            .is_some_and(|c| c.object && c.form == Form::Past));
    }

    #[test]
    fn every_list_has_a_header_and_words() {
        for (file, source) in LIST_SOURCES {
            assert!(source.starts_with("# "), "{file}: no comment header");
            assert!(!Lexicon::parse(source).is_empty(), "{file}: no words");
        }
    }
}
