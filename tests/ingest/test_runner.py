"""Ingest runs: dedup, extraction of new articles only, per-item errors, linking."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasd.ingest.runner import ingest, ingest_items, relink
from rasd.records import Article, Event, ItemError, Location
from rasd.store import Store

SUKHNAH = Location(
    name_en="al-Sukhnah", name_ar="السخنة", admin1="Homs", lat=34.88, lon=38.87, geo_precision=1
)
PALMYRA = Location(
    name_en="Palmyra", name_ar="تدمر", admin1="Homs", lat=34.56, lon=38.27, geo_precision=1
)
STYLES = {
    "الأول": "قتل {n} عناصر من لواء القدس بهجوم لتنظيم الدولة قرب {place} في بادية حمص، بحسب "
    "ما أفادت مصادر محلية قالت إن المهاجمين انسحبوا بعد إحراق آلية عسكرية.",
    "الثاني": "ارتفعت حصيلة ضحايا الكمين الذي استهدف حافلة للميليشيا الموالية في محيط {place} "
    "إلى {n} قتيلا، وفق ما نقلته صفحات موالية نعت القتلى على مواقع التواصل.",
    "الثالث": "أعلن مصدر عسكري مقتل {n} مقاتلين خلال تصديهم لهجوم شنه مسلحو داعش على نقطة "
    "متقدمة شرقي {place}، مؤكدا أن الوحدات استعادت السيطرة على الموقع لاحقا.",
}


def write_articles(directory: Path, rows: list[dict[str, Any]]) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def fake_extract(article: Article) -> list[Event]:
    """One event per article from its metadata, as an extractor would find it in the text."""
    if "boom" in article.text:
        raise ValueError("cannot parse")
    place = SUKHNAH if "السخنة" in article.text else PALMYRA
    return [
        Event(
            event_id=f"{article.id}-e1",
            article_id=article.id,
            event_date=dt.date(2024, 5, 12),
            date_precision="day",
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="islamic-state",
            actor1_certainty="reported",
            actor2="liwa-al-quds",
            location=place,
            fatalities=int(article.meta["toll"]),
        )
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'rasd.db'}") as opened:
        yield opened


def row(article_id: str, outlet: str, n: int, place: str, published: str) -> dict[str, Any]:
    title = f"مقتل {n} من لواء القدس قرب {place}"
    text = title + "\n" + STYLES[outlet].format(n=n, place=place)
    return {"id": article_id, "outlet": outlet, "published": published, "toll": n, "text": text}


def test_reports_of_one_attack_become_one_incident(store: Store, tmp_path: Path) -> None:
    rows = [
        row("a", "الأول", 12, "السخنة", "2024-05-13"),
        row("b", "الثاني", 15, "السخنة", "2024-05-14"),
        row("c", "الثالث", 3, "تدمر", "2024-05-13"),
    ]
    report = ingest([write_articles(tmp_path / "in", rows)], store, extract=fake_extract)
    assert (report.new, report.events, report.errors) == (3, 3, [])
    incidents = sorted(store.iter_records("incident"), key=lambda r: r["article_ids"])
    assert [r["article_ids"] for r in incidents] == [["a", "b"], ["c"]]
    assert (incidents[0]["fatalities"], incidents[0]["fatalities_max"]) == (12, 15)
    assert report.incidents == 2


def test_a_later_report_joins_the_stored_incident(store: Store, tmp_path: Path) -> None:
    ingest(
        [write_articles(tmp_path / "one", [row("a", "الأول", 12, "السخنة", "2024-05-13")])],
        store,
        extract=fake_extract,
    )
    later = write_articles(tmp_path / "two", [row("b", "الثاني", 17, "السخنة", "2024-05-15")])
    ingest([later], store, extract=fake_extract)
    (only,) = store.iter_records("incident")
    assert only["article_ids"] == ["a", "b"]
    assert (only["fatalities"], only["fatalities_max"]) == (12, 17)


def test_errors_are_reported_recorded_and_not_fatal(store: Store, tmp_path: Path) -> None:
    rows = [row("a", "الأول", 12, "السخنة", "2024-05-13"), {"id": "empty", "text": " "}]
    broken = {**row("x", "الثالث", 1, "تدمر", "2024-05-13"), "text": "boom " + "خبر " * 30}
    path = write_articles(tmp_path / "in", [*rows, broken])
    report = ingest([path, tmp_path / "missing.jsonl"], store, extract=fake_extract)
    assert report.new == 1
    reasons = [e.reason for e in report.errors]
    assert "empty text" in reasons[0]
    assert reasons[1] == "extraction failed: ValueError: cannot parse"
    assert reasons[2] == "no such file or directory"
    assert list(store.iter_errors()) == report.errors
    assert store.counts()["articles"] == 1  # the broken article is not half-stored
    ingest([path], store, extract=fake_extract)
    assert store.counts()["errors"] == 3  # the same failures are not recorded twice


def test_ingesting_again_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = write_articles(tmp_path / "in", [row("a", "الأول", 12, "السخنة", "2024-05-13")])
    ingest([path], store, extract=fake_extract)
    before = store.counts()
    again = ingest([path], store, extract=fake_extract)
    assert (again.new, again.duplicate, again.incidents) == (0, 1, 0)
    assert store.counts() == before


def test_copies_are_not_extracted(store: Store) -> None:
    seen: list[str] = []

    def extract(article: Article) -> list[Event]:
        seen.append(article.id)
        return fake_extract(article)

    first = row("a", "الأول", 12, "السخنة", "2024-05-13")
    body = first["text"].split("\n", 1)[1]
    copy = Article("b", "عنوان آخر للخبر نفسه\n" + body + "\nالمصدر: وكالات", meta={"toll": 12})
    original = Article("a", first["text"], meta={"toll": 12})
    items: list[tuple[str, Article | ItemError]] = [("s", original), ("s", copy)]
    report = ingest_items(items, store, extract=extract)
    assert (report.new, report.near_duplicate, seen) == (1, 1, ["a"])


def test_relink_of_a_date_range_takes_partners_along(store: Store, tmp_path: Path) -> None:
    rows = [
        row("a", "الأول", 12, "السخنة", "2024-05-13"),
        row("b", "الثاني", 15, "السخنة", "2024-05-14"),
    ]
    ingest([write_articles(tmp_path / "in", rows)], store, extract=fake_extract, link=False)
    assert store.counts()["incidents"] == 0
    assert relink(store) == (2, 1)
    day = dt.date(2024, 5, 12)
    assert relink(store, date_from=day, date_to=day) == (2, 1)
    (only,) = store.iter_records("incident")
    assert only["article_ids"] == ["a", "b"]


def test_feed_pages_already_stored_are_not_fetched_again(store: Store, site: Any) -> None:
    paragraph = (
        "<p>قالت مصادر محلية إن مسلحين مجهولين اغتالوا قياديا سابقا في فصائل المعارضة قرب "
        "بلدة اليادودة في ريف درعا الغربي، وهي الحادثة الثالثة من نوعها خلال شهر واحد.</p>"
    )
    page = f"<html><body><article><h1>اغتيال في درعا</h1>{paragraph * 3}</article></body></html>"
    link = site.add("/n/1", page)
    feed = site.add(
        "/rss",
        f"<rss version='2.0'><channel><title>درعا</title><item><title>اغتيال</title>"
        f"<link>{link}</link><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>"
        "</channel></rss>",
        "application/rss+xml",
    )
    first = ingest([feed], store, extract=lambda article: [])
    again = ingest([feed], store, extract=lambda article: [])
    assert (first.new, again.new, again.duplicate) == (1, 0, 0)
    assert site.requests == ["/rss", "/n/1", "/rss"]
