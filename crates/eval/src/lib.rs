//! whosaid-eval: scores claims against gold quotations, figure for figure as the referee,
//! `score.py` beside the PolNeAR data, computes them.
//!
//! Gold comes as JSONL (`id`, `text`, `quotes` with character offsets, speaker and cue spans;
//! [`Gold::from_jsonl`]) or as a known-quotes CSV written by hand (`article_id, quote, speaker`;
//! [`Gold::from_known_quotes`]). Predictions come from a claims CSV ([`Predictions::from_csv`])
//! or straight from the pipeline's records ([`Predictions::from_records`]). [`score`] computes
//! one track's [`Report`], whose `Display` and [`Report::to_json`] print what score.py prints.
//!
//! A known-quotes list can also be checked quote by quote rather than scored ([`read_known`],
//! [`check_known`]; `whosaid check`): each quote passes or fails on its own, with the reason.
//!
//! Gold that also carries each quote's `speaker_name`, `speaker_type`, `title` and
//! `organisation` (the speakers check set) gets figures of whosaid's own on those fields,
//! [`Fields`], printed after score.py's and labelled as such; [`malformed`] is the shape check
//! behind its count of malformed speakers.
//!
//! ```
//! use whosaid_eval::{score, Gold, Options, Predictions};
//!
//! let gold = Gold::from_jsonl(
//!     r#"{"id": "a", "text": "“Hi,” Jo said.", "quotes": [{"start": 1, "end": 4,
//!         "type": "direct", "speaker_start": 6, "speaker_end": 8}]}"#
//!         .replace('\n', "")
//!         .as_bytes(),
//!     "gold.jsonl",
//! )?;
//! let preds = Predictions::from_csv(
//!     "article_id,start,end,speaker,speaker_start,speaker_end\na,1,3,Jo,6,8\n".as_bytes(),
//!     "claims.csv",
//! )?;
//! let report = score(&gold, &preds, &Options::default())?;
//! assert_eq!(report.joint.f1, 100.0); // dice("Hi,", "Hi") = 0.8, and the speaker overlaps
//! assert_eq!(report.exact.f1, 100.0); // equal once "," is trimmed
//! assert!(report.to_string().starts_with("track=all articles=1 gold=1 pred=1\n  span   P 100.0"));
//! # Ok::<(), whosaid_eval::Error>(())
//! ```
#![deny(missing_docs)]

mod error;
mod fields;
mod gold;
mod known;
mod locate;
mod pred;
mod py;
mod report;
mod score;
mod shape;

pub use error::Error;
pub use fields::{Field, Fields, Malformed, Mismatch};
pub use gold::{is_csv, Gold, GoldArticle, GoldQuote};
pub use known::{check_known, read_known, Found, KnownQuote, RowProblem, Verdict};
pub use pred::{Prediction, Predictions};
pub use score::{score, Claimed, Counts, MatchMode, Options, Prf, Report, Track};
pub use shape::{malformed, Shape};
