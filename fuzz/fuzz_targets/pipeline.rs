//! Bytes in, records out: the whole pipeline, from decoding to character offsets.
//!
//! Run with `scripts/fuzz.sh` (cargo fuzz, nightly). The same checks run on stable as a
//! proptest in `tests/props.rs`.
#![no_main]

#[path = "../check.rs"]
mod check;
#[allow(dead_code)]
#[path = "../../crates/cli/decode.rs"]
mod decode;
#[allow(dead_code)]
#[path = "../../crates/cli/pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    check::check_bytes(data);
});
