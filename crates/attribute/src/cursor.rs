//! Finding the tokens of a speaker phrase without searching the whole article.

use std::ops::Range;

use whosaid_core::{Span, Token};

/// Finds the tokens of spans that come roughly in text order, searching outwards from where
/// the last search ended. A claim's speaker is near the claim, and claims come in text order,
/// so a search walks a few tokens where a binary search of the article's token list took
/// some 23 steps in a 50 MB article, nearly each one a cache miss.
pub(crate) struct TokenCursor<'d> {
    tokens: &'d [Token],
    at: usize,
}

impl<'d> TokenCursor<'d> {
    pub(crate) fn new(tokens: &'d [Token]) -> TokenCursor<'d> {
        TokenCursor { tokens, at: 0 }
    }

    /// The tokens that `span` covers: from the first that starts at or after its start, up to
    /// the first that ends past its end.
    pub(crate) fn tokens(&mut self, span: Span) -> &'d [Token] {
        let range = self.range(span);
        &self.tokens[range]
    }

    fn range(&mut self, span: Span) -> Range<usize> {
        let first = gallop(self.tokens, self.at, |t| t.span().start < span.start);
        let end = gallop(self.tokens, first, |t| t.span().end <= span.end).max(first);
        self.at = first;
        first..end
    }
}

/// The first index at which `before` is false, like `slice::partition_point`, searched from
/// `from` outwards in steps that double: O(log d) for an answer d places away.
fn gallop(tokens: &[Token], from: usize, before: impl Fn(&Token) -> bool) -> usize {
    let from = from.min(tokens.len());
    if tokens.get(from).is_some_and(&before) {
        // The answer is past `from`: widen [lo, hi) rightwards until tokens[hi] is not before.
        let (mut lo, mut hi, mut step) = (from + 1, from + 1, 1);
        while hi < tokens.len() && before(&tokens[hi]) {
            lo = hi + 1;
            hi += step;
            step *= 2;
        }
        let hi = hi.min(tokens.len());
        return lo + tokens[lo..hi].partition_point(before);
    }
    // The answer is at or before `from`: widen leftwards until a token is before.
    let (mut hi, mut step) = (from, 1);
    let lo = loop {
        if hi == 0 {
            return 0;
        }
        let probe = hi.saturating_sub(step);
        if before(&tokens[probe]) {
            break probe + 1;
        }
        hi = probe;
        step *= 2;
    };
    lo + tokens[lo..hi].partition_point(before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid_core::TokenKind;

    fn tokens(n: usize) -> Vec<Token> {
        (0..n)
            .map(|i| Token::new(Span::new(3 * i, 3 * i + 2), TokenKind::Word).unwrap())
            .collect()
    }

    #[test]
    fn gallop_agrees_with_partition_point_from_anywhere() {
        for n in [0, 1, 2, 7, 40] {
            let toks = tokens(n);
            for target in 0..=3 * n + 1 {
                let before = |t: &Token| t.span().start < target;
                let want = toks.partition_point(before);
                for from in 0..=n + 2 {
                    assert_eq!(
                        gallop(&toks, from, before),
                        want,
                        "n {n} target {target} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_cursor_finds_spans_in_any_order() {
        let toks = tokens(100);
        let mut cursor = TokenCursor::new(&toks);
        // Tokens i..j cover bytes 3i..3j-1.
        for (i, j) in [
            (5usize, 9usize),
            (50, 51),
            (2, 3),
            (99, 100),
            (0, 100),
            (40, 40),
        ] {
            let span = Span::new(3 * i, (3 * j).saturating_sub(1).max(3 * i));
            assert_eq!(cursor.range(span), i..j, "{i}..{j}");
        }
    }
}
