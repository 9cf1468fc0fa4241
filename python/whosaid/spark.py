"""whosaid on Spark: the claims of a DataFrame of articles, extracted on the executors.

>>> from whosaid.spark import claims
>>> rows = claims(spark.read.json("s3://bucket/news/*.jsonl"))      # doctest: +SKIP
>>> rows.write.csv("s3://bucket/claims/", header=True)              # doctest: +SKIP

Every executor needs the ``whosaid`` package installed (the same wheel as the driver). The
rows are those ``whosaid extract`` gives for the same articles, with the claims table's
columns (``whosaid.COLUMNS``) as the schema.
"""

from typing import Any, Iterator, Optional

import whosaid

__all__ = ["claims", "schema"]

_SPARK_TYPES = {"text": "string", "offset": "long", "optional_offset": "long", "number": "double"}


def schema() -> "pyspark.sql.types.StructType":  # noqa: F821
    """The Spark schema of the claims table: ``whosaid.COLUMNS`` in order, text as strings
    (never null), offsets as longs (``speaker_start``, ``speaker_end``, ``cue_start`` and
    ``cue_end`` nullable)."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {
        "text": StringType(),
        "offset": LongType(),
        "optional_offset": LongType(),
        "number": DoubleType(),
    }
    return StructType(
        [StructField(name, types[kind], kind == "optional_offset") for name, kind in whosaid.COLUMNS]
    )


def _arrow_schema() -> "pyarrow.Schema":  # noqa: F821
    import pyarrow as pa

    types = {
        "text": pa.string(),
        "offset": pa.int64(),
        "optional_offset": pa.int64(),
        "number": pa.float64(),
    }
    return pa.schema(
        [pa.field(name, types[kind], kind == "optional_offset") for name, kind in whosaid.COLUMNS]
    )


def claims(
    df: "pyspark.sql.DataFrame",  # noqa: F821
    id_col: str = "id",
    text_col: str = "text",
    *,
    outlet_col: Optional[str] = "outlet",
    title_col: Optional[str] = "title",
    outlet: Optional[str] = None,
    threads: Optional[int] = 1,
    **options: Any,
) -> "pyspark.sql.DataFrame":  # noqa: F821
    """Extracts the claims of every article of ``df`` on the executors, one partition at a
    time (``mapInArrow``), and returns them as a DataFrame with the schema ``schema()``.

    ``id_col`` and ``text_col`` name the id and text columns; ``outlet_col`` and ``title_col``
    are used when ``df`` has them (set None to ignore them). ``outlet`` is the outlet of
    articles that name none. ``threads`` is the number of threads each Python worker uses
    (default 1: Spark already runs one task per core). Options (``beliefs``, ...) are those of
    ``whosaid.extract``. A partition's rows are in its articles' order; an article that
    cannot be read (a null or non-string text) fails the task with a message naming its id.
    An article whose id is null gets its position in its partition, which is not unique
    across partitions: give every article an id.
    """
    unknown = set(options) - set(whosaid.OPTIONS)
    if unknown:
        raise TypeError(
            f"unexpected keyword argument(s) {sorted(unknown)}; the options are "
            + ", ".join(whosaid.OPTIONS)
        )
    columns = [id_col, text_col]
    extra = [c for c in (outlet_col, title_col) if c is not None and c in df.columns]
    selected = df.select(*columns, *extra)

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:  # noqa: F821
        import pyarrow as pa

        out_schema = _arrow_schema()

        def articles():
            for batch in batches:
                data = batch.to_pydict()
                ids = data[id_col]
                for i, text in enumerate(data[text_col]):
                    article = {"id": ids[i], "text": text}
                    if outlet_col in data:
                        article["outlet"] = data[outlet_col][i]
                    if title_col in data:
                        article["title"] = data[title_col][i]
                    yield article

        pending = []
        for record in whosaid.extract_many(articles(), threads=threads, outlet=outlet, **options):
            pending.append(record)
            if len(pending) == 4096:
                yield pa.RecordBatch.from_pylist(pending, schema=out_schema)
                pending = []
        if pending:
            yield pa.RecordBatch.from_pylist(pending, schema=out_schema)

    return selected.mapInArrow(run, schema())
