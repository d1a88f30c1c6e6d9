"""The shipped map outlines and the demo store."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.api.demo import DemoError, build_demo_store, demo_token
from rasd.store import Store
from rasd.web import STATIC_DIR

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def test_boundaries_name_governorates_as_the_events_do() -> None:
    data = json.loads((STATIC_DIR / "boundaries.json").read_text(encoding="utf-8"))
    admin1_tsv = REPO / "src/rasd/knowledge/data/admin1.tsv"
    with admin1_tsv.open(encoding="utf-8") as fh:
        names = {row["admin1"] for row in csv.DictReader(fh, delimiter="\t")}
    assert {f["properties"]["name_en"] for f in data["admin1"]["features"]} == names
    districts = data["admin2"]["features"]
    assert len(districts) == 62 and {f["properties"]["admin1"] for f in districts} == names
    assert all(f["properties"]["name_ar"] for f in districts)
    assert "OCHA" in data["attribution"]
    assert (STATIC_DIR / "boundaries.json").stat().st_size < 150_000


def test_the_build_script_reproduces_the_shipped_file(tmp_path: Path) -> None:
    if not (SHARED / "data" / "admin_boundaries").is_dir():
        pytest.skip("../shared/data/admin_boundaries is not on this machine")
    script = REPO / "scripts" / "build_boundaries.py"
    subprocess.run([sys.executable, script, "--out", tmp_path], check=True, capture_output=True)
    assert (tmp_path / "boundaries.json").read_bytes() == (
        STATIC_DIR / "boundaries.json"
    ).read_bytes()


def test_demo_store_needs_its_articles(tmp_path: Path) -> None:
    with pytest.raises(DemoError, match="demo articles not found"):
        build_demo_store(tmp_path / "demo.db", [tmp_path / "missing"])


def test_demo_store_is_built_once_and_gets_a_fresh_token(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text((REPO / "samples" / "01_amaq_ambush_rusafa.txt").read_text("utf-8"))
    url = build_demo_store(tmp_path / "demo.db", [article])
    with Store.open(url) as store:
        assert store.counts()["articles"] == 1
        first = demo_token(store)
        second = demo_token(store)
        assert store.token_owner(first) is None and store.token_owner(second) == "demo"
    article.unlink()
    article.write_text("another text entirely", encoding="utf-8")
    assert build_demo_store(tmp_path / "demo.db", [article]) == url
    with Store.open(url) as store:
        assert store.counts()["articles"] == 1  # not built again
