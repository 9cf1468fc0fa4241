//! The detector's rules: stable ids (the CSV `rule` column), what each finds, an example it
//! must find and one it must not, defined in the module of the rule's family; a test per rule
//! checks that the named rule finds its example and that nothing is found in its counter-example.

use whosaid_core::RuleId;

use crate::{according_to, asked, headline, label, participle, quote, raising, verb};

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

/// Every family's rules, in the order the README lists them.
const FAMILIES: &[&[Rule]] = &[
    verb::RULES,
    according_to::RULES,
    participle::RULES,
    asked::RULES,
    label::RULES,
    headline::RULES,
    quote::RULES,
    raising::RULES,
];

/// Every detection rule, family by family. Each is defined in the module its id names:
/// `detect/verb-trailing` in `verb.rs`, `detect/according-to-leading` in `according_to.rs`.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|family| family.iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Detector;
    use whosaid_segment::Segmenter;

    /// Every claim in `text` (beliefs included, for `detect/raising`): its text and rule.
    fn claims(text: &str) -> Vec<(String, RuleId)> {
        let doc = Segmenter::new().segment(text, None);
        Detector::new()
            .with_beliefs(true)
            .detect(text, &doc)
            .iter()
            .map(|c| (text[c.span].to_string(), c.rule))
            .collect()
    }

    /// The rule `id` finds its example's claim, and nothing is found in its counter-example.
    fn check(id: RuleId) {
        let rule = rules()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} is in no family's RULES"));
        let found = claims(rule.example);
        assert!(
            found
                .iter()
                .any(|(text, by)| text == rule.finds && *by == id),
            "{id}: expected {:?} found by {id} in {:?}",
            rule.finds,
            found
        );
        assert_eq!(claims(rule.not), Vec::new(), "{id}: {:?}", rule.not);
    }

    macro_rules! rule_tests {
        ($($name:ident: $id:expr,)*) => {
            $(
                #[test]
                fn $name() {
                    check($id);
                }
            )*

            #[test]
            fn every_rule_has_a_test() {
                let tested = [$($id),*];
                for rule in rules() {
                    assert!(tested.contains(&rule.id), "{} has no test in rules.rs", rule.id);
                }
            }
        };
    }

    rule_tests! {
        verb_trailing: verb::VERB_TRAILING,
        verb_leading: verb::VERB_LEADING,
        verb_inverted: verb::VERB_INVERTED,
        verb_parenthetical: verb::VERB_PARENTHETICAL,
        verb_split_quote: verb::VERB_SPLIT_QUOTE,
        verb_split_lead: verb::VERB_SPLIT_LEAD,
        verb_split_clause: verb::VERB_SPLIT_CLAUSE,
        verb_coordinated: verb::VERB_COORDINATED,
        verb_relative: verb::VERB_RELATIVE,
        verb_subordinate: verb::VERB_SUBORDINATE,
        verb_progressive: verb::VERB_PROGRESSIVE,
        verb_gerund: verb::VERB_GERUND,
        according_to_leading: according_to::ACCORDING_TO_LEADING,
        according_to_trailing: according_to::ACCORDING_TO_TRAILING,
        participle: participle::PARTICIPLE,
        asked_question: asked::ASKED_QUESTION,
        label_colon: label::LABEL_COLON,
        label_transcript: label::LABEL_TRANSCRIPT,
        headline: headline::HEADLINE,
        quote_continuation: quote::QUOTE_CONTINUATION,
        quote_speaker_before: quote::QUOTE_SPEAKER_BEFORE,
        quote_speaker_after: quote::QUOTE_SPEAKER_AFTER,
        quote_dash_credit: quote::QUOTE_DASH_CREDIT,
        raising: raising::RAISING,
    }

    #[test]
    fn ids_are_unique_and_name_their_family() {
        let mut ids: Vec<_> = rules().map(|r| r.id).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for (family, prefix) in [
            (verb::RULES, "detect/verb-"),
            (according_to::RULES, "detect/according-to-"),
            (participle::RULES, "detect/participle"),
            (asked::RULES, "detect/asked-"),
            (label::RULES, "detect/label-"),
            (headline::RULES, "detect/headline"),
            (quote::RULES, "detect/quote-"),
            (raising::RULES, "detect/raising"),
        ] {
            for rule in family {
                assert!(
                    rule.id.0.starts_with(prefix),
                    "{} is not in {prefix}*",
                    rule.id
                );
            }
        }
    }
}
