"""Cut a corpus into shards: units of about ``shard_size`` articles that a worker reads itself.

A shard is only a file name and a range (bytes of a JSONL file, rows of a Parquet file),
or a group of small article files (.txt, .json, .html), so nothing but a few numbers
crosses the network. Planning a JSONL file streams it once to count lines; nothing is
parsed. A shard's id hashes its range and the size and modification time of its files,
so a re-run recognises finished shards and a changed file gets new ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from rasd.io.readers import (
    SUFFIXES,
    expand_paths,
    read_articles,
    read_jsonl_range,
    read_parquet_rows,
)
from rasd.records import Article, ItemError

BATCH_SUFFIXES = (*SUFFIXES, ".parquet")
_SCAN_CHUNK = 1 << 23
ShardKind = Literal["jsonl", "parquet", "files"]


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: a range of one big file, or a group of small files."""

    kind: ShardKind
    paths: tuple[str, ...]
    start: int = 0  # jsonl: first byte; parquet: first row
    stop: int = 0  # jsonl: end byte; parquet: end row (exclusive)
    first_lineno: int = 1  # jsonl: number of the line at ``start``
    items: int = 0  # lines, rows or files: what the progress bar expects
    fingerprint: str = ""  # size and mtime of the files

    @property
    def shard_id(self) -> str:
        fields = asdict(self)
        del fields["items"]
        digest = hashlib.sha1(json.dumps(fields, sort_keys=True).encode()).hexdigest()
        return f"{self.kind}-{digest[:16]}"


def _fingerprint(paths: Sequence[Path]) -> str:
    stats = [(p.stat().st_size, p.stat().st_mtime_ns) for p in paths]
    return hashlib.sha1(repr(stats).encode()).hexdigest()[:16]


def _line_starts(path: Path, every: int) -> tuple[list[tuple[int, int]], int]:
    """``(byte offset, line number)`` of line 1 and of every ``every``-th line after it,
    and the number of lines."""
    starts = [(0, 1)]
    lines = offset = 0
    next_cut = every
    last = b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(_SCAN_CHUNK):
            count = chunk.count(b"\n")
            if lines + count < next_cut:
                lines += count
            else:
                pos = 0
                while (pos := chunk.find(b"\n", pos) + 1) > 0:
                    lines += 1
                    if lines == next_cut:
                        starts.append((offset + pos, lines + 1))
                        next_cut += every
            offset += len(chunk)
            last = chunk[-1:]
    return starts, lines + (last != b"\n")


def _jsonl_shards(path: Path, shard_size: int) -> list[Shard]:
    size = path.stat().st_size
    if size == 0:
        return []
    fingerprint = _fingerprint([path])
    starts, total = _line_starts(path, shard_size)
    starts = [(offset, lineno) for offset, lineno in starts if offset < size]
    ends = [*starts[1:], (size, total + 1)]
    return [
        Shard("jsonl", (str(path),), start, stop, lineno, next_lineno - lineno, fingerprint)
        for (start, lineno), (stop, next_lineno) in zip(starts, ends, strict=True)
    ]


def _parquet_shards(path: Path, shard_size: int) -> list[Shard]:
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as parquet:
        rows = parquet.metadata.num_rows
    fingerprint = _fingerprint([path])
    return [
        Shard("parquet", (str(path),), lo, hi, 1, hi - lo, fingerprint)
        for lo in range(0, rows, shard_size)
        for hi in [min(lo + shard_size, rows)]
    ]


def plan_shards(
    inputs: Sequence[str | Path], shard_size: int
) -> tuple[list[Shard], list[ItemError]]:
    """The shards of a corpus, in input order, and the inputs that do not exist."""
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    shards: list[Shard] = []
    errors: list[ItemError] = []
    small: list[Path] = []

    def flush_small() -> None:
        for lo in range(0, len(small), shard_size):
            group = small[lo : lo + shard_size]
            shards.append(
                Shard(
                    "files",
                    tuple(map(str, group)),
                    items=len(group),
                    fingerprint=_fingerprint(group),
                )
            )
        small.clear()

    for path in expand_paths(inputs, BATCH_SUFFIXES):
        if isinstance(path, ItemError):
            errors.append(path)
            continue
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".parquet"):
            flush_small()
            planner = _jsonl_shards if suffix == ".jsonl" else _parquet_shards
            shards.extend(planner(path, shard_size))
        else:
            small.append(path)
    flush_small()
    return shards, errors


def read_shard(shard: Shard) -> Iterator[Article | ItemError]:
    """The items of one shard, exactly as ``read_articles`` gives them for these inputs."""
    if shard.kind == "jsonl":
        yield from read_jsonl_range(
            shard.paths[0], shard.start, shard.stop, first_lineno=shard.first_lineno
        )
    elif shard.kind == "parquet":
        yield from read_parquet_rows(shard.paths[0], shard.start, shard.stop)
    else:
        yield from read_articles(shard.paths)
