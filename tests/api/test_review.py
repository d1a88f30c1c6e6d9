"""Confirm, correct, reject, merge and split: audited, kept by re-extraction and
re-linking, and visible in the exports."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from starlette.testclient import TestClient

from rasd.ingest.runner import relink
from rasd.store import Store


def incidents(api: TestClient, **params: Any) -> list[dict[str, Any]]:
    return list(api.get("/api/incidents", params={"limit": 1000, **params}).json()["items"])


def linked_incident(api: TestClient) -> dict[str, Any]:
    return next(i for i in incidents(api) if len(i["event_ids"]) > 1)


def test_a_correction_is_audited_and_survives_relinking(
    api: TestClient, store: Store, token: dict[str, str]
) -> None:
    incident = linked_incident(api)
    url = f"/api/incidents/{incident['incident_id']}"
    response = api.patch(url, json={"fields": {"fatalities": 13, "actor2": "ndf"}}, headers=token)
    assert response.status_code == 200, response.text
    assert response.json()["reviewed_fields"] == ["actor2", "fatalities"]
    assert incident["incident_id"] in {i["incident_id"] for i in incidents(api, actor="ndf")}
    trail = api.get("/api/reviews", params={"target": f"incident:{incident['incident_id']}"})
    lines = {line["field"]: line for line in trail.json()["items"]}
    assert lines["fatalities"]["who"] == "rana"
    assert (lines["fatalities"]["before"], lines["fatalities"]["after"]) == (
        incident["fatalities"],
        13,
    )
    assert lines["fatalities"]["when"].endswith("+00:00")
    relink(store)
    again = api.get(url).json()["incident"]
    assert (again["fatalities"], again["actor2"]) == (13, "ndf")


def test_an_event_correction_survives_reextraction(
    api: TestClient, store: Store, token: dict[str, str]
) -> None:
    event = api.get("/api/events/hostile-1").json()["event"]
    fix = api.patch("/api/events/hostile-1", json={"fields": {"fatalities": 4}}, headers=token)
    assert fix.status_code == 200
    original = store.load_events(event_ids=["hostile-1"])[0]
    original.fatalities, original.injured = 5, 2  # what extraction says again
    store.add_events(event["article_row"], [original])
    again = api.get("/api/events/hostile-1").json()["event"]
    assert (again["fatalities"], again["injured"]) == (4, 2)


def test_bad_corrections_are_400_and_change_nothing(api: TestClient, token: dict[str, str]) -> None:
    url = f"/api/incidents/{linked_incident(api)['incident_id']}"
    for fields in ({"fatalities": "many"}, {"evidence": []}, {"notes": "x"}, {}):
        response = api.patch(url, json={"fields": fields}, headers=token)
        assert response.status_code == 400, (fields, response.text)
    assert api.get(url).json()["incident"]["reviewed_fields"] == []
    assert api.get("/api/reviews").json()["total"] == 0


def test_confirm_and_reject(api: TestClient, store: Store, token: dict[str, str]) -> None:
    first, second = incidents(api)[:2]
    confirmed = api.post(f"/api/incidents/{first['incident_id']}/confirm", headers=token).json()
    assert confirmed["review_status"] == "confirmed"
    assert {"fatalities", "location", "event_ids"} <= set(confirmed["reviewed_fields"])
    rejected = api.post(f"/api/incidents/{second['incident_id']}/reject", headers=token).json()
    assert rejected["review_status"] == "rejected"
    shown = {i["incident_id"] for i in incidents(api)}
    assert second["incident_id"] not in shown and first["incident_id"] in shown
    only_rejected = incidents(api, review="rejected")
    assert [i["incident_id"] for i in only_rejected] == [second["incident_id"]]
    relink(store)
    assert [i["incident_id"] for i in incidents(api, review="rejected")] == [second["incident_id"]]
    actions = [r["action"] for r in api.get("/api/reviews").json()["items"]]
    assert actions == ["reject", "confirm"]  # newest first


def test_merge_and_split_are_kept_by_relinking(
    api: TestClient, store: Store, token: dict[str, str]
) -> None:
    linked = linked_incident(api)
    lone = next(i for i in incidents(api) if len(i["event_ids"]) == 1)
    merged = api.post(
        "/api/incidents/merge",
        json={"incident_ids": [linked["incident_id"], lone["incident_id"]]},
        headers=token,
    )
    assert merged.status_code == 200, merged.text
    merged_id = merged.json()["incident_id"]
    assert sorted(merged.json()["event_ids"]) == sorted(linked["event_ids"] + lone["event_ids"])
    relink(store)
    assert sorted(api.get(f"/api/incidents/{merged_id}").json()["incident"]["event_ids"]) == sorted(
        linked["event_ids"] + lone["event_ids"]
    )
    split = api.post(
        f"/api/incidents/{merged_id}/split", json={"event_ids": lone["event_ids"]}, headers=token
    )
    assert split.status_code == 200, split.text
    parts = split.json()["incidents"]
    assert [sorted(p["event_ids"]) for p in parts] == [
        sorted(linked["event_ids"]),
        sorted(lone["event_ids"]),
    ]
    relink(store)
    after = {i["incident_id"]: sorted(i["event_ids"]) for i in incidents(api, background=True)}
    assert after[parts[0]["incident_id"]] == sorted(linked["event_ids"])
    assert after[parts[1]["incident_id"]] == sorted(lone["event_ids"])
    trail = api.get("/api/reviews", params={"target": f"incident:{parts[1]['incident_id']}"})
    line = trail.json()["items"][0]
    assert line["action"] == "split" and merged_id in line["before"]


def test_impossible_regroupings_are_400(api: TestClient, token: dict[str, str]) -> None:
    linked = linked_incident(api)
    url = f"/api/incidents/{linked['incident_id']}/split"
    everything = {"event_ids": linked["event_ids"]}
    assert api.post(url, json=everything, headers=token).status_code == 400
    assert api.post(url, json={"event_ids": ["stranger"]}, headers=token).status_code == 400
    same = {"incident_ids": [linked["incident_id"], linked["incident_id"]]}
    assert api.post("/api/incidents/merge", json=same, headers=token).status_code == 400
    unknown = {"incident_ids": [linked["incident_id"], "inc-nope"]}
    assert api.post("/api/incidents/merge", json=unknown, headers=token).status_code == 404


def test_exports_say_which_fields_were_reviewed(api: TestClient, token: dict[str, str]) -> None:
    incident = linked_incident(api)
    api.patch(
        f"/api/incidents/{incident['incident_id']}", json={"fields": {"injured": 3}}, headers=token
    )
    lines = api.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    records = {r["incident_id"]: r for r in map(json.loads, lines)}
    assert records[incident["incident_id"]]["reviewed_fields"] == ["injured"]
    assert not any(
        "reviewed_fields" in r for i, r in records.items() if i != incident["incident_id"]
    )
    response = api.get("/api/export", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(response.text))}
    assert rows[incident["incident_id"]]["reviewed_fields"] == "injured"
    assert rows[incident["incident_id"]]["injured"] == "3"
    geojson = api.get("/api/export", params={"format": "geojson", "level": "event"})
    assert geojson.json()["type"] == "FeatureCollection"
