//! `according to <source>`, leading or trailing its claim.

use whosaid_core::RuleId;

use crate::ctx::{Ctx, Said};
use crate::lexicons::List::*;
use crate::rules::Rule;

/// `According to <speaker>, <claim>`.
pub(crate) const ACCORDING_TO_LEADING: RuleId = RuleId("detect/according-to-leading");
/// `<claim>, according to <speaker>`.
pub(crate) const ACCORDING_TO_TRAILING: RuleId = RuleId("detect/according-to-trailing");

/// The rules of the according-to family.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: ACCORDING_TO_LEADING,
        doc: "`According to <speaker>, <claim>`.",
        example: "According to the police, the suspect fled on foot.",
        finds: "the suspect fled on foot",
        not: "The suspect fled on foot.",
    },
    Rule {
        id: ACCORDING_TO_TRAILING,
        doc: "`<claim>, according to <speaker>`.",
        example: "The suspect fled on foot, according to the police.",
        finds: "The suspect fled on foot",
        not: "The suspect fled according to plan.",
    },
];

impl Ctx<'_> {
    pub(crate) fn according(&mut self, i: usize, a: usize, e: usize, paragraph: usize) {
        let cue = self.cover(i, i + 2);
        let src_from = i + 2;
        let mut src_to = src_from;
        // Stops at the 16th word, which rules the source out anyway: scanning on to the
        // sentence's end for every "according to" made a long sentence quadratic (#16).
        let mut words = 0;
        while src_to < e
            && !matches!(self.tok(src_to), "," | ";" | "—" | "–")
            && !self.is_quote_mark(src_to)
        {
            words += usize::from(self.is_word(src_to));
            if words > 15 {
                return;
            }
            src_to += 1;
        }
        if src_to == src_from || self.words(src_from, src_to) > 15 {
            return;
        }
        let source = self.cover(src_from, src_to);
        let leading = i == a || (i == a + 1 && self.in_list(a, SentenceConjunctions));
        let group = self.next_group();
        if leading {
            if src_to < e && self.tok(src_to) == "," {
                let end = self.cut_at_participle(src_to + 1, e);
                if let Some((_, f, t)) = self.content_span(src_to + 1, end, 2) {
                    self.push(
                        f,
                        t,
                        group,
                        paragraph,
                        Some(cue),
                        Some(source),
                        None,
                        ACCORDING_TO_LEADING,
                    );
                }
            }
        } else if i > a {
            let to = if self.tok(i - 1) == "," { i - 1 } else { i };
            if self.tok(i - 1) != "," && !self.is_quote_mark(i - 1) {
                return;
            }
            let said = Said {
                cue,
                source: Some(source),
                recipient: None,
                rule: ACCORDING_TO_TRAILING,
            };
            // `The implication, according to the aide, is that ...`: the claim's verb comes
            // after the source (what follows a source is otherwise its appositive); a time or
            // place lead before it is not part of it.
            let rest = src_to + 1;
            let goes_on = src_to + 1 < e
                && self.tok(src_to) == ","
                && self.words(rest, e) >= 3
                && self.in_list(rest, FiniteAuxiliaries);
            let lead = self.in_list(a, PhraseOpeners) || self.is_time_word(a);
            if !(goes_on && lead) {
                self.push_piece(a, to, 2, group, paragraph, &said);
            }
            if goes_on {
                let end = self.cut_at_participle(rest, e);
                self.push_piece(rest, end, 3, group, paragraph, &said);
            }
        }
    }
}
