// The side panel: the incidents of the current filters, or one incident with every field,
// its reports side by side (figures and Arabic text with the evidence highlighted), the
// review actions and the review trail.

import { get, patch, post } from "./api.js";
import { append, clear, el, safeUrl } from "./dom.js";
import { evidenceLegend, highlightedText } from "./evidence.js";
import { fieldEditor, fieldName, fieldOrder, formatValue } from "./fields.js";
import { currentLang, label, t, typeName } from "./i18n.js";
import { filters, state, update } from "./state.js";

const PAGE = 25;
const FIGURES = ["event_date", "actor1", "actor2", "fatalities", "fatalities_max", "injured", "reported_by", "location"];
const DAY = 86400000;

export class Panel {
  constructor(container, { onChanged }) {
    this.root = container;
    this.onChanged = onChanged;
    this.offset = 0;
  }

  async show() {
    try {
      if (state.incident) await this.showIncident(state.incident);
      else await this.showList();
    } catch (error) {
      clear(this.root).append(el("p", { class: "error", text: t("error", { message: error.message }) }));
    }
  }

  async showList() {
    const data = await get("/api/incidents", { ...filters(), limit: PAGE, offset: this.offset });
    const items = data.items.map((incident) =>
      el(
        "li",
        {},
        el(
          "button",
          { type: "button", class: "incident-item", "data-id": incident.incident_id, onclick: () => update({ incident: incident.incident_id }) },
          el("span", { class: "item-date", text: incident.event_date ?? "—" }),
          el("span", { class: "item-type", text: typeName(incident.sub_event_type) }),
          el("span", { class: "item-place", text: formatPlace(incident.location) }),
          el("span", { class: "item-toll", text: incident.fatalities === null ? "" : `${incident.fatalities} ${t("killed")}` }),
          statusBadge(incident.review_status),
        ),
      ),
    );
    const last = Math.min(data.offset + data.limit, data.total);
    const pager = el(
      "div",
      { class: "pager" },
      el("button", { type: "button", disabled: data.offset === 0, onclick: () => this.turn(-PAGE) }, t("prev")),
      el("span", { text: data.total ? t("page", { from: data.offset + 1, to: last, total: data.total }) : "" }),
      el("button", { type: "button", disabled: last >= data.total, onclick: () => this.turn(PAGE) }, t("next")),
    );
    append(clear(this.root), [
      el("h2", { text: `${t("incidents")} (${data.total})` }),
      data.total ? el("ol", { class: "incident-list" }, items) : el("p", { text: t("none") }),
      pager,
    ]);
  }

  turn(step) {
    this.offset = Math.max(0, this.offset + step);
    this.showList();
  }

  async showIncident(id) {
    const detail = await get(`/api/incidents/${encodeURIComponent(id)}`);
    const incident = detail.incident;
    this.message = el("p", { class: "message", "aria-live": "polite" });
    append(clear(this.root), [
      el("button", { type: "button", class: "back", onclick: () => update({ incident: "" }) }, t("back")),
      el(
        "h2",
        { class: "incident-title" },
        `${typeName(incident.sub_event_type)} — ${formatPlace(incident.location)}`,
        statusBadge(incident.review_status),
      ),
      el("p", { class: "incident-id", text: incident.incident_id }),
      this.actions(incident),
      this.message,
      this.fieldTable(incident),
      await this.mergeForm(incident),
      this.reports(incident, detail.reports),
      auditList(detail.reviews),
    ]);
  }

  actions(incident) {
    const id = encodeURIComponent(incident.incident_id);
    return el(
      "div",
      { class: "review-actions" },
      el("button", { type: "button", class: "confirm", onclick: () => this.write(() => post(`/api/incidents/${id}/confirm`)) }, t("confirm")),
      el("button", { type: "button", class: "reject", onclick: () => this.write(() => post(`/api/incidents/${id}/reject`)) }, t("reject")),
    );
  }

  // Run a write, then show its outcome: the incident again (or the one it became).
  async write(action, nextId = null) {
    try {
      const result = await action();
      const id = nextId ? nextId(result) : state.incident;
      if (id !== state.incident) update({ incident: id });
      else await this.showIncident(id);
      this.message.textContent = t("saved");
      this.onChanged();
    } catch (error) {
      this.message.textContent = t("error", { message: error.message });
      this.message.classList.add("error");
    }
  }

  fieldTable(incident) {
    const shown = fieldOrder().filter((field) => field in incident); // not an event's notes
    const rows = shown.map((field) => {
      const reviewed = incident.reviewed_fields.includes(field);
      const value = el("td", { class: "value", text: formatValue(field, incident[field]) });
      const edit = el("button", { type: "button", class: "edit", "data-field": field }, t("edit"));
      edit.addEventListener("click", () => this.openEditor(incident, field, value, edit));
      return el(
        "tr",
        { "data-field": field, class: reviewed ? "reviewed" : null },
        el("th", { scope: "row", text: fieldName(field) }),
        value,
        el("td", {}, reviewed ? el("span", { class: "badge reviewed", text: t("reviewed") }) : null),
        el("td", {}, edit),
      );
    });
    return el("table", { class: "fields" }, el("caption", { text: t("fields") }), el("tbody", {}, rows));
  }

  openEditor(incident, field, cell, button) {
    const editor = fieldEditor(field, incident[field]);
    const id = encodeURIComponent(incident.incident_id);
    const save = el("button", { type: "button", class: "save" }, t("save"));
    save.addEventListener("click", () =>
      this.write(() => patch(`/api/incidents/${id}`, { fields: { [field]: editor.read() } })),
    );
    const cancel = el("button", { type: "button", onclick: () => this.showIncident(incident.incident_id) }, t("cancel"));
    clear(cell).append(el("div", { class: "editor" }, editor.node, save, cancel));
    button.disabled = true;
    (editor.node.matches("input, select") ? editor.node : editor.node.querySelector("input"))?.focus();
  }

  // Incidents of the same governorate within a week: the likely duplicates to merge.
  async mergeForm(incident) {
    if (!incident.event_date) return null;
    const day = Date.parse(`${incident.event_date}T00:00:00Z`);
    const near = await get("/api/incidents", {
      admin1: incident.location.admin1 || "",
      date_from: new Date(day - 7 * DAY).toISOString().slice(0, 10),
      date_to: new Date(day + 7 * DAY).toISOString().slice(0, 10),
      background: true,
      limit: 50,
    });
    const others = near.items.filter((other) => other.incident_id !== incident.incident_id);
    if (!others.length) return null;
    const select = el(
      "select",
      { name: "merge-with", "aria-label": t("merge_with") },
      el("option", { value: "", text: t("merge_with") }),
      others.map((other) =>
        el("option", {
          value: other.incident_id,
          text: `${other.event_date} · ${typeName(other.sub_event_type)} · ${formatPlace(other.location)} · ${other.fatalities ?? "?"} ${t("killed")}`,
        }),
      ),
    );
    const button = el("button", { type: "button", class: "merge" }, t("merge"));
    button.addEventListener("click", () => {
      if (!select.value) return;
      this.write(
        () => post("/api/incidents/merge", { incident_ids: [incident.incident_id, select.value] }),
        (merged) => merged.incident_id,
      );
    });
    return el("div", { class: "merge-form" }, select, button);
  }

  reports(incident, reports) {
    const checks = [];
    const columns = reports.map((report, i) => {
      const { event, article } = report;
      const check = el("input", { type: "checkbox", value: event.event_id, "aria-label": t("move_out") });
      checks.push(check);
      const url = safeUrl(article.url);
      const body = highlightedText(article.text, event.evidence);
      return el(
        "article",
        { class: "report", "data-event": event.event_id },
        el("h4", { text: t("report_of", { n: i + 1, total: reports.length }) }),
        el(
          "p",
          { class: "report-source" },
          el("span", { text: `${t("outlet")}: ${article.outlet ?? "—"}` }),
          " · ",
          el("span", { text: `${t("published")}: ${article.published ?? "—"}` }),
          url ? [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: new URL(url).host })] : null,
        ),
        reports.length > 1 ? el("label", { class: "move-out" }, check, t("move_out")) : null,
        el(
          "table",
          { class: "figures" },
          el("tbody", {}, FIGURES.map((field) => el("tr", {}, el("th", { text: fieldName(field) }), el("td", { text: formatValue(field, event[field]) })))),
        ),
        el("h5", { text: t("evidence") }),
        evidenceLegend(event.evidence, body),
        body,
      );
    });
    let split = null;
    if (reports.length > 1) {
      split = el("button", { type: "button", class: "split" }, t("split"));
      split.addEventListener("click", () => {
        const moved = checks.filter((c) => c.checked).map((c) => c.value);
        if (!moved.length || moved.length === checks.length) return;
        this.write(
          () => post(`/api/incidents/${encodeURIComponent(incident.incident_id)}/split`, { event_ids: moved }),
          (result) => result.incidents[0].incident_id,
        );
      });
    }
    return el("section", { class: "reports-section" }, el("h3", { text: `${t("reports")} (${reports.length})` }), el("div", { class: "reports" }, columns), split);
  }
}

function formatPlace(location) {
  const name = currentLang() === "ar" ? location.name_ar || location.name_en : location.name_en || location.name_ar;
  const admin1 = location.admin1 ? label("admin1", location.admin1) : "";
  return [name, admin1].filter(Boolean).join(", ") || "—";
}

function statusBadge(status) {
  if (!status) return null;
  return el("span", { class: `badge ${status}`, text: t(status) });
}

function auditList(reviews) {
  const items = reviews.map((review) =>
    el(
      "li",
      { "data-action": review.action },
      el("strong", { text: review.who }),
      ` · ${review.when.slice(0, 19).replace("T", " ")} · ${review.action}`,
      review.field ? ` · ${fieldName(review.field)}` : "",
      review.field ? el("div", { class: "change", dir: "ltr" }, el("del", { text: JSON.stringify(review.before) }), " → ", el("ins", { text: JSON.stringify(review.after) })) : null,
    ),
  );
  return el("section", { class: "audit" }, el("h3", { text: t("audit") }), items.length ? el("ol", {}, items) : el("p", { text: t("no_reviews") }));
}
