"""The store on both back ends: articles and copies, events, incidents, review, errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rasd.records import Article, Event, Evidence, Incident, ItemError, Location
from rasd.store import (
    EventIdClashError,
    NotReviewableError,
    Store,
    StoreOpenError,
    UnknownRecordError,
    database_url,
)
from rasd.store.models import Base

BODY = (
    "هاجمت خلايا تابعة لتنظيم الدولة الإسلامية فجر اليوم نقطة عسكرية لقوات النظام في محيط "
    "قرية الشولا جنوب غربي مدينة دير الزور، واندلعت اشتباكات استمرت أكثر من ساعتين.\n"
    "وقالت مصادر محلية إن الهجوم أسفر عن مقتل خمسة عناصر وإصابة ثلاثة آخرين، فيما انسحب "
    "المهاجمون باتجاه عمق البادية بعد إحراق سيارة عسكرية.\n"
    "وتشهد المنطقة منذ أشهر هجمات متكررة لخلايا التنظيم على الطرق الواصلة بين دير الزور "
    "وتدمر، وسط عجز واضح عن تأمين طرق الإمداد."
)
OTHER = (
    "قصفت طائرات حربية روسية مواقع في جبل البشري شمال شرقي مدينة السخنة، في إطار حملة "
    "تقول موسكو إنها تستهدف مخابئ خلايا تنظيم الدولة في البادية السورية.\n"
    "ولم ترد معلومات عن خسائر بشرية، بينما أشار ناشطون إلى أن الغارات تكررت على المنطقة "
    "ذاتها ثلاث مرات خلال أسبوع واحد، من دون أن يتغير شيء على الأرض."
)


def article(article_id: str, text: str, **fields: Any) -> Article:
    return Article(id=article_id, text=text, published=dt.date(2024, 6, 3), **fields)


def event(event_id: str, article_id: str, day: int = 3, **fields: Any) -> Event:
    values: dict[str, Any] = {
        "event_date": dt.date(2024, 6, day),
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "islamic-state",
        "actor2": "syria-military-2000-2024",
        "location": Location(name_en="al-Shula", admin1="Deir ez-Zor", geo_precision=2),
        "fatalities": 5,
        "reported_by": ["SOHR"],
        "evidence": [Evidence("fatalities", 10, 14, "خمسة")],
    }
    values.update(fields)
    return Event(event_id=event_id, article_id=article_id, **values)


def incident(incident_id: str, members: list[Event], **fields: Any) -> Incident:
    first = members[0]
    values: dict[str, Any] = {
        "event_date": first.event_date,
        "date_precision": first.date_precision,
        "event_type": first.event_type,
        "sub_event_type": first.sub_event_type,
        "actor1": first.actor1,
        "location": first.location,
        "fatalities": first.fatalities,
        "provenance": {"fatalities": first.event_id},
    }
    values.update(fields)
    return Incident(
        incident_id=incident_id,
        event_ids=[e.event_id for e in members],
        article_ids=sorted({e.article_id for e in members}),
        **values,
    )


@dataclass
class DayFilter:
    """A stand-in for rasd.io.exports.ExportFilter: a date range and one admin1."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: str | None = None

    def matches(self, record: Mapping[str, Any]) -> bool:
        return self.admin1 is None or record["location"]["admin1"] == self.admin1


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


def test_new_then_exact_copy_then_near_copy(store: Store) -> None:
    first, status = store.add_article(article("a", "عنوان الخبر\n" + BODY))
    assert status == "new"
    noisy = "عُنوانُ الخبـــر\n" + BODY.replace("الإسلامية", "الاسلامية")  # same after normalising
    assert store.add_article(article("a-again", noisy)) == (first, "duplicate")
    syndicated = "خبر منقول بعنوان آخر تماما\n" + BODY + "\nحقوق النشر محفوظة للموقع الناقل"
    copy, status = store.add_article(article("b", syndicated))
    assert status == "near_duplicate"
    assert store.get_article(copy)["duplicate_of"] == first
    assert store.add_article(article("c", OTHER))[1] == "new"
    assert store.counts()["articles"] == 3
    assert store.counts()["near_duplicates"] == 1


def test_copy_of_a_copy_links_to_the_first(store: Store) -> None:
    first, _ = store.add_article(article("a", "عنوان أول\n" + BODY))
    store.add_article(article("b", "عنوان ثان\n" + BODY + "\nتذييل الموقع الثاني"))
    third, status = store.add_article(article("c", "عنوان ثالث\n" + BODY + "\nتذييل ثالث هنا"))
    assert status == "near_duplicate"
    assert store.get_article(third)["duplicate_of"] == first


def test_article_and_its_events_are_one_write(store: Store) -> None:
    calls: list[str] = []

    def extract(item: Article) -> list[Event]:
        calls.append(item.id)
        return [event("e1", item.id), event("e2", item.id, day=2, background=True)]

    stored = store.add_extracted(article("a", BODY, url="https://x.example/1"), extract)
    assert (stored.status, stored.events) == ("new", 2)
    again = store.add_extracted(article("a2", BODY), extract)
    assert (again.status, again.row_id, again.events) == ("duplicate", stored.row_id, 0)
    assert calls == ["a"]  # copies are not extracted
    assert store.has_url("https://x.example/1")
    assert not store.has_url("https://x.example/2")
    events = list(store.iter_records("event"))
    assert [e["event_id"] for e in events] == ["e2", "e1"]  # by date
    assert events[1] == event("e1", "a").to_dict()


def test_failed_extraction_writes_nothing(store: Store) -> None:
    def broken(item: Article) -> list[Event]:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.add_extracted(article("a", BODY), broken)
    assert store.counts()["articles"] == 0


def test_event_id_clash_writes_nothing(store: Store) -> None:
    store.add_extracted(article("a", BODY), lambda item: [event("same", item.id)])
    with pytest.raises(EventIdClashError):
        store.add_extracted(article("b", OTHER), lambda item: [event("same", item.id)])
    assert store.counts()["articles"] == 1


def test_reextraction_keeps_reviewed_fields_and_reviewed_events(store: Store) -> None:
    row = store.add_extracted(
        article("a", BODY), lambda item: [event("e1", item.id), event("e2", item.id)]
    ).row_id
    store.set_reviewed_field("event", "e1", "fatalities", 6, who="analyst")
    store.set_reviewed_field(
        "event", "e1", "location", {"name_en": "al-Mayadin", "admin1": "Deir ez-Zor"}, who="a"
    )
    store.set_reviewed_field("event", "e2", "actor2", "ndf", who="analyst")
    store.add_events(row, [event("e1", "a", fatalities=9, injured=2)])  # e2 gone, e3 never
    by_id = {e["event_id"]: e for e in store.iter_records("event")}
    assert by_id["e1"]["fatalities"] == 6  # reviewed: kept
    assert by_id["e1"]["injured"] == 2  # not reviewed: re-extracted
    assert by_id["e1"]["location"]["name_en"] == "al-Mayadin"
    assert by_id["e1"]["location"]["geo_precision"] is None  # the reviewer's whole location
    assert by_id["e2"]["actor2"] == "ndf"  # reviewed event kept though no longer extracted
    store.add_events(row, [])
    assert set(by_id) == {e["event_id"] for e in store.iter_records("event")}


def test_unreviewed_events_not_extracted_again_are_removed(store: Store) -> None:
    row = store.add_extracted(
        article("a", BODY), lambda item: [event("e1", item.id), event("e2", item.id)]
    ).row_id
    assert store.add_events(row, [event("e1", "a")]) == 1
    assert [e["event_id"] for e in store.iter_records("event")] == ["e1"]
    with pytest.raises(UnknownRecordError):
        store.add_events(row + 100, [])


def test_review_trail_and_bad_reviews(store: Store) -> None:
    store.add_extracted(article("a", BODY), lambda item: [event("e1", item.id)])
    store.set_reviewed_field("event", "e1", "fatalities", 7, who="rana")
    store.record_review(who="omar", action="confirm", target="event:e1")
    trail = list(store.iter_reviews("event:e1"))
    assert [(r["who"], r["action"], r["field"], r["before"], r["after"]) for r in trail] == [
        ("rana", "set", "fatalities", 5, 7),
        ("omar", "confirm", None, None, None),
    ]
    assert dt.datetime.fromisoformat(trail[0]["when"]).tzinfo is not None
    with pytest.raises(NotReviewableError):
        store.set_reviewed_field("event", "e1", "evidence", [], who="rana")
    with pytest.raises(NotReviewableError):
        store.set_reviewed_field("event", "e1", "fatalities", "seven", who="rana")
    with pytest.raises(UnknownRecordError):
        store.set_reviewed_field("event", "nope", "fatalities", 1, who="rana")
    assert len(list(store.iter_reviews())) == 2


def test_filters_push_dates_down_and_matches_decides(store: Store) -> None:
    other = Location(name_en="Palmyra", admin1="Homs", geo_precision=1)
    store.add_extracted(
        article("a", BODY),
        lambda item: [
            event("e1", item.id, day=1),
            event("e2", item.id, day=3),
            event("e3", item.id, day=3, location=other),
            event("e4", item.id, day=5),
        ],
    )
    window = DayFilter(date_from=dt.date(2024, 6, 2), date_to=dt.date(2024, 6, 4))
    assert [e["event_id"] for e in store.iter_records("event", window)] == ["e2", "e3"]
    homs = DayFilter(admin1="Homs")
    assert [e["event_id"] for e in store.iter_records("event", homs)] == ["e3"]


def test_replace_incidents_replaces_overlapping_ones(store: Store) -> None:
    a = store.add_extracted(article("a", BODY), lambda item: [event("a1", item.id)])
    b = store.add_extracted(
        article("b", OTHER), lambda item: [event("b1", item.id), event("b2", item.id, day=9)]
    )
    assert a.events == b.events - 1 == 1
    a1, b1, b2 = event("a1", "a"), event("b1", "b"), event("b2", "b", day=9)
    store.replace_incidents([incident("i-a", [a1]), incident("i-b", [b1]), incident("i-c", [b2])])
    store.set_reviewed_field("incident", "i-c", "fatalities", 3, who="rana")
    merged = incident("i-ab", [a1, b1], fatalities=5, fatalities_max=8)
    store.replace_incidents([merged, incident("i-c", [b2], fatalities=11)])
    records = {r["incident_id"]: r for r in store.iter_records("incident")}
    assert set(records) == {"i-ab", "i-c"}
    assert records["i-ab"] == merged.to_dict()
    assert records["i-c"]["fatalities"] == 3  # reviewed, same incident id: kept
    assert store.linked_event_ids({"a1"}) == {"a1", "b1"}


def test_incidents_left_without_events_are_dropped(store: Store) -> None:
    row = store.add_extracted(article("a", BODY), lambda item: [event("a1", item.id)]).row_id
    store.replace_incidents([incident("i-a", [event("a1", "a")])])
    store.add_events(row, [event("a9", "a")])  # a re-extraction drops a1
    store.replace_incidents([incident("i-9", [event("a9", "a")])])
    assert [r["incident_id"] for r in store.iter_records("incident")] == ["i-9"]


def test_errors_are_recorded_once(store: Store) -> None:
    error = ItemError("feed.xml#3", "HTTP 404 from https://x.example/3")
    store.record_error(error, source="feed.xml")
    store.record_error(error, source="feed.xml")
    store.record_error(ItemError("b.json", "not valid JSON"))
    assert list(store.iter_errors()) == [error, ItemError("b.json", "not valid JSON")]


def test_reopening_migrates_once_and_schema_matches_models(store_url: str) -> None:
    Store.open(store_url).close()
    with Store.open(store_url) as store, store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == "0002"
        assert compare_metadata(context, Base.metadata) == []


def test_database_urls() -> None:
    assert database_url(None) == "sqlite:///rasd.db"
    assert database_url("data/x.db") == "sqlite:///data/x.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(StoreOpenError):
        database_url("mysql://u@h/db")


def test_unopenable_database_is_a_clear_error(tmp_path: Any) -> None:
    with pytest.raises(StoreOpenError):
        Store.open(f"sqlite:///{tmp_path}/missing-dir/x.db")


def test_incidents_of_unknown_events_are_refused(store: Store) -> None:
    with pytest.raises(UnknownRecordError):
        store.replace_incidents([incident("i-x", [event("never-stored", "a")])])
