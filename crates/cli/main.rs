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
mod output;
mod report;
mod run;
mod speakers;
mod xlsx;

use std::io::{self, Write};

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
    let pipeline = Pipeline::new().with_beliefs(cli.beliefs);
    let result = match &cli.command {
        Command::Extract(args) => extract::run(args, &pipeline),
        Command::Eval(args) => eval::run(args, &pipeline),
        Command::Check(args) => known::run(args, &pipeline),
        Command::Audit(args) => audit::run(args, &pipeline),
        Command::Speakers(args) => corpus::run(args),
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
