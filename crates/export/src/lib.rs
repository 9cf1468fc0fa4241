//! whosaid-export: attributions to records, and records to CSV or JSON lines.
//!
//! A [`Record`] is one row of the claims table: every span converted from bytes to character
//! offsets, so that Python's `text[start:end]` equals the quote. A [`RecordWriter`] writes
//! records as CSV (header first, fields [neutralised](neutralise) against spreadsheet formula
//! injection unless turned off) or as JSON lines (never altered); [`read_claims`] and
//! [`ClaimsReader`] read such a table back into records. A [`Corpus`] makes the claims of
//! many articles and files one table of speakers, one row per person however spelled.
//!
//! ```
//! use whosaid_core::{
//!     Article, Attribution, Claim, ClaimKind, Confidence, Resolution, RuleId, Span,
//! };
//! use whosaid_export::Record;
//!
//! let article = Article::new("a1", "“Hi,” she said.");
//! let claim = Claim {
//!     kind: ClaimKind::Direct, span: Span::new(3, 6), group: 0, paragraph: 0,
//!     cue: Some(Span::new(15, 19)), source: Some(Span::new(11, 14)), recipient: None,
//!     rule: RuleId("detect/verb-trailing"), continuation: false, confidence: Confidence::CERTAIN,
//! };
//! let attribution = Attribution {
//!     claim, speaker: None, mention: Some(Span::new(11, 14)), resolution: Resolution::None,
//!     outlet: None, chain: vec![], rule: RuleId("attribute/unresolved"),
//! };
//! let attributions = [attribution];
//! let rows = Record::from_attributions(&article, &attributions);
//! assert_eq!(rows[0].quote, "Hi,");
//! assert_eq!((rows[0].start, rows[0].end), (1, 4));
//! ```
#![deny(missing_docs)]

mod audit;
mod corpus;
mod identity;
mod read;
mod record;
mod sanitize;
mod speakers;
mod writer;

pub use audit::{
    AuditArticle, AuditClaim, Block, Page, PageNav, ReportIndex, Weakness, FAR_PARAGRAPHS,
    SPEAKERS_LISTED,
};
pub use corpus::{
    Corpus, CorpusArticle, CorpusRow, CorpusSummary, CorpusWriter, CORPUS_HEADER, VALUES_LISTED,
};
pub use identity::speaker_id;
pub use read::{read_claims, ClaimsByArticle, ClaimsReader, ReadError};
pub use record::Record;
pub use sanitize::neutralise;
pub use speakers::{SpeakerRow, SpeakerWriter, SPEAKERS_HEADER};
pub use writer::{
    ColumnType, Error, Format, RecordWriter, RowEncoder, Rows, WriterOptions, COLUMNS, HEADER,
    OFFSET_COLUMNS,
};
