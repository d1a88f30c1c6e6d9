"""Synthetic incidents written straight into the store's table in bulk, for the API
benchmark (50,000 incidents in a few seconds) and the query tests."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import insert

from rasd.store import Store
from rasd.store.models import IncidentRow, actors_key

ACTORS = (
    "islamic-state",
    "syria-military-2000-2024",
    "sdf",
    "russia-military",
    "us-coalition",
    "unidentified",
    "ndf",
    "turkey-military",
)
TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Arrests"),
)
PLACES = (  # admin1, lat, lon of a town; incidents scatter up to ~0.5° around it
    ("Deir ez-Zor", 35.336, 40.141),
    ("Homs", 34.557, 38.281),
    ("Raqqa", 35.95, 39.01),
    ("Aleppo", 36.2, 37.16),
    ("Idlib", 35.93, 36.63),
    ("Daraa", 32.62, 36.1),
    ("Hasakah", 36.5, 40.75),
    ("Hama", 35.13, 36.75),
)
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = 6 * 365


def synthetic_incident(rng: random.Random, number: int) -> dict[str, Any]:
    admin1, lat, lon = rng.choice(PLACES)
    event_type, sub_event_type = rng.choice(TYPES)
    actor1, actor2 = rng.sample(ACTORS, 2)
    assoc2 = [rng.choice(ACTORS)] if rng.random() < 0.1 else []
    fatalities = rng.choice((None, 0, 1, 2, 3, 5, 8, 13, 21))
    return {
        "incident_id": f"syn-{number:07d}",
        "event_ids": [f"syn-{number:07d}-e"],
        "article_ids": [f"syn-{number:07d}-a"],
        "provenance": {},
        "event_date": FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
        "date_precision": "day",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "actor1_certainty": "reported",
        "actor2": actor2,
        "assoc_actor1": [],
        "assoc_actor2": assoc2,
        "actors": actors_key(actor1, actor2, [], assoc2),
        "location_name_en": f"{admin1} {number % 97}",
        "location_name_ar": None,
        "admin1": admin1,
        "admin2": None,
        "lat": round(lat + rng.uniform(-0.5, 0.5), 5),
        "lon": round(lon + rng.uniform(-0.5, 0.5), 5),
        "geo_precision": 1,
        "gazetteer_id": None,
        "fatalities": fatalities,
        "fatalities_max": None,
        "injured": None,
        "claimed_by": None,
        "reported_by": ["SOHR"],
        "background": rng.random() < 0.05,
        "confidence": 0.7,
        "reviewed_fields": [],
        "review_status": None,
        "updated_at": dt.datetime.now(dt.UTC),
    }


def insert_incidents(store: Store, count: int, *, seed: int = 7, batch: int = 5000) -> None:
    """Add ``count`` synthetic incidents (ids ``syn-…``) with bulk inserts."""
    rng = random.Random(seed)
    with store.engine.begin() as connection:
        for start in range(0, count, batch):
            rows = [synthetic_incident(rng, n) for n in range(start, min(start + batch, count))]
            connection.execute(insert(IncidentRow), rows)
