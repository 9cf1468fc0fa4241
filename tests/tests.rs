mod audit;
mod cli;
mod constructions;
mod eval;
mod input;
mod props;
mod samples;
mod util;
