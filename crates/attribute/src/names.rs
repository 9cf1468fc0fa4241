//! The names an article mentions anywhere in its body, so that a surname can resolve to a
//! full name even when the full name was never a speaker ("Hillary Clinton ... Clinton said").

use rustc_hash::FxHashMap;
use whosaid_core::{Document, Token, TokenKind};

use crate::lexicons::Lexicons;

/// True when `word` can be part of a name: capitalised ("Rasul"), or a lowercase particle
/// glued to a capitalised name ("al-Mansour").
///
/// This runs for every word of an article whose names are indexed, so ASCII words, nearly
/// all of them, are decided on their first byte without decoding a char.
fn is_name_word(word: &str, lex: &Lexicons) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii_uppercase() => true,
        Some(b) if b.is_ascii() => lex.is_glued_particle(word, b"-"),
        Some(_) => {
            word.chars().next().is_some_and(char::is_uppercase) || lex.is_glued_particle(word, b"-")
        }
        None => false,
    }
}

/// A [`NameIndex`] built the first time it is asked something.
pub(crate) struct LazyNames<'a> {
    text: &'a str,
    doc: &'a Document,
    lex: &'a Lexicons,
    index: std::cell::OnceCell<NameIndex>,
}

impl<'a> LazyNames<'a> {
    pub(crate) fn new(text: &'a str, doc: &'a Document, lex: &'a Lexicons) -> LazyNames<'a> {
        LazyNames {
            text,
            doc,
            lex,
            index: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &NameIndex {
        self.index
            .get_or_init(|| NameIndex::build(self.text, self.doc, self.lex))
    }

    pub(crate) fn full_name(&self, short: &str, before: usize) -> Option<String> {
        self.get().full_name(short, before)
    }

    pub(crate) fn is_person(&self, name: &str) -> bool {
        self.get().is_person(name)
    }

    pub(crate) fn nearest_before(&self, offset: usize) -> Option<String> {
        self.get().nearest_before(offset)
    }

    /// True when the article gives the person `name` no title, premodifier or appositive
    /// anywhere (builds the index: asked only of a person named after someone unnamed).
    pub(crate) fn described_nowhere(&self, name: &str) -> bool {
        self.get()
            .descriptions(name, (self.text, self.doc, self.lex))
            .is_empty()
    }

    /// The last full name before byte `offset` in the same sentence: no period, question
    /// mark or line break between them.
    pub(crate) fn nearest_in_sentence(&self, offset: usize) -> Option<String> {
        let index = self.get();
        let i = index.names.partition_point(|(at, _)| *at < offset);
        let (at, name) = &index.names[i.checked_sub(1)?];
        let between = self.text.get(*at..offset)?;
        (!between.contains(['.', '?', '!', '\n'])).then(|| name.clone())
    }

    /// The first organisation named in the article whose name ends with `key` ("Economic
    /// Planning Agency" for "agency") or, for a company (`company`: "company", "firm"), whose
    /// name ends with a company word ("Koninklijke Wessel NV"). Read from the text when asked:
    /// few articles ever ask.
    pub(crate) fn organisation_ending(&self, key: &str, company: bool) -> Option<String> {
        let (text, lex) = (self.text, self.lex);
        capitalised_runs(text, self.doc, lex).find_map(|(_, toks, i, j)| {
            let first = (i..j)
                .find(|&k| !lex.is_not_name_start(&text[toks[k].span()]))
                .unwrap_or(j);
            let last = &text[toks[j - 1].span()];
            let fits = last.eq_ignore_ascii_case(key)
                || (company && lex.company_words.contains(last.trim_end_matches('.')));
            (j >= first + 2 && fits)
                .then(|| crate::phrase::one_line(&join_words(text, &toks[first..j])))
        })
    }

    /// The name an acronym stands for where the article spells it out: "EIA" for "the
    /// Energy Information Administration (EIA)", "OPEC" for "Organization of the Petroleum
    /// Exporting Countries (OPEC)". Only for a name of two to six capital letters.
    pub(crate) fn spelled_out(&self, acronym: &str) -> Option<String> {
        spelled_out(self.text, acronym, self.lex)
    }

    pub(crate) fn described_as(&self, noun: &str, before: usize) -> Option<String> {
        self.get()
            .described_as(noun, before, (self.text, self.doc, self.lex))
    }

    pub(crate) fn most_mentioned(&self) -> Option<String> {
        self.get().most_mentioned()
    }

    /// What the article says of the person `name` around the mentions of their name, when
    /// the index has been built for another question: building it for this one alone cost a
    /// twentieth of the whole run, for articles that name their speakers in full where they
    /// speak.
    pub(crate) fn descriptions(&self, name: &str) -> Vec<String> {
        match self.index.get() {
            Some(index) => index.descriptions(name, (self.text, self.doc, self.lex)),
            None => Vec::new(),
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    /// (byte offset, full name) in text order.
    names: Vec<(usize, String)>,
    /// Indices into `names` by lowercased last word, in text order: lookups stay cheap in an
    /// article with thousands of names.
    by_last: FxHashMap<String, Vec<usize>>,
    /// For each name, its sentence and the token range of its capitalised run in it, so that
    /// what the text around it says of the person can be read when asked.
    runs: Vec<(usize, usize, usize)>,
}

fn last_word(name: &str) -> String {
    name.split_whitespace()
        .next_back()
        .unwrap_or_default()
        .to_lowercase()
}

/// True when `full`'s last words are `short` ("Yahya Rasul" ends with "Rasul"), ignoring the
/// case of a leading particle ("Al-Azzawi" and "al-Azzawi").
/// True for a word token that can be part of a name.
fn is_name_token(text: &str, t: &Token, lex: &Lexicons) -> bool {
    t.kind == TokenKind::Word && is_name_word(&text[t.span()], lex)
}

/// Every capitalised run of the article, in text order: its sentence's index and tokens, and
/// the run's first and one-past-last token in them.
fn capitalised_runs<'d>(
    text: &'d str,
    doc: &'d Document,
    lex: &'d Lexicons,
) -> impl Iterator<Item = (usize, &'d [Token], usize, usize)> + 'd {
    doc.sentences
        .iter()
        .enumerate()
        .flat_map(move |(si, sentence)| {
            let toks = doc.sentence_tokens(sentence);
            let mut i = 0;
            std::iter::from_fn(move || {
                while i < toks.len() && !is_name_token(text, &toks[i], lex) {
                    i += 1;
                }
                if i >= toks.len() {
                    return None;
                }
                let (start, end) = (i, run_end(text, toks, i, lex));
                i = end.max(i + 1);
                Some((si, toks, start, end))
            })
        })
}

/// One past the last token of the capitalised run that starts at token `start`.
fn run_end(text: &str, toks: &[Token], start: usize, lex: &Lexicons) -> usize {
    let mut j = start + 1;
    while j < toks.len()
        && (is_name_token(text, &toks[j], lex)
            // A short particle between capitalised words ("Ludwig van Beethoven"); the next
            // word is tested first, as the cheaper test.
            || (j + 1 < toks.len()
                && is_name_token(text, &toks[j + 1], lex)
                && text[toks[j].span()].len() <= 4
                && lex.particles.contains(&text[toks[j].span()])))
    {
        j += 1;
    }
    j
}

/// The full name that the capitalised run `toks[start..end]` gives, if it gives one, and what
/// the text right around it says the person is.
fn read_run(
    text: &str,
    toks: &[Token],
    start: usize,
    j: usize,
    lex: &Lexicons,
    describe: bool,
) -> Option<(String, Vec<String>)> {
    let word = |t: &Token| &text[t.span()];
    // Leading words that start sentences or are titles are not part of the name.
    let first = toks[start..j]
        .iter()
        .position(|t| {
            let w = word(t);
            let title = if w.contains('.') {
                lex.titles.contains(&w.replace('.', ""))
            } else {
                lex.titles.contains(w)
            };
            !(lex.is_not_name_start(w)
                || lex.is_sentence_adverb(w)
                || lex.weekdays.contains(w)
                || title)
        })
        .map_or(j, |k| start + k);
    // "Acme Chairman Tomas Reyes", "Tory Ann Lee": the words up to the last
    // role, title or affiliation describe the person named after them.
    let named_from = first + name_start(j - first, |k| word(&toks[first + k]), lex);
    let title_start = first;
    let first = named_from;
    let words = &toks[first..j];
    // A single name counts when a title comes before it: "President Obama", "Mr. Trump" name a
    // person, and say what they are.
    let titled = words.len() == 1 && first > start && {
        let w = word(&toks[first - 1]).trim_end_matches('.');
        lex.titles.contains(w)
    };
    if !((2..=5).contains(&words.len()) || titled)
        || words
            .iter()
            .any(|t| lex.organisation_words.contains(word(t)))
        || !words
            .iter()
            .all(|t| word(t).chars().any(char::is_lowercase))
    {
        return None;
    }
    let mut name =
        String::with_capacity(text[toks[first].span().start..toks[j - 1].span().end].len());
    for (k, t) in words.iter().enumerate() {
        if k > 0 {
            name.push(' ');
        }
        name.push_str(word(t));
    }
    if lex.is_headline(&name) {
        return None;
    }
    let proper = lex.name_proper(&name);
    if proper.len() < name.len() {
        if !proper.contains(' ') {
            return None;
        }
        name = proper.to_string();
    }
    if !describe {
        return Some((name, Vec::new()));
    }
    // What the text says of the person right here: the run's titles ("President Obama") and
    // words up to the name, not the sentence's first word ("After"); a premodifier; an
    // appositive. Only when asked: building the index needs none of it.
    let described_from = (start..title_start.max(start))
        .chain(title_start..first)
        .find(|&k| !lex.is_not_name_start(word(&toks[k])))
        .unwrap_or(first);
    let mut described_by = Vec::new();
    if described_from < first {
        described_by.push(join_words(text, &toks[described_from..first]));
    }
    described_by.extend(premodifier(text, toks, start, lex));
    described_by.extend(appositive(text, toks, j, lex));
    described_by.extend(pre_appositive(text, toks, start, j, lex));
    Some((name, described_by))
}

/// Where the name starts in a capitalised run of `len` words (`word(k)` is the k-th): after
/// the last word that describes rather than names (a title, a role noun, a party or other affiliation: "Northland Finance
/// Minister Ann Lee", "Acme Chairman Tomas Reyes", "Republican Donald Trump"),
/// when at least two words are left for the name; else 0.
pub(crate) fn name_start<'w>(len: usize, word: impl Fn(usize) -> &'w str, lex: &Lexicons) -> usize {
    if len < 3 {
        return 0;
    }
    (0..len - 2)
        .rev()
        .find(|&k| lex.describes_person(word(k)))
        .map_or(0, |k| k + 1)
}

/// The most words a premodifier or an appositive describing a name may have.
const DESCRIPTION_WORDS: usize = 8;

/// The words before the name that starts at token `start` which say what the person is,
/// when the word right before the name is a role noun or title: "central bank chairman"
/// of "central bank chairman Omar Haddad", "retired four-star general" of "retired
/// four-star general Maria Lopez". Stops at punctuation, a determiner, a preposition, a
/// conjunction or a speech verb ("said Omar Haddad" is no description).
fn premodifier(text: &str, toks: &[Token], start: usize, lex: &Lexicons) -> Option<String> {
    let word = |k: usize| &text[toks[k].span()];
    let adjacent = start.checked_sub(1)?;
    // "Dr. Maria Lopez", "Northland Gov. Tomas Reyes": a title with its period, which ends the
    // capitalised run before the name.
    if word(adjacent) == "." && adjacent > 0 && lex.titles.contains(word(adjacent - 1)) {
        let mut from = adjacent - 1;
        while from > 0
            && toks[from - 1].kind == TokenKind::Word
            && (lex.titles.contains(word(from - 1).trim_end_matches('.'))
                || (word(from - 1) == "." && from >= 2 && lex.titles.contains(word(from - 2))))
        {
            from -= 1;
        }
        // "Indiana Gov. Mike Pence": the place before the title says whose governor.
        while from > 0
            && adjacent - from < 4
            && is_name_token(text, &toks[from - 1], lex)
            && !lex.is_not_name_start(word(from - 1))
        {
            from -= 1;
        }
        return Some(join_words(text, &toks[from..start]));
    }
    if toks[adjacent].kind != TokenKind::Word
        || !word(adjacent)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        || !(lex.describes_person(word(adjacent)) || lex.is_person_noun(word(adjacent)))
    {
        return None;
    }
    let mut from = adjacent;
    while from > 0
        && adjacent - from + 1 < DESCRIPTION_WORDS
        && toks[from - 1].kind == TokenKind::Word
        && !lex.ends_description(word(from - 1))
    {
        from -= 1;
    }
    Some(join_words(text, &toks[from..start]))
}

/// The appositive after the name that ends before token `end`, when it says what the person
/// is: "a Northland senator" of "Ann Lee, a Northland senator, said", "chairman of
/// Northgate Foods NV". Not a relative clause or anything without a role noun or title
/// among its first words.
fn appositive(text: &str, toks: &[Token], end: usize, lex: &Lexicons) -> Option<String> {
    let word = |k: usize| &text[toks[k].span()];
    if end >= toks.len() {
        return None;
    }
    if word(end) == "(" {
        return party_tag_in_brackets(text, toks, end, lex);
    }
    if word(end) != "," {
        return None;
    }
    let from = end + 1;
    let limit = 2 * DESCRIPTION_WORDS;
    let mut to = (from..toks.len().min(from + 2 * limit))
        .find(|&k| {
            matches!(word(k), "," | "." | ";" | ":" | "(" | ")")
                || toks[k].kind != TokenKind::Word && toks[k].kind != TokenKind::Punct
        })
        .unwrap_or(toks.len());
    // "co-founder of the Harbor Institute and advocate of an effort to ...": a long
    // appositive keeps its first description.
    if to > from + DESCRIPTION_WORDS {
        to = (from + 1..from + DESCRIPTION_WORDS)
            .find(|&k| lex.coordinators.contains(word(k)))
            .unwrap_or(to);
    }
    if to <= from || to - from > limit {
        return None;
    }
    let head = (from..to).skip_while(|&k| lex.determiners.contains(word(k)));
    let describes = head
        .take(4)
        .take_while(|&k| !lex.ends_description(word(k)) || lex.describes_person(word(k)))
        .any(|k| lex.describes_person(word(k)));
    (describes && !lex.relative_pronouns.contains(word(from)))
        .then(|| join_words(text, &toks[from..to]))
}

/// The description set off before the name that runs over tokens `start..end`: "the endorsed
/// candidate for governor, Wayne Lee", "Acme's chief executive — Ann Lee —". Only when the name
/// closes the apposition (a comma, dash or the sentence's end follows it), and the description
/// opens with a determiner or a possessive and has a role noun.
fn pre_appositive(
    text: &str,
    toks: &[Token],
    start: usize,
    end: usize,
    lex: &Lexicons,
) -> Option<String> {
    let word = |k: usize| &text[toks[k].span()];
    // Back over a title and its place: "— Indiana Gov. Mike Pence —".
    let name_start = start;
    let mut start = start;
    while start > 0
        && name_start - start < 6
        && (word(start - 1) == "." || is_name_token(text, &toks[start - 1], lex))
    {
        start -= 1;
    }
    let sep = start.checked_sub(1)?;
    let dash = |w: &str| matches!(w, "—" | "–");
    if !(word(sep) == "," || dash(word(sep))) {
        return None;
    }
    if end < toks.len() && !(matches!(word(end), "," | "." | ";") || dash(word(end))) {
        return None;
    }
    // The description starts at the nearest determiner or possessor before the separator.
    let possessive = |k: usize| {
        let w = word(k);
        w.ends_with("'s")
            || w.ends_with("’s")
            || toks
                .get(k + 1)
                .is_some_and(|_| matches!(word(k + 1), "'s" | "’s" | "'" | "’"))
    };
    let stop = |k: usize| {
        matches!(word(k), "," | ";" | ":" | "(" | ")" | "\"" | "“" | "”")
            || dash(word(k))
            || lex.coordinators.contains(word(k))
    };
    let from = (sep.saturating_sub(DESCRIPTION_WORDS)..sep)
        .rev()
        .take_while(|&k| !stop(k))
        .find(|&k| lex.determiners.contains(word(k)) || possessive(k))?;
    let described = join_words(text, &toks[from..sep]);
    (from..sep)
        .any(|k| lex.describes_person(word(k)))
        .then_some(described)
}

/// The party and state tag in the brackets that open at token `open`: "D-N.M." of "Sen. Ann
/// Lee (D-N.M.)".
pub(crate) fn party_tag_in_brackets(
    text: &str,
    toks: &[Token],
    open: usize,
    lex: &Lexicons,
) -> Option<String> {
    let word = |k: usize| &text[toks[k].span()];
    if toks.get(open).is_none_or(|_| word(open) != "(") {
        return None;
    }
    let close = (open + 1..toks.len().min(open + 12)).find(|&k| word(k) == ")")?;
    let inside = &text[toks[open].span().end..toks[close].span().start];
    lex.is_party_tag(inside).then(|| inside.trim().to_string())
}

/// The tokens' text as written, from the first to the last.
fn join_words(text: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        (Some(f), Some(l)) => text[f.span().start..l.span().end].to_string(),
        _ => String::new(),
    }
}

pub(crate) fn ends_with_name(full: &str, short: &str) -> bool {
    let mut full_words = full.split_whitespace().rev();
    let mut short_words = short.split_whitespace().rev();
    loop {
        match (short_words.next(), full_words.next()) {
            (Some(s), Some(f)) if s.eq_ignore_ascii_case(f) => {}
            // All of `short` matched and `full` has more words before it.
            (None, Some(_)) => return true,
            _ => return false,
        }
    }
}

impl NameIndex {
    pub(crate) fn build(text: &str, doc: &Document, lex: &Lexicons) -> NameIndex {
        let mut names = Vec::new();
        let mut runs = Vec::new();
        for (si, toks, i, j) in capitalised_runs(text, doc, lex) {
            if let Some((name, _)) = read_run(text, toks, i, j, lex, false) {
                names.push((toks[i].span().start, name));
                runs.push((si, i, j));
            }
        }
        let mut by_last: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (_, name)) in names.iter().enumerate() {
            by_last.entry(last_word(name)).or_default().push(i);
        }
        NameIndex {
            names,
            runs,
            by_last,
        }
    }

    /// The full name ending with `short`, preferring the latest mention before `before`.
    pub(crate) fn full_name(&self, short: &str, before: usize) -> Option<String> {
        let by_surname = self.by_last.get(&last_word(short)).and_then(|candidates| {
            let fits = |&&i: &&usize| ends_with_name(&self.names[i].1, short);
            candidates
                .iter()
                .filter(|&&i| self.names[i].0 < before)
                .rfind(fits)
                .or_else(|| candidates.iter().find(fits))
                .map(|&i| self.names[i].1.clone())
        });
        by_surname.or_else(|| self.by_first_name(short))
    }

    /// The one full name whose first word is `short`, a single word: "Somchai" for "Central bank
    /// spokesman Somchai Wattana", where the article goes on by the given name. None when
    /// two people share it.
    fn by_first_name(&self, short: &str) -> Option<String> {
        if short.contains(' ') {
            return None;
        }
        let mut found: Option<&str> = None;
        for (_, name) in &self.names {
            let mut words = name.split_whitespace();
            if words.next().is_some_and(|w| w.eq_ignore_ascii_case(short)) && words.next().is_some()
            {
                match found {
                    Some(f)
                        if !f.eq_ignore_ascii_case(name)
                            && !ends_with_name(name, f)
                            && !ends_with_name(f, name) =>
                    {
                        return None
                    }
                    Some(f) if f.len() >= name.len() => {}
                    _ => found = Some(name),
                }
            }
        }
        found.map(str::to_string)
    }

    /// The person the article names most often (at least twice, counting every mention of
    /// the surname), by their fullest name: whom an otherwise unresolved description such as
    /// "the retired neurosurgeon" most likely means.
    pub(crate) fn most_mentioned(&self) -> Option<String> {
        let (_, indices) = self
            .by_last
            .iter()
            .filter(|(_, v)| v.len() >= 2)
            .max_by_key(|(last, v)| (v.len(), std::cmp::Reverse(last.as_str())))?;
        // Two people of the same count make it a guess: none.
        let top = indices.len();
        if self.by_last.values().filter(|v| v.len() == top).count() > 1 {
            return None;
        }
        indices
            .iter()
            .map(|&i| &self.names[i].1)
            .max_by_key(|n| n.split_whitespace().count())
            .filter(|n| n.split_whitespace().count() >= 2)
            .cloned()
    }

    /// The full name whose run calls it `noun` ("Chancellor Ann Lee" for "chancellor"):
    /// the last before byte `before`, else the first after it.
    /// What the text says of the person `name` around each run that names them (their full
    /// name or a shorter form of it): titles, premodifiers, appositives, in text order,
    /// without repeats. Read from the runs when asked, as few names are ever asked about.
    pub(crate) fn descriptions(
        &self,
        name: &str,
        (text, doc, lex): (&str, &Document, &Lexicons),
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &i in self.by_last.get(&last_word(name)).into_iter().flatten() {
            let n = &self.names[i].1;
            if !(n.eq_ignore_ascii_case(name) || ends_with_name(name, n)) {
                continue;
            }
            let (si, start, end) = self.runs[i];
            let toks = doc.sentence_tokens(&doc.sentences[si]);
            if let Some((_, described)) = read_run(text, toks, start, end, lex, true) {
                for d in described {
                    if !out.contains(&d) {
                        out.push(d);
                    }
                }
            }
        }
        out
    }

    pub(crate) fn described_as(
        &self,
        noun: &str,
        before: usize,
        (text, doc, lex): (&str, &Document, &Lexicons),
    ) -> Option<String> {
        // "the chancellor" is not "ex-Labour chancellor Tomas Reyes", nor "former
        // chancellor ...": a description in the present only.
        let fits = |i: &usize| {
            let (si, start, end) = self.runs[*i];
            let toks = doc.sentence_tokens(&doc.sentences[si]);
            let Some((_, described)) = read_run(text, toks, start, end, lex, true) else {
                return false;
            };
            described.iter().any(|d| {
                let words = || d.split_whitespace().map(|w| w.trim_end_matches(['.', ',']));
                words().any(|w| w.eq_ignore_ascii_case(noun))
                    && !words().any(|w| {
                        w.eq_ignore_ascii_case("former")
                            || w.to_ascii_lowercase().starts_with("ex-")
                    })
            })
        };
        let all = 0..self.names.len();
        all.clone()
            .filter(|&i| self.names[i].0 < before)
            .rfind(fits)
            .or_else(|| all.clone().find(fits))
            .map(|i| self.names[i].1.clone())
    }

    /// The last full name mentioned before byte `offset`.
    pub(crate) fn nearest_before(&self, offset: usize) -> Option<String> {
        let i = self.names.partition_point(|(at, _)| *at < offset);
        i.checked_sub(1).map(|i| self.names[i].1.clone())
    }

    /// True when `name` is, or ends, a person's name in the article.
    pub(crate) fn is_person(&self, name: &str) -> bool {
        self.by_last.get(&last_word(name)).is_some_and(|c| {
            c.iter().any(|&i| {
                let n = &self.names[i].1;
                n.eq_ignore_ascii_case(name) || ends_with_name(n, name)
            })
        })
    }
}

/// See [`LazyNames::spelled_out`].
fn spelled_out(text: &str, acronym: &str, lex: &Lexicons) -> Option<String> {
    if !(2..=6).contains(&acronym.len()) || !acronym.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let bracketed = format!("({acronym})");
    text.match_indices(&bracketed).find_map(|(at, _)| {
        // "The Chicago Board of Trade's (CBT)": the name without the possessive.
        let before = text[..at].trim_end();
        let before = before
            .strip_suffix("'s")
            .or_else(|| before.strip_suffix("’s"))
            .unwrap_or(before);
        // The words before the bracket, last first: capitalised ones give the initials from
        // the end; "of", "the", "and" between them are skipped.
        let words: Vec<&str> = before
            .split_whitespace()
            .rev()
            .take(2 * acronym.len() + 2)
            .collect();
        let mut initials = acronym.bytes().rev().peekable();
        for (i, word) in words.iter().enumerate() {
            let first = word.bytes().next()?;
            if initials.next_if_eq(&first).is_some() {
                if initials.peek().is_none() {
                    let name: Vec<&str> = words[..=i].iter().rev().copied().collect();
                    return Some(name.join(" "));
                }
            } else if i == 0
                || !(lex.name_connectors.contains(word) || word.eq_ignore_ascii_case("the"))
            {
                return None;
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_matches() {
        assert!(ends_with_name("Yahya Rasul", "Rasul"));
        assert!(ends_with_name("Abu Taha al-Azzawi", "Al-Azzawi"));
        assert!(!ends_with_name("Rasul", "Rasul"));
        assert!(!ends_with_name("Yahya Rasul", "Yahya"));
    }
}
