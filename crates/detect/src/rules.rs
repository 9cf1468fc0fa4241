//! The detector's rules: stable ids (the CSV `rule` column), what each finds, an example it
//! must find and one it must not. `tests::every_rule_example` runs them all.

use whosaid_core::RuleId;

/// A detection rule's documentation.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Its stable id.
    pub id: RuleId,
    /// What it finds.
    pub doc: &'static str,
    /// A paragraph where it finds `finds`.
    pub example: &'static str,
    /// The claim text it must find in `example`.
    pub finds: &'static str,
    /// A paragraph where no rule may find a claim.
    pub not: &'static str,
}

pub(crate) const CUE_AFTER: RuleId = RuleId("detect/cue-after");
pub(crate) const CUE_BEFORE: RuleId = RuleId("detect/cue-before");
pub(crate) const INVERTED: RuleId = RuleId("detect/cue-inverted");
pub(crate) const PARENTHETICAL: RuleId = RuleId("detect/parenthetical");
pub(crate) const SPLIT: RuleId = RuleId("detect/split-quote");
pub(crate) const AFTER_CUE: RuleId = RuleId("detect/after-cue");
pub(crate) const ACCORDING_BEFORE: RuleId = RuleId("detect/according-to-before");
pub(crate) const ACCORDING_AFTER: RuleId = RuleId("detect/according-to-after");
pub(crate) const PARTICIPLE: RuleId = RuleId("detect/participle");
pub(crate) const COLON: RuleId = RuleId("detect/colon-lead");
pub(crate) const CONTINUATION: RuleId = RuleId("detect/continuation");
pub(crate) const CUE_BEFORE_QUOTE: RuleId = RuleId("detect/cue-sentence-before");
pub(crate) const CUE_AFTER_QUOTE: RuleId = RuleId("detect/cue-sentence-after");
pub(crate) const DASH_CREDIT: RuleId = RuleId("detect/dash-credit");
pub(crate) const HEADLINE: RuleId = RuleId("detect/headline");
pub(crate) const ASKED: RuleId = RuleId("detect/asked");
pub(crate) const COORDINATED: RuleId = RuleId("detect/coordinated-verb");
pub(crate) const TRANSCRIPT: RuleId = RuleId("detect/transcript");
pub(crate) const RAISING: RuleId = RuleId("detect/raising");
pub(crate) const RELATIVE: RuleId = RuleId("detect/relative-speaker");

/// Every detection rule.
pub const RULES: &[Rule] = &[
    Rule {
        id: CUE_AFTER,
        doc: "`<claim>, <speaker> said`: the claim before a speaker and cue.",
        example: "Fighters fled the town, the governor said.",
        finds: "Fighters fled the town",
        not: "The governor left the town, and fighters fled.",
    },
    Rule {
        id: CUE_BEFORE,
        doc: "`<speaker> said (that) <claim>`: the speaker and cue lead, the claim follows.",
        example: "The mayor told reporters that the bridge would reopen.",
        finds: "the bridge would reopen",
        not: "The mayor wanted to know when the bridge would reopen.",
    },
    Rule {
        id: INVERTED,
        doc: "`<claim>, said <speaker>`: the cue before the speaker.",
        example: "\"We will return,\" said Maria Lopez, a teacher.",
        finds: "We will return,",
        not: "He said.",
    },
    Rule {
        id: PARENTHETICAL,
        doc: "`<adverbial>, <speaker> said, <claim>`: a cue inside the claim's sentence.",
        example: "Simply put, they said, the fighters have lost the will to fight.",
        finds: "the fighters have lost the will to fight",
        not: "Simply put, the fighters have lost.",
    },
    Rule {
        id: SPLIT,
        doc: "`\"<piece>,\" <speaker> said, \"<piece>\"`: the second piece of a split quote.",
        example: "\"It is hard,\" Ali said, \"but we will stay.\"",
        finds: "but we will stay.",
        not: "It is hard, but we will stay.",
    },
    Rule {
        id: AFTER_CUE,
        doc: "`<claim>, <speaker> said, <more claim>`: content that goes on after the cue.",
        example: "The border is closed, he said, and nobody can cross it now.",
        finds: "and nobody can cross it now",
        not: "The border is closed, which nobody expected.",
    },
    Rule {
        id: ACCORDING_BEFORE,
        doc: "`According to <speaker>, <claim>`.",
        example: "According to the police, the suspect fled on foot.",
        finds: "the suspect fled on foot",
        not: "The suspect fled on foot.",
    },
    Rule {
        id: ACCORDING_AFTER,
        doc: "`<claim>, according to <speaker>`.",
        example: "The suspect fled on foot, according to the police.",
        finds: "The suspect fled on foot",
        not: "The suspect fled according to plan.",
    },
    Rule {
        id: PARTICIPLE,
        doc: "`..., adding that <claim>`: a participle continuing the speaker of the sentence.",
        example: "The plant will close, he said, adding that 300 jobs would go.",
        finds: "300 jobs would go",
        not: "He left the plant, adding to the confusion.",
    },
    Rule {
        id: COLON,
        doc: "`<speaker> [verb]: \"<claim>\"`: a name (and a verb), a colon, a quote to the end.",
        example: "Trump: \"We will win big.\"",
        finds: "We will win big.",
        not: "Note: the plant is closed.",
    },
    Rule {
        id: CUE_BEFORE_QUOTE,
        doc: "A quote after a sentence that names a speaker and a cue but says nothing itself.",
        example: "The senator said in response:\n\n\"We will not back down on this bill.\"",
        finds: "We will not back down on this bill.",
        not: "The senator left in a hurry. The doors closed behind her.",
    },
    Rule {
        id: CUE_AFTER_QUOTE,
        doc: "A quote ending in `!` or `?`, then a sentence that is only its speaker and cue.",
        example: "\"We are tired of being told it is offensive!\" Cruz said.",
        finds: "We are tired of being told it is offensive!",
        not: "\"Caliphate\" Is a Word. Cruz left.",
    },
    Rule {
        id: DASH_CREDIT,
        doc: "A quote credited with a dash and a name: `\"<claim>\" — Sen. Ann Lee.`",
        example: "\"Boeing and GE pay zero taxes.\"\n\n- Bernie Sanders.",
        finds: "Boeing and GE pay zero taxes.",
        not: "Prices rose - sharply.",
    },
    Rule {
        id: HEADLINE,
        doc: "An attribution stated by the headline: `McCain: <claim>`, `County Says <claim>`.",
        example:
            "John McCain: Populist Anger Appeals to Bad Angels\n\nThe senator spoke on Monday.",
        finds: "Populist Anger Appeals to Bad Angels",
        not: "ISIS Kills Its Own Fighters as They Flee\n\nThe town fell on Monday.",
    },
    Rule {
        id: ASKED,
        doc: "`Asked <question>, <speaker> said <answer>`: the question, with no speaker.",
        example: "Asked whether he would resign, Smith said, \"Probably not.\"",
        finds: "whether he would resign",
        not: "He asked for more time.",
    },
    Rule {
        id: COORDINATED,
        doc: "`<speaker> <did something> and said <claim>`: a second verb sharing the subject.",
        example: "Mrs. Clinton shook her head and said, \"No, that will not happen.\"",
        finds: "No, that will not happen.",
        not: "The senator shook her head and left the room.",
    },
    Rule {
        id: TRANSCRIPT,
        doc: "A transcript turn: `TAPPER: <claim>` opening a paragraph.",
        example:
            "TAPPER: Do you think he has campaigned as a healer?\n\nFALLIN: I think he is trying.",
        finds: "Do you think he has campaigned as a healer?",
        not: "Update: The story was corrected on Monday.",
    },
    Rule {
        id: RAISING,
        doc: "`<subject> seemed <claim>`, `<subject> is expected to <claim>`: a belief with no \
              holder, in two pieces (the subject, and what is believed of it). Only with \
              `--beliefs`.",
        example: "The bill is widely expected to pass the Senate next week.",
        finds: "to pass the Senate next week",
        not: "The senator appeared on television with her family.",
    },
    Rule {
        id: RELATIVE,
        doc: "`<speaker>, who said <claim>, ...`: a cue in a relative clause; \"who\" is the \
              mention and stands for the phrase before it.",
        example: "The plan was drafted by Ann Lee, who said the tax would fall, and her staff.",
        finds: "the tax would fall",
        not: "The plan was drafted by Ann Lee, who left the party, and her staff.",
    },
    Rule {
        id: CONTINUATION,
        doc: "A sentence that is only a quote, with no cue of its own, after an attributed claim.",
        example: "\"We will stay,\" he said. \"This is our home and we will not leave it.\"",
        finds: "This is our home and we will not leave it.",
        not: "The \"caliphate\" fell.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Detector;
    use whosaid_segment::Segmenter;

    fn claims(text: &str) -> Vec<String> {
        let doc = Segmenter::new().segment(text, None);
        Detector::new()
            .with_beliefs(true)
            .detect(text, &doc)
            .iter()
            .map(|c| text[c.span].to_string())
            .collect()
    }

    #[test]
    fn every_rule_example() {
        for rule in RULES {
            let found = claims(rule.example);
            assert!(
                found.iter().any(|c| c == rule.finds),
                "{}: expected {:?} in {:?}",
                rule.id,
                rule.finds,
                found
            );
            assert_eq!(
                claims(rule.not),
                Vec::<String>::new(),
                "{}: {:?}",
                rule.id,
                rule.not
            );
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
