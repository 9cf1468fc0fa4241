//! Beliefs without a holder: `<subject> seemed <claim>`, `<subject> is expected to <claim>`
//! (only with `--beliefs`).

use whosaid_core::RuleId;

use crate::ctx::{Ctx, Said};
use crate::lexicons::List::*;
use crate::rules::Rule;

/// `<subject> seemed <claim>`, `<subject> is expected to <claim>`: a belief with no
pub(crate) const RAISING: RuleId = RuleId("detect/raising");

/// The rules of the raising family.
pub(crate) const RULES: &[Rule] = &[Rule {
    id: RAISING,
    doc: "`<subject> seemed <claim>`, `<subject> is expected to <claim>`: a belief with no \
              holder, in two pieces (the subject, and what is believed of it). Only with \
              `--beliefs`.",
    example: "The bill is widely expected to pass the Senate next week.",
    finds: "to pass the Senate next week",
    not: "The senator appeared on television with her family.",
}];

impl Ctx<'_> {
    /// A belief without a holder, about the subject of a verb of appearance or expectation:
    /// `<subject> seemed <claim>`, `<subject> is expected to <claim>`. The claim comes in two
    /// pieces, the subject and what is believed of it, and has no speaker.
    pub(crate) fn raising(&mut self, i: usize, a: usize, e: usize, paragraph: usize) -> bool {
        let cue_from = if self.in_list(i, AppearanceVerbs) {
            i
        } else if self.is(i, "expected") {
            let mut b = i;
            if b > a && self.in_list(b - 1, RaisingAdverbs) {
                b -= 1;
            }
            if !(b > a && self.in_list(b - 1, BeForms)) {
                return false;
            }
            b - 1
        } else {
            return false;
        };
        let comp = i + 1;
        if comp + 1 >= e || !self.is_word(comp) || !self.is_word(comp + 1) {
            return false;
        }
        // "appeared to be", "seemed unsure"; but "appeared on CNN" is no belief.
        let to = self.is(comp, "to");
        if !to && (!self.tok(i).starts_with("seem") || self.in_list(comp, ClauseWords)) {
            return false;
        }
        let mut k = cue_from;
        while k > a && (self.in_list(k - 1, RaisingAdverbs) || self.is_between(k - 1)) {
            k -= 1;
        }
        let subject = match k.checked_sub(1).filter(|&t| t >= a && self.is_word(t)) {
            // "It seems unlikely that ...": no subject to speak of.
            Some(t) if self.in_list(t, ExpletiveSubjects) => None,
            Some(t) if self.in_list(t, RelativePronouns) => Some(t),
            Some(t) => self.speaker_left(t, a),
            None => None,
        };
        let said = Said {
            cue: self.cover(cue_from, i + 1),
            source: None,
            recipient: None,
            rule: RAISING,
        };
        let end = self.quote_end(comp, self.cut_at_participle(comp, e));
        let group = self.group;
        let mut pushed = false;
        if let Some(s) = subject {
            pushed |= self.push_piece(s, k, 1, group, paragraph, &said);
        }
        pushed |= self.push_piece(comp, end, 2, group, paragraph, &said);
        if pushed {
            self.group += 1;
        }
        pushed
    }
}
