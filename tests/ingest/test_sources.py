"""Sources: directories mixing article files, feeds and Telegram exports; bad paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasd.ingest.sources import SourceReader
from rasd.records import Article, ItemError

TEXT = "انفجار عبوة ناسفة بسيارة عسكرية على طريق تدمر - السخنة\nقتل جنديان وأصيب ثالث."
PAGE = (
    "<html><head><title>غارات على البادية</title></head><body><article><h1>غارات على البادية</h1>"
    + "<p>شنت طائرات حربية روسية سلسلة غارات على مواقع يعتقد أنها لخلايا تنظيم الدولة في "
    "جبل البشري، وقالت مصادر محلية إن الغارات استمرت منذ ساعات الصباح حتى المساء.</p>"
    * 3
    + "</article></body></html>"
)


def test_a_directory_of_mixed_sources(tmp_path: Path, site: Any) -> None:
    root = tmp_path / "in"
    (root / "tg").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    lines = [{"id": "j1", "text": TEXT + " 1"}, {"id": "j2", "text": TEXT + " 2"}]
    (root / "b.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    export = {
        "name": "قناة",
        "type": "public_channel",
        "id": 9,
        "messages": [
            {"id": 1, "type": "message", "date": "2024-01-05T10:00:00", "text": TEXT},
        ],
    }
    (root / "tg" / "result.json").write_text(json.dumps(export), encoding="utf-8")
    link = site.add("/p/1", PAGE)
    (root / "c.rss").write_text(
        f"<rss version='2.0'><channel><title>t</title><item><title>غارات</title>"
        f"<link>{link}</link></item></channel></rss>",
        encoding="utf-8",
    )
    (root / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG")
    with SourceReader() as reader:
        items = list(reader.read([root, tmp_path / "nowhere"]))
    ids = [item.id for _, item in items if isinstance(item, Article)]
    assert ids == ["a", "j1", "j2", "127.0.0.1-" + ids[3].split("-", 1)[1], "telegram-9-1"]
    assert {source for source, _ in items[:-1]} == {str(root)}
    source, error = items[-1]
    assert isinstance(error, ItemError) and error.reason == "no such file or directory"
    assert source == str(tmp_path / "nowhere")


def test_skip_url_is_used_for_feed_pages(tmp_path: Path, site: Any) -> None:
    link = site.add("/p/2", PAGE)
    feed = site.add(
        "/f.xml",
        f"<rss version='2.0'><channel><title>t</title><item><title>x</title><link>{link}</link>"
        "</item></channel></rss>",
        "application/rss+xml",
    )
    with SourceReader(skip_url=lambda url: url == link) as reader:
        assert list(reader.read([feed])) == []
    assert site.requests == ["/f.xml"]
