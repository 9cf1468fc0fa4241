# The Rust extension (crates/python). Use the documented functions of `whosaid` instead.
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

__version__: str
COLUMNS: List[Tuple[str, str]]
OPTIONS: List[Tuple[str, str]]

def extract(
    text: Any,
    id: Any = None,
    outlet: Any = None,
    title: Any = None,
    options: Optional[Dict[str, Any]] = None,
) -> List[Dict[str, Any]]: ...

class Stream(Iterator[Dict[str, Any]]):
    def __init__(
        self,
        articles: Iterable[Any],
        threads: Optional[int] = None,
        outlet: Any = None,
        options: Optional[Dict[str, Any]] = None,
    ) -> None: ...
    def __iter__(self) -> "Stream": ...
    def __next__(self) -> Dict[str, Any]: ...

def main(argv: List[str]) -> int: ...
