"""The analyst's path through the dashboard in a real browser: filter by actor, brush the
timeline, open an incident from the map, read the highlighted evidence in the Arabic text
(where markup stays text), correct a field with a token, then find the correction in the
audit trail and in the export. Screenshots go to out/test-artifacts/."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

TIMEOUT_MS = 15_000


def query_of(page: Any) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def open_page(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.errors = errors
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=TIMEOUT_MS)
    return page


def test_filter_brush_open_review_and_find_it_in_audit_and_export(
    browser: Any, served: Any, artifacts: Path
) -> None:
    api = httpx.Client(base_url=served.url)
    incident_id = api.get(f"/api/events/{served.hostile_event}").json()["event"]["incident_id"]
    page = open_page(browser, served.url + "/")
    page.wait_for_selector(".marker")
    page.screenshot(path=artifacts / "01-first-load.png")
    everything = page.locator(".incident-item").count()

    # filter by actor: the URL keeps it, the list and the map follow
    page.select_option("#filter-actor", "islamic-state")
    page.wait_for_function("() => document.querySelector('.panel h2').textContent.includes('(')")
    assert query_of(page)["actor"] == "islamic-state"
    page.wait_for_timeout(300)
    assert 0 < page.locator(".incident-item").count() < everything
    page.screenshot(path=artifacts / "02-actor-filter.png")

    # brush the timeline over the week of the hostile article's event (2024-06-01)
    bar = page.evaluate(
        """() => {
          const rect = [...document.querySelectorAll('.timeline-svg rect.bar')]
            .find((r) => r.querySelector('title').textContent.startsWith('2024-05-27'));
          const box = rect.getBoundingClientRect();
          return {left: box.left, right: box.right, y: box.top + box.height / 2};
        }"""
    )
    page.mouse.move(bar["left"] - 4, bar["y"])
    page.mouse.down()
    page.mouse.move(bar["right"] + 4, bar["y"], steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('date_from')")
    chosen = query_of(page)
    assert chosen["date_from"] <= "2024-06-01" <= chosen["date_to"]
    assert chosen["actor"] == "islamic-state"
    marker = page.locator(f'.marker.single[data-id="{incident_id}"]')
    marker.wait_for(timeout=TIMEOUT_MS)
    page.screenshot(path=artifacts / "03-timeline-brush.png")

    # open the incident from the map: Arabic text, evidence highlighted, markup as text
    marker.click()
    page.wait_for_selector(".report .article-text mark.ev")
    text = page.locator(".report .article-text").first
    assert text.get_attribute("dir") == "rtl" and text.get_attribute("lang") == "ar"
    toll = text.locator('mark[data-fields~="fatalities"]')
    assert toll.inner_text() == "خمسة" and toll.is_visible()
    assert "rgba(0, 0, 0, 0)" not in toll.evaluate("m => getComputedStyle(m).backgroundColor")
    assert "<script>window.__xss = 1</script>" in text.inner_text()
    assert '<img src=x onerror="window.__xss = 2">' in text.inner_text()
    source = page.locator(f'.report[data-event="{served.hostile_event}"] .report-source')
    assert "<b>Outlet</b>" in source.inner_text()
    assert page.locator("#panel img, #panel script, .report-source b").count() == 0
    assert page.evaluate("window.__xss") is None and page.errors == []
    page.locator('.chip[data-field="fatalities"]').first.click()
    assert "focus" in (toll.get_attribute("class") or "")
    page.screenshot(path=artifacts / "04-event-panel.png")

    # correct the toll with a token
    page.fill("#token", served.token)
    page.dispatch_event("#token", "change")
    page.click('tr[data-field="fatalities"] button.edit')
    page.fill('tr[data-field="fatalities"] input[name="fatalities"]', "6")
    page.click('tr[data-field="fatalities"] button.save')
    page.wait_for_selector('tr[data-field="fatalities"].reviewed')
    assert page.locator('tr[data-field="fatalities"] td.value').inner_text() == "6"
    assert "browser-test" in page.locator(".audit").inner_text()
    page.screenshot(path=artifacts / "05-corrected.png")

    # the audit trail (API) and the export have it
    trail = api.get("/api/reviews", params={"target": f"incident:{incident_id}"}).json()
    line = trail["items"][0]
    assert (line["who"], line["field"], line["before"], line["after"]) == (
        "browser-test",
        "fatalities",
        5,
        6,
    )
    export = api.get("/api/export", params={"format": "csv", "level": "incident"})
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(export.text))}
    assert rows[incident_id]["fatalities"] == "6"
    assert rows[incident_id]["reviewed_fields"] == "fatalities"
    assert page.errors == []
    page.close()


def test_arabic_interface_is_right_to_left(browser: Any, served: Any, artifacts: Path) -> None:
    page = open_page(browser, served.url + "/?lang=ar&actor=islamic-state")
    assert page.evaluate("[document.documentElement.dir, document.documentElement.lang]") == [
        "rtl",
        "ar",
    ]
    assert page.locator("#filter-actor").input_value() == "islamic-state"
    assert "الجهة" in page.locator("#filters").inner_text()
    assert page.locator(".map-legend").inner_text().count("معارك") == 1
    page.select_option(".timeline-head select", "month")
    page.wait_for_function("() => location.search.includes('bin=month')")
    page.wait_for_function(
        "() => document.querySelector('.timeline-title').textContent === 'الأحداث شهريًا'"
    )
    page.screenshot(path=artifacts / "06-arabic.png")
    assert page.errors == []
    page.close()


def test_writes_without_token_are_refused_in_the_page(browser: Any, served: Any) -> None:
    page = open_page(browser, served.url + "/")
    page.locator(".incident-item").first.click()
    page.wait_for_selector(".review-actions .confirm")
    page.click(".review-actions .confirm")
    page.wait_for_selector(".message.error")
    assert "token" in page.locator(".message").inner_text()
    page.close()


def test_reports_of_one_incident_side_by_side(browser: Any, served: Any, artifacts: Path) -> None:
    api = httpx.Client(base_url=served.url)
    listed = api.get("/api/incidents", params={"limit": 1000}).json()["items"]
    linked = next(i for i in listed if len(i["article_ids"]) > 1)
    page = open_page(browser, served.url + f"/?incident={linked['incident_id']}")
    page.wait_for_selector(".report .article-text mark.ev")
    reports = page.locator(".report")
    assert reports.count() == len(linked["event_ids"])
    first, second = reports.nth(0).bounding_box(), reports.nth(1).bounding_box()
    assert first is not None and second is not None
    assert first["y"] == second["y"] and first["x"] != second["x"]  # side by side
    for i in range(reports.count()):
        assert "Killed" in reports.nth(i).locator("table.figures").inner_text()
    page.screenshot(path=artifacts / "07-incident.png")
    page.set_viewport_size({"width": 1680, "height": 960})
    page.locator(".reports-section").evaluate("section => section.scrollIntoView()")
    page.wait_for_timeout(300)
    page.screenshot(path=artifacts / "08-reports-side-by-side.png")
    assert page.errors == []
    page.close()


def test_merge_then_split_from_the_panel(browser: Any, served: Any) -> None:
    api = httpx.Client(base_url=served.url)
    listed = api.get("/api/incidents", params={"limit": 1000}).json()["items"]
    homs = [i for i in listed if i["location"]["admin1"] == "Homs" and i["event_date"]]
    first = next(
        a
        for a in homs
        if any(b is not a and b["event_date"][:7] == a["event_date"][:7] for b in homs)
    )
    page = open_page(browser, served.url + f"/?incident={first['incident_id']}")
    page.fill("#token", served.token)
    page.dispatch_event("#token", "change")
    page.wait_for_selector(".merge-form select")
    other = page.locator(".merge-form option").nth(1).get_attribute("value")
    page.select_option(".merge-form select", other)
    page.click(".merge-form .merge")
    page.wait_for_function(f"() => !location.search.includes('{first['incident_id']}')")
    merged_id = query_of(page)["incident"]
    page.wait_for_selector(f'.incident-id:text("{merged_id}")')
    merged = api.get(f"/api/incidents/{merged_id}").json()["incident"]
    reports = page.locator(".report").count()
    assert reports == len(merged["event_ids"]) > len(first["event_ids"])
    page.locator(".report .move-out input").last.check()
    page.click(".split")
    page.wait_for_function(f"() => !location.search.includes('{merged_id}')")
    actions = [r["action"] for r in api.get("/api/reviews", params={"limit": 5}).json()["items"]]
    assert actions[:3] == ["split", "split", "merge"]
    assert page.errors == []
    page.close()
