// The network page: legend and filters, search, evidence panel, neighbour highlight, physics toggle.
// Every piece of text from the data is written with textContent, never parsed as HTML.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const DIM_NODE = { background: "#eeeeee", border: "#dddddd" };
  const DIM_EDGE = "#e6e6e6";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const visNode = new Map(data.vis.nodes.map((n) => [n.id, n]));
  const visEdge = new Map(data.vis.edges.map((e) => [e.id, e]));
  const nodes = new vis.DataSet(data.vis.nodes);
  const edges = new vis.DataSet(data.vis.edges);
  const network = new vis.Network(document.getElementById("network"), { nodes, edges }, data.vis.options);
  const incident = new Map(data.vis.nodes.map((n) => [n.id, []]));
  for (const e of data.vis.edges) {
    incident.get(e.from).push(e.id);
    if (e.to !== e.from) incident.get(e.to).push(e.id);
  }
  const entityColor = new Map(data.legend.entity_types.map((t) => [t.name, t.color]));
  const relationColor = new Map(data.legend.relation_types.map((t) => [t.name, t.color]));
  const shownEntities = new Set(entityColor.keys());
  const shownRelations = new Set(relationColor.keys());
  const state = { dimmed: false, hiddenNodes: new Set(), hiddenEdges: new Set() };
  const api = { network, nodes, edges, data, ready: false, readyAt: null, showNode, showEdge, setFilter };
  window.actorgraph = api;

  // --- small DOM helpers -----------------------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") node.className = v;
      else if (k === "style") node.style.cssText = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  }
  const text = (v) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
  const label = (key) => key.replace(/_/g, " ");
  const nameOf = (id) => data.nodes[id].name;

  // --- legend and filters --------------------------------------------------------------------
  function nodeSwatch(shape, color) {
    const a = { fill: color, stroke: "#555", "stroke-width": "0.8" };
    const shapes = {
      box: () => svg("rect", { x: 1, y: 4, width: 14, height: 9, rx: 2, ...a }),
      square: () => svg("rect", { x: 2, y: 2, width: 12, height: 12, ...a }),
      diamond: () => svg("polygon", { points: "8,1 15,8 8,15 1,8", ...a }),
      triangle: () => svg("polygon", { points: "8,1 15,14 1,14", ...a }),
      triangleDown: () => svg("polygon", { points: "1,2 15,2 8,15", ...a }),
      hexagon: () => svg("polygon", { points: "4,2 12,2 15,8 12,14 4,14 1,8", ...a }),
      star: () => svg("polygon", { points: "8,1 10,6 15,6 11,10 12,15 8,12 4,15 5,10 1,6 6,6", ...a }),
      ellipse: () => svg("ellipse", { cx: 8, cy: 8, rx: 7, ry: 5, ...a }),
    };
    const shapeEl = (shapes[shape] || (() => svg("circle", { cx: 8, cy: 8, r: 6, ...a })))();
    return svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" }, shapeEl);
  }
  function edgeSwatch(t) {
    const line = svg("line", { x1: 1, y1: 6, x2: t.directed ? 26 : 33, y2: 6, stroke: t.color, "stroke-width": 2 });
    if (t.dashes) line.setAttribute("stroke-dasharray", "4 3");
    const parts = [line];
    if (t.directed) parts.push(svg("polygon", { points: "25,2 33,6 25,10", fill: t.color }));
    return svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" }, ...parts);
  }
  function legendRow(kind, t, swatch) {
    const box = el("input", { type: "checkbox", "data-kind": kind, "data-type": t.name });
    box.checked = true;
    box.addEventListener("change", () => setFilter(kind, t.name, box.checked));
    const row = el("label", { title: t.about || "" }, box, swatch, el("span", {}, t.name), el("span", { class: "count" }, t.count));
    return el("li", { class: t.count ? "" : "empty" }, row);
  }
  for (const t of data.legend.entity_types)
    document.getElementById("entity-types").append(legendRow("entity", t, nodeSwatch(t.shape, t.color)));
  for (const t of data.legend.relation_types)
    document.getElementById("relation-types").append(legendRow("relation", t, edgeSwatch(t)));

  function setFilter(kind, type, on) {
    const set = kind === "entity" ? shownEntities : shownRelations;
    if (on) set.add(type);
    else set.delete(type);
    const box = document.querySelector(`input[data-kind="${kind}"][data-type="${CSS.escape(type)}"]`);
    if (box) box.checked = on;
    applyFilters();
  }
  function applyFilters() {
    const nodeChanges = [];
    const hiddenNodes = new Set();
    for (const n of data.vis.nodes) {
      const hide = !shownEntities.has(n.etype);
      if (hide) hiddenNodes.add(n.id);
      if (hide !== state.hiddenNodes.has(n.id)) nodeChanges.push({ id: n.id, hidden: hide });
    }
    const edgeChanges = [];
    const hiddenEdges = new Set();
    for (const e of data.vis.edges) {
      const hide = !shownRelations.has(e.rtype) || hiddenNodes.has(e.from) || hiddenNodes.has(e.to);
      if (hide) hiddenEdges.add(e.id);
      if (hide !== state.hiddenEdges.has(e.id)) edgeChanges.push({ id: e.id, hidden: hide });
    }
    state.hiddenNodes = hiddenNodes;
    state.hiddenEdges = hiddenEdges;
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    showCounts();
  }
  function showCounts() {
    const n = data.vis.nodes.length;
    const m = data.vis.edges.length;
    document.getElementById("counts").textContent =
      `${n - state.hiddenNodes.size} of ${n} actors · ${m - state.hiddenEdges.size} of ${m} relations shown`;
  }

  // --- highlight ------------------------------------------------------------------------------
  // Small graphs dim everything but the neighbourhood; big ones (dimming all would stall) select it instead.
  const DIM_UP_TO = 3000;
  const dims = data.vis.nodes.length <= DIM_UP_TO;
  function highlight(keepNodes, keepEdges) {
    if (!dims) {
      if (keepNodes) network.setSelection({ nodes: [...keepNodes], edges: [...keepEdges] }, { highlightEdges: false });
      else network.unselectAll();
      return;
    }
    const nodeChanges = [];
    for (const n of data.vis.nodes) {
      const keep = keepNodes === null || keepNodes.has(n.id);
      if (keep && !state.dimmed) continue;
      nodeChanges.push(keep ? { id: n.id, color: n.color, font: { color: "#343434" } } : { id: n.id, color: DIM_NODE, font: { color: "#bbbbbb" } });
    }
    const edgeChanges = [];
    for (const e of data.vis.edges) {
      const keep = keepEdges === null || keepEdges.has(e.id);
      if (keep && !state.dimmed) continue;
      edgeChanges.push(keep ? { id: e.id, color: e.color, font: { color: "#343434" } } : { id: e.id, color: { color: DIM_EDGE, highlight: DIM_EDGE }, font: { color: "#cccccc" } });
    }
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    state.dimmed = keepNodes !== null;
  }

  // --- side panel -----------------------------------------------------------------------------
  const panel = document.getElementById("panel");
  function pill(name, color) {
    return el("span", { class: "type", style: `background:${/^#[0-9a-fA-F]{3,8}$/.test(color) ? color : "#888"}` }, name);
  }
  function nodeLink(id) {
    return el("button", { type: "button", class: "link", onclick: () => showNode(id, true) }, nameOf(id));
  }
  function definitionList(rows) {
    const dl = el("dl");
    for (const [k, v] of rows) if (v !== null && v !== undefined && v !== "") dl.append(el("dt", {}, k), el("dd", {}, v));
    return dl;
  }
  function documentName(doc) {
    return doc ? doc.title || doc.id : null;
  }
  function showNode(id, focus) {
    const info = data.nodes[id];
    if (!info) return;
    network.selectNodes([id]);
    const keepEdges = new Set(incident.get(id));
    const keepNodes = new Set([id]);
    for (const eid of keepEdges) keepNodes.add(visEdge.get(eid).from).add(visEdge.get(eid).to);
    highlight(keepNodes, keepEdges);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    const relations = el("ul", { class: "relations" });
    for (const eid of incident.get(id)) {
      const e = data.edges[eid];
      const outgoing = e.from === id;
      const other = outgoing ? e.to : e.from;
      const line = `${outgoing ? "→" : "←"} ${e.type} ${outgoing ? "→" : "←"} ${nameOf(other)}`;
      relations.append(el("li", {}, el("button", { type: "button", class: "link", "data-edge": eid, onclick: () => showEdge(eid) }, line)));
    }
    fill(
      el("h2", {}, info.name),
      pill(info.type, entityColor.get(info.type)),
      el("span", { class: "hint" }, "  ", info.key),
      info.description ? el("p", {}, info.description) : null,
      info.aliases.length ? el("h3", {}, "Also called") : null,
      info.aliases.length ? el("ul", { class: "aliases" }, ...info.aliases.map((a) => el("li", {}, a))) : null,
      info.properties.length ? definitionList(info.properties.map(([k, v]) => [label(k), text(v)])) : null,
      info.mention ? el("h3", {}, "Mentioned in") : null,
      info.mention ? el("blockquote", {}, info.mention.quote) : null,
      info.mention ? el("p", { class: "hint" }, documentName(info.mention.document)) : null,
      el("h3", {}, `Relations (${incident.get(id).length})`),
      relations,
    );
  }
  function showEdge(id) {
    const e = data.edges[id];
    if (!e) return;
    network.selectEdges([id]);
    highlight(new Set([e.from, e.to]), new Set([id]));
    const about = data.legend.relation_types.find((t) => t.name === e.type);
    const rows = [["document", documentName(e.document)]];
    if (e.document && e.document.published) rows.push(["published", e.document.published]);
    for (const [k, v] of e.qualifiers) rows.push([label(k), text(v)]);
    const by = e.attributed_to ? nodeLink(e.attributed_to) : null;
    rows.push(["attribution", by ? el("span", {}, `${e.attribution} by `, by) : e.attribution]);
    if (e.confidence !== null && e.confidence !== undefined) rows.push(["confidence", text(e.confidence)]);
    if (e.note) rows.push(["note", e.note]);
    fill(
      el("h2", {}, nodeLink(e.from), ` ${"→"} `, nodeLink(e.to)),
      pill(e.type, relationColor.get(e.type)),
      el("span", { class: "hint" }, "  ", e.key),
      about && about.about ? el("p", { class: "hint" }, about.about) : null,
      el("h3", {}, "Evidence"),
      el("blockquote", { class: "quote" }, e.quote),
      definitionList(rows),
    );
  }
  function fill(...children) {
    panel.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
  }
  function clearPanel() {
    highlight(null, null);
    fill(el("p", { class: "hint" }, "Click an actor or a relation to see its evidence."));
  }
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0], false);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearPanel();
  });

  // --- search ---------------------------------------------------------------------------------
  const search = document.getElementById("search");
  const matches = document.getElementById("matches");
  const index = Object.entries(data.nodes).map(([id, n]) => [id, n.name, n.aliases, [n.name, ...n.aliases].map((s) => s.toLowerCase())]);
  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const starts = [];
    const contains = [];
    for (const [id, name, aliases, lower] of index) {
      const i = lower.findIndex((s) => s.startsWith(q));
      const j = i >= 0 ? i : lower.findIndex((s) => s.includes(q));
      if (j < 0) continue;
      (i >= 0 ? starts : contains).push({ id, name, alias: j > 0 ? aliases[j - 1] : null });
      if (starts.length >= 12) break;
    }
    return starts.concat(contains).slice(0, 12);
  }
  function pick(id) {
    matches.replaceChildren();
    showNode(id, true);
  }
  search.addEventListener("input", () => {
    matches.replaceChildren(
      ...find(search.value).map((m, i) =>
        el("li", { class: i === 0 ? "active" : "", "data-node": m.id, onclick: () => pick(m.id) }, m.name, m.alias ? el("span", { class: "alias" }, m.alias) : null),
      ),
    );
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const first = find(search.value)[0];
      if (first) pick(first.id);
    } else if (ev.key === "Escape") matches.replaceChildren();
  });

  // --- controls -------------------------------------------------------------------------------
  const physics = document.getElementById("physics");
  physics.checked = Boolean(data.vis.options.physics && data.vis.options.physics.enabled);
  physics.addEventListener("change", () => network.setOptions({ physics: { enabled: physics.checked } }));
  document.getElementById("fit").addEventListener("click", () => network.fit());
  showCounts();
  network.fit({ animation: false });
  network.moveTo({ scale: network.getScale() * 0.9, animation: false }); // room for labels at the edges
  network.once("afterDrawing", () => {
    api.readyAt = performance.now();
    api.ready = true;
  });
})();
