//! Finding a known quote in its article by its text.

/// Double quote marks of every style, compared as `"`.
const DOUBLE: &[char] = &['"', '“', '”', '„', '‟', '«', '»', '〝', '〞', '＂'];
/// Single quote marks and apostrophes of every style, compared as `'`.
const SINGLE: &[char] = &['\'', '‘', '’', '‚', '‛', '‹', '›', '`', '´'];

/// Looks up quotes in one article, remembering which spans earlier quotes took.
#[derive(Debug)]
pub(crate) struct Locator {
    text: String,
    chars: Vec<char>,
    /// Character offset of every byte offset that starts a character in `text`.
    char_at: Vec<usize>,
    /// The text normalised by [`normalise`], and the character offset in the text of each of
    /// its characters.
    norm: Vec<char>,
    norm_at: Vec<usize>,
    taken: Vec<(usize, usize)>,
}

/// Canonical quote marks; runs of whitespace become one space. Returns the characters and,
/// for each, the index of the input character it came from.
fn normalise(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut at = Vec::with_capacity(chars.len());
    for (k, &c) in chars.iter().enumerate() {
        let c = if DOUBLE.contains(&c) {
            '"'
        } else if SINGLE.contains(&c) {
            '\''
        } else if c.is_whitespace() {
            if out.last() == Some(&' ') {
                continue;
            }
            ' '
        } else {
            c
        };
        out.push(c);
        at.push(k);
    }
    (out, at)
}

impl Locator {
    pub(crate) fn new(text: &str) -> Locator {
        let chars: Vec<char> = text.chars().collect();
        let mut char_at = vec![0; text.len() + 1];
        for (k, (b, _)) in text.char_indices().enumerate() {
            char_at[b] = k;
        }
        char_at[text.len()] = chars.len();
        let (norm, norm_at) = normalise(&chars);
        Locator {
            text: text.to_string(),
            chars,
            char_at,
            norm,
            norm_at,
            taken: Vec::new(),
        }
    }

    pub(crate) fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The character span of `quote`: the first exact occurrence that overlaps no span taken
    /// before, else the first such occurrence ignoring quote-mark style and whitespace, else the
    /// first occurrence at all.
    pub(crate) fn locate(&mut self, quote: &str) -> Option<(usize, usize)> {
        let quote = quote.trim();
        if quote.is_empty() {
            return None;
        }
        let exact: Vec<(usize, usize)> = self
            .text
            .match_indices(quote)
            .map(|(b, m)| (self.char_at[b], self.char_at[b + m.len()]))
            .collect();
        let (needle, _) = normalise(&quote.chars().collect::<Vec<_>>());
        let fuzzy: Vec<(usize, usize)> = if needle.len() > self.norm.len() {
            Vec::new()
        } else {
            (0..=self.norm.len() - needle.len())
                .filter(|&k| self.norm[k..k + needle.len()] == needle[..])
                .map(|k| (self.norm_at[k], self.norm_at[k + needle.len() - 1] + 1))
                .collect()
        };
        let free = |s: &(usize, usize)| !self.taken.iter().any(|t| s.0 < t.1 && t.0 < s.1);
        let found = exact
            .iter()
            .find(|s| free(s))
            .or_else(|| fuzzy.iter().find(|s| free(s)))
            .or_else(|| exact.first())
            .or_else(|| fuzzy.first())
            .copied()?;
        self.taken.push(found);
        Some(found)
    }
}

/// The kind of a located quote whose row gives none: direct when quote marks open it or stand
/// right before it, mixed when it holds double quote marks, indirect otherwise.
pub(crate) fn infer_kind(chars: &[char], start: usize, end: usize) -> &'static str {
    let opens = |c: char| DOUBLE.contains(&c) || matches!(c, '‘' | '\'' | '‹' | '‚');
    let before = start.checked_sub(1).map(|k| chars[k]);
    if chars.get(start).is_some_and(|&c| opens(c)) || before.is_some_and(opens) {
        "direct"
    } else if chars[start..end].iter().any(|c| DOUBLE.contains(c)) {
        "mixed"
    } else {
        "indirect"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! locates {
        ($($name:ident: $text:expr, $quote:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                let mut l = Locator::new($text);
                let got = l.locate($quote).map(|(s, e)| l.chars()[s..e].iter().collect::<String>());
                assert_eq!(got.as_deref(), $want);
            }
        )*};
    }

    locates! {
        exact: "He said “it is fine” today.", "it is fine" => Some("it is fine");
        exact_after_multibyte: "€😀 “Hi”", "Hi" => Some("Hi");
        straight_for_curly: "He said “it’s fine” today.", "\"it's fine\"" => Some("“it’s fine”");
        whitespace: "it is\n\u{a0} fine", "it  is fine" => Some("it is\n\u{a0} fine");
        trims_the_quote: "it is fine", "  it is fine\n" => Some("it is fine");
        absent: "it is fine", "it is not" => None;
        longer_than_text: "hi", "hi there" => None;
    }

    #[test]
    fn kinds() {
        let chars: Vec<char> = "“Hi,” he said that “x” was y.".chars().collect();
        assert_eq!(infer_kind(&chars, 1, 4), "direct");
        assert_eq!(infer_kind(&chars, 0, 5), "direct");
        assert_eq!(infer_kind(&chars, 14, 29), "mixed");
        assert_eq!(infer_kind(&chars, 23, 28), "indirect");
    }
}
