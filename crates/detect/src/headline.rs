//! Headlines, which state an attribution only explicitly: `McCain: <claim>`,
//! `County Says <claim>`.

use whosaid_core::RuleId;

use crate::ctx::Ctx;
use crate::lexicons::{Form, List::*};
use crate::rules::Rule;

/// An attribution stated by the headline: `McCain: <claim>`, `County Says <claim>`.
pub(crate) const HEADLINE: RuleId = RuleId("detect/headline");

/// The rules of the headlines family.
pub(crate) const RULES: &[Rule] = &[Rule {
    id: HEADLINE,
    doc: "An attribution stated by the headline: `McCain: <claim>`, `County Says <claim>`.",
    example: "John McCain: Populist Anger Appeals to Bad Angels\n\nThe senator spoke on Monday.",
    finds: "Populist Anger Appeals to Bad Angels",
    not: "ISIS Kills Its Own Fighters as They Flee\n\nThe town fell on Monday.",
}];

impl Ctx<'_> {
    /// A headline states an attribution only explicitly: `McCain: Populist Anger Appeals to
    /// ...`, `Bellwether County Says Trump Should Win`.
    pub(crate) fn headline(&mut self, si: usize) {
        let (a, e, paragraph) = self.bounds(si);
        let name_ok = |to: usize| {
            to > a
                && (a..to).all(|i| {
                    self.capitalised(i)
                        || self.abbreviation_period(i, a)
                        || self.in_list(i, NameConnectives)
                        || !self.is_word(i) && self.tok(i) != ","
                })
                // An all-capitals lead is a newswire slug ("JAPAN TRADE:"), not a speaker.
                && (a..to).any(|i| self.is_word(i) && self.tok(i).chars().any(char::is_lowercase))
        };
        let colon = (a + 1..(a + 14).min(e)).find(|&i| self.tok(i) == ":");
        let says = (a + 1..(a + 8).min(e)).find(|&i| {
            !self.inside[i]
                && self
                    .lex
                    .cue(self.tok(i))
                    .is_some_and(|c| matches!(c.form, Form::Third | Form::Past))
        });
        if self.in_list(a, NotSpeakerLabels) {
            return;
        }
        let (lead, cue) = match (colon, says) {
            (Some(c), _) if name_ok(c) => (c, self.span(c)),
            (_, Some(v)) if name_ok(v) => (v, self.span(v)),
            _ => return,
        };
        if let Some((_, f, t)) = self.content_span(lead + 1, e, 2) {
            let group = self.next_group();
            let source = self.cover(a, lead);
            self.push(
                f,
                t,
                group,
                paragraph,
                Some(cue),
                Some(source),
                None,
                HEADLINE,
            );
        }
    }
}
