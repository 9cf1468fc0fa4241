//! The detector's word lists, compiled in from `data/lexicons/`.

use rustc_hash::FxHashMap;

use whosaid_core::{with_ascii_lowercase, Lexicon, Prefilter};

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

#[derive(Debug)]
pub(crate) struct Lexicons {
    pub(crate) cues: FxHashMap<String, Cue>,
    /// Turns away most words before the `cues` lookup: it runs for every word.
    cue_prefilter: Prefilter,
    pub(crate) participles: Lexicon,
    pub(crate) auxiliaries: Lexicon,
}

fn parse_cues(source: &str) -> FxHashMap<String, Cue> {
    let mut cues = FxHashMap::default();
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
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
            cues.entry(form.to_ascii_lowercase()).or_insert(cue);
        }
    }
    cues
}

impl Lexicons {
    pub(crate) fn load() -> Lexicons {
        let cues = parse_cues(include_str!("../../../data/lexicons/cues.txt"));
        let mut cue_prefilter = Prefilter::default();
        for form in cues.keys() {
            cue_prefilter.insert(form);
        }
        Lexicons {
            cues,
            cue_prefilter,
            participles: Lexicon::parse(include_str!("../../../data/lexicons/participles.txt")),
            auxiliaries: Lexicon::parse(include_str!("../../../data/lexicons/auxiliaries.txt")),
        }
    }

    /// The cue that `word` is a form of. Inlined, so that the four words in five that the
    /// prefilter turns away cost no call.
    #[inline]
    pub(crate) fn cue(&self, word: &str) -> Option<Cue> {
        if !self.cue_prefilter.may_contain(word) {
            return None;
        }
        self.cue_lookup(word)
    }

    #[inline(never)]
    fn cue_lookup(&self, word: &str) -> Option<Cue> {
        with_ascii_lowercase(word, |lower| self.cues.get(lower).copied())
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
}
