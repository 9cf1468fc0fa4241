//! The order of the stages: segment, detect, attribute. Only the binary knows it.

use whosaid_attribute::Resolver;
use whosaid_core::{Article, Attribution, Document};
use whosaid_detect::Detector;
use whosaid_export::{Record, RowEncoder, Rows, SpeakerRow};
use whosaid_segment::Segmenter;

/// Every stage, built once and shared by all worker threads.
#[derive(Debug, Default)]
pub struct Pipeline {
    segmenter: Segmenter,
    detector: Detector,
    resolver: Resolver,
}

/// One article's results.
#[derive(Debug)]
pub struct Processed {
    /// The segmentation (paragraphs, furniture, sentences).
    #[allow(dead_code)] // read by the audit report
    pub document: Document,
    /// The claims with their speakers, in text order.
    pub attributions: Vec<Attribution>,
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
        let document = self
            .segmenter
            .segment(&article.text, article.title.as_deref());
        let claims = self.detector.detect(&article.text, &document);
        let attributions = self.resolver.resolve(article, &document, claims);
        Processed {
            document,
            attributions,
        }
    }

    /// Runs every stage and converts the results to claim records.
    pub fn records(&self, article: &Article) -> Vec<Record> {
        // The document (a token every five bytes) is dropped before the records are made, so
        // that the two never take memory at the same time.
        let Processed { attributions, .. } = self.process(article);
        Record::from_attributions(article, &attributions)
    }

    /// Runs every stage and formats the claim rows with `encoder`; with `speakers`, also makes
    /// the article's rows of the speakers table.
    ///
    /// # Errors
    ///
    /// When a record cannot be serialised.
    pub fn rows(
        &self,
        article: &Article,
        encoder: &RowEncoder,
        speakers: bool,
    ) -> Result<(Rows, Vec<SpeakerRow>), whosaid_export::Error> {
        let Processed { attributions, .. } = self.process(article);
        if !speakers {
            // Each record is formatted as it is made: a 50 MB article has some 180,000, and
            // holding them all as records took three times the memory of their rows.
            let rows = encoder.encode(Record::rows(article, &attributions))?;
            return Ok((rows, Vec::new()));
        }
        let records = Record::from_attributions(article, &attributions);
        let speaker_rows = SpeakerRow::from_records(&records);
        Ok((encoder.encode(records)?, speaker_rows))
    }
}
