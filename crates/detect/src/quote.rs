//! Quote-only frames: a sentence that is only a quote, credited by a dash, by the sentence
//! before or after it, or continuing the speaker of an earlier claim.

use whosaid_core::{Claim, ClaimKind, Confidence, RuleId, Span};

use crate::ctx::Ctx;
use crate::lexicons::{Form, List::*};
use crate::rules::Rule;

/// A sentence that is only a quote, with no cue of its own, after an attributed claim.
pub(crate) const QUOTE_CONTINUATION: RuleId = RuleId("detect/quote-continuation");
/// A quote after a sentence that names a speaker and a cue but says nothing itself.
pub(crate) const QUOTE_SPEAKER_BEFORE: RuleId = RuleId("detect/quote-speaker-before");
/// A quote ending in `!` or `?`, then a sentence that is only its speaker and cue.
pub(crate) const QUOTE_SPEAKER_AFTER: RuleId = RuleId("detect/quote-speaker-after");
/// A quote credited with a dash and a name: `"<claim>" — Sen. Ann Lee.`
pub(crate) const QUOTE_DASH_CREDIT: RuleId = RuleId("detect/quote-dash-credit");

/// The rules of the quote-only frames family.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: QUOTE_CONTINUATION,
        doc: "A sentence that is only a quote, with no cue of its own, after an attributed claim.",
        example: "\"We will stay,\" he said. \"This is our home and we will not leave it.\"",
        finds: "This is our home and we will not leave it.",
        not: "The \"caliphate\" fell.",
    },
    Rule {
        id: QUOTE_SPEAKER_BEFORE,
        doc: "A quote after a sentence that names a speaker and a cue but says nothing itself.",
        example: "The senator said in response:\n\n\"We will not back down on this bill.\"",
        finds: "We will not back down on this bill.",
        not: "The senator left in a hurry. The doors closed behind her.",
    },
    Rule {
        id: QUOTE_SPEAKER_AFTER,
        doc: "A quote ending in `!` or `?`, then a sentence that is only its speaker and cue.",
        example: "\"We are tired of being told it is offensive!\" Cruz said.",
        finds: "We are tired of being told it is offensive!",
        not: "\"Caliphate\" Is a Word. Cruz left.",
    },
    Rule {
        id: QUOTE_DASH_CREDIT,
        doc: "A quote credited with a dash and a name: `\"<claim>\" — Sen. Ann Lee.`",
        example: "\"Boeing and GE pay zero taxes.\"\n\n- Bernie Sanders.",
        finds: "Boeing and GE pay zero taxes.",
        not: "Prices rose - sharply.",
    },
];

impl Ctx<'_> {
    /// Quotes that fill a sentence of their own, with no cue, after an attributed claim in the
    /// same or the previous paragraph: the same speaker goes on.
    pub(crate) fn continuations(&mut self, p: usize) {
        let para = &self.doc.paragraphs[p];
        for s in para.sentences.clone() {
            let sentence = &self.doc.sentences[s];
            let (a, b) = (sentence.tokens.start, sentence.tokens.end);
            let Some(q) = self.quote_opened_at(a) else {
                continue;
            };
            let end = q.close_token.map_or(b, |c| c + 1);
            let rest_is_punct = (end..b).all(|i| !self.is_word(i) && !self.is_quote_mark(i));
            // `"..." — Sen. Ann Lee.`, or the credit as the next sentence or paragraph.
            let credit = if rest_is_punct {
                let next = if s + 1 < para.sentences.end {
                    Some(&self.doc.sentences[s + 1])
                } else {
                    self.doc
                        .paragraphs
                        .get(p + 1)
                        .filter(|np| np.furniture.is_none())
                        .and_then(|np| {
                            (!np.sentences.is_empty())
                                .then(|| &self.doc.sentences[np.sentences.start])
                        })
                };
                next.and_then(|n| self.dash_credit(n.tokens.start, n.tokens.end))
            } else {
                self.dash_credit(end, b)
            };
            let inner_tokens = q.open_token + 1..end.saturating_sub(1).max(q.open_token + 1);
            if !(rest_is_punct || credit.is_some())
                || self.claimed[inner_tokens.clone()].iter().any(|&c| c)
            {
                continue;
            }
            let inner = q.inner.trim(self.text);
            // Short quotes ("Bodies everywhere.") continue only a claim of the same paragraph.
            let min_words = if self.first_claim[p] < inner.start {
                1
            } else {
                3
            };
            if inner.is_empty() || self.text[inner].split_whitespace().count() < min_words {
                continue;
            }
            // `Pence said in response. "As big as it needs to be."`, `He told reporters:` then
            // the quote: the sentence before names the speaker but says nothing itself.
            let previous = if s > para.sentences.start {
                Some(s - 1)
            } else {
                self.doc.paragraphs[..p]
                    .last()
                    .filter(|pp| pp.furniture.is_none() && !pp.sentences.is_empty())
                    .map(|pp| pp.sentences.end - 1)
            };
            // `"... offensive!" Cruz said.`: the sentence after the quote names the speaker.
            let follow = (s + 1 < para.sentences.end)
                .then(|| self.speaker_only(s + 1))
                .flatten();
            let lead = credit
                .or(follow)
                .or_else(|| previous.and_then(|ps| self.speaker_only(ps)));
            // Only when something was attributed shortly before: this paragraph or the last
            // two, or the quote goes on into a next paragraph that names its speaker.
            let near = self.first_claim[p.saturating_sub(2)..=p]
                .iter()
                .any(|&start| start < inner.start);
            // A quote that fills its whole paragraph is a claim even with nobody to give it to.
            let whole_paragraph = a == self.doc.sentences[para.sentences.start].tokens.start
                && b == self.doc.sentences[para.sentences.end - 1].tokens.end;
            if !near && !whole_paragraph && q.close_token.is_some() && lead.is_none() {
                continue;
            }
            let group = self.next_group();
            self.mark(inner_tokens.start, inner_tokens.end, p, inner.start);
            self.claims.push(Claim {
                kind: ClaimKind::Direct,
                span: inner,
                group,
                paragraph: p,
                cue: lead.map(|l| l.1),
                source: lead.map(|l| l.0),
                recipient: None,
                rule: match (credit, follow, lead) {
                    (Some(_), _, _) => QUOTE_DASH_CREDIT,
                    (None, Some(_), _) => QUOTE_SPEAKER_AFTER,
                    (None, None, Some(_)) => QUOTE_SPEAKER_BEFORE,
                    (None, None, None) => QUOTE_CONTINUATION,
                },
                continuation: lead.is_none(),
                confidence: Confidence::CERTAIN,
            });
        }
    }

    /// `— Sen. Ann Lee.`: a dash and a short capitalised name filling tokens `from..to`
    /// (a final period aside); returns the name and the dash.
    pub(crate) fn dash_credit(&self, from: usize, to: usize) -> Option<(Span, Span)> {
        // The horizontal bar (U+2015) is the quotation dash of many style guides.
        if from >= to || !matches!(self.tok(from), "—" | "–" | "―" | "-" | "--") {
            return None;
        }
        let mut end = to;
        while end > from + 1
            && matches!(self.tok(end - 1), "." | "!" | "?")
            && !self.abbreviation_period(end - 1, from)
        {
            end -= 1;
        }
        let name = from + 1..end;
        let ok = !name.is_empty()
            && self.words(name.start, name.end) <= 6
            && (name.start..name.end).all(|t| {
                self.capitalised(t)
                    || self.abbreviation_period(t, from)
                    || matches!(self.tok(t), "," | "(" | ")")
                    || self.in_list(t, NameConnectives)
            })
            && self.capitalised(name.start);
        ok.then(|| (self.cover(name.start, name.end), self.span(from)))
    }

    /// For a sentence that ends `<speaker> said [in a statement][:]` and holds no claim of
    /// its own, the speaker phrase and the cue.
    pub(crate) fn speaker_only(&self, si: usize) -> Option<(Span, Span)> {
        let sentence = &self.doc.sentences[si];
        if self.claimed[sentence.tokens.clone()].iter().any(|&c| c) {
            return None;
        }
        let (a, b) = (sentence.tokens.start, sentence.tokens.end);
        let c = (a..b).rev().find(|&i| {
            !self.inside[i]
                && self.is_word(i)
                && self
                    .lex
                    .cue(self.tok(i))
                    .is_some_and(|cue| cue.form != Form::Ing)
        })?;
        // Nothing but a hearer, a time or place, and punctuation after the cue, or an aside
        // after a comma ("LeVell declared, a point he likes to make").
        let tail = (c + 1..b).find(|&i| self.tok(i) == ",").unwrap_or(b);
        if self.words(c + 1, tail) > 6
            || (c + 1..tail).any(|i| self.is(i, "that") || self.is_quote_mark(i))
        {
            return None;
        }
        let mut k = c;
        while k > a && self.is_word(k - 1) && self.lex.auxiliaries.contains(self.tok(k - 1)) {
            k -= 1;
        }
        if k == a || self.in_list(k - 1, NotBeforeCue) {
            return None;
        }
        let start = self.speaker_left(k - 1, a)?;
        Some((self.cover(start, k), self.span(c)))
    }
}
