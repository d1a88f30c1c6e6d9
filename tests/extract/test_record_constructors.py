"""The fast constructors of frozen records give the records their dataclasses give."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rasd.records import (
    DateExpr,
    Evidence,
    Location,
    Quantity,
    Span,
    make_date_expr,
    make_location,
    make_quantity,
    make_span,
    slot_constructor,
)


def test_made_records_equal_the_dataclasses() -> None:
    span = make_span(3, 9, "عنصرين")
    loc = Location("Palmyra", "تدمر", "Homs", None, 34.56, 38.27, 1, "g1")
    assert make_location(*dataclasses.astuple(loc)) == loc
    assert make_location(**dataclasses.asdict(loc)) == loc
    assert make_quantity(2, span, False, None, True) == Quantity(2, span, dual=True)
    day = dt.date(2024, 5, 1)
    assert make_date_expr(span, day, "day", "relative", False) == DateExpr(
        span, day, "day", "relative"
    )
    assert Evidence.of("fatalities", span) == Evidence("fatalities", 3, 9, "عنصرين")
    made = slot_constructor(Location)(*dataclasses.astuple(loc))
    assert made == loc and hash(made) == hash(loc)


def test_made_records_stay_frozen() -> None:
    loc = make_location("a", "b", None, None, None, None, None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loc.name_en = "c"  # type: ignore[misc]
    assert isinstance(make_span(0, 1, "x"), Span)


def test_every_field_is_required() -> None:
    with pytest.raises(TypeError):
        make_location("a", "b")
