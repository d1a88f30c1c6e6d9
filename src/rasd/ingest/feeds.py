"""Articles from RSS/Atom feeds: each entry's linked page, its main text and its date.

A feed entry carries a headline and a teaser at best; the article is the page it links to.
Each page is fetched with httpx, its main text (boilerplate, menus and footers dropped)
and publication date are extracted with trafilatura; the entry's own date is the fallback.
A feed or page that cannot be fetched or read is an :class:`ItemError`, and the other
entries go on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from rasd import __version__
from rasd.records import Article, ItemError

FEED_SUFFIXES = (".rss", ".atom", ".xml")
MAX_DOWNLOAD_BYTES = 8 * 1024 * 1024
"""A feed or news page is well under this; anything bigger is not what we want."""
TIMEOUT_S = 20.0
USER_AGENT = f"rasd/{__version__} (news monitoring)"


class _Unreadable(Exception):
    """A feed or page cannot be fetched or has no usable content; the message says why."""


def make_client() -> httpx.Client:
    """The HTTP client used for feeds and pages (redirects followed, bounded timeouts)."""
    return httpx.Client(
        follow_redirects=True, timeout=TIMEOUT_S, headers={"User-Agent": USER_AGENT}
    )


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def is_feed_file(path: Path) -> bool:
    """True for ``.rss``/``.atom`` files and ``.xml`` files holding a feed."""
    suffix = path.suffix.lower()
    if suffix not in FEED_SUFFIXES or not path.is_file():
        return False
    if suffix != ".xml":
        return True
    with path.open("rb") as fh:
        head = fh.read(2048).lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(
    source: str,
    *,
    client: httpx.Client,
    skip_url: Callable[[str], bool] | None = None,
) -> Iterator[Article | ItemError]:
    """The articles behind the entries of the feed at ``source`` (a URL or a file path).

    ``skip_url`` says which pages not to fetch (those already stored).
    """
    try:
        data = _download(client, source) if is_url(source) else Path(source).read_bytes()
    except (OSError, _Unreadable) as exc:
        yield ItemError(source, f"cannot read feed: {exc}")
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception") or "no entries"
        yield ItemError(source, f"not an RSS/Atom feed with entries: {problem}")
        return
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        link = entry.get("link")
        if not link:
            yield ItemError(f"{source}#{index}", "feed entry has no link")
            continue
        url = urljoin(source, link) if is_url(source) else link
        if not is_url(url):
            yield ItemError(f"{source}#{index}", f"feed entry link {link!r} is not an http(s) URL")
            continue
        if skip_url is not None and skip_url(url):
            continue
        try:
            yield page_article(url, _download(client, url), entry, feed_title, source)
        except _Unreadable as exc:
            yield ItemError(url, str(exc))


def page_article(
    url: str,
    html: bytes,
    entry: Mapping[str, Any],
    feed_title: str | None,
    feed: str,
) -> Article:
    """The article of one fetched page: main text (title first), date, outlet."""
    import trafilatura  # slow to import: only when a page is met

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text or "").strip() if doc is not None and not isinstance(doc, dict) else ""
    if doc is None or isinstance(doc, dict) or not text:
        raise _Unreadable("no article text found on the page")
    title = (doc.title or entry.get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    return Article(
        id=article_id(url),
        text=text,
        url=url,
        outlet=doc.sitename or feed_title,
        published=_page_date(doc.date) or _entry_date(entry),
        meta={"feed": feed, "feed_entry_title": entry.get("title")},
    )


def article_id(url: str) -> str:
    """A stable id for the article at ``url``: its host and a hash of the URL."""
    host = urlsplit(url).hostname or "web"
    return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


def _download(client: httpx.Client, url: str) -> bytes:
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise _Unreadable(f"HTTP {response.status_code} from {url}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_DOWNLOAD_BYTES:
                    raise _Unreadable(f"{url} is over {MAX_DOWNLOAD_BYTES} bytes")
            return bytes(body)
    except httpx.HTTPError as exc:
        raise _Unreadable(f"cannot fetch {url}: {exc}") from exc


def _page_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
