//! The resolver's rules: stable ids (the CSV `rule` column), how each finds a claim's
//! speaker, an example where it gives a speaker and one where it must not fire. The tests at
//! the bottom run each rule's examples through segment, detect and attribute.

use whosaid_core::RuleId;

/// An attribution rule's documentation.
#[derive(Debug, Clone, Copy)]
pub struct AttributeRule {
    /// Its stable id.
    pub id: RuleId,
    /// How it finds the speaker.
    pub doc: &'static str,
    /// A paragraph where it attributes a claim.
    pub example: &'static str,
    /// The speaker's name it must give that claim (`None`: no speaker).
    pub speaker: Option<&'static str>,
    /// A paragraph where it attributes no claim.
    pub not: &'static str,
}

pub(crate) const EXPLICIT: RuleId = RuleId("attribute/explicit");
pub(crate) const PRONOUN: RuleId = RuleId("attribute/pronoun");
pub(crate) const SURNAME: RuleId = RuleId("attribute/surname");
pub(crate) const DESCRIPTION: RuleId = RuleId("attribute/description");
pub(crate) const GROUP: RuleId = RuleId("attribute/group");
pub(crate) const CONTINUATION: RuleId = RuleId("attribute/continuation");
pub(crate) const UNRESOLVED: RuleId = RuleId("attribute/unresolved");

/// Every attribution rule.
pub const RULES: &[AttributeRule] = &[
    AttributeRule {
        id: EXPLICIT,
        doc: "The phrase names the speaker: a person's name, an organisation, or a phrase \
              that fits no earlier speaker.",
        example: "Army spokesman Brig. Gen. Ali Hadi said the town fell.",
        speaker: Some("Ali Hadi"),
        not: "He said the town fell.",
    },
    AttributeRule {
        id: PRONOUN,
        doc: "A pronoun stands for the latest speaker it fits (\"he\" a person not known to be \
              a woman, \"they\" a group or organisation), or \"he\" and \"she\" for the nearest \
              full name before them.",
        example: "Ali Hadi said the town fell.\n\nHe said the fighters fled.",
        speaker: Some("Ali Hadi"),
        not: "The ministry said the town fell.\n\nHe said the fighters fled.",
    },
    AttributeRule {
        id: SURNAME,
        doc: "A surname stands for an earlier full name ending in it: a speaker's, or any \
              name in the article.",
        example: "Ali Hadi visited the town.\n\nThe fighters fled, Hadi said.",
        speaker: Some("Ali Hadi"),
        not: "The fighters fled, Hadi said.",
    },
    AttributeRule {
        id: DESCRIPTION,
        doc: "A definite description (\"the psychologist\", \"the ministry\", \"the \
              statement\") stands for an earlier speaker it fits.",
        example: "Ahmed Saleh, a psychologist, said the town fell.\n\n\
                  The psychologist said the fighters fled.",
        speaker: Some("Ahmed Saleh"),
        not: "The psychologist said the fighters fled.",
    },
    AttributeRule {
        id: GROUP,
        doc: "Plural people named by what they are, not by name (\"security officials\"): \
              the group is the speaker.",
        example: "Security officials said the town fell.",
        speaker: Some("Security officials"),
        not: "A security official said the town fell.",
    },
    AttributeRule {
        id: CONTINUATION,
        doc: "A quote with no cue of its own takes the speaker of the nearest attributed \
              claim: earlier in its paragraph, later in it, then the paragraphs around it.",
        example: "\"We will stay,\" Ali Hadi said. \"This is our home and we will not leave it.\"",
        speaker: Some("Ali Hadi"),
        not: "\"We will stay,\" Ali Hadi said. \"This is our home,\" his brother said.",
    },
    AttributeRule {
        id: UNRESOLVED,
        doc: "No speaker: a pronoun with nobody before it, a phrase that is no speaker, a \
              quote with no attributed claim near it, a claim the detector knows has none \
              (\"Asked whether ...\").",
        example: "He said the town fell.",
        speaker: None,
        not: "Ali Hadi said the town fell.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Resolver;
    use whosaid_core::{Article, Attribution};
    use whosaid_detect::Detector;
    use whosaid_segment::Segmenter;

    fn attribute(text: &str) -> Vec<Attribution> {
        let article = Article::new("rule", text);
        let doc = Segmenter::new().segment(text, None);
        let claims = Detector::new().detect(text, &doc);
        Resolver::new().resolve(&article, &doc, claims)
    }

    /// Shows what each attribution was given, for a failing assertion.
    fn found(all: &[Attribution]) -> Vec<(RuleId, Option<&str>)> {
        all.iter()
            .map(|a| (a.rule, a.speaker.as_ref().map(|s| s.name.as_str())))
            .collect()
    }

    /// Runs the examples of the rule `id`: it gives its speaker in `example`, and attributes
    /// nothing in `not`.
    fn check(id: RuleId) {
        let rule = RULES
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} is not in RULES"));
        let all = attribute(rule.example);
        let by_rule = all.iter().find(|a| a.rule == id);
        let speaker = by_rule.map(|a| a.speaker.as_ref().map(|s| s.name.as_str()));
        assert_eq!(
            speaker,
            Some(rule.speaker),
            "{id} in {:?}: {:?}",
            rule.example,
            found(&all)
        );
        let all = attribute(rule.not);
        assert!(
            all.iter().all(|a| a.rule != id),
            "{id} fired in {:?}: {:?}",
            rule.not,
            found(&all)
        );
    }

    /// One test per rule, and the list of the rules tested.
    macro_rules! rule_tests {
        ($($name:ident: $id:expr,)*) => {
            $(
                #[test]
                fn $name() {
                    check($id);
                }
            )*
            const TESTED: &[RuleId] = &[$($id),*];
        };
    }

    rule_tests! {
        explicit: EXPLICIT,
        pronoun: PRONOUN,
        surname: SURNAME,
        description: DESCRIPTION,
        group: GROUP,
        continuation: CONTINUATION,
        unresolved: UNRESOLVED,
    }

    #[test]
    fn every_rule_has_a_test() {
        for rule in RULES {
            assert!(TESTED.contains(&rule.id), "{} has no test", rule.id);
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
