"""The linking benchmark's synthetic data and report (timings are measured by `rasd bench`)."""

from __future__ import annotations

from collections import Counter

from rasd.link.bench import GOVERNORATES, bench_linking, synthetic_events


def test_synthetic_events_look_like_several_reports_of_real_events() -> None:
    events, truth = synthetic_events(3000, seed=5)
    assert len(events) == 3000 == len(truth)
    per_real = Counter(truth.values())
    assert 2.0 <= len(events) / len(per_real) <= 4.0
    assert len({e.article_id for e in events}) == len(events)  # one article per report
    admin1 = {e.location.admin1 for e in events} - {None}
    assert admin1 <= {g[0] for g in GOVERNORATES}
    assert len(admin1) >= 12
    days = sorted(e.event_date for e in events if e.event_date)
    assert (days[-1] - days[0]).days > 3 * 365
    assert synthetic_events(300, seed=5)[0] == synthetic_events(300, seed=5)[0]


def test_bench_reports_sizes_quality_and_cost_ratio() -> None:
    result = bench_linking(sizes=(300, 900), seed=2)
    small, large = result["runs"]
    assert (small["events"], large["events"]) == (300, 900)
    assert result["size_ratio"] == 3.0
    assert result["cost_ratio"] > 0
    for run in result["runs"]:
        assert run["pair_precision"] > 0.8
        assert run["pair_recall"] > 0.6
