use rustc_hash::FxHashMap;

/// A word list from `data/lexicons/*.txt`: one entry per line, `#` starts a comment line,
/// blank lines are ignored. Entries are matched without regard to ASCII case.
///
/// The one form of word list in whosaid: a set (`Lexicon`, from [`Lexicon::parse`]) or a map
/// from each entry to what the list says of it (`Lexicon<Cue>` for the cue verbs, built with
/// [`Lexicon::insert`]). Lookups run for nearly every token and most words are in no list, so
/// a word is first tested against the set of the entries' lengths and a prefilter, and
/// only then lowercased and hashed.
#[derive(Debug, Clone)]
pub struct Lexicon<V = ()> {
    entries: FxHashMap<String, V>,
    longest_words: usize,
    /// Bit `n` is set when an entry is `n` bytes long; all lengths from 63 up share bit 63.
    lengths: u64,
    prefilter: Prefilter,
}

impl<V> Default for Lexicon<V> {
    fn default() -> Lexicon<V> {
        Lexicon {
            entries: FxHashMap::default(),
            longest_words: 0,
            lengths: 0,
            prefilter: Prefilter::default(),
        }
    }
}

impl Lexicon {
    /// Parses a lexicon file's contents: every line that is not blank or a `#` comment is an
    /// entry, trimmed.
    pub fn parse(source: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for entry in lexicon_lines(source) {
            lex.insert(entry, ());
        }
        lex
    }
}

/// The entries of a lexicon file: its lines, trimmed, without blank lines and `#` comments.
pub fn lexicon_lines(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A word length's bit in [`Lexicon::lengths`].
#[inline]
const fn length_bit(len: usize) -> u64 {
    1 << if len < 63 { len } else { 63 }
}

impl<V> Lexicon<V> {
    /// Adds `entry` with `value`, unless the list already holds it (ignoring ASCII case): the
    /// first value stays. Returns whether it was added.
    pub fn insert(&mut self, entry: &str, value: V) -> bool {
        let key = entry.to_ascii_lowercase();
        if self.entries.contains_key(&key) {
            return false;
        }
        self.longest_words = self.longest_words.max(entry.split_whitespace().count());
        self.lengths |= length_bit(entry.len());
        self.prefilter.insert(entry);
        self.entries.insert(key, value);
        true
    }

    /// True when `entry` is in the list (ASCII case-insensitive).
    #[inline]
    pub fn contains(&self, entry: &str) -> bool {
        self.may_contain(entry) && self.lookup(entry).is_some()
    }

    /// What the list says of `entry` (ASCII case-insensitive).
    #[inline]
    pub fn get(&self, entry: &str) -> Option<&V> {
        if !self.may_contain(entry) {
            return None;
        }
        self.lookup(entry)
    }

    /// The length and prefilter tests, inlined so that the words they turn away (most of
    /// them) cost no call.
    #[inline]
    fn may_contain(&self, entry: &str) -> bool {
        self.lengths & length_bit(entry.len()) != 0 && self.prefilter.may_contain(entry)
    }

    #[inline(never)]
    fn lookup(&self, entry: &str) -> Option<&V> {
        with_ascii_lowercase(entry, |lower| self.entries.get(lower))
    }

    /// The number of words in the longest entry.
    pub fn longest_words(&self) -> usize {
        self.longest_words
    }

    /// Iterates over the (lowercased) entries.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
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

/// A 4,096-bit set of the (first byte, second byte, last byte, length) of some words, ignoring
/// ASCII case.
///
/// Lexicon lookups run for nearly every token and most words are in no list: a word whose
/// quadruple is not in the set cannot be in the list, and is turned away without lowercasing or
/// hashing it. The second byte and a multiplicative hash matter: on (first, last, length) summed
/// into 1,024 bits, "the", "and", "in" and "a" all passed the cue verbs' filter, half of all
/// words on news text; now about one in five does.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    bits: [u64; 64],
}

impl Default for Prefilter {
    fn default() -> Prefilter {
        Prefilter { bits: [0; 64] }
    }
}

impl Prefilter {
    const fn slot(word: &str) -> usize {
        let bytes = word.as_bytes();
        let (first, second, last) = match bytes {
            [] => (0, 0, 0),
            [only] => (*only, 0, *only),
            [first, second, ..] => (*first, *second, bytes[bytes.len() - 1]),
        };
        let (first, second, last) = (
            first.to_ascii_lowercase(),
            second.to_ascii_lowercase(),
            last.to_ascii_lowercase(),
        );
        let key =
            first as u64 | (second as u64) << 8 | (last as u64) << 16 | (bytes.len() as u64) << 24;
        // Fibonacci hashing: the top 12 bits of the product depend on every bit of the key.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }

    /// Adds `word`.
    pub(crate) fn insert(&mut self, word: &str) {
        let slot = Prefilter::slot(word);
        self.bits[slot >> 6] |= 1 << (slot & 63);
    }

    /// False when no word added equals `word` ignoring ASCII case; true when one may.
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        let slot = Prefilter::slot(word);
        self.bits[slot >> 6] & (1 << (slot & 63)) != 0
    }
}

/// Calls `f` with `word` in ASCII lowercase, without allocating for words of up to 64 bytes:
/// lexicon lookups run for every token, so they must not allocate.
pub(crate) fn with_ascii_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    let mut buf = [0u8; 64];
    if word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lowercasing ASCII bytes keeps UTF-8 valid.
        f(std::str::from_utf8(lower).expect("ASCII lowercasing keeps UTF-8 valid"))
    } else {
        f(&word.to_ascii_lowercase())
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

    #[test]
    fn prefilter_never_turns_away_a_member() {
        let lex = Lexicon::parse("said\nBrig. Gen.\nÉtat-major\nx\n");
        for word in ["SAID", "said", "Said", "brig. gen.", "État-MAJOR", "X"] {
            assert!(lex.contains(word), "{word}");
        }
        for word in ["", "sad", "saidx", "État", "y"] {
            assert!(!lex.contains(word), "{word}");
        }
    }

    #[test]
    fn lowercases_long_and_non_ascii_words() {
        // Only ASCII letters change case: lexicon entries are matched ASCII-insensitively.
        assert_eq!(
            with_ascii_lowercase("ÉTAT-Major", str::to_string),
            "État-major"
        );
        let long = "A".repeat(100);
        assert_eq!(with_ascii_lowercase(&long, str::len), 100);
    }
}
