# Type hints for the whosaid package. The options (beliefs, tagger, ...) are those of _native.OPTIONS;
# a test checks that each is listed here.
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, TypedDict, Union

import pandas

__version__: str

ColumnType = Literal["text", "offset", "optional_offset", "number"]
COLUMNS: List[Tuple[str, ColumnType]]
OPTIONS: Dict[str, str]

class Record(TypedDict):
    """One claim: a row of `whosaid extract --format jsonl`, keys in column order."""

    article_id: str
    claim_id: str
    kind: Literal["direct", "mixed", "indirect"]
    quote: str
    start: int
    end: int
    speaker: str
    speaker_type: Literal["", "person", "organisation", "group", "document", "anonymous"]
    speaker_id: str
    title: str
    role: str
    organisation: str
    outlet: str
    cue: str
    speaker_mention: str
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    cue_start: Optional[int]
    cue_end: Optional[int]
    resolution: str
    rule: str
    confidence: float

class ArticleDict(TypedDict, total=False):
    id: Union[str, int]
    text: str
    outlet: Optional[str]
    title: Optional[str]
    url: str
    date: str

Article = Union[str, ArticleDict, Dict[str, Any]]

def extract(
    text: str,
    *,
    id: Union[str, int, None] = None,
    outlet: Optional[str] = None,
    title: Optional[str] = None,
    beliefs: bool = False,
    tagger: bool = False,
    model: Union[str, "os.PathLike[str]", None] = None,
    min_confidence: Optional[float] = None,
    rules_only: bool = False,
) -> List[Record]: ...
def extract_many(
    articles: Iterable[Article],
    *,
    threads: Optional[int] = None,
    outlet: Optional[str] = None,
    beliefs: bool = False,
    tagger: bool = False,
    model: Union[str, "os.PathLike[str]", None] = None,
    min_confidence: Optional[float] = None,
    rules_only: bool = False,
) -> Iterator[Record]: ...
def to_pandas(records: Iterable[Record]) -> pandas.DataFrame: ...
