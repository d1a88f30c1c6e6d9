// The view's state lives in the URL (?actor=…&event_type=…&date_from=…&lang=ar&incident=…),
// so a view can be bookmarked, shared and reloaded as it was.

export const FILTER_KEYS = [
  "actor",
  "event_type",
  "admin1",
  "date_from",
  "date_to",
  "q",
  "min_fatalities",
];
const KEYS = [...FILTER_KEYS, "lang", "incident", "bin"];
const listeners = [];

export const state = Object.fromEntries(KEYS.map((key) => [key, ""]));

export function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const key of KEYS) state[key] = params.get(key) || "";
}

function writeUrl() {
  const params = new URLSearchParams();
  for (const key of KEYS) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

// Change some keys, record them in the URL and tell the listeners what changed.
export function update(changes) {
  const changed = Object.keys(changes).filter((key) => (changes[key] || "") !== state[key]);
  if (!changed.length) return;
  for (const key of changed) state[key] = changes[key] || "";
  writeUrl();
  for (const listener of listeners) listener(new Set(changed));
}

export function onChange(listener) {
  listeners.push(listener);
}

// The API filters of the view; `withDates: false` leaves the dates out (the timeline).
export function filters({ withDates = true } = {}) {
  const out = {};
  for (const key of FILTER_KEYS) {
    if (!withDates && (key === "date_from" || key === "date_to")) continue;
    if (state[key]) out[key] = state[key];
  }
  return out;
}
