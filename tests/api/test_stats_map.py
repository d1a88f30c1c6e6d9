"""Statistics and map clusters, on the demo store and on synthetic incidents in SQLite
and (with RASD_TEST_PG_URL) PostgreSQL, whose SQL differs for weeks and grid cells."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from rasd.api.synthetic import insert_incidents
from rasd.store import RecordQuery, Store

PG_URL = os.environ.get("RASD_TEST_PG_URL")


def test_weekly_stats_add_up_to_the_list(api: TestClient) -> None:
    listed = api.get("/api/incidents", params={"limit": 1000}).json()["items"]
    weeks = api.get("/api/stats", params={"by": "week", "stack": "actor", "limit": 1000}).json()
    dated = [i for i in listed if i["event_date"]]
    assert sum(b["events"] for b in weeks["items"]) == len(dated) > 0
    assert weeks["total"] == len(weeks["items"])  # buckets
    assert sum(b["fatalities"] for b in weeks["items"]) == sum(i["fatalities"] or 0 for i in dated)
    for bucket in weeks["items"]:
        assert dt.date.fromisoformat(bucket["key"]).weekday() == 0  # Monday
        assert sum(s["events"] for s in bucket["stacks"]) == bucket["events"]
    keys = [b["key"] for b in weeks["items"]]
    assert keys == sorted(keys)


def test_stats_by_group_and_paging(api: TestClient) -> None:
    by_type = api.get("/api/stats", params={"by": "event_type"}).json()
    counts = [b["events"] for b in by_type["items"]]
    assert counts == sorted(counts, reverse=True)
    page = api.get("/api/stats", params={"by": "event_type", "limit": 1, "offset": 1}).json()
    assert page["items"] == by_type["items"][1:2] and page["total"] == by_type["total"]
    months = api.get("/api/stats", params={"by": "month", "actor": "islamic-state"}).json()
    assert all(b["key"].endswith("-01") for b in months["items"])


def test_clusters_cover_every_placed_incident(api: TestClient) -> None:
    placed = api.get("/api/geojson", params={"limit": 1000}).json()["features"]
    coarse = api.get("/api/map/clusters", params={"cell": 4}).json()["clusters"]
    fine = api.get("/api/map/clusters", params={"cell": 0.01}).json()["clusters"]
    assert sum(c["count"] for c in coarse) == sum(c["count"] for c in fine) == len(placed)
    assert len(coarse) < len(fine)
    single = next(c for c in fine if c["count"] == 1)
    assert single["id"] in {f["id"] for f in placed}
    assert api.get("/api/map/clusters", params={"bbox": "0,0,1,1"}).json()["clusters"] == []


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql", marks=pytest.mark.skipif(not PG_URL, reason="no RASD_TEST_PG_URL")
        ),
    ]
)
def synthetic(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """2,000 synthetic incidents in a fresh database of each back end."""
    if request.param == "sqlite":
        with Store.open(f"sqlite:///{tmp_path / 'syn.db'}") as store:
            insert_incidents(store, 2000)
            yield store
        return
    import psycopg

    assert PG_URL is not None
    base = PG_URL.replace("postgresql+psycopg://", "postgresql://", 1)
    name = f"rasd_api_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with Store.open(PG_URL.rsplit("/", 1)[0] + f"/{name}") as store:
            insert_incidents(store, 2000)
            yield store
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_queries_agree_with_python_on_both_back_ends(synthetic: Store) -> None:
    query = RecordQuery(include_background=True)
    total, rows = synthetic.query_page("incident", query, limit=1000, offset=0)
    _, rest = synthetic.query_page("incident", query, limit=1000, offset=1000)
    records = rows + rest
    assert total == len(records) == 2000

    def monday(day: str) -> str:
        date = dt.date.fromisoformat(day)
        return (date - dt.timedelta(days=date.weekday())).isoformat()

    weeks = synthetic.query_stats("incident", query, by="week", stack="actor")
    assert {b["key"]: b["events"] for b in weeks} == Counter(
        monday(r["event_date"]) for r in records
    )
    months = synthetic.query_stats("incident", query, by="month", stack=None)
    assert {b["key"]: b["events"] for b in months} == Counter(
        r["event_date"][:8] + "01" for r in records
    )
    cells = synthetic.query_clusters("incident", query, cell=0.5, limit=5000)
    expected = Counter(
        (int((r["location"]["lat"] + 90) // 0.5), int((r["location"]["lon"] + 180) // 0.5))
        for r in records
    )
    assert sorted(c["count"] for c in cells) == sorted(expected.values())
    facets = synthetic.query_facets("incident", query)
    assert sum(f["count"] for f in facets["event_type"]) == 2000
    assert facets["date_min"] == min(r["event_date"] for r in records)


def test_actor_filter_finds_associated_actors(synthetic: Store) -> None:
    query = RecordQuery(actor="sdf", include_background=True)
    total, rows = synthetic.query_page("incident", query, limit=1000, offset=0)
    assert total == len(rows) > 0
    assert any("sdf" in r["assoc_actor2"] and "sdf" not in (r["actor1"], r["actor2"]) for r in rows)
    _, everything = synthetic.query_page(
        "incident", RecordQuery(include_background=True), limit=1000, offset=0
    )
    _, more = synthetic.query_page(
        "incident", RecordQuery(include_background=True), limit=1000, offset=1000
    )
    expected = [
        r for r in everything + more if "sdf" in {r["actor1"], r["actor2"], *r["assoc_actor2"]}
    ]
    assert total == len(expected)
