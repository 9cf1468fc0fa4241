//! `whosaid train`: a tagger model from gold attributions.

use std::fs::File;
use std::io::{BufReader, Write};

use anyhow::Context;
use whosaid_core::Span;
use whosaid_eval::Gold;
use whosaid_segment::Segmenter;
use whosaid_tagger::{Annotation, Role, Trainer};

use crate::args::TrainArgs;
use crate::output::Outputs;

/// Runs `whosaid train`: reads the gold, trains, writes the model. Returns the exit status.
///
/// # Errors
///
/// A gold file that cannot be read or is malformed (the message names its line), an output
/// that is the gold file, or one that cannot be written.
pub fn run(args: &TrainArgs) -> anyhow::Result<i32> {
    // Opened before training, so that an output that is the gold file (or cannot be created)
    // fails at once; the model replaces the file only when it is complete.
    let mut out = Outputs::new(std::slice::from_ref(&args.gold)).open("-o", Some(&args.output))?;
    let name = args.gold.display().to_string();
    let file = File::open(&args.gold).with_context(|| format!("cannot open {name}"))?;
    let gold = Gold::from_jsonl(BufReader::new(file), &name)?;
    let segmenter = Segmenter::default();
    let mut trainer = Trainer::new(args.bits).gate_cues(args.gate_min);
    let mut spans = 0;
    for article in &gold.articles {
        let doc = segmenter.segment(&article.text, article.title.as_deref());
        let annotations = annotations(&article.text, &article.quotes);
        spans += annotations.len();
        trainer.add(&article.text, &doc, &annotations);
    }
    let model = trainer
        .train(args.epochs, args.seed)
        .with_threshold(args.threshold);
    let name = out.name();
    out.write_all(&model.to_bytes())
        .with_context(|| format!("cannot write to {name}"))?;
    out.commit()?;
    if !args.quiet {
        let (sequences, tokens) = trainer.size();
        eprintln!(
            "whosaid: {} articles, {sequences} paragraphs, {tokens} tokens, {spans} gold spans; \
             {} epochs; {} cue words outside the cue list open its sentence gate; wrote {}",
            gold.articles.len(),
            args.epochs,
            model.gate_words(),
            args.output.display()
        );
    }
    Ok(0)
}

/// The gold spans of an article in bytes: each quote's content, source and cue.
fn annotations(text: &str, quotes: &[whosaid_eval::GoldQuote]) -> Vec<Annotation> {
    // Character offset -> byte offset, one past the end included.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let span = |start: i64, end: i64| {
        let at = |c: i64| usize::try_from(c).ok().and_then(|c| bytes.get(c).copied());
        match (at(start), at(end)) {
            (Some(s), Some(e)) if s < e => Some(Span::new(s, e)),
            _ => None,
        }
    };
    let mut out = Vec::new();
    for q in quotes {
        let mut push = |role, s: Option<Span>| out.extend(s.map(|span| Annotation { role, span }));
        push(Role::Content, span(q.start as i64, q.end as i64));
        if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
            push(Role::Source, span(s, e));
        }
        if let (Some(s), Some(e)) = (q.cue_start, q.cue_end) {
            push(Role::Cue, span(s, e));
        }
    }
    out
}
