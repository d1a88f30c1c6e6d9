from __future__ import annotations

import datetime as dt
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.io.readers import BYTES_PER_CHAR, read_articles
from rasd.records import Article, ItemError

TEXT = "مقتل عنصرين من قوات النظام بهجوم في بادية السخنة\nقتل عنصران أمس بهجوم لخلايا التنظيم."

WriteJsonl = Callable[[str, list[dict[str, Any]]], Path]


def articles(items: list[Article | ItemError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | ItemError]) -> list[ItemError]:
    return [item for item in items if isinstance(item, ItemError)]


def test_jsonl_fields_and_metadata(write_jsonl_file: WriteJsonl) -> None:
    path = write_jsonl_file(
        "news.jsonl",
        [
            {
                "id": "a-1",
                "text": TEXT,
                "url": "https://example.org/1",
                "outlet": "Example",
                "published": "2024-04-20",
                "events": [{"event_type": "Battles"}],
                "lang": "ar",
            }
        ],
    )
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    assert (article.id, article.text, article.url, article.outlet) == (
        "a-1",
        TEXT,
        "https://example.org/1",
        "Example",
    )
    assert article.published == dt.date(2024, 4, 20)
    assert dict(article.meta) == {"events": [{"event_type": "Battles"}], "lang": "ar"}


def test_jsonl_without_id_gets_a_stable_one_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\ufeff" + json.dumps({"text": TEXT}) + "\n\n" + json.dumps({"text": TEXT}) + "\n",
        encoding="utf-8",
    )
    ids = [item.id for item in articles(list(read_articles([path])))]
    assert ids == ["feed-1", "feed-3"]


def test_a_bad_json_line_is_one_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": TEXT}, ensure_ascii=False)
    path.write_text(f'{good}\n{{"id": "broken", "text": \n{good}\n', encoding="utf-8")
    items = list(read_articles([path]))
    assert [type(item).__name__ for item in items] == ["Article", "ItemError", "Article"]
    bad = errors(items)[0]
    assert bad.item == f"{path}:2"
    assert "not valid JSON" in bad.reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"id": "x", "text": "\xff\xfe bad"}', "not UTF-8"),
        (b'{"id": "x", "text": "a\x00b"}', "binary"),
        (b'{"id": "x", "text": "a\\u0000b"}', "binary"),
        (b'{"id": "x", "text": "   "}', "empty text"),
        (b'{"id": "x"}', "'text' is missing"),
        (b'{"id": "x", "text": 42}', "'text' is a int"),
        (b'{"id": "x", "text": "t", "published": "2024-13-01"}', "not a YYYY-MM-DD date"),
        (b'{"id": "x", "text": "t", "published": "yesterday"}', "not a YYYY-MM-DD date"),
        (b'{"id": "x", "text": "t", "published": 20240101}', "not a YYYY-MM-DD date"),
        (b'{"id": "x", "text": "t", "url": 7}', "'url' must be a string"),
        (b'["a", "list"]', "expected a JSON object"),
    ],
)
def test_bad_jsonl_lines(tmp_path: Path, line: bytes, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(line + b"\n" + json.dumps({"id": "good", "text": "نص"}).encode() + b"\n")
    items = list(read_articles([path]))
    assert len(items) == 2
    assert isinstance(items[0], ItemError)
    assert items[0].item == f"{path}:1"
    assert reason in items[0].reason
    assert isinstance(items[1], Article)
    assert items[1].id == "good"


def test_published_may_carry_a_time(write_jsonl_file: WriteJsonl) -> None:
    path = write_jsonl_file("t.jsonl", [{"id": "x", "text": TEXT, "published": "2023-08-10T09:30"}])
    (article,) = articles(list(read_articles([path])))
    assert article.published == dt.date(2023, 8, 10)


def test_text_over_the_character_limit(write_jsonl_file: WriteJsonl) -> None:
    path = write_jsonl_file("long.jsonl", [{"id": "x", "text": "ا" * 101}, {"text": "ب" * 100}])
    items = list(read_articles([path], max_text_chars=100))
    assert "over the 100 limit" in errors(items)[0].reason
    assert len(articles(items)) == 1


def test_an_oversized_jsonl_line_is_skipped_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "first", "text": "نص أول"}) + "\n")
        fh.write('{"id": "huge", "text": "' + "x" * 20_000_000 + '"}\n')
        fh.write(json.dumps({"id": "last", "text": "نص أخير"}) + "\n")
    tracemalloc.start()
    try:
        items = list(read_articles([path], max_text_chars=10_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [a.id for a in articles(items)] == ["first", "last"]
    assert errors(items)[0].item == f"{path}:2"
    assert "byte limit" in errors(items)[0].reason
    assert peak < 5_000_000  # the 20 MB line is never held whole


def test_txt_file_id_is_the_file_name_and_text_is_kept_whole(tmp_path: Path) -> None:
    path = tmp_path / "report-17.txt"
    path.write_text(TEXT + "\r\n", encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.id == "report-17"
    assert article.text == TEXT + "\r\n"
    assert article.text.split("\n")[0] == TEXT.split("\n")[0]
    assert article.published is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty text"),
        (b"  \n\t\n", "empty text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("نص بترميز قديم".encode("cp1256"), "not UTF-8"),
    ],
)
def test_bad_txt_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (item,) = list(read_articles([path]))
    assert isinstance(item, ItemError)
    assert item.item == str(path)
    assert reason in item.reason


def test_an_oversized_file_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("ا" * 600, encoding="utf-8")  # 1200 bytes
    (item,) = list(read_articles([path], max_text_chars=100))
    assert isinstance(item, ItemError)
    assert f"over the {100 * BYTES_PER_CHAR}-byte limit" in item.reason


def test_json_file_with_one_object_or_a_list(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": TEXT, "published": "2020-05-30"}), encoding="utf-8")
    several = tmp_path / "many.json"
    several.write_text(json.dumps([{"id": "m1", "text": TEXT}, {"id": "m2", "text": ""}]))
    items = list(read_articles([single, several]))
    assert [a.id for a in articles(items)] == ["one", "m1"]
    assert articles(items)[0].published == dt.date(2020, 5, 30)
    (bad,) = errors(items)
    assert bad.item == f"{several}[1]"
    assert "empty text" in bad.reason


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "نص"', encoding="utf-8")
    (item,) = list(read_articles([path]))
    assert isinstance(item, ItemError)
    assert "not valid JSON" in item.reason


PAGE = """<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<title>غارة على مواقع التنظيم قرب معدان | موقع تجريبي</title>
<meta property="og:title" content="غارة على مواقع التنظيم قرب معدان">
{date}
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/x">قائمة الأقسام</a></li></ul></nav>
<article><h1>غارة على مواقع التنظيم قرب معدان</h1>
<p>شن الطيران الحربي غارات جوية على مواقع لخلايا التنظيم في البادية القريبة من بلدة معدان بريف
الرقة الشرقي، ما أدى إلى مقتل أربعة عناصر من التنظيم بحسب مصادر محلية تحدثت للموقع.</p>
<p>وقالت المصادر إن الغارات استهدفت مغاور يستخدمها التنظيم للتخفي وتخزين السلاح والذخيرة، وإن
الطيران بقي يحلق في سماء المنطقة ساعات بعد الغارات دون أن تسجل أي تحركات برية.</p>
</article>
<footer><p>جميع الحقوق محفوظة للموقع التجريبي</p><a href="/privacy">سياسة الخصوصية</a></footer>
</body></html>"""


def test_html_main_text_title_first_and_published_from_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    date = '<meta property="article:published_time" content="2021-01-17T08:00:00+02:00">'
    path.write_text(PAGE.format(date=date), encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.id == "page"
    assert article.text.split("\n")[0] == "غارة على مواقع التنظيم قرب معدان"
    assert "مقتل أربعة عناصر" in article.text
    for boilerplate in ("الرئيسية", "قائمة الأقسام", "جميع الحقوق", "سياسة الخصوصية"):
        assert boilerplate not in article.text
    assert article.published == dt.date(2021, 1, 17)


def test_html_without_date_metadata_is_undated(tmp_path: Path) -> None:
    path = tmp_path / "undated.htm"
    path.write_text(PAGE.format(date=""), encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.published is None


def test_html_without_an_article(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>")
    (item,) = list(read_articles([path]))
    assert isinstance(item, ItemError)
    assert "no article text" in item.reason


def test_directories_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "deeper" / "c.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "b.json").write_text(json.dumps({"text": TEXT}), encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert [item.id for item in articles(list(read_articles([tmp_path])))] == ["a", "b", "c"]


def test_missing_path_and_unsupported_file_named_explicitly(tmp_path: Path) -> None:
    other = tmp_path / "table.csv"
    other.write_text("a,b\n", encoding="utf-8")
    items = list(read_articles([tmp_path / "nowhere.txt", other]))
    assert all(isinstance(item, ItemError) for item in items)
    assert "no such file" in items[0].reason
    assert "unsupported file type '.csv'" in items[1].reason


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "lazy.jsonl"
    path.write_text(json.dumps({"id": "1", "text": TEXT}) + "\n", encoding="utf-8")
    stream = read_articles([path, tmp_path / "missing.txt"])
    first = next(stream)
    assert isinstance(first, Article)
    assert isinstance(next(stream), ItemError)


json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=12)
article_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_scalars,
        "text": st.text(max_size=60) | json_scalars | st.lists(json_scalars, max_size=2),
        "published": st.dates().map(str) | json_scalars,
        "url": json_scalars,
        "extra": json_scalars,
    },
)
jsonl_line = st.one_of(
    article_like.map(lambda d: json.dumps(d).encode()),
    st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"\r" not in b),
)


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=st.lists(jsonl_line, max_size=8))
def test_any_jsonl_gives_one_item_per_non_blank_line(tmp_path: Path, lines: list[bytes]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    items = list(read_articles([path], max_text_chars=50))
    expected = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert len(items) == len(expected)
    for lineno, item in zip(expected, items, strict=True):
        if isinstance(item, ItemError):
            assert item.item == f"{path}:{lineno}"
            assert item.reason
        else:
            assert item.text.strip()
            assert len(item.text) <= 50
            assert "\x00" not in item.text


@given(value=st.text(max_size=30))
def test_published_is_a_valid_date_or_an_error(value: str) -> None:
    from rasd.io import readers

    try:
        parsed = readers._published(value, "x")
    except readers._BadItem as exc:
        assert "not a YYYY-MM-DD date" in str(exc)
    else:
        assert parsed is None or parsed.isoformat() == value[:10]
