#!/usr/bin/env bash
# One command checks everything: formatting, lints, tests, docs. CI runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== cargo fmt"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --workspace
echo "== cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace
