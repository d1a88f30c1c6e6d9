"""The linking benchmark's synthetic data and report (timings are measured by `rasd bench`)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.cli.main import main
from rasd.link.bench import GOVERNORATES, REPORTS_PER_DAY, bench_linking, synthetic_events


def test_synthetic_events_look_like_several_reports_of_real_events() -> None:
    events, truth = synthetic_events(3000, seed=5)
    assert len(events) == 3000 == len(truth)
    per_real = Counter(truth.values())
    assert 2.0 <= len(events) / len(per_real) <= 4.0
    assert len({e.article_id for e in events}) == len(events)  # one article per report
    admin1 = {e.location.admin1 for e in events} - {None}
    assert admin1 <= {g[0] for g in GOVERNORATES}
    assert len(admin1) >= 12
    assert synthetic_events(300, seed=5)[0] == synthetic_events(300, seed=5)[0]


def test_a_larger_corpus_is_a_longer_archive_not_a_busier_day() -> None:
    def reports_per_day(n: int) -> float:
        days = [e.event_date for e in synthetic_events(n, seed=5)[0] if e.event_date]
        return len(days) / ((max(days) - min(days)).days + 1)

    small, large = reports_per_day(2000), reports_per_day(20_000)
    assert 0.8 * REPORTS_PER_DAY < small < 1.2 * REPORTS_PER_DAY
    assert large == pytest.approx(small, rel=0.1)


def test_bench_reports_sizes_quality_and_cost_ratio() -> None:
    result = bench_linking(sizes=(300, 900), seed=2)
    small, large = result["runs"]
    assert (small["events"], large["events"]) == (300, 900)
    assert (small["corpora_per_round"], large["corpora_per_round"]) == (3, 1)
    assert result["size_ratio"] == 3.0
    rounds = result["cost_ratio_rounds"]
    assert len(rounds) == 5 and all(r > 0 for r in rounds)
    assert result["cost_ratio"] == sorted(rounds)[2]
    for run in result["runs"]:
        assert run["pair_precision"] > 0.8
        assert run["pair_recall"] > 0.6


def test_rasd_bench_link_prints_the_linking_result(monkeypatch: pytest.MonkeyPatch) -> None:
    import rasd.link.bench

    seen: list[tuple[int, ...]] = []

    def small(sizes: tuple[int, ...]) -> dict[str, Any]:
        seen.append(sizes)
        return bench_linking(sizes=(200, 400), repeats=1)

    monkeypatch.setattr(rasd.link.bench, "bench_linking", small)
    result = CliRunner().invoke(main, ["bench", "link"])
    assert result.exit_code == 0, result.output
    machine, link = (json.loads(line) for line in result.output.splitlines())
    assert "cores" in machine["machine"]
    assert seen == [(10_000, 100_000)]
    assert [run["events"] for run in link["link"]["runs"]] == [200, 400]
    assert link["link"]["size_ratio"] == 2.0
