//! Label frames: a name and a colon before the claim (`Trump: "..."`, `TAPPER: ...`).

use whosaid_core::RuleId;

use crate::ctx::Ctx;
use crate::lexicons::List::*;
use crate::rules::Rule;

/// `<speaker> [verb]: "<claim>"`: a name (and a verb), a colon, a quote to the end.
pub(crate) const LABEL_COLON: RuleId = RuleId("detect/label-colon");
/// A transcript turn: `TAPPER: <claim>` opening a paragraph.
pub(crate) const LABEL_TRANSCRIPT: RuleId = RuleId("detect/label-transcript");

/// The rules of the labels family.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: LABEL_COLON,
        doc: "`<speaker> [verb]: \"<claim>\"`: a name (and a verb), a colon, a quote to the end.",
        example: "Trump: \"We will win big.\"",
        finds: "We will win big.",
        not: "Note: the plant is closed.",
    },
    Rule {
        id: LABEL_TRANSCRIPT,
        doc: "A transcript turn: `TAPPER: <claim>` opening a paragraph.",
        example:
            "TAPPER: Do you think he has campaigned as a healer?\n\nFALLIN: I think he is trying.",
        finds: "Do you think he has campaigned as a healer?",
        not: "Update: The story was corrected on Monday.",
    },
];

impl Ctx<'_> {
    /// A transcript turn: a paragraph opening with a short name and a colon (`TAPPER: Do you
    /// think ...?`, `Q: ...`, `Lopez: Well, ...`); the rest of the paragraph is the claim.
    pub(crate) fn transcript(&mut self, p: usize) {
        let para = &self.doc.paragraphs[p];
        if para.sentences.is_empty() {
            return;
        }
        let a = self.doc.sentences[para.sentences.start].tokens.start;
        let b = self.doc.sentences[para.sentences.end - 1].tokens.end;
        let Some(colon) = (a + 1..(a + 6).min(b)).find(|&i| self.tok(i) == ":") else {
            return;
        };
        let name_ok = (a..colon).all(|i| self.capitalised(i) || self.abbreviation_period(i, a))
            && !self.in_list(a, NotSpeakerLabels)
            && self.words(colon + 1, b) >= 2;
        if !name_ok || self.quote_opened_at(colon + 1).is_some() {
            return;
        }
        if let Some((_, f, t)) = self.content_span(colon + 1, b, 2) {
            let group = self.next_group();
            let source = Some(self.cover(a, colon));
            self.push(
                f,
                t,
                group,
                p,
                Some(self.span(colon)),
                source,
                None,
                LABEL_TRANSCRIPT,
            );
        }
    }

    /// `Trump: "..."`: a short capitalised name, a colon, and a quote.
    pub(crate) fn colon_lead(&mut self, a: usize, e: usize, paragraph: usize) {
        // The last colon followed by a quote that runs to the end of the sentence.
        let Some(colon) = (a + 1..e).rev().find(|&i| {
            self.tok(i) == ":"
                && !self.inside[i]
                && i + 1 < e
                && self
                    .quote_opened_at(i + 1)
                    .is_some_and(|q| q.close_token.is_none_or(|c| c + 2 >= e))
        }) else {
            return;
        };
        // `Trump: "..."`, `pollster Daron Shaw: "..."`, `O'Malley interjected: "..."`.
        let mut k = colon;
        // "Then she added warily:", "As Cornyn put it:": an adverb, or "it" after a verb.
        while k > a + 1 {
            let it_after_verb = self.is(k - 1, "it")
                && k > a + 2
                && self.is_word(k - 2)
                && self.tok(k - 2).chars().all(char::is_lowercase);
            if !(self.is_between(k - 1) || it_after_verb) {
                break;
            }
            k -= 1;
        }
        let verb = k > a + 1
            && self.is_word(k - 1)
            && self.tok(k - 1).chars().all(char::is_lowercase)
            && (self.lex.cue(self.tok(k - 1)).is_some()
                || self.tok(k - 1).ends_with("ed")
                || self.in_list(k - 1, ColonVerbs));
        if verb {
            k -= 1;
            while k > a && self.is_between(k - 1) {
                k -= 1;
            }
        }
        let Some(start) = k.checked_sub(1).and_then(|last| self.speaker_left(last, a)) else {
            return;
        };
        let named = (start..k).any(|t| self.capitalised(t)) || self.in_list(start, SpeakerPronouns);
        let boundary = start == a
            || matches!(self.tok(start - 1), "," | "—" | "–" | "(")
            || self.in_list(start - 1, SpeakerBoundaries);
        if !named || !boundary || self.words(start, k) > 8 {
            return;
        }
        if let Some((_, f, t)) = self.content_span(colon + 1, e, 1) {
            let group = self.next_group();
            let source = Some(self.cover(start, k));
            let cue = Some(if verb { self.span(k) } else { self.span(colon) });
            self.push(f, t, group, paragraph, cue, source, None, LABEL_COLON);
        }
    }
}
