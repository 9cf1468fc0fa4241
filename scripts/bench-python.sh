#!/usr/bin/env bash
# Speed of the Python package against the CLI, in the same run, on ../shared/corpus/news.jsonl:
# whosaid.extract_many (reading the file with the json module, and on articles already in
# memory) against `whosaid extract -j2 --format jsonl`. The aim (issue 18): extract_many at
# 80% or more of the CLI's articles per second.
#
#   RUNS=5 scripts/bench-python.sh      best of RUNS runs of each, in turn (default 3)
#   THREADS=1 scripts/bench-python.sh   one worker thread (-j1) for both
#
# Builds the CLI (cargo build --release) and the package's release wheel into a virtualenv
# (target/pyenv, made if missing). Skips with a message, and status 0, when ../shared is not
# there.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${WHOSAID_CORPUS:-../shared/corpus/news.jsonl}
if [ ! -f "$CORPUS" ]; then
    echo "bench-python: $CORPUS not found (it lives in ../shared); skipping"
    exit 0
fi
VENV=${WHOSAID_VENV:-target/pyenv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q maturin
cargo build --release --quiet
rm -rf target/wheels-bench
"$VENV/bin/maturin" build --release --quiet -o target/wheels-bench >/dev/null
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps target/wheels-bench/whosaid-*.whl
"$VENV/bin/python" scripts/bench_python.py "$CORPUS" target/release/whosaid
