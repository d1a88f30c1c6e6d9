"""The event lexicons: trigger forms match their inflections (definite phrases, duals,
the indefinite accusative)."""

from __future__ import annotations

import pytest

from rasd.knowledge.events import event_lexicons
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize


def _sub_event_types(text: str) -> set[str]:
    tokens = tokenize(normalize(text))
    hits = event_lexicons().triggers.match(tokens)
    return {trig.sub_event_type for hit in hits for trig in hit.payloads}


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("نفذت طائرات التحالف الضربة الجوية فجرا", "Air/drone strike"),  # definite phrase
        ("وقعت الغارات الجوية على البلدة", "Air/drone strike"),
        ("استهدفت قوات النظام البلدة بقذيفتين", "Shelling/artillery/missile attack"),  # dual
        ("سقطت قذيفتان على الحي", "Shelling/artillery/missile attack"),
        ("شنت الطائرات غارتين على القرية", "Air/drone strike"),
        ("نفذ التنظيم هجومًا انتحاريًا على الحاجز", "Suicide bomb"),  # accusative phrase
    ],
)
def test_inflected_forms_are_triggers(text: str, sub_event_type: str) -> None:
    assert sub_event_type in _sub_event_types(text)


def test_plural_and_accusative_forms_get_no_dual() -> None:
    # "غارات" is already plural: no "غاراتين"; the lexicon holds what the data lists
    assert "غاراتين" not in event_lexicons().triggers
    assert "غارتين" in event_lexicons().triggers
