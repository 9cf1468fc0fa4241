//! The labels, the sequences of a document, and the gold labels of a sequence.

use std::ops::Range;

use whosaid_core::{Document, Span};

/// The part a span plays in an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Who said it ("Smith", "the senator", "he").
    Source,
    /// The word that marks the report ("said", "thinks", "according to").
    Cue,
    /// What was said, written or believed.
    Content,
}

/// A gold span of a training article, in bytes of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Annotation {
    /// Its role.
    pub role: Role,
    /// Its bytes.
    pub span: Span,
}

/// Outside every span.
pub(crate) const O: usize = 0;
/// The first label of each role's pair (`begin`, `begin + 1` = inside).
pub(crate) const fn begin(role: Role) -> usize {
    match role {
        Role::Source => 1,
        Role::Cue => 3,
        Role::Content => 5,
    }
}
/// The role of a label other than [`O`].
pub(crate) fn role_of(label: usize) -> Option<Role> {
    match label {
        1 | 2 => Some(Role::Source),
        3 | 4 => Some(Role::Cue),
        5 | 6 => Some(Role::Content),
        _ => None,
    }
}
/// The number of labels.
pub(crate) const LABELS: usize = 7;
/// Labels are stored eight to a row, a row being 16 bytes of weights.
pub(crate) const STRIDE: usize = 8;

/// True when `cur` may follow `prev` (`None`: at the start): an inside label only after the
/// begin or inside label of its role.
pub(crate) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p != O && role_of(p) == role_of(cur))
}

/// The token ranges of a document's sequences: one per body paragraph that has tokens.
pub(crate) fn sequences(doc: &Document) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    doc.body().filter_map(|(index, p)| {
        let first = doc.sentences.get(p.sentences.start)?;
        let last = doc.sentences.get(p.sentences.end.checked_sub(1)?)?;
        let tokens = first.tokens.start..last.tokens.end;
        (!tokens.is_empty()).then_some((index, tokens))
    })
}

/// The gold labels of the tokens `range` of `doc`: a token takes the role of an annotation it
/// overlaps, content before cue before source when several do; the first token of a span (or
/// the first after a token of another label) begins it.
pub(crate) fn gold_labels(doc: &Document, range: Range<usize>, gold: &[Annotation]) -> Vec<u8> {
    let tokens = &doc.tokens[range];
    let mut roles: Vec<Option<(Role, usize)>> = vec![None; tokens.len()];
    for role in [Role::Source, Role::Cue, Role::Content] {
        for (n, a) in gold.iter().enumerate().filter(|(_, a)| a.role == role) {
            for (slot, token) in roles.iter_mut().zip(tokens) {
                let t = token.span();
                if t.start < a.span.end && t.end > a.span.start {
                    *slot = Some((role, n));
                }
            }
        }
    }
    let mut labels = Vec::with_capacity(tokens.len());
    let mut prev = None;
    for slot in &roles {
        labels.push(match slot {
            None => O as u8,
            Some((role, _)) if prev == *slot => (begin(*role) + 1) as u8,
            Some((role, _)) => begin(*role) as u8,
        });
        prev = *slot;
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_labels_follow_their_own_begin_only() {
        assert!(allowed(None, begin(Role::Cue)));
        assert!(!allowed(None, begin(Role::Cue) + 1));
        assert!(allowed(Some(begin(Role::Cue)), begin(Role::Cue) + 1));
        assert!(allowed(Some(begin(Role::Cue) + 1), begin(Role::Cue) + 1));
        assert!(!allowed(Some(begin(Role::Source)), begin(Role::Cue) + 1));
        assert!(!allowed(Some(O), begin(Role::Content) + 1));
    }

    #[test]
    fn gold_spans_become_bio_labels() {
        let text = "Bo and Al think it rains.";
        let doc = crate::test_document(text);
        let gold = [
            Annotation {
                role: Role::Source,
                span: Span::new(0, 9),
            },
            Annotation {
                role: Role::Cue,
                span: Span::new(10, 15),
            },
            Annotation {
                role: Role::Content,
                span: Span::new(16, 24),
            },
        ];
        // Bo and Al think it rains .
        assert_eq!(gold_labels(&doc, 0..7, &gold), [1, 2, 2, 3, 5, 6, 0]);
    }
}
