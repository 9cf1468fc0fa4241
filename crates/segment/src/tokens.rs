//! A tokenizer for news prose: words keep their inner apostrophes, hyphens and periods
//! ("al-Qaim", "group's", "U.S", "3.5"); quotation marks and other punctuation are tokens of
//! their own.

use whosaid_core::{Span, Token, TokenKind};

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‟' | '″')
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '`' | '´')
}

/// Characters that may join two runs of letters or digits inside one word.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '-' | '‐' | '‑' | '.' | '&' | ',' | '/' | '_'
    )
}

fn is_word_char(c: char) -> bool {
    // ASCII first: most characters of news text are, and the Unicode tables are slower.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '%' || c == '$';
    }
    c.is_alphanumeric() || c == '€' || c == '£'
}

/// White space, control characters and invisible formatting characters: between tokens.
fn is_skipped(c: char) -> bool {
    if c.is_ascii() {
        // ASCII white space and control characters are exactly these.
        return c <= ' ' || c == '\x7f';
    }
    c.is_whitespace() || c.is_control() || is_invisible(c)
}

/// What the tokenizer makes of a byte, looked up in [`CLASSES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII white space or a control character: between tokens.
    Skip,
    /// An ASCII letter or digit, `%` or `$`: part of a word.
    Word,
    /// An ASCII character that may join two runs of a word ([`is_joiner`]).
    Joiner,
    /// Any other ASCII character: a quotation mark or punctuation.
    Other,
    /// The first (or a later) byte of a multibyte character, which must be decoded.
    NonAscii,
}

/// The class of every byte. News text is mostly ASCII: a table lookup a byte decides most
/// characters without decoding them or running the several comparisons of
/// [`is_word_char`], [`is_skipped`] and [`is_joiner`], which agree with this table on ASCII.
static CLASSES: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            Class::NonAscii
        } else if byte <= b' ' || byte == 0x7f {
            Class::Skip
        } else if byte.is_ascii_alphanumeric() || byte == b'%' || byte == b'$' {
            Class::Word
        } else if matches!(byte, b'\'' | b'-' | b'.' | b'&' | b',' | b'/' | b'_') {
            Class::Joiner
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// The character at byte `pos` of `s`, which must be a character boundary.
fn char_at(s: &str, pos: usize) -> Option<char> {
    let b = *s.as_bytes().get(pos)?;
    if b.is_ascii() {
        return Some(char::from(b));
    }
    s[pos..].chars().next()
}

/// Tokenizes `text[span]`, pushing tokens with absolute spans onto `out`.
// Out of line: inlined into the sentence splitter, the loop below shares registers with the
// caller's and runs about 10% more instructions (callgrind, news2k).
#[inline(never)]
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let base = span.start;
    let s = &text[span];
    let bytes = s.as_bytes();
    // A byte position rather than a peekable `char_indices`: the look-ahead is a read at
    // `end`, and ASCII needs no decoding. This loop sees every character of the body.
    let mut pos = 0;
    while let Some(&b) = bytes.get(pos) {
        let i = pos;
        let (c, word) = match CLASSES[usize::from(b)] {
            Class::Skip => {
                pos += 1;
                continue;
            }
            Class::Word => (char::from(b), true),
            Class::Joiner | Class::Other => (char::from(b), false),
            Class::NonAscii => {
                let c = char_at(s, i).expect("`pos` is a character boundary inside `s`");
                if is_skipped(c) {
                    pos += c.len_utf8();
                    continue;
                }
                (c, is_word_char(c))
            }
        };
        pos += c.len_utf8();
        if word {
            let end = word_end(s, i, pos, c.is_ascii_digit());
            pos = end;
            let Some(token) = Token::new(Span::new(base + i, base + end), TokenKind::Word) else {
                // Past 4 GiB: the rest of the article is not tokenized.
                return;
            };
            out.push(token);
            continue;
        }
        // Two apostrophes or two backticks stand for a double quotation mark in some
        // newswire and typeset text (''We won,'' he said; ``We won'').
        // Three apostrophes close a nested single quote and then the double one, so the
        // first of them stands alone.
        let triple = c == '\'' && s[i + 1..].starts_with("''");
        if !triple && matches!(c, '\'' | '`') && s[i + 1..].starts_with(['\'', '`']) {
            // The second mark is one byte.
            pos += 1;
            let Some(token) = Token::new(Span::new(base + i, base + i + 2), TokenKind::DoubleQuote)
            else {
                // Past 4 GiB: the rest of the article is not tokenized.
                return;
            };
            out.push(token);
            continue;
        }
        let kind = if is_double_quote(c) {
            TokenKind::DoubleQuote
        } else if is_single_quote(c) {
            TokenKind::SingleQuote
        } else {
            TokenKind::Punct
        };
        let Some(token) = Token::new(Span::new(base + i, base + i + c.len_utf8()), kind) else {
            // Past 4 GiB: the rest of the article is not tokenized.
            return;
        };
        out.push(token);
    }
}

/// The end of the word of `s` that starts at byte `start`, whose first character ends at
/// `end`; `digit_start` when that character is an ASCII digit.
fn word_end(s: &str, start: usize, mut end: usize, digit_start: bool) -> usize {
    let bytes = s.as_bytes();
    loop {
        // ASCII letters and digits, most of every word, go by at a table lookup a byte.
        end += bytes[end..]
            .iter()
            .take_while(|&&b| CLASSES[usize::from(b)] == Class::Word)
            .count();
        let Some(&b) = bytes.get(end) else {
            return end;
        };
        let j = end;
        let d = match CLASSES[usize::from(b)] {
            Class::Joiner => char::from(b),
            Class::NonAscii => {
                let d = char_at(s, j).expect("`end` is a character boundary inside `s`");
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    continue;
                }
                if !is_joiner(d) {
                    return end;
                }
                d
            }
            // The run above stopped at this byte, so it is no word character.
            Class::Skip | Class::Word | Class::Other => return end,
        };
        // Join only when a word character follows directly; a comma or slash
        // joins only digits ("1,500", "1500/1500").
        let joins = match char_at(s, j + d.len_utf8()) {
            Some(n) if is_word_char(n) => {
                if matches!(d, ',' | '/') {
                    digit_start && n.is_ascii_digit()
                } else if d == '.' {
                    // "U.S", "a.m", "3.5" join (the piece before the period
                    // is short), and so do domains ("Halo.Bungie.Org",
                    // "fivethirtyeight.com"); "said.Trump", a missing space,
                    // does not.
                    let piece = s[start..j].rsplit(is_joiner).next().unwrap_or("");
                    piece.chars().count() <= 3 || is_domain_tail(&s[j + 1..])
                } else {
                    true
                }
            }
            _ => false,
        };
        if !joins {
            return end;
        }
        end = j + d.len_utf8();
    }
}

/// True when `rest` (what follows a period inside a word) continues a domain name: a
/// top-level domain, or more dotted pieces.
fn is_domain_tail(rest: &str) -> bool {
    let run: &str = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .next()
        .unwrap_or("");
    let run = run.trim_end_matches('.');
    let first = run.split('.').next().unwrap_or("");
    run.contains('.')
        || [
            "com", "org", "net", "gov", "edu", "co", "uk", "io", "us", "info", "tv", "int", "eu",
        ]
        .iter()
        .any(|tld| first.eq_ignore_ascii_case(tld))
}

/// Zero-width and formatting characters that are neither words nor punctuation.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        out.iter().map(|t| &s[t.span()]).collect()
    }

    #[test]
    fn byte_classes_agree_with_the_character_tests() {
        for b in 0..=u8::MAX {
            let c = char::from(b);
            let want = if !b.is_ascii() {
                Class::NonAscii
            } else if is_skipped(c) {
                Class::Skip
            } else if is_word_char(c) {
                Class::Word
            } else if is_joiner(c) {
                Class::Joiner
            } else {
                Class::Other
            };
            assert_eq!(CLASSES[usize::from(b)], want, "{b:#04x}");
        }
    }

    #[test]
    fn words_keep_inner_marks() {
        assert_eq!(
            toks("al-Qaim's U.S. forces, 1,500 men."),
            ["al-Qaim's", "U.S", ".", "forces", ",", "1,500", "men", "."]
        );
    }

    #[test]
    fn doubled_apostrophes_are_one_double_quote() {
        let s = "''We won,'' he said.";
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        assert_eq!(out[0].kind, TokenKind::DoubleQuote);
        assert_eq!(&s[out[0].span()], "''");
        assert_eq!(&s[out[4].span()], "''");
        assert_eq!(out[4].kind, TokenKind::DoubleQuote);
    }

    #[test]
    fn missing_space_after_a_sentence_still_splits_words() {
        assert_eq!(
            toks("Trump said.Trump left"),
            ["Trump", "said", ".", "Trump", "left"]
        );
        assert_eq!(toks("3.5 a.m. Ph.D"), ["3.5", "a.m", ".", "Ph.D"]);
        assert_eq!(
            toks("fansite Halo.Bungie.Org, and fivethirtyeight.com."),
            [
                "fansite",
                "Halo.Bungie.Org",
                ",",
                "and",
                "fivethirtyeight.com",
                "."
            ]
        );
    }

    #[test]
    fn quotes_and_nbsp() {
        assert_eq!(
            toks("“Hi,”\u{a0}he said of the 'group’s' fighters’ \u{200b}x"),
            [
                "“",
                "Hi",
                ",",
                "”",
                "he",
                "said",
                "of",
                "the",
                "'",
                "group’s",
                "'",
                "fighters",
                "’",
                "x"
            ]
        );
    }
}
