//! What the article says about a speaker beyond the phrase that names them: a title, role
//! and organisation from any mention of their name, and the organisation a general word
//! ("Company chairman", "Agency officials") stands for. Read once per speaker, after every
//! claim of the article has been resolved.

use whosaid_core::SpeakerKind;

use crate::lexicons::Lexicons;
use crate::{Entity, State};

impl State<'_> {
    /// Adds to person `e` what the article says of them around any mention of their name: a
    /// title ("President", "Finance Minister") where the entity has none, else a role and an
    /// organisation ("central bank chairman", "chairman of Northgate Foods NV").
    pub(crate) fn describe_from_article(&mut self, e: usize) {
        let s = &self.entities[e].speaker;
        // Reading the whole article for its names costs a tenth of the run: a person whose
        // mention already said title, role and organisation is spared it.
        let complete = !s.title.is_empty() && !s.role.is_empty() && !s.organisation.is_empty();
        if s.kind != Some(SpeakerKind::Person) || complete {
            return;
        }
        for description in self.names.descriptions(&self.entities[e].speaker.name) {
            let description = description
                .split_whitespace()
                .skip_while(|w| self.lex.determiners.contains(w))
                .collect::<Vec<_>>()
                .join(" ");
            if description.is_empty() || self.lex.is_honorific(&description) {
                continue;
            }
            let capitalised = description
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
            let ends_in_title = description
                .split_whitespace()
                .next_back()
                .is_some_and(|w| self.lex.titles.contains(w.trim_end_matches('.')));
            let s = &mut self.entities[e].speaker;
            if capitalised && ends_in_title {
                // "Indiana Gov.": the title, and before it whose governor.
                let words: Vec<&str> = description.split_whitespace().collect();
                let (place, title) = words.split_at(titles_from(&words, self.lex));
                if s.title.is_empty() {
                    s.title = title.join(" ");
                }
                // Not a place the role already gives ("Iraqi MP" after "Iraqi").
                let place = place.join(" ");
                if s.organisation.is_empty() && !place.is_empty() && !s.role.contains(&place) {
                    s.organisation = place;
                }
                continue;
            }
            let (role, organisation) = split_role(&description, self.lex);
            add_role(&mut s.role, role);
            if s.organisation.is_empty() {
                s.organisation = organisation.to_string();
            }
        }
    }

    /// "Company chairman Ann Lee", "Agency officials": a bare general word as a speaker's
    /// organisation stands for the organisation the article names with it ("Economic
    /// Planning Agency"), else for the first organisation that speaks in the article.
    pub(crate) fn specific_organisation(&mut self, e: usize) {
        let org = self.entities[e].speaker.organisation.as_str();
        let key = org.trim_start_matches("the ").to_lowercase();
        if key.is_empty()
            || key.contains(' ')
            || !self.lex.latest_organisation_nouns.contains(&key)
            || self.lex.document_nouns.contains(&key)
        {
            return;
        }
        let named = |en: &&Entity| {
            en.speaker.kind == Some(SpeakerKind::Organisation)
                && en
                    .speaker
                    .name
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !en.speaker.name.eq_ignore_ascii_case(&key)
        };
        let found = self
            .entities
            .iter()
            .filter(named)
            .find(|en| {
                en.speaker
                    .name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case(&key))
            })
            .map(|en| en.speaker.name.clone())
            .or_else(|| {
                let company = self.lex.company_words.contains(&key) || key == "firm";
                self.names.organisation_ending(&key, company)
            })
            .or_else(|| {
                self.entities
                    .iter()
                    .find(named)
                    .map(|en| en.speaker.name.clone())
            });
        if let Some(found) = found {
            self.entities[e].speaker.organisation = found;
        }
    }
}

/// A role and the organisation it names: "chairman of Northgate Foods NV" is chairman
/// of Northgate Foods NV, "central bank chairman" chairman of the central bank.
/// A role that names none is all role.
fn split_role<'d>(description: &'d str, lex: &Lexicons) -> (&'d str, &'d str) {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut words = description.split(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len() + 1;
        Some((start, w))
    });
    // Only the first such preposition: in "a mother of two in the village of Beit Nour" the
    // village is where she lives, not whom she works for.
    let first = words.find(|&(at, w)| at > 0 && lex.role_organisation_prepositions.contains(w));
    if let Some((at, word)) = first {
        let rest = description[at + word.len()..]
            .trim_start()
            .trim_start_matches("the ");
        if rest.split_whitespace().next().is_some_and(capital) {
            return (description[..at].trim(), rest.trim_end_matches([',', '.']));
        }
    }
    let words: Vec<&str> = description.split_whitespace().collect();
    let caps = words.iter().take_while(|w| capital(w)).count();
    // "Trump's running mate": a possessor, who may be a person, stays in the role.
    let possessive =
        caps > 0 && (words[caps - 1].ends_with("'s") || words[caps - 1].ends_with("’s"));
    if caps > 0 && caps < words.len() && !possessive {
        let at = description
            .match_indices(' ')
            .nth(caps - 1)
            .map_or(description.len(), |(at, _)| at);
        return (description[at..].trim(), description[..at].trim());
    }
    (description, "")
}

/// Adds a role description to a speaker's role, unless it says nothing new.
pub(crate) fn add_role(role: &mut String, new: &str) {
    let new = new.trim();
    if new.is_empty() || role.to_lowercase().contains(&new.to_lowercase()) {
        return;
    }
    if !role.is_empty() {
        role.push_str("; ");
    }
    role.push_str(new);
}

/// Where the titles at the end of a description's `words` start: "Indiana Gov." 1,
/// "Japanese Finance Minister" 1 (a title of two words), "Staff Maj. Gen." 0.
fn titles_from(words: &[&str], lex: &Lexicons) -> usize {
    let mut end = words.len();
    while end > 0 {
        let longest = end.min(lex.longest_title);
        let Some(n) = (1..=longest).rev().find(|&n| {
            let key: Vec<&str> = words[end - n..end]
                .iter()
                .map(|w| w.trim_end_matches('.'))
                .collect();
            lex.titles.contains(&key.join(" "))
        }) else {
            break;
        };
        end -= n;
    }
    end
}
