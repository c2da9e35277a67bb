// conflictmap web map. Article text is untrusted: every string from the API reaches the
// page through textContent (see el()), never through innerHTML nor Leaflet's string
// tooltips/popups (which are HTML): they get DOM nodes. Links accept http(s) only.
"use strict";

const TYPES = [
  ["Battles", "#d62728"],
  ["Explosions/Remote violence", "#ff7f0e"],
  ["Violence against civilians", "#8e44ad"],
  ["Protests", "#1f77b4"],
  ["Riots", "#17becf"],
  ["Strategic developments", "#2ca02c"],
];
const OTHER = ["Other (not an ACLED type)", "#7f7f7f"];
const DAY = 86400000;
const PAGE = 500;
const SIDE_COLOURS = ["#c0392b", "#2874a6", "#b7950b", "#1e8449", "#7d3c98", "#a04000", "#566573"];

const state = {
  events: [],        // events matching the server-side filters
  days: [],          // [first, last] day numbers of the timeline
  range: [0, 0],     // selected day numbers
  mode: "events",
  controlDates: [0, 0],
};

// ---------- small DOM helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function safeUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;  // no URL: no link (not /undefined)
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (_err) {
    return null;
  }
}

function $(id) { return document.getElementById(id); }

function setPanel(...nodes) {
  $("panel").replaceChildren(...nodes);
  $("panel").scrollTop = 0;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.error || response.statusText);
  return body;
}

function showError(err) {
  setPanel(el("p", { class: "error" }, `Could not load data: ${err.message}`));
}

// ---------- dates ----------

const toDay = (iso) => Math.floor(Date.parse(iso.slice(0, 10)) / DAY);
const fromDay = (day) => new Date(day * DAY).toISOString().slice(0, 10);
// Event dates are cut to their precision: 2016, 2016-12 or 2016-12-11 (first day counts).
function eventDay(ev) {
  if (!ev.date) return null;
  const iso = ev.date.length === 4 ? `${ev.date}-01-01` : ev.date.length === 7 ? `${ev.date}-01` : ev.date;
  const day = toDay(iso);
  return Number.isFinite(day) ? day : null;
}

// ---------- map ----------

if (typeof L === "undefined" || typeof topojson === "undefined") {
  document.body.replaceChildren(el("p", { class: "error" },
    "The map's assets are missing. Run scripts/setup.sh (or `npm ci && npm run build` in web/) ",
    "and restart the server. The API itself works: see openapi.json."));
  throw new Error("web assets missing");
}

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([25, 35], 4);
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution("Basemap: Natural Earth (world-atlas)");
const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
  iconCreateFunction: clusterIcon });
const controlLayer = L.layerGroup();
map.addLayer(clusters);

async function drawBasemap() {
  const topo = await (await fetch("static/vendor/world-atlas/countries-50m.json")).json();
  const land = topojson.feature(topo, topo.objects.countries);
  land.features.forEach(unwrapFeature);
  L.geoJSON(land, {
    interactive: false,
    style: { color: "#a39d8d", weight: 0.7, fillColor: "#ece8dc", fillOpacity: 1 },
  }).addTo(map).bringToBack();
}

// Rings that cross the antimeridian (Russia, Fiji) jump from 180 to -180 degrees; on a flat
// map that draws a band across the world. Shift the rest of such a ring by 360 degrees.
function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapFeature(feature) {
  const geom = feature.geometry;
  if (!geom) return;
  if (geom.type === "Polygon") geom.coordinates = geom.coordinates.map(unwrapRing);
  if (geom.type === "MultiPolygon") geom.coordinates = geom.coordinates.map((p) => p.map(unwrapRing));
}

function typeColour(ev) {
  const type = ev.acled && ev.acled.event_type;
  const found = TYPES.find(([name]) => name === type);
  return found ? found[1] : OTHER[1];
}

function eventMarker(ev) {
  const loc = ev.location;
  const solid = ev.status === "asserted";
  const marker = L.circleMarker([loc.lat, loc.lon], {
    radius: 7, color: typeColour(ev), weight: 2, fillColor: typeColour(ev),
    fillOpacity: solid ? 0.85 : 0.1, className: `event-marker status-${ev.status}`,
    eventId: ev.id, ev,
  });
  // Leaflet writes a string tooltip as HTML: give it a text node's element instead.
  marker.bindTooltip(el("span", {}, `${ev.date || "undated"} · ${eventLabel(ev)} · ${loc.name}`));
  marker.on("click", () => selectEvent(ev.id));
  marker.on("add", () => marker.getElement().setAttribute("data-event-id", ev.id));
  return marker;
}

function eventLabel(ev) {
  const acled = ev.acled || {};
  return acled.sub_event_type || acled.event_type || ev.plover || "event";
}

// A cluster is a ring split by event type (conic gradient) around its event count.
function clusterIcon(cluster) {
  const counts = new Map();
  for (const marker of cluster.getAllChildMarkers()) {
    const colour = typeColour(marker.options.ev);
    counts.set(colour, (counts.get(colour) || 0) + 1);
  }
  const total = cluster.getChildCount();
  let seen = 0;
  const stops = [...counts].map(([colour, n]) => {
    const from = (seen / total) * 360;
    seen += n;
    return `${colour} ${from}deg ${(seen / total) * 360}deg`;
  });
  const pie = el("div", { class: "cluster-pie" }, el("span", {}, String(total)));
  pie.style.background = `conic-gradient(${stops.join(", ")})`;
  const size = total < 10 ? 34 : total < 100 ? 40 : 48;
  return L.divIcon({ html: pie, className: "cluster-icon", iconSize: L.point(size, size) });
}

// ---------- loading events (server-side filters) ----------

function filterParams() {
  const params = new URLSearchParams();
  for (const [name, id] of [["actor", "f-actor"], ["event_type", "f-type"],
    ["status", "f-status"], ["q", "f-q"]]) {
    const value = $(id).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function loadEvents() {
  const params = filterParams();
  params.set("limit", String(PAGE));
  let offset = 0;
  const events = [];
  for (;;) {
    params.set("offset", String(offset));
    const page = await api(`events?${params}`);
    events.push(...page.events);
    offset += PAGE;
    if (!page.next || offset >= 20000) break;
  }
  state.events = events;
  setupTimeline();
  render();
}

function inRange(ev) {
  const day = eventDay(ev);
  return day === null || (day >= state.range[0] && day <= state.range[1]);
}

function visibleEvents() {
  return state.events.filter(inRange);
}

function render() {
  const visible = visibleEvents();
  clusters.clearLayers();
  clusters.addLayers(visible.filter((ev) => ev.location).map(eventMarker));
  drawHistogram();
  $("range-count").textContent = `${visible.length} of ${state.events.length} events`;
  $("summary").textContent = `${state.events.length} events match the filters`;
  if (!location.hash) showEventList(visible);
}

function fitToEvents() {
  const points = state.events.filter((ev) => ev.location).map((ev) => [ev.location.lat, ev.location.lon]);
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 7, animate: false });
}

// ---------- timeline ----------

function setupTimeline() {
  const days = state.events.map(eventDay).filter((d) => d !== null);
  const first = days.length ? Math.min(...days) : toDay(new Date().toISOString());
  const last = days.length ? Math.max(...days) : first;
  state.days = [first, last];
  state.range = [first, last];
  for (const id of ["t-start", "t-end"]) {
    $(id).min = String(first);
    $(id).max = String(last);
  }
  $("t-start").value = String(first);
  $("t-end").value = String(last);
  syncDateInputs();
}

function syncDateInputs() {
  for (const [id, value] of [["d-start", state.range[0]], ["d-end", state.range[1]]]) {
    $(id).min = fromDay(state.days[0]);
    $(id).max = fromDay(state.days[1]);
    $(id).value = fromDay(value);
  }
}

function setRange(start, end) {
  const [first, last] = state.days;
  const a = Math.max(first, Math.min(start, last));
  const b = Math.max(a, Math.min(end, last));
  state.range = [a, b];
  $("t-start").value = String(a);
  $("t-end").value = String(b);
  syncDateInputs();
  render();
}

function bins() {
  const [first, last] = state.days;
  const span = last - first + 1;
  const size = span <= 62 ? 1 : span <= 730 ? 7 : 30;
  const count = Math.max(1, Math.ceil(span / size));
  const counts = new Array(count).fill(0);
  for (const ev of state.events) {
    const day = eventDay(ev);
    if (day !== null) counts[Math.min(count - 1, Math.floor((day - first) / size))] += 1;
  }
  return { size, counts };
}

function drawHistogram() {
  const svg = $("histogram");
  const width = svg.clientWidth || 800;
  const height = 70;
  const { size, counts } = bins();
  const top = Math.max(1, ...counts);
  const barWidth = width / counts.length;
  const ns = "http://www.w3.org/2000/svg";
  const nodes = counts.map((n, i) => {
    const start = state.days[0] + i * size;
    const rect = document.createElementNS(ns, "rect");
    const h = n ? Math.max(2, (n / top) * (height - 14)) : 0;
    rect.setAttribute("x", String(i * barWidth + 0.5));
    rect.setAttribute("y", String(height - 12 - h));
    rect.setAttribute("width", String(Math.max(1, barWidth - 1)));
    rect.setAttribute("height", String(h));
    const inside = start + size - 1 >= state.range[0] && start <= state.range[1];
    rect.setAttribute("class", inside ? "bar in" : "bar");
    rect.addEventListener("click", () => setRange(start, start + size - 1));
    const title = document.createElementNS(ns, "title");
    title.textContent = `${fromDay(start)}: ${n} event${n === 1 ? "" : "s"}`;
    rect.append(title);
    return rect;
  });
  const label = (x, text, anchor) => {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", String(x));
    t.setAttribute("y", String(height - 1));
    t.setAttribute("text-anchor", anchor);
    t.textContent = text;
    return t;
  };
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren(...nodes, label(0, fromDay(state.days[0]), "start"),
    label(width, fromDay(state.days[1]), "end"));
}

// ---------- panel: event list, one event ----------

function eventRow(ev) {
  const li = el("li", { tabindex: "0", "data-event-id": ev.id,
    onclick: () => selectEvent(ev.id),
    onkeydown: (e) => { if (e.key === "Enter") selectEvent(ev.id); } },
  el("span", { class: "swatch", style: `background:${typeColour(ev)}` }),
  el("span", { class: "date" }, ev.date || "undated"),
  el("span", {}, `${eventLabel(ev)} · ${ev.location ? ev.location.name : "no location"}`));
  return li;
}

function showEventList(events) {
  const sorted = [...events].sort((a, b) => (a.date || "").localeCompare(b.date || ""));
  setPanel(el("h2", {}, "Events in the selected period"),
    el("p", { class: "note" }, "Click a marker or a row to read the evidence."),
    el("ul", { class: "list", id: "event-list" }, ...sorted.map(eventRow)));
}

function actorLink(actor) {
  if (!actor) return "—";
  return el("a", { class: "actor", href: `#actor/${encodeURIComponent(actor.id)}` }, actor.name);
}

function sourceLine(src) {
  const url = safeUrl(src.url);
  const where = src.article_id ? `article ${src.article_id}` : "article";
  if (!url) return el("div", { class: "source" }, where);
  return el("div", { class: "source" }, `${where} · `,
    el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, src.url));
}

function evidenceList(ev) {
  const sources = ev.sources && ev.sources.length ? ev.sources : [ev.evidence];
  return sources.flatMap((src) => [el("blockquote", { class: "evidence" }, src.text), sourceLine(src)]);
}

function eventDetails(ev) {
  const acled = ev.acled || {};
  const loc = ev.location;
  const rows = [
    ["Date", `${ev.date || "unknown"} (${ev.date_precision})`],
    ["Status", el("span", { class: `badge ${ev.status}` }, ev.status)],
    ev.claimed_by ? ["Claimed by", ev.claimed_by] : null,
    ["Actor", actorLink(ev.actor)],
    ["Target", actorLink(ev.target)],
    ["Place", placeLink(loc)],
    ["Fatalities", ev.fatalities === null || ev.fatalities === undefined ? "not given" : ev.fatalities],
    ["ACLED", [acled.event_type, acled.sub_event_type].filter(Boolean).join(" / ") || "—"],
    ["PLOVER", [ev.plover, ev.plover_mode].filter(Boolean).join(" / ")],
    ["CAMEO", ev.cameo || "—"],
    ["Confidence", ev.confidence],
  ].filter(Boolean);
  return el("dl", {}, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function highlight(id) {
  clusters.eachLayer((marker) => {
    const selected = marker.options.eventId === id;
    marker.setStyle({ weight: selected ? 4 : 2, color: selected ? "#111" : typeColour(marker.options.ev) });
    if (selected && marker.bringToFront && marker._map) marker.bringToFront();
  });
}

function placeLink(loc) {
  if (!loc) return "—";
  const text = `${loc.name}${loc.country ? `, ${loc.country}` : ""} (precision ${loc.precision})`;
  return el("span", {}, text, " ", el("button", { class: "link", id: "place-history",
    onclick: () => { setMode("control"); showPlace(placeId(loc)); } }, "who held it"));
}

async function selectEvent(id) {
  try {
    const ev = await api(`events/${encodeURIComponent(id)}`);
    highlight(id);
    history.replaceState(null, "", `#event/${encodeURIComponent(id)}`);
    const back = el("button", { class: "link", onclick: () => { clearHash(); showEventList(visibleEvents()); } },
      "← all events");
    setPanel(back, el("h2", { id: "event-title" }, eventLabel(ev)), eventDetails(ev),
      el("h3", {}, `Evidence (${(ev.sources || [ev.evidence]).length})`),
      el("div", { id: "evidence" }, ...evidenceList(ev)));
    if (ev.location) map.panTo([ev.location.lat, ev.location.lon]);
  } catch (err) {
    showError(err);
  }
}

// ---------- actor page ----------

async function showActor(id) {
  try {
    const actor = await api(`actors/${encodeURIComponent(id)}`);
    const rows = [["Id", actor.id], ["Country", actor.country || "—"], ["Type", actor.type || "—"],
      actor.acled_name ? ["ACLED name", actor.acled_name] : null,
      actor.aliases ? ["Also called", actor.aliases.join(", ")] : null,
      ["Events", actor.event_count]].filter(Boolean);
    const onMap = el("button", { class: "link", onclick: () => {
      $("f-actor").value = actor.id; clearHash(); loadEvents().catch(showError);
    } }, "Show only this actor's events on the map");
    setPanel(el("button", { class: "link", onclick: () => { clearHash(); showEventList(visibleEvents()); } },
      "← all events"), el("h2", { id: "actor-name" }, actor.name),
    el("dl", {}, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])), onMap,
    el("h3", {}, "Events"), el("ul", { class: "list" }, ...actor.events.map(eventRow)));
  } catch (err) {
    showError(err);
  }
}

function clearHash() {
  history.replaceState(null, "", location.pathname + location.search);
}

function route() {
  const actor = location.hash.match(/^#actor\/(.+)$/);
  const event = location.hash.match(/^#event\/(.+)$/);
  if (actor) showActor(decodeURIComponent(actor[1]));
  else if (event) selectEvent(decodeURIComponent(event[1]));
}

// ---------- control view ----------

const controllers = new Map();

function controllerColour(interval) {
  if (interval.status !== "controlled" || !interval.controller) return "#8a949a";
  const id = interval.controller.id;
  if (!controllers.has(id)) controllers.set(id, SIDE_COLOURS[controllers.size % SIDE_COLOURS.length]);
  return controllers.get(id);
}

function holderName(interval) {
  if (interval.status === "contested") return "contested";
  return interval.controller ? interval.controller.name : "unknown";
}

function placeId(place) {
  return place.geonames_id !== null && place.geonames_id !== undefined ? String(place.geonames_id) : place.name;
}

async function showControl(day) {
  const date = fromDay(day);
  $("c-date").value = date;
  $("c-slider").value = String(day);
  try {
    const body = await api(`control?date=${date}`);
    controlLayer.clearLayers();
    for (const iv of body.places) {
      const marker = L.circleMarker([iv.place.lat, iv.place.lon], {
        radius: 10, color: iv.status === "controlled" ? "#fff" : "#5d6a70", weight: 2,
        fillColor: controllerColour(iv), fillOpacity: iv.status === "controlled" ? 0.95 : 0.35,
        className: "control-marker",
      });
      marker.bindTooltip(el("span", {}, `${iv.place.name}: ${holderName(iv)}`), { permanent: true,
        direction: "right", className: "control-label", offset: [8, 0] });
      marker.on("click", () => showPlace(placeId(iv.place)));
      controlLayer.addLayer(marker);
    }
    showControlList(date, body.places);
    controlLegend(body.places);
    if (!state.controlFitted && body.places.length) {
      state.controlFitted = true;
      map.fitBounds(L.latLngBounds(body.places.map((iv) => [iv.place.lat, iv.place.lon])).pad(0.5),
        { maxZoom: 7, animate: false });
    }
  } catch (err) {
    showError(err);
  }
}

function controlLegend(places) {
  const seen = new Map();
  for (const iv of places) seen.set(holderName(iv), controllerColour(iv));
  $("control-legend").replaceChildren(...[...seen].map(([name, colour]) =>
    el("li", {}, el("span", { class: "swatch", style: `background:${colour}` }), name)));
}

function showControlList(date, places) {
  const rows = places.map((iv) => el("li", { tabindex: "0", "data-place": placeId(iv.place),
    onclick: () => showPlace(placeId(iv.place)) },
  el("span", { class: "swatch", style: `background:${controllerColour(iv)}` }),
  el("span", {}, el("strong", {}, iv.place.name), el("br"),
    `${holderName(iv)} since ${iv.valid_from}`)));
  setPanel(el("h2", { id: "control-title" }, `Control on ${date}`),
    rows.length ? el("ul", { class: "list", id: "control-list" }, ...rows)
      : el("p", { class: "note" }, "No place has a known holder on this date."),
    el("p", { class: "note" }, "Click a place for its history of control."));
}

async function showPlace(id) {
  try {
    const body = await api(`places/${encodeURIComponent(id)}/control`);
    const items = body.history.map((iv) => el("li", { class: "interval" },
      el("div", {}, el("span", { class: "swatch", style: `background:${controllerColour(iv)}` }), " ",
        el("strong", {}, holderName(iv)), ` ${iv.valid_from} → ${iv.valid_to || "now"}`),
      el("div", {}, ...iv.evidence.flatMap((ev) => [el("blockquote", {}, ev.text), sourceLine(ev)]))));
    setPanel(el("button", { class: "link", onclick: () => showControl(Number($("c-slider").value)) },
      "← all places"), el("h2", { id: "place-name" }, body.place.name),
    el("h3", {}, "Who held it"), el("ul", { class: "history" }, ...items));
  } catch (err) {
    showError(err);
  }
}

function setupControlDates() {
  const first = state.days[0] - 30;
  const last = Math.max(state.days[1], toDay(new Date().toISOString()));
  for (const input of [$("c-slider")]) { input.min = String(first); input.max = String(last); }
  $("c-date").min = fromDay(first);
  $("c-date").max = fromDay(last);
  return state.days[1];
}

function setMode(mode) {
  state.mode = mode;
  const control = mode === "control";
  $("tab-events").setAttribute("aria-selected", String(!control));
  $("tab-control").setAttribute("aria-selected", String(control));
  $("timeline").hidden = control;
  $("control-bar").hidden = !control;
  $("filters").querySelector("form").hidden = control;
  $("event-legend").hidden = control;
  $("control-legend-box").hidden = !control;
  if (control) {
    map.removeLayer(clusters);
    map.addLayer(controlLayer);
    showControl(Number($("c-slider").value) || setupControlDates());
  } else {
    map.removeLayer(controlLayer);
    map.addLayer(clusters);
    render();
  }
  map.invalidateSize();
}

// ---------- wiring ----------

function legend() {
  $("event-legend").querySelector("ul").replaceChildren(...[...TYPES, OTHER].map(([name, colour]) =>
    el("li", {}, el("span", { class: "swatch", style: `background:${colour}` }), name)));
  $("f-type").append(...TYPES.map(([name]) => el("option", { value: name }, name)));
}

async function loadActorList() {
  const body = await api("actors?limit=500");
  $("actor-list").replaceChildren(...body.actors.map((a) =>
    el("option", { value: a.id }, `${a.name} (${a.event_count})`)));
}

function wire() {
  $("filter-form").addEventListener("submit", (e) => { e.preventDefault(); loadEvents().catch(showError); });
  $("filter-form").addEventListener("reset", () => setTimeout(() => loadEvents().catch(showError), 0));
  $("f-type").addEventListener("change", () => loadEvents().catch(showError));
  $("f-status").addEventListener("change", () => loadEvents().catch(showError));
  $("t-start").addEventListener("input", () => setRange(Number($("t-start").value), Math.max(Number($("t-start").value), state.range[1])));
  $("t-end").addEventListener("input", () => setRange(Math.min(state.range[0], Number($("t-end").value)), Number($("t-end").value)));
  $("d-start").addEventListener("change", () => $("d-start").value && setRange(toDay($("d-start").value), state.range[1]));
  $("d-end").addEventListener("change", () => $("d-end").value && setRange(state.range[0], toDay($("d-end").value)));
  $("c-slider").addEventListener("input", () => showControl(Number($("c-slider").value)));
  $("c-date").addEventListener("change", () => $("c-date").value && showControl(toDay($("c-date").value)));
  $("tab-events").addEventListener("click", () => setMode("events"));
  $("tab-control").addEventListener("click", () => setMode("control"));
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", drawHistogram);
}

async function start() {
  legend();
  wire();
  await drawBasemap().catch((err) => console.error("basemap", err));
  await loadEvents();
  fitToEvents();
  setupControlDates();
  $("c-slider").value = String(state.days[1]);
  loadActorList().catch((err) => console.error("actors", err));
  route();
  document.body.dataset.ready = "true";
}

start().catch(showError);
