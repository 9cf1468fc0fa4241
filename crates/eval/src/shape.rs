//! Shape checks on a predicted speaker: a smoke alarm for strings that cannot be a name as
//! written, whatever the gold says.
//!
//! Not a referee. Each check is a plain rule on the string's words, so an odd real name can
//! trip one and a wrong name shaped like a name passes. The word lists are short and live here,
//! not in data/lexicons: the alarm should not share the extractor's blind spots.

use std::fmt;
use std::sync::LazyLock;

use whosaid_core::Lexicon;

/// Why a predicted speaker looks malformed. The checks run in this order; the first that
/// fires is the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The whole speaker is a pronoun: "he", "They", "its".
    Pronoun,
    /// Ends in a possessive: "Trump's", "the companies'".
    Possessive,
    /// Starts with a conjunction or adverb: "And Smith", "Meanwhile Jones".
    LeadingWord,
    /// Holds a digit: "Smith 2", "G7".
    Digits,
    /// Holds no letter: ".", "—".
    NoLetters,
    /// Two or more words, none capitalised, one of them verb-like: "he said the", "officials
    /// were".
    Fragment,
    /// A party, "former" and the like before a name: "Republican Donald Trump",
    /// "former Gov. Jeb Bush", "then-President Obama".
    Premodifier,
    /// More than six words.
    TooLong,
}

impl Shape {
    /// A short description, for error lists.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Pronoun => "pronoun",
            Shape::Possessive => "possessive",
            Shape::LeadingWord => "leading conjunction or adverb",
            Shape::Digits => "digits",
            Shape::NoLetters => "no letters",
            Shape::Fragment => "lowercase fragment with a verb",
            Shape::Premodifier => "premodifier before a name",
            Shape::TooLong => "more than 6 words",
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The shape checks' word lists, from data/lexicons/shape-*.txt.
struct Lists {
    pronouns: Lexicon,
    leading_words: Lexicon,
    verb_like: Lexicon,
    premodifiers: Lexicon,
    organisation_heads: Lexicon,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    pronouns: Lexicon::parse(include_str!("../../../data/lexicons/shape-pronouns.txt")),
    leading_words: Lexicon::parse(include_str!(
        "../../../data/lexicons/shape-leading-words.txt"
    )),
    verb_like: Lexicon::parse(include_str!("../../../data/lexicons/shape-verb-like.txt")),
    premodifiers: Lexicon::parse(include_str!(
        "../../../data/lexicons/shape-premodifiers.txt"
    )),
    organisation_heads: Lexicon::parse(include_str!(
        "../../../data/lexicons/shape-organisation-heads.txt"
    )),
});

const POSSESSIVE_ENDINGS: &[&str] = &["'s", "’s", "s'", "s’"];

/// Why `speaker` looks malformed, or `None` when it passes every check. An empty speaker (no
/// source) is not malformed.
///
/// ```
/// use whosaid_eval::{malformed, Shape};
///
/// assert_eq!(malformed("And Smith"), Some(Shape::LeadingWord));
/// assert_eq!(malformed("Republican Donald Trump"), Some(Shape::Premodifier));
/// assert_eq!(malformed("Republican National Committee"), None);
/// ```
pub fn malformed(speaker: &str) -> Option<Shape> {
    let lists = &*LISTS;
    let lower = speaker.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (first, last) = (*words.first()?, *words.last()?);
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let capitalised = speaker
        .split_whitespace()
        .map(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect::<Vec<_>>();
    if words.len() == 1 && lists.pronouns.contains(&bare(first)) {
        Some(Shape::Pronoun)
    } else if POSSESSIVE_ENDINGS.iter().any(|e| last.ends_with(e)) {
        Some(Shape::Possessive)
    } else if lists.leading_words.contains(&bare(first)) {
        Some(Shape::LeadingWord)
    } else if speaker.chars().any(char::is_numeric) {
        Some(Shape::Digits)
    } else if !speaker.chars().any(char::is_alphabetic) {
        Some(Shape::NoLetters)
    } else if words.len() > 1
        && !speaker.chars().any(char::is_uppercase)
        && words.iter().any(|w| lists.verb_like.contains(&bare(w)))
    {
        Some(Shape::Fragment)
    } else if words.len() > 1
        && (lists.premodifiers.contains(first)
            || first.starts_with("then-")
            || first.starts_with("ex-"))
        && capitalised[1..].iter().all(|&c| c)
        && !lists.organisation_heads.contains(&bare(last))
    {
        Some(Shape::Premodifier)
    } else if words.len() > 6 {
        Some(Shape::TooLong)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! shapes {
        ($($name:ident: $speaker:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(malformed($speaker), $want, "{:?}", $speaker);
            }
        )*};
    }

    shapes! {
        name: "Barack Obama" => None;
        organisation: "United Airlines" => None;
        group: "senior Iraqi officials" => None;
        anonymous_description: "people familiar with the talks" => None;
        document: "the Commerce Department's report" => None;
        empty: "  " => None;
        name_that_is_a_verb: "Will Smith" => None;
        party_name: "Democratic Party" => None;
        party_committee: "Republican National Committee" => None;
        six_words: "Brig. Gen. Qassim al-Muhammadi al Anbari" => None;
        pronoun: "he" => Some(Shape::Pronoun);
        pronoun_capitalised: "They" => Some(Shape::Pronoun);
        possessive: "Trump's" => Some(Shape::Possessive);
        possessive_curly: "the company’s" => Some(Shape::Possessive);
        possessive_plural: "the companies'" => Some(Shape::Possessive);
        leading_conjunction: "And Smith" => Some(Shape::LeadingWord);
        leading_adverb: "Meanwhile, Jones" => Some(Shape::LeadingWord);
        digits: "Smith 2" => Some(Shape::Digits);
        punctuation: "." => Some(Shape::NoLetters);
        fragment: "officials were told" => Some(Shape::Fragment);
        fragment_said: "he said the" => Some(Shape::Fragment);
        capitalised_clause_is_no_fragment: "Officials Were" => None;
        premodifier_party: "Republican Donald Trump" => Some(Shape::Premodifier);
        premodifier_former: "former Gov. Jeb Bush" => Some(Shape::Premodifier);
        premodifier_then: "then-President Obama" => Some(Shape::Premodifier);
        premodifier_before_a_noun: "former officials" => None;
        too_long: "Chairman of the Joint Chiefs of Staff" => Some(Shape::TooLong);
    }
}
