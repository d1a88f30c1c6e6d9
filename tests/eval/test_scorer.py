from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.errors import GoldFormatError, PredictionFormatError
from rasd.eval.scorer import FIELDS, evaluate, name_key, read_gold, read_predictions, score

TYPES = {
    "Armed clash": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Abduction/forced disappearance": "Violence against civilians",
}


def ev(
    date: str | None = "2024-03-12",
    precision: str | None = "day",
    sub: str = "Armed clash",
    admin1: str | None = "Raqqa",
    name: str | None = "al-Rusafa",
    **fields: Any,
) -> dict[str, Any]:
    """A scorer-relevant event; ``lat``, ``lon``, ``name_ar``, ``alternatives`` go to location."""
    location = {"name_en": name, "name_ar": None, "admin1": admin1, "lat": None, "lon": None}
    for key in ("lat", "lon", "name_ar", "alternatives"):
        if key in fields:
            location[key] = fields.pop(key)
    event = {
        "event_date": date,
        "date_precision": precision,
        "event_type": TYPES[sub],
        "sub_event_type": sub,
        "actor1": "islamic-state",
        "actor2": "ndf",
        "location": location,
        "fatalities": 3,
        "background": False,
    }
    event.update(fields)
    return event


def test_gold_as_prediction_scores_one() -> None:
    gold = {
        "a": [ev(), ev(sub="Air/drone strike", actor1="russia-military"), ev(background=True)],
        "b": [ev(date=None, precision=None, admin1=None, name=None)],
    }
    result = score(gold, gold)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert (result.predicted, result.gold, result.matched, result.neutral) == (3, 3, 3, 1)
    assert set(result.field_accuracy().values()) == {1.0}
    assert result.articles == []


def test_empty_prediction_scores_zero() -> None:
    result = score({"a": [ev(), ev(sub="Air/drone strike")]}, {})
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)
    assert result.field_accuracy() == dict.fromkeys(FIELDS)
    assert len(result.articles[0].misses) == 2


@pytest.mark.parametrize(
    ("gold_date", "precision", "pred_date", "matches"),
    [
        ("2024-03-12", "day", "2024-03-12", True),
        ("2024-03-12", "day", "2024-03-13", False),
        ("2024-03-12", "week", "2024-03-09", True),
        ("2024-03-12", "week", "2024-03-15", True),
        ("2024-03-12", "week", "2024-03-16", False),
        ("2024-03-12", "week", "2024-03-08", False),
        ("2024-03-15", "month", "2024-03-01", True),
        ("2024-03-15", "month", "2024-03-31", True),
        ("2024-03-15", "month", "2024-02-29", False),
        ("2024-03-15", "month", "2023-03-15", False),
        (None, None, None, True),
        (None, None, "2024-03-12", False),
        ("2024-03-12", "day", None, False),
    ],
)
def test_dates_agree_by_the_gold_precision(
    gold_date: str | None, precision: str | None, pred_date: str | None, matches: bool
) -> None:
    result = score(
        {"a": [ev(date=gold_date, precision=precision)]},
        {"a": [ev(date=pred_date, precision="day")]},
    )
    assert result.matched == int(matches)


@pytest.mark.parametrize(
    ("gold_admin1", "pred_admin1", "matches"),
    [("Raqqa", "Raqqa", True), ("Raqqa", "Homs", False), (None, None, True), (None, "Homs", False)],
)
def test_admin1_must_agree(gold_admin1: str | None, pred_admin1: str | None, matches: bool) -> None:
    result = score({"a": [ev(admin1=gold_admin1)]}, {"a": [ev(admin1=pred_admin1)]})
    assert result.matched == int(matches)


def test_same_sub_event_type_wins_one_to_one() -> None:
    gold = {"a": [ev(sub="Armed clash"), ev(sub="Air/drone strike")]}
    pred = {"a": [ev(sub="Air/drone strike"), ev(sub="Armed clash")]}
    result = score(gold, pred)
    assert result.matched == 2
    assert result.field_accuracy()["sub_event_type"] == 1.0


def test_one_prediction_matches_at_most_one_gold_event() -> None:
    result = score({"a": [ev(), ev(actor2="liwa-al-quds")]}, {"a": [ev()]})
    assert (result.matched, result.predicted, result.gold) == (1, 1, 2)
    assert result.precision == 1.0
    assert result.recall == 0.5
    assert result.field_accuracy()["actor2"] == 1.0  # paired with the gold event it agrees with


def test_nearest_place_wins_among_same_type_candidates() -> None:
    gold = {
        "a": [
            ev(name="al-Rusafa", lat=35.63, lon=38.76, fatalities=1),
            ev(name="Maadan", lat=35.74, lon=39.66, fatalities=2),
        ]
    }
    near_maadan = ev(name="Maadan Atiq", lat=35.72, lon=39.61, fatalities=5)
    result = score(gold, {"a": [near_maadan]})
    assert result.matched == 1
    assert result.field_accuracy()["location"] == 1.0
    assert result.articles[0].misses[0]["location"] == "al-Rusafa"


def test_greedy_takes_the_best_pair_first() -> None:
    gold = {"a": [ev(sub="Armed clash", name="Maadan"), ev(sub="Armed clash", name="al-Rusafa")]}
    pred = {"a": [ev(sub="Armed clash", name="al-Rusafa")]}
    result = score(gold, pred)
    assert result.matched == 1
    assert result.articles[0].misses[0]["location"] == "Maadan"


def test_background_matches_are_neutral() -> None:
    gold = {"a": [ev(), ev(sub="Air/drone strike", date="2023-01-05", background=True)]}
    with_background = score(gold, {"a": [ev(), ev(sub="Air/drone strike", date="2023-01-05")]})
    without = score(gold, {"a": [ev()]})
    assert with_background.neutral == 1
    assert (with_background.predicted, with_background.matched) == (1, 1)
    assert with_background.precision == without.precision == 1.0
    assert with_background.recall == without.recall == 1.0
    assert without.articles == []  # an unmatched background gold event is no miss


def test_unmatched_predictions_are_false_positives() -> None:
    result = score({"a": [ev()]}, {"a": [ev(), ev(date="2024-03-20")]})
    assert (result.predicted, result.matched) == (2, 1)
    assert result.precision == 0.5
    (fp,) = result.articles[0].false_positives
    assert fp["event_date"] == "2024-03-20"


def test_location_by_alternative_name_arabic_name_or_normalised_spelling() -> None:
    gold = ev(name="Palmyra desert", name_ar="بادية تدمر", alternatives=["Palmyra", "al-Sukhnah"])
    for pred in (
        ev(name="Al Sukhnah"),
        ev(name="Palmyra"),
        ev(name=None, name_ar="باديه تدمر"),
    ):
        assert score({"a": [gold]}, {"a": [pred]}).field_accuracy()["location"] == 1.0
    wrong = score({"a": [gold]}, {"a": [ev(name="Arak")]})
    assert wrong.matched == 1
    assert wrong.field_accuracy()["location"] == 0.0


@pytest.mark.parametrize(("lon", "right"), [(38.98, True), (39.10, False)])
def test_location_within_25_km(lon: float, right: bool) -> None:
    gold = ev(name="al-Rusafa", lat=35.63, lon=38.76)  # 0.22° of longitude here ≈ 20 km
    pred = ev(name="somewhere else", lat=35.63, lon=lon)
    assert score({"a": [gold]}, {"a": [pred]}).field_accuracy()["location"] == float(right)


def test_no_place_on_either_side_is_the_same_place() -> None:
    gold = ev(name=None, admin1=None)
    assert (
        score({"a": [gold]}, {"a": [ev(name=None, admin1=None)]}).field_accuracy()["location"]
        == 1.0
    )
    assert (
        score({"a": [gold]}, {"a": [ev(name="Hama", admin1=None)]}).field_accuracy()["location"]
        == 0.0
    )


def test_field_accuracy_on_matched_pairs() -> None:
    gold = {"a": [ev(fatalities=None), ev(date="2024-03-14", fatalities=4)]}
    pred = {"a": [ev(fatalities=None, actor2="liwa-al-quds"), ev(date="2024-03-14", fatalities=5)]}
    accuracy = score(gold, pred).field_accuracy()
    assert accuracy["fatalities"] == 0.5  # null = null is right, 5 for 4 is wrong
    assert accuracy["actor2"] == 0.5
    assert accuracy["actor1"] == accuracy["event_type"] == accuracy["event_date"] == 1.0


def test_event_date_field_is_exact_even_when_the_week_matches() -> None:
    result = score({"a": [ev(precision="week")]}, {"a": [ev(date="2024-03-14")]})
    assert result.matched == 1
    assert result.field_accuracy()["event_date"] == 0.0
    assert result.articles[0].wrong_fields[0]["fields"] == ["event_date"]


def test_predictions_for_articles_not_in_gold_are_ignored_and_counted() -> None:
    result = score({"a": [ev()]}, {"a": [ev()], "z": [ev(), ev()], "y": [ev()]})
    assert (result.precision, result.predicted) == (1.0, 1)
    assert result.ignored_events == 3
    assert result.ignored_articles == ["y", "z"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("al-Sukhnah", "As Sukhnah"), ("Deir ez-Zor", "deir ez zor"), ("السخنة", "سخنه")],
)
def test_name_key_folds_spelling(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


subs = st.sampled_from(sorted(TYPES))
dates = st.dates().map(lambda d: d.isoformat())
gold_events = st.builds(
    ev,
    date=st.none() | dates,
    precision=st.sampled_from(["day", "week", "month"]),
    sub=subs,
    admin1=st.sampled_from(["Raqqa", "Homs", None]),
    name=st.sampled_from(["al-Rusafa", "Maadan", None]),
    background=st.booleans(),
    fatalities=st.none() | st.integers(0, 30),
)
corpora = st.dictionaries(st.sampled_from("abc"), st.lists(gold_events, max_size=4), max_size=3)


@given(gold=corpora)
def test_any_gold_scored_against_itself_is_perfect(gold: dict[str, list[dict[str, Any]]]) -> None:
    result = score(gold, gold)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert all(value in (None, 1.0) for value in result.field_accuracy().values())


@given(gold=corpora, pred=corpora)
def test_scores_are_bounded_and_counts_consistent(
    gold: dict[str, list[dict[str, Any]]], pred: dict[str, list[dict[str, Any]]]
) -> None:
    result = score(gold, pred)
    assert 0.0 <= result.precision <= 1.0
    assert 0.0 <= result.recall <= 1.0
    assert result.matched <= min(result.predicted, result.gold)
    counted = sum(len(pred[a]) for a in pred if a in gold)
    assert result.predicted + result.neutral == counted


WriteJsonl = Callable[[str, list[dict[str, Any]]], Path]


def test_files_gold_as_prediction_and_event_lines(write_jsonl_file: WriteJsonl) -> None:
    gold = write_jsonl_file("g.jsonl", [{"id": "a", "text": "نص", "events": [ev(), ev(date=None)]}])
    pred = write_jsonl_file("p.jsonl", [{**ev(), "article_id": "a"}])
    assert evaluate(gold, gold).f1 == 1.0
    result = evaluate(gold, pred)
    assert (result.matched, result.gold) == (1, 2)
    assert read_predictions(gold) == {"a": [ev(), ev(date=None)]}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "events": [', "not valid JSON"),
        ('["a"]', "expected a JSON object"),
        ('{"events": []}', "needs a string 'id'"),
        ('{"id": "a"}', "no 'events' list"),
        ('{"id": "a", "events": [{"event_date": "12/03/2024"}]}', "event_date"),
        ('{"id": "a", "events": [{"date_precision": "year"}]}', "date_precision"),
        ('{"id": "a", "events": [{"location": "Homs"}]}', "location must be an object"),
        ('{"id": "a", "events": ["x"]}', "must be a JSON object"),
    ],
)
def test_bad_gold_files(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message) as info:
        read_gold(path)
    assert str(path) in str(info.value)


def test_duplicate_gold_article(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "events": []}\n' * 2, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold.jsonl:2: article id 'a' appears twice"):
        read_gold(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"event_date": "2024-03-12"}\n', "needs an 'article_id'"),
        (b'{"article_id": "", "event_date": null}\n', "non-empty string"),
        (b'{"article_id": "a", "event_date": "2024-02-30"}\n', "event_date"),
        (b'{"article_id": "\xff"}\n', "not UTF-8"),
    ],
)
def test_bad_prediction_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_bytes(content)
    with pytest.raises(PredictionFormatError, match=message):
        read_predictions(path)


def test_missing_prediction_file(tmp_path: Path) -> None:
    with pytest.raises(PredictionFormatError, match="cannot read"):
        read_predictions(tmp_path / "none.jsonl")


@pytest.mark.parametrize("name", ["seeds.gold.jsonl", "news.gold.jsonl"])
def test_dev_gold_against_itself_and_nothing(shared_dir: Path, name: str, tmp_path: Path) -> None:
    gold = shared_dir / "dev" / name
    perfect = evaluate(gold, gold)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    nothing = evaluate(gold, empty)
    assert (nothing.precision, nothing.recall, nothing.f1) == (0.0, 0.0, 0.0)
    assert nothing.gold == perfect.gold > 0
    json.dumps(perfect.to_dict())  # the --json output is serialisable
