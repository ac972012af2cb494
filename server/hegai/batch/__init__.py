"""Scanning and assessing archives of posts: ``hegai batch`` on every core of one machine
(:mod:`hegai.batch.runner`), and the rows it shares with the Spark UDFs (:mod:`hegai.spark`)
and ``hegai scan/assess --jsonl`` (:mod:`hegai.batch.rows`)."""

from .formats import BatchInputError
from .runner import Options, Summary, run

__all__ = ["run", "Options", "Summary", "BatchInputError"]
