//! The order of the stages: segment, detect, tag, attribute. Only the binary knows it.

use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use whosaid_attribute::Resolver;
use whosaid_core::{
    Article, Attribution, CharIndex, Claim, ClaimKind, Confidence, Document, Paragraph, RuleId,
    Span, SpeakerKind,
};
use whosaid_detect::Detector;
use whosaid_export::{Record, RowEncoder, Rows, SpeakerRow};
use whosaid_segment::Segmenter;
use whosaid_tagger::Model;

use crate::WINDOW_BYTES;

/// Windows processed at once when the caller runs in a rayon pool (see [`Pipeline::rows`]).
const WINDOWS_AT_ONCE: usize = 8;

/// The rule id of the claims the tagger adds (the `rule` column's first half).
pub const MODEL_RULE: RuleId = RuleId("model/tagger");

/// The default model, trained on PolNeAR's train split by `scripts/train-model.sh`: hashed
/// feature weights only.
static DEFAULT_MODEL_BYTES: &[u8] = include_bytes!("../../data/model/tagger.bin");

static DEFAULT_MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    Arc::new(
        Model::from_bytes(DEFAULT_MODEL_BYTES).expect("the bundled model is one of this build"),
    )
});

/// The default model, as compiled in.
pub fn default_model() -> Arc<Model> {
    Arc::clone(&DEFAULT_MODEL)
}

/// Every stage, built once and shared by all worker threads.
#[derive(Debug)]
pub struct Pipeline {
    segmenter: Segmenter,
    detector: Detector,
    resolver: Resolver,
    /// The tagger; `None` for the rules alone.
    tagger: Option<Arc<Model>>,
    /// The confidence the tagger's claims need instead of the model's own, if set.
    threshold: Option<f32>,
}

impl Default for Pipeline {
    /// The rules alone, as [`Pipeline::new`].
    fn default() -> Pipeline {
        Pipeline::rules_only()
    }
}

/// One article's results, or one window's.
#[derive(Debug)]
pub struct Processed {
    /// The paragraphs, body and furniture.
    pub paragraphs: Vec<Paragraph>,
    /// The claims with their speakers, in text order.
    pub attributions: Vec<Attribution>,
}

impl Processed {
    /// Moves a window's results to the place of the window in its article: offsets by
    /// `offset` bytes, paragraph numbers by `paragraphs`, sentence numbers by `sentences` and
    /// claim numbers by `groups`.
    fn shift(&mut self, offset: usize, paragraphs: usize, sentences: usize, groups: usize) {
        for p in &mut self.paragraphs {
            p.span = p.span.shift(offset);
            p.sentences = p.sentences.start + sentences..p.sentences.end + sentences;
        }
        for a in &mut self.attributions {
            let c = &mut a.claim;
            c.span = c.span.shift(offset);
            c.paragraph += paragraphs;
            c.group += groups;
            for span in [&mut c.cue, &mut c.source, &mut c.recipient, &mut a.mention] {
                *span = span.map(|s| s.shift(offset));
            }
        }
    }
}

impl Pipeline {
    /// Builds every stage but the tagger: the rules alone, the default (`whosaid` without
    /// `--tagger` or `--model`). The tagger is opt-in because it missed its targets (see the
    /// README's "Learned tagger").
    pub fn new() -> Pipeline {
        Pipeline::rules_only()
    }

    /// Builds every stage, with the bundled tagger model (`--tagger`) beside the rules at its
    /// own threshold.
    pub fn with_bundled_tagger() -> Pipeline {
        Pipeline::rules_only().with_model(Some(default_model()))
    }

    /// Builds every stage but the tagger: the rules alone (the same as [`Pipeline::new`]).
    pub fn rules_only() -> Pipeline {
        Pipeline {
            segmenter: Segmenter::default(),
            detector: Detector::default(),
            resolver: Resolver::default(),
            tagger: None,
            threshold: None,
        }
    }

    /// Uses `model` beside the rules, at its own threshold unless [`Pipeline::with_threshold`]
    /// set one; `None` for the rules alone.
    pub fn with_model(mut self, model: Option<Arc<Model>>) -> Pipeline {
        self.tagger = model;
        self
    }

    /// Makes the tagger's claims need at least `threshold` confidence (0 to 1) rather than
    /// the model's own, whether the model is given before or after; no effect without one.
    pub fn with_threshold(mut self, threshold: f32) -> Pipeline {
        self.threshold = Some(threshold);
        self
    }

    /// Makes the detector also report beliefs nobody holds ("X is expected to ...").
    pub fn with_beliefs(mut self, on: bool) -> Pipeline {
        self.detector = self.detector.with_beliefs(on);
        self
    }

    /// Runs every stage on one article.
    pub fn process(&self, article: &Article) -> Processed {
        let mut all = Processed {
            paragraphs: Vec::new(),
            attributions: Vec::new(),
        };
        self.each_window(article, false, |parts| {
            for part in parts {
                all.paragraphs.extend(part.paragraphs);
                all.attributions.extend(part.attributions);
            }
        });
        all
    }

    /// Runs every stage and converts the results to claim records, which own their text: the
    /// results of a long article's windows are gone once converted.
    pub fn records(&self, article: &Article) -> Vec<Record<'static>> {
        let chars = CharIndex::new(&article.text);
        let mut records = Vec::new();
        self.each_window(article, false, |parts| {
            for part in parts {
                records.extend(
                    Record::rows(article, &chars, &part.attributions).map(Record::into_owned),
                );
            }
        });
        records
    }

    /// Runs every stage and formats the claim rows with `encoder`; with `speakers`, also makes
    /// the article's rows of the speakers table. With `parallel`, the windows of a long article
    /// are processed several at a time on the rayon pool the caller runs in.
    ///
    /// # Errors
    ///
    /// When a record cannot be serialised.
    pub fn rows(
        &self,
        article: &Article,
        encoder: &RowEncoder,
        speakers: bool,
        parallel: bool,
    ) -> Result<(Rows, Vec<SpeakerRow>), whosaid_export::Error> {
        if speakers {
            let records = self.records(article);
            let speaker_rows = SpeakerRow::from_records(&records);
            return Ok((encoder.encode(records)?, speaker_rows));
        }
        // Each record is formatted as it is made: a 50 MB article has some 180,000, and
        // holding them all as records took three times the memory of their rows.
        let chars = CharIndex::new(&article.text);
        let encode =
            |part: &Processed| encoder.encode(Record::rows(article, &chars, &part.attributions));
        let mut rows = Ok(Rows::default());
        self.each_window(article, parallel, |parts| {
            // An ordinary article is one part: no need to go through the pool.
            let encoded: Vec<_> = if parallel && parts.len() > 1 {
                parts.par_iter().map(encode).collect()
            } else {
                parts.iter().map(encode).collect()
            };
            for more in encoded {
                match (&mut rows, more) {
                    (Ok(all), Ok(more)) => all.extend(more),
                    (Ok(_), Err(err)) => rows = Err(err),
                    (Err(_), _) => {}
                }
            }
        });
        Ok((rows?, Vec::new()))
    }

    /// Runs every stage on the article, or on each of its windows when it is longer than
    /// [`WINDOW_BYTES`], handing the results to `each` in text order, a few windows at a time,
    /// with offsets and numbers shifted to the whole article. The segmentation of a window is
    /// dropped as soon as it is processed; with `parallel`, the windows handed over together
    /// ([`WINDOWS_AT_ONCE`] of them) are processed at the same time.
    fn each_window(&self, article: &Article, parallel: bool, mut each: impl FnMut(Vec<Processed>)) {
        if article.text.len() <= WINDOW_BYTES {
            return each(vec![self.process_whole(article).0]);
        }
        let window_of = |window: Span| {
            let part = Article {
                id: article.id.clone(),
                text: article.text[window].to_string(),
                outlet: article.outlet.clone(),
                title: article.title.clone(),
                url: None,
                date: None,
            };
            (window, self.process_whole(&part))
        };
        let windows = whosaid_segment::windows(&article.text, WINDOW_BYTES);
        let (mut paragraphs, mut sentences, mut groups) = (0, 0, 0);
        for batch in windows.chunks(if parallel { WINDOWS_AT_ONCE } else { 1 }) {
            let done: Vec<_> = if parallel {
                batch.par_iter().map(|&w| window_of(w)).collect()
            } else {
                batch.iter().map(|&w| window_of(w)).collect()
            };
            let mut parts = Vec::with_capacity(done.len());
            for (window, (mut processed, window_sentences)) in done {
                let window_groups = processed
                    .attributions
                    .iter()
                    .map(|a| a.claim.group + 1)
                    .max()
                    .unwrap_or(0);
                let window_paragraphs = processed.paragraphs.len();
                processed.shift(window.start, paragraphs, sentences, groups);
                parts.push(processed);
                paragraphs += window_paragraphs;
                sentences += window_sentences;
                groups += window_groups;
            }
            each(parts);
        }
    }

    /// Runs every stage on a whole article; also returns its number of sentences.
    fn process_whole(&self, article: &Article) -> (Processed, usize) {
        let document = self
            .segmenter
            .segment(&article.text, article.title.as_deref());
        let claims = self.detector.detect(&article.text, &document);
        let mut attributions = self.resolver.resolve(article, &document, claims.clone());
        if let Some(model) = &self.tagger {
            let threshold = self.threshold.unwrap_or_else(|| model.threshold());
            let mut all = claims;
            add_model_claims(model, threshold, &article.text, &document, &mut all);
            if all.iter().any(|c| c.rule == MODEL_RULE) {
                // The speakers of the tagger's claims come from resolving every claim in text
                // order; the rules' claims keep the speakers they have without the tagger's.
                let with_model = self.resolver.resolve(article, &document, all);
                let mut rules = attributions.into_iter();
                attributions = with_model
                    .into_iter()
                    .filter_map(|a| {
                        if a.claim.rule == MODEL_RULE {
                            Some(a)
                        } else {
                            rules.next()
                        }
                    })
                    .collect();
                keep_attributed(&mut attributions);
            }
        }
        let sentences = document.sentences.len();
        let processed = Processed {
            paragraphs: document.paragraphs,
            attributions,
        };
        (processed, sentences)
    }
}

/// Adds to `claims` the content spans the tagger finds in sentences that overlap no claim of
/// the rules (nor its speaker or cue) and that have at least `threshold` confidence, each where its start puts it among the others.
/// The model's source span is only the speaker phrase the resolver starts from.
fn add_model_claims(
    model: &Model,
    threshold: f32,
    text: &str,
    doc: &Document,
    claims: &mut Vec<Claim>,
) {
    // The rules' claims with their speakers and cues: a tagger span over a rule claim's
    // speaker ("..., said the commander Smith.") takes the speaker for what was said. The
    // tagger reads no sentence that overlaps one of them (see `Model::tag_where`).
    let mut taken: Vec<Span> = claims
        .iter()
        .flat_map(|c| [Some(c.span), c.source, c.cue])
        .flatten()
        .collect();
    taken.sort_unstable_by_key(|s| s.start);
    let free = |span: Span| {
        let upto = taken.partition_point(|t| t.start < span.end);
        !taken[..upto].iter().any(|t| t.end > span.start)
    };
    let mut group = claims.iter().map(|c| c.group + 1).max().unwrap_or(0);
    for found in model.tag_where(text, doc, free) {
        if found.confidence.is_nan() || found.confidence < threshold {
            continue;
        }
        let claim = Claim {
            kind: kind_of(doc, found.content),
            span: found.content,
            group,
            paragraph: found.paragraph,
            cue: found.cue,
            source: found.source,
            recipient: None,
            rule: MODEL_RULE,
            continuation: false,
            // Below 1, which marks the rules' claims.
            confidence: Confidence::from_probability(found.confidence.min(0.999)),
        };
        group += 1;
        let at = claims.partition_point(|c| c.span.start <= claim.span.start);
        claims.insert(at, claim);
    }
}

/// Direct when the span lies inside one quotation, mixed when it holds a quotation mark,
/// else indirect.
fn kind_of(doc: &Document, span: Span) -> ClaimKind {
    let first = doc.quotes.partition_point(|q| q.outer.end <= span.start);
    let mut overlapping = doc.quotes[first..]
        .iter()
        .take_while(|q| q.outer.start < span.end);
    match overlapping.next() {
        Some(q) if q.inner.start <= span.start && span.end <= q.inner.end => ClaimKind::Direct,
        Some(_) => ClaimKind::Mixed,
        None => ClaimKind::Indirect,
    }
}

/// Drops the tagger's claims to which the attribute stage gave no speaker (a claim of nobody is
/// no attribution) or an unnamed group ("officials", "residents", "leaflets"): on PolNeAR dev
/// the tagger's claims of groups were right half as often as its others, and leaving them out
/// keeps the joint F1 (64.0) while span precision goes 88.2 -> 89.4 and the quoted track
/// 81.9 -> 82.2 (README, "Learned tagger"). Then numbers the claims again in order of first
/// appearance, as the detector numbers its own.
fn keep_attributed(attributions: &mut Vec<Attribution>) {
    attributions.retain(|a| {
        a.claim.rule != MODEL_RULE
            || a.speaker
                .as_ref()
                .is_some_and(|s| s.kind != Some(SpeakerKind::Group))
    });
    let mut numbers = std::collections::HashMap::new();
    for a in attributions.iter_mut() {
        let next = numbers.len();
        a.claim.group = *numbers
            .entry((a.claim.rule == MODEL_RULE, a.claim.group))
            .or_insert(next);
    }
}
