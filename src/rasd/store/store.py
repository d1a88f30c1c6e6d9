"""The store: articles, events, incidents and the review trail, in SQLite or PostgreSQL.

``Store.open(url)`` connects and applies the Alembic migrations shipped in the package.
Every write is one transaction; the writes for one article (the article, its LSH bands,
its events) are one transaction, so nothing is ever half-written.

Concurrency. SQLite runs in WAL mode (readers never block the writer) with a busy
timeout, and every write transaction starts with ``BEGIN IMMEDIATE``: it takes the write
lock before it reads, so the duplicate check and the insert that follows it see the same
database, and two processes ingesting the same files leave the rows of one. PostgreSQL
gets the same guarantee from a transaction-scoped advisory lock. A write that still
meets ``database is locked`` or a unique-key race is retried.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from rasd.errors import RasdError
from rasd.ingest.dedup import Fingerprint, fingerprint, is_near_duplicate
from rasd.records import Article, Event, Evidence, Incident, ItemError, Location
from rasd.store import query as q
from rasd.store import tokens
from rasd.store.models import (
    ApiTokenRow,
    ArticleBand,
    ArticleRow,
    CodedFields,
    EventRow,
    IncidentMember,
    IncidentRow,
    IngestErrorRow,
    ReviewRow,
    actors_key,
)

DEFAULT_URL = "sqlite:///rasd.db"
ArticleStatus = Literal["new", "duplicate", "near_duplicate"]
RecordKind = q.RecordKind
Verdict = Literal["confirmed", "rejected"]

_MIGRATIONS = Path(__file__).with_name("migrations")
_PG_WRITE_LOCK = 0x72617364  # "rasd": the advisory lock that serialises writers
_BUSY_TIMEOUT_S = 30
_RETRIES = 5
_CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits

_LOCATION_COLUMNS = {
    "name_en": "location_name_en",
    "name_ar": "location_name_ar",
    "admin1": "admin1",
    "admin2": "admin2",
    "lat": "lat",
    "lon": "lon",
    "geo_precision": "geo_precision",
    "gazetteer_id": "gazetteer_id",
}
_SCALAR_FIELDS = (
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor1_certainty",
    "actor2",
    "fatalities",
    "fatalities_max",
    "injured",
    "claimed_by",
    "background",
    "confidence",
)
_LIST_FIELDS = ("assoc_actor1", "assoc_actor2", "reported_by")
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "fatalities": (int, type(None)),
    "fatalities_max": (int, type(None)),
    "injured": (int, type(None)),
    "background": (bool,),
    "confidence": (int, float),
    "event_type": (str,),
    "sub_event_type": (str,),
    "notes": (str,),
}
REVIEWABLE_FIELDS = frozenset({"event_date", "location", "notes", *_SCALAR_FIELDS, *_LIST_FIELDS})
"""Fields a reviewer can set; a set field is never overwritten by re-extraction."""
STATUS_FIELD = "review_status"
"""In ``reviewed_fields``: a reviewer confirmed or rejected the record (models docstring)."""
MEMBERS_FIELD = "event_ids"
"""In an incident's ``reviewed_fields``: re-linking keeps its members as they are."""

T = TypeVar("T")


class StoreError(RasdError):
    """Base of the store's errors."""


class StoreOpenError(StoreError):
    """The database URL is not supported or the database cannot be opened."""


class StoreBusyError(StoreError):
    """The database stayed locked by another writer through every retry."""


class EventIdClashError(StoreError):
    """An event id produced for one article is already stored for another article."""


class UnknownRecordError(StoreError):
    """No article, event or incident has the given id."""


class TokenError(StoreError):
    """A token name is unusable or already taken."""


class NotReviewableError(StoreError):
    """The field cannot be set by a reviewer, or the value does not fit it."""


class RecordFilter(Protocol):
    """What ``iter_records`` accepts (rasd.io.exports.ExportFilter)."""

    def matches(self, record: Mapping[str, Any]) -> bool: ...


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """The outcome of storing one article."""

    row_id: int
    status: ArticleStatus
    duplicate_of: int | None = None
    events: int = 0


def database_url(url: str | None) -> str:
    """A SQLAlchemy URL from ``--db``: None → ``sqlite:///rasd.db``, a bare path → SQLite,
    ``postgresql://`` / ``postgres://`` → the psycopg 3 driver."""
    if not url:
        return DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        return url
    raise StoreOpenError(f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://")


class Store:
    """Articles, events and incidents in one database (see the module docstring)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self._reader = engine.execution_options(rasd_read_only=True)

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect to ``url`` (see :func:`database_url`) and bring its schema up to date."""
        resolved = database_url(url)
        try:
            engine = _create_engine(resolved)
            store = cls(engine)
            store._write_connection(store._migrate)
        except (ArgumentError, OperationalError, ImportError, ValueError) as exc:
            raise StoreOpenError(f"cannot open database {_shown(resolved)}: {exc}") from exc
        return store

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- articles -------------------------------------------------------------------

    def add_article(self, article: Article, *, source: str = "") -> tuple[int, ArticleStatus]:
        """Store ``article`` unless it is an exact copy; return its row id and status.

        ``duplicate``: the normalised text is already stored (the row id is the stored
        copy's, nothing is written). ``near_duplicate``: stored, linked to the first copy.
        """
        stored = self.add_extracted(article, None, source=source)
        return stored.row_id, stored.status

    def add_extracted(
        self,
        article: Article,
        extract: Callable[[Article], Sequence[Event]] | None,
        *,
        source: str = "",
    ) -> StoredArticle:
        """Store ``article`` and, when it is new, the events ``extract`` finds, in one
        transaction. Copies (exact or near) are not extracted."""
        fprint = fingerprint(article.text)
        events: Sequence[Event] = ()
        if extract is not None:
            status, _ = self._read(lambda s: _classify(s, fprint))
            if status == "new":
                events = extract(article)  # outside the write lock: extraction takes time

        def write(session: Session) -> StoredArticle:
            status, first = _classify(session, fprint)
            if status == "duplicate":
                assert first is not None
                return StoredArticle(first, "duplicate")
            row_id = session.execute(
                insert(ArticleRow)
                .values(_article_values(article, fprint, status, first, source))
                .returning(ArticleRow.id)
            ).scalar_one()
            if fprint.band_keys:
                session.execute(
                    insert(ArticleBand),
                    [{"article_id": row_id, "band": b, "key": k} for b, k in fprint.band_keys],
                )
            written = 0
            if status == "new":
                written = _write_events(session, row_id, article.id, events, fresh=True)
            return StoredArticle(row_id, status, first, written)

        return self._write(write)

    def add_events(self, article_id: int, events: Sequence[Event]) -> int:
        """Replace the events of stored article ``article_id`` (its row id) with ``events``.

        Reviewed fields keep their reviewed values, and an event with reviewed fields is
        kept even when ``events`` no longer holds it. Returns the number written.
        """

        def write(session: Session) -> int:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise UnknownRecordError(f"no article with row id {article_id}")
            return _write_events(session, row.id, row.key, events, fresh=False)

        return self._write(write)

    def has_url(self, url: str) -> bool:
        """True when an article from ``url`` is stored (feeds skip pages already fetched)."""
        return self._read(
            lambda s: (
                s.scalar(select(ArticleRow.id).where(ArticleRow.url == url).limit(1)) is not None
            )
        )

    def get_article(self, row_id: int) -> dict[str, Any]:
        """One stored article as a dict (``id`` is the row id, ``key`` the input id)."""

        def read(session: Session) -> dict[str, Any]:
            row = session.get(ArticleRow, row_id)
            if row is None:
                raise UnknownRecordError(f"no article with row id {row_id}")
            return {
                "id": row.id,
                "key": row.key,
                "text": row.text,
                "url": row.url,
                "outlet": row.outlet,
                "published": row.published.isoformat() if row.published else None,
                "status": row.status,
                "duplicate_of": row.duplicate_of,
                "source": row.source,
                "meta": row.meta,
                "ingested_at": _utc(row.ingested_at).isoformat(),
            }

        return self._read(read)

    # --- events ---------------------------------------------------------------------

    def load_events(
        self,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        article_ids: Collection[int] = (),
        event_ids: Collection[str] = (),
    ) -> list[Event]:
        """Events dated in ``[date_from, date_to]``, or of the given article rows, or with
        the given ids; every event when no criterion is given."""
        query = select(EventRow).order_by(EventRow.event_date, EventRow.event_id)
        clauses: list[Any] = []
        if date_from is not None or date_to is not None:
            clauses.append(
                EventRow.event_date.between(date_from or dt.date.min, date_to or dt.date.max)
            )
        clauses.extend(EventRow.article_id.in_(chunk) for chunk in _chunks(sorted(article_ids)))
        clauses.extend(EventRow.event_id.in_(chunk) for chunk in _chunks(sorted(event_ids)))
        if clauses:
            query = query.where(or_(*clauses))
        return self._read(lambda s: [_event_of(row) for row in s.scalars(query)])

    # --- incidents ------------------------------------------------------------------

    def replace_incidents(self, incidents: Sequence[Incident], *, scope: Iterable[str] = ()) -> int:
        """Put ``incidents`` in place of every stored incident that shares an event with
        them or with ``scope`` (the event ids that were linked).

        An incident that keeps its id keeps its reviewed fields. An incident whose members
        a reviewer fixed (merged, split, confirmed or rejected) is kept as it is: the new
        incidents lose its events, and one left with none is not stored. Returns the
        number stored.
        """
        records = [incident.to_dict() for incident in incidents]
        members = {event_id for record in records for event_id in record["event_ids"]}
        linked = members | set(scope)

        def write(session: Session) -> int:
            known: set[str] = set()
            for chunk in _chunks(sorted(members)):
                known.update(
                    session.scalars(select(EventRow.event_id).where(EventRow.event_id.in_(chunk)))
                )
            if members - known:
                missing = sorted(members - known)[:3]
                raise UnknownRecordError(f"incidents name events that are not stored: {missing}")
            stale: set[str] = set()
            for chunk in _chunks(sorted(linked)):
                stale.update(
                    session.scalars(
                        select(IncidentMember.incident_id).where(IncidentMember.event_id.in_(chunk))
                    )
                )
            reviewed = {}
            pinned: set[str] = set()
            for chunk in _chunks(sorted(stale)):
                for old in session.scalars(
                    select(IncidentRow).where(IncidentRow.incident_id.in_(chunk))
                ):
                    if MEMBERS_FIELD in old.reviewed_fields:
                        pinned.add(old.incident_id)
                    elif old.reviewed_fields:
                        reviewed[old.incident_id] = old
            taken: set[str] = set()
            for chunk in _chunks(sorted(pinned)):
                taken.update(
                    session.scalars(
                        select(IncidentMember.event_id).where(IncidentMember.incident_id.in_(chunk))
                    )
                )
            for chunk in _chunks(sorted(stale - pinned)):
                session.execute(delete(IncidentMember).where(IncidentMember.incident_id.in_(chunk)))
                session.execute(delete(IncidentRow).where(IncidentRow.incident_id.in_(chunk)))
            # incidents whose events were all deleted by a re-extraction
            linked_ids = select(IncidentMember.incident_id).distinct()
            session.execute(delete(IncidentRow).where(IncidentRow.incident_id.not_in(linked_ids)))
            now = _now()
            stored = 0
            for linked_record in records:
                record = _without_events(session, linked_record, taken)
                if record is None:
                    continue
                stored += 1
                row = IncidentRow(
                    incident_id=record["incident_id"],
                    event_ids=list(record.get("event_ids") or ()),
                    article_ids=list(record.get("article_ids") or ()),
                    provenance=dict(record.get("provenance") or {}),
                    reviewed_fields=[],
                    updated_at=now,
                    **_coded_values(record),
                )
                previous = reviewed.get(row.incident_id)
                if previous is not None:
                    _keep_reviewed(row, previous)
                session.add(row)
                session.flush()
                session.add_all(
                    IncidentMember(incident_id=row.incident_id, event_id=event_id)
                    for event_id in dict.fromkeys(row.event_ids)
                )
            return stored

        return self._write(write)

    def linked_event_ids(self, event_ids: Collection[str]) -> set[str]:
        """The ids of every event that shares a stored incident with one of ``event_ids``."""

        def read(session: Session) -> set[str]:
            incidents: set[str] = set()
            for chunk in _chunks(sorted(event_ids)):
                incidents.update(
                    session.scalars(
                        select(IncidentMember.incident_id).where(IncidentMember.event_id.in_(chunk))
                    )
                )
            linked: set[str] = set()
            for chunk in _chunks(sorted(incidents)):
                linked.update(
                    session.scalars(
                        select(IncidentMember.event_id).where(IncidentMember.incident_id.in_(chunk))
                    )
                )
            return linked

        return self._read(read)

    # --- exports --------------------------------------------------------------------

    def iter_records(
        self, kind: RecordKind, filter: RecordFilter | None = None
    ) -> Iterator[dict[str, Any]]:
        """Stored events or incidents as their ``to_dict()`` records, by date, that
        ``filter`` matches, streamed in chunks (exports).

        A record a reviewer touched also says so: ``reviewed_fields`` and ``review_status``.
        """
        model = q.model_of(kind)
        query = select(model).order_by(model.event_date, q.id_column(kind))
        query = _date_window(query, model, filter)
        with Session(self._reader) as session:
            for row in session.scalars(query.execution_options(yield_per=_CHUNK)):
                record = _with_review(_record_of(row).to_dict(), row)
                if filter is None or filter.matches(record):
                    yield record

    # --- human review ---------------------------------------------------------------

    def record_review(
        self,
        *,
        who: str,
        action: str,
        target: str,
        field: str | None = None,
        before: Any = None,
        after: Any = None,
    ) -> int:
        """Append one line to the audit trail (e.g. ``action="confirm"``) and return its id."""

        def write(session: Session) -> int:
            return _add_review(session, who, action, target, field, before, after)

        return self._write(write)

    def set_reviewed_field(
        self, kind: RecordKind, record_id: str, field: str, value: Any, *, who: str
    ) -> None:
        """Set ``field`` of an event or incident to ``value`` as a reviewer, mark it
        reviewed (re-extraction and re-linking keep it) and audit the change."""
        self.set_reviewed_fields(kind, record_id, {field: value}, who=who)

    def set_reviewed_fields(
        self, kind: RecordKind, record_id: str, values: Mapping[str, Any], *, who: str
    ) -> None:
        """:meth:`set_reviewed_field` for several fields in one transaction: all or none
        are set, each with its own line in the audit trail."""
        for field in values:
            if field not in REVIEWABLE_FIELDS or (kind == "incident" and field == "notes"):
                raise NotReviewableError(f"{field!r} is not a field a reviewer can set on a {kind}")

        def write(session: Session) -> None:
            row = _reviewed_row(session, kind, record_id)
            for field, value in values.items():
                before = _field_value(row, field)
                _set_field(row, field, value)
                row.reviewed_fields = sorted({*row.reviewed_fields, field})
                after = _field_value(row, field)
                _add_review(session, who, "set", f"{kind}:{record_id}", field, before, after)
            row.updated_at = _now()

        self._write(write)

    def judge(self, kind: RecordKind, record_id: str, verdict: Verdict, *, who: str) -> None:
        """Confirm or reject an event or incident as a reviewer, and audit it.

        Confirming marks every field reviewed, so re-extraction and re-linking keep the
        record as confirmed. Either verdict fixes an incident's members (see
        :meth:`replace_incidents`) and survives re-linking; a rejected record is left
        out of the dashboard queries unless asked for.
        """
        if verdict not in ("confirmed", "rejected"):
            raise NotReviewableError(f"unknown verdict {verdict!r}")
        fixed = {STATUS_FIELD} | ({MEMBERS_FIELD} if kind == "incident" else set())
        if verdict == "confirmed":
            fixed |= REVIEWABLE_FIELDS - ({"notes"} if kind == "incident" else set())

        def write(session: Session) -> None:
            row = _reviewed_row(session, kind, record_id)
            before = {"review_status": row.review_status, "reviewed_fields": row.reviewed_fields}
            row.review_status = verdict
            row.reviewed_fields = sorted({*row.reviewed_fields, *fixed})
            row.updated_at = _now()
            after = {"review_status": row.review_status, "reviewed_fields": row.reviewed_fields}
            action = "confirm" if verdict == "confirmed" else "reject"
            _add_review(session, who, action, f"{kind}:{record_id}", None, before, after)

        self._write(write)

    def regroup_incidents(
        self,
        replaced: Sequence[str],
        incidents: Sequence[Incident],
        *,
        who: str,
        action: Literal["merge", "split"],
    ) -> None:
        """Replace the incidents ``replaced`` by ``incidents``, which must hold exactly
        their events, as a reviewer's merge or split; audit one line per new incident
        (before: the replaced incidents, after: the new one).

        The new incidents' members are fixed (re-linking keeps them). A merge keeps the
        reviewed values of the merged incidents (the first one's when two set a field);
        a split does not, since a value checked for the whole may not hold for a part.
        """
        if not replaced or not incidents:
            raise NotReviewableError(f"a {action} needs incidents to replace and to store")

        def write(session: Session) -> None:
            old_rows = [_incident_row(session, i) for i in dict.fromkeys(replaced)]
            old_ids = [row.incident_id for row in old_rows]
            members = sorted(
                session.scalars(
                    select(IncidentMember.event_id).where(IncidentMember.incident_id.in_(old_ids))
                )
            )
            regrouped = sorted(e for incident in incidents for e in incident.event_ids)
            if members != regrouped:
                raise NotReviewableError(
                    f"a {action} must regroup exactly the events of {', '.join(old_ids)}"
                )
            before = {row.incident_id: _snapshot(row) for row in old_rows}
            session.execute(delete(IncidentMember).where(IncidentMember.incident_id.in_(old_ids)))
            session.execute(delete(IncidentRow).where(IncidentRow.incident_id.in_(old_ids)))
            session.flush()
            now = _now()
            for incident in incidents:
                record = incident.to_dict()
                row = IncidentRow(
                    incident_id=incident.incident_id,
                    event_ids=list(incident.event_ids),
                    article_ids=list(incident.article_ids),
                    provenance=dict(incident.provenance),
                    reviewed_fields=[MEMBERS_FIELD],
                    review_status=None,
                    updated_at=now,
                    **_coded_values(record),
                )
                if action == "merge":
                    _carry_reviewed(row, old_rows)
                session.add(row)
                session.flush()
                session.add_all(
                    IncidentMember(incident_id=row.incident_id, event_id=event_id)
                    for event_id in dict.fromkeys(row.event_ids)
                )
                target = f"incident:{row.incident_id}"
                _add_review(session, who, action, target, None, before, _snapshot(row))

        self._write(write)

    def iter_reviews(self, target: str | None = None) -> Iterator[dict[str, Any]]:
        """The audit trail, oldest first, optionally for one target (``event:<id>``...)."""
        query = select(ReviewRow).order_by(ReviewRow.id)
        if target is not None:
            query = query.where(ReviewRow.target == target)
        rows = self._read(lambda s: list(s.scalars(query)))
        for row in rows:
            yield _review_of(row)

    def reviews(
        self, targets: Collection[str] = (), *, limit: int, offset: int = 0, newest_first: bool
    ) -> tuple[int, list[dict[str, Any]]]:
        """One page of the audit trail (of ``targets`` only, when given) and its length."""
        where = [ReviewRow.target.in_(sorted(targets))] if targets else []
        order = ReviewRow.id.desc() if newest_first else ReviewRow.id.asc()

        def read(session: Session) -> tuple[int, list[dict[str, Any]]]:
            total = session.scalar(select(func.count()).select_from(ReviewRow).where(*where))
            rows = session.scalars(
                select(ReviewRow).where(*where).order_by(order).limit(limit).offset(offset)
            )
            return total or 0, [_review_of(row) for row in rows]

        return self._read(read)

    # --- dashboard queries (rasd.store.query) ---------------------------------------

    def query_page(
        self,
        kind: RecordKind,
        query: q.RecordQuery,
        *,
        limit: int,
        offset: int = 0,
        order: q.Order = "-date",
    ) -> tuple[int, list[dict[str, Any]]]:
        """The number of records that match ``query`` and one page of them (API records:
        with ``reviewed_fields``, ``review_status`` and, for events, ``article_row``)."""

        def read(session: Session) -> tuple[int, list[dict[str, Any]]]:
            total, rows = q.page(session, kind, query, limit=limit, offset=offset, order=order)
            return total, [_api_record(row) for row in rows]

        return self._read(read)

    def query_stats(
        self, kind: RecordKind, query: q.RecordQuery, *, by: q.Bucket, stack: q.Stack | None
    ) -> list[dict[str, Any]]:
        """Counts and fatalities per bucket (see :func:`rasd.store.query.stats`)."""
        return self._read(lambda s: q.stats(s, kind, query, by, stack))

    def query_clusters(
        self, kind: RecordKind, query: q.RecordQuery, *, cell: float, limit: int
    ) -> list[dict[str, Any]]:
        """Records gathered on a grid (see :func:`rasd.store.query.clusters`)."""
        return self._read(lambda s: q.clusters(s, kind, query, cell, limit))

    def query_facets(self, kind: RecordKind, query: q.RecordQuery) -> dict[str, Any]:
        """Filter values present and the date range (see :func:`rasd.store.query.facets`)."""
        return self._read(lambda s: q.facets(s, kind, query))

    def get_record(self, kind: RecordKind, record_id: str) -> dict[str, Any]:
        """One event or incident as an API record; an event also names its
        ``incident_id`` (null before linking)."""

        def read(session: Session) -> dict[str, Any]:
            row = _reviewed_row(session, kind, record_id)
            record = _api_record(row)
            if kind == "event":
                record["incident_id"] = q.incident_ids_of_events(session, [record_id]).get(
                    record_id
                )
            return record

        return self._read(read)

    def incident_events(self, incident_id: str) -> list[dict[str, Any]]:
        """The member events of an incident as API records, oldest article first."""

        def read(session: Session) -> list[dict[str, Any]]:
            _incident_row(session, incident_id)
            rows = session.scalars(
                select(EventRow)
                .join(IncidentMember, IncidentMember.event_id == EventRow.event_id)
                .where(IncidentMember.incident_id == incident_id)
                .order_by(EventRow.article_id, EventRow.event_id)
            )
            return [{**_api_record(row), "incident_id": incident_id} for row in rows]

        return self._read(read)

    # --- API tokens (rasd.store.tokens) ---------------------------------------------

    def create_token(self, name: str) -> str:
        """A new write token for reviewer ``name``; only its digest is stored, so the
        token is shown once, now. A revoked name may be given a new token."""
        problem = tokens.name_problem(name)
        if problem:
            raise TokenError(problem)
        secret = tokens.new_secret()

        def write(session: Session) -> None:
            row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.name == name))
            if row is not None and row.revoked_at is None:
                raise TokenError(f"{name!r} already has a token (revoke it first)")
            if row is None:
                row = ApiTokenRow(name=name)
                session.add(row)
            row.digest, row.created_at, row.revoked_at = tokens.digest(secret), _now(), None

        self._write(write)
        return secret

    def token_owner(self, secret: str) -> str | None:
        """The name of the live token ``secret``, or None when it is unknown or revoked."""
        found = select(ApiTokenRow.name).where(
            ApiTokenRow.digest == tokens.digest(secret), ApiTokenRow.revoked_at.is_(None)
        )
        return self._read(lambda s: s.scalar(found))

    def revoke_token(self, name: str) -> bool:
        """Revoke the live token of ``name``; False when it has none."""

        def write(session: Session) -> bool:
            row = session.scalar(
                select(ApiTokenRow).where(
                    ApiTokenRow.name == name, ApiTokenRow.revoked_at.is_(None)
                )
            )
            if row is None:
                return False
            row.revoked_at = _now()
            return True

        return self._write(write)

    def list_tokens(self) -> list[dict[str, Any]]:
        """Every token's name, creation and revocation time (never the token)."""

        def read(session: Session) -> list[dict[str, Any]]:
            rows = session.scalars(select(ApiTokenRow).order_by(ApiTokenRow.name))
            return [
                {
                    "name": row.name,
                    "created_at": _utc(row.created_at).isoformat(),
                    "revoked_at": _utc(row.revoked_at).isoformat() if row.revoked_at else None,
                }
                for row in rows
            ]

        return self._read(read)

    # --- ingest errors and counts ---------------------------------------------------

    def record_error(self, error: ItemError, *, source: str = "") -> None:
        """Remember a per-item ingest failure (once per item and reason)."""
        key = hashlib.sha256(f"{error.item}\x00{error.reason}".encode()).hexdigest()

        def write(session: Session) -> None:
            now = _now()
            row = session.scalar(select(IngestErrorRow).where(IngestErrorRow.error_key == key))
            if row is None:
                session.add(
                    IngestErrorRow(
                        error_key=key,
                        item=error.item,
                        reason=error.reason,
                        kind=error.kind,
                        source=source,
                        first_seen=now,
                        last_seen=now,
                    )
                )
            else:
                row.last_seen = now

        self._write(write)

    def iter_errors(self) -> Iterator[ItemError]:
        """Recorded ingest failures, oldest first."""
        rows = self._read(lambda s: list(s.scalars(select(IngestErrorRow).order_by("id"))))
        for row in rows:
            yield ItemError(row.item, row.reason, row.kind)

    def counts(self) -> dict[str, int]:
        """Rows per kind: articles, near_duplicates, events, incidents, reviews, errors."""

        def read(session: Session) -> dict[str, int]:
            def count(model: Any, *where: Any) -> int:
                return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

            return {
                "articles": count(ArticleRow),
                "near_duplicates": count(ArticleRow, ArticleRow.status == "near_duplicate"),
                "events": count(EventRow),
                "incidents": count(IncidentRow),
                "reviews": count(ReviewRow),
                "errors": count(IngestErrorRow),
            }

        return self._read(read)

    # --- transactions ---------------------------------------------------------------

    def _read(self, fn: Callable[[Session], T]) -> T:
        with Session(self._reader) as session:
            return fn(session)

    def _write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in one write transaction, retrying lock timeouts and key races."""
        for attempt in range(_RETRIES):
            try:
                with Session(self._engine) as session, session.begin():
                    self._lock(session.connection())
                    return fn(session)
            except OperationalError as exc:
                if not _is_locked(exc):
                    raise
                if attempt == _RETRIES - 1:
                    raise StoreBusyError(f"database stayed locked: {exc.orig}") from exc
            except IntegrityError:
                if attempt == _RETRIES - 1:
                    raise
            time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _write_connection(self, fn: Callable[[Connection], None]) -> None:
        for attempt in range(_RETRIES):
            try:
                with self._engine.begin() as connection:
                    self._lock(connection)
                    fn(connection)
                return
            except OperationalError as exc:
                if not _is_locked(exc) or attempt == _RETRIES - 1:
                    raise
            time.sleep(0.05 * 2**attempt)

    def _lock(self, connection: Connection) -> None:
        if not self._sqlite:  # SQLite: BEGIN IMMEDIATE already holds the write lock
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})

    def _migrate(self, connection: Connection) -> None:
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _create_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        connect_args={"timeout": _BUSY_TIMEOUT_S, "check_same_thread": False},
        **({"poolclass": StaticPool} if memory else {}),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get("rasd_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _shown(url: str) -> str:
    """``url`` without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(malformed URL)"


def _is_locked(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "locked" in message or "busy" in message


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


# Statements run for every article, built once (SQLAlchemy then skips rebuilding them).
_SAME_TEXT = select(ArticleRow.id).where(ArticleRow.content_hash == bindparam("digest"))
_BAND_HITS = select(ArticleBand.article_id, ArticleBand.band, ArticleBand.key).where(
    ArticleBand.key.in_(bindparam("keys", expanding=True))
)
_SIGNATURES = (
    select(ArticleRow.id, ArticleRow.signature, ArticleRow.duplicate_of)
    .where(ArticleRow.id.in_(bindparam("ids", expanding=True)))
    .order_by(ArticleRow.id)
)
_CLASHES = select(EventRow.event_id).where(
    EventRow.event_id.in_(bindparam("ids", expanding=True)),
    EventRow.article_id != bindparam("article"),
)


def _classify(session: Session, fprint: Fingerprint) -> tuple[ArticleStatus, int | None]:
    """``duplicate`` (and the stored copy), ``near_duplicate`` (and the first copy) or new."""
    same = session.scalar(_SAME_TEXT, {"digest": fprint.content_hash})
    if same is not None:
        return "duplicate", same
    if not fprint.band_keys:
        return "new", None
    wanted = set(fprint.band_keys)
    hits = session.execute(_BAND_HITS, {"keys": [key for _, key in fprint.band_keys]})
    candidates = sorted({article for article, band, key in hits if (band, key) in wanted})
    if not candidates:
        return "new", None
    for row_id, signature, duplicate_of in session.execute(_SIGNATURES, {"ids": candidates}):
        if signature and is_near_duplicate(fprint.signature, signature):
            return "near_duplicate", duplicate_of or row_id
    return "new", None


def _article_values(
    article: Article, fprint: Fingerprint, status: str, first: int | None, source: str
) -> dict[str, Any]:
    return {
        "key": article.id,
        "text": article.text,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "content_hash": fprint.content_hash,
        "signature": fprint.signature or None,
        "duplicate_of": first,
        "status": status,
        "source": source,
        "meta": json.loads(json.dumps(dict(article.meta), default=str)),
        "ingested_at": _now(),
    }


def _write_events(
    session: Session, article_id: int, article_key: str, events: Sequence[Event], *, fresh: bool
) -> int:
    """Write the events of one article; ``fresh``: the article was just inserted (no
    events of its own yet: a plain bulk insert)."""
    ids = [item.event_id for item in events]
    if len(set(ids)) != len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise EventIdClashError(f"article {article_key!r} has two events with id {twice!r}")
    for chunk in _chunks(ids):
        clash = session.scalar(_CLASHES, {"ids": list(chunk), "article": article_id})
        if clash is not None:
            raise EventIdClashError(
                f"event id {clash!r} of article {article_key!r} is stored for another article"
            )
    existing = (
        {}
        if fresh
        else {
            row.event_id: row
            for row in session.scalars(select(EventRow).where(EventRow.article_id == article_id))
        }
    )
    now = _now()
    inserts = []
    for item in events:
        record = item.to_dict()
        values = {
            **_coded_values(record),
            "article_key": article_key,
            "evidence": record["evidence"],
            "notes": item.notes,
            "updated_at": now,
        }
        row = existing.pop(item.event_id, None)
        if row is None:
            inserts.append(
                {
                    "event_id": item.event_id,
                    "article_id": article_id,
                    "reviewed_fields": [],
                    **values,
                }
            )
            continue
        reviewed_columns = {c for name in row.reviewed_fields for c in _columns_of(name)}
        for column, value in values.items():
            if column not in reviewed_columns:
                setattr(row, column, value)
    for gone in existing.values():
        if not gone.reviewed_fields:
            session.delete(gone)
    if inserts:
        session.execute(insert(EventRow), inserts)
    return len(events)


def _without_events(
    session: Session, record: dict[str, Any], taken: set[str]
) -> dict[str, Any] | None:
    """``record`` without the events in ``taken`` (members of reviewer-fixed incidents);
    None when it keeps none."""
    event_ids = list(record.get("event_ids") or ())
    kept = [event_id for event_id in event_ids if event_id not in taken]
    if len(kept) == len(event_ids):
        return record
    if not kept:
        return None
    keys = session.scalars(select(EventRow.article_key).where(EventRow.event_id.in_(kept)))
    return {**record, "event_ids": kept, "article_ids": sorted(set(keys))}


def _columns_of(field: str) -> tuple[str, ...]:
    return tuple(_LOCATION_COLUMNS.values()) if field == "location" else (field,)


def _keep_reviewed(row: CodedFields, previous: CodedFields) -> None:
    for name in previous.reviewed_fields:
        for column in _columns_of(name):
            setattr(row, column, getattr(previous, column))
    row.reviewed_fields = list(previous.reviewed_fields)


def _coded_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """Column values of the EVENTS.md fields of an ``Event`` / ``Incident`` dict."""
    values: dict[str, Any] = {name: record.get(name) for name in _SCALAR_FIELDS}
    values["background"] = bool(record.get("background"))
    values["confidence"] = float(record.get("confidence") or 0.0)
    values["event_date"] = _as_date(record.get("event_date"))
    for name in _LIST_FIELDS:
        values[name] = list(record.get(name) or ())
    values["actors"] = actors_key(
        values["actor1"], values["actor2"], values["assoc_actor1"], values["assoc_actor2"]
    )
    location = record.get("location") or {}
    if isinstance(location, Location):
        location = location.to_dict()
    for key, column in _LOCATION_COLUMNS.items():
        values[column] = location.get(key)
    return values


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _location_of(row: CodedFields) -> Location:
    return Location(**{key: getattr(row, column) for key, column in _LOCATION_COLUMNS.items()})


def _coded_of(row: CodedFields) -> dict[str, Any]:
    """The coded fields events and incidents share, as keyword arguments of either record."""
    return {
        "event_date": row.event_date,
        "date_precision": row.date_precision,
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "actor1": row.actor1,
        "actor1_certainty": row.actor1_certainty,
        "actor2": row.actor2,
        "assoc_actor1": list(row.assoc_actor1),
        "assoc_actor2": list(row.assoc_actor2),
        "location": _location_of(row),
        "fatalities": row.fatalities,
        "fatalities_max": row.fatalities_max,
        "injured": row.injured,
        "claimed_by": row.claimed_by,
        "reported_by": list(row.reported_by),
        "background": row.background,
        "confidence": row.confidence,
    }


def _event_of(row: EventRow) -> Event:
    return Event(
        event_id=row.event_id,
        article_id=row.article_key,
        evidence=[Evidence(**item) for item in row.evidence],
        notes=row.notes,
        **_coded_of(row),
    )


def _incident_of(row: IncidentRow) -> Incident:
    return Incident(
        incident_id=row.incident_id,
        event_ids=list(row.event_ids),
        article_ids=list(row.article_ids),
        provenance=dict(row.provenance),
        **_coded_of(row),
    )


def _record_of(row: EventRow | IncidentRow) -> Event | Incident:
    return _event_of(row) if isinstance(row, EventRow) else _incident_of(row)


def _field_value(row: EventRow | IncidentRow, field: str) -> Any:
    """A field's value as JSON (for the audit trail)."""
    return _record_of(row).to_dict()[field]


def _set_field(row: CodedFields, field: str, value: Any) -> None:
    try:
        if field == "location":
            location = value.to_dict() if isinstance(value, Location) else dict(value)
            unknown = set(location) - set(_LOCATION_COLUMNS)
            if unknown:
                raise ValueError(f"unknown location keys {sorted(unknown)}")
            for key, column in _LOCATION_COLUMNS.items():
                setattr(row, column, location.get(key))
        elif field == "event_date":
            row.event_date = _as_date(value)
        elif field in _LIST_FIELDS:
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise ValueError("expected a list")
            setattr(row, field, [str(item) for item in value])
        else:
            allowed = _FIELD_TYPES.get(field, (str, type(None)))
            if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
                raise ValueError(f"expected {' or '.join(t.__name__ for t in allowed)}")
            setattr(row, field, value)
    except (TypeError, ValueError) as exc:
        raise NotReviewableError(f"bad value for {field!r}: {exc}") from exc


def _reviewed_row(session: Session, kind: RecordKind, record_id: str) -> EventRow | IncidentRow:
    row: EventRow | IncidentRow | None = (
        session.get(EventRow, record_id) if kind == "event" else session.get(IncidentRow, record_id)
    )
    if row is None:
        raise UnknownRecordError(f"no {kind} with id {record_id!r}")
    return row


def _incident_row(session: Session, incident_id: str) -> IncidentRow:
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise UnknownRecordError(f"no incident with id {incident_id!r}")
    return row


def _with_review(record: dict[str, Any], row: EventRow | IncidentRow) -> dict[str, Any]:
    """An export record that says which fields a reviewer set (only when one did, so an
    unreviewed record stays exactly ``to_dict()``)."""
    if row.reviewed_fields or row.review_status:
        record["reviewed_fields"] = list(row.reviewed_fields)
        record["review_status"] = row.review_status
    return record


def _api_record(row: EventRow | IncidentRow) -> dict[str, Any]:
    record = _record_of(row).to_dict()
    if isinstance(row, EventRow):
        record["article_row"] = row.article_id
    record["reviewed_fields"] = list(row.reviewed_fields)
    record["review_status"] = row.review_status
    return record


def _snapshot(row: IncidentRow) -> dict[str, Any]:
    """An incident as the audit trail keeps it."""
    return _with_review(_incident_of(row).to_dict(), row)


def _carry_reviewed(row: IncidentRow, sources: Sequence[IncidentRow]) -> None:
    """Give ``row`` the reviewed field values of ``sources``, the first source first."""
    marks = set(row.reviewed_fields)
    for source in sources:
        for name in source.reviewed_fields:
            if name in marks or name in (STATUS_FIELD, MEMBERS_FIELD):
                continue
            for column in _columns_of(name):
                setattr(row, column, getattr(source, column))
            marks.add(name)
    row.reviewed_fields = sorted(marks)


def _review_of(row: ReviewRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "who": row.who,
        "when": _utc(row.at).isoformat(),
        "action": row.action,
        "target": row.target,
        "field": row.field,
        "before": row.before,
        "after": row.after,
    }


def _add_review(
    session: Session,
    who: str,
    action: str,
    target: str,
    field: str | None,
    before: Any,
    after: Any,
) -> int:
    row = ReviewRow(
        who=who, at=_now(), action=action, target=target, field=field, before=before, after=after
    )
    session.add(row)
    session.flush()
    return row.id


def _date_window(query: Any, model: Any, filter: RecordFilter | None) -> Any:
    """Push a filter's date range into SQL; ``filter.matches`` still decides."""
    for attr, compare in (("date_from", "__ge__"), ("date_to", "__le__")):
        bound = getattr(filter, attr, None)
        if isinstance(bound, str):
            try:
                bound = dt.date.fromisoformat(bound)
            except ValueError:
                bound = None
        if isinstance(bound, dt.date):
            query = query.where(getattr(model.event_date, compare)(bound))
    return query
