"""The API benchmark: the dashboard's requests over a store of 50,000 incidents.

The target (< 300 ms per answer) is met when every request's median is under it; the
slowest single answer is reported too (on a shared machine it mostly measures the load).

The server runs as ``rasd serve`` does (uvicorn, one process) on a loopback port, and a
client times each answer, HTTP included. "First load" is what the page asks for when it
opens: facets, the clusters of the whole country, the weekly timeline stacked by actor
and the first page of the list. "Filter change" is what it asks for after a filter
(actor and a year of dates): clusters, timeline and list again.
"""

from __future__ import annotations

import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

Requests = dict[str, tuple[str, dict[str, Any]]]

FIRST_LOAD: Requests = {
    "facets": ("/api/facets", {"level": "incident"}),
    "clusters": ("/api/map/clusters", {"level": "incident", "cell": 0.25, "limit": 3000}),
    "timeline": (
        "/api/stats",
        {"level": "incident", "by": "week", "stack": "actor", "limit": 1000},
    ),
    "list": ("/api/incidents", {"limit": 25}),
}
FILTER = {"actor": "islamic-state", "date_from": "2022-01-01", "date_to": "2022-12-31"}
FILTER_CHANGE: Requests = {
    "clusters": ("/api/map/clusters", {**FIRST_LOAD["clusters"][1], **FILTER}),
    "timeline": ("/api/stats", {**FIRST_LOAD["timeline"][1], "actor": FILTER["actor"]}),
    "list": ("/api/incidents", {"limit": 25, **FILTER}),
}
TARGET_MS = 300


def bench_api(incidents: int = 50_000, repeats: int = 7) -> dict[str, Any]:
    """Median and worst answer time (ms) of each request, over ``repeats`` rounds."""
    import httpx
    import uvicorn

    from rasd.api.app import create_app
    from rasd.api.synthetic import insert_incidents
    from rasd.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'bench.db'}")
        t0 = time.perf_counter()
        insert_incidents(store, incidents)
        build_s = time.perf_counter() - t0
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                first = _time_all(client, FIRST_LOAD, repeats)
                change = _time_all(client, FILTER_CHANGE, repeats)
        finally:
            server.should_exit = True
            thread.join()
            store.close()
    answers = (*first.values(), *change.values())
    slowest_median = max(r["median_ms"] for r in answers)
    return {
        "incidents": incidents,
        "store": "sqlite",
        "build_s": round(build_s, 2),
        "first_load": first,
        "filter_change": change,
        "first_load_total_median_ms": round(sum(r["median_ms"] for r in first.values()), 1),
        "filter_change_total_median_ms": round(sum(r["median_ms"] for r in change.values()), 1),
        "slowest_median_ms": slowest_median,
        "slowest_answer_ms": max(r["max_ms"] for r in answers),
        "target_ms": TARGET_MS,
        "met": slowest_median < TARGET_MS,
    }


def _time_all(client: Any, requests: Requests, repeats: int) -> dict[str, dict[str, float]]:
    out = {}
    for name, (path, params) in requests.items():
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            response = client.get(path, params=params)
            times.append((time.perf_counter() - t0) * 1000)
            response.raise_for_status()
        out[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
        }
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
