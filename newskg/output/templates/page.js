"use strict";
// The page's own script. Every string from a document reaches the screen through textContent or a
// text node, never as markup; the CSP lets this script and vis-network run, nothing else.
(function () {
  const data = JSON.parse(document.getElementById("newskg-data").textContent);
  const options = JSON.parse(document.getElementById("newskg-options").textContent);
  const meta = data.meta;
  const docs = data.documents;
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const edgeById = new Map(data.edges.map(e => [e.id, e]));
  const colorOf = new Map(data.types.map(t => [t.type, t.color]));
  const classLabel = new Map(data.classes.map(c => [c.cls, c.label]));
  const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
  const fold = s => (s || "").replace(INVISIBLE, "").normalize("NFD").replace(/\p{M}/gu, "").normalize("NFKC").toLowerCase().trim();
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const isoDay = day => new Date(day * 86400000).toISOString().slice(0, 10);
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const FONT_FACE = "system-ui, 'Noto Sans', 'Noto Sans Khmer', sans-serif";

  // ---- state, filters and the URL hash -------------------------------------------------------
  const firstDay = meta.firstDay, lastDay = meta.lastDay;
  const allTypes = data.types.map(t => t.type), allClasses = data.classes.map(c => c.cls);
  const defaults = () => ({
    types: new Set(allTypes), classes: new Set(allClasses), docs: new Set(docs.map((_, i) => i)),
    from: firstDay, to: lastDay, structural: true, claims: true, isolated: false, size: "events", actor: null,
  });
  let state = defaults();
  const forced = new Set();  // actors opened by search or a panel link, drawn whatever the filters say

  function readHash() {
    const next = defaults();
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const list = key => (p.get(key) || "").split(",").filter(Boolean);
    if (p.has("types")) next.types = new Set(list("types").filter(t => allTypes.includes(t)));
    if (p.has("events")) next.classes = new Set(list("events").filter(c => allClasses.includes(c)));
    if (p.has("docs")) next.docs = new Set(list("docs").map(Number).filter(i => i >= 0 && i < docs.length));
    const day = key => { const t = Date.parse(p.get(key) || ""); return Number.isFinite(t) ? Math.round(t / 86400000) : null; };
    if (firstDay !== null) {
      const f = day("from"), t = day("to");
      if (f !== null) next.from = Math.min(Math.max(f, firstDay), lastDay);
      if (t !== null) next.to = Math.min(Math.max(t, firstDay), lastDay);
      if (next.from > next.to) [next.from, next.to] = [next.to, next.from];
    }
    next.structural = p.get("structural") !== "0";
    next.claims = p.get("claims") !== "0";
    next.isolated = p.get("all") === "1";
    if (["events", "mentions", "pagerank"].includes(p.get("size"))) next.size = p.get("size");
    if (p.has("actor") && byId.has(p.get("actor"))) next.actor = p.get("actor");
    return next;
  }
  let lastHash = null;
  function writeHash() {
    const p = new URLSearchParams();
    if (state.types.size !== allTypes.length) p.set("types", [...state.types].join(","));
    if (state.classes.size !== allClasses.length) p.set("events", [...state.classes].join(","));
    if (state.docs.size !== docs.length) p.set("docs", [...state.docs].sort((a, b) => a - b).join(","));
    if (firstDay !== null && state.from !== firstDay) p.set("from", isoDay(state.from));
    if (firstDay !== null && state.to !== lastDay) p.set("to", isoDay(state.to));
    if (!state.structural) p.set("structural", "0");
    if (!state.claims) p.set("claims", "0");
    if (state.isolated) p.set("all", "1");
    if (state.size !== "events") p.set("size", state.size);
    if (state.actor) p.set("actor", state.actor);
    const hash = p.toString();
    lastHash = hash;
    const url = location.href.replace(/#.*$/, "") + (hash ? "#" + hash : "");
    try { history.replaceState(null, "", url); } catch (err) { location.hash = hash; }
  }

  const fullRange = () => firstDay === null || (state.from <= firstDay && state.to >= lastDay);
  const allDocs = () => state.docs.size === docs.length;
  function copyPasses(copy, dated) {
    if (!state.docs.has(copy.doc)) return false;
    if (!dated || fullRange()) return true;
    return copy.d0 !== null && copy.d1 >= state.from && copy.d0 <= state.to;
  }
  const passes = (copies, dated) => copies.length ? copies.some(c => copyPasses(c, dated)) : (allDocs() && (!dated || fullRange()));
  const itemPasses = item => state.classes.has(item.cls) && passes(item.copies, true);
  const linkPasses = item => passes(item.copies, true);  // not events, but a date range keeps only what its documents say
  let claimOk = [], looseOk = [];
  const involved = item => [...item.sources, ...item.targets, ...item.theme];

  // ---- what is shown -------------------------------------------------------------------------
  let view = { nodes: new Set(), edges: new Set(), passing: new Map(), connected: new Set() };
  function computeView() {
    claimOk = data.claims.map(c => passes(c.copies, true));
    const passing = new Map(), connected = new Set();
    for (const e of data.edges) {
      let ok;
      if (e.kind === "interaction") ok = e.items.filter(itemPasses);
      else if (e.kind === "structural") ok = e.items.filter(linkPasses);
      else ok = e.claims.filter(i => claimOk[i]);
      passing.set(e.id, ok);
      if (ok.length) { connected.add(e.from); connected.add(e.to); }
    }
    data.claims.forEach((c, i) => { if (claimOk[i]) { connected.add(c.speaker); c.about.forEach(a => connected.add(a)); } });
    looseOk = data.events.map(itemPasses);
    data.events.forEach((item, i) => { if (looseOk[i]) involved(item).forEach(a => connected.add(a)); });
    const shown = new Set();
    for (const n of data.nodes) {
      if ((state.types.has(n.type) && (state.isolated || connected.has(n.id))) || forced.has(n.id)) shown.add(n.id);
    }
    const edgesShown = new Set();
    for (const e of data.edges) {
      const drawnKind = e.kind === "interaction" || (e.kind === "structural" && state.structural) || (e.kind === "claim" && state.claims);
      if (drawnKind && passing.get(e.id).length && shown.has(e.from) && shown.has(e.to)) edgesShown.add(e.id);
    }
    view = { nodes: shown, edges: edgesShown, passing, connected };
  }

  // ---- sizes and fonts -----------------------------------------------------------------------
  const maxOf = key => Math.max(1e-9, ...data.nodes.map(n => n[key]));
  const maxima = { events: maxOf("events"), mentions: maxOf("mentions"), pagerank: maxOf("pagerank") };
  // Sizes are in pixels at scale 1; the main labels are ``unit`` times larger when a large picture
  // only fits zoomed out. The main actors' labels are readable at the fit view; the rest are drawn small
  // enough to hide until one zooms in (or hovers), and still get room, so nothing overlaps at any zoom.
  let spread = 1, unit = 1, labelled = new Set();
  function importance(n) { return Math.sqrt(Math.max(0, n[state.size]) / maxima[state.size]); }
  function styleNodes() {
    const shown = data.nodes.filter(n => view.nodes.has(n.id));
    spread = Math.max(1, Math.sqrt(shown.length / 60));
    const ranked = shown.slice().sort((a, b) => importance(b) - importance(a) || b.mentions - a.mentions || a.label.localeCompare(b.label));
    labelled = new Set(ranked.slice(0, shown.length <= 100 ? shown.length : 45).map(n => n.id));
    const smallest = shown.length <= 150 ? 5 : shown.length <= 600 ? 3.5 : 2;
    return data.nodes.map(n => {
      const w = importance(n);
      return { id: n.id, size: smallest + 22 * w, font: { size: labelled.has(n.id) ? (12 + 14 * w) * unit : 3.5 * Math.sqrt(unit) } };
    });
  }

  // ---- vis-network ---------------------------------------------------------------------------
  function tooltip(lines) { const d = el("div"); lines.forEach(l => d.appendChild(el("div", l))); return d; }
  state = readHash();
  computeView();
  const nodes = new vis.DataSet(data.nodes.map(n => ({
    id: n.id, label: n.label, color: n.color, shape: "dot",
    title: tooltip([n.label, `${n.type} · ${plural(n.events, "event")} · ${plural(n.mentions, "mention")} · ${plural(data.claims.filter(c => c.speaker === n.id).length, "claim")} made`]),
  })));
  nodes.update(styleNodes());
  const edgeStyle = e => e.kind === "interaction"
    ? { width: Math.min(4, 1 + Math.log2(e.itemCount)), label: e.label }
    : e.kind === "structural"
      ? { width: 0.6, dashes: [4, 4], color: { color: "#b8c2cc", highlight: "#52606d", hover: "#52606d" }, arrows: { to: { enabled: true, scaleFactor: 0.35 } }, label: e.label, font: { color: "#9aa5b1", size: 9 } }
      : { width: 1.2, dashes: [2, 5], color: { color: "#b794f4", highlight: "#6b46c1", hover: "#6b46c1" }, arrows: { to: { enabled: true, scaleFactor: 0.4 } }, label: "", font: { size: 9 } };
  const edges = new vis.DataSet(data.edges.map(e => Object.assign({
    id: e.id, from: e.from, to: e.to,
    title: tooltip([`${byId.get(e.from).label} ${e.label} ${byId.get(e.to).label}`, `${e.itemCount} ${e.kind === "claim" ? "claim" : "sentence"}${e.itemCount === 1 ? "" : "s"}`]),
  }, edgeStyle(e))));
  const nodeView = new vis.DataView(nodes, { filter: n => view.nodes.has(n.id) });
  const edgeView = new vis.DataView(edges, { filter: e => view.edges.has(e.id) });
  const container = document.getElementById("network");
  const status = document.getElementById("status");
  const placed = new Map();  // positions of everything laid out so far, so filtered actors come back where they were

  // Overlap removal: every actor's footprint (its disc, and its label where the label is drawn)
  // is pushed apart from the others, linked actors far enough for their link to be clickable.
  const measure = document.createElement("canvas").getContext("2d");
  function footprint(id) {
    const item = nodes.get(id), r = item.size, font = item.font.size;
    // vis-network hangs a dot's label below the dot, half a line down.
    measure.font = `${font}px ${FONT_FACE}`;
    const half = Math.max(r, measure.measureText(byId.get(id).label).width / 2 + font * 0.3);
    return { r, half, top: r, below: r + font * 1.9 };
  }
  const layout = window.newskgLayout;
  let tidyReport = null;
  const boxesOf = ids => ids.map(id => Object.assign({ id }, placed.get(id), footprint(id)));
  function linksOf(boxes) {
    const index = new Map(boxes.map((b, i) => [b.id, i])), links = [];
    for (const eid of view.edges) {
      const e = edgeById.get(eid), a = index.get(e.from), b = index.get(e.to);
      if (a !== undefined && b !== undefined && a !== b) links.push([a, b]);
    }
    return links;
  }
  const store = boxes => boxes.forEach(b => placed.set(b.id, { x: b.x, y: b.y }));
  const aspect = () => container.clientWidth / Math.max(1, container.clientHeight);
  function tidy(ids, rounds) { const boxes = boxesOf(ids); tidyReport = layout.tidy(boxes, linksOf(boxes), rounds); store(boxes); }
  // Actors shown for the first time (those without relations, when the toggle shows them) go in a
  // block under the picture, by type and name, and are then tidied with the rest.
  function placeNewcomers(ids) {
    const fresh = ids.filter(id => !placed.has(id));
    if (!fresh.length) return;
    let x0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of placed.values()) { x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y); }
    if (!Number.isFinite(x0)) { x0 = 0; x1 = 0; y1 = 0; }
    fresh.sort((a, b) => byId.get(a).type.localeCompare(byId.get(b).type) || byId.get(a).label.localeCompare(byId.get(b).label));
    const step = 60, cols = Math.max(4, Math.ceil(Math.max((x1 - x0) / step, Math.sqrt(fresh.length * 2))));
    fresh.forEach((id, k) => placed.set(id, { x: x0 + (k % cols) * step, y: y1 + 80 + Math.floor(k / cols) * step }));
  }
  function layoutShown(rounds) {
    const ids = [...view.nodes];
    placeNewcomers(ids);
    tidy(ids, rounds);
    nodes.update(ids.map(id => Object.assign({ id }, placed.get(id))));
  }
  const fitScale = () => layout.fitScale(boxesOf([...view.nodes].filter(id => placed.has(id))), container.clientWidth, container.clientHeight);
  // vis-network's own fit reads bounding boxes from the last frame drawn, which are stale right
  // after the overlap removal has moved the actors: fit to the footprints instead.
  function fitView() {
    const boxes = boxesOf([...view.nodes].filter(id => placed.has(id)));
    if (!boxes.length) return;
    const b = layout.bounds(boxes);
    network.moveTo({ position: { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 }, scale: layout.fitScale(boxes, container.clientWidth, container.clientHeight), animation: false });
  }
  // Large pictures start from a radial tree of each group of linked actors, so a short run of
  // physics is enough to settle them.
  function radialSeed(ids) {
    const adjacent = new Map(ids.map(id => [id, []]));
    for (const eid of view.edges) { const e = edgeById.get(eid); if (e.from !== e.to && adjacent.has(e.from) && adjacent.has(e.to)) { adjacent.get(e.from).push(e.to); adjacent.get(e.to).push(e.from); } }
    const order = ids.slice().sort((a, b) => adjacent.get(b).length - adjacent.get(a).length || importance(byId.get(b)) - importance(byId.get(a)));
    const seeded = layout.radial(order, adjacent, 110 * Math.sqrt(spread), 40 * Math.sqrt(spread));
    for (const [id, p] of seeded) placed.set(id, p);
    nodes.update(ids.map(id => Object.assign({ id }, placed.get(id))));
  }
  if (!options.layout.improvedLayout) radialSeed([...view.nodes]);
  options.physics.barnesHut.springLength *= Math.sqrt(spread);
  const startMs = performance.now();
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  const createdMs = performance.now();
  status.textContent = "Laying out…";
  network.on("stabilizationProgress", p => { status.textContent = `Laying out… ${Math.round(100 * p.iterations / p.total)}%`; });
  let settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    const positions = network.getPositions([...view.nodes]);
    for (const id in positions) placed.set(id, positions[id]);
    const physicsMs = performance.now();
    const ids = [...view.nodes];
    let boxes = boxesOf(ids);
    const links = linksOf(boxes);
    layout.orient(boxes, aspect());
    layout.pack(boxes, layout.groupsOf(boxes.length, links), aspect());
    tidyReport = layout.tidy(boxes, links, 200);
    // Pull the picture together and let the overlap removal hold it apart: labels stay large at the fit view.
    for (const factor of ids.length > 600 ? [0.75, 0.85] : [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]) {
      layout.squeeze(boxes, factor);
      tidyReport = layout.tidy(boxes, links, 200);
    }
    store(boxes);
    // A large picture fits only zoomed out: its labels grow by as much, so the main ones stay readable.
    const ratio = fitScale();
    if (ratio < 0.9 && ids.length > 100) {
      unit = 1 / ratio;
      nodes.update(styleNodes());
      boxes = boxesOf(ids);
      tidyReport = layout.tidy(boxes, links, 400);
      store(boxes);
    }
    nodes.update(ids.map(id => Object.assign({ id }, placed.get(id))));
    fitView();
    // vis-network culls what its last frame placed off screen: let it draw twice at the new
    // positions before calling the picture settled.
    let frames = 0;
    const done = () => {
      if (++frames < 2) { network.redraw(); return; }
      network.off("afterDrawing", done);
      status.textContent = "";
      window.newskg.settledMs = performance.now();
      window.newskg.physicsMs = physicsMs;
      window.newskg.timings = { start: startMs, created: createdMs, physics: physicsMs, settled: window.newskg.settledMs, fitRatio: network.getScale() * unit };
      document.body.dataset.stabilized = "true";
      document.dispatchEvent(new CustomEvent("newskg:stabilized", { detail: { ms: window.newskg.settledMs } }));
      if (state.actor) selectNode(state.actor, { fromHash: true });
    };
    network.on("afterDrawing", done);
    network.redraw();
  }
  network.once("stabilizationIterationsDone", settle);
  if (view.nodes.size === 0) setTimeout(settle, 0);

  // ---- header, filters, legend ---------------------------------------------------------------
  function shownCounts() {
    const events = new Set(), claims = new Set();
    for (const eid of view.edges) {
      const e = edgeById.get(eid);
      if (e.kind === "interaction") view.passing.get(eid).forEach((item, k) => events.add(item.sentence ? item.cls + "\u0000" + item.sentence : eid + "\u0000" + k));
    }
    data.claims.forEach((c, i) => { if (claimOk[i] && view.nodes.has(c.speaker)) claims.add(i); });
    data.events.forEach((item, i) => { if (looseOk[i] && involved(item).some(a => view.nodes.has(a))) events.add(item.cls + "\u0000" + item.sentence); });
    return { events: events.size, claims: claims.size };
  }
  function updateCounts() {
    const counts = document.getElementById("counts");
    counts.replaceChildren();
    const total = data.nodes.length;
    const withoutRelations = data.nodes.filter(n => state.types.has(n.type) && !view.connected.has(n.id) && !view.nodes.has(n.id)).length;
    const byFilters = total - view.nodes.size - withoutRelations;
    const c = shownCounts();
    counts.appendChild(document.createTextNode(`${view.nodes.size} of ${plural(total, "actor")} shown`));
    if (withoutRelations) {
      counts.appendChild(document.createTextNode(` · ${withoutRelations} without relations hidden `));
      const show = el("button", "show"); show.addEventListener("click", () => { state.isolated = true; syncControls(); apply(); }); counts.appendChild(show);
    }
    if (byFilters > 0) counts.appendChild(document.createTextNode(` · ${byFilters} hidden by filters`));
    counts.appendChild(document.createTextNode(` · ${plural(c.events, "event")} · ${plural(c.claims, "claim")} · ${state.docs.size} of ${plural(docs.length, "document")}`));
    if (meta.totalNodes > total) counts.appendChild(document.createTextNode(` · the page holds the first ${total} of ${meta.totalNodes} actors`));
    counts.dataset.shown = view.nodes.size; counts.dataset.hiddenIsolated = withoutRelations; counts.dataset.events = c.events; counts.dataset.claims = c.claims;
  }
  function box(fieldset, key, text, color, checked, onChange, title) {
    const lab = el("label");
    if (title) lab.title = title;
    const input = document.createElement("input");
    input.type = "checkbox"; input.checked = checked; input.value = key; input.dataset.filter = fieldset.id;
    input.addEventListener("change", () => onChange(input.checked));
    lab.appendChild(input);
    if (color) { const sw = el("span", undefined, "swatch"); sw.style.background = color; lab.appendChild(sw); }
    lab.appendChild(document.createTextNode(text));
    fieldset.appendChild(lab);
    return input;
  }
  const typeBox = document.getElementById("type-filters");
  data.types.forEach(t => box(typeBox, t.type, `${t.type} (${t.count})`, t.color, true, on => { on ? state.types.add(t.type) : state.types.delete(t.type); apply(); }));
  const classBox = document.getElementById("class-filters");
  data.classes.forEach(c => box(classBox, c.cls, `${c.label} (${c.count})`, null, true, on => { on ? state.classes.add(c.cls) : state.classes.delete(c.cls); apply(); }));
  const docList = document.getElementById("doc-list");
  docs.forEach((d, i) => box(docList, String(i), `${d.title && d.title !== d.file ? d.title + " — " : ""}${d.file}${d.date ? " · " + d.date : ""}`, null, true,
    on => { on ? state.docs.add(i) : state.docs.delete(i); apply(); }));
  document.getElementById("docs-all").addEventListener("click", () => { state.docs = new Set(docs.map((_, i) => i)); syncControls(); apply(); });
  document.getElementById("docs-none").addEventListener("click", () => { state.docs = new Set(); syncControls(); apply(); });
  const structural = document.getElementById("show-structural"), claimsBox = document.getElementById("show-claims"), isolated = document.getElementById("show-isolated"), sizeBy = document.getElementById("size-by");
  structural.addEventListener("change", () => { state.structural = structural.checked; apply(); });
  claimsBox.addEventListener("change", () => { state.claims = claimsBox.checked; apply(); });
  isolated.addEventListener("change", () => { state.isolated = isolated.checked; apply(); });
  sizeBy.addEventListener("change", () => { state.size = sizeBy.value; apply({ restyle: true }); });
  const dateFrom = document.getElementById("date-from"), dateTo = document.getElementById("date-to"), dateLabel = document.getElementById("date-label");
  if (firstDay === null) document.getElementById("date-filter").style.display = "none";
  else for (const r of [dateFrom, dateTo]) { r.min = firstDay; r.max = lastDay; r.step = 1; }
  function onDate(which) {
    let f = Number(dateFrom.value), t = Number(dateTo.value);
    if (f > t) { if (which === "from") t = f; else f = t; }
    state.from = f; state.to = t; syncControls(); apply();
  }
  dateFrom.addEventListener("input", () => onDate("from"));
  dateTo.addEventListener("input", () => onDate("to"));
  document.getElementById("reset").addEventListener("click", () => { state = defaults(); forced.clear(); syncControls(); apply({ restyle: true }); });
  function syncControls() {
    document.querySelectorAll("input[data-filter='type-filters']").forEach(b => { b.checked = state.types.has(b.value); });
    document.querySelectorAll("input[data-filter='class-filters']").forEach(b => { b.checked = state.classes.has(b.value); });
    document.querySelectorAll("input[data-filter='doc-list']").forEach(b => { b.checked = state.docs.has(Number(b.value)); });
    structural.checked = state.structural; claimsBox.checked = state.claims; isolated.checked = state.isolated; sizeBy.value = state.size;
    if (firstDay !== null) {
      dateFrom.value = state.from; dateTo.value = state.to;
      dateLabel.textContent = fullRange() ? `${isoDay(firstDay)} – ${isoDay(lastDay)} (all)` : `${isoDay(state.from)} – ${isoDay(state.to)} · undated hidden`;
    }
    document.getElementById("doc-summary").textContent = `Documents (${state.docs.size} of ${docs.length})`;
  }

  function apply(how) {
    const before = view.nodes;
    computeView();
    const restyle = (how && how.restyle) || [...view.nodes].some(id => !before.has(id));
    if (restyle) nodes.update(styleNodes());
    nodeView.refresh(); edgeView.refresh();
    if (settled && (restyle || [...view.nodes].some(id => !placed.has(id)))) layoutShown(120);
    if (settled) fitView();  // the same places, framed to what is left
    syncControls();
    updateCounts();
    writeHash();
    if (panel.dataset.kind === "node" && byId.has(panel.dataset.id)) showNode(panel.dataset.id);
    else if (panel.dataset.kind === "edge" && edgeById.has(panel.dataset.id)) showEdge(panel.dataset.id);
  }

  // ---- panels --------------------------------------------------------------------------------
  const panel = document.getElementById("panel");
  function typeBadge(type) { const b = el("span", type, "type"); b.style.background = colorOf.get(type) || "#999"; return b; }
  function nodeButton(id) {
    const n = byId.get(id);
    const b = el("button", n ? n.label : id, "link");
    b.addEventListener("click", () => selectNode(id));
    return b;
  }
  function sources(copies, eventDate, more) {
    const seen = [...new Set(copies.map(c => c.doc))];
    const parts = seen.map(i => { const d = docs[i]; return `${d.file}${d.title && d.title !== d.file ? " (" + d.title + ")" : ""}${d.date ? " · " + d.date : ""}`; });
    const when = eventDate ? `event date: ${eventDate} · ` : "";
    const count = more ? `the first ${seen.length} sources` : seen.length > 1 ? seen.length + " sources" : "source";
    const from = seen.length ? `${count}: ${parts.join(" · ")}${more ? " · more in the RDF" : ""}` : "source: not recorded";
    return el("div", when + from, "src");
  }
  function actorList(li, ids) { ids.forEach((id, k) => { if (k) li.appendChild(document.createTextNode(", ")); li.appendChild(byId.has(id) ? nodeButton(id) : document.createTextNode(id)); }); }
  function eventItem(e, item) {
    const li = el("li");
    const what = el("div", undefined, "what");
    const who = item.sources && item.sources.length ? item.sources : e.from ? [e.from] : [];
    if (who.length) actorList(what, who); else what.appendChild(document.createTextNode("(someone)"));
    what.appendChild(document.createTextNode(` ${e.label}${item.negated ? " (negated)" : ""}${item.mode && item.mode !== "asserted" ? " (" + item.mode + ")" : ""} `));
    actorList(what, item.targets && item.targets.length ? item.targets : e.to ? [e.to] : []);
    li.appendChild(what);
    if (item.content) li.appendChild(el("div", `what: ${item.content}`));
    if (item.theme && item.theme.length) { const th = el("div", "about: "); actorList(th, item.theme); li.appendChild(th); }
    if (item.sentence) li.appendChild(el("q", item.sentence));
    li.appendChild(sources(item.copies, item.date, item.more));
    li.dataset.cls = item.cls;
    return li;
  }
  function claimItem(c, whoFirst) {
    const li = el("li");
    const head = el("div", undefined, "what");
    if (whoFirst) { head.appendChild(nodeButton(c.speaker)); head.appendChild(document.createTextNode(" said:")); }
    else if (c.about.length) { head.appendChild(document.createTextNode("about ")); actorList(head, c.about); head.appendChild(document.createTextNode(":")); }
    if (c.negated) head.appendChild(el("span", " (negated)", "src"));
    if (head.childNodes.length) li.appendChild(head);
    li.appendChild(el("q", c.text || c.sentence));
    if (c.sentence && c.text && c.sentence !== c.text) li.appendChild(el("div", c.sentence, "src"));
    li.appendChild(sources(c.copies, "", c.more));
    return li;
  }
  function section(title, items, hidden) {
    if (!items.length && !hidden) return;
    panel.appendChild(el("h3", title));
    const ul = el("ul"); items.forEach(li => ul.appendChild(li)); panel.appendChild(ul);
    if (hidden) panel.appendChild(el("div", `${hidden} more outside the current filters`, "src"));
  }
  function showNode(id) {
    const n = byId.get(id); if (!n) return;
    panel.replaceChildren();
    panel.dataset.kind = "node"; panel.dataset.id = id;
    panel.appendChild(el("h2", n.label));
    panel.appendChild(typeBadge(n.type));
    const made = [], about = [];
    let madeHidden = 0, aboutHidden = 0;
    data.claims.forEach((c, i) => {
      if (c.speaker === id) claimOk[i] ? made.push(c) : madeHidden++;
      if (c.about.includes(id)) claimOk[i] ? about.push(c) : aboutHidden++;
    });
    panel.appendChild(el("div", `${plural(n.events, "event")} · ${plural(n.mentions, "mention")} · ${plural(made.length, "claim")} made · ${about.length} about it`, "src"));
    if (n.names.length) { panel.appendChild(el("h3", "Also written as")); panel.appendChild(el("div", n.names.join(" · "))); }
    const events = [], links = [];
    let eventsHidden = 0, linksHidden = 0;
    for (const e of data.edges) {
      if (e.from !== id && e.to !== id && !e.items.some(item => (item.theme || []).includes(id))) continue;
      if (e.kind === "claim") continue;
      const ok = view.passing.get(e.id);
      const target = e.kind === "interaction" ? events : links;
      ok.forEach(item => target.push(eventItem(e, item)));
      if (e.kind === "interaction") eventsHidden += e.items.length - ok.length; else linksHidden += e.items.length - ok.length;
    }
    data.events.forEach((item, i) => {
      if (!involved(item).includes(id)) return;
      if (looseOk[i]) events.push(eventItem({ label: classLabel.get(item.cls) || item.cls }, item)); else eventsHidden++;
    });
    section("Events", events, eventsHidden);
    if (n.eventsNotShown) panel.appendChild(el("div", `… ${plural(n.eventsNotShown, "more event")} with no relation in the RDF`, "src"));
    section("Claims made", made.map(c => claimItem(c, false)), madeHidden);
    if (n.claimsNotShown) panel.appendChild(el("div", `… ${plural(n.claimsNotShown, "more claim")} in the RDF`, "src"));
    section("Claims about it", about.map(c => claimItem(c, true)), aboutHidden);
    section("Links (not counted in size)", links, linksHidden);
    const mentions = n.sample.filter(m => state.docs.has(m.doc)).map(m => { const li = el("li"); li.appendChild(el("div", m.sentence)); li.appendChild(el("div", docs[m.doc].file, "src")); return li; });
    section("Sentences that mention it", mentions, 0);
    if (n.mentions > n.sample.length) panel.appendChild(el("div", `… ${n.mentions - n.sample.length} more mentions in the RDF`, "src"));
  }
  function showEdge(id) {
    const e = edgeById.get(id); if (!e) return;
    panel.replaceChildren();
    panel.dataset.kind = "edge"; panel.dataset.id = id;
    const h = el("h2");
    h.appendChild(nodeButton(e.from)); h.appendChild(document.createTextNode(` ${e.label} `)); h.appendChild(nodeButton(e.to));
    panel.appendChild(h);
    const ok = view.passing.get(id);
    if (e.kind === "claim") {
      panel.appendChild(el("div", `${plural(ok.length, "claim")} by ${byId.get(e.from).label} about ${byId.get(e.to).label}`, "src"));
      section("Claims", ok.map(i => claimItem(data.claims[i], true)), e.claims.length - ok.length);
      return;
    }
    panel.appendChild(el("div", `${e.kind === "structural" ? "structural link" : "event"} · ${plural(e.itemCount, "supporting sentence")}`, "src"));
    section(e.kind === "structural" ? "Evidence" : "Events", ok.map(item => eventItem(e, item)), e.items.length - ok.length);
    if (e.itemCount > e.items.length) panel.appendChild(el("div", `… and ${e.itemCount - e.items.length} more in the RDF`, "src"));
  }
  function selectNode(id, how) {
    const n = byId.get(id); if (!n) return;
    if (!view.nodes.has(id)) { forced.add(id); computeView(); nodes.update(styleNodes()); nodeView.refresh(); edgeView.refresh(); if (settled) layoutShown(120); updateCounts(); }
    state.actor = id;
    if (!(how && how.fromHash)) writeHash();
    network.selectNodes([id]);
    if (settled) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    showNode(id);
  }
  network.on("click", params => {
    if (params.nodes.length) { state.actor = params.nodes[0]; writeHash(); showNode(params.nodes[0]); }
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---- search: exact name or alias, then prefix, then substring ------------------------------
  const search = document.getElementById("search");
  function findActors(query) {
    const q = fold(query);
    if (!q) return [];
    const tiers = [[], [], []];
    for (const n of data.nodes) {
      const keys = n.keys;
      if (keys.includes(q)) tiers[0].push(n);
      else if (keys.some(k => k.startsWith(q))) tiers[1].push(n);
      else if (keys.some(k => k.includes(q))) tiers[2].push(n);
    }
    const order = (a, b) => b.events - a.events || b.mentions - a.mentions || a.label.localeCompare(b.label);
    return tiers.flatMap(t => t.sort(order));
  }
  function runSearch() {
    const matches = findActors(search.value);
    if (!search.value.trim()) return;
    if (!matches.length) { panel.replaceChildren(el("p", `No actor is called “${search.value}”.`, "hint")); panel.dataset.kind = "search"; panel.dataset.id = ""; return; }
    selectNode(matches[0].id);
    if (matches.length > 1) {
      panel.appendChild(el("h3", `${matches.length} actors match “${search.value}”`));
      const ul = el("ul", undefined, "matches");
      matches.slice(0, 200).forEach(m => { const li = el("li"); li.appendChild(nodeButton(m.id)); li.appendChild(el("span", ` ${m.type}`, "src")); ul.appendChild(li); });
      panel.appendChild(ul);
    }
  }
  search.addEventListener("change", runSearch);
  search.addEventListener("keydown", ev => { if (ev.key === "Enter") runSearch(); });

  // ---- export --------------------------------------------------------------------------------
  function csvCell(value) {
    let text = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // a spreadsheet must not read a document's text as a formula
    return `"${text.replace(/"/g, '""')}"`;
  }
  function exportCsv() {
    const rows = [["source", "relation", "target", "kind", "event_class", "event_date", "about", "content", "evidence", "documents", "document_dates"]];
    const label = id => (byId.get(id) || { label: id }).label;
    const docCells = copies => { const seen = [...new Set(copies.map(c => c.doc))]; return [seen.map(i => docs[i].file).join("; "), seen.map(i => docs[i].date).join("; ")]; };
    for (const e of data.edges) {
      if (!view.edges.has(e.id) || e.kind === "claim") continue;
      for (const item of view.passing.get(e.id)) {
        rows.push([label(e.from), e.label, label(e.to), e.kind, e.kind === "interaction" ? (classLabel.get(item.cls) || item.cls) : "", item.date,
          (item.theme || []).map(label).join("; "), item.content, item.sentence, ...docCells(item.copies)]);
      }
    }
    data.events.forEach((item, i) => {
      if (!looseOk[i] || !involved(item).some(a => view.nodes.has(a))) return;
      rows.push([item.sources.map(label).join("; "), classLabel.get(item.cls) || item.cls, item.targets.map(label).join("; "), "event",
        classLabel.get(item.cls) || item.cls, item.date, item.theme.map(label).join("; "), "", item.sentence, ...docCells(item.copies)]);
    });
    data.claims.forEach((c, i) => {
      if (!claimOk[i] || !view.nodes.has(c.speaker)) return;
      rows.push([label(c.speaker), c.negated ? "denies" : "claims", c.about.map(label).join("; "), "claim", "", "", "", c.text, c.sentence, ...docCells(c.copies)]);
    });
    return rows.map(r => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }
  function exportPng() {
    const source = container.querySelector("canvas");
    const canvas = document.createElement("canvas");
    canvas.width = source.width; canvas.height = source.height;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    return canvas.toDataURL("image/png");
  }
  function download(name, url) { const a = document.createElement("a"); a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove(); }
  document.getElementById("export-csv").addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob(["\ufeff" + exportCsv()], { type: "text/csv;charset=utf-8" }));
    download("newskg-relations.csv", url);
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  document.getElementById("export-png").addEventListener("click", () => download("newskg-graph.png", exportPng()));

  window.addEventListener("hashchange", () => {
    if (location.hash.replace(/^#/, "") === lastHash) return;
    state = readHash(); syncControls(); apply({ restyle: true });
    if (state.actor) selectNode(state.actor, { fromHash: true });
  });
  syncControls();
  updateCounts();

  window.newskg = {
    network, nodes, edges, data, state: () => state, selectNode, showNode, showEdge, findActors, exportCsv, exportPng,
    shownNodeIds: () => [...view.nodes], shownEdgeIds: () => [...view.edges],
    drawnNodeCount: () => nodeView.length, drawnEdgeCount: () => edgeView.length, settledMs: null, physicsMs: null, tidyReport: () => tidyReport,
  };
})();
