//! Training: an averaged structured perceptron over the gold labels of annotated articles.

use rustc_hash::FxHashMap;
use whosaid_core::Document;

use crate::decode::{viterbi, Scores};
use crate::features::{Features, PER_TOKEN};
use crate::labels::{gold_labels, sequences, Annotation, Role, LABELS, STRIDE};
use crate::model::Model;

/// The threshold a model is given when trained; `whosaid train --threshold` sets another.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// How many times a word must be in a gold cue span to open the model's sentence gate, by
/// default ([`Trainer::gate_cues`]).
pub const DEFAULT_GATE_MIN: u32 = 2;

/// The least share of a word's occurrences in the gold that must be in cue spans for it to
/// open the gate: "to" of "according to" is in many cue spans but is mostly no cue, and a
/// gate on it would open nearly every sentence. Words whose use as a cue depends on context
/// ("think" is one in 13-22% of its occurrences in PolNeAR train) pass.
const GATE_SHARE: f64 = 0.1;

/// Collects training sequences, then trains a [`Model`].
///
/// Training is deterministic: the same sequences, epochs and seed give the same bytes.
#[derive(Debug)]
pub struct Trainer {
    bits: u32,
    features: Features,
    /// Per sequence: its features, [`PER_TOKEN`] per token, and its gold labels.
    sequences: Vec<(Vec<u32>, Vec<u8>)>,
    /// Per lowercase word hash: how often it is in a gold cue span, and how often it occurs.
    words: FxHashMap<u64, (u32, u32)>,
    gate_min: u32,
}

impl Trainer {
    /// A trainer whose model will have `2^bits` feature buckets (at most 24).
    pub fn new(bits: u32) -> Trainer {
        Trainer {
            bits: bits.clamp(1, 24),
            features: Features::default(),
            sequences: Vec::new(),
            words: FxHashMap::default(),
            gate_min: DEFAULT_GATE_MIN,
        }
    }

    /// Sets how many times a word must be in a gold cue span for the model to read the
    /// sentences that hold it (0: none; the gate then opens on the cue list, "according",
    /// quotation marks and colons only). A word must also be in cue spans in at least a tenth
    /// of its occurrences. The model keeps the words' hashes only.
    pub fn gate_cues(mut self, min: u32) -> Trainer {
        self.gate_min = min;
        self
    }

    /// Adds the body paragraphs of an annotated article: its text, its segmentation and its
    /// gold spans, in bytes.
    pub fn add(&mut self, text: &str, doc: &Document, gold: &[Annotation]) {
        for (_, range) in sequences(doc) {
            for (span, word) in Features::words(text, doc, range.clone()) {
                let in_cue = gold.iter().any(|a| {
                    a.role == Role::Cue && a.span.start <= span.start && span.end <= a.span.end
                });
                let count = self.words.entry(word).or_default();
                count.0 += u32::from(in_cue);
                count.1 += 1;
            }
            let mut feats = Vec::new();
            self.features
                .sequence(text, doc, range.clone(), self.bits, &mut feats);
            self.sequences.push((feats, gold_labels(doc, range, gold)));
        }
    }

    /// The number of sequences and tokens added.
    pub fn size(&self) -> (usize, usize) {
        (
            self.sequences.len(),
            self.sequences.iter().map(|(_, l)| l.len()).sum(),
        )
    }

    /// Trains for `epochs` passes over the sequences, in an order shuffled by `seed`, and
    /// returns the averaged weights, quantised to 16 bits.
    ///
    /// The model's temperature, which turns its scores into confidences, is the one that
    /// gives the gold labels the highest likelihood on every tenth sequence under a first
    /// model trained on the other nine tenths.
    pub fn train(&self, epochs: usize, seed: u64) -> Model {
        let all: Vec<usize> = (0..self.sequences.len()).collect();
        let (held, rest): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| i % 10 == 9);
        let temperature = if held.is_empty() {
            1.0
        } else {
            self.temperature(&self.fit(rest, epochs, seed), &held)
        };
        let mut model = self.fit(all, epochs, seed);
        model.temperature = temperature;
        model.with_gate(self.gate())
    }

    /// The hashes of the words that open the model's sentence gate, sorted.
    fn gate(&self) -> Vec<u64> {
        let mut gate: Vec<u64> = self
            .words
            .iter()
            .filter(|(_, &(cue, all))| {
                self.gate_min > 0
                    && cue >= self.gate_min
                    && f64::from(cue) >= GATE_SHARE * f64::from(all)
            })
            .map(|(&word, _)| word)
            .collect();
        gate.sort_unstable();
        gate
    }

    /// The temperature, of a fixed ladder, under which `model` gives the gold labels of the
    /// sequences `held` the highest likelihood.
    fn temperature(&self, model: &Model, held: &[usize]) -> f32 {
        let ladder = (0..24).map(|k| 0.25 * 1.5f32.powi(k));
        let mut best = (f64::MIN, 1.0);
        let emits: Vec<Vec<i64>> = held
            .iter()
            .map(|&s| {
                let feats = &self.sequences[s].0;
                feats
                    .chunks_exact(PER_TOKEN)
                    .flat_map(|f| model.emission(f).map(i64::from))
                    .collect()
            })
            .collect();
        for t in ladder {
            let m = Model {
                temperature: t,
                ..model.clone()
            };
            let mut likelihood = 0.0;
            for (emit, &s) in emits.iter().zip(held) {
                let p = m.marginals(emit);
                for (t, &g) in self.sequences[s].1.iter().enumerate() {
                    likelihood += p[t * LABELS + g as usize].max(1e-12).ln();
                }
            }
            if likelihood > best.0 {
                best = (likelihood, t);
            }
        }
        best.1
    }

    /// Trains on the sequences `order` (see [`Trainer::train`]).
    fn fit(&self, mut order: Vec<usize>, epochs: usize, seed: u64) -> Model {
        let size = (1usize << self.bits) * STRIDE;
        let mut w = Weights::new(size);
        let mut rng = seed ^ 0x2545_f491_4f6c_dd1d;
        let mut emit = Vec::new();
        for _ in 0..epochs {
            // Fisher-Yates with xorshift: the same seed, the same order on every machine.
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &s in &order {
                let (feats, gold) = &self.sequences[s];
                emit.clear();
                for f in feats.chunks_exact(PER_TOKEN) {
                    let mut row = [0f32; LABELS];
                    for &b in f {
                        let b = b as usize * STRIDE;
                        for (r, v) in row.iter_mut().zip(&w.w[b..b + LABELS]) {
                            *r += v;
                        }
                    }
                    emit.extend_from_slice(&row);
                }
                let (trans, start) = w.transitions();
                let pred = viterbi(&Scores {
                    emit: &emit,
                    trans: &trans,
                    start: &start,
                });
                if pred != *gold {
                    w.update(feats, gold, &pred);
                }
                w.c += 1.0;
            }
        }
        w.quantise(self.bits, self.features.clone())
    }
}

/// Perceptron weights with the sums for averaging: `u` holds each update times the step it
/// was made at, so that the average is `w - u / c`.
struct Weights {
    w: Vec<f32>,
    u: Vec<f32>,
    /// Transitions (`LABELS * LABELS`) then start weights (`LABELS`), and their sums.
    t: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Weights {
    fn new(size: usize) -> Weights {
        let t = LABELS * LABELS + LABELS;
        Weights {
            w: vec![0.0; size],
            u: vec![0.0; size],
            t: vec![0.0; t],
            tu: vec![0.0; t],
            c: 1.0,
        }
    }

    fn transitions(&self) -> ([[f32; LABELS]; LABELS], [f32; LABELS]) {
        let mut trans = [[0.0; LABELS]; LABELS];
        for (p, row) in trans.iter_mut().enumerate() {
            row.copy_from_slice(&self.t[p * LABELS..(p + 1) * LABELS]);
        }
        let mut start = [0.0; LABELS];
        start.copy_from_slice(&self.t[LABELS * LABELS..]);
        (trans, start)
    }

    fn update(&mut self, feats: &[u32], gold: &[u8], pred: &[u8]) {
        let c = self.c;
        for (t, f) in feats.chunks_exact(PER_TOKEN).enumerate() {
            let (g, p) = (gold[t] as usize, pred[t] as usize);
            if g != p {
                for &b in f {
                    let b = b as usize * STRIDE;
                    self.w[b + g] += 1.0;
                    self.u[b + g] += c;
                    self.w[b + p] -= 1.0;
                    self.u[b + p] -= c;
                }
            }
            let index = |labels: &[u8]| match t {
                0 => LABELS * LABELS + labels[0] as usize,
                _ => labels[t - 1] as usize * LABELS + labels[t] as usize,
            };
            let (gi, pi) = (index(gold), index(pred));
            if gi != pi {
                self.t[gi] += 1.0;
                self.tu[gi] += c;
                self.t[pi] -= 1.0;
                self.tu[pi] -= c;
            }
        }
    }

    fn quantise(self, bits: u32, features: Features) -> Model {
        let c = self.c;
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> {
            w.iter().zip(u).map(|(w, u)| w - u / c).collect()
        };
        let weights = avg(&self.w, &self.u);
        let t = avg(&self.t, &self.tu);
        let max = weights.iter().chain(&t).fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
        let q = |w: f32| (w * scale).round() as i16;
        let mut trans = [[0i16; LABELS]; LABELS];
        for (p, row) in trans.iter_mut().enumerate() {
            for (y, v) in row.iter_mut().enumerate() {
                *v = q(t[p * LABELS + y]);
            }
        }
        let mut start = [0i16; LABELS];
        for (y, v) in start.iter_mut().enumerate() {
            *v = q(t[LABELS * LABELS + y]);
        }
        Model {
            bits,
            weights: weights.into_iter().map(q).collect(),
            trans,
            start,
            scale,
            temperature: 1.0,
            threshold: DEFAULT_THRESHOLD,
            features,
            gate: Vec::new(),
        }
    }
}
