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

    pub(crate) fn described_as(&self, noun: &str, before: usize) -> Option<String> {
        self.get().described_as(noun, before)
    }

    pub(crate) fn descriptions(&self, name: &str) -> Vec<String> {
        self.get()
            .descriptions(name)
            .into_iter()
            .map(str::to_string)
            .collect()
    }
}

#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    /// (byte offset, full name) in text order.
    names: Vec<(usize, String)>,
    /// Indices into `names` by lowercased last word, in text order: lookups stay cheap in an
    /// article with thousands of names.
    by_last: FxHashMap<String, Vec<usize>>,
    /// For each name, the words of its capitalised run before it that describe the person:
    /// titles, roles and affiliations ("Japanese Finance Minister" of "Japanese Finance
    /// Minister Kiichi Miyazawa"), empty for most.
    described: Vec<String>,
}

fn last_word(name: &str) -> String {
    name.split_whitespace()
        .next_back()
        .unwrap_or_default()
        .to_lowercase()
}

/// True when `full`'s last words are `short` ("Yahya Rasul" ends with "Rasul"), ignoring the
/// case of a leading particle ("Al-Azzawi" and "al-Azzawi").
/// Where the name starts in a capitalised run of `len` words (`word(k)` is the k-th): after the last word that describes
/// rather than names (a title, a role noun, a party or other affiliation: "Japanese Finance
/// Minister Kiichi Miyazawa", "LSI Chairman Wilfred Corrigan", "Republican Donald Trump"),
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
        let mut described = Vec::new();
        for sentence in &doc.sentences {
            let toks = doc.sentence_tokens(sentence);
            let mut i = 0;
            let cap = |t: &Token| t.kind == TokenKind::Word && is_name_word(&text[t.span()], lex);
            while i < toks.len() {
                if !cap(&toks[i]) {
                    i += 1;
                    continue;
                }
                let start = i;
                // The run goes on past `start`, which is capitalised.
                let mut j = i + 1;
                while j < toks.len()
                    && (cap(&toks[j])
                        // A short particle between capitalised words ("Ludwig van
                        // Beethoven"); the next word is tested first, as the cheaper test.
                        || (j + 1 < toks.len()
                            && cap(&toks[j + 1])
                            && text[toks[j].span()].len() <= 4
                            && lex.particles.contains(&text[toks[j].span()])))
                {
                    j += 1;
                }
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
                        !(lex.is_not_name_start(w) || lex.is_sentence_adverb(w) || title)
                    })
                    .map_or(j, |k| start + k);
                // "LSI Chairman Wilfred Corrigan", "Tory David Heathcoat-Amory": the words up
                // to the last role, title or affiliation describe the person named after them.
                let named_from = first + name_start(j - first, |k| word(&toks[first + k]), lex);
                // What the run says of the person: its titles ("President Obama") and the
                // words up to the name; not the sentence's first word ("After").
                let described_from = (start..named_from)
                    .find(|&k| !lex.is_not_name_start(word(&toks[k])))
                    .unwrap_or(named_from);
                let described_by = join_words(text, &toks[described_from..named_from]);
                let first = named_from;
                let words = &toks[first..j];
                if (2..=5).contains(&words.len())
                    && !words
                        .iter()
                        .any(|t| lex.organisation_words.contains(word(t)))
                    && words
                        .iter()
                        .all(|t| word(t).chars().any(char::is_lowercase))
                {
                    let mut name = String::with_capacity(
                        text[toks[first].span().start..toks[j - 1].span().end].len(),
                    );
                    for (k, t) in words.iter().enumerate() {
                        if k > 0 {
                            name.push(' ');
                        }
                        name.push_str(word(t));
                    }
                    names.push((toks[start].span().start, name));
                    described.push(described_by);
                }
                i = j.max(i + 1);
            }
        }
        let mut by_last: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (_, name)) in names.iter().enumerate() {
            by_last.entry(last_word(name)).or_default().push(i);
        }
        NameIndex {
            names,
            described,
            by_last,
        }
    }

    /// The full name ending with `short`, preferring the latest mention before `before`.
    pub(crate) fn full_name(&self, short: &str, before: usize) -> Option<String> {
        let candidates = self.by_last.get(&last_word(short))?;
        let fits = |&&i: &&usize| ends_with_name(&self.names[i].1, short);
        candidates
            .iter()
            .filter(|&&i| self.names[i].0 < before)
            .rfind(fits)
            .or_else(|| candidates.iter().find(fits))
            .map(|&i| self.names[i].1.clone())
    }

    /// What the article's runs say of the person `name` anywhere: the words before each of its
    /// mentions ("Finance Minister"), in text order, without repeats.
    pub(crate) fn descriptions(&self, name: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for &i in self.by_last.get(&last_word(name)).into_iter().flatten() {
            let d = self.described[i].as_str();
            if !d.is_empty() && ends_with_name(name, &self.names[i].1) && !out.contains(&d) {
                out.push(d);
            }
        }
        out
    }

    /// The full name whose run calls it `noun` ("Chancellor Gordon Brown" for "chancellor"):
    /// the last before byte `before`, else the first after it.
    pub(crate) fn described_as(&self, noun: &str, before: usize) -> Option<String> {
        let fits = |i: &usize| {
            self.described[*i]
                .split_whitespace()
                .any(|w| w.trim_end_matches('.').eq_ignore_ascii_case(noun))
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
