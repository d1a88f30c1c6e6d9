"""Acceptance: the linking corpus (tests/data/linking_corpus) after ingest + link.

Three outlets report one ambush on different days with tolls of 12, 15 and 17; a fourth
syndicates one of them; the same day an attack on a checkpoint a few km away is reported
twice. Expected: the syndicated copy is a near duplicate of its source and is not
extracted, and there are exactly two attack incidents with all their reports and the right
fatality range, plus the army's reinforcements after the ambush (a Strategic development,
as the dev gold codes reinforcements and sweeps). This runs the real extraction
(rasd.extract.pipeline) and linker.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from rasd.ingest.runner import ingest
from rasd.store import Store
from rasd.store.models import ArticleRow

CORPUS = Path(__file__).parents[1] / "data" / "linking_corpus"
AMBUSH = [
    "badia-monitor-20240515-mourning",
    "homs-news-20240514-toll",
    "levant-wire-20240513-ambush",
]
CHECKPOINT = ["badia-monitor-20240513-checkpoint", "homs-news-20240513-checkpoint"]
SYNDICATED, SOURCE = "sham-daily-20240514-sukhnah", "homs-news-20240514-toll"


def test_corpus_gives_the_right_incidents(store_url: str) -> None:
    with Store.open(store_url) as store:
        report = ingest([CORPUS], store)
        if report.events == 0:
            pytest.xfail("rasd.extract.pipeline.extract finds no events yet")
        assert report.errors == []
        assert (report.new, report.near_duplicate) == (5, 1)
        with store.engine.connect() as connection:
            rows = dict(connection.execute(select(ArticleRow.key, ArticleRow.id)).all())
            first = connection.scalar(
                select(ArticleRow.duplicate_of).where(ArticleRow.key == SYNDICATED)
            )
        assert first == rows[SOURCE]
        events = {e["event_id"]: e for e in store.iter_records("event")}
        assert all(e["article_id"] != SYNDICATED for e in events.values())

        incidents = list(store.iter_records("incident"))
        news = [i for i in incidents if not i["background"]]
        attacks = [i for i in news if i["event_type"] != "Strategic developments"]
        assert sorted(sorted(i["article_ids"]) for i in attacks) == sorted([AMBUSH, CHECKPOINT])
        (reinforcements,) = [i for i in news if i not in attacks]
        assert reinforcements["sub_event_type"] == "Change to group/activity"
        assert reinforcements["actor1"] == "syria-military-2000-2024"
        assert reinforcements["article_ids"] == [SOURCE]
        assert reinforcements["location"]["admin1"] == "Homs"
        for incident in attacks:
            assert not any(events[e]["background"] for e in incident["event_ids"])
            assert incident["event_date"] == "2024-05-12"
            assert incident["actor1"] == "islamic-state"
            assert incident["location"]["admin1"] == "Homs"

        ambush = next(i for i in news if sorted(i["article_ids"]) == AMBUSH)
        assert (ambush["fatalities"], ambush["fatalities_max"]) == (12, 17)
        assert ambush["actor2"] == "liwa-al-quds"
        checkpoint = next(i for i in news if sorted(i["article_ids"]) == CHECKPOINT)
        assert checkpoint["fatalities"] == 4
        assert checkpoint["fatalities_max"] in (None, 4)
        assert checkpoint["actor2"] == "syria-military-2000-2024"

        # ingesting the corpus again changes nothing
        before = store.counts()
        again = ingest([CORPUS], store)
        assert (again.new, again.duplicate, store.counts()) == (0, 6, before)
