"""Scan and assess an archive of posts with Spark: JSONL or Parquet with columns id and text in,
Parquet out with the columns of ``hegai batch`` (id, findings, level, score, categories, reasons,
error).

On a cluster (docs/BATCH.md: ship hegai as a packed environment):
    spark-submit --archives hegai-env.tar.gz#env --conf spark.pyspark.python=./env/bin/python \
        examples/spark_job.py s3a://bucket/posts/ s3a://bucket/hegai-out/
On one machine (Spark's local mode, 2 cores):
    python examples/spark_job.py --master 'local[2]' posts.jsonl out.parquet
"""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input")
    p.add_argument("output", help="a Parquet folder (Spark writes one file per partition)")
    p.add_argument("--master", help="e.g. local[2]; default: what spark-submit gives")
    p.add_argument("--task", choices=("scan", "assess", "both"), default="both")
    p.add_argument("--input-format", choices=("jsonl", "parquet"),
                   help="default: parquet when the name ends in .parquet, else jsonl")
    p.add_argument("--max-chars", type=int, default=1_000_000, help="a longer text gets an error row")
    p.add_argument("--partitions", type=int, help="repartition the input first (one task per partition)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.master and args.master.startswith("local"):
        # local mode: the Python workers must be this interpreter (the one with hegai installed)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from hegai import spark as hs

    builder = (SparkSession.builder.appName("hegai-batch").config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false"))
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    fmt = args.input_format or ("parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl")
    if fmt == "parquet":
        posts = spark.read.parquet(args.input).select(F.col("id").cast("string"), "text")
    else:
        # a fixed schema: no pass over the data to infer one; a bad line becomes a null text (an error row)
        posts = spark.read.schema("id string, text string").json(args.input)
    if args.partitions:
        posts = posts.repartition(args.partitions)
    udf = {"scan": hs.scan, "assess": hs.assess, "both": hs.analyse}[args.task]
    result = posts.select("id", udf("text", args.max_chars).alias("r")).select("id", "r.*")
    result.write.mode("overwrite").parquet(args.output)
    if "level" in result.columns:
        for row in spark.read.parquet(args.output).groupBy("level").count().orderBy("level").collect():
            print(f"{row['level']}\t{row['count']}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
