//! Reading a speaker phrase: "Iraqi Joint Operations Command spokesman Brig. Gen. Yahya Rasul"
//! into organisation, role, title and name; "he" into a pronoun; "the ministry" into a
//! description; "security officials" into a group.

use whosaid_core::{Span, Token, TokenKind};

use crate::lexicons::{Lexicons, PronounKind};

/// What a speaker phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Head {
    /// "he", "they".
    Pronoun(PronounKind),
    /// A person's name, full or partial.
    Person(String),
    /// A named organisation ("the Joint Operations Command", "AFP").
    Organisation(String),
    /// Plural people ("officials", "security experts").
    Group(String),
    /// A definite description ("the ministry", "the 50-year-old psychologist",
    /// "the command's statement"): its head noun, its possessor if any, and whether the noun
    /// names an organisation or a document.
    Definite {
        noun: String,
        possessor: Option<String>,
        organisation: bool,
    },
    /// Someone who speaks for a named person or organisation: "a spokesman for Donald
    /// Trump" (the phrase as written; the organisation field holds whom they speak for).
    Affiliated(String),
    /// Any other phrase ("one resident", "a source"), kept as written.
    Other(String),
}

/// A parsed speaker phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub(crate) head: Head,
    /// The words naming the speaker: the name, the pronoun, or the head noun phrase.
    pub(crate) mention: Span,
    pub(crate) title: String,
    pub(crate) role: String,
    pub(crate) organisation: String,
    /// The phrase says the speaker is not named: "a source", "people familiar with the
    /// talks", "an official who asked not to be named".
    pub(crate) anonymous: bool,
    /// The organisation came from a capitalised premodifier ("A United Airlines spokesperson")
    /// or an affiliation ("a spokesman for the airline"): the speaker speaks for it. A place
    /// ("a delegate from Houston") is not.
    pub(crate) speaks_for: bool,
}

#[derive(Debug, Clone, Copy)]
struct Tok<'t> {
    text: &'t str,
    span: Span,
    word: bool,
}

fn is_capitalised(word: &str, lex: &Lexicons) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // "al-Mansour", "bin Laden": a lowercase particle glued to a capitalised name.
        Some(_) => lex.is_glued_particle(word, b"-'"),
        None => false,
    }
}

/// Joins tokens back into text as written, a line break or a run of spaces made one space
/// ("Long-Term Credit\nBank of Japan" is one name).
fn join(text: &str, toks: &[Tok]) -> String {
    match (toks.first(), toks.last()) {
        (Some(f), Some(l)) => one_line(text[Span::new(f.span.start, l.span.end)].trim()),
        _ => String::new(),
    }
}

/// `s` with every run of whitespace made one space.
pub(crate) fn one_line(s: &str) -> String {
    // One allocation, a word at a time: Reuters wraps its lines, so many phrases hold a line
    // break, and a char at a time cost 500 instructions a phrase.
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        for word in s.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        return out;
    }
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The words of `toks` with their indices, without a final period ("Gen." is "Gen"), as
/// [`title_at`] looks them up. Not lowercased: lexicon lookups ignore ASCII case.
fn words_of<'t>(toks: &[Tok<'t>]) -> Vec<(usize, &'t str)> {
    toks.iter()
        .enumerate()
        .filter(|(_, t)| t.word)
        .map(|(i, t)| (i, t.text.trim_end_matches('.')))
        .collect()
}

/// Finds the title that starts at word `w` of `words`, returning how many words it spans.
fn title_at(words: &[(usize, &str)], w: usize, lex: &Lexicons) -> usize {
    let longest = lex.longest_title.min(words.len() - w);
    if longest == 0 {
        return 0;
    }
    let first = words[w].1;
    // "Chairman" is a title when capitalised only ("LSI Chairman W. C.", "party chairman").
    let lowercase = first.chars().next().is_some_and(char::is_lowercase);
    let is_title = |key: &str| {
        lex.titles.contains(key) && !(lowercase && lex.capitalised_titles.contains(key))
    };
    let mut best = usize::from(is_title(first));
    // Longer titles only from a word that starts one ("Staff Maj. Gen."): most words start
    // none, and are spared building keys. Each key is the one before it and one more word.
    if longest > 1 && lex.title_starts.contains(first) {
        let mut key = first.to_string();
        for n in 2..=longest {
            key.push(' ');
            key.push_str(words[w + n - 1].1);
            if is_title(&key) {
                best = n;
            }
        }
    }
    best
}

/// The name an appositive gives an unnamed speaker: "who asked to be identified only by his
/// first name, Ahmed", "known as Abu Ali", "who gave her name as Mary".
fn alias(rest: &[Tok], lex: &Lexicons) -> Option<String> {
    let trigger = rest
        .iter()
        .position(|t| lex.alias_triggers.contains(t.text))?;
    let mut i = trigger + 1;
    // Skip the connecting words: "only by his nickname", "as", "her first name,".
    while i < rest.len() && i <= trigger + 6 && !(rest[i].word && is_capitalised(rest[i].text, lex))
    {
        if rest[i].word && !lex.alias_connectors.contains(rest[i].text) {
            return None;
        }
        i += 1;
    }
    let start = i;
    while i < rest.len()
        && rest[i].word
        && (is_capitalised(rest[i].text, lex) || lex.particles.contains(rest[i].text))
    {
        i += 1;
    }
    (i > start).then(|| {
        rest[start..i]
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The tokens from the first one that `skip` is false for.
fn skip_while<'a, 't>(toks: &'a [Tok<'t>], skip: impl Fn(&Tok) -> bool) -> &'a [Tok<'t>] {
    let n = toks.iter().take_while(|t| skip(t)).count();
    &toks[n..]
}

/// Parses a speaker phrase of an article, given as its tokens.
pub(crate) fn parse(text: &str, tokens: &[Token], lex: &Lexicons) -> Option<Phrase> {
    let toks: Vec<Tok> = tokens
        .iter()
        .map(|t| Tok {
            text: &text[t.span()],
            span: t.span(),
            word: t.kind == TokenKind::Word,
        })
        .collect();
    if toks.is_empty() {
        return None;
    }
    let mut speaks_for = false;
    // Most phrases ("he", "the minister") hold no word an anonymity marker starts with, and
    // are spared the marker search.
    let anonymous = toks
        .iter()
        .any(|t| t.word && lex.starts_anonymity_marker(t.text))
        && lex.says_anonymous(&text[Span::new(toks[0].span.start, toks[toks.len() - 1].span.end)]);
    // Appositive or relative clause: "Nazim Ali, a commander ...", "Abu Ali, who fled ...".
    let cut = toks
        .iter()
        .position(|t| t.text == "," || lex.relative_pronouns.contains(t.text))
        .unwrap_or(toks.len());
    let (mut head, rest) = toks.split_at(cut);
    let rest = skip_while(rest, |t| {
        t.text == "," || t.text.eq_ignore_ascii_case("who")
    });
    // Drop a parenthesised acronym: "the Counter-Terrorism Service (CTS)". Most heads have
    // no brackets, and keep their tokens where they are.
    let mut organisation = String::new();
    let mut head_vec: Vec<Tok> = Vec::new();
    // "Sen. Ann Lee (D-N.M.)": a party and state tag in the brackets goes to the role.
    let mut party_tag = None;
    if head.iter().any(|t| t.text == "(" || t.text == ")") {
        let mut depth = 0;
        let mut opened = None;
        for t in head {
            match t.text {
                "(" => {
                    depth += 1;
                    opened = Some(t.span.end);
                }
                ")" => {
                    depth -= 1;
                    if let Some(from) = opened.take() {
                        let inside = &text[Span::new(from, t.span.start)];
                        if lex.is_party_tag(inside) {
                            party_tag = Some(inside.trim().to_string());
                        }
                    }
                }
                _ if depth == 0 => head_vec.push(*t),
                _ => {}
            }
        }
        head = &head_vec;
    }
    // "<name> of the <Organisation>": the organisation is the person's.
    if let Some(of) = head.iter().position(|t| t.text == "of") {
        let before = &head[..of];
        let after_first = head[of + 1..]
            .iter()
            .find(|t| !t.text.eq_ignore_ascii_case("the"));
        let names_person = before.last().is_some_and(|t| {
            is_capitalised(t.text, lex) && !lex.organisation_words.contains(t.text)
        }) && {
            let words = words_of(before);
            title_at(&words, words.len().saturating_sub(1), lex) == 0
        };
        if names_person && after_first.is_some_and(|t| is_capitalised(t.text, lex)) {
            organisation = join(text, &head[of + 1..])
                .trim_start_matches("the ")
                .to_string();
            head = &head[..of];
        }
    }
    // "Officials in Washington", "a professor at Harvard", "Ted Cruz in Iowa": a place or an
    // employer after the head is where they are or work, never the speaker's name. A
    // description's mention keeps it.
    let described_end = head.last().map(|t| t.span.end);
    if let Some(p) = head
        .iter()
        .position(|t| lex.place_prepositions.contains(t.text))
    {
        let after = skip_while(&head[p + 1..], |t| t.text.eq_ignore_ascii_case("the"));
        let named = after.first().is_some_and(|t| is_capitalised(t.text, lex));
        // ... unless it is part of an organisation's name: "Commission on Presidential Debates".
        let in_name = p > 0 && lex.organisation_words.contains(head[p - 1].text);
        if p > 0 && head[p - 1].word && named && !in_name {
            if organisation.is_empty() {
                organisation = join(text, after);
            }
            head = &head[..p];
        }
    }
    // "the White House spokesman, Josh Earnest": a role, then the name as an appositive.
    let appositive_name = !rest.is_empty()
        && rest.len() <= 6
        && rest
            .iter()
            .all(|t| !t.word || is_capitalised(t.text, lex) || lex.particles.contains(t.text))
        && rest.iter().filter(|t| t.word).count() >= 2;
    // The role an appositive gives: "Nazim Ali, a commander with the tribal fighters".
    let appositive_role = (!rest.is_empty() && !appositive_name)
        .then(|| join(text, rest))
        .or(party_tag);
    let alias = alias(rest, lex);
    // "Last month her lawyers", "In a statement the company": a fronted time or place phrase
    // opening the sentence before the subject, which starts at the phrase's last article or possessive that
    // follows a word other than such an opener or "of" ("According to the ministry" stays).
    let mut start = head
        .first()
        .filter(|t| lex.fronted_openers.contains(t.text) && is_capitalised(t.text, lex))
        .and_then(|_| {
            (2..head.len()).rev().find(|&i| {
                let (before, t) = (head[i - 1], head[i]);
                (lex.determiners.contains(t.text) || lex.possessive_determiners.contains(t.text))
                    && before.word
                    && !before.text.eq_ignore_ascii_case("of")
                    && !lex.fronted_openers.contains(before.text)
                    && !lex.determiners.contains(before.text)
                    // "many of those interviewed" is no subject to start at.
                    && !head.get(i + 1).is_some_and(|t| t.text.eq_ignore_ascii_case("of"))
            })
        })
        .unwrap_or(0);
    // Leading sentence adverbs ("Now Wilson explained"), then a determiner.
    while start + 1 < head.len() && lex.is_sentence_adverb(head[start].text) {
        start += 1;
    }
    let mut definite = false;
    while start < head.len() && lex.determiners.contains(head[start].text) {
        definite |= head[start].text.eq_ignore_ascii_case("the");
        start += 1;
    }
    let head = &head[start..];
    if head.is_empty() {
        return None;
    }
    let whole = Span::new(
        head[0].span.start,
        described_end.unwrap_or(head[head.len() - 1].span.end),
    );
    if head.len() == 1 {
        if let Some(kind) = lex.pronoun(head[0].text) {
            return Some(Phrase {
                head: Head::Pronoun(kind),
                mention: head[0].span,
                title: String::new(),
                role: String::new(),
                organisation: String::new(),
                anonymous: false,
                speaks_for: false,
            });
        }
    }
    // The capitalised run at the end of the head: titles then the name.
    let mut r = head.len();
    while r > 0 {
        let t = head[r - 1];
        // A capitalised word always belongs to the run: the other tests are for the rest.
        if t.word && is_capitalised(t.text, lex) {
            r -= 1;
            continue;
        }
        let period = t.text == "." && r >= 2 && head[r - 2].word;
        let particle = t.word && lex.particles.contains(t.text) && r < head.len();
        // "S and P", "Procter & Gamble": a conjunction between capitalised words.
        let conjunction = t.word
            && lex.name_conjunctions.contains(t.text)
            && r >= 2
            && r < head.len()
            && is_capitalised(head[r - 2].text, lex)
            && head[r - 2].text.len() <= 2;
        // "Ministry of Interior", "Commission on Presidential Debates", "Organisation for
        // Economic Cooperation and Development": a connector between capitalised words of an
        // organisation's name.
        let connector = t.word
            && lex.name_connectors.contains(t.text)
            && r >= 2
            && r < head.len()
            && is_capitalised(head[r - 2].text, lex)
            && head.iter().any(|t| lex.organisation_words.contains(t.text));
        if !(period || particle || connector || conjunction) {
            break;
        }
        r -= 1;
    }
    let run = &head[r..];
    let words = words_of(run);
    // The last title in the run (titles may stack: "Staff Maj. Gen.").
    let mut title_span: Option<(usize, usize)> = None;
    let mut w = 0;
    while w < words.len() {
        let n = title_at(&words, w, lex);
        // "Ms King", "Mr Judge": after an honorific, a title-word that ends the run is the
        // surname.
        let surname = w + n == words.len()
            && matches!(title_span, Some((s, e)) if e == w && e == s + 1 && lex.is_honorific(words[s].1));
        if n > 0 && !surname {
            title_span = Some(match title_span {
                Some((s, e)) if e == w => (s, w + n),
                _ => (w, w + n),
            });
            w += n;
        } else {
            w += 1;
        }
    }
    let (title, name_toks, pre_title): (String, &[Tok], &[Tok]) = match title_span {
        Some((s, e)) if e < words.len() || s > 0 || e == words.len() => {
            let t_from = words[s].0;
            let t_to = if e < words.len() {
                words[e].0
            } else {
                run.len()
            };
            (join(text, &run[t_from..t_to]), &run[t_to..], &run[..t_from])
        }
        _ => (String::new(), run, &run[..0]),
    };
    // The words before the run and those of the run before its title: "Iraqi Joint
    // Operations Command spokesman", "district tribal commander".
    let premods = &head[..r + pre_title.len()];
    // Split the premodifier: a leading capitalised run with an organisation word is the
    // organisation ("Iraqi Joint Operations Command spokesman"), the rest the role.
    let caps = premods
        .iter()
        .take_while(|t| !t.word || is_capitalised(t.text, lex))
        .count();
    // "Iraqi Joint Operations Command spokesman": an organisation word; "A United Airlines
    // spokesperson": a name of two or more words before the role noun that ends the phrase.
    let words_in_caps = premods[..caps].iter().filter(|t| t.word).count();
    let ends_in_role = r == head.len()
        && caps < premods.len()
        && premods.last().is_some_and(|t| lex.is_person_noun(t.text));
    let has_org_word = premods[..caps]
        .iter()
        .any(|t| lex.organisation_words.contains(t.text))
        || (words_in_caps >= 2 && ends_in_role);
    let premodifier_role = if has_org_word && organisation.is_empty() {
        organisation = join(text, &premods[..caps]);
        speaks_for = true;
        (caps < premods.len()).then(|| join(text, &premods[caps..]))
    } else {
        (!premods.is_empty()).then(|| join(text, premods))
    };
    let mut role = match (premodifier_role, appositive_role) {
        (Some(premodifier), Some(appositive)) => [premodifier, appositive].join("; "),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    };
    // "Republican Donald Trump", "Acme Chairman Tomas Reyes": words that describe the
    // person go to the role, the name starts after them.
    let name_toks = if name_toks.len() < 3 {
        name_toks
    } else {
        let words: Vec<usize> = (0..name_toks.len())
            .filter(|&i| name_toks[i].word)
            .collect();
        let cut = crate::names::name_start(words.len(), |k| name_toks[words[k]].text, lex);
        if cut > 0 {
            let described = join(text, &name_toks[..words[cut]]);
            role = if role.is_empty() {
                described
            } else {
                format!("{described}; {role}")
            };
            &name_toks[words[cut]..]
        } else {
            name_toks
        }
    };
    let name = join(text, name_toks);
    let name_words: Vec<&str> = name_toks
        .iter()
        .filter(|t| t.word)
        .map(|t| t.text)
        .collect();
    // "Analysts said" at the start of a sentence: a capitalised common noun, not a name.
    let common_plural = name_words.len() == 1 && title.is_empty() && {
        let lower = name_words[0].to_ascii_lowercase();
        let singular = lower
            .strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| lower.strip_suffix('s').map(str::to_string));
        singular.is_some_and(|s| lex.person_nouns.contains(&s))
            || lex.person_nouns.contains(&lower) && premods.is_empty()
    };
    // "a spokesman for Donald Trump": the speaker is the spokesman; the name is whom they
    // speak for.
    let affiliation = premods
        .last()
        .is_some_and(|t| lex.affiliation_prepositions.contains(t.text));
    if !name.is_empty() && affiliation {
        let mut organisation = organisation;
        if organisation.is_empty() {
            organisation = name.clone();
        }
        let described = join(text, head);
        return Some(Phrase {
            head: Head::Affiliated(described),
            mention: whole,
            title,
            role,
            organisation,
            anonymous,
            speaks_for: true,
        });
    }
    if !name.is_empty() && !common_plural {
        let mention = Span::new(
            name_toks[0].span.start,
            name_toks[name_toks.len() - 1].span.end,
        );
        let org_like = name_words
            .iter()
            .any(|w| lex.organisation_words.contains(w))
            || lex.outlets.contains(&name)
            || name_words.iter().any(|w| lex.name_conjunctions.contains(w))
            || (name_words.len() == 1
                && name_words[0].len() >= 2
                && name_words[0]
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-'))
            || (definite && title.is_empty() && premods.is_empty());
        let head = if org_like {
            Head::Organisation(name)
        } else {
            Head::Person(name)
        };
        return Some(Phrase {
            head,
            mention,
            title,
            role,
            organisation,
            anonymous,
            speaks_for,
        });
    }
    let alias = alias.or_else(|| appositive_name.then(|| join(text, rest)));
    // No name, but an appositive gives one: "one resident, who asked to be identified by
    // his nickname Abu Saleh".
    if let Some(alias) = alias {
        let described = join(text, head);
        let role = if role.is_empty() {
            described
        } else if described.ends_with(role.split("; ").next().unwrap_or_default()) {
            // The head already gave role and organisation ("White House" + "spokesman").
            role
        } else {
            format!("{described}; {role}")
        };
        return Some(Phrase {
            head: Head::Person(alias),
            mention: whole,
            title,
            role,
            organisation,
            anonymous,
            speaks_for,
        });
    }
    // No name: a description or a group.
    let head_words: Vec<&str> = head.iter().filter(|t| t.word).map(|t| t.text).collect();
    let noun = head_words
        .last()
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let phrase_text = join(text, head);
    let singular = noun
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| noun.strip_suffix('s').map(str::to_string));
    let plural_person = singular
        .as_deref()
        .is_some_and(|s| lex.person_nouns.contains(s) || s.ends_with("man"))
        || lex.group_nouns.contains(&noun);
    let head = if !title.is_empty() && head_words.len() == words.len() {
        Head::Definite {
            noun: title.to_ascii_lowercase(),
            possessor: None,
            organisation: false,
        }
    } else if plural_person {
        // "Analysts said": capitalised only because it opens the sentence.
        let mut name = phrase_text;
        if head_words.len() == 1 && head_words[0] == name {
            name = name.to_lowercase();
        }
        Head::Group(name)
    } else if (lex.organisation_words.contains(&noun) || lex.document_nouns.contains(&noun))
        && definite
    {
        let possessor = head_words
            .iter()
            .rev()
            .nth(1)
            .and_then(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")))
            .map(str::to_ascii_lowercase);
        Head::Definite {
            noun,
            possessor,
            organisation: true,
        }
    } else if definite
        && (lex.is_person_noun(&noun) || head_words.iter().any(|w| w.ends_with("-year-old")))
    {
        Head::Definite {
            noun,
            possessor: None,
            organisation: false,
        }
    } else if lex.organisation_words.contains(&noun) {
        Head::Organisation(phrase_text)
    } else {
        Head::Other(phrase_text)
    };
    Some(Phrase {
        head,
        mention: whole,
        title,
        role,
        organisation,
        anonymous,
        speaks_for,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokenizes with a whitespace-and-punctuation split good enough for phrase tests.
    fn parse_str(s: &str) -> Phrase {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
            let boundary = c.is_whitespace()
                || matches!(c, ',' | '(' | ')')
                || (c == '.' && start.is_some_and(|st: usize| s[st..i].len() <= 5));
            if boundary {
                if let Some(st) = start.take() {
                    tokens.push(Token::new(Span::new(st, i), TokenKind::Word).expect("short text"));
                }
                if !c.is_whitespace() && i < s.len() {
                    tokens.push(
                        Token::new(Span::new(i, i + 1), TokenKind::Punct).expect("short text"),
                    );
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        parse(s, &tokens, &Lexicons::load()).expect("parses")
    }

    #[test]
    fn organisation_role_title_name() {
        let p = parse_str("Iraqi Joint Operations Command spokesman Brig. Gen. Yahya Rasul");
        assert_eq!(p.head, Head::Person("Yahya Rasul".into()));
        assert_eq!(
            (p.title.as_str(), p.role.as_str(), p.organisation.as_str()),
            ("Brig. Gen.", "spokesman", "Iraqi Joint Operations Command")
        );
    }

    /// "Ms King" was read as the title "Ms King" with no name (a title-word after an
    /// honorific), and resolved to the latest person met.
    #[test]
    fn a_title_word_after_an_honorific_is_the_surname() {
        let p = parse_str("Ms King");
        assert_eq!(
            (p.head, p.title.as_str()),
            (Head::Person("King".into()), "Ms")
        );
        // Not when it is followed by a name: "Mr. President Obama" keeps its title.
        let p = parse_str("Mr. President Obama");
        assert_eq!(p.head, Head::Person("Obama".into()));
        assert_eq!(p.title, "Mr. President");
    }

    #[test]
    fn role_premodifier_and_particle_names() {
        let p = parse_str("Anbar provincial council member Kamal al-Tikriti");
        assert_eq!(p.head, Head::Person("Kamal al-Tikriti".into()));
        assert_eq!(p.role, "Anbar provincial council member");
        let p = parse_str("district tribal commander Sheikh Qasim al-Mansour");
        assert_eq!(
            (p.title.as_str(), p.role.as_str()),
            ("Sheikh", "district tribal commander")
        );
    }

    #[test]
    fn appositive_and_of_organisation() {
        let p = parse_str("Nazim Ali, a commander with the tribal fighters");
        assert_eq!(p.head, Head::Person("Nazim Ali".into()));
        assert_eq!(p.role, "a commander with the tribal fighters");
        let p = parse_str("Brig. Gen. Haider Ali of the Counter-Terrorism Service (CTS)");
        assert_eq!(p.head, Head::Person("Haider Ali".into()));
        assert_eq!(p.organisation, "Counter-Terrorism Service");
    }

    #[test]
    fn appositive_alias_names_an_unnamed_speaker() {
        let p = parse_str("one villager, who asked to be identified only by his nickname Abu Omar for fear of reprisals");
        assert_eq!(p.head, Head::Person("Abu Omar".into()));
        assert!(p.role.starts_with("villager"), "{}", p.role);
        assert_eq!(
            parse_str("a doctor, who asked not to be named").head,
            Head::Other("doctor".into())
        );
    }

    #[test]
    fn role_then_name_as_appositive() {
        let p = parse_str("the White House spokesman, Josh Earnest");
        assert_eq!(p.head, Head::Person("Josh Earnest".into()));
        assert_eq!(
            (p.role.as_str(), p.organisation.as_str()),
            ("spokesman", "White House")
        );
    }

    #[test]
    fn affiliations_and_capitalised_common_nouns() {
        let p = parse_str("a spokesman for Donald Trump");
        assert_eq!(
            p.head,
            Head::Affiliated("spokesman for Donald Trump".into())
        );
        assert_eq!(p.organisation, "Donald Trump");
        assert_eq!(parse_str("Analysts").head, Head::Group("analysts".into()));
        let p = parse_str("Republicans on Capitol Hill");
        assert_eq!(
            (p.head, p.organisation.as_str()),
            (Head::Group("republicans".into()), "Capitol Hill")
        );
        let p = parse_str("Sen. Ted Cruz in Iowa");
        assert_eq!(p.head, Head::Person("Ted Cruz".into()));
        assert_eq!(
            parse_str("the Commission on Presidential Debates").head,
            Head::Organisation("Commission on Presidential Debates".into())
        );
        assert_eq!(
            parse_str("S and P").head,
            Head::Organisation("S and P".into())
        );
    }

    #[test]
    fn pronouns_groups_descriptions() {
        assert_eq!(parse_str("he").head, Head::Pronoun(PronounKind::Male));
        assert_eq!(
            parse_str("security officials").head,
            Head::Group("security officials".into())
        );
        assert_eq!(
            parse_str("the ministry").head,
            Head::Definite {
                noun: "ministry".into(),
                possessor: None,
                organisation: true
            }
        );
        assert_eq!(
            parse_str("the command's statement").head,
            Head::Definite {
                noun: "statement".into(),
                possessor: Some("command".into()),
                organisation: true
            }
        );
        assert_eq!(
            parse_str("the 50-year-old psychologist").head,
            Head::Definite {
                noun: "psychologist".into(),
                possessor: None,
                organisation: false
            }
        );
        assert_eq!(
            parse_str("the Joint Operations Command").head,
            Head::Organisation("Joint Operations Command".into())
        );
        assert_eq!(parse_str("AFP").head, Head::Organisation("AFP".into()));
        assert_eq!(
            parse_str("the Ministry of Interior").head,
            Head::Organisation("Ministry of Interior".into())
        );
    }
}
