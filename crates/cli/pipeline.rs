//! The order of the stages: segment, detect, attribute. Only the binary knows it.

use rayon::prelude::*;
use whosaid_attribute::Resolver;
use whosaid_core::{Article, Attribution, CharIndex, Paragraph, Span};
use whosaid_detect::Detector;
use whosaid_export::{Record, RowEncoder, Rows, SpeakerRow};
use whosaid_segment::Segmenter;

use crate::WINDOW_BYTES;

/// Windows processed at once when the caller runs in a rayon pool (see [`Pipeline::rows`]).
const WINDOWS_AT_ONCE: usize = 8;

/// Every stage, built once and shared by all worker threads.
#[derive(Debug, Default)]
pub struct Pipeline {
    segmenter: Segmenter,
    detector: Detector,
    resolver: Resolver,
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
    /// Builds every stage.
    pub fn new() -> Pipeline {
        Pipeline::default()
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
        let attributions = self.resolver.resolve(article, &document, claims);
        let sentences = document.sentences.len();
        let processed = Processed {
            paragraphs: document.paragraphs,
            attributions,
        };
        (processed, sentences)
    }
}
