"""Hegai on Spark: pandas UDFs (Arrow batches) that scan and assess a text column and return typed
struct columns — the same rows as ``hegai batch`` and ``hegai scan/assess --jsonl``.

    from hegai import spark as hs
    posts.select("id", hs.analyse("text").alias("r")).select("id", "r.*")

Needs the ``spark`` extra (pyspark, pandas, pyarrow) on the driver and hegai with its data on every
executor (docs/BATCH.md). Nothing heavy happens at import or on the driver: each executor's Python
worker imports the detector on its first batch, and the names model and automata load lazily
there, once per worker process (Spark reuses Python workers across tasks by default).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .batch.rows import MAX_CHARS

FINDING = T.StructType([
    T.StructField("type", T.StringType()), T.StructField("start", T.IntegerType()),
    T.StructField("end", T.IntegerType()), T.StructField("text", T.StringType()),
    T.StructField("score", T.DoubleType()),
])
_SCAN_FIELDS = [T.StructField("findings", T.ArrayType(FINDING))]
_ASSESS_FIELDS = [T.StructField("level", T.StringType()), T.StructField("score", T.DoubleType()),
                  T.StructField("categories", T.ArrayType(T.StringType())),
                  T.StructField("reasons", T.ArrayType(T.StringType()))]
_ERROR = [T.StructField("error", T.StringType())]

SCAN_TYPE = T.StructType(_SCAN_FIELDS + _ERROR)
ASSESS_TYPE = T.StructType(_ASSESS_FIELDS + _ERROR)
ANALYSE_TYPE = T.StructType(_SCAN_FIELDS + _ASSESS_FIELDS + _ERROR)
TYPES = {"scan": SCAN_TYPE, "assess": ASSESS_TYPE, "both": ANALYSE_TYPE}


def rows_frame(task: str, texts: pd.Series, max_chars: int = MAX_CHARS) -> pd.DataFrame:
    """One row per text (the UDFs' body; also callable without Spark). A null or non-string cell
    or a text over ``max_chars`` gets an error row, as in ``hegai batch``."""
    from .batch.rows import checked

    names = TYPES[task].fieldNames()
    out = [checked(task, None, text if isinstance(text, str) else None, "row", max_chars) for text in texts]
    return pd.DataFrame.from_records([[row.get(name) for name in names] for row in out], columns=names,
                                     index=texts.index)


@lru_cache(maxsize=None)
def _udf(task: str, max_chars: int):
    def body(texts: pd.Series) -> pd.DataFrame:
        return rows_frame(task, texts, max_chars)

    body.__name__ = f"hegai_{task}"
    return F.pandas_udf(body, TYPES[task])


def scan(text: Column | str, max_chars: int = MAX_CHARS) -> Column:
    """struct<findings: array<struct<type, start, end, text, score>>, error>"""
    return _udf("scan", max_chars)(text)


def assess(text: Column | str, max_chars: int = MAX_CHARS) -> Column:
    """struct<level, score, categories: array<string>, reasons: array<string>, error>"""
    return _udf("assess", max_chars)(text)


def analyse(text: Column | str, max_chars: int = MAX_CHARS) -> Column:
    """Both in one struct, with one scan per text (``assess`` alone scans again)."""
    return _udf("both", max_chars)(text)
