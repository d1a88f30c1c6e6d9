"""Article → events. (Interface placeholder: the extraction issue fills this in.)"""

from __future__ import annotations

from rasd.records import Article, Event


def extract(article: Article) -> list[Event]:
    """All events of one article, news and background, with evidence."""
    return []
