"""Lists with filters and paging; one incident or event with its articles and evidence;
the fields' names."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from rasd.schema import event_fields


def items(api: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = api.get(path, params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_incidents_are_paged_newest_first(api: TestClient) -> None:
    everything = items(api, "/api/incidents")
    first = api.get("/api/incidents", params={"limit": 3}).json()
    second = api.get("/api/incidents", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == len(everything) > 6
    assert [i["incident_id"] for i in first["items"] + second["items"]] == [
        i["incident_id"] for i in everything[:6]
    ]
    days = [i["event_date"] for i in everything if i["event_date"]]
    assert days == sorted(days, reverse=True)
    assert api.get("/api/incidents", params={"offset": 10_000}).json()["items"] == []


def test_filters_narrow_the_incidents(api: TestClient) -> None:
    everything = items(api, "/api/incidents")
    islamic_state = items(api, "/api/incidents", actor="islamic-state")
    assert islamic_state and len(islamic_state) < len(everything)
    for incident in islamic_state:
        sides = {incident["actor1"], incident["actor2"], *incident["assoc_actor1"]}
        assert "islamic-state" in sides | set(incident["assoc_actor2"])
    homs = items(api, "/api/incidents", admin1="Homs")
    assert homs and {i["location"]["admin1"] for i in homs} == {"Homs"}
    strikes = items(api, "/api/incidents", event_type="Air/drone strike")
    assert strikes and {i["sub_event_type"] for i in strikes} == {"Air/drone strike"}
    window = items(api, "/api/incidents", date_from="2024-01-01", date_to="2024-06-30")
    assert window and all("2024-01-01" <= i["event_date"] <= "2024-06-30" for i in window)
    deadly = items(api, "/api/incidents", min_fatalities=5, max_fatalities=12)
    assert deadly and all(5 <= i["fatalities"] <= 12 for i in deadly)


def test_text_search_reads_the_articles_and_place_names(api: TestClient) -> None:
    found = items(api, "/api/incidents", q="السخنة")  # in the linking corpus' articles
    assert found
    for incident in found:
        reports = api.get(f"/api/incidents/{incident['incident_id']}").json()["reports"]
        assert any("السخنة" in report["article"]["text"] for report in reports)
    assert items(api, "/api/incidents", q="Tadmor")
    assert items(api, "/api/incidents", q="no such words anywhere") == []
    assert items(api, "/api/incidents", q="100%_") == []  # LIKE wildcards are literal


def test_background_events_only_on_request(api: TestClient) -> None:
    news = items(api, "/api/events")
    everything = items(api, "/api/events", background=True)
    assert not any(e["background"] for e in news)
    assert any(e["background"] for e in everything) and len(everything) > len(news)


def test_incident_detail_has_every_report_with_article_and_evidence(api: TestClient) -> None:
    linked = next(i for i in items(api, "/api/incidents") if len(i["article_ids"]) > 1)
    detail = api.get(f"/api/incidents/{linked['incident_id']}").json()
    assert detail["incident"]["incident_id"] == linked["incident_id"]
    assert len(detail["reports"]) == len(linked["event_ids"]) >= 2
    for report in detail["reports"]:
        text = report["article"]["text"]
        assert report["event"]["evidence"]
        for span in report["event"]["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_event_detail_shows_the_other_reports(api: TestClient) -> None:
    linked = next(i for i in items(api, "/api/incidents") if len(i["event_ids"]) > 1)
    first, *others = linked["event_ids"]
    detail = api.get(f"/api/events/{first}").json()
    assert detail["event"]["incident_id"] == linked["incident_id"]
    assert detail["article"]["id"] == detail["event"]["article_row"]
    assert sorted(r["event"]["event_id"] for r in detail["other_reports"]) == sorted(others)


def test_unknown_records_are_404(api: TestClient) -> None:
    assert api.get("/api/incidents/inc-nope").status_code == 404
    assert api.get("/api/events/nope").json()["detail"] == "no event with id 'nope'"


def test_geojson_and_facets(api: TestClient) -> None:
    collection = api.get("/api/geojson", params={"limit": 5}).json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) <= 5
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 43 and 32 < lat < 38
    facets = api.get("/api/facets").json()
    actors = {f["value"]: f for f in facets["actor"]}
    assert actors["islamic-state"]["label_ar"] == "تنظيم الدولة الإسلامية"
    assert {f["value"] for f in facets["admin1"]} >= {"Homs", "Deir ez-Zor"}
    assert facets["date_min"] <= facets["date_max"]


def test_fields_are_named_in_both_languages_in_the_shown_order(api: TestClient) -> None:
    fields = api.get("/api/fields").json()
    assert [f["name"] for f in fields] == [f.name for f in event_fields()]
    assert fields[0] == {"name": "event_date", "en": "Date", "ar": "التاريخ"}
