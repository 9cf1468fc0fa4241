//! whosaid-attribute: claims to speakers, titles, roles, organisations and outlets.
//!
//! For each claim the resolver reads the speaker phrase the detector found next to the cue
//! (see `phrase`), then resolves it against the speakers met earlier in the same article:
//! pronouns to the most recent compatible speaker, surnames to the full name, definite
//! descriptions ("the ministry", "the 50-year-old psychologist") to an earlier speaker that
//! fits, cue-less quotes to the speaker before them. Resolution never crosses articles: each
//! call to [`Resolver::resolve`] starts from nothing. Each attribution names the rule that
//! found its speaker (the CSV `rule` column); [`RULES`] documents them, with examples.
//!
//! ```
//! use whosaid_attribute::Resolver;
//! use whosaid_core::{Article, Resolution};
//! use whosaid_detect::Detector;
//! use whosaid_segment::Segmenter;
//!
//! let article = Article::new("a", "Army spokesman Brig. Gen. Ali Hadi said the town fell.\n\nThe fighters fled, Hadi said.");
//! let doc = Segmenter::new().segment(&article.text, None);
//! let claims = Detector::new().detect(&article.text, &doc);
//! let found = Resolver::new().resolve(&article, &doc, claims);
//! let speaker = found[1].speaker.as_ref().unwrap();
//! assert_eq!(speaker.name, "Ali Hadi");
//! assert_eq!(found[1].resolution, Resolution::Surname);
//! ```
#![deny(missing_docs)]

mod cursor;
mod describe;
mod lexicons;
mod names;
mod phrase;
mod rules;
mod shape;

pub use rules::{AttributeRule, RULES};

use whosaid_core::{
    speaker_id, Article, Attribution, Claim, Document, Resolution, RuleId, Speaker, SpeakerKind,
};

use describe::add_role;
use lexicons::{Lexicons, PronounKind};
use phrase::{Head, Phrase};
use rules::{CONTINUATION, DESCRIPTION, EXPLICIT, GROUP, PRONOUN, SURNAME, UNRESOLVED};
use shape::{speaker_name_shaped, valid_name, NAME_WORDS};

/// Resolves who made each claim. Build once; `resolve` cannot fail.
#[derive(Debug)]
pub struct Resolver {
    lex: Lexicons,
}

impl Default for Resolver {
    fn default() -> Resolver {
        Resolver::new()
    }
}

/// A speaker met in the article.
#[derive(Debug, Clone)]
struct Entity {
    speaker: Speaker,
    /// 'm', 'f' or unknown.
    gender: Option<char>,
    /// What the first name suggests ('m', 'f'): weaker than `gender`, since a first name
    /// common for one sex in one country is not everywhere.
    name_gender: Option<char>,
    /// Position (claim start) of the latest claim attributed to it.
    last: usize,
    /// The surface form that introduced it ("al-Mansour" for a pronoun chain).
    last_mention: String,
    /// A person described but not named ("a lawmaker in the Philippines"): the name is the
    /// description, and the article may name them later.
    unnamed: bool,
    /// Where the phrase that introduced it ends (byte offset).
    introduced: usize,
    /// The named person an unnamed one turned out to be ("a lawmaker ..." then "Joey Salceda
    /// ..., the lawmaker"): their claims are that person's.
    same_as: Option<usize>,
}

impl Resolver {
    /// Builds a resolver from the bundled lexicons.
    pub fn new() -> Resolver {
        Resolver {
            lex: Lexicons::load(),
        }
    }

    /// Resolves the speakers of one article's claims, keeping their order.
    pub fn resolve(
        &self,
        article: &Article,
        doc: &Document,
        claims: Vec<Claim>,
    ) -> Vec<Attribution> {
        let text = article.text.as_str();
        if claims.is_empty() {
            return Vec::new();
        }
        // Built on first use: most articles resolve every speaker without it.
        let names = names::LazyNames::new(text, doc, &self.lex);
        let mut state = State {
            entities: Vec::new(),
            recent: std::collections::VecDeque::new(),
            lex: &self.lex,
            names: &names,
        };
        let mut out: Vec<Attribution> = Vec::with_capacity(claims.len());
        // Claims sharing a group share the speaker found for the first piece.
        let mut by_group: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
        let mut pending_continuations = Vec::new();
        // The entity behind each attribution, for the final pass over roles.
        let mut entities: Vec<Option<usize>> = Vec::with_capacity(claims.len());
        let mut cursor = cursor::TokenCursor::new(&doc.tokens);
        for claim in claims {
            let (entity, mention, resolution, rule, chain, phrase) = match claim.source {
                Some(source) => {
                    // "Kaine, who said ...": "who" is the mention, the phrase before it names
                    // the speaker.
                    let tokens = cursor.tokens(source);
                    let relative = relative_pronoun(text, tokens, source);
                    match phrase::parse(text, tokens, &self.lex) {
                        Some(p) => {
                            let (e, resolution, rule, chain) =
                                state.resolve_phrase(text, &p, claim.span.start);
                            let mention = relative.unwrap_or(p.mention);
                            (e, Some(mention), resolution, rule, chain, Some(p))
                        }
                        None => (
                            None,
                            relative,
                            Resolution::None,
                            UNRESOLVED,
                            Vec::new(),
                            None,
                        ),
                    }
                }
                None if !claim.continuation => {
                    // A claim that the detector knows has no speaker ("Asked whether ...").
                    (None, None, Resolution::None, UNRESOLVED, Vec::new(), None)
                }
                None => {
                    if let Some(&first) = by_group.get(&claim.group) {
                        let prev: &Attribution = &out[first];
                        (
                            None,
                            prev.mention,
                            prev.resolution,
                            prev.rule,
                            prev.chain.clone(),
                            None,
                        )
                    } else {
                        pending_continuations.push(out.len());
                        (
                            None,
                            None,
                            Resolution::Continuation,
                            CONTINUATION,
                            Vec::new(),
                            None,
                        )
                    }
                }
            };
            // A speaker whose name is no name ("." or "Mrs. Clinton struck many of the same"):
            // an empty cell beats a wrong one.
            let (entity, resolution, rule) = match entity {
                Some(e) if !speaker_name_shaped(&state.entities[e].speaker, &self.lex) => {
                    (None, Resolution::None, UNRESOLVED)
                }
                _ => (entity, resolution, rule),
            };
            // The name and kind only: the title, role and organisation are filled in below, once
            // the whole article has said what it says about the speaker.
            let speaker = entity.map(|e| {
                let known = &state.entities[e].speaker;
                Speaker {
                    name: known.name.clone(),
                    kind: known.kind,
                    ..Speaker::default()
                }
            });
            if let Some(e) = entity {
                state.entities[e].last = claim.span.start;
                state.touch(e);
            }
            let outlet = self
                .outlet(text, &claim, phrase.as_ref(), &speaker, &names)
                .or_else(|| article.outlet.clone());
            by_group.entry(claim.group).or_insert(out.len());
            entities.push(entity);
            out.push(Attribution {
                claim,
                speaker,
                mention,
                resolution,
                outlet,
                chain,
                rule,
            });
        }
        // Claims of someone described first and named later are the named person's.
        for (a, e) in out.iter_mut().zip(entities.iter_mut()) {
            let Some(named) = e.and_then(|e| state.entities[e].same_as) else {
                continue;
            };
            *e = Some(named);
            let known = &state.entities[named].speaker;
            a.speaker = Some(Speaker {
                name: known.name.clone(),
                kind: known.kind,
                ..Speaker::default()
            });
            a.resolution = Resolution::Description;
            a.rule = DESCRIPTION;
            a.chain.push(state.display(named));
        }
        // What the article says about a speaker anywhere (a role given in a later mention:
        // "Haddad, the Qayara resident, said"; a title before the name where they were not
        // speaking: "Finance Minister Ann Lee") holds for all of their claims.
        let mut described = vec![false; state.entities.len()];
        for e in entities.iter().flatten() {
            if !std::mem::replace(&mut described[*e], true) {
                state.describe_from_article(*e);
            }
        }
        for e in 0..state.entities.len() {
            state.specific_organisation(e);
        }
        // Each speaker's id, made once however many claims they have.
        let mut ids: Vec<Option<String>> = vec![None; state.entities.len()];
        for (a, e) in out.iter_mut().zip(&entities) {
            if let (Some(speaker), Some(e)) = (a.speaker.as_mut(), e) {
                let known = &state.entities[*e].speaker;
                speaker.title.clone_from(&known.title);
                speaker
                    .id
                    .clone_from(ids[*e].get_or_insert_with(|| speaker_id(known.kind, &known.name)));
                speaker.role.clone_from(&known.role);
                speaker.organisation.clone_from(&known.organisation);
            }
        }
        fill_continuations(&mut out, &pending_continuations);
        out
    }

    /// The outlet: who the speaker told ("told Diyaruna"), where it was said ("on Fox News
    /// Sunday"), or who reported it ("AFP reported").
    fn outlet(
        &self,
        text: &str,
        claim: &Claim,
        phrase: Option<&Phrase>,
        speaker: &Option<Speaker>,
        names: &names::LazyNames,
    ) -> Option<String> {
        if let Some(r) = claim.recipient {
            let hearer = text[r]
                .trim()
                .trim_start_matches("the ")
                .trim_start_matches("The ")
                .to_string();
            let capitalised = hearer.chars().next().is_some_and(char::is_uppercase);
            // Asked last: the question may build the article's name index.
            let person = || {
                names.is_person(&hearer)
                    || hearer.split_whitespace().count() > 1
                        && self.lex.titles.contains(
                            &hearer
                                .split_whitespace()
                                .next()
                                .unwrap_or("")
                                .replace('.', ""),
                        )
            };
            if capitalised && self.lex.pronoun(&hearer).is_none() && !person() {
                return Some(text[r].trim().to_string());
            }
        }
        if let (Some(p), Some(s)) = (phrase, speaker) {
            let cue = claim
                .cue
                .map(|c| text[c].to_ascii_lowercase())
                .unwrap_or_default();
            if matches!(p.head, Head::Organisation(_))
                && self.lex.report_cues.contains(&cue)
                && (self.lex.outlets.contains(&s.name) || cue.starts_with("report"))
            {
                return Some(s.name.clone());
            }
        }
        None
    }
}

/// Cue-less quotes take the speaker of the nearest attributed claim before them, or, for a
/// quote that opens an article's run of quotes, the next one after.
fn fill_continuations(out: &mut [Attribution], pending: &[usize]) {
    for &i in pending {
        let para = out[i].claim.paragraph;
        // Bounded by paragraph distance, so an article of thousands of quotes stays linear.
        let before = (0..i)
            .rev()
            .take_while(|&j| para <= out[j].claim.paragraph + 2)
            .find(|&j| out[j].mention.is_some() && !out[j].claim.continuation);
        let after = (i + 1..out.len())
            .take_while(|&j| out[j].claim.paragraph <= para + 1)
            .find(|&j| out[j].mention.is_some());
        // Nearest first: a speaker earlier in the same paragraph, then later in it (`"A."
        // "B," he said.`), then earlier paragraphs, then the next one.
        let same_para = |j: &usize| out[*j].claim.paragraph == para;
        let from = before
            .filter(same_para)
            .or(after.filter(same_para))
            .or(before)
            .or(after);
        if let Some(j) = from {
            // The mention is the antecedent's, so an auditor sees where the speaker was named.
            let (speaker, outlet, mention) = (
                out[j].speaker.clone(),
                out[j].outlet.clone(),
                out[j].mention,
            );
            out[i].mention = mention;
            let mut chain = vec![String::from("(continues)")];
            chain.extend(out[j].chain.iter().cloned());
            if speaker.is_none() {
                // The antecedent was named ("he") but not resolved: so is this claim.
                out[i].resolution = Resolution::None;
            }
            out[i].speaker = speaker;
            out[i].chain = chain;
            if out[i].outlet.is_none() {
                out[i].outlet = outlet;
            }
        } else {
            out[i].resolution = Resolution::None;
            out[i].rule = UNRESOLVED;
        }
    }
}

/// How many of the most recently active speakers a mention is compared with. An article has
/// far fewer speakers; the bound keeps a pathological one (a 50 MB page of "X said") linear.
const WINDOW: usize = 64;

struct State<'a> {
    entities: Vec<Entity>,
    /// Entity indices, most recently active first (bounded to `2 * WINDOW`).
    recent: std::collections::VecDeque<usize>,
    lex: &'a Lexicons,
    names: &'a names::LazyNames<'a>,
}

type Resolved = (Option<usize>, Resolution, RuleId, Vec<String>);

impl State<'_> {
    fn display(&self, e: usize) -> String {
        let s = &self.entities[e].speaker;
        // Sized once: growing from empty reallocated two or three times a chain.
        let mut out = String::with_capacity(
            s.title.len() + s.name.len() + s.role.len() + s.organisation.len() + 5,
        );
        if !s.title.is_empty() {
            out.push_str(&s.title);
            out.push(' ');
        }
        out.push_str(&s.name);
        for extra in [&s.role, &s.organisation] {
            if !extra.is_empty() {
                out.push_str(", ");
                out.push_str(extra);
            }
        }
        out
    }

    fn add(&mut self, speaker: Speaker, mention: &str, at: usize) -> usize {
        self.add_with_gender(speaker, None, mention, at)
    }

    /// Adds a speaker whose sex the phrase may have said ("Mrs." in `gender_title`); else the
    /// title or the first name says it, if either does.
    fn add_with_gender(
        &mut self,
        speaker: Speaker,
        gender_title: Option<&str>,
        mention: &str,
        at: usize,
    ) -> usize {
        let gender = gender_title
            .and_then(|t| self.lex.title_gender(t))
            .or_else(|| self.lex.title_gender(&speaker.title));
        let name_gender = (speaker.kind == Some(SpeakerKind::Person))
            .then(|| self.lex.name_gender(&speaker.name))
            .flatten();
        self.entities.push(Entity {
            speaker,
            gender,
            name_gender,
            last: at,
            last_mention: mention.to_string(),
            unnamed: false,
            introduced: at,
            same_as: None,
        });
        let e = self.entities.len() - 1;
        self.touch(e);
        e
    }

    /// The recent speaker of the same kind and name, or a new one.
    fn find_or_add(&mut self, speaker: Speaker, mention: &str, at: usize) -> usize {
        let same = self.most_recent(|en| {
            en.speaker.kind == speaker.kind && en.speaker.name.eq_ignore_ascii_case(&speaker.name)
        });
        same.unwrap_or_else(|| self.add(speaker, mention, at))
    }

    /// Marks entity `e` as the most recently active one.
    fn touch(&mut self, e: usize) {
        if self.recent.front() == Some(&e) {
            return;
        }
        if let Some(pos) = self.recent.iter().take(WINDOW).position(|&x| x == e) {
            self.recent.remove(pos);
        }
        self.recent.push_front(e);
        self.recent.truncate(2 * WINDOW);
    }

    /// Adds what a new mention says about an entity (title, role, organisation) where the
    /// entity has none yet.
    fn enrich(&mut self, e: usize, p: &Phrase) {
        let s = &mut self.entities[e].speaker;
        let title = if self.lex.is_honorific(&p.title) {
            ""
        } else {
            p.title.as_str()
        };
        for (slot, new) in [
            (&mut s.title, title),
            (&mut s.organisation, &p.organisation),
        ] {
            if slot.is_empty() && !new.is_empty() {
                *slot = new.to_string();
            }
        }
        add_role(&mut s.role, &p.role);
    }

    /// Entity `e` named again by `p`: keeps what the phrase adds, and gives the chain from
    /// this mention to the entity.
    fn mentioned_again(&mut self, e: usize, p: &Phrase, mention: String) -> Vec<String> {
        self.enrich(e, p);
        self.entities[e].last_mention = mention.clone();
        vec![mention, self.display(e)]
    }

    fn most_recent(&self, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.recent
            .iter()
            .take(WINDOW)
            .copied()
            .find(|&e| ok(&self.entities[e]))
    }

    fn resolve_phrase(&mut self, text: &str, p: &Phrase, at: usize) -> Resolved {
        let mention = text[p.mention].to_string();
        let title = if self.lex.is_honorific(&p.title) {
            String::new()
        } else {
            p.title.clone()
        };
        let new_speaker = |name: String, kind: SpeakerKind| Speaker {
            name,
            title: title.clone(),
            role: p.role.clone(),
            organisation: p.organisation.clone(),
            kind: Some(kind),
            id: String::new(),
        };
        // Nobody named: "a source", "an official who asked not to be named", "one resident".
        // The description is the role; the name stays empty.
        let unnamed = |state: &mut Self, description: &str| {
            let speaker = Speaker {
                role: phrase::one_line(description),
                ..new_speaker(String::new(), SpeakerKind::Anonymous)
            };
            let e = state.add_with_gender(speaker, Some(&p.title), &mention, at);
            (
                Some(e),
                Resolution::Explicit,
                EXPLICIT,
                vec![mention.clone()],
            )
        };
        let names_someone = || {
            text[p.mention].split_whitespace().any(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && self.names.is_person(w)
            })
        };
        if p.anonymous && !matches!(p.head, Head::Person(_) | Head::Pronoun(_)) && !names_someone()
        {
            let description = match &p.head {
                Head::Group(d) | Head::Other(d) | Head::Affiliated(d) => d.clone(),
                _ => text[p.mention].to_string(),
            };
            return unnamed(self, &description);
        }
        match &p.head {
            Head::Pronoun(kind) => {
                let e = match kind {
                    PronounKind::Male | PronounKind::Female | PronounKind::Person => {
                        let want = match kind {
                            PronounKind::Male => Some('m'),
                            PronounKind::Female => Some('f'),
                            _ => None,
                        };
                        let fits = |en: &Entity| {
                            want.is_none() || en.gender.is_none() || en.gender == want
                        };
                        // The first name's usual sex counts unless a title or an earlier
                        // pronoun has said otherwise.
                        let fits_name = |en: &Entity| {
                            fits(en)
                                && (en.gender.is_some()
                                    || want.is_none()
                                    || en.name_gender.is_none_or(|g| Some(g) == want))
                        };
                        let person = |en: &Entity| en.speaker.kind == Some(SpeakerKind::Person);
                        // A named person beats an unnamed one ("a teacher"): "she" after
                        // "Maria Lopez ... the teacher" is Maria Lopez.
                        self.most_recent(|en| person(en) && fits_name(en))
                            .or_else(|| self.most_recent(|en| person(en) && fits(en)))
                            .or_else(|| {
                                self.most_recent(|en| {
                                    en.speaker.kind == Some(SpeakerKind::Anonymous) && fits(en)
                                })
                            })
                    }
                    PronounKind::Plural => self.most_recent(|en| {
                        matches!(
                            en.speaker.kind,
                            Some(SpeakerKind::Group) | Some(SpeakerKind::Organisation)
                        )
                    }),
                    PronounKind::Organisation => self.most_recent(|en| {
                        matches!(
                            en.speaker.kind,
                            Some(SpeakerKind::Organisation) | Some(SpeakerKind::Document)
                        )
                    }),
                };
                match e {
                    Some(e) => {
                        if matches!(kind, PronounKind::Male | PronounKind::Female) {
                            self.entities[e].gender =
                                Some(if *kind == PronounKind::Male { 'm' } else { 'f' });
                        }
                        let chain = vec![
                            mention,
                            self.entities[e].last_mention.clone(),
                            self.display(e),
                        ];
                        (Some(e), Resolution::Pronoun, PRONOUN, chain)
                    }
                    // No speaker yet: the nearest person named before ("Mr. Reagan told
                    // Congress ... he said"), for "he" and "she".
                    None => match kind {
                        PronounKind::Male | PronounKind::Female => {
                            let want = if *kind == PronounKind::Male { 'm' } else { 'f' };
                            let nearest =
                                self.names.nearest_before(p.mention.start).filter(|full| {
                                    self.lex.name_gender(full).is_none_or(|g| g == want)
                                });
                            match nearest {
                                Some(full) => {
                                    let e = self.add(
                                        new_speaker(full, SpeakerKind::Person),
                                        &mention,
                                        at,
                                    );
                                    let chain = vec![mention, self.display(e)];
                                    (Some(e), Resolution::Pronoun, PRONOUN, chain)
                                }
                                None => (None, Resolution::None, UNRESOLVED, vec![mention]),
                            }
                        }
                        _ => (None, Resolution::None, UNRESOLVED, vec![mention]),
                    },
                }
            }
            Head::Person(name) => {
                // "Trump's": a possessive is the name's, not part of it.
                let name = name
                    .strip_suffix("'s")
                    .or_else(|| name.strip_suffix("’s"))
                    .unwrap_or(name);
                if !valid_name(name)
                    || self.lex.is_sentence_adverb(name)
                    || self.lex.is_headline(name)
                {
                    return (None, Resolution::None, UNRESOLVED, vec![mention]);
                }
                let name = self.lex.name_proper(name);
                let words: Vec<&str> = name.split_whitespace().collect();
                // The same name again, or a shorter form of an earlier full name.
                let same = self.most_recent(|en| {
                    en.speaker.kind == Some(SpeakerKind::Person)
                        && en.speaker.name.eq_ignore_ascii_case(name)
                });
                if let Some(e) = same {
                    let chain = self.mentioned_again(e, p, mention);
                    return (Some(e), Resolution::Explicit, EXPLICIT, chain);
                }
                if words.len() == 1 || words.len() == 2 && self.lex.particles.contains(words[0]) {
                    let short = name;
                    let by_entity = self.most_recent(|en| {
                        en.speaker.kind == Some(SpeakerKind::Person)
                            && names::ends_with_name(&en.speaker.name, short)
                    });
                    if let Some(e) = by_entity {
                        let chain = self.mentioned_again(e, p, mention);
                        return (Some(e), Resolution::Surname, SURNAME, chain);
                    }
                    if let Some(full) = self.names.full_name(short, p.mention.start) {
                        let e = self.add_with_gender(
                            new_speaker(full, SpeakerKind::Person),
                            Some(&p.title),
                            &mention,
                            at,
                        );
                        let chain = vec![mention, self.display(e)];
                        return (Some(e), Resolution::Surname, SURNAME, chain);
                    }
                }
                let e = self.add_with_gender(
                    new_speaker(name.to_string(), SpeakerKind::Person),
                    Some(&p.title),
                    &mention,
                    at,
                );
                (
                    Some(e),
                    Resolution::Explicit,
                    EXPLICIT,
                    vec![mention, self.display(e)],
                )
            }
            Head::Organisation(name) => {
                // "EIA" after "the Energy Information Administration (EIA)": one speaker.
                let name = self.names.spelled_out(name).unwrap_or_else(|| name.clone());
                let e =
                    self.find_or_add(new_speaker(name, SpeakerKind::Organisation), &mention, at);
                let chain = vec![mention, self.display(e)];
                (Some(e), Resolution::Explicit, EXPLICIT, chain)
            }
            Head::Group(name) => {
                // "Armstrong huddled briefly with other party leaders": no noun phrase.
                if !self.lex.looks_like_noun_phrase(name) {
                    return (None, Resolution::None, UNRESOLVED, vec![mention]);
                }
                // "The officials" after "Agency officials": the same group, named by its
                // head noun alone.
                let same_head = (!name.contains(' '))
                    .then(|| {
                        self.most_recent(|en| {
                            en.speaker.kind == Some(SpeakerKind::Group)
                                && en
                                    .speaker
                                    .name
                                    .rsplit(' ')
                                    .next()
                                    .is_some_and(|w| w.eq_ignore_ascii_case(name))
                        })
                    })
                    .flatten();
                let e = same_head.unwrap_or_else(|| {
                    self.find_or_add(new_speaker(name.clone(), SpeakerKind::Group), &mention, at)
                });
                // "Economic Planning Agency officials" after "officials": whose they are.
                self.enrich(e, p);
                (Some(e), Resolution::Group, GROUP, vec![mention])
            }
            Head::Definite {
                noun,
                possessor,
                organisation,
            } => {
                // "the report", "the ministry's statement": a document, written by the
                // organisation it names or the latest one.
                if *organisation && self.lex.document_nouns.contains(noun) {
                    let author = possessor
                        .as_deref()
                        .and_then(|key| self.organisation_named(key))
                        .or_else(|| {
                            self.most_recent(|en| {
                                en.speaker.kind == Some(SpeakerKind::Organisation)
                            })
                        });
                    // Named for its author when the article gives one: "Ministry of
                    // Defence statement".
                    let author = author.map(|a| self.entities[a].speaker.name.clone());
                    // An author too long to name it by ("Organisation for Economic Cooperation
                    // and Development report" would be no speaker's name) leaves the document
                    // its own phrase.
                    let name = match &author {
                        Some(a) if a.split_whitespace().count() < NAME_WORDS => {
                            format!("{a} {noun}")
                        }
                        _ => phrase::one_line(text[p.mention].trim_start_matches("the ")),
                    };
                    let mut speaker = new_speaker(name, SpeakerKind::Document);
                    if speaker.organisation.is_empty() {
                        speaker.organisation = author.unwrap_or_default();
                    }
                    let e = self.find_or_add(speaker, &mention, at);
                    let chain = vec![mention, self.display(e)];
                    return (Some(e), Resolution::Description, DESCRIPTION, chain);
                }
                let found = if *organisation {
                    let key = possessor.as_deref().unwrap_or(noun);
                    let named = self.organisation_named(key);
                    // "the company", "the firm": the latest organisation, when the article
                    // has named one.
                    let latest = self.lex.latest_organisation_nouns.contains(noun);
                    named.or_else(|| {
                        if latest && possessor.is_none() {
                            self.most_recent(|en| {
                                en.speaker.kind == Some(SpeakerKind::Organisation)
                            })
                        } else {
                            None
                        }
                    })
                } else {
                    let by_role = self.most_recent(|en| {
                        en.speaker.kind == Some(SpeakerKind::Person)
                            && (en.speaker.role.to_lowercase().contains(noun.as_str())
                                || en.speaker.title.to_lowercase().contains(noun.as_str()))
                    });
                    // "a lawmaker ..." and later "Joey Salceda said ... The lawmaker said":
                    // the lawmaker is the person named since.
                    let described_first = by_role.filter(|&e| self.named_later(text, e));
                    let by_role = by_role.filter(|_| described_first.is_none());
                    // "the chancellor": the person whose role says so, else the latest named
                    // person; with no person named yet, the one the article calls so anywhere
                    // ("Chancellor Ann Lee"), else the one it names most, else the one named
                    // before it in its sentence. A person described but not named ("a lawmaker") is "the
                    // lawmaker", never "the candidate".
                    let person = |en: &Entity| en.speaker.kind == Some(SpeakerKind::Person);
                    let mut found = by_role;
                    if found.is_none() {
                        found = self.most_recent(|en| person(en) && !en.unnamed);
                    }
                    if found.is_none() {
                        if let Some(full) = self.names.described_as(noun, p.mention.start) {
                            found = Some(self.find_or_add(
                                new_speaker(full, SpeakerKind::Person),
                                &mention,
                                at,
                            ));
                        }
                    }
                    if found.is_none() {
                        if let Some(full) = self.names.most_mentioned() {
                            found = Some(self.find_or_add(
                                new_speaker(full, SpeakerKind::Person),
                                &mention,
                                at,
                            ));
                        }
                    }
                    // Else the person named before it in its sentence ("calling for Donald
                    // Trump to be banned after the U.S. presidential candidate suggested ...").
                    if found.is_none() {
                        if let Some(full) = self.names.nearest_in_sentence(p.mention.start) {
                            found = Some(self.find_or_add(
                                new_speaker(full, SpeakerKind::Person),
                                &mention,
                                at,
                            ));
                        }
                    }
                    if let (Some(u), Some(n)) = (described_first, found) {
                        if n > u && !self.entities[n].unnamed {
                            self.entities[u].same_as = Some(n);
                        }
                    }
                    found
                };
                match found {
                    Some(e) => {
                        let chain = vec![
                            mention.clone(),
                            self.entities[e].last_mention.clone(),
                            self.display(e),
                        ];
                        // "the 50-year-old psychologist" describes the person it resolves to.
                        if !*organisation {
                            let described = mention.trim_start_matches("the ").to_string();
                            add_role(&mut self.entities[e].speaker.role, &described);
                        }
                        (Some(e), Resolution::Description, DESCRIPTION, chain)
                    }
                    None if *organisation => {
                        let e = self.add(
                            new_speaker(text[p.mention].to_string(), SpeakerKind::Organisation),
                            &mention,
                            at,
                        );
                        (Some(e), Resolution::Explicit, EXPLICIT, vec![mention])
                    }
                    // A person described but never named: the description is the speaker.
                    None => {
                        let e = self.add_with_gender(
                            new_speaker(text[p.mention].to_string(), SpeakerKind::Person),
                            Some(&p.title),
                            &mention,
                            at,
                        );
                        self.entities[e].unnamed = true;
                        self.entities[e].introduced = p.mention.end;
                        (Some(e), Resolution::Explicit, EXPLICIT, vec![mention])
                    }
                }
            }
            Head::Affiliated(phrase) => {
                // "a spokesman for Donald Trump" is described, not named; "a spokesman for
                // United Airlines" is the airline speaking.
                if self.names.is_person(&p.organisation) {
                    return self.described_person(phrase, p, mention, at);
                }
                self.organisation_speaking(p, mention, at)
            }
            Head::Other(phrase) => {
                if !self.lex.looks_like_noun_phrase(phrase) {
                    // "Clinton talks about the rampant", "you very", "down 0.2 percentage
                    // points": not a noun phrase; an empty speaker beats a wrong one.
                    return (None, Resolution::None, UNRESOLVED, vec![mention]);
                }
                let noun = head_noun(phrase, self.lex);
                if self.lex.document_nouns.contains(&noun) {
                    let e = self.find_or_add(
                        new_speaker(phrase.clone(), SpeakerKind::Document),
                        &mention,
                        at,
                    );
                    return (Some(e), Resolution::Explicit, EXPLICIT, vec![mention]);
                }
                let plural = noun.ends_with('s') && !noun.ends_with("ss");
                if !self.lex.is_person_noun(&noun) {
                    // "the watchdog", "the research team", "the crowd".
                    let kind = if plural {
                        SpeakerKind::Group
                    } else {
                        SpeakerKind::Organisation
                    };
                    let e = self.find_or_add(new_speaker(phrase.clone(), kind), &mention, at);
                    return (Some(e), Resolution::Explicit, EXPLICIT, vec![mention]);
                }
                // "Residents of the communities": people, unnamed.
                if plural {
                    let e = self.find_or_add(
                        new_speaker(phrase.clone(), SpeakerKind::Group),
                        &mention,
                        at,
                    );
                    return (Some(e), Resolution::Group, GROUP, vec![mention]);
                }
                // "A United Airlines spokesperson": the airline speaks.
                if p.speaks_for && p.title.is_empty() {
                    return self.organisation_speaking(p, mention, at);
                }
                self.described_person(phrase, p, mention, at)
            }
        }
    }

    /// A person the article describes but does not name ("one resident", "a coalition
    /// commander"): the description is the speaker.
    fn described_person(
        &mut self,
        phrase: &str,
        p: &Phrase,
        mention: String,
        at: usize,
    ) -> Resolved {
        let speaker = Speaker {
            name: phrase::one_line(phrase),
            title: String::new(),
            role: p.role.clone(),
            organisation: p.organisation.clone(),
            kind: Some(SpeakerKind::Person),
            id: String::new(),
        };
        let e = self.add_with_gender(speaker, Some(&p.title), &mention, at);
        self.entities[e].unnamed = true;
        self.entities[e].introduced = p.mention.end;
        (Some(e), Resolution::Explicit, EXPLICIT, vec![mention])
    }

    /// Whether the article named, after the unnamed person `e` ("a lawmaker in the
    /// Philippines"), a person with no title or role of their own, where they speak or
    /// anywhere in the article ("Joey Salceda said"):
    /// news often describes someone first and names them later, so a later "the lawmaker" is
    /// that named person, not the description.
    fn named_later(&self, text: &str, e: usize) -> bool {
        let first = self.entities[e].introduced.min(text.len());
        self.entities[e].unnamed
            && self.entities[e + 1..].iter().any(|en| {
                en.speaker.kind == Some(SpeakerKind::Person)
                    && !en.unnamed
                    && en.speaker.title.is_empty()
                    // Named after the description, not before it ("Lawson told Funaro ...,
                    // a Treasury spokesman said"): the article is naming whom it described.
                    && en
                        .speaker
                        .name
                        .rsplit(' ')
                        .next()
                        .is_some_and(|last| !text[..first].contains(last))
                    // Nor described anywhere else in the article ("Finance Minister ...").
                    && self.names.described_nowhere(&en.speaker.name)
                    && !en
                        .speaker
                        .role
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| self.lex.is_person_noun(&w.to_lowercase()))
            })
    }

    /// The most recent organisation whose name has the word `key`.
    fn organisation_named(&self, key: &str) -> Option<usize> {
        self.most_recent(|en| {
            en.speaker.kind == Some(SpeakerKind::Organisation)
                && en
                    .speaker
                    .name
                    .to_lowercase()
                    .split_whitespace()
                    .any(|w| w == key)
        })
    }

    /// An organisation speaking through someone it does not name: "a United Airlines
    /// spokesperson" is United Airlines, with the role "spokesperson".
    fn organisation_speaking(&mut self, p: &Phrase, mention: String, at: usize) -> Resolved {
        let speaker = Speaker {
            name: p.organisation.clone(),
            title: String::new(),
            role: p.role.clone(),
            organisation: p.organisation.clone(),
            kind: Some(SpeakerKind::Organisation),
            id: String::new(),
        };
        let e = self.find_or_add(speaker, &mention, at);
        self.enrich(e, p);
        let chain = vec![mention, self.display(e)];
        (Some(e), Resolution::Explicit, EXPLICIT, chain)
    }
}

/// The head noun of a description: its last word before a preposition ("residents" of
/// "Residents of the communities"), lowercased.
fn head_noun(phrase: &str, lex: &Lexicons) -> String {
    phrase
        .split_whitespace()
        .take_while(|w| !lex.head_noun_ends.contains(w))
        .last()
        .unwrap_or_default()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The relative pronoun that ends a speaker phrase ("Kaine, who"), if it does; `tokens` are
/// the phrase's.
fn relative_pronoun(
    text: &str,
    tokens: &[whosaid_core::Token],
    source: whosaid_core::Span,
) -> Option<whosaid_core::Span> {
    let t = tokens.last()?;
    (t.span().end == source.end && text[t.span()].eq_ignore_ascii_case("who")).then_some(t.span())
}
