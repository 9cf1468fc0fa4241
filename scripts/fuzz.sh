#!/usr/bin/env bash
# Fuzzes whosaid for a bounded time, one target of fuzz/fuzz_targets/:
#
#   scripts/fuzz.sh [SECONDS] [TARGET]   default 300 s of `pipeline`; e.g. scripts/fuzz.sh 600 jsonl
#
#   pipeline   bytes -> decoded text -> records (the checks below)
#   jsonl      bytes as a JSONL file, read as `extract` reads it: lines in order, one article or
#              failure each (gzip, BOMs, stray bytes, bad JSON, numeric ids)
#   writers    the records of any text, any id and outlet, written as CSV and JSONL and read
#              back: identical, and the neutralised CSV keeps every offset
#   audit      any text into an audit page: UTF-8, and markup in the text never unescaped
#
# Uses cargo fuzz (libFuzzer), which needs the nightly toolchain; installs cargo-fuzz when it is
# missing. The checks live in crates/cli/check.rs (whosaid::check_bytes): no panic, spans on
# character boundaries, text[start:end] == quote (and mention, cue), records in text order, the
# same records twice.
# The same checks run on stable in the test suite (tests/props.rs, proptest).
# Findings land in fuzz/artifacts/pipeline/; reproduce one with
#   cargo +nightly fuzz run pipeline fuzz/artifacts/pipeline/crash-...
# and turn it into a named regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN=${1:-300}
TARGET=${2:-pipeline}
if ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz: no nightly toolchain (rustup toolchain install nightly); running the proptest instead" >&2
    PROPTEST_CASES=${PROPTEST_CASES:-20000} exec cargo test --release --test tests props::
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi

# Seed the corpus with the samples and the hand-made fixtures, once.
CORPUS=fuzz/corpus/$TARGET
mkdir -p "$CORPUS"
if [ -z "$(ls -A "$CORPUS")" ]; then
    cp data/samples/*.txt "$CORPUS"/
    find tests/fixtures/input -name '*.txt' -exec cp {} "$CORPUS"/ \;
    if [ "$TARGET" = jsonl ]; then
        find tests/fixtures/input -name '*.jsonl' -exec cp {} "$CORPUS"/ \;
    fi
fi

exec cargo +nightly fuzz run "$TARGET" -- \
    -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048
