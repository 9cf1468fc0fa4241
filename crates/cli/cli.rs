//! The command line as a function: parse the arguments, run the command, map the result to an
//! exit status (0 all good, 1 some articles failed, 2 usage or fatal error; a closed output
//! pipe is success). The `whosaid` binary and the Python package's `whosaid` command both call
//! [`run_cli`].

use std::ffi::OsString;
use std::io::{self, Write};

use clap::Parser;

use crate::args::{Cli, Command};
use crate::{audit, corpus, eval, extract, known, Pipeline};

/// Runs the `whosaid` command line on `args` (the program name first, as in
/// [`std::env::args_os`]) and returns the exit status. `--help`, `--version` and usage errors
/// print and end the process, as clap does.
pub fn run_cli(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let cli = Cli::parse_from(args);
    let pipeline = Pipeline::new().with_beliefs(cli.beliefs);
    let result = match &cli.command {
        Command::Extract(args) => extract::run(args, &pipeline),
        Command::Eval(args) => eval::run(args, &pipeline),
        Command::Check(args) => known::run(args, &pipeline),
        Command::Audit(args) => audit::run(args, &pipeline),
        Command::Speakers(args) => corpus::run(args),
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
