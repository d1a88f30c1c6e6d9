"""Persistent store of articles, events, incidents and the review trail (SQLite or PostgreSQL)."""

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
    UnknownRecordError,
    database_url,
)

__all__ = [
    "DEFAULT_URL",
    "REVIEWABLE_FIELDS",
    "EventIdClashError",
    "NotReviewableError",
    "RecordFilter",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreOpenError",
    "StoredArticle",
    "UnknownRecordError",
    "database_url",
]
