//! `..., adding that <claim>`: a participle that goes on with the sentence's speaker.

use whosaid_core::RuleId;

use crate::ctx::Ctx;
use crate::rules::Rule;

/// `..., adding that <claim>`: a participle continuing the speaker of the sentence.
pub(crate) const PARTICIPLE: RuleId = RuleId("detect/participle");

/// The rules of the participles family.
pub(crate) const RULES: &[Rule] = &[Rule {
    id: PARTICIPLE,
    doc: "`..., adding that <claim>`: a participle continuing the speaker of the sentence.",
    example: "The plant will close, he said, adding that 300 jobs would go.",
    finds: "300 jobs would go",
    not: "He left the plant, adding to the confusion.",
}];

impl Ctx<'_> {
    pub(crate) fn participle(
        &mut self,
        i: usize,
        a: usize,
        e: usize,
        paragraph: usize,
        first_claim: usize,
    ) {
        let Some(verb) = self.lex.cue(self.tok(i)) else {
            return;
        };
        let (after, recipient) = self.content_after(i, e, verb);
        let Some(start) = after else { return };
        // "adding that" and "saying" are the common ones; other participles need "that" or a
        // quote so that "warning shots" or "pointing fingers" stay out.
        let end = self.quote_end(start, self.cut_at_participle(start, e));
        let Some((_, from, to)) = self.content_span(start, end, 2) else {
            return;
        };
        // The speaker is the sentence's: the last claim found in it, else its subject.
        let source = self.claims[first_claim..]
            .iter()
            .filter(|c| c.cue.is_some_and(|cue| cue.end <= self.span(i).start))
            .max_by_key(|c| c.cue.map(|cue| cue.start))
            .and_then(|c| c.source)
            .or_else(|| self.sentence_subject(a, i));
        let Some(source) = source else { return };
        let group = self.next_group();
        self.push(
            from,
            to,
            group,
            paragraph,
            Some(self.span(i)),
            Some(source),
            recipient,
            PARTICIPLE,
        );
    }
}
