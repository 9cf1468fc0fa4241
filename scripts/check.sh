#!/usr/bin/env bash
# One command checks everything: formatting, lints, tests, docs. CI runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Without ../shared the tests that compare `whosaid eval` with score.py pass having compared
# nothing (tests/eval.rs prints SKIPPED lines); say so before the tests and again at the end,
# so that a green run is not mistaken for a checked one.
skipped=""
if [ ! -f ../shared/eval/score.py ]; then
    skipped="SKIPPED: ../shared/eval/score.py is absent, so the score.py parity tests in tests/eval.rs compared nothing"
elif ! command -v python3 >/dev/null; then
    skipped="SKIPPED: python3 is not installed, so the score.py parity tests in tests/eval.rs compared nothing"
fi

echo "== cargo fmt"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo test"
[ -z "$skipped" ] || echo "$skipped" >&2
cargo test --workspace
echo "== python (tests/python: the package against the CLI, pandas, Spark)"
scripts/test-python.sh
echo "== cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace
[ -z "$skipped" ] || echo "== passed, but $skipped" >&2
