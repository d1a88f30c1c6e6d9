"""``rasd ingest``, ``rasd link``, ``rasd export`` and ``rasd load`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli.main import main

CORPUS = Path(__file__).parents[1] / "data" / "linking_corpus"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'rasd.db'}"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_ingest_then_again_adds_nothing(db: str) -> None:
    code, out, err = run("ingest", str(CORPUS), "--db", db, "--json")
    assert code == 0, err
    first = json.loads(out)
    assert (first["new"], first["near_duplicate"], first["errors"]) == (5, 1, [])
    assert "5 new, 0 duplicate, 1 near-duplicate" in err
    code, out, _ = run("ingest", str(CORPUS), "--db", db, "--json")
    again = json.loads(out)
    assert (code, again["new"], again["duplicate"], again["events"]) == (0, 0, 6, 0)


def test_bad_items_are_reported_with_exit_code_3(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run("ingest", str(CORPUS), str(bad), str(tmp_path / "nope"), "--db", db)
    assert code == 3
    assert f"error: {bad}: not valid JSON" in err
    assert f"error: {tmp_path / 'nope'}: no such file or directory" in err
    assert "5 new" in err and "2 item errors" in err


def test_link_and_export_the_stored_events(db: str, tmp_path: Path) -> None:
    run("ingest", str(CORPUS), "--db", db, "--no-link")
    code, _, err = run("link", "--db", db, "--from", "2024-05-01", "--to", "2024-05-31")
    assert code == 0 and err.startswith("rasd link: ")
    events_path = tmp_path / "events.jsonl"
    code, _, err = run(
        "export",
        "--db",
        db,
        "--format",
        "jsonl",
        "--admin1",
        "Homs",
        "--from",
        "2024-05-10",
        "-o",
        str(events_path),
    )
    assert code == 0, err
    lines = [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines()]
    assert f"rasd export: {len(lines)} events" in err
    assert all(e["location"]["admin1"] == "Homs" and e["event_date"] >= "2024-05-10" for e in lines)
    assert all(not e["background"] for e in lines)
    incidents_path = tmp_path / "incidents.csv"
    code, _, err = run(
        "export", "--db", db, "--level", "incident", "--format", "csv", "-o", str(incidents_path)
    )
    assert code == 0, err
    assert incidents_path.read_text(encoding="utf-8").count("\n") >= 1  # a header at least


def test_bad_dates_and_databases_are_usage_errors(db: str, tmp_path: Path) -> None:
    code, _, err = run("link", "--db", db, "--from", "12/05/2024")
    assert code == 2 and "not a YYYY-MM-DD date" in err
    code, _, err = run("ingest", str(CORPUS), "--db", "mysql://u@h/x")
    assert code == 1 and "unsupported database URL" in err


def test_load_puts_batch_partitions_in_the_store(db: str, tmp_path: Path) -> None:
    from rasd.batch.runner import run_batch

    out = tmp_path / "batch"
    run_batch([CORPUS], out, workers=1, shard_size=4, progress=False)
    code, _, err = run("load", str(out), "--db", db)
    assert code == 0, err
    assert "5 new, 0 duplicate, 1 near-duplicate" in err
    code, _, err = run("load", str(out), "--db", db)
    assert code == 0 and "0 new, 6 duplicate" in err  # copies are known by their text
