// The timeline: events and fatalities per week (or month), stacked by the acting actor.
// It shows every date for the other filters; dragging over it selects a date range that
// filters the map and the list (a click clears it).

import { get } from "./api.js";
import { clear, el } from "./dom.js";
import { label, t } from "./i18n.js";
import { filters, state, update } from "./state.js";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
const OTHER_COLOR = "#9e9e9e";
const DAY = 86400000;
const PANEL = 64;
const GAP = 18;
const AXIS = 18;
const MARGIN = { left: 40, right: 12, top: 6 };

const parse = (iso) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

function bucketEnd(start, bin) {
  if (bin === "week") return start + 7 * DAY;
  const day = new Date(start);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
}

export class Timeline {
  constructor(container, { onBrush }) {
    this.onBrush = onBrush;
    this.title = el("div", { class: "timeline-title" });
    this.svg = el("svg:svg", { class: "timeline-svg", height: MARGIN.top + 2 * PANEL + GAP + AXIS });
    this.legend = el("div", { class: "timeline-legend" });
    const binSelect = el(
      "select",
      { "aria-label": t("week"), onchange: (event) => update({ bin: event.target.value }) },
      el("option", { value: "week", text: t("week") }),
      el("option", { value: "month", text: t("month") }),
    );
    binSelect.value = state.bin === "month" ? "month" : "week";
    container.append(
      el("div", { class: "timeline-head" }, this.title, binSelect, el("span", { class: "hint", text: t("brush_hint") })),
      this.svg,
      this.legend,
    );
    new ResizeObserver(() => this.render()).observe(this.svg);
  }

  bin() {
    return state.bin === "month" ? "month" : "week";
  }

  async load() {
    const data = await get("/api/stats", {
      ...filters({ withDates: false }),
      level: "incident",
      by: this.bin(),
      stack: "actor",
      limit: 1000,
    });
    this.buckets = data.items;
    this.render();
  }

  render() {
    clear(this.svg);
    clear(this.legend);
    this.title.textContent = t(this.bin() === "week" ? "events" : "events_month");
    const buckets = this.buckets || [];
    if (!buckets.length) return;
    const bin = this.bin();
    const totals = new Map();
    for (const bucket of buckets) {
      for (const s of bucket.stacks) totals.set(s.key, (totals.get(s.key) || 0) + s.events);
    }
    const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, COLORS.length).map(([key]) => key);
    const colorOf = (key) => (top.includes(key) ? COLORS[top.indexOf(key)] : OTHER_COLOR);
    const rank = (key) => (top.includes(key) ? top.indexOf(key) : COLORS.length);

    const width = Math.max(this.svg.getBoundingClientRect().width, 200);
    const start = parse(buckets[0].key);
    const end = bucketEnd(parse(buckets[buckets.length - 1].key), bin);
    const inner = width - MARGIN.left - MARGIN.right;
    this.scale = { start, end, inner, bin };
    const x = (ms) => this.xOf(ms);

    [["events", 0], ["fatalities", 1]].forEach(([metric, row]) => {
      const top0 = MARGIN.top + row * (PANEL + GAP);
      const max = Math.max(1, ...buckets.map((b) => b[metric]));
      const group = el("svg:g", { class: `bars bars-${metric}` });
      group.append(
        el("svg:text", { class: "axis-label", x: 2, y: top0 + 10, text: metric === "events" ? String(max) : `${max}†` }),
        el("svg:line", { class: "baseline", x1: MARGIN.left, x2: width - MARGIN.right, y1: top0 + PANEL, y2: top0 + PANEL }),
      );
      for (const bucket of buckets) {
        const from = parse(bucket.key);
        const left = x(from);
        const barWidth = Math.max(1, x(bucketEnd(from, bin)) - left - 0.5);
        let y = top0 + PANEL;
        const ordered = [...bucket.stacks].sort((a, b) => rank(a.key) - rank(b.key));
        for (const s of ordered) {
          const h = (s[metric] / max) * PANEL;
          if (h <= 0) continue;
          y -= h;
          group.append(
            el(
              "svg:rect",
              { class: "bar", x: left.toFixed(2), y: y.toFixed(2), width: barWidth.toFixed(2), height: h.toFixed(2), fill: colorOf(s.key) },
              el("svg:title", { text: `${bucket.key} — ${label("actor", s.key)}: ${s[metric]}` }),
            ),
          );
        }
      }
      this.svg.append(group);
    });

    const axisY = MARGIN.top + 2 * PANEL + GAP + 12;
    const firstYear = new Date(start).getUTCFullYear();
    const lastYear = new Date(end).getUTCFullYear();
    const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / Math.max(1, inner / 60)));
    for (let year = firstYear; year <= lastYear; year += step) {
      const at = Date.UTC(year, 0, 1);
      if (at < start || at > end) continue;
      this.svg.append(
        el("svg:line", { class: "tick", x1: x(at), x2: x(at), y1: MARGIN.top, y2: axisY - 10 }),
        el("svg:text", { class: "axis-label", x: x(at) + 2, y: axisY, text: String(year) }),
      );
    }
    this.selection = el("svg:rect", { class: "brush-selection", y: MARGIN.top, height: 2 * PANEL + GAP, width: 0, x: 0 });
    this.overlay = el("svg:rect", { class: "brush-overlay", x: MARGIN.left, y: 0, width: inner, height: axisY });
    this.svg.append(this.selection, this.overlay);
    this.listenBrush();
    this.showSelection();

    for (const key of top) this.legend.append(legendItem(COLORS[top.indexOf(key)], label("actor", key)));
    if (totals.size > top.length) this.legend.append(legendItem(OTHER_COLOR, t("other")));
    this.legend.append(el("span", { class: "hint", text: `† ${t("fatalities_chart")}` }));
  }

  // Day ↔ screen x, and the selected days ↔ the rectangle.
  xOf(ms) {
    const { start, end, inner } = this.scale;
    return MARGIN.left + ((ms - start) / (end - start)) * inner;
  }

  dayAt(px) {
    const { start, end, inner } = this.scale;
    const ratio = Math.min(Math.max((px - MARGIN.left) / inner, 0), 1);
    return start + ratio * (end - start);
  }

  showSelection() {
    if (!this.scale || !this.selection) return;
    const { start, end } = this.scale;
    const x = (ms) => this.xOf(ms);
    if (!state.date_from && !state.date_to) {
      this.selection.setAttribute("width", 0);
      return;
    }
    const from = state.date_from ? Math.max(parse(state.date_from), start) : start;
    const to = state.date_to ? Math.min(parse(state.date_to) + DAY, end) : end;
    this.selection.setAttribute("x", x(from));
    this.selection.setAttribute("width", Math.max(0, x(to) - x(from)));
  }

  listenBrush() {
    let anchor = null;
    const local = (event) => event.clientX - this.svg.getBoundingClientRect().left;
    this.overlay.addEventListener("pointerdown", (event) => {
      anchor = local(event);
      this.overlay.setPointerCapture(event.pointerId);
    });
    this.overlay.addEventListener("pointermove", (event) => {
      if (anchor === null) return;
      const now = local(event);
      this.selection.setAttribute("x", Math.min(anchor, now));
      this.selection.setAttribute("width", Math.abs(now - anchor));
    });
    this.overlay.addEventListener("pointerup", (event) => {
      if (anchor === null) return;
      const now = local(event);
      const [a, b] = [Math.min(anchor, now), Math.max(anchor, now)];
      anchor = null;
      if (b - a < 3) {
        this.onBrush("", "");
        return;
      }
      const bin = this.scale.bin;
      const from = this.snap(this.dayAt(a), bin);
      const to = bucketEnd(this.snap(this.dayAt(b), bin), bin) - DAY;
      this.onBrush(iso(from), iso(to));
    });
  }

  // The first day of the bucket that holds `ms`.
  snap(ms, bin) {
    const day = new Date(ms);
    if (bin === "month") return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
    const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    return midnight - ((day.getUTCDay() + 6) % 7) * DAY; // back to Monday
  }
}

function legendItem(color, text) {
  return el(
    "span",
    { class: "legend-item" },
    el("svg:svg", { width: 12, height: 12 }, el("svg:rect", { width: 12, height: 12, fill: color })),
    text,
  );
}
