from typing import Any, Optional

from pyspark.sql import DataFrame
from pyspark.sql.types import StructType

def schema() -> StructType: ...
def claims(
    df: DataFrame,
    id_col: str = "id",
    text_col: str = "text",
    *,
    outlet_col: Optional[str] = "outlet",
    title_col: Optional[str] = "title",
    outlet: Optional[str] = None,
    threads: Optional[int] = 1,
    beliefs: bool = False,
    **options: Any,
) -> DataFrame: ...
