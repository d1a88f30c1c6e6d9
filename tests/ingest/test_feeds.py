"""RSS/Atom feeds: each entry's page is fetched from a local server and read with trafilatura."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasd.ingest.feeds import article_id, is_feed_file, make_client, read_feed
from rasd.records import Article, ItemError

PARAGRAPHS = [
    "قُتل خمسة عناصر من ميليشيا الدفاع الوطني وأصيب ثلاثة آخرون، مساء الثلاثاء، بهجوم نفذته "
    "خلايا تابعة لتنظيم الدولة على نقطة عسكرية في محيط بلدة معدان بريف الرقة الشرقي.",
    "وقالت مصادر محلية إن المهاجمين استخدموا أسلحة رشاشة وقذائف صاروخية، واستمرت الاشتباكات "
    "قرابة ساعة قبل انسحابهم نحو عمق البادية، فيما نُقل الجرحى إلى مشفى مدينة الرقة.",
    "وتتعرض مواقع قوات النظام والميليشيات الموالية لها في بادية الرقة لهجمات متكررة منذ "
    "مطلع العام، وسط حديث عن تعزيزات عسكرية وصلت إلى المنطقة خلال الأيام الماضية.",
]


def page(title: str, published: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}T09:30:00+03:00">'
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<html lang="ar"><head><title>{title} - موقع الرصد</title>'
        f'<meta property="og:site_name" content="موقع الرصد">{meta if published else ""}</head>'
        f"<body><nav>الرئيسية | أخبار | تقارير | اتصل بنا</nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>جميع الحقوق محفوظة لموقع الرصد 2024</footer></body></html>"
    )


def rss(items: list[tuple[str, str | None, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title>{f'<link>{link}</link>' if link else ''}"
        f"<pubDate>{date}</pubDate></item>"
        for title, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>أخبار البادية</title><link>http://example.invalid/</link>{entries}"
        "</channel></rss>"
    )


@pytest.fixture
def client() -> Iterator[Any]:
    with make_client() as opened:
        yield opened


def test_rss_entries_become_page_articles(site: Any, client: Any) -> None:
    dated = site.add("/news/1", page("هجوم على نقطة في معدان", "2024-05-07"))
    undated = site.add("/news/2", page("تعزيزات إلى بادية الرقة"))
    feed = site.add(
        "/feed.xml",
        rss(
            [
                ("هجوم على نقطة في معدان", "/news/1", "Tue, 07 May 2024 18:00:00 GMT"),
                ("تعزيزات إلى بادية الرقة", "/news/2", "Wed, 08 May 2024 07:00:00 GMT"),
                ("خبر محذوف", "/news/gone", "Wed, 08 May 2024 08:00:00 GMT"),
                ("خبر بلا رابط", None, "Wed, 08 May 2024 09:00:00 GMT"),
            ]
        ),
        "application/rss+xml",
    )
    items = list(read_feed(feed, client=client))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ItemError)]
    assert [a.url for a in articles] == [dated, undated]
    first = articles[0]
    assert first.text.startswith("هجوم على نقطة في معدان\n")
    assert "قُتل خمسة عناصر" in first.text
    assert "الرئيسية" not in first.text and "جميع الحقوق" not in first.text
    assert first.published == dt.date(2024, 5, 7)  # from the page
    assert articles[1].published == dt.date(2024, 5, 8)  # the entry's date as fallback
    assert first.outlet == "موقع الرصد"
    assert first.id == article_id(dated) and first.id != articles[1].id
    assert "HTTP 404" in errors[0].reason
    assert errors[1].reason == "feed entry has no link"


def test_atom_feed_file_and_skipping_known_pages(site: Any, client: Any, tmp_path: Path) -> None:
    known = site.add("/a/1", page("خبر مخزن سابقا", "2024-05-01"))
    fresh = site.add("/a/2", page("خبر جديد", "2024-05-02"))
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>موجز</title><id>urn:x</id><updated>2024-05-02T00:00:00Z</updated>"
        f'<entry><title>خبر مخزن سابقا</title><link href="{known}"/><id>1</id>'
        "<updated>2024-05-01T00:00:00Z</updated></entry>"
        f'<entry><title>خبر جديد</title><link href="{fresh}"/><id>2</id>'
        "<updated>2024-05-02T00:00:00Z</updated></entry></feed>",
        encoding="utf-8",
    )
    assert is_feed_file(atom)
    items = list(read_feed(str(atom), client=client, skip_url={known}.__contains__))
    assert [i.url for i in items if isinstance(i, Article)] == [fresh]
    assert site.requests == ["/a/2"]


def test_unreachable_or_invalid_feeds_are_item_errors(site: Any, client: Any) -> None:
    not_feed = site.add("/page", "<html><body>لا شيء هنا</body></html>")
    for source in (not_feed, site.base + "/missing.xml", "/no/such/feed.rss"):
        (error,) = read_feed(source, client=client)
        assert isinstance(error, ItemError) and error.item == source


def test_xml_that_is_not_a_feed_is_not_taken_for_one(tmp_path: Path) -> None:
    other = tmp_path / "data.xml"
    other.write_text("<?xml version='1.0'?><gpx><trk/></gpx>", encoding="utf-8")
    rss_file = tmp_path / "news.xml"
    rss_file.write_text(rss([]), encoding="utf-8")
    assert not is_feed_file(other)
    assert is_feed_file(rss_file)
