"""Shared fixtures: the repository, the CLI binary to compare with, and the articles."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
# Research-use data lives beside the repository, never in it (README, Data).
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
NEWS = ROOT.parent / "shared" / "corpus" / "news.jsonl"


@pytest.fixture(scope="session")
def cli() -> Path:
    """The Rust binary (`WHOSAID_BIN`, else target/debug/whosaid, built by `cargo test`): the
    reference the package's records must equal."""
    path = Path(os.environ.get("WHOSAID_BIN", ROOT / "target" / "debug" / "whosaid"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run `cargo build` or set WHOSAID_BIN")
    return path


def cli_records(cli: Path, *args: str) -> list:
    """The records `whosaid extract --format jsonl ARGS` writes, parsed, in order."""
    out = subprocess.run(
        [str(cli), "extract", "-q", "--format", "jsonl", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def sample_articles() -> list:
    """The bundled samples as the CLI reads a directory: id = file stem, text = the file."""
    return [
        {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in sorted(SAMPLES.glob("*.txt"))
    ]


def jsonl_articles(path: Path) -> list:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def need(path: Path) -> None:
    """Skips, saying what is missing, when research data beside the repository is absent."""
    if not path.exists():
        pytest.skip(f"SKIPPED: {path} is absent (research-use data lives in ../shared)")
