//! The command line as a function: parse the arguments, run the command, map the result to an
//! exit status (0 all good, 1 some articles failed, 2 usage or fatal error; a closed output
//! pipe is success). The `whosaid` binary and the Python package's `whosaid` command both call
//! [`run_cli`].

use std::ffi::OsString;
use std::io::{self, Write};

use anyhow::Context;
use clap::Parser;

use crate::args::{Cli, Command};
use crate::{audit, corpus, default_model, eval, extract, known, train, Pipeline};

/// Runs the `whosaid` command line on `args` (the program name first, as in
/// [`std::env::args_os`]) and returns the exit status. `--help`, `--version` and usage errors
/// print and end the process, as clap does.
pub fn run_cli(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let cli = Cli::parse_from(args);
    let result = match &cli.command {
        Command::Extract(args) => pipeline(&cli).and_then(|p| extract::run(args, &p)),
        Command::Eval(args) => pipeline(&cli).and_then(|p| eval::run(args, &p)),
        Command::Check(args) => pipeline(&cli).and_then(|p| known::run(args, &p)),
        Command::Audit(args) => pipeline(&cli).and_then(|p| audit::run(args, &p)),
        Command::Speakers(args) => corpus::run(args),
        Command::Train(args) => train::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => 0,
        Err(err) => {
            let _ = writeln!(io::stderr().lock(), "whosaid: {err:#}");
            2
        }
    }
}

/// The stages the flags ask for: the rules alone (the default, `--rules-only`), or beside
/// them the bundled tagger (`--tagger`) or a trained model (`--model FILE`).
fn pipeline(cli: &Cli) -> anyhow::Result<Pipeline> {
    let model = match (&cli.model, cli.tagger) {
        (Some(path), _) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read the model {}", path.display()))?;
            let model = whosaid_tagger::Model::from_bytes(&bytes)
                .with_context(|| format!("{}", path.display()))?;
            Some(std::sync::Arc::new(model))
        }
        (None, true) => Some(default_model()),
        (None, false) => None,
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
