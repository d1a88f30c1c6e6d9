// The map: Syria's governorates and districts from the shipped boundaries, drawn as SVG in
// Web Mercator (so the opt-in tile layer lines up), and the incidents as markers sized by
// fatalities and coloured by event type. The server gathers the incidents on a grid about
// one marker wide on screen (/api/map/clusters): a dense area shows as one cluster marker
// with its count; a click on it zooms in, a click on a single marker opens the incident.

import { get } from "./api.js";
import { clear, debounce, el } from "./dom.js";
import { currentLang, t, typeName } from "./i18n.js";
import { filters } from "./state.js";

export const TYPE_COLORS = {
  Battles: "#c62828",
  "Explosions/Remote violence": "#ef6c00",
  "Violence against civilians": "#6a1b9a",
  Protests: "#2e7d32",
  Riots: "#ad1457",
  "Strategic developments": "#1565c0",
};
const SYRIA = [35.55, 32.25, 42.45, 37.4]; // west, south, east, north
const TILE = 256;
const MARKER_PX = 40;
const MAX_ZOOM = 256; // times the whole-country view

export function project(lon, lat) {
  const sin = Math.sin((lat * Math.PI) / 180);
  return [
    ((lon + 180) / 360) * TILE,
    (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE,
  ];
}

export function unproject(x, y) {
  const n = Math.PI - (2 * Math.PI * y) / TILE;
  return [(x / TILE) * 360 - 180, (180 / Math.PI) * Math.atan(Math.sinh(n))];
}

function ringPath(ring) {
  return ring
    .map(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      return `${i ? "L" : "M"}${x.toFixed(3)} ${y.toFixed(3)}`;
    })
    .join("") + "Z";
}

function geometryPath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map(ringPath).join("")).join("");
}

export class MapView {
  constructor(container, { onSelect, config }) {
    this.onSelect = onSelect;
    this.config = config;
    this.k = 1;
    this.tx = 0;
    this.ty = 0;
    this.svg = el("svg:svg", { class: "map-svg", "aria-label": t("incidents") });
    this.tileLayer = el("svg:g", { class: "tiles" });
    this.shapeLayer = el("svg:g", { class: "shapes" });
    this.markerLayer = el("svg:g", { class: "markers" });
    this.svg.append(this.tileLayer, this.shapeLayer, this.markerLayer);
    this.status = el("div", { class: "map-status", "aria-live": "polite" });
    const controls = el(
      "div",
      { class: "map-controls" },
      el("button", { type: "button", title: t("zoom_in"), onclick: () => this.zoomBy(2) }, "+"),
      el("button", { type: "button", title: t("zoom_out"), onclick: () => this.zoomBy(0.5) }, "−"),
      el("button", { type: "button", title: t("reset_view"), onclick: () => this.fit() }, "⌂"),
    );
    const legend = el(
      "div",
      { class: "map-legend" },
      el("strong", { text: t("legend") }),
      Object.entries(TYPE_COLORS).map(([type, color]) =>
        el(
          "span",
          { class: "legend-item" },
          el("svg:svg", { width: 12, height: 12 }, el("svg:circle", { cx: 6, cy: 6, r: 5, fill: color })),
          typeName(type),
        ),
      ),
    );
    this.attribution = el("div", { class: "map-attribution" });
    container.append(this.svg, controls, legend, this.status, this.attribution);
    this.refresh = debounce(() => this.loadMarkers(), 120);
    this.listen();
  }

  async loadBoundaries() {
    const response = await fetch("/static/boundaries.json");
    const data = await response.json();
    const name = (props) => (currentLang() === "ar" ? props.name_ar : props.name_en);
    for (const [level, features] of [
      ["admin2", data.admin2.features],
      ["admin1", data.admin1.features],
    ]) {
      for (const feature of features) {
        this.shapeLayer.append(
          el(
            "svg:path",
            { class: level, d: geometryPath(feature.geometry), "data-admin1": feature.properties.admin1 },
            el("svg:title", { text: name(feature.properties) }),
          ),
        );
      }
    }
    const credits = [data.attribution];
    if (this.config.tiles) credits.push(this.config.tile_attribution || this.config.tiles);
    this.attribution.textContent = credits.join(" · ");
    this.fit();
  }

  size() {
    const box = this.svg.getBoundingClientRect();
    return [Math.max(box.width, 100), Math.max(box.height, 100)];
  }

  fit() {
    const [width, height] = this.size();
    const [x0, y0] = project(SYRIA[0], SYRIA[3]);
    const [x1, y1] = project(SYRIA[2], SYRIA[1]);
    this.k = Math.min(width / (x1 - x0), height / (y1 - y0));
    this.minK = this.k / 2;
    this.tx = (width - (x0 + x1) * this.k) / 2;
    this.ty = (height - (y0 + y1) * this.k) / 2;
    this.changed();
  }

  zoomBy(factor, at = null) {
    const [width, height] = this.size();
    const [mx, my] = at || [width / 2, height / 2];
    const k = Math.min(Math.max(this.k * factor, this.minK), this.minK * 2 * MAX_ZOOM);
    this.tx = mx - ((mx - this.tx) * k) / this.k;
    this.ty = my - ((my - this.ty) * k) / this.k;
    this.k = k;
    this.changed();
  }

  changed() {
    this.shapeLayer.setAttribute("transform", `translate(${this.tx} ${this.ty}) scale(${this.k})`);
    this.drawMarkers();
    this.drawTiles();
    this.refresh();
  }

  listen() {
    let drag = null;
    this.svg.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, tx: this.tx, ty: this.ty, moved: false };
    });
    window.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (!drag.moved) return;
      this.tx = drag.tx + dx;
      this.ty = drag.ty + dy;
      this.changed();
    });
    window.addEventListener("pointerup", () => {
      this.dragged = Boolean(drag?.moved);
      drag = null;
    });
    this.svg.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const box = this.svg.getBoundingClientRect();
        this.zoomBy(Math.exp(-event.deltaY * 0.002), [event.clientX - box.left, event.clientY - box.top]);
      },
      { passive: false },
    );
    new ResizeObserver(debounce(() => this.changed(), 100)).observe(this.svg);
  }

  // The visible area in degrees and a grid cell about one marker wide.
  view() {
    const [width, height] = this.size();
    const [west, north] = unproject(-this.tx / this.k, -this.ty / this.k);
    const [east, south] = unproject((width - this.tx) / this.k, (height - this.ty) / this.k);
    const degrees = ((MARKER_PX / this.k) * 360) / TILE;
    const cell = 2 ** Math.round(Math.log2(degrees));
    const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi).toFixed(4);
    return {
      bbox: [clamp(west, -180, 179), clamp(south, -85, 84), clamp(east, -179, 180), clamp(north, -84, 85)].join(","),
      cell: Math.min(Math.max(cell, 0.001), 10),
    };
  }

  async loadMarkers() {
    const { bbox, cell } = this.view();
    const serial = (this.serial = (this.serial || 0) + 1);
    try {
      const data = await get("/api/map/clusters", { ...filters(), level: "incident", bbox, cell, limit: 3000 });
      if (serial !== this.serial) return; // a newer view asked since
      this.clusters = data.clusters;
      const total = data.clusters.reduce((sum, c) => sum + c.count, 0);
      this.status.textContent = t(total === 1 ? "record_one" : "records", { n: total });
      this.drawMarkers();
    } catch (error) {
      this.status.textContent = t("error", { message: error.message });
    }
  }

  drawMarkers() {
    clear(this.markerLayer);
    for (const cluster of this.clusters || []) {
      const [x, y] = project(cluster.lon, cluster.lat);
      const sx = x * this.k + this.tx;
      const sy = y * this.k + this.ty;
      const single = cluster.count === 1;
      const byFatalities = 5 + 2.2 * Math.sqrt(cluster.fatalities);
      const radius = Math.min(single ? byFatalities : Math.max(10 + 3 * Math.log2(cluster.count), byFatalities), 34);
      const type = Object.entries(cluster.types).sort((a, b) => b[1] - a[1])[0][0];
      const description = single
        ? `${currentLang() === "ar" ? cluster.name_ar || cluster.name_en : cluster.name_en || cluster.name_ar} — ${cluster.event_date ?? ""} — ${typeName(type)} — ${cluster.fatalities} ${t("killed")}`
        : `${t("records", { n: cluster.count })} — ${cluster.fatalities} ${t("killed")}`;
      const marker = el(
        "svg:g",
        {
          class: single ? "marker single" : "marker cluster",
          transform: `translate(${sx.toFixed(1)} ${sy.toFixed(1)})`,
          "data-id": single ? cluster.id : null,
          "data-count": cluster.count,
          tabindex: 0,
          role: "button",
          "aria-label": description,
          onclick: () => this.choose(cluster, sx, sy),
          onkeydown: (event) => event.key === "Enter" && this.choose(cluster, sx, sy),
        },
        el("svg:title", { text: description }),
        el("svg:circle", { r: radius.toFixed(1), fill: TYPE_COLORS[type] || "#555" }),
        single ? null : el("svg:text", { "text-anchor": "middle", dy: "0.35em", text: cluster.count }),
      );
      this.markerLayer.append(marker);
    }
  }

  choose(cluster, sx, sy) {
    if (this.dragged) return;
    if (cluster.count === 1) this.onSelect(cluster.id);
    else this.zoomBy(2.5, [sx, sy]);
  }

  drawTiles() {
    clear(this.tileLayer);
    const template = this.config.tiles;
    if (!template) return;
    const [width, height] = this.size();
    const z = Math.min(Math.max(Math.round(Math.log2(this.k)), 0), 18);
    const size = (TILE * this.k) / 2 ** z;
    const count = 2 ** z;
    for (let ty = Math.floor(-this.ty / size); ty * size + this.ty < height; ty += 1) {
      for (let tx = Math.floor(-this.tx / size); tx * size + this.tx < width; tx += 1) {
        if (tx < 0 || ty < 0 || tx >= count || ty >= count) continue;
        const href = template.replace("{z}", z).replace("{x}", tx).replace("{y}", ty);
        this.tileLayer.append(
          el("svg:image", {
            href,
            x: tx * size + this.tx,
            y: ty * size + this.ty,
            width: size + 0.5,
            height: size + 0.5,
          }),
        );
      }
    }
  }
}
