//! Questions put to the speaker: `Asked whether ..., Smith said`, `when asked how ...`.

use whosaid_core::RuleId;

use crate::ctx::{Ctx, Said};
use crate::lexicons::List::*;
use crate::rules::Rule;

/// `Asked <question>, <speaker> said <answer>`: the question, with no speaker.
pub(crate) const ASKED_QUESTION: RuleId = RuleId("detect/asked-question");

/// The rules of the questions family.
pub(crate) const RULES: &[Rule] = &[Rule {
    id: ASKED_QUESTION,
    doc: "`Asked <question>, <speaker> said <answer>`: the question, with no speaker.",
    example: "Asked whether he would resign, Smith said, \"Probably not.\"",
    finds: "whether he would resign",
    not: "He asked for more time.",
}];

impl Ctx<'_> {
    /// `Asked <question>, <speaker> said <answer>`: when the sentence from `a` opens with a
    /// question put to the speaker whose phrase starts at `before`, pushes the question, a
    /// claim with no speaker, and returns true; the cue's frame then takes the answer.
    pub(crate) fn asked_lead(
        &mut self,
        a: usize,
        e: usize,
        before: usize,
        paragraph: usize,
    ) -> bool {
        let asked = if self.is(a, "asked") {
            Some(a + 1)
        } else if self.is(a, "when") && a + 1 < e && self.is(a + 1, "asked") {
            Some(a + 2)
        } else {
            None
        };
        let Some(q_from) = asked.filter(|_| before > a + 1 && self.tok(before - 1) == ",") else {
            return false;
        };
        if let Some((_, f, t)) = self.content_span(q_from, before - 1, 2) {
            let group = self.next_group();
            self.push(f, t, group, paragraph, None, None, None, ASKED_QUESTION);
        }
        true
    }

    /// A question put to the speaker, in a passive or a time clause: `when asked whether
    /// <claim>`, `he was asked how <claim>`. The question is a claim with no speaker (who
    /// asked is rarely said); the answer, if any, is the sentence's own claim.
    pub(crate) fn asked_question(
        &mut self,
        i: usize,
        a: usize,
        e: usize,
        paragraph: usize,
    ) -> bool {
        let lead = |t: usize| self.in_list(t, AskedLeads);
        let passive = |t: usize| self.in_list(t, PassiveAuxiliaries);
        let q = i + 1;
        if !self.is(i, "asked")
            || i == a
            || !(lead(i - 1) || passive(i - 1))
            || q + 1 >= e
            || !self.in_list(q, QuestionOpeners)
        {
            return false;
        }
        // The question runs to the end of its clause.
        let end = (q..e)
            .find(|&t| !self.inside[t] && matches!(self.tok(t), "," | ";" | "—" | "–"))
            .unwrap_or(e);
        let said = Said {
            cue: self.span(i),
            source: None,
            recipient: None,
            rule: ASKED_QUESTION,
        };
        let group = self.group;
        let pushed = self.push_piece(q, end, 2, group, paragraph, &said);
        if pushed {
            self.group += 1;
        }
        pushed
    }
}
