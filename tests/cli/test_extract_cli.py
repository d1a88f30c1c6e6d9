from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.cli.main import EXIT_ITEM_ERRORS, main
from rasd.io.writers import CSV_COLUMNS
from rasd.records import Article, Event, Location
from rasd.schema import event_errors

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_ARTICLES = 8
GOOD_TEXT = "قتل عنصران من قوات النظام بانفجار عبوة ناسفة على طريق السخنة - تدمر"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def one_event_per_article(article: Article) -> list[Event]:
    """A stand-in extractor: the CLI's job is reading, error handling and writing."""
    return [
        Event(
            event_id=f"{article.id}-e1",
            article_id=article.id,
            event_date=article.published or dt.date(2024, 1, 1),
            date_precision="day",
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED",
            location=Location(name_en="al-Sukhnah", admin1="Homs"),
        )
    ]


def use_extractor(
    monkeypatch: pytest.MonkeyPatch, extract: Callable[[Article], list[Event]]
) -> None:
    """Run the CLI with ``extract`` in place of the real pipeline (whatever state it is in)."""
    module = types.ModuleType("rasd.extract.pipeline")
    module.extract = extract  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "rasd.extract.pipeline", module)


def test_samples_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{SAMPLE_ARTICLES} articles" in result.stderr
    assert read_jsonl(tmp_path / "out.errors.jsonl") == []
    for record in read_jsonl(out):
        assert event_errors(record) == [], record


def test_every_sample_article_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_extractor(monkeypatch, one_event_per_article)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0
    assert len(read_jsonl(out)) == SAMPLE_ARTICLES


def test_csv_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_extractor(monkeypatch, one_event_per_article)
    source = tmp_path / "a.txt"
    source.write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["extract", str(source), "-o", str(out), "--format", "csv"])
    assert result.exit_code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["event_id_cnty"] == "a-e1"
    assert (tmp_path / "events.errors.jsonl").exists()


def test_bad_inputs_are_reported_and_the_rest_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_extractor(monkeypatch, one_event_per_article)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good-1.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (corpus / "good-2.html").write_text(
        f"<html><head><title>خبر</title></head><body><article><p>{GOOD_TEXT}. {GOOD_TEXT}.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (corpus / "image.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 50)
    (corpus / "empty.txt").write_bytes(b"")
    with (corpus / "huge.txt").open("w", encoding="utf-8") as fh:
        line = GOOD_TEXT + "\n"
        for _ in range(60_000_000 // len(line.encode("utf-8")) + 1):
            fh.write(line)
    assert (corpus / "huge.txt").stat().st_size > 60_000_000
    good_line = json.dumps({"id": "wire-1", "text": GOOD_TEXT, "published": "2024-05-02"})
    (corpus / "wire.jsonl").write_text(
        good_line
        + "\n"
        + '{"id": "wire-2", "text": "نص مقطوع\n'
        + good_line.replace("-1", "-3")
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "events.jsonl"
    out.parent.mkdir()

    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(out)])

    assert result.exit_code == EXIT_ITEM_ERRORS
    assert "4 item errors" in result.stderr
    events = read_jsonl(out)
    assert sorted(e["article_id"] for e in events) == ["good-1", "good-2", "wire-1", "wire-3"]
    errors = {e["item"]: e["reason"] for e in read_jsonl(out.with_suffix(".errors.jsonl"))}
    assert set(errors) == {
        str(corpus / "image.txt"),
        str(corpus / "empty.txt"),
        str(corpus / "huge.txt"),
        f"{corpus / 'wire.jsonl'}:2",
    }
    assert "binary" in errors[str(corpus / "image.txt")]
    assert "empty" in errors[str(corpus / "empty.txt")]
    assert "byte limit" in errors[str(corpus / "huge.txt")]
    assert "not valid JSON" in errors[f"{corpus / 'wire.jsonl'}:2"]
    assert sorted(os.listdir(out.parent)) == ["events.errors.jsonl", "events.jsonl"]


def test_an_extraction_crash_is_one_item_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fragile(article: Article) -> list[Event]:
        if "كسر" in article.text:
            raise ZeroDivisionError("division by zero")
        return one_event_per_article(article)

    use_extractor(monkeypatch, fragile)
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            json.dumps({"id": i, "text": t}, ensure_ascii=False)
            for i, t in (("ok-1", GOOD_TEXT), ("bad", "نص كسر المستخرج"), ("ok-2", GOOD_TEXT))
        ),
        encoding="utf-8",
    )
    out, errors = tmp_path / "ev.jsonl", tmp_path / "problems.jsonl"
    result = CliRunner().invoke(
        main, ["extract", str(source), "-o", str(out), "--errors", str(errors)]
    )
    assert result.exit_code == EXIT_ITEM_ERRORS
    assert [e["article_id"] for e in read_jsonl(out)] == ["ok-1", "ok-2"]
    (error,) = read_jsonl(errors)
    assert error["item"] == "bad"
    assert error["error"] == "extraction"
    assert "ZeroDivisionError" in str(error["reason"])


def test_unwritable_output_is_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_extractor(monkeypatch, one_event_per_article)
    source = tmp_path / "a.txt"
    source.write_text(GOOD_TEXT, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "cannot write" in result.output
    assert "Traceback" not in result.output
