//! Bytes in, records out: the whole pipeline, from decoding to character offsets.
//!
//! Run with `scripts/fuzz.sh` (cargo fuzz, nightly). The checks are `whosaid::check_bytes`
//! (crates/cli/check.rs); the same run on stable as a proptest in `tests/props.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    whosaid::check_bytes(data);
});
