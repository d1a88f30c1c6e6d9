"""Linking benchmark on synthetic events (``rasd bench`` wires it in).

The generator draws real events over 14 governorates (weighted towards the east and the
desert, as the news is), then about 2.5 reports of each, with the noise real outlets add: a
day off, a coarser place, a missing or generic actor, actors the other way round, a related
sub-event type, different tolls. Every report is its own article. The known truth gives the
pairwise precision and recall of the linking.

The reports are spread over as many days as an archive of that size covers
(``REPORTS_PER_DAY``), so a larger corpus is a longer archive, not a busier day: 10,000
reports span about 13 months and 100,000 about 11 years. A fixed span would make each day
and place ten times busier at 100,000 and measure the density, not the corpus size.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import random
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rasd.link.linker import link_events
from rasd.records import Event, Evidence, Incident, Location

# Governorate, approximate centroid (lat, lon), share of events.
GOVERNORATES: tuple[tuple[str, float, float, float], ...] = (
    ("Deir ez-Zor", 35.0, 40.3, 0.26),
    ("Homs", 34.6, 38.0, 0.16),
    ("Raqqa", 35.9, 38.8, 0.10),
    ("Hasakah", 36.5, 40.8, 0.08),
    ("Aleppo", 36.2, 37.4, 0.08),
    ("Hama", 35.2, 37.0, 0.07),
    ("Idlib", 35.8, 36.6, 0.06),
    ("Daraa", 32.7, 36.2, 0.06),
    ("Rural Damascus", 33.5, 36.6, 0.04),
    ("As-Suwayda", 32.7, 36.7, 0.03),
    ("Damascus", 33.51, 36.29, 0.02),
    ("Latakia", 35.6, 35.9, 0.02),
    ("Quneitra", 33.1, 35.8, 0.01),
    ("Tartus", 34.9, 36.0, 0.01),
)
# (actor1, actor2, sub_event_type, event_type, trigger words), with weights.
SCENARIOS: tuple[tuple[str, str | None, str, str, str, float], ...] = (
    ("islamic-state", "syria-military-2000-2024", "Armed clash", "Battles", "هجوم مسلح", 0.25),
    ("islamic-state", "ndf", "Armed clash", "Battles", "كمين", 0.08),
    ("islamic-state", "sdf", "Armed clash", "Battles", "هجوم على نقطة", 0.10),
    (
        "islamic-state",
        "liwa-al-quds",
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
        "انفجار عبوة ناسفة",
        0.08,
    ),
    (
        "unidentified",
        "civilians",
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
        "انفجار لغم أرضي",
        0.08,
    ),
    (
        "russia-military",
        "islamic-state",
        "Air/drone strike",
        "Explosions/Remote violence",
        "غارات جوية",
        0.12,
    ),
    ("sdf", "islamic-state", "Arrests", "Strategic developments", "حملة اعتقالات", 0.10),
    (
        "islamic-state",
        "civilians",
        "Abduction/forced disappearance",
        "Violence against civilians",
        "اختطاف رعاة",
        0.07,
    ),
    ("unidentified", "civilians", "Attack", "Violence against civilians", "قتل مدنيين", 0.07),
    (
        "syria-military-2000-2024",
        None,
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
        "قصف مدفعي",
        0.05,
    ),
)
RELATED_SUB_EVENT = {
    "Armed clash": "Remote explosive/landmine/IED",
    "Remote explosive/landmine/IED": "Armed clash",
    "Air/drone strike": "Shelling/artillery/missile attack",
    "Attack": "Abduction/forced disappearance",
}
CAMP_SUBSTITUTE = {"syria-military-2000-2024": "ndf", "ndf": "pro-government-militias"}
SOURCES = ("SOHR", "Amaq", "SANA", "Al-Badia 24", "Deir ez-Zor 24", "Enab Baladi", "Liwa al-Quds")
START = dt.date(2014, 1, 1)
# About ten real events a day across Syria in the outlets' news (some 25 reports).
REPORTS_PER_DAY = 25
# Distinct places per governorate (ACLED codes Syria's events at some 5,000 places), with
# hot spots: the k-th place is drawn with weight 1 / (k + PLACE_SKEW).
PLACES_PER_GOVERNORATE = 350
PLACE_SKEW = 5
PLACE_WEIGHTS = tuple(1 / (k + PLACE_SKEW) for k in range(PLACES_PER_GOVERNORATE))


def _places(rng: random.Random) -> dict[str, list[tuple[str, float, float]]]:
    out = {}
    for name, lat, lon, _ in GOVERNORATES:
        out[name] = [
            (f"synth-{name}-{k}", lat + rng.uniform(-0.6, 0.6), lon + rng.uniform(-0.7, 0.7))
            for k in range(PLACES_PER_GOVERNORATE)
        ]
    return out


def _report(rng: random.Random, truth: Event, article: str, centroid: tuple[float, float]) -> Event:
    """One outlet's version of a real event."""
    event = replace(truth, event_id=f"{article}-e0", article_id=article)
    r = rng.random()
    if r < 0.2:
        shift = rng.choice((-1, 1))
        event.event_date = (truth.event_date or START) + dt.timedelta(days=shift)
    elif r < 0.25:
        event.date_precision = "week"
    elif r < 0.26:
        event.event_date, event.date_precision = None, None
    loc = truth.location
    r = rng.random()
    if r < 0.2:
        event.location = replace(loc, geo_precision=2)
    elif r < 0.27:
        event.location = Location(
            admin1=loc.admin1, lat=centroid[0], lon=centroid[1], geo_precision=3
        )
    elif r < 0.29:
        event.location = Location()
    r = rng.random()
    if r < 0.1:
        event.actor2 = None
    elif r < 0.17:
        event.actor1 = "unidentified"
    elif r < 0.2:
        event.actor1, event.actor2 = truth.actor2, truth.actor1
    elif r < 0.25 and event.actor2 in CAMP_SUBSTITUTE:
        event.actor2 = CAMP_SUBSTITUTE[event.actor2]
    if rng.random() < 0.1 and truth.sub_event_type in RELATED_SUB_EVENT:
        event.sub_event_type = RELATED_SUB_EVENT[truth.sub_event_type]
    r = rng.random()
    if r < 0.15:
        event.fatalities = None
    elif r < 0.4 and truth.fatalities:
        event.fatalities = max(0, truth.fatalities + rng.randint(-3, 3))
        if rng.random() < 0.3:
            event.fatalities_max = event.fatalities + rng.randint(1, 3)
    event.reported_by = [rng.choice(SOURCES)]
    event.confidence = round(rng.uniform(0.5, 0.95), 2)
    return event


def synthetic_events(n_events: int, seed: int = 7) -> tuple[list[Event], dict[str, int]]:
    """About ``n_events`` reports of ``n_events / 3`` real events, and report → real event."""
    rng = random.Random(seed)
    days = max(1, round(n_events / REPORTS_PER_DAY))
    places = _places(rng)
    gov_weights = [g[3] for g in GOVERNORATES]
    scenario_weights = [s[5] for s in SCENARIOS]
    events: list[Event] = []
    truth_of: dict[str, int] = {}
    real = 0
    while len(events) < n_events:
        name, lat, lon, _ = rng.choices(GOVERNORATES, gov_weights)[0]
        gaz, p_lat, p_lon = rng.choices(places[name], PLACE_WEIGHTS)[0]
        actor1, actor2, sub, etype, trigger, _ = rng.choices(SCENARIOS, scenario_weights)[0]
        fatalities = rng.choice((0, 0, 1, 1, 2, 2, 3, 4, 5, 7, 10, 15, 22))
        truth = Event(
            event_id="",
            article_id="",
            event_date=START + dt.timedelta(days=rng.randrange(days)),
            date_precision="day",
            event_type=etype,
            sub_event_type=sub,
            actor1=actor1,
            actor1_certainty="reported",
            actor2=actor2,
            location=Location(
                name_en=gaz, admin1=name, lat=p_lat, lon=p_lon, geo_precision=1, gazetteer_id=gaz
            ),
            fatalities=fatalities,
            evidence=[Evidence("sub_event_type", 0, len(trigger), trigger)],
        )
        n_reports = min(1 + int(rng.expovariate(0.5)), 8, n_events - len(events))
        for k in range(n_reports):
            article = f"a{real}-{k}"
            events.append(_report(rng, truth, article, (lat, lon)))
            truth_of[events[-1].event_id] = real
        real += 1
    rng.shuffle(events)
    return events, truth_of


def _pair_quality(groups: Sequence[Sequence[str]], truth_of: dict[str, int]) -> dict[str, float]:
    """Pairwise precision and recall of the predicted grouping against the truth."""
    true_pairs = sum(n * (n - 1) // 2 for n in Counter(truth_of.values()).values())
    predicted = correct = 0
    for group in groups:
        predicted += len(group) * (len(group) - 1) // 2
        for n in Counter(truth_of[e] for e in group).values():
            correct += n * (n - 1) // 2
    return {
        "pair_precision": round(correct / predicted, 4) if predicted else 1.0,
        "pair_recall": round(correct / true_pairs, 4) if true_pairs else 1.0,
    }


def bench_linking(
    sizes: Sequence[int] = (10_000, 100_000), seed: int = 7, repeats: int = 5
) -> dict[str, Any]:
    """Time :func:`link_events` at each size, and the cost ratio of the last size to the
    first.

    Every timing covers as many events whatever the size: a smaller size links
    ``max(sizes) // size`` corpora (seeds ``seed``, ``seed + 1``, …) one after the other,
    and the sizes take turns within each of the ``repeats`` rounds, so a busy moment of the
    machine weighs on every size alike. Per corpus: CPU seconds of one core and wall
    seconds of the best round; quality of the corpus of ``seed``. The cost ratio is the
    median of the rounds' own ratios (the timings of one round follow each other, so they
    share the machine's load); ``cost_ratio_rounds`` lists them all.
    """
    link_events(synthetic_events(1000, seed - 1)[0])  # load the configuration, fill caches
    largest = max(sizes)
    corpora = {
        size: [synthetic_events(size, seed + c) for c in range(max(1, largest // size))]
        for size in sizes
    }
    cpu: dict[int, list[float]] = {size: [] for size in sizes}
    wall: dict[int, list[float]] = {size: [] for size in sizes}
    incidents: dict[int, list[Incident]] = {}
    for _ in range(max(1, repeats)):
        for size in sizes:
            gc.collect()
            started, started_wall = time.process_time(), time.perf_counter()
            linked = [link_events(events) for events, _ in corpora[size]]
            cpu[size].append((time.process_time() - started) / len(linked))
            wall[size].append((time.perf_counter() - started_wall) / len(linked))
            incidents[size] = linked[0]
    results: dict[str, Any] = {"runs": []}
    for size in sizes:
        events, truth_of = corpora[size][0]
        best = min(cpu[size])
        results["runs"].append(
            {
                "events": len(events),
                "corpora_per_round": len(corpora[size]),
                "incidents": len(incidents[size]),
                "real_events": len(set(truth_of.values())),
                "days": len({e.event_date for e in events} - {None}),
                "cpu_seconds": round(best, 3),
                "wall_seconds": round(min(wall[size]), 3),
                "events_per_second": round(len(events) / best) if best else None,
                **_pair_quality([inc.event_ids for inc in incidents[size]], truth_of),
            }
        )
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        ratios = [b / a if a else math.inf for a, b in zip(cpu[first], cpu[last], strict=True)]
        results["cost_ratio"] = round(statistics.median(ratios), 2)
        results["cost_ratio_rounds"] = [round(r, 2) for r in ratios]
        results["size_ratio"] = round(last / first, 2)
    return results
