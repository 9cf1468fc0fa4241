//! A speaker's identity across articles: the `speaker_id` column, made in core so that the
//! resolver can make it once per speaker.

pub use whosaid_core::speaker_id;
