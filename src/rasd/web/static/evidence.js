// An article's text with the evidence of each field highlighted. Offsets are Python
// character offsets (code points), so the text is cut by code points, not UTF-16 units.
// Every piece goes in as a text node: an article with <script> shows as text.

import { el } from "./dom.js";
import { fieldName } from "./fields.js";

const GROUPS = {
  event_date: "date",
  date_precision: "date",
  event_type: "type",
  sub_event_type: "type",
  background: "type",
  actor1: "actor",
  actor2: "actor",
  assoc_actor1: "actor",
  assoc_actor2: "actor",
  actor1_certainty: "actor",
  claimed_by: "actor",
  location: "place",
  fatalities: "toll",
  fatalities_max: "toll",
  injured: "toll",
  reported_by: "source",
};

export const groupOf = (field) => GROUPS[field] || "other";

export function highlightedText(text, evidence) {
  const chars = Array.from(text);
  const spans = evidence.filter((e) => e.start >= 0 && e.end > e.start && e.end <= chars.length);
  const cuts = new Set([0, chars.length]);
  for (const span of spans) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const body = el("div", { class: "article-text", dir: "rtl", lang: "ar" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = chars.slice(from, to).join("");
    const fields = [...new Set(spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.field))];
    if (!fields.length) {
      body.append(piece);
      continue;
    }
    body.append(
      el("mark", {
        class: `ev ev-${groupOf(fields[0])}`,
        "data-fields": fields.join(" "),
        title: fields.map(fieldName).join("، "),
        text: piece,
      }),
    );
  }
  return body;
}

// Chips naming the fields with evidence; a click shows that field's spans only.
export function evidenceLegend(evidence, body) {
  const fields = [...new Set(evidence.map((e) => e.field))];
  const chips = fields.map((field) =>
    el("button", {
      type: "button",
      class: `chip ev-${groupOf(field)}`,
      "data-field": field,
      "aria-pressed": "false",
      text: fieldName(field),
      onclick: (event) => focusField(body, event.currentTarget, field),
    }),
  );
  return el("div", { class: "evidence-legend" }, chips);
}

function focusField(body, chip, field) {
  const on = chip.getAttribute("aria-pressed") !== "true";
  for (const other of chip.parentElement.children) other.setAttribute("aria-pressed", "false");
  chip.setAttribute("aria-pressed", String(on));
  body.classList.toggle("focusing", on);
  for (const mark of body.querySelectorAll("mark")) {
    mark.classList.toggle("focus", on && mark.dataset.fields.split(" ").includes(field));
  }
}
