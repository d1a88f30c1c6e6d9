"""Persistent store of articles, events, incidents and the review trail (SQLite or PostgreSQL)."""

from rasd.store.query import RecordQuery
from rasd.store.store import (
    DEFAULT_URL,
    REVIEWABLE_FIELDS,
    EventIdClashError,
    NotReviewableError,
    RecordFilter,
    Store,
    StoreBusyError,
    StoredArticle,
    StoreError,
    StoreOpenError,
    TokenError,
    UnknownRecordError,
    database_url,
)

__all__ = [
    "DEFAULT_URL",
    "REVIEWABLE_FIELDS",
    "EventIdClashError",
    "NotReviewableError",
    "RecordFilter",
    "RecordQuery",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreOpenError",
    "StoredArticle",
    "TokenError",
    "UnknownRecordError",
    "database_url",
]
