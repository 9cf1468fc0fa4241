"""whosaid: who said what in news articles.

Each record is one claim (a direct quote, a mixed quote or reported speech) with its exact
character offsets, the speaker resolved to a full name, organisation or group, and the
speaker's type, title, role and organisation, the outlet, the cue and the rule that fired:
the rows of ``whosaid extract --format jsonl``, as dicts with the same keys, values and order.
``text[record["start"]:record["end"]] == record["quote"]`` holds for every record.

>>> import whosaid
>>> [(r["quote"], r["speaker"]) for r in whosaid.extract("“We won,” Jane Smith said.")]
[('We won,', 'Jane Smith')]

- ``extract(text, *, id=None, outlet=None, title=None, **options)``: one article's records.
- ``extract_many(articles, *, threads=None, outlet=None, **options)``: records of many
  articles, in input order, extracted in parallel without the GIL, in bounded memory.
- ``to_pandas(records)``: a DataFrame with the claims table's columns and types.
- ``whosaid.spark.claims(df)``: the same on Spark's executors.
- ``COLUMNS``: the columns, in order, with their types.

The options change rows as the CLI's options of the same names do:
{options}
"""

import textwrap
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from whosaid import _native

__all__ = ["COLUMNS", "OPTIONS", "extract", "extract_many", "to_pandas", "__version__"]

__version__: str = _native.__version__

#: The claims table's columns in order, each with its type: ``"text"``, ``"offset"`` (an int),
#: ``"optional_offset"`` (an int or None) or ``"number"`` (a float, the confidence). The CSV header, ``to_pandas`` and the Spark
#: schema are made from this list.
COLUMNS: List[tuple] = list(_native.COLUMNS)

#: The keyword options that change rows, with what each does.
OPTIONS: Dict[str, str] = dict(_native.OPTIONS)

_OPTIONS_DOC = "\n".join(f"- ``{name}``: {doc}." for name, doc in OPTIONS.items())
__doc__ = __doc__.format(options=_OPTIONS_DOC)

Article = Union[str, Dict[str, Any]]


def extract(
    text: str,
    *,
    id: Union[str, int, None] = None,
    outlet: Optional[str] = None,
    title: Optional[str] = None,
    **options: Any,
) -> List[Dict[str, Any]]:
    """Returns the claims of one article: the records ``whosaid extract --format jsonl``
    writes for it, as dicts with the same keys, values and order.

    ``id`` names the article in ``article_id`` and ``claim_id`` (default ``"1"``; an int is
    written out). ``outlet`` is the article's outlet, used for claims that name no other
    (``--outlet``); ``title`` is its headline when it is not part of ``text``.

    Options, as the CLI's options of the same names:
    {options}

    Raises TypeError when ``text`` is not a str or an option is unknown, and ValueError when
    the text is not valid Unicode; the message names the article.

    >>> [r["speaker"] for r in extract("“It works,” said the minister, Ana Ruiz.", id="a1")]
    ['Ana Ruiz']
    """
    return _native.extract(text, id, outlet, title, options)


def extract_many(
    articles: Iterable[Article],
    *,
    threads: Optional[int] = None,
    outlet: Optional[str] = None,
    **options: Any,
) -> Iterator[Dict[str, Any]]:
    """Streams the claims of many articles, in input order: for each article, the records
    ``extract`` gives for it.

    ``articles`` is any iterable (a list, a generator over a file) of strs (the text; the id is
    the article's position, counting from 1) or of dicts with ``text`` and optionally ``id``
    (str or int), ``outlet``, ``title``, ``url`` and ``date``, as in the CLI's JSON lines.
    ``outlet`` is the outlet of articles that name none (``--outlet``). ``threads`` is the
    number of worker threads (default, or 0: one per CPU core).

    Articles are pulled from the iterable in batches (at most 256 articles or 256 KiB of
    text), and extracted on the worker threads without the GIL while the caller takes the
    records of an earlier batch; at most five batches are held at a time, so memory stays
    flat however long the iterable is.

    Options, as for ``extract``:
    {options}

    An article that is not a str or a mapping, whose ``text`` is missing or not a str, or
    whose ``id`` is neither str nor int raises TypeError or ValueError naming the article,
    when the stream reaches it (the records of the articles before it have been yielded); the
    stream ends there. Unknown options raise TypeError at once.
    """
    return _native.Stream(articles, threads, outlet, options)


def to_pandas(records: Iterable[Dict[str, Any]]) -> "pandas.DataFrame":  # noqa: F821
    """Makes a pandas DataFrame of records (from ``extract`` or ``extract_many``), with the
    claims table's columns in order: text columns as pandas strings (so ids stay strings
    even when they look like numbers), offsets as nullable integers (``Int64``), missing
    offsets as ``<NA>``, ``confidence`` as floats. Needs pandas (``pip install whosaid[pandas]``).
    """
    try:
        import pandas as pd
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError(
            "whosaid.to_pandas needs pandas: pip install pandas (or whosaid[pandas])"
        ) from err
    names = [name for name, _ in COLUMNS]
    frame = pd.DataFrame.from_records(list(records), columns=names)
    pandas_types = {"text": "string", "offset": "Int64", "optional_offset": "Int64", "number": "float64"}
    dtypes = {name: pandas_types[kind] for name, kind in COLUMNS}
    return frame.astype(dtypes)


_INDENTED = textwrap.indent(_OPTIONS_DOC, "    ").lstrip()
extract.__doc__ = extract.__doc__.format(options=_INDENTED)
extract_many.__doc__ = extract_many.__doc__.format(options=_INDENTED)
