"""``rasd bench batch``: the wiring of the batch benchmark (its timings are not tested)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import rasd.batch.bench
from rasd.cli.main import main


@pytest.mark.parametrize(("args", "articles"), [((), 20_000), (("--articles", "500"), 500)])
def test_rasd_bench_batch_prints_the_speed_up(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], articles: int
) -> None:
    seen: list[int] = []

    def fake(n_articles: int) -> dict[str, Any]:
        seen.append(n_articles)
        return {"runs": [{"workers": 1}, {"workers": 2}], "speedup": 1.9}

    monkeypatch.setattr(rasd.batch.bench, "bench_batch", fake)
    result = CliRunner().invoke(main, ["bench", "batch", *args])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert seen == [articles]
    assert lines[1] == {"batch": {"runs": [{"workers": 1}, {"workers": 2}], "speedup": 1.9}}


def test_worker_counts_take_turns_and_the_best_run_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    times = iter([100.0, 60.0, 52.0, 90.0])  # round 1: 1 then 2 workers; round 2: 2 then 1
    calls: list[int] = []

    def fake_run(corpus: Path, out_dir: Path, workers: int, shard_size: int) -> dict[str, Any]:
        assert corpus.is_file() and shard_size == 7
        calls.append(workers)
        return {"workers": workers, "seconds": next(times)}

    monkeypatch.setattr(rasd.batch.bench, "_timed_run", fake_run)
    result = rasd.batch.bench.bench_batch(5, shard_size=7, rounds=2)
    assert calls == [1, 2, 2, 1]
    one, two = result["runs"]
    assert (one["seconds"], one["all_seconds"]) == (90.0, [100.0, 90.0])
    assert (two["seconds"], two["all_seconds"]) == (52.0, [60.0, 52.0])
    assert result["speedup"] == round(90 / 52, 2)
