"""whosaid.spark.claims on a local Spark (local[2]) gives exactly the CLI's rows."""

import os
import subprocess
import shutil
import sys

import pytest

from conftest import POLNEAR_DEV, SAMPLES, cli_records, jsonl_articles, sample_articles

pyspark = pytest.importorskip("pyspark", reason="SKIPPED: pyspark is not installed")

import whosaid  # noqa: E402
import whosaid.spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        pytest.skip("SKIPPED: no Java runtime (apt-get install default-jre-headless)")
    from pyspark.sql import SparkSession

    # The executors' Python is this one, which has the package installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("whosaid-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


def rows_of(df) -> list:
    return [row.asDict() for row in df.collect()]


def by_article(rows: list) -> list:
    # Spark keeps each partition's order; compare as the CLI orders rows: by article, then as
    # the article's rows come.
    return sorted(rows, key=lambda r: r["article_id"])


def test_schema_is_the_columns():
    schema = whosaid.spark.schema()
    assert [f.name for f in schema.fields] == [name for name, _ in whosaid.COLUMNS]
    nullable = {f.name for f in schema.fields if f.nullable}
    assert nullable == {"speaker_start", "speaker_end", "cue_start", "cue_end"}


def test_samples_on_spark_equal_cli(spark, cli):
    articles = sample_articles()
    df = spark.createDataFrame(articles, "id string, text string").repartition(2)
    got = rows_of(whosaid.spark.claims(df))
    want = cli_records(cli, str(SAMPLES))
    assert len(got) == len(want) > 50
    assert by_article(got) == by_article(want)
    assert [list(r) for r in got[:1]] == [[name for name, _ in whosaid.COLUMNS]]


def test_polnear_dev_on_spark_equals_cli(spark, cli):
    if not POLNEAR_DEV.exists():
        pytest.skip(f"SKIPPED: {POLNEAR_DEV} is absent (research-use data lives in ../shared)")
    df = spark.read.json(str(POLNEAR_DEV)).repartition(3)
    got = rows_of(whosaid.spark.claims(df, beliefs=True))
    want = cli_records(cli, "--beliefs", str(POLNEAR_DEV))
    assert len(got) == len(want) > 500
    assert by_article(got) == by_article(want)


def test_outlet_column_and_other_names(spark, cli, tmp_path):
    articles = sample_articles()[:3]
    rows = [(a["id"], a["text"], "Gazette" if i == 1 else None) for i, a in enumerate(articles)]
    df = spark.createDataFrame(rows, "doc string, body string, outlet string")
    got = rows_of(whosaid.spark.claims(df, id_col="doc", text_col="body", outlet="Wire"))
    want = [
        r
        for i, a in enumerate(articles)
        for r in whosaid.extract(a["text"], id=a["id"], outlet="Gazette" if i == 1 else "Wire")
    ]
    assert by_article(got) == by_article(want)


def test_speakers_table_from_spark_shards(spark, cli, tmp_path):
    # The README's cluster recipe: claims written by Spark as CSV part files, then `whosaid
    # speakers` on them, gives the table `extract --corpus-speakers` makes in one run.
    source = POLNEAR_DEV if POLNEAR_DEV.exists() else None
    if source is None:
        print("SKIPPED part: PolNeAR dev absent, using the samples only")
        articles = sample_articles()
        df = spark.createDataFrame(articles, "id string, text string")
    else:
        df = spark.read.json(str(source))
    shards = tmp_path / "claims"
    claims = whosaid.spark.claims(df.repartition(3))
    claims.write.option("escape", '"').csv(str(shards), header=True)
    parts = sorted(shards.glob("part-*.csv"))
    assert len(parts) >= 2
    subprocess.run(
        [str(cli), "speakers", "-q", *map(str, parts), "-o", str(tmp_path / "spark.csv")], check=True
    )
    if source is None:
        inputs = [str(SAMPLES)]
    else:
        inputs = [str(source)]
    subprocess.run(
        [str(cli), "extract", "-q", *inputs, "-o", str(tmp_path / "claims.csv"),
         "--corpus-speakers", str(tmp_path / "one-run.csv")],
        check=True,
    )
    spark_table = (tmp_path / "spark.csv").read_text(encoding="utf-8")
    assert spark_table.count("\n") > 20
    assert spark_table == (tmp_path / "one-run.csv").read_text(encoding="utf-8")
