"""Telegram Desktop exports: one article per text message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rasd.ingest.telegram import is_export, message_text, read_export
from rasd.records import Article, ItemError


def channel(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": "شبكة البادية", "type": "public_channel", "id": 1502, "messages": messages}


MESSAGES = [
    {"id": 1, "type": "service", "date": "2024-03-01T08:00:00", "action": "create_channel"},
    {
        "id": 2,
        "type": "message",
        "date": "2024-03-02T21:14:05",
        "text": [
            {"type": "bold", "text": "عاجل | "},
            "مقتل ثلاثة عناصر من قوات النظام بهجوم على نقطة قرب ",
            {"type": "hashtag", "text": "#معدان"},
            " شرقي الرقة.",
        ],
    },
    {"id": 3, "type": "message", "date": "2024-03-02T22:00:00", "text": "", "photo": "p.jpg"},
    {"id": 4, "type": "message", "date": "yesterday", "text": "غارات روسية على جبل البشري"},
    {
        "id": 5,
        "type": "message",
        "date": "2024-03-03T06:30:00",
        "text": "انفجار لغم بسيارة رعاة قرب السخنة",
        "forwarded_from": "مراسل حمص",
    },
]


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_text_messages_become_articles(tmp_path: Path) -> None:
    items = list(read_export(write(tmp_path / "result.json", channel(MESSAGES))))
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, ItemError)]
    assert [a.id for a in articles] == ["telegram-1502-2", "telegram-1502-5"]
    first = articles[0]
    assert first.text.startswith("عاجل | مقتل ثلاثة") and first.text.endswith("#معدان شرقي الرقة.")
    assert first.outlet == "شبكة البادية"
    assert first.published == dt.date(2024, 3, 2)
    assert articles[1].meta["forwarded_from"] == "مراسل حمص"
    assert [e.item.rsplit("#", 1)[1] for e in errors] == ["1502/4"]  # the bad date


def test_account_export_with_several_chats(tmp_path: Path) -> None:
    second = {**channel(MESSAGES[4:]), "id": 77, "name": "قناة ثانية"}
    data = {"about": "export", "chats": {"list": [channel(MESSAGES[:3]), second]}}
    path = write(tmp_path / "result.json", data)
    assert is_export(path)
    assert [a.id for a in read_export(path) if isinstance(a, Article)] == [
        "telegram-1502-2",
        "telegram-77-5",
    ]


def test_detection_and_bad_exports(tmp_path: Path) -> None:
    assert is_export(write(tmp_path / "result.json", channel([])))
    article = write(tmp_path / "article.json", {"id": "x", "text": "خبر"})
    assert not is_export(article)
    broken = tmp_path / "broken" / "result.json"
    broken.parent.mkdir()
    broken.write_text('{"name": "x", "messages": [', encoding="utf-8")
    assert is_export(broken)
    (error,) = read_export(broken)
    assert isinstance(error, ItemError) and "not a readable Telegram export" in error.reason


parts = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.builds(
            lambda kind, text: {"type": kind, "text": text},
            st.sampled_from(["bold", "italic", "link", "hashtag", "mention"]),
            st.text(max_size=20),
        ),
    ),
    max_size=12,
)


@given(parts)
def test_message_text_joins_every_part_in_order(message: list[Any]) -> None:
    expected = "".join(p if isinstance(p, str) else p["text"] for p in message)
    assert message_text(message) == expected
    assert message_text(expected) == expected
