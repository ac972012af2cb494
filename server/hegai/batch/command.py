"""The ``hegai batch`` subcommand: arguments in, one summary out."""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .rows import MAX_CHARS, TASKS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", type=Path, help="JSONL (lines {\"id\",\"text\"}) or Parquet (columns id, text)")
    p.add_argument("output", type=Path, help="JSONL or Parquet (by the name, or --out-format); "
                   "OUT.hegai-batch next to it holds the checkpoint while the run is not finished")
    p.add_argument("--task", choices=TASKS, default="both",
                   help="scan: findings; assess: level, score, categories, reasons; both (default): one scan for both")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--in-format", choices=("jsonl", "parquet"))
    p.add_argument("--out-format", choices=("jsonl", "parquet"))
    p.add_argument("--id-column", default="id", metavar="NAME", help="the id field or column (default: id)")
    p.add_argument("--text-column", default="text", metavar="NAME", help="the text field or column (default: text)")
    p.add_argument("--max-chars", type=int, default=MAX_CHARS, metavar="N",
                   help=f"a longer text gets an error row (default {MAX_CHARS:,})")
    p.add_argument("--encoding", metavar="NAME", help="the JSONL input's encoding (default: UTF-8 or GB18030 per line, "
                   "UTF-16/32 by byte-order mark)")
    p.add_argument("--chunk", type=int, default=128, metavar="N", help="records per job sent to a worker")
    p.add_argument("--checkpoint-every", type=int, default=10_000, metavar="N",
                   help="records between checkpoints (default 10,000)")
    p.add_argument("--force", action="store_true", help="start over: overwrite OUTPUT and drop its checkpoint")
    p.add_argument("--summary-json", type=Path, metavar="FILE", help="also write the summary as JSON")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="a progress bar even when stderr is not a terminal")
    bar.add_argument("--no-progress", dest="progress", action="store_false")


def run(args: argparse.Namespace) -> int:
    from .formats import BatchInputError
    from .runner import Options, run as run_batch, summary_json

    if args.workers < 1 or args.chunk < 1 or args.checkpoint_every < 1 or args.max_chars < 1:
        print("hegai batch: --workers, --chunk, --checkpoint-every and --max-chars must be at least 1",
              file=sys.stderr)
        return 2
    options = Options(task=args.task, workers=args.workers, chunk=args.chunk, checkpoint_every=args.checkpoint_every,
                      max_chars=args.max_chars, encoding=args.encoding, id_key=args.id_column,
                      text_key=args.text_column, in_format=args.in_format, out_format=args.out_format,
                      force=args.force, progress=args.progress)
    try:
        summary = run_batch(args.input, args.output, options)
    except BatchInputError as exc:
        print(f"hegai batch: {exc}", file=sys.stderr)
        return 2
    except BrokenProcessPool:
        print("hegai batch: a worker process died (out of memory?); what was done is kept: run the same "
              "command again to go on", file=sys.stderr)
        return 1
    print(summary.text(), file=sys.stderr)
    if args.summary_json:
        args.summary_json.write_text(summary_json(summary) + "\n", encoding="utf-8")
    if summary.interrupted:
        return 130
    return 1 if summary.errors else 0
