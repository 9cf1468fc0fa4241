"""The rest of the package: to_pandas, the whosaid command, help text, columns."""

import json
import shutil
import subprocess
import sys

import pytest

import whosaid
from conftest import SAMPLES, cli_records


def test_columns_are_the_csv_header(cli):
    header = subprocess.run(
        [str(cli), "extract", "-q", str(SAMPLES / "000_606a2fd7b4950ec8.txt")],
        check=True, capture_output=True, text=True,
    ).stdout.splitlines()[0]
    assert [name for name, _ in whosaid.COLUMNS] == header.split(",")


def test_to_pandas_types():
    pd = pytest.importorskip("pandas")
    records = whosaid.extract("“Yes,” Maria Lopez said. Officials disagreed.", id="0042")
    records += whosaid.extract("The plan failed, officials said.", id="7")
    frame = whosaid.to_pandas(records)
    assert list(frame.columns) == [name for name, _ in whosaid.COLUMNS]
    assert frame["article_id"].tolist() == ["0042", "7"]  # not 42 and 7
    assert str(frame["article_id"].dtype) == "string"
    assert str(frame["start"].dtype) == "Int64"
    assert str(frame["speaker_start"].dtype) == "Int64"
    assert frame["cue_start"].notna().all()
    empty = whosaid.to_pandas([])
    assert list(empty.columns) == list(frame.columns) and len(empty) == 0
    assert str(empty["end"].dtype) == "Int64"
    nulls = whosaid.to_pandas(whosaid.extract("Trump is expected to win.", beliefs=True))
    assert nulls["speaker_start"].isna().all()


def test_the_whosaid_command_is_the_cli(cli):
    command = shutil.which("whosaid")
    assert command is not None, "installing the package puts whosaid on PATH"
    got = subprocess.run(
        [command, "extract", "-q", "--format", "jsonl", str(SAMPLES)],
        check=True, capture_output=True, text=True,
    ).stdout
    assert [json.loads(l) for l in got.splitlines()] == cli_records(cli, str(SAMPLES))
    # Exit statuses are the CLI's: 2 for a usage error, 1 when an article failed.
    assert subprocess.run([command, "extract", "--no-such-flag"], capture_output=True).returncode == 2
    failed = subprocess.run(
        [command, "extract", "-q", "-"], input=b'{"id": "a"}\n', capture_output=True
    )
    assert failed.returncode == 1 and b"missing field" in failed.stderr


def test_help_is_useful():
    doc = whosaid.extract.__doc__
    assert "same keys, values and order" in doc and "beliefs" in doc and "ValueError" in doc
    assert "input order" in whosaid.extract_many.__doc__
    assert "beliefs" in whosaid.__doc__


def test_stub_lists_every_option():
    import pathlib

    stub = (pathlib.Path(whosaid.__file__).parent / "__init__.pyi").read_text()
    for name in whosaid.OPTIONS:
        assert f"{name}:" in stub, f"option {name} is missing from __init__.pyi"


def test_values_have_their_columns_types():
    kinds = {
        "text": (str,),
        "offset": (int,),
        "optional_offset": (int, type(None)),
        "number": (float,),
    }
    records = whosaid.extract("“Yes,” Maria Lopez said. Trump is expected to win.", beliefs=True)
    assert any(r["speaker_start"] is None for r in records)
    for record in records:
        for name, kind in whosaid.COLUMNS:
            assert isinstance(record[name], kinds[kind]), (name, record[name])


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(whosaid)
    assert result.attempted >= 3 and result.failed == 0
