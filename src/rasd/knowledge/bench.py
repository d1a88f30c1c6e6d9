"""Place look-up benchmark (wired into ``rasd bench`` by the CLI)."""

from __future__ import annotations

import time

from rasd.knowledge.gazetteer import load_gazetteer
from rasd.knowledge.places import place_resolver


def bench_place_lookups(n: int = 200_000) -> dict[str, float]:
    """Names resolved per second by ``Gazetteer.candidates`` on one core, and load times.

    The caches are cleared first so the load times are those of a fresh process; the
    names are every gazetteer key plus as many unknown words, cycled to ``n`` look-ups.
    """
    load_gazetteer.cache_clear()
    place_resolver.cache_clear()
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    t1 = time.perf_counter()
    place_resolver()
    t2 = time.perf_counter()
    keys = sorted(gaz.name_keys())
    names = [name for k in keys for name in ("ال" + k, k + "x")]
    lookups = [names[i % len(names)] for i in range(n)]
    found = 0
    start = time.perf_counter()
    for name in lookups:
        if gaz.candidates(name):
            found += 1
    elapsed = time.perf_counter() - start
    return {
        "gazetteer_load_s": round(t1 - t0, 3),
        "resolver_build_s": round(t2 - t1, 3),
        "places": float(len(gaz)),
        "lookups": float(n),
        "found": float(found),
        "lookups_per_s": round(n / elapsed, 1),
    }
