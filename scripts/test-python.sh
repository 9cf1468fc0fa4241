#!/usr/bin/env bash
# The Python package's tests (tests/python), as scripts/check.sh runs them: installs the package
# with `pip install .` (a release build, as users get it) into a virtualenv (WHOSAID_VENV,
# default target/pyenv, made if missing) with pytest, pandas, pyarrow and pyspark from PyPI,
# and runs pytest against the CLI binary (WHOSAID_BIN, default target/debug/whosaid, which
# `cargo test` builds). Tests that need ../shared or Java say SKIPPED and why.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${WHOSAID_VENV:-target/pyenv}
export WHOSAID_BIN=${WHOSAID_BIN:-target/debug/whosaid}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY="$VENV/bin/python"
# pyspark 4 warns that it does not yet support pandas 3.
"$PY" -m pip install -q "maturin>=1.9.4,<2" "pytest>=7" "pandas>=1.5,<3" "pyarrow>=10" "pyspark>=3.5"
"$PY" -m pip install -q --force-reinstall --no-deps .
[ -x "$WHOSAID_BIN" ] || cargo build --quiet
command -v java >/dev/null || echo "SKIPPED: no java, so the Spark tests compare nothing (.ci/run installs default-jre-headless)" >&2
# The venv's bin first: the tests run the `whosaid` command the package installed.
PATH="$PWD/$VENV/bin:$PATH" "$PY" -m pytest -q -rs tests/python
