// The dashboard: filters in the header (kept in the URL), the map, the incident panel and
// the timeline, all fed by the API of the same server. Nothing is fetched from elsewhere.

import { get, setToken, token } from "./api.js";
import { clear, debounce, el } from "./dom.js";
import { learnFields } from "./fields.js";
import { label, learnLabels, setLang, t } from "./i18n.js";
import { MapView } from "./map.js";
import { Panel } from "./panel.js";
import { FILTER_KEYS, onChange, readUrl, state, update } from "./state.js";
import { Timeline } from "./timeline.js";

async function start() {
  readUrl();
  setLang(state.lang);
  document.title = t("title");
  const [config, facets, fields] = await Promise.all([
    get("/api/config"),
    get("/api/facets", { level: "incident" }),
    get("/api/fields"),
  ]);
  learnLabels(facets);
  learnFields(fields);

  const header = document.getElementById("filters");
  header.addEventListener("submit", (event) => event.preventDefault());
  buildFilters(header, facets);
  buildDatalist(facets);
  document.getElementById("title").textContent = t("title");

  const map = new MapView(document.getElementById("map"), {
    config,
    onSelect: (id) => update({ incident: id }),
  });
  const panel = new Panel(document.getElementById("panel"), {
    onChanged: () => {
      map.refresh();
      timeline.load();
    },
  });
  const timeline = new Timeline(document.getElementById("timeline"), {
    onBrush: (from, to) => update({ date_from: from, date_to: to }),
  });

  onChange((changed) => {
    syncInputs(header);
    const filtersChanged = FILTER_KEYS.some((key) => changed.has(key));
    if (filtersChanged) {
      panel.offset = 0;
      map.refresh();
      const datesOnly = [...changed].every((key) => key === "date_from" || key === "date_to" || key === "incident");
      if (datesOnly) timeline.showSelection();
      else timeline.load();
    }
    if (changed.has("bin")) timeline.load();
    if (filtersChanged || changed.has("incident")) panel.show();
  });

  await map.loadBoundaries();
  await Promise.all([timeline.load(), panel.show()]);
  document.body.dataset.ready = "true";
}

function buildFilters(header, facets) {
  const select = (key, items, labelOf) => {
    const node = el(
      "select",
      { name: key, id: `filter-${key}` },
      el("option", { value: "", text: t("any") }),
      items.map((item) => el("option", { value: item.value, text: `${labelOf(item.value)} (${item.count})` })),
    );
    node.addEventListener("change", () => update({ [key]: node.value, incident: "" }));
    return field(key, node);
  };
  const input = (key, attrs) => {
    const node = el("input", { name: key, id: `filter-${key}`, ...attrs });
    const push = () => update({ [key]: node.value, incident: "" });
    node.addEventListener("change", push);
    if (attrs.type === "search") node.addEventListener("input", debounce(push, 300));
    return field(key, node);
  };
  const tokenInput = el("input", { type: "password", id: "token", name: "token", autocomplete: "off", placeholder: t("token_hint"), value: token() });
  tokenInput.addEventListener("change", () => setToken(tokenInput.value.trim()));
  const otherLang = state.lang === "ar" ? "en" : "ar";
  clear(header).append(
    select("actor", facets.actor, (v) => label("actor", v)),
    select("event_type", facets.event_type, (v) => label("event_type", v)),
    select("admin1", facets.admin1, (v) => label("admin1", v)),
    input("date_from", { type: "date", min: facets.date_min, max: facets.date_max }),
    input("date_to", { type: "date", min: facets.date_min, max: facets.date_max }),
    input("min_fatalities", { type: "number", min: 0, step: 1 }),
    input("q", { type: "search", maxlength: 200 }),
    el("button", { type: "button", class: "clear", onclick: () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""]))) }, t("clear")),
    el("label", { class: "field token" }, el("span", { text: t("token") }), tokenInput),
    el("button", { type: "button", class: "lang", lang: otherLang, onclick: () => switchLang(otherLang) }, t("language")),
  );
  syncInputs(header);
}

function field(key, node) {
  return el("label", { class: "field", for: node.id }, el("span", { text: t(key) }), node);
}

function syncInputs(header) {
  for (const key of FILTER_KEYS) {
    const node = header.querySelector(`[name="${key}"]`);
    if (node && node.value !== state[key]) node.value = state[key];
  }
}

function buildDatalist(facets) {
  document.body.append(el("datalist", { id: "actor-ids" }, facets.actor.map((item) => el("option", { value: item.value, text: label("actor", item.value) }))));
}

function switchLang(lang) {
  const params = new URLSearchParams(location.search);
  params.set("lang", lang);
  location.search = params.toString();
}

start().catch((error) => {
  document.body.dataset.ready = "error";
  document.getElementById("panel").append(el("p", { class: "error", text: t("error", { message: error.message }) }));
});
