//! whosaid: who said what in news articles, as a CSV.
//!
//! `main` is boring on purpose: parse the command line, run the command, map the result to an
//! exit status (0 all good, 1 some articles failed, 2 usage or fatal error; a closed output
//! pipe is success).

mod args;
mod audit;
mod corpus;
mod eval;
mod extract;
mod known;
mod report;
mod run;
mod speakers;
mod train;
mod xlsx;

use std::io::{self, Write};

use anyhow::Context;
use clap::Parser;

use whosaid::Pipeline;

use crate::args::{Cli, Command};

/// mimalloc instead of the system allocator: with glibc's, a fifth of the worker threads'
/// time went to malloc and free and to waiting on arena locks, since the reader thread
/// allocates every article's text and a worker frees it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract(args) => pipeline(&cli).and_then(|p| extract::run(args, &p)),
        Command::Eval(args) => pipeline(&cli).and_then(|p| eval::run(args, &p)),
        Command::Check(args) => pipeline(&cli).and_then(|p| known::run(args, &p)),
        Command::Audit(args) => pipeline(&cli).and_then(|p| audit::run(args, &p)),
        Command::Speakers(args) => corpus::run(args),
        Command::Train(args) => train::run(args),
    };
    let code = match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => 0,
        Err(err) => {
            let _ = writeln!(io::stderr().lock(), "whosaid: {err:#}");
            2
        }
    };
    std::process::exit(code);
}

/// The stages the flags ask for: the rules, and the compiled-in tagger, another model or none.
fn pipeline(cli: &Cli) -> anyhow::Result<Pipeline> {
    let model = match (&cli.model, cli.rules_only) {
        (_, true) => None,
        (None, false) => Some(whosaid::default_model()),
        (Some(path), false) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read the model {}", path.display()))?;
            let model = whosaid_tagger::Model::from_bytes(&bytes)
                .with_context(|| format!("{}", path.display()))?;
            Some(std::sync::Arc::new(model))
        }
    };
    let pipeline = Pipeline::rules_only()
        .with_beliefs(cli.beliefs)
        .with_model(model);
    Ok(match cli.min_confidence {
        Some(p) => pipeline.with_threshold(p),
        None => pipeline,
    })
}

/// True when the error comes from writing to a pipe whose reader went away (`| head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<whosaid_export::Error>()
                .is_some_and(whosaid_export::Error::is_broken_pipe)
    })
}
