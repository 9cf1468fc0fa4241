//! Sentence splitting inside one body paragraph.

use whosaid_core::{Document, Lexicon, Quote, Sentence, Span, Token, TokenKind};

use crate::tokens::tokenize;

/// True when `word` is one of `starters` in their capitalisation: "The", not "THE".
fn is_starter(starters: &Lexicon, word: &str) -> bool {
    let mut bytes = word.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_uppercase())
        && bytes.all(|b| b.is_ascii_lowercase())
        && starters.contains(word)
}

fn spaced_before(toks: &[Token], i: usize) -> bool {
    i == 0 || toks[i - 1].span().end < toks[i].span().start
}

fn spaced_after(toks: &[Token], i: usize) -> bool {
    i + 1 >= toks.len() || toks[i + 1].span().start > toks[i].span().end
}

/// True when a straight `"` at token `i` looks like an opening mark: space before and none
/// after, or at the paragraph's start.
fn straight_opens(text: &str, toks: &[Token], i: usize) -> bool {
    let (before, after) = (spaced_before(toks, i), spaced_after(toks, i));
    if before != after {
        return before;
    }
    // Both or neither side spaced: an opening mark does not follow a word or a comma.
    i == 0
        || (toks[i - 1].kind == TokenKind::Punct
            && !matches!(&text[toks[i - 1].span()], "." | "," | "!" | "?" | ";"))
}

/// Pairs the quotation marks of one paragraph's tokens, returning (open, close) token indices
/// relative to `toks`. Double quotes nest nothing: inside them, marks of the other kind are
/// left alone. A double quote left open runs to the paragraph's end. Single quotes pair only
/// when an opening mark (space before, word after) finds a closing one (word or punctuation
/// before, space or punctuation after) within the same stretch, so apostrophes stay apostrophes.
pub(crate) fn pair_quotes(text: &str, toks: &[Token]) -> Vec<(usize, Option<usize>, bool)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::DoubleQuote {
            continue;
        }
        let opens = match &text[t.span()] {
            "“" | "„" | "«" => true,
            "”" | "»" | "‟" | "″" => false,
            _ => {
                open.is_none() || (straight_opens(text, toks, i) && !straight_closes_here(toks, i))
            }
        };
        match (open, opens) {
            (None, true) => open = Some(i),
            // A closing mark with nothing open is a stray: ignore it.
            (None, false) => {}
            (Some(o), false) => {
                out.push((o, Some(i), false));
                open = None;
            }
            // An opening mark while open: the earlier quote was never closed; restart here.
            (Some(_), true) => open = Some(i),
        }
    }
    if let Some(o) = open {
        out.push((o, None, false));
    }
    let inside_double = |k: usize| {
        out.iter()
            .any(|&(o, c, _)| o < k && c.is_none_or(|c| k < c))
    };
    let mut singles = Vec::new();
    let mut k = 0;
    // Only a single quotation mark can open: skip to the next one.
    while let Some(next) = toks[k..]
        .iter()
        .position(|t| t.kind == TokenKind::SingleQuote)
    {
        k += next;
        let t = toks[k];
        let opener = matches!(&text[t.span()], "\'" | "‘" | "‛" | "‹" | "`")
            && spaced_before(toks, k)
            && !spaced_after(toks, k)
            && toks.get(k + 1).is_some_and(|n| n.kind == TokenKind::Word)
            && !inside_double(k);
        if !opener {
            k += 1;
            continue;
        }
        let limit = (k + 120).min(toks.len());
        let close = (k + 2..limit).find(|&c| {
            let ct = toks[c];
            ct.kind == TokenKind::SingleQuote
                && matches!(&text[ct.span()], "\'" | "’" | "›" | "´")
                && !spaced_before(toks, c)
                && (spaced_after(toks, c)
                    || toks.get(c + 1).is_some_and(|n| n.kind != TokenKind::Word))
        });
        match close {
            Some(c)
                if !inside_double(c) && !(k..c).any(|m| toks[m].kind == TokenKind::DoubleQuote) =>
            {
                singles.push((k, Some(c), true));
                k = c + 1;
            }
            _ => k += 1,
        }
    }
    out.extend(singles);
    out.sort_by_key(|q| q.0);
    out
}

/// A straight quote glued to the end of a word or sentence punctuation and followed by space
/// closes, even if the same mark could open.
fn straight_closes_here(toks: &[Token], i: usize) -> bool {
    !spaced_before(toks, i) && spaced_after(toks, i) && i > 0
}

/// The most tokens in a sentence. Longer ones are cut into pieces of at most this many tokens,
/// after a punctuation mark in the last quarter of a piece if there is one: the detector
/// looks across a whole sentence for every cue, so a sentence of 250 KB that nothing splits
/// ("... said. x ...", lowercase after every period) took time and gave output that grew
/// with its square (#16). News sentences stay far below it: the longest of the 22,196
/// articles of the benchmark corpus has about 350 tokens.
pub(crate) const MAX_SENTENCE_TOKENS: usize = 1000;

/// Where the sentence piece starting at token `s` ends, for a sentence that ends at `e`.
fn cut_point(toks: &[Token], s: usize, e: usize) -> usize {
    if e - s <= MAX_SENTENCE_TOKENS {
        return e;
    }
    let limit = s + MAX_SENTENCE_TOKENS;
    (limit - MAX_SENTENCE_TOKENS / 4..limit)
        .rev()
        .find(|&i| toks[i].kind == TokenKind::Punct && toks[i].span().len() == 1)
        .map_or(limit, |i| i + 1)
}

/// Splits the body paragraph `span` (paragraph number `paragraph`) into sentences, appending
/// sentences and their tokens to `doc`.
pub(crate) fn split(
    text: &str,
    span: Span,
    paragraph: usize,
    abbreviations: &Lexicon,
    starters: &Lexicon,
    doc: &mut Document,
) {
    let first_token = doc.tokens.len();
    tokenize(text, span, &mut doc.tokens);
    let toks = &doc.tokens[first_token..];
    let pairs = pair_quotes(text, toks);
    let mut inside = vec![false; toks.len()];
    for &(o, c, single) in &pairs {
        let end = c.unwrap_or(toks.len());
        for flag in &mut inside[o + 1..end] {
            *flag = true;
        }
        let outer_end = c.map_or(span.end, |c| toks[c].span().end);
        let inner_end = c.map_or(span.end, |c| toks[c].span().start);
        doc.quotes.push(Quote {
            outer: Span::new(toks[o].span().start, outer_end),
            inner: Span::new(toks[o].span().end, inner_end),
            paragraph,
            open_token: first_token + o,
            close_token: c.map(|c| first_token + c),
            single,
        });
    }
    let mut starts = vec![0usize];
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        // The kind turns away most tokens before their text is sliced out (and checked for
        // character boundaries): this loop sees every token of the body.
        if t.kind != TokenKind::Punct {
            i += 1;
            continue;
        }
        let s = &text[t.span()];
        if !matches!(s, "." | "!" | "?" | "…") {
            i += 1;
            continue;
        }
        // Absorb runs of enders and the closing quotes and brackets that follow them.
        let mut j = i + 1;
        while j < toks.len() {
            let n = &text[toks[j].span()];
            let closing = matches!(
                toks[j].kind,
                TokenKind::DoubleQuote | TokenKind::SingleQuote
            ) || matches!(n, ")" | "]" | "." | "!" | "?" | "…");
            if !closing || toks[j].span().start != toks[j - 1].span().end {
                break;
            }
            j += 1;
        }
        if j >= toks.len() {
            break;
        }
        if inside[j] {
            i = j;
            continue;
        }
        let next = &text[toks[j].span()];
        let next_starts =
            next.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_numeric() || matches!(c, '$' | '€' | '£')
            }) || matches!(
                toks[j].kind,
                TokenKind::DoubleQuote | TokenKind::SingleQuote
            );
        let prev_word = (i > 0
            && toks[i - 1].kind == TokenKind::Word
            && toks[i - 1].span().end == t.span().start)
            .then(|| &text[toks[i - 1].span()]);
        // A period after an abbreviation or an initial does not end the sentence, except that a
        // dotted abbreviation ("U.S.") followed by a common sentence starter does.
        let abbreviation = s == "."
            && j == i + 1
            && prev_word.is_some_and(|w| {
                let single = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
                let dotted = w.contains('.');
                // A dotted abbreviation before a common sentence starter or an opening quote
                // ends its sentence: "in Binghamton, N.Y. “Secretary Clinton ...”".
                let quote_next =
                    matches!(toks[j].kind, TokenKind::DoubleQuote) && !single && dotted;
                (single || dotted || abbreviations.contains(w))
                    && !(dotted && is_starter(starters, next))
                    && !quote_next
            });
        if next_starts && !abbreviation {
            starts.push(j);
        }
        i = j;
    }
    let paragraph_tokens = toks.len();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(paragraph_tokens);
        let mut s = s;
        while s < e {
            let piece_end = cut_point(toks, s, e);
            let sspan = Span::new(toks[s].span().start, toks[piece_end - 1].span().end);
            doc.sentences.push(Sentence {
                span: sspan,
                paragraph,
                tokens: first_token + s..first_token + piece_end,
            });
            s = piece_end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let lex = Lexicon::parse(crate::ABBREVIATIONS);
        let starters = Lexicon::parse(crate::SENTENCE_STARTERS);
        let mut doc = Document::default();
        split(text, Span::new(0, text.len()), 0, &lex, &starters, &mut doc);
        doc.sentences.iter().map(|s| &text[s.span]).collect()
    }

    /// #16: nothing split "\"We win,\" the minister said. x ..." repeated to 256 KB, and
    /// the detector's work on it grew with the square of its length.
    #[test]
    fn an_overlong_sentence_is_cut_into_pieces() {
        let text = "\"We win,\" the minister said. x ".repeat(400);
        let lex = Lexicon::parse(crate::ABBREVIATIONS);
        let starters = Lexicon::parse(crate::SENTENCE_STARTERS);
        let mut doc = Document::default();
        split(
            &text,
            Span::new(0, text.len()),
            0,
            &lex,
            &starters,
            &mut doc,
        );
        assert!(doc.sentences.len() > 1);
        let mut next = 0;
        let last = doc.sentences.len() - 1;
        for (k, s) in doc.sentences.iter().enumerate() {
            assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS, "{:?}", s.tokens);
            assert_eq!(s.tokens.start, next, "pieces follow one another");
            next = s.tokens.end;
            // Cut after a punctuation mark, not inside a word run.
            if k < last {
                assert!(matches!(text[s.span].chars().last(), Some('.' | ',')));
            }
        }
        assert_eq!(next, doc.tokens.len());
        // A sentence of news length stays whole.
        assert_eq!(sentences(&"a b, c ".repeat(200)).len(), 1);
    }

    #[test]
    fn starters_end_a_dotted_abbreviation_only_in_their_capitalisation() {
        assert_eq!(
            sentences("He went to the U.S. The talks failed."),
            ["He went to the U.S.", "The talks failed."]
        );
        assert_eq!(
            sentences("He went to the U.S. THE END."),
            ["He went to the U.S. THE END."]
        );
    }

    macro_rules! splits {
        ($name:ident, $text:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let expected: &[&str] = &$expected;
                assert_eq!(sentences($text), expected);
            }
        };
    }

    splits!(
        titles,
        "Brig. Gen. Yahya Rasul told Diyaruna. He left.",
        ["Brig. Gen. Yahya Rasul told Diyaruna.", "He left."]
    );
    splits!(
        dates,
        "In this Aug. 17, 2016 photo, a boy plays. Mr. Smith Jr. agreed.",
        [
            "In this Aug. 17, 2016 photo, a boy plays.",
            "Mr. Smith Jr. agreed."
        ]
    );
    splits!(
        us_then_starter,
        "It was made in the U.S. The plant closed.",
        ["It was made in the U.S.", "The plant closed."]
    );
    splits!(
        us_inside,
        "The U.S. Army said so.",
        ["The U.S. Army said so."]
    );
    splits!(
        quote_ends_sentence,
        "\"It is over.\" He left.",
        ["\"It is over.\"", "He left."]
    );
    splits!(
        no_split_inside_quote,
        "\"We won. They lost,\" he said. Then silence.",
        ["\"We won. They lost,\" he said.", "Then silence."]
    );
    splits!(
        curly_inside,
        "“We won. They lost!” he said.",
        ["“We won. They lost!” he said."]
    );
    splits!(
        question_lowercase,
        "\"Are you sure?\" he asked.",
        ["\"Are you sure?\" he asked."]
    );
    splits!(
        initials,
        "George W. Bush spoke. Then he left.",
        ["George W. Bush spoke.", "Then he left."]
    );
    splits!(
        single_quotes,
        "'We won. They lost,' he said. It's over.",
        ["'We won. They lost,' he said.", "It's over."]
    );
    splits!(
        currency_starts,
        "It cost less. €5 was the fee.",
        ["It cost less.", "€5 was the fee."]
    );
    splits!(
        doubled_apostrophes,
        "''We won. They lost,'' he said. Then silence.",
        ["''We won. They lost,'' he said.", "Then silence."]
    );
    splits!(
        dotted_then_quote,
        "He spoke in Binghamton, N.Y. \"We won.\"",
        ["He spoke in Binghamton, N.Y.", "\"We won.\""]
    );
    splits!(
        nbsp,
        "It ended.\u{a0}They left.",
        ["It ended.", "They left."]
    );
}

#[cfg(test)]
mod quote_tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let lex = Lexicon::parse(crate::ABBREVIATIONS);
        let starters = Lexicon::parse(crate::SENTENCE_STARTERS);
        let mut doc = Document::default();
        split(text, Span::new(0, text.len()), 0, &lex, &starters, &mut doc);
        doc.quotes.iter().map(|q| &text[q.inner]).collect()
    }

    #[test]
    fn pairs_straight_curly_and_single() {
        assert_eq!(quotes("\"A,\" he said, \"B.\""), ["A,", "B."]);
        assert_eq!(quotes("“A,” he said, “B.”"), ["A,", "B."]);
        assert_eq!(
            quotes("the 'Islamic State' group's fighters’ 'last stand,' he said"),
            ["Islamic State", "last stand,"]
        );
        assert_eq!(quotes("“It goes on"), ["It goes on"]);
        assert_eq!(quotes("“Nested ‘inner’ quote”"), ["Nested ‘inner’ quote"]);
    }
}
