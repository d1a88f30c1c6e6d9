"""Read articles from JSONL, JSON, text and HTML files or directories (EVENTS.md section 1).

Bad items never stop a batch: every problem with one article (not UTF-8, not JSON, binary,
empty, too large, a bad ``published``) becomes an :class:`ItemError` naming the item
(``path``, ``path:line`` or ``path[index]``) and the reason, and reading goes on.
JSONL is streamed line by line with a bounded line length, so memory stays constant on
files of any size; a single-article file over the byte limit is refused from its size alone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from rasd.records import Article, ItemError

MAX_TEXT_CHARS = 1_000_000
"""Longest article text accepted; a news article is a few thousand characters."""

BYTES_PER_CHAR = 8
"""Byte budget per allowed character: JSON escapes an Arabic letter as 6 bytes, HTML adds markup."""

SUFFIXES = (".jsonl", ".json", ".txt", ".html", ".htm")
_CORE_FIELDS = ("id", "text", "url", "outlet", "published")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?")
_SKIP_CHUNK = 1 << 20


class _BadItem(Exception):
    """One item cannot become an article; the message says why."""


def read_articles(
    paths: Iterable[str | Path], *, max_text_chars: int = MAX_TEXT_CHARS
) -> Iterator[Article | ItemError]:
    """Every article in ``paths`` (files or directories, recursively and sorted), in order.

    Yields an :class:`Article` for each good item and an :class:`ItemError` for each bad one.
    """
    max_bytes = BYTES_PER_CHAR * max_text_chars
    for path in expand_paths(paths):
        if isinstance(path, ItemError):
            yield path
            continue
        try:
            yield from _read_file(path, max_text_chars, max_bytes)
        except OSError as exc:
            yield ItemError(str(path), f"cannot read file: {exc.strerror or exc}")


def expand_paths(
    paths: Iterable[str | Path], suffixes: Sequence[str] = SUFFIXES
) -> Iterator[Path | ItemError]:
    """Input files in order: directories expanded recursively and sorted to the files with
    one of ``suffixes`` (hidden ones left out), a missing path an :class:`ItemError`."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                found
                for found in path.rglob("*")
                if found.suffix.lower() in suffixes
                and found.is_file()
                and not any(part.startswith(".") for part in found.relative_to(path).parts)
            )
        elif path.is_file():
            yield path
        else:
            yield ItemError(str(path), "no such file or directory")


def _read_file(path: Path, max_chars: int, max_bytes: int) -> Iterator[Article | ItemError]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_chars, max_bytes)
        return
    if suffix not in SUFFIXES:
        yield ItemError(str(path), f"unsupported file type {suffix!r}; use {', '.join(SUFFIXES)}")
        return
    size = path.stat().st_size
    if size > max_bytes:
        yield ItemError(str(path), f"file is {size} bytes, over the {max_bytes}-byte limit")
        return
    raw = path.read_bytes()
    try:
        if suffix == ".json":
            yield from _read_json(path, raw, max_chars)
        elif suffix == ".txt":
            yield _article({"id": path.stem, "text": _decode(raw)}, path.stem, max_chars)
        else:
            yield _article(_html_fields(raw, path.stem), path.stem, max_chars)
    except _BadItem as exc:
        yield ItemError(str(path), str(exc))


def _read_jsonl(
    path: Path,
    max_chars: int,
    max_bytes: int,
    start: int = 0,
    stop: int | None = None,
    first_lineno: int = 1,
) -> Iterator[Article | ItemError]:
    """The items of the lines that start in bytes ``[start, stop)`` (to the end with no
    ``stop``); ``start`` is the start of line ``first_lineno``."""
    with path.open("rb") as fh:
        fh.seek(start)
        for lineno, line in enumerate(_bounded_lines(fh, max_bytes), start=first_lineno):
            item = f"{path}:{lineno}"
            if line is None:
                yield ItemError(item, f"line is over the {max_bytes}-byte limit")
            elif line.strip():
                try:
                    yield _article(_parse_json(_decode(line)), f"{path.stem}-{lineno}", max_chars)
                except _BadItem as exc:
                    yield ItemError(item, str(exc))
            if stop is not None and fh.tell() >= stop:
                break


def _bounded_lines(fh: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Lines of ``fh``; ``None`` for a line over ``max_bytes``, which is skipped unread."""
    while line := fh.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(_SKIP_CHUNK)
            yield None
        else:
            yield line


def _read_json(path: Path, raw: bytes, max_chars: int) -> Iterator[Article | ItemError]:
    obj = _parse_json(_decode(raw))
    if not isinstance(obj, list):
        yield _article(obj, path.stem, max_chars)
        return
    for index, entry in enumerate(obj):
        try:
            yield _article(entry, f"{path.stem}-{index}", max_chars)
        except _BadItem as exc:
            yield ItemError(f"{path}[{index}]", str(exc))


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise _BadItem("binary content (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _BadItem(f"not UTF-8 (invalid byte at offset {exc.start})") from None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _BadItem(
            f"not valid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})"
        ) from None


def _html_fields(raw: bytes, default_id: str) -> dict[str, Any]:
    """Main text (title first), url, site name and publication date of an HTML page."""
    if b"\x00" in raw:
        raise _BadItem("binary content (NUL bytes), not HTML")
    import trafilatura  # slow to import: only when a page is met

    page = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,  # menus and footers out, even when no article is found
        fast=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if page is not None and not isinstance(page, dict):
        page = page.as_dict()
    fields: dict[str, Any] = page or {}
    text = fields.get("text") or ""
    if not text.strip():
        raise _BadItem("no article text found in the HTML page")
    title = (fields.get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    date = fields.get("date")
    return {
        "id": default_id,
        "text": text,
        "url": fields.get("url"),
        "outlet": fields.get("sitename"),
        "published": date if isinstance(date, str) and _DATE.fullmatch(date) else None,
    }


def _article(obj: Any, default_id: str, max_chars: int) -> Article:
    """Validate one article object (EVENTS.md section 1); extra keys are kept in ``meta``."""
    if not isinstance(obj, Mapping):
        raise _BadItem(f"expected a JSON object, got {type(obj).__name__}")
    raw_id = obj.get("id")
    if raw_id is not None and not isinstance(raw_id, str | int):
        raise _BadItem(f"'id' must be a string, got {type(raw_id).__name__}")
    article_id = str(raw_id) if raw_id not in (None, "") else default_id
    text = obj.get("text")
    if not isinstance(text, str):
        problem = "missing" if text is None else f"a {type(text).__name__}, not a string"
        raise _BadItem(f"article {article_id!r}: 'text' is {problem}")
    if not text.strip():
        raise _BadItem(f"article {article_id!r}: empty text")
    if "\x00" in text:
        raise _BadItem(f"article {article_id!r}: binary content (NUL characters) in text")
    if len(text) > max_chars:
        raise _BadItem(
            f"article {article_id!r}: text is {len(text)} characters, over the {max_chars} limit"
        )
    return Article(
        id=article_id,
        text=text,
        url=_optional_str(obj, "url", article_id),
        outlet=_optional_str(obj, "outlet", article_id),
        published=_published(obj.get("published"), article_id),
        meta={key: value for key, value in obj.items() if key not in _CORE_FIELDS},
    )


def _optional_str(obj: Mapping[str, Any], key: str, article_id: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise _BadItem(f"article {article_id!r}: {key!r} must be a string or null")


def _published(value: Any, article_id: str) -> dt.date | None:
    """``YYYY-MM-DD`` (a timestamp after it is tolerated) or null."""
    if value is None or value == "":
        return None
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            pass
    raise _BadItem(f"article {article_id!r}: published {value!r} is not a YYYY-MM-DD date")


def read_jsonl_range(
    path: str | Path,
    start: int,
    stop: int,
    *,
    first_lineno: int = 1,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> Iterator[Article | ItemError]:
    """The items of the JSONL lines that start in bytes ``[start, stop)`` of ``path``.

    ``start`` must be the start of line ``first_lineno``; items are exactly those
    :func:`read_articles` gives for these lines. For ``rasd batch`` workers, each of which
    reads one shard of a large file.
    """
    if start < stop:
        max_bytes = BYTES_PER_CHAR * max_text_chars
        yield from _read_jsonl(Path(path), max_text_chars, max_bytes, start, stop, first_lineno)


def read_parquet_rows(
    path: str | Path, start: int, stop: int, *, max_text_chars: int = MAX_TEXT_CHARS
) -> Iterator[Article | ItemError]:
    """The articles in rows ``[start, stop)`` of a Parquet file with the JSONL columns.

    A row is an article object as in JSONL (``published`` may be a date column); a bad row
    is an :class:`ItemError` named ``path[row]``, as for a JSON list. Rows are streamed in
    batches, and row groups before ``start`` are skipped unread.
    """
    import pyarrow.parquet as pq  # only batch runs on Parquet need it

    path = Path(path)
    with pq.ParquetFile(path) as parquet:
        meta = parquet.metadata
        first_row = 0
        for group in range(meta.num_row_groups):
            rows = meta.row_group(group).num_rows
            lo, hi = max(start, first_row), min(stop, first_row + rows)
            if lo < hi:
                index = first_row
                for batch in parquet.iter_batches(batch_size=1024, row_groups=[group]):
                    if index >= hi:
                        break
                    if index + batch.num_rows > lo:
                        for offset, obj in enumerate(batch.to_pylist()):
                            if lo <= index + offset < hi:
                                yield _parquet_item(obj, path, index + offset, max_text_chars)
                    index += batch.num_rows
            first_row += rows


def _parquet_item(
    obj: dict[str, Any], path: Path, index: int, max_chars: int
) -> Article | ItemError:
    if isinstance(obj.get("published"), dt.date):
        obj["published"] = obj["published"].isoformat()
    try:
        return _article(obj, f"{path.stem}-{index}", max_chars)
    except _BadItem as exc:
        return ItemError(f"{path}[{index}]", str(exc))
