"""Reading records from JSONL or Parquet and writing rows to JSONL or Parquet, in a way that a
run can stop anywhere and go on later: every writer can *commit* (make what it wrote durable and
say how to find that point again) and reopen at a committed point."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Iterator

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.txt")
PARQUET_SUFFIXES = (".parquet", ".pq")


class BatchInputError(Exception):
    """An input or output the run cannot use at all: one line for the user, exit status 2."""


def format_of(path: Path, given: str | None) -> str:
    if given:
        return given
    name = path.name.lower()
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    raise BatchInputError(f"{path}: cannot tell the format from the name; give --in-format/--out-format "
                          "jsonl or parquet")


def pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet  # noqa: F401  (pa.parquet)
    except ImportError:
        raise BatchInputError("Parquet needs pyarrow: pip install 'hegai[batch]'") from None
    return pa


# ---------------------------------------------------------------- input


class LineTooLong(ValueError):
    """A JSONL line past the byte limit; skipped without holding it in memory."""


def _bounded_lines(stream, limit: int) -> Iterator[bytes | str | Exception]:
    """Lines of ``stream``; a line longer than ``limit`` is read through in pieces and replaced
    by an error, so a 2 GB line never sits in memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and line[-1:] not in (b"\n", "\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest[-1:] in (b"\n", "\n"):
                    break
            yield LineTooLong(f"longer than {limit} bytes (texts are limited to a number of characters, "
                              "see --max-chars)")
            continue
        yield line


class JsonlInput:
    kind = "jsonl"

    def __init__(self, path: Path, encoding: str | None, max_line_bytes: int):
        self.path, self.encoding, self.max_line_bytes = path, encoding, max_line_bytes

    def count(self) -> int:
        """Lines in the file: one record each (an empty line is a record with an error, as in
        ``hegai scan --jsonl``). Reading bytes is far faster than scanning them."""
        lines, last = 0, b"\n"
        with open(self.path, "rb") as fh:
            while block := fh.read(1 << 22):
                lines += block.count(b"\n")
                last = block[-1:]
        return lines + (last != b"\n")

    def records(self, skip: int) -> Iterator[bytes | str | Exception]:
        """Raw lines (decoded by the worker, so a bad byte is that line's error), after ``skip``."""
        from ..encoding import bom_encoding

        with open(self.path, "rb") as raw:
            head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
            stream_encoding = self.encoding or bom_encoding(head)
            if stream_encoding and stream_encoding not in ("utf-8", "utf-8-sig"):
                # UTF-16/32 (a BOM) or a named encoding: decoded here as one stream
                stream = io.TextIOWrapper(raw, encoding=stream_encoding, errors="strict", newline=None)
            else:
                stream = raw
            for number, line in enumerate(_bounded_lines(stream, self.max_line_bytes)):
                if number >= skip:
                    yield line


class ParquetInput:
    kind = "parquet"

    def __init__(self, path: Path, id_key: str, text_key: str, chunk: int):
        pa = pyarrow()
        try:
            self._file = pa.parquet.ParquetFile(path)
        except pa.ArrowException as exc:
            raise BatchInputError(f"{path}: not a readable Parquet file ({exc})") from None
        names = self._file.schema_arrow.names
        if text_key not in names:
            raise BatchInputError(f"{path}: no column {text_key!r} (columns: {', '.join(names)}); "
                                  "name it with --text-column")
        self.id_key = id_key if id_key in names else None
        self.text_key, self.chunk = text_key, chunk
        self.id_type = self._file.schema_arrow.field(id_key).type if self.id_key else pa.string()

    def count(self) -> int:
        return self._file.metadata.num_rows

    def records(self, skip: int) -> Iterator[tuple]:
        columns = [self.text_key] + ([self.id_key] if self.id_key else [])
        seen = 0
        for batch in self._file.iter_batches(batch_size=self.chunk, columns=columns):
            if seen + batch.num_rows <= skip:
                seen += batch.num_rows
                continue
            batch = batch.slice(max(0, skip - seen))
            seen = skip
            texts = batch.column(self.text_key).to_pylist()
            ids = batch.column(self.id_key).to_pylist() if self.id_key else [None] * len(texts)
            yield from zip(ids, texts)


# ---------------------------------------------------------------- output


def _fsync(fh) -> None:
    fh.flush()
    os.fsync(fh.fileno())


class JsonlOutput:
    """Rows appended to the file; a commit is the byte offset after the last durable row."""

    def __init__(self, path: Path, committed: dict | None):
        self.path = path
        if committed is None:
            self._fh = open(path, "wb")
        else:
            size = path.stat().st_size if path.exists() else -1
            if size < committed["bytes"]:
                raise BatchInputError(f"{path}: shorter than its checkpoint says; start over with --force")
            self._fh = open(path, "r+b")
            self._fh.truncate(committed["bytes"])   # rows written after the last commit are redone
            self._fh.seek(committed["bytes"])

    def write(self, rows: list[dict]) -> None:
        self._fh.write("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows).encode("utf-8"))

    def commit(self) -> dict:
        _fsync(self._fh)
        return {"bytes": self._fh.tell()}

    def finish(self) -> None:
        _fsync(self._fh)
        self._fh.close()

    def close(self) -> None:
        self._fh.close()


def arrow_schema(task: str, id_type):
    """Parquet columns per task; the Spark UDFs return the same types (hegai.spark)."""
    pa = pyarrow()
    finding = pa.struct([("type", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
                         ("text", pa.string()), ("score", pa.float64())])
    fields = [("id", id_type)]
    if task in ("scan", "both"):
        fields.append(("findings", pa.list_(finding)))
    if task in ("assess", "both"):
        fields += [("level", pa.string()), ("score", pa.float64()), ("categories", pa.list_(pa.string())),
                   ("reasons", pa.list_(pa.string()))]
    fields.append(("error", pa.string()))
    return pa.schema(fields)


def _string_id(value):
    """JSONL ids into one Parquet string column: strings as they are, others as JSON (7 → "7")."""
    return value if value is None or isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class ParquetOutput:
    """Rows kept in memory until a commit writes them as one part file next to the output; the
    parts are joined into the output at the end. A commit is the number of parts."""

    def __init__(self, path: Path, committed: dict | None, schema, ids_as_strings: bool):
        self.path, self.schema, self._ids_as_strings = path, schema, ids_as_strings
        self.parts_dir = path.with_name(path.name + ".parts")
        if committed is None:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
        self.parts_dir.mkdir(exist_ok=True)
        self._parts = committed["parts"] if committed else 0
        for stale in self.parts_dir.iterdir():   # written after the last commit: redone
            if not stale.name.endswith(".parquet") or int(stale.stem.split("-")[1]) >= self._parts:
                stale.unlink()
        self._rows: list[dict] = []

    def write(self, rows: list[dict]) -> None:
        if self._ids_as_strings:
            rows = [dict(r, id=_string_id(r["id"])) for r in rows]
        self._rows.extend(rows)

    def _part(self, n: int) -> Path:
        return self.parts_dir / f"part-{n:06d}.parquet"

    def commit(self) -> dict:
        if self._rows:
            pa = pyarrow()
            tmp = self.parts_dir / "writing.tmp"
            pa.parquet.write_table(pa.Table.from_pylist(self._rows, schema=self.schema), tmp)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, self._part(self._parts))
            self._parts += 1
            self._rows = []
        return {"parts": self._parts}

    def finish(self) -> None:
        """Join the parts (one at a time: memory stays at one part) into the output file."""
        self.commit()
        pa = pyarrow()
        tmp = self.path.with_name(self.path.name + ".tmp")
        with pa.parquet.ParquetWriter(tmp, self.schema) as writer:
            for n in range(self._parts):
                writer.write_table(pa.parquet.read_table(self._part(n), schema=self.schema))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts_dir, ignore_errors=True)

    def close(self) -> None:
        self._rows = []
