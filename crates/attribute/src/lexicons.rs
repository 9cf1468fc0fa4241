//! The resolver's word lists, compiled in from `data/lexicons/`.

use whosaid_core::{Lexicon, Prefilter};

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

/// Sentence adverbs and connectives that open a sentence before its subject ("Now Wilson
/// explained", "However Adelson said"): neither part of a speaker phrase nor of a name.
pub(crate) const SENTENCE_ADVERBS: &[&str] = &[
    "now",
    "then",
    "still",
    "also",
    "but",
    "and",
    "so",
    "yet",
    "however",
    "meanwhile",
    "later",
    "earlier",
    "instead",
    "indeed",
    "finally",
    "previously",
    "today",
    "yesterday",
    "here",
    "there",
];

/// The [`Prefilter`] of [`SENTENCE_ADVERBS`]: the test runs for the first words of every
/// capitalised run and speaker phrase, nearly all in no list, which the filter turns away
/// before twenty comparisons.
const SENTENCE_ADVERB_FILTER: Prefilter = Prefilter::of(SENTENCE_ADVERBS);

/// True when `word` is one of [`SENTENCE_ADVERBS`], in any case.
pub(crate) fn is_sentence_adverb(word: &str) -> bool {
    SENTENCE_ADVERB_FILTER.may_contain(word)
        && SENTENCE_ADVERBS
            .iter()
            .any(|a| word.eq_ignore_ascii_case(a))
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
    pub(crate) person_nouns: Lexicon,
    pub(crate) organisation_words: Lexicon,
    pub(crate) outlets: Lexicon,
    pub(crate) particles: Lexicon,
    /// The length in bytes of the longest particle.
    pub(crate) longest_particle: usize,
    pronouns: Vec<(String, PronounKind)>,
}

impl Lexicons {
    pub(crate) fn load() -> Lexicons {
        let titles_src: String = include_str!("../../../data/lexicons/titles.txt")
            .lines()
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
        let pronouns = include_str!("../../../data/lexicons/pronouns.txt")
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
        let particles = Lexicon::parse(include_str!("../../../data/lexicons/name-particles.txt"));
        Lexicons {
            longest_particle: particles.iter().map(str::len).max().unwrap_or(0),
            longest_title: titles.longest_words(),
            titles,
            title_starts: Lexicon::parse(&title_starts_src),
            person_nouns: Lexicon::parse(include_str!("../../../data/lexicons/person-nouns.txt")),
            organisation_words: Lexicon::parse(include_str!(
                "../../../data/lexicons/organisation-words.txt"
            )),
            outlets: Lexicon::parse(include_str!("../../../data/lexicons/outlets.txt")),
            particles,
            pronouns,
        }
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
    fn lists_load() {
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
