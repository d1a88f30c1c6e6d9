// How each EVENTS.md field is named and shown, and the editor a reviewer corrects it with.

import { el } from "./dom.js";
import { currentLang, label, t, typeName } from "./i18n.js";

// The fields in the order they are shown, named in English and Arabic (GET /api/fields).
const FIELDS = new Map();

export function learnFields(fields) {
  for (const field of fields) FIELDS.set(field.name, field);
}

export const fieldOrder = () => [...FIELDS.keys()];

export const fieldName = (field) => FIELDS.get(field)?.[currentLang()] ?? field;

const INTEGERS = new Set(["fatalities", "fatalities_max", "injured"]);
const LISTS = new Set(["assoc_actor1", "assoc_actor2", "reported_by"]);
const ACTORS = new Set(["actor1", "actor2", "claimed_by", "assoc_actor1", "assoc_actor2"]);
const CHOICES = {
  date_precision: ["", "day", "week", "month"],
  actor1_certainty: ["", "claimed", "reported", "suspected"],
  event_type: [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
  ],
};
const LOCATION_KEYS = ["name_en", "name_ar", "admin1", "admin2", "lat", "lon", "geo_precision"];

export function formatValue(field, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "location") {
    const names = currentLang() === "ar" ? [value.name_ar, value.name_en] : [value.name_en, value.name_ar];
    const place = names.filter(Boolean).join(" / ") || "—";
    const where = [label("admin1", value.admin1), value.admin2].filter((v) => v && v !== t("unknown"));
    const point = value.lat !== null && value.lat !== undefined ? `${value.lat}, ${value.lon}` : "";
    return [place, where.join(", "), point, value.geo_precision ? `p${value.geo_precision}` : ""]
      .filter(Boolean)
      .join(" · ");
  }
  if (field === "event_type" || field === "sub_event_type") return typeName(value);
  if (Array.isArray(value)) {
    if (!value.length) return "—";
    return value.map((v) => (ACTORS.has(field) ? label("actor", v) : v)).join(currentLang() === "ar" ? "، " : ", ");
  }
  if (ACTORS.has(field)) return label("actor", value);
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  return String(value);
}

// An editor for `field` holding `value`; its read() gives the value to send (or throws).
export function fieldEditor(field, value) {
  if (field === "location") return locationEditor(value || {});
  let input;
  if (CHOICES[field]) {
    input = el("select", {}, CHOICES[field].map((v) => el("option", { value: v, text: v ? formatValue(field, v) : "—" })));
    input.value = value ?? "";
  } else if (field === "background") {
    input = el("select", {}, el("option", { value: "false", text: t("no") }), el("option", { value: "true", text: t("yes") }));
    input.value = String(Boolean(value));
  } else {
    const type = INTEGERS.has(field) || field === "confidence" ? "number" : field === "event_date" ? "date" : "text";
    input = el("input", {
      type,
      min: type === "number" ? 0 : null,
      step: field === "confidence" ? "0.01" : null,
      list: ACTORS.has(field) ? "actor-ids" : null,
      value: LISTS.has(field) ? (value || []).join(", ") : value ?? "",
    });
  }
  input.setAttribute("name", field);
  input.setAttribute("aria-label", field);
  return { node: input, read: () => parseValue(field, input.value) };
}

function parseValue(field, raw) {
  const text = raw.trim();
  if (LISTS.has(field)) return text ? text.split(/[,،]/).map((v) => v.trim()).filter(Boolean) : [];
  if (field === "background") return text === "true";
  if (INTEGERS.has(field)) {
    if (!text) return null;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${field}: ${raw}`);
    return n;
  }
  if (field === "confidence") return Number(text || 0);
  return text || null;
}

function locationEditor(value) {
  const inputs = Object.fromEntries(
    LOCATION_KEYS.map((key) => [
      key,
      el("input", {
        name: `location.${key}`,
        "aria-label": key,
        placeholder: key,
        type: ["lat", "lon", "geo_precision"].includes(key) ? "number" : "text",
        step: key === "geo_precision" ? "1" : "any",
        value: value[key] ?? "",
      }),
    ]),
  );
  const node = el("div", { class: "location-editor" }, LOCATION_KEYS.map((key) => el("label", {}, key, inputs[key])));
  const read = () => {
    const out = { gazetteer_id: value.gazetteer_id ?? null };
    for (const key of LOCATION_KEYS) {
      const text = inputs[key].value.trim();
      out[key] = !text ? null : ["lat", "lon"].includes(key) ? Number(text) : key === "geo_precision" ? Number.parseInt(text, 10) : text;
    }
    return out;
  };
  return { node, read };
}
