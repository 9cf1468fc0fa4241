use std::collections::HashSet;

/// A word list from `data/lexicons/*.txt`: one entry per line, `#` starts a comment line,
/// blank lines are ignored. Entries are matched without regard to ASCII case.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: HashSet<String>,
    longest_words: usize,
}

impl Lexicon {
    /// Parses a lexicon file's contents.
    pub fn parse(source: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for line in source.lines() {
            let entry = line.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            lex.longest_words = lex.longest_words.max(entry.split_whitespace().count());
            lex.entries.insert(entry.to_ascii_lowercase());
        }
        lex
    }

    /// True when `entry` is in the list (ASCII case-insensitive).
    pub fn contains(&self, entry: &str) -> bool {
        if entry.bytes().any(|b| b.is_ascii_uppercase()) {
            self.entries.contains(&entry.to_ascii_lowercase())
        } else {
            self.entries.contains(entry)
        }
    }

    /// The number of words in the longest entry.
    pub fn longest_words(&self) -> usize {
        self.longest_words
    }

    /// Iterates over the (lowercased) entries.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(String::as_str)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_ignores_case() {
        let lex = Lexicon::parse("# cue verbs\nsaid\n\n  Told \nBrig. Gen.\n");
        assert!(lex.contains("SAID"));
        assert!(lex.contains("told"));
        assert!(lex.contains("brig. gen."));
        assert!(!lex.contains("# cue verbs"));
        assert_eq!(lex.len(), 3);
        assert_eq!(lex.longest_words(), 2);
    }
}
