"""Every article behind a list of sources: files, directories, feeds, Telegram exports.

A source is a feed URL (``http(s)://``), a feed file (``.rss``, ``.atom``, an ``.xml``
feed), a Telegram Desktop export (``result.json``), an article file (``.jsonl``,
``.json``, ``.txt``, ``.html``: rasd.io.readers) or a directory holding any of these
(recursively, hidden files skipped, in sorted order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx

from rasd.ingest import feeds, telegram
from rasd.io.readers import SUFFIXES as ARTICLE_SUFFIXES
from rasd.io.readers import read_articles
from rasd.records import Article, ItemError

Item = Article | ItemError


class SourceReader:
    """Reads sources one after another; the HTTP client is made on the first feed met."""

    def __init__(
        self,
        *,
        client: httpx.Client | None = None,
        skip_url: Callable[[str], bool] | None = None,
    ) -> None:
        self._client = client
        self._own_client = client is None
        self._skip_url = skip_url

    def __enter__(self) -> SourceReader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own_client and self._client is not None:
            self._client.close()

    def read(self, sources: Iterable[str | Path]) -> Iterator[tuple[str, Item]]:
        """``(source, article or error)`` for every item of every source, in order."""
        for source in sources:
            name = str(source)
            for item in self._read_one(name):
                yield name, item

    def _read_one(self, source: str) -> Iterator[Item]:
        if feeds.is_url(source):
            yield from self._feed(source)
            return
        path = Path(source)
        if path.is_dir():
            for found in _files_under(path):
                yield from self._file(found)
        elif path.is_file():
            yield from self._file(path)
        else:
            yield ItemError(source, "no such file or directory")

    def _file(self, path: Path) -> Iterator[Item]:
        if telegram.is_export(path):
            yield from telegram.read_export(path)
        elif feeds.is_feed_file(path):
            yield from self._feed(str(path))
        else:
            yield from read_articles([path])

    def _feed(self, source: str) -> Iterator[Item]:
        if self._client is None:
            self._client = feeds.make_client()
        yield from feeds.read_feed(source, client=self._client, skip_url=self._skip_url)


def _files_under(directory: Path) -> list[Path]:
    wanted = {*ARTICLE_SUFFIXES, *feeds.FEED_SUFFIXES}
    return sorted(
        found
        for found in directory.rglob("*")
        if found.suffix.lower() in wanted
        and found.is_file()
        and not any(part.startswith(".") for part in found.relative_to(directory).parts)
    )
