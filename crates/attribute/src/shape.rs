//! What a speaker's name may look like: the checks that leave a cell empty rather than fill it
//! with a sentence fragment.

use whosaid_core::{Speaker, SpeakerKind};

use crate::lexicons::Lexicons;

/// The most words a speaker's name or description may have ("Mrs. Clinton struck many of the
/// same" is no name).
pub(crate) const NAME_WORDS: usize = 6;

/// The most words an organisation's name of capitalised words and connectors may have ("Port
/// Authority of New York and New Jersey").
const ORGANISATION_WORDS: usize = 10;

/// True unless the speaker's name is no name at all: no letters, a possessive ("Clinton's"),
/// or longer than any name or description ("Mrs. Clinton struck many of the same"); an
/// organisation's name of capitalised words and connectors may be longer ("Port Authority of
/// New York and New Jersey"). Empty (an anonymous source) passes.
pub(crate) fn speaker_name_shaped(speaker: &Speaker, lex: &Lexicons) -> bool {
    let name = speaker.name.as_str();
    let words = name.split_whitespace().count();
    let long_organisation = || {
        speaker.kind == Some(SpeakerKind::Organisation)
            && words <= ORGANISATION_WORDS
            && name.chars().next().is_some_and(char::is_uppercase)
            && name.split_whitespace().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || lex.name_connectors.contains(w)
                    || w == "the"
            })
    };
    name.is_empty()
        || (name.chars().any(char::is_alphabetic)
            && !name.ends_with("'s")
            && !name.ends_with("’s")
            && (words <= NAME_WORDS || long_organisation()))
}

/// True when `name` can be a person's name: words of letters, no digits, not a lone
/// pronoun or function word.
pub(crate) fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.split_whitespace().count() <= NAME_WORDS
        && name.split_whitespace().all(|w| {
            w.chars().next().is_some_and(|c| !c.is_lowercase()) || w.len() <= 4 || w.contains('-')
        })
}
