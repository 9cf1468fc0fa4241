//! The resolver's word lists, compiled in from `data/lexicons/`.

use whosaid_core::Lexicon;

/// What a pronoun can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PronounKind {
    /// "he".
    Male,
    /// "she".
    Female,
    /// "I".
    Person,
    /// "they", "we".
    Plural,
    /// "it".
    Organisation,
}

/// The text of `data/lexicons/<name>.txt`, compiled in.
macro_rules! source {
    ($name:literal) => {
        include_str!(concat!("../../../data/lexicons/", $name, ".txt"))
    };
}

/// The [`Lexicon`] of `data/lexicons/<name>.txt`.
macro_rules! lexicon {
    ($name:literal) => {
        Lexicon::parse(source!($name))
    };
}

/// How the words of a [`CasedList`] must be written to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// All lowercase: "of".
    Lower,
    /// A capital, then lowercase: "The", "Mr".
    Capitalised,
}

impl Case {
    /// True when `word` has no ASCII letter in the wrong case.
    fn fits(self, word: &str) -> bool {
        let rest = match self {
            Case::Lower => word.as_bytes(),
            Case::Capitalised => match word.as_bytes() {
                [first, rest @ ..] if first.is_ascii_uppercase() => rest,
                _ => return false,
            },
        };
        !rest.iter().any(u8::is_ascii_uppercase)
    }
}

/// A word list that matches only words written in the case of its entries, where case
/// tells words apart: "The" opens a sentence where "THE" is a headline's word, and "of" joins
/// an organisation's name where "Of" is part of it. Every entry is written in the list's
/// [`Case`] (checked when a debug build loads it), so a word that matches an entry ignoring
/// case and is in that case is the entry itself.
#[derive(Debug)]
pub(crate) struct CasedList {
    words: Lexicon,
    case: Case,
}

impl CasedList {
    /// # Panics
    ///
    /// In a debug build (the tests), when an entry is not ASCII written in `case`: such an
    /// entry would match nothing.
    fn parse(source: &str, case: Case) -> CasedList {
        let entries = source.lines().map(str::trim);
        for entry in entries.filter(|l| !l.is_empty() && !l.starts_with('#')) {
            debug_assert!(
                entry.is_ascii() && case.fits(entry),
                "{entry:?} is not {case:?}"
            );
        }
        CasedList {
            words: Lexicon::parse(source),
            case,
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.words.contains(word) && self.case.fits(word)
    }
}

/// Every form of every verb in the cue list: the words of its lines but the `-` and `+`
/// markers.
fn speech_verbs(source: &str) -> Lexicon {
    let mut forms = Lexicon::default();
    for line in whosaid_core::lexicon_lines(source) {
        for form in line.split_whitespace() {
            if form != "-" && !form.starts_with('+') {
                forms.insert(form, ());
            }
        }
    }
    forms
}

/// True when `s[from..to]` is not part of a longer word.
fn is_word_boundary(s: &str, from: usize, to: usize) -> bool {
    let before = s[..from].chars().next_back();
    let after = s[to..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[derive(Debug)]
pub(crate) struct Lexicons {
    /// Titles, lowercased, periods removed, words joined by one space.
    pub(crate) titles: Lexicon,
    pub(crate) longest_title: usize,
    /// Every part of a multi-word title that ends before one of its spaces ("staff" and
    /// "staff maj" of "staff maj gen"): a word that is none of these starts no multi-word
    /// title, and is spared building the keys to look one up.
    pub(crate) title_starts: Lexicon,
    /// Titles (also in `titles`) only when capitalised: "LSI Chairman W. C." but "party
    /// chairman R. P.", where the word is a role.
    pub(crate) capitalised_titles: Lexicon,
    pub(crate) person_nouns: Lexicon,
    pub(crate) coordinators: Lexicon,
    pub(crate) organisation_words: Lexicon,
    pub(crate) outlets: Lexicon,
    pub(crate) particles: Lexicon,
    /// The length in bytes of the longest particle.
    pub(crate) longest_particle: usize,
    pronouns: Vec<(String, PronounKind)>,
    // What each list below holds, and why, is said in its file's header.
    leading_adverbs: Lexicon,
    not_name_starts: CasedList,
    male_titles: CasedList,
    female_titles: CasedList,
    pub(crate) report_cues: Lexicon,
    pub(crate) latest_organisation_nouns: Lexicon,
    pub(crate) company_words: Lexicon,
    pub(crate) weekdays: Lexicon,
    pub(crate) alias_triggers: Lexicon,
    pub(crate) alias_connectors: Lexicon,
    pub(crate) relative_pronouns: Lexicon,
    pub(crate) place_prepositions: Lexicon,
    pub(crate) determiners: Lexicon,
    /// "her", "their": they open a noun phrase.
    pub(crate) possessive_determiners: Lexicon,
    /// Words that open a fronted time or place phrase before a subject: "Last", "In".
    pub(crate) fronted_openers: Lexicon,
    pub(crate) affiliation_prepositions: Lexicon,
    pub(crate) group_nouns: Lexicon,
    pub(crate) name_connectors: CasedList,
    pub(crate) name_conjunctions: CasedList,
    affiliations: Lexicon,
    /// Titles that are only courtesy ("Mr.", "Mrs."): they say a person's sex, not a rank,
    /// so they leave the title column empty.
    honorifics: Lexicon,
    pub(crate) document_nouns: Lexicon,
    pub(crate) head_noun_ends: Lexicon,
    pub(crate) role_organisation_prepositions: Lexicon,
    person_noun_endings: Vec<String>,
    description_stops: Lexicon,
    not_in_phrases: Lexicon,
    /// Every form of the cue verbs (data/lexicons/cues.txt): a description stops at one.
    speech_verbs: Lexicon,
    /// Phrases that make a speaker anonymous, lowercased.
    anonymity_markers: Vec<String>,
    /// The first word of each anonymity marker.
    anonymity_starts: Lexicon,
    male_names: Lexicon,
    female_names: Lexicon,
}

impl Lexicons {
    pub(crate) fn load() -> Lexicons {
        let titles_src: String = source!("titles")
            .lines()
            .chain(source!("capitalised-titles").lines())
            .map(|l| {
                if l.starts_with('#') {
                    l.to_string()
                } else {
                    l.replace('.', "")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let titles = Lexicon::parse(&titles_src);
        let title_starts_src: String = titles
            .iter()
            .flat_map(|t| t.match_indices(' ').map(|(at, _)| &t[..at]))
            .collect::<Vec<_>>()
            .join("\n");
        let pronouns = source!("pronouns")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (word, kind) = l.split_once(' ')?;
                let kind = match kind.trim() {
                    "person-m" => PronounKind::Male,
                    "person-f" => PronounKind::Female,
                    "person" => PronounKind::Person,
                    "group" => PronounKind::Plural,
                    "organisation" => PronounKind::Organisation,
                    _ => return None,
                };
                Some((word.to_string(), kind))
            })
            .collect();
        let particles = lexicon!("name-particles");
        let anonymity_markers: Vec<String> =
            whosaid_core::lexicon_lines(source!("anonymity-markers"))
                .map(str::to_lowercase)
                .collect();
        let mut anonymity_starts = Lexicon::default();
        for marker in &anonymity_markers {
            if let Some(first) = marker.split_whitespace().next() {
                anonymity_starts.insert(first, ());
            }
        }
        Lexicons {
            longest_particle: particles.iter().map(str::len).max().unwrap_or(0),
            longest_title: titles.longest_words(),
            titles,
            title_starts: Lexicon::parse(&title_starts_src),
            capitalised_titles: lexicon!("capitalised-titles"),
            person_nouns: lexicon!("person-nouns"),
            coordinators: lexicon!("coordinators"),
            organisation_words: lexicon!("organisation-words"),
            outlets: lexicon!("outlets"),
            particles,
            pronouns,
            leading_adverbs: lexicon!("speaker-leading-adverbs"),
            not_name_starts: CasedList::parse(source!("name-run-non-starts"), Case::Capitalised),
            male_titles: CasedList::parse(source!("male-titles"), Case::Capitalised),
            female_titles: CasedList::parse(source!("female-titles"), Case::Capitalised),
            report_cues: lexicon!("outlet-report-cues"),
            latest_organisation_nouns: lexicon!("latest-organisation-nouns"),
            company_words: lexicon!("company-words"),
            weekdays: lexicon!("weekdays"),
            alias_triggers: lexicon!("alias-triggers"),
            alias_connectors: lexicon!("alias-connectors"),
            relative_pronouns: lexicon!("speaker-relative-pronouns"),
            place_prepositions: lexicon!("speaker-place-prepositions"),
            determiners: lexicon!("speaker-determiners"),
            possessive_determiners: lexicon!("possessive-determiners"),
            fronted_openers: lexicon!("fronted-openers"),
            affiliation_prepositions: lexicon!("speaker-affiliation-prepositions"),
            group_nouns: lexicon!("speaker-group-nouns"),
            name_connectors: CasedList::parse(source!("organisation-name-connectors"), Case::Lower),
            name_conjunctions: CasedList::parse(source!("name-conjunctions"), Case::Lower),
            affiliations: lexicon!("person-affiliations"),
            honorifics: lexicon!("honorifics"),
            document_nouns: lexicon!("document-nouns"),
            head_noun_ends: lexicon!("head-noun-ends"),
            role_organisation_prepositions: lexicon!("role-organisation-prepositions"),
            description_stops: lexicon!("description-stops"),
            not_in_phrases: lexicon!("not-in-speaker-phrases"),
            speech_verbs: speech_verbs(source!("cues")),
            person_noun_endings: whosaid_core::lexicon_lines(source!("person-noun-endings"))
                .map(str::to_string)
                .collect(),
            anonymity_starts,
            anonymity_markers,
            male_names: lexicon!("male-first-names"),
            female_names: lexicon!("female-first-names"),
        }
    }

    /// `name` without the words before it that are no part of it: words that start sentences
    /// and weekdays ("Although Trump", "On Monday Ann Lee"), lowercase words that are no
    /// particle ("for Trump"), and before a known first name a verb, role noun, adverb or
    /// possessor ("Entrusting Donald Trump", "Singer Ann Lee", "Chelsea's Tom Hale").
    /// Initials and given names the word lists do not know stay ("T. Boone Pickens").
    pub(crate) fn name_proper<'n>(&self, name: &'n str) -> &'n str {
        let mut name = name;
        while let Some((first, rest)) = name.split_once(' ') {
            let lowercase = first.chars().next().is_some_and(char::is_lowercase)
                && !self.particles.contains(first);
            if !(lowercase
                || self.is_not_name_start(first)
                || self.is_sentence_adverb(first)
                || self.weekdays.contains(first))
            {
                break;
            }
            name = rest;
        }
        match name.split_once(' ') {
            Some((first, rest))
                if rest.contains(' ')
                    && self.name_gender(first).is_none()
                    && self.name_gender(rest).is_some()
                    && (first.ends_with("ing")
                        || first.ends_with("'s")
                        || first.ends_with("’s")
                        || self.is_sentence_adverb(first)
                        || self.is_person_noun(first)) =>
            {
                rest
            }
            _ => name,
        }
    }

    /// True when `name` is a headline's words, not a name: three or more words, every one
    /// capitalised, and one after the first a preposition, conjunction or "The" ("Experience
    /// Of Serving Under Obama").
    pub(crate) fn is_headline(&self, name: &str) -> bool {
        // Two words may be a name: "Al From".
        let mut rest = name.split_whitespace().skip(1);
        name.split_whitespace().nth(2).is_some()
            && rest
                .clone()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && rest.any(|w| {
                self.role_organisation_prepositions.contains(w)
                    || self.place_prepositions.contains(w)
                    || self.coordinators.contains(w)
                    || w.eq_ignore_ascii_case("the")
            })
    }

    /// True when `s` is a party and state or district tag: "D-N.Y.", "R-Texas", "I-Vt.".
    pub(crate) fn is_party_tag(&self, s: &str) -> bool {
        let Some((party, place)) = s.trim().split_once('-') else {
            return false;
        };
        (1..=3).contains(&party.len())
            && party.bytes().all(|b| b.is_ascii_uppercase())
            && place.len() <= 24
            && place.chars().next().is_some_and(char::is_uppercase)
            && place
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | ' ' | '-'))
    }

    /// True when `word` is a name particle glued by one of the `glue` bytes to a capitalised
    /// word: "al-Mansour", "d'Estaing". Only the first glue byte counts.
    #[inline]
    pub(crate) fn is_glued_particle(&self, word: &str, glue: &[u8]) -> bool {
        // A plain byte loop, not `split_once`: words are a few bytes long, and setting up a
        // substring search cost more than the search. Glue further in than the longest
        // particle cannot follow a particle, so the loop need not walk every lowercase word
        // of an article to its end. The shortest is three bytes ("y-X"), and shorter words
        // ("of", "in", "a") are common.
        if word.len() < 3 {
            return false;
        }
        let prefix = &word.as_bytes()[..word.len().min(self.longest_particle + 1)];
        let Some(at) = prefix.iter().position(|b| glue.contains(b)) else {
            return false;
        };
        let (particle, rest) = (&word[..at], &word[at + 1..]);
        self.particles.contains(particle) && rest.chars().next().is_some_and(char::is_uppercase)
    }

    /// True when `word` opens a sentence before its subject ("Now", "However"), in any case.
    pub(crate) fn is_sentence_adverb(&self, word: &str) -> bool {
        self.leading_adverbs.contains(word)
    }

    /// True when `word` starts sentences without being part of a name ("The", "According").
    pub(crate) fn is_not_name_start(&self, word: &str) -> bool {
        self.not_name_starts.contains(word)
    }

    /// True when `word` ends a description read leftwards from a name: a determiner, a
    /// preposition, a conjunction, a relative pronoun or a speech verb ("said Omar Haddad").
    pub(crate) fn ends_description(&self, word: &str) -> bool {
        self.description_stops.contains(word)
            || self.determiners.contains(word)
            || self.relative_pronouns.contains(word)
            || self.speech_verbs.contains(word)
    }

    /// True when a capitalised `word` inside a run says what a person is rather than naming
    /// them: a title ("Minister", "Gen."), a role noun ("Chairman", "Analyst"), or an
    /// affiliation ("Republican", "Tory").
    pub(crate) fn describes_person(&self, word: &str) -> bool {
        let bare = word.trim_end_matches('.');
        self.titles.contains(bare)
            || self.person_nouns.contains(bare)
            || self.affiliations.contains(bare)
    }

    /// The gender a title says its bearer has ('m' for "Mr." or "Mr", 'f' for "Mrs."), if any.
    pub(crate) fn title_gender(&self, title: &str) -> Option<char> {
        let title = title.trim_end_matches('.');
        if self.male_titles.contains(title) {
            Some('m')
        } else if self.female_titles.contains(title) {
            Some('f')
        } else {
            None
        }
    }

    /// True when a speaker phrase says its speaker is not named: "a source", "people familiar
    /// with the talks", "who asked not to be identified".
    pub(crate) fn says_anonymous(&self, phrase: &str) -> bool {
        let lower = phrase.to_lowercase();
        self.anonymity_markers.iter().any(|m| {
            lower
                .match_indices(m)
                .any(|(at, _)| is_word_boundary(&lower, at, at + m.len()))
        })
    }

    /// True unless `phrase` has the shape of something other than a noun phrase: a personal
    /// pronoun in it ("you very", "he cannot", "hearing him"), a digit ("down 0.2 percentage
    /// points"), a lone adverb ("now"), or a verb after a capitalised subject ("Clinton talks
    /// about the rampant", "Mr. Obama scrutinized").
    pub(crate) fn looks_like_noun_phrase(&self, phrase: &str) -> bool {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        // "he’s", "who’s", "I’m": a pronoun or a contraction is no part of a noun phrase.
        let pronoun = words.iter().any(|w| {
            let (base, contracted) = match w.find(['\'', '’']) {
                Some(at) => {
                    let ending = w[at..].trim_start_matches(['\'', '’']);
                    (
                        &w[..at],
                        ending.len() <= 2 && !ending.eq_ignore_ascii_case("s"),
                    )
                }
                None => (*w, false),
            };
            contracted
                || self.not_in_phrases.contains(base)
                || (self.pronoun(base).is_some() && !base.eq_ignore_ascii_case("her"))
                || (base != *w && self.relative_pronouns.contains(base))
        });
        let digit = phrase.chars().any(|c| c.is_ascii_digit());
        let lone_adverb =
            words.len() == 1 && (self.is_sentence_adverb(words[0]) || words[0].ends_with("ly"));
        let verb_after_name = words.windows(2).any(|w| {
            w[0].chars().next().is_some_and(char::is_uppercase)
                && w[1].chars().next().is_some_and(char::is_lowercase)
                && (w[1].ends_with("ed") || (w[1].ends_with('s') && !w[1].ends_with("ss")))
                && !self.is_person_noun(w[1])
                && !self.group_nouns.contains(w[1])
                && !self.organisation_words.contains(w[1])
                && !self.document_nouns.contains(w[1])
        });
        !(words.is_empty() || pronoun || digit || lone_adverb || verb_after_name)
    }

    /// True when `word` is the first word of an anonymity marker: the cheap test before
    /// [`Lexicons::says_anonymous`], which lowercases and searches.
    pub(crate) fn starts_anonymity_marker(&self, word: &str) -> bool {
        self.anonymity_starts.contains(word)
    }

    /// True for a courtesy title: "Mr.", "Mrs", "Ms.", "Miss".
    pub(crate) fn is_honorific(&self, title: &str) -> bool {
        self.honorifics.contains(title.trim_end_matches('.'))
    }

    /// True when `noun` names a person, in the singular or the plural ("official",
    /// "officials", "spokesmen").
    pub(crate) fn is_person_noun(&self, noun: &str) -> bool {
        // No allocation but for "-ies" plurals: lexicon lookups ignore ASCII case already.
        if self.document_nouns.contains(noun) || self.organisation_words.contains(noun) {
            return false;
        }
        if self.person_nouns.contains(noun) {
            return true;
        }
        let ends = |word: &str, end: &str| {
            word.len() >= end.len()
                && word.as_bytes()[word.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
        };
        let one: std::borrow::Cow<str> = if ends(noun, "ies") && noun.len() > 5 {
            format!("{}y", &noun[..noun.len() - 3]).into()
        } else if ends(noun, "s") && noun.len() > 3 {
            noun[..noun.len() - 1].into()
        } else {
            noun.into()
        };
        self.person_nouns.contains(&one)
            || ends(noun, "men")
            || self
                .person_noun_endings
                .iter()
                .any(|end| one.len() > end.len() + 2 && ends(&one, end))
    }

    /// The sex a person's first name usually says ('m', 'f'), from the first word of `name`.
    pub(crate) fn name_gender(&self, name: &str) -> Option<char> {
        let first = name.split_whitespace().next()?;
        if self.male_names.contains(first) {
            Some('m')
        } else if self.female_names.contains(first) {
            Some('f')
        } else {
            None
        }
    }

    pub(crate) fn pronoun(&self, word: &str) -> Option<PronounKind> {
        self.pronouns
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(word))
            .map(|(_, k)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_is_no_name_but_a_name_with_a_particle_is() {
        let lex = Lexicons::load();
        for headline in [
            "Experience Of Serving Under Lanford",
            "Clinton Wades In Again",
        ] {
            assert!(lex.is_headline(headline), "{headline}");
        }
        for name in ["Al From", "Ludwig van Beethoven", "Ann Marie Lee"] {
            assert!(!lex.is_headline(name), "{name}");
        }
    }

    #[test]
    fn party_tags_and_what_is_not_one() {
        let lex = Lexicons::load();
        for tag in ["D-N.Y.", "R-Texas", "I-Vt.", " D-Putney "] {
            assert!(lex.is_party_tag(tag), "{tag}");
        }
        for not in ["CEO", "AP", "x-ray", "D-", "covid-19"] {
            assert!(!lex.is_party_tag(not), "{not}");
        }
    }

    #[test]
    fn noun_phrases_and_what_is_not_one() {
        let lex = Lexicons::load();
        for phrase in [
            "Iraqi officials",
            "the elections watchdog",
            "Agency officials",
            "Kurdish forces",
        ] {
            assert!(lex.looks_like_noun_phrase(phrase), "{phrase}");
        }
        for phrase in [
            "Clinton talks about the rampant",
            "Mr. Obama scrutinized",
            "you very",
            "he cannot",
            "down 0.2 percentage points",
            "who’s",
            "I’m going to read you the question",
            "now",
        ] {
            assert!(!lex.looks_like_noun_phrase(phrase), "{phrase}");
        }
    }

    #[test]
    fn lists_load() {
        // Loading also checks that every cased list is written in its case.
        let lex = Lexicons::load();
        assert!(lex.titles.contains("brig gen"));
        assert!(lex.titles.contains("sheikh"));
        assert_eq!(lex.pronoun("She"), Some(PronounKind::Female));
        assert!(lex.outlets.contains("afp"));
        assert!(lex.longest_title >= 3);
        for start in ["staff", "staff maj", "brig", "vice"] {
            assert!(lex.title_starts.contains(start), "{start}");
        }
        assert!(!lex.title_starts.contains("gen"));
    }

    #[test]
    fn cased_lists_match_only_in_their_case() {
        let lex = Lexicons::load();
        assert!(lex.is_not_name_start("The") && lex.is_not_name_start("I"));
        for word in ["the", "THE", "tHe", "i", "Now"] {
            assert!(!lex.is_not_name_start(word), "{word}");
        }
        assert!(lex.is_sentence_adverb("NOW") && lex.is_sentence_adverb("now"));
        assert_eq!(lex.title_gender("Mr."), Some('m'));
        assert_eq!(lex.title_gender("Ms"), Some('f'));
        assert_eq!(lex.title_gender("MRS."), None);
        assert_eq!(lex.title_gender("Dr."), None);
        assert!(lex.name_connectors.contains("of") && lex.name_connectors.contains("&"));
        assert!(!lex.name_connectors.contains("Of") && !lex.name_conjunctions.contains("AND"));
    }

    #[test]
    fn glued_particles() {
        let lex = Lexicons::load();
        for (word, glue, glued) in [
            ("al-Mansour", "-", true),
            ("Al-Mansour", "-", true),
            ("della-Robbia", "-", true),
            ("y-X", "-", true),
            ("al-mansour", "-", false),
            ("also-Ran", "-", false),
            ("al'Qaida", "-", false),
            ("al'Qaida", "-'", true),
            ("al-", "-", false),
            ("al", "-", false),
            ("counter-Terrorism", "-", false),
        ] {
            assert_eq!(
                lex.is_glued_particle(word, glue.as_bytes()),
                glued,
                "{word}"
            );
        }
    }
}
