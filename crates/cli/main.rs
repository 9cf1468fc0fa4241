//! whosaid: who said what in news articles, as a CSV.
//!
//! `main` is boring on purpose: the command line is [`whosaid::run_cli`], which the Python
//! package's `whosaid` command runs too; this adds the allocator and the exit.

/// mimalloc instead of the system allocator: with glibc's, a fifth of the worker threads'
/// time went to malloc and free and to waiting on arena locks, since the reader thread
/// allocates every article's text and a worker frees it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(whosaid::run_cli(std::env::args_os()));
}
