//! A trained model: quantised weights per feature bucket, and what it finds in a document.

use whosaid_core::{Document, Span};

use crate::decode::{marginals, viterbi, Scores};
use crate::features::{self, Features, PER_TOKEN};
use crate::labels::{begin, role_of, sequences, Role, LABELS, STRIDE};

/// The first bytes of a model file.
const MAGIC: &[u8; 8] = b"WSTAGGER";
/// The file format's version. Format 2 adds, after the weights, the model's gate words (a
/// count, then that many `u64` word hashes); format 1 files (no gate words) are still read.
const FORMAT: u32 = 2;
/// Bytes before the weights: magic, format, feature version, bits, scale, temperature,
/// threshold, transitions and start weights.
const HEADER: usize = 8 + 4 * 6 + 2 * (LABELS * LABELS + LABELS);

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not a whosaid model.
    #[error("not a whosaid tagger model (it does not start with {:?})", std::str::from_utf8(MAGIC).unwrap_or_default())]
    NotAModel,
    /// Made by another version of whosaid.
    #[error("model format {found} or features {features}: this whosaid reads formats 1 to {FORMAT}, features {}", features::VERSION)]
    Version {
        /// The format version in the file.
        found: u32,
        /// The feature version in the file.
        features: u32,
    },
    /// Cut short or too long.
    #[error(
        "model file is {found} bytes, {expected} expected for 2^{bits} buckets and its gate words"
    )]
    Size {
        /// Its size.
        found: usize,
        /// The size its header implies.
        expected: usize,
        /// Its bucket bits.
        bits: u32,
    },
}

/// A trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) bits: u32,
    /// `weights[bucket * STRIDE + label]`, quantised: the real weight is `w / scale`.
    pub(crate) weights: Vec<i16>,
    pub(crate) trans: [[i16; LABELS]; LABELS],
    pub(crate) start: [i16; LABELS],
    pub(crate) scale: f32,
    /// Scores are divided by it before they become probabilities: perceptron weights are
    /// sure of everything, so the training fits it on sequences held out of a first model.
    pub(crate) temperature: f32,
    /// The confidence a content span needs by default to be reported.
    pub(crate) threshold: f32,
    pub(crate) features: Features,
    /// The hashes of the cue words of the training gold that open the sentence gate besides
    /// the cue list (sorted; see [`crate::Trainer::gate_cues`]).
    pub(crate) gate: Vec<u64>,
}

/// An attribution the model finds: its content, with the nearest cue and source it found in
/// the same paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// What was said, from its first content token to its last.
    pub content: Span,
    /// The cue span of the paragraph nearest the content, in tokens, one in the content's
    /// sentence first.
    pub cue: Option<Span>,
    /// The source span of the paragraph nearest the cue (or the content when there is no cue),
    /// one in the same sentence first: a candidate mention for the resolver.
    pub source: Option<Span>,
    /// The mean marginal probability that the content's tokens are content, 0 to 1.
    pub confidence: f32,
    /// The index of the paragraph.
    pub paragraph: usize,
}

impl Model {
    /// Reads a model from the bytes [`Model::to_bytes`] wrote.
    ///
    /// # Errors
    ///
    /// When the bytes are not a model of this version of whosaid.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(Error::NotAModel);
        }
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let (format, feature_version, bits) = (u32_at(8), u32_at(12), u32_at(16));
        if !(1..=FORMAT).contains(&format) || feature_version != features::VERSION {
            return Err(Error::Version {
                found: format,
                features: feature_version,
            });
        }
        let scale = f32::from_bits(u32_at(20));
        let temperature = f32::from_bits(u32_at(24));
        let threshold = f32::from_bits(u32_at(28));
        let weights_end = if bits <= 24 {
            HEADER + (1usize << bits) * STRIDE * 2
        } else {
            usize::MAX
        };
        // Format 2: the gate words after the weights.
        let gate_count = (format >= 2 && bytes.len() >= weights_end.saturating_add(4))
            .then(|| u32_at(weights_end) as usize);
        let expected = match gate_count {
            Some(n) => weights_end + 4 + 8 * n,
            None if format >= 2 => weights_end.saturating_add(4),
            None => weights_end,
        };
        if bytes.len() != expected {
            return Err(Error::Size {
                found: bytes.len(),
                expected,
                bits,
            });
        }
        let gate: Vec<u64> = bytes[expected - 8 * gate_count.unwrap_or(0)..]
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        let mut i16s = bytes[32..weights_end]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]));
        let mut trans = [[0i16; LABELS]; LABELS];
        for row in &mut trans {
            row.iter_mut()
                .for_each(|w| *w = i16s.next().expect("sized above"));
        }
        let mut start = [0i16; LABELS];
        start
            .iter_mut()
            .for_each(|w| *w = i16s.next().expect("sized above"));
        Ok(Model {
            bits,
            weights: i16s.collect(),
            trans,
            start,
            scale,
            temperature,
            threshold,
            features: Features::default(),
            gate: Vec::new(),
        }
        .with_gate(gate))
    }

    /// The model as bytes: a header, then every weight as a little-endian `i16`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        for v in [
            FORMAT,
            features::VERSION,
            self.bits,
            self.scale.to_bits(),
            self.temperature.to_bits(),
            self.threshold.to_bits(),
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for w in self
            .trans
            .iter()
            .flatten()
            .chain(&self.start)
            .chain(&self.weights)
        {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&(self.gate.len() as u32).to_le_bytes());
        for word in &self.gate {
            out.extend_from_slice(&word.to_le_bytes());
        }
        out
    }

    /// The same model, its sentence gate also opened by the words of hashes `gate`.
    pub(crate) fn with_gate(mut self, gate: Vec<u64>) -> Model {
        self.features = self.features.with_gate(&gate);
        self.gate = gate;
        self
    }

    /// How many words of its training gold open the model's sentence gate besides the cue
    /// list.
    pub fn gate_words(&self) -> usize {
        self.gate.len()
    }

    /// The confidence a span needs to be reported unless the caller says otherwise.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// The same model with another default threshold.
    pub fn with_threshold(mut self, threshold: f32) -> Model {
        self.threshold = threshold;
        self
    }

    /// Every content span the model finds in the body paragraphs of `doc` (in the sentences
    /// that may hold reported speech, see [`Model::tag_where`]), in text order, whatever its
    /// confidence.
    pub fn tag(&self, text: &str, doc: &Document) -> Vec<Found> {
        self.tag_where(text, doc, |_| true)
    }

    /// Like [`Model::tag`], but only where `keep` accepts: it tags only sentences `keep`
    /// accepts, in runs of consecutive sentences that may hold reported speech, and works out confidences (the costly part) only for
    /// content spans it accepts, and returns only those.
    pub fn tag_where(
        &self,
        text: &str,
        doc: &Document,
        mut keep: impl FnMut(Span) -> bool,
    ) -> Vec<Found> {
        let mut found = Vec::new();
        let mut feats = Vec::new();
        let mut emit = Vec::new();
        for (paragraph, range) in self.runs(text, doc, &mut keep) {
            feats.clear();
            self.features
                .sequence(text, doc, range.clone(), self.bits, &mut feats);
            emit.clear();
            // Sums over a paragraph outgrow i32; a token's own emission does not.
            emit.extend(
                feats
                    .chunks_exact(PER_TOKEN)
                    .flat_map(|f| self.emission(f).map(i64::from)),
            );
            let labels = viterbi(&Scores {
                emit: &emit,
                trans: &self.trans_i64(),
                start: &self.start_i64(),
            });
            let tokens = &doc.tokens[range.clone()];
            let spans = spans_of(&labels);
            let contents: Vec<_> = spans
                .iter()
                .filter(|(role, r)| *role == Role::Content && keep(cover(tokens, r)))
                .collect();
            if contents.is_empty() {
                continue;
            }
            let p = self.marginals(&emit);
            // Each token's sentence, to prefer a cue and a source in the content's sentence.
            let first_sentence = doc
                .sentences
                .partition_point(|s| s.tokens.end <= range.start);
            let sentence: Vec<usize> = range
                .clone()
                .map(|i| {
                    first_sentence
                        + doc.sentences[first_sentence..].partition_point(|s| s.tokens.end <= i)
                })
                .collect();
            // Tokens between two ranges, plus a penalty when they are in other sentences.
            let apart = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
                let gap = if a.end <= b.start {
                    b.start - a.end
                } else {
                    a.start.saturating_sub(b.end)
                };
                let same = sentence[a.start] == sentence[b.start]
                    || sentence[a.end - 1] == sentence[b.end - 1];
                gap + if same { 0 } else { 1000 }
            };
            let of_role = |role: Role| -> Vec<std::ops::Range<usize>> {
                spans
                    .iter()
                    .filter(|(x, _)| *x == role)
                    .map(|(_, s)| s.clone())
                    .collect()
            };
            let (cues, sources) = (of_role(Role::Cue), of_role(Role::Source));
            // A role's spans do not overlap and are in order, so the nearest is the last one
            // before `to` or the first after it (sentences are runs of tokens too).
            let nearest = |among: &[std::ops::Range<usize>], to: &std::ops::Range<usize>| {
                let i = among.partition_point(|s| s.start < to.start);
                [i.checked_sub(1), Some(i)]
                    .into_iter()
                    .flatten()
                    .filter_map(|i| among.get(i))
                    .min_by_key(|s| apart(s, to))
                    .cloned()
            };
            for (_, r) in contents {
                let confidence = r
                    .clone()
                    .map(|t| {
                        p[t * LABELS + begin(Role::Content)]
                            + p[t * LABELS + begin(Role::Content) + 1]
                    })
                    .sum::<f64>()
                    / r.len() as f64;
                let cue = nearest(&cues, r);
                // The source goes with the cue ("X said" / "said X") when there is one.
                let source = nearest(&sources, cue.as_ref().unwrap_or(r));
                found.push(Found {
                    content: cover(tokens, r),
                    cue: cue.map(|c| cover(tokens, &c)),
                    source: source.map(|s| cover(tokens, &s)),
                    confidence: confidence as f32,
                    paragraph,
                });
            }
        }
        found
    }

    /// The token ranges the tagger reads: each body paragraph's runs of consecutive sentences
    /// that may hold reported speech ([`Features::may_hold_speech`]) and that `keep` accepts.
    ///
    /// The pipeline's `keep` refuses sentences that overlap a claim of the rules: the tagger
    /// adds only what overlaps no rule claim, and on PolNeAR dev its spans in such sentences
    /// were the less precise ones (leaving them out: span precision 86.9 -> 88.2, joint F1
    /// all the same, quoted 81.5 -> 81.9). Both cuts make the tagger read about a third of
    /// the tokens of news (README, "Learned tagger").
    fn runs(
        &self,
        text: &str,
        doc: &Document,
        keep: &mut impl FnMut(Span) -> bool,
    ) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut runs = Vec::new();
        for (paragraph, _) in sequences(doc) {
            let mut open: Option<std::ops::Range<usize>> = None;
            for sentence in &doc.sentences[doc.paragraphs[paragraph].sentences.clone()] {
                let tokens = sentence.tokens.clone();
                if !tokens.is_empty()
                    && keep(sentence.span)
                    && self.features.may_hold_speech(text, doc, tokens.clone())
                {
                    match &mut open {
                        Some(run) => run.end = tokens.end,
                        None => open = Some(tokens),
                    }
                } else if let Some(run) = open.take() {
                    runs.push((paragraph, run));
                }
            }
            runs.extend(open.map(|run| (paragraph, run)));
        }
        runs
    }

    pub(crate) fn emission(&self, feats: &[u32]) -> [i32; LABELS] {
        // Rows of eight 16-bit weights, summed in 32-bit lanes: a token's 27 features cannot
        // overflow i32, and the fixed-size rows let the compiler use SIMD. (Weights widened
        // to i32 in memory saved 1% of the instructions on news for twice the table: not kept.)
        let mut sum = [0i32; STRIDE];
        for &f in feats {
            let start = f as usize * STRIDE;
            let row: &[i16; STRIDE] = self.weights[start..start + STRIDE]
                .try_into()
                .expect("a row is STRIDE weights");
            for (s, w) in sum.iter_mut().zip(row) {
                *s += i32::from(*w);
            }
        }
        let mut out = [0i32; LABELS];
        out.copy_from_slice(&sum[..LABELS]);
        out
    }

    fn trans_i64(&self) -> [[i64; LABELS]; LABELS] {
        self.trans.map(|row| row.map(i64::from))
    }

    fn start_i64(&self) -> [i64; LABELS] {
        self.start.map(i64::from)
    }

    pub(crate) fn marginals(&self, emit: &[i64]) -> Vec<f64> {
        let scale = f64::from(self.scale) * f64::from(self.temperature);
        let real = |w: i64| w as f64 / scale;
        let emit: Vec<f64> = emit.iter().map(|&w| real(w)).collect();
        let trans = self.trans.map(|row| row.map(|w| real(i64::from(w))));
        let start = self.start.map(|w| real(i64::from(w)));
        marginals(&Scores {
            emit: &emit,
            trans: &trans,
            start: &start,
        })
    }
}

/// The spans of a label sequence: each role's runs of a begin label and its inside labels, as
/// token ranges.
pub(crate) fn spans_of(labels: &[u8]) -> Vec<(Role, std::ops::Range<usize>)> {
    let mut spans: Vec<(Role, std::ops::Range<usize>)> = Vec::new();
    for (t, &label) in labels.iter().enumerate() {
        let Some(role) = role_of(label as usize) else {
            continue;
        };
        let inside = label as usize == begin(role) + 1;
        match spans.last_mut() {
            Some((r, range)) if inside && *r == role && range.end == t => range.end = t + 1,
            _ => spans.push((role, t..t + 1)),
        }
    }
    spans
}

/// The bytes from the first token of `r` to the end of its last.
fn cover(tokens: &[whosaid_core::Token], r: &std::ops::Range<usize>) -> Span {
    Span::new(tokens[r.start].span().start, tokens[r.end - 1].span().end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_labels_are_spans() {
        // S I-S O C Q I-Q Q
        let spans = spans_of(&[1, 2, 0, 3, 5, 6, 5]);
        assert_eq!(
            spans,
            [
                (Role::Source, 0..2),
                (Role::Cue, 3..4),
                (Role::Content, 4..6),
                (Role::Content, 6..7)
            ]
        );
    }

    #[test]
    fn bytes_that_are_not_a_model_are_refused() {
        assert!(matches!(Model::from_bytes(b"hello"), Err(Error::NotAModel)));
        let model = crate::Trainer::new(4).train(1, 1);
        let mut bytes = model.to_bytes();
        bytes.pop();
        assert!(matches!(Model::from_bytes(&bytes), Err(Error::Size { .. })));
    }

    /// Format 1 (before gate words) is still read, as a model without gate words; a format
    /// this whosaid does not know is refused by name.
    #[test]
    fn a_format_1_model_is_read_and_an_unknown_format_refused() {
        let model = crate::Trainer::new(4).train(1, 1).with_gate(vec![7, 9]);
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).unwrap(), model);
        let mut old = bytes[..bytes.len() - 4 - 16].to_vec();
        old[8..12].copy_from_slice(&1u32.to_le_bytes());
        let read = Model::from_bytes(&old).unwrap();
        assert_eq!(read.gate_words(), 0);
        assert_eq!(read.weights, model.weights);
        let mut new = bytes.clone();
        new[8..12].copy_from_slice(&3u32.to_le_bytes());
        let error = Model::from_bytes(&new).unwrap_err();
        assert!(matches!(error, Error::Version { found: 3, .. }), "{error}");
        assert!(error.to_string().contains("model format 3"), "{error}");
    }

    /// Regression: the scores of a paragraph of tens of thousands of tokens were summed in
    /// i32 by Viterbi, which overflowed (a panic in debug builds, wrapped scores in release)
    /// on the 50 MB one-line article.
    #[test]
    fn a_paragraph_of_many_tokens_is_tagged_without_overflow() {
        let text = "Bo thinks so. ";
        let doc = crate::test_document(text);
        let mut trainer = crate::Trainer::new(8);
        trainer.add(
            text,
            &doc,
            &[crate::Annotation {
                role: Role::Content,
                span: Span::new(10, 12),
            }],
        );
        let model = trainer.train(3, 1);
        let long = text.repeat(20_000);
        let found = model.tag(&long, &crate::test_document(&long));
        assert!(found.len() >= 20_000, "{} spans", found.len());
        assert!(found.iter().all(|f| f.confidence.is_finite()));
    }
}
