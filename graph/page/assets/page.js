// The network page: a bounded view (opening subgraph, focus, expand, dismiss, full graph), filters, evidence
// panel, provenance styling, deep links, keyboard, PNG/SVG export.
// Every piece of text from the data is written with textContent (or escaped for SVG), never parsed as HTML.
(function () {
  "use strict";
  const SVGNS = "http://www.w3.org/2000/svg";
  const DIM_NODE = { background: "#eef0f2", border: "#dde1e5" };
  const DIM_EDGE = "rgba(200,205,210,0.45)";
  const EDGE_LABELS_UP_TO = 300; // visible relations up to which edge labels and parallel curves are drawn
  const DIM_UP_TO = 3000; // views up to this many items dim all but the selection; bigger ones only select
  const FOCUS_MAX = 250; // at most this many actors in a focus or an expansion
  const EXPAND_MAX = 60;
  const RING = 230; // px between focus rings
  const CLAIM_DASH = [9, 6];
  const EXPECTED_DASH = [2, 5];
  const EXPECTED_CLAIM_DASH = [9, 4, 2, 4];
  const timing = { script: performance.now() };
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  timing.parsed = performance.now();
  const N = data.nodes;
  const E = data.edges;
  // Ids are n0…n(k-1) and e0…e(m-1); lookups are built without walking the big objects (a corpus opens sooner).
  const nodeCount = data.counts.nodes;
  const edgeCount = data.counts.edges;
  let nodeIdList = null;
  let edgeIdList = null;
  const nodeIds = () => nodeIdList || (nodeIdList = Array.from({ length: nodeCount }, (_, i) => `n${i}`));
  const edgeIds = () => edgeIdList || (edgeIdList = Array.from({ length: edgeCount }, (_, i) => `e${i}`));
  let keys = null; // key → id, made when a link or a search first needs it
  function byKey(kind, key) {
    ensureDetail();
    if (!keys) {
      keys = { nodes: new Map(), edges: new Map() };
      for (const id of nodeIds()) keys.nodes.set(N[id].key, id);
      for (const id of edgeIds()) keys.edges.set(E[id].key, id);
    }
    return keys[kind].get(key);
  }
  // Incident relations as one compressed adjacency (offsets into a flat list of edge numbers).
  const offsets = new Int32Array(nodeCount + 1);
  const ends = data.ends;
  for (let j = 0; j < edgeCount; j++) {
    offsets[ends[2 * j] + 1]++;
    if (ends[2 * j + 1] !== ends[2 * j]) offsets[ends[2 * j + 1] + 1]++;
  }
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] += offsets[i];
  const slots = new Int32Array(offsets[nodeCount]);
  const fillAt = offsets.slice(0, nodeCount);
  for (let j = 0; j < edgeCount; j++) {
    slots[fillAt[ends[2 * j]]++] = j;
    if (ends[2 * j + 1] !== ends[2 * j]) slots[fillAt[ends[2 * j + 1]]++] = j;
  }
  const incident = {
    get(id) {
      const i = Number(id.slice(1));
      const out = new Array(offsets[i + 1] - offsets[i]);
      for (let k = offsets[i]; k < offsets[i + 1]; k++) out[k - offsets[i]] = `e${slots[k]}`;
      return out;
    },
  };
  // Community (null: alone in its own) and core number of each actor, as two flat lists by actor number.
  const communityOf = (id) => data.structure.c[Number(id.slice(1))];
  const coreOf = (id) => data.structure.k[Number(id.slice(1))];
  const entityType = new Map(data.legend.entity_types.map((t) => [t.name, t]));
  const relationType = new Map(data.legend.relation_types.map((t) => [t.name, t]));
  const hex = (c) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : "#888888");
  const rgba = (c, a) => {
    const h = hex(c);
    return `rgba(${parseInt(h.slice(1, 3), 16)},${parseInt(h.slice(3, 5), 16)},${parseInt(h.slice(5, 7), 16)},${a})`;
  };

  // --- what each relation's evidence says, once --------------------------------------------------
  const facts = new Map();
  function fact(id) {
    let f = facts.get(id);
    if (f) return f;
    const c = E[id].f;
    f = {
      claim: Boolean(c.c),
      expected: Boolean(c.x),
      confidence: typeof c.p === "number" ? c.p : 1,
      docs: new Set(c.o || [0]),
      date: c.d || null,
      attributions: new Set(c.a || ["report"]),
    };
    facts.set(id, f);
    return f;
  }
  // Keys, aliases, properties, evidence and qualifiers: decoded after the first drawing, or when first needed.
  let detailed = false;
  function ensureDetail() {
    if (detailed) return;
    detailed = true;
    const detail = JSON.parse(document.getElementById("graph-detail").textContent);
    detail.nodes.forEach((d, i) => Object.assign(N[`n${i}`], d));
    detail.edges.forEach((d, i) => Object.assign(E[`e${i}`], d));
    document.documentElement.dataset.detail = "true";
  }
  const attributions = data.attributions.map(([a]) => a);
  const dates = data.dates;

  // --- state ------------------------------------------------------------------------------------
  const filters = {
    relations: new Set(relationType.keys()),
    entities: new Set(entityType.keys()),
    attributions: new Set(attributions),
    docs: new Set(data.documents.map((_, i) => i)),
    confidence: 0,
    from: 0,
    to: Math.max(dates.length - 1, 0),
    isolates: false,
    size: false,
    community: null, // one community's number, or null for all
    kcore: 0, // actors with at least this core number
    colour: "type", // or "community"
  };
  const state = { view: null, history: [], selected: null, depth: 1, shownNodes: new Set(), shownEdges: new Set(), dimmed: false };
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes, edges }, data.vis.options);
  const api = {
    network, nodes, edges, data, state, filters, timing, ready: false, readyAt: null,
    showNode, showEdge, setFilter, focus, expand, dismiss, back, reset, showFull, exportPNG, exportSVG, svgText, applyHash, ensureDetail,
  };
  window.actorgraph = api;

  // --- small DOM helpers ------------------------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "style") node.style.cssText = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  }
  const $ = (id) => document.getElementById(id);
  const text = (v) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
  const label = (key) => key.replace(/_/g, " ");
  const nameOf = (id) => N[id].name;
  const plural = (n, one, many) => `${n.toLocaleString("en")} ${n === 1 ? one : many || one + "s"}`;

  // --- vis items --------------------------------------------------------------------------------
  function nodeItem(id, pos) {
    const n = N[id];
    const t = entityType.get(n.type) || { color: "#888888", shape: "dot" };
    const fillc = nodeFill(id);
    const color = { background: fillc, border: "#3d434a", highlight: { background: fillc, border: "#111111" }, hover: { background: fillc, border: "#111111" } };
    const item = { id, label: n.name, title: n.name, shape: t.shape, color, font: { color: "#1f2328" }, x: pos.x, y: pos.y, borderWidth: 1.5 };
    if (filters.size) item.size = radius(id);
    return item;
  }
  // Colour by community: the communities in the view get the palette in community order, the rest grey.
  const COMMUNITY_PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];
  const OTHER_COMMUNITY = "#d0d4d8";
  let communityColour = new Map();
  function nodeFill(id) {
    if (filters.colour === "community") return communityColour.get(communityOf(id)) || OTHER_COMMUNITY;
    return hex((entityType.get(N[id].type) || { color: "#888888" }).color);
  }
  function edgeStyle(id) {
    const e = E[id];
    const f = fact(id);
    const t = relationType.get(e.type) || { color: "#888888", arrow: "arrow", directed: true };
    const alpha = 0.3 + 0.7 * Math.min(Math.max(f.confidence, 0), 1);
    const dashes = f.claim && f.expected ? EXPECTED_CLAIM_DASH : f.claim ? CLAIM_DASH : f.expected ? EXPECTED_DASH : false;
    return {
      color: { color: rgba(t.color, alpha), highlight: hex(t.color), hover: hex(t.color) },
      width: 1 + 2 * f.confidence,
      dashes,
      arrows: { to: { enabled: t.directed !== false, type: t.arrow || "arrow" } },
    };
  }
  function edgeItem(id, labelled, bend) {
    const e = E[id];
    const item = { id, from: e.from, to: e.to, title: `${N[e.from].name} ${e.type} ${N[e.to].name}`, font: { color: EDGE_FONT.color }, ...edgeStyle(id) };
    item.label = labelled ? e.type : undefined;
    item.smooth = smooth(labelled ? bend : 0);
    return item;
  }
  const smooth = (bend) => (bend ? { enabled: true, type: bend > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(bend) } : { enabled: false });
  const radius = (id) => (filters.size ? Math.min(12 + 5 * Math.sqrt(N[id].degree), 48) : data.vis.options.nodes.size);

  // --- labels: measured, and never drawn on top of one another ---------------------------------------
  // vis-network draws every label where its item is. Here each label's box is measured (the same font, wrapping
  // and placement as vis-network's), then labels are placed greedily: the selection's neighbourhood first, then
  // actors by degree, then relations; a relation label that would sit on another tries its edge curved either
  // way, and a label with no free place is not drawn (its item's tooltip still names it; selecting an actor
  // brings its neighbourhood's labels first). Boxes do not change with zoom: labels scale with the drawing.
  const HIDDEN = " "; // a label not drawn (vis-network ignores an empty label in an update)
  const LABELS_PLACED_UP_TO = 3000; // bigger views (the full graph of a big corpus) draw their labels as they fall
  const INSIDE = new Set(["box", "ellipse", "circle", "database", "text"]); // shapes that hold their label
  const NODE_FONT = data.vis.options.nodes.font, EDGE_FONT = data.vis.options.edges.font;
  const WRAP = data.vis.options.nodes.widthConstraint.maximum;
  const LABEL_DROP = 0.75 * NODE_FONT.size; // a label under its shape starts this far below it (as vis-network draws it)
  const ruler = document.createElement("canvas").getContext("2d");
  const measured = new Map();
  function textBox(textValue, font, wrap) {
    const key = `${font.size}|${wrap}|${textValue}`;
    let m = measured.get(key);
    if (m) return m;
    ruler.font = `${font.size}px ${font.face}`;
    // vis-network measures a line's fit with each space as three (its splitter's tokens), draws it with one
    let lines = 1, words = [], width = 0;
    for (const word of textValue.split(" ")) {
      if (wrap && words.length && ruler.measureText([...words, word].join("   ")).width > wrap) {
        width = Math.max(width, ruler.measureText(words.join(" ")).width);
        lines++;
        words = [word];
      } else words.push(word);
    }
    width = Math.min(Math.max(width, ruler.measureText(words.join(" ")).width), wrap || Infinity);
    m = { w: width, h: lines * font.size };
    measured.set(key, m);
    return m;
  }
  // An actor's box around its position: the shape and the label under it (or inside it); dy = box centre below y.
  function actorBox(id) {
    const t = entityType.get(N[id].type) || { shape: "dot" };
    const l = textBox(N[id].name, NODE_FONT, WRAP);
    if (INSIDE.has(t.shape)) return { w: l.w + 12, h: l.h + 12, dy: 0, inside: true, label: l };
    const r = radius(id);
    return { w: Math.max(l.w, 2 * r), h: 2 * r + LABEL_DROP + l.h, dy: (LABEL_DROP + l.h) / 2, inside: false, label: l, r };
  }
  // The control point of a curved edge and its label point, as vis-network computes them (bend > 0: clockwise).
  function via(a, b, bend) {
    const f = Math.abs(bend), dx = b.x - a.x, dy = a.y - b.y, len = Math.sqrt(dx * dx + dy * dy);
    const angle = (Math.atan2(dy, dx) + (bend > 0 ? 0.5 * f + 0.5 : -0.5 * f + 0.5) * Math.PI) % (2 * Math.PI);
    return { x: a.x + (0.5 * f + 0.5) * len * Math.sin(angle), y: a.y + (0.5 * f + 0.5) * len * Math.cos(angle) };
  }
  function labelPoint(a, b, bend) {
    if (!bend) return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const v = via(a, b, bend);
    return { x: 0.25 * a.x + 0.5 * v.x + 0.25 * b.x, y: 0.25 * a.y + 0.5 * v.y + 0.25 * b.y };
  }
  // Boxes in a grid of cells, so a view of a few thousand labels is placed in a few milliseconds.
  function boxGrid(cell = 160) {
    const cells = new Map();
    const keysOf = (b) => {
      const out = [];
      for (let i = Math.floor(b[0] / cell); i <= Math.floor(b[2] / cell); i++) for (let j = Math.floor(b[1] / cell); j <= Math.floor(b[3] / cell); j++) out.push(`${i},${j}`);
      return out;
    };
    return {
      add(b) {
        for (const k of keysOf(b)) (cells.get(k) || cells.set(k, []).get(k)).push(b);
      },
      free(b, shapes, owner) {
        for (const k of keysOf(b)) for (const o of cells.get(k) || []) if (o[4] !== owner && (shapes || !o[5]) && b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
        return true;
      },
    };
  }
  const labels = { hidden: new Set(), bend: new Map(), placed: false }; // what is drawn now
  // Decide which labels are drawn (and how relations bend); returns the item changes that makes.
  function placeLabels(keepNodes, keepEdges, nodeChanges, edgeChanges, change) {
    const shownNodes = [...state.shownNodes];
    if (shownNodes.length > LABELS_PLACED_UP_TO) {
      labels.placed = false;
      for (const id of shownNodes) if (labels.hidden.delete(id)) change(nodeChanges, id).label = N[id].name;
      return;
    }
    labels.placed = true;
    const pos = network.getPositions(shownNodes);
    const grid = boxGrid();
    const hide = new Set();
    const boxOf = new Map(shownNodes.map((id) => [id, actorBox(id)]));
    for (const id of shownNodes) {
      const p = pos[id], b = boxOf.get(id);
      const half = b.inside ? b.w / 2 : b.r;
      grid.add([p.x - half, p.y - (b.inside ? b.h / 2 : b.r), p.x + half, p.y + (b.inside ? b.h / 2 : b.r), id, !b.inside]);
    }
    const bendNow = new Map();
    function placeNode(id) {
      const p = pos[id], b = boxOf.get(id);
      if (b.inside) return; // the label is the shape: placed with the shapes
      const top = p.y + b.r + LABEL_DROP;
      const box = [p.x - b.label.w / 2 - 2, top - 1, p.x + b.label.w / 2 + 2, top + b.label.h + 1, id];
      if (grid.free(box, id !== pickedId, id)) grid.add(box);
      else hide.add(id);
    }
    // A relation's label where it fits, trying the edge curved either way; the picked one may cover a shape.
    function placeEdge(id) {
      const e = E[id], a = pos[e.from], b = pos[e.to];
      const base = labels.base.get(id) || 0;
      const l = textBox(e.type, EDGE_FONT, 0);
      let chosen = null;
      for (const bend of [base, base + 0.3, base - 0.3, base + 0.6, base - 0.6].map((x) => Math.round(x * 100) / 100)) {
        const m = labelPoint(a, b, bend);
        const box = [m.x - l.w / 2 - 2, m.y - l.h / 2 - 1, m.x + l.w / 2 + 2, m.y + l.h / 2 + 1, id];
        if (grid.free(box, id !== pickedId)) {
          grid.add(box);
          chosen = bend;
          break;
        }
      }
      if (chosen === null) hide.add(id);
      bendNow.set(id, chosen === null ? base : chosen);
    }
    // The picked item first, then its neighbourhood, then actors by degree, then relations in id order.
    const edgeList = [...state.shownEdges].filter((id) => E[id].from !== E[id].to && labels.bend.has(id)).sort(byNumber);
    const picked = state.selected && (state.selected.kind === "node" ? state.shownNodes.has(state.selected.id) : edgeList.includes(state.selected.id)) ? state.selected : null;
    const byDegree = (a, b) => N[b].degree - N[a].degree || byNumber(a, b);
    const pickedId = picked ? picked.id : null;
    const done = new Set();
    const order = [];
    if (picked) order.push([picked.kind, picked.id]);
    if (keepNodes) for (const id of shownNodes.filter((x) => keepNodes.has(x)).sort(byDegree)) order.push(["node", id]);
    if (keepEdges) for (const id of edgeList.filter((x) => keepEdges.has(x))) order.push(["edge", id]);
    for (const id of shownNodes.sort(byDegree)) order.push(["node", id]);
    for (const id of edgeList) order.push(["edge", id]);
    for (const [kind, id] of order) {
      if (done.has(id)) continue;
      done.add(id);
      if (kind === "node") placeNode(id);
      else placeEdge(id);
    }
    const edgeOrder = edgeList;
    for (const id of state.shownNodes) {
      if (hide.has(id) !== labels.hidden.has(id)) change(nodeChanges, id).label = hide.has(id) ? HIDDEN : N[id].name;
    }
    for (const id of edgeOrder) {
      const c = {};
      if (hide.has(id) !== labels.hidden.has(id)) c.label = hide.has(id) ? HIDDEN : E[id].type;
      if (bendNow.get(id) !== labels.bend.get(id)) c.smooth = smooth(bendNow.get(id));
      if (Object.keys(c).length) Object.assign(change(edgeChanges, id), c);
      labels.bend.set(id, bendNow.get(id));
    }
    labels.hidden = hide;
  }

  // --- views: which actors are on the canvas, and where ------------------------------------------
  // A view: what is on the canvas and where. `base` is the view it grew from (start, full or a focus) and `steps`
  // what was done to it since ([expand|dismiss|add, id]): what a link needs to rebuild it.
  function view(kind, positions, about) {
    const base = kind === "focus" ? { kind, center: about.center, depth: about.depth } : { kind };
    return { kind, positions, about: about || {}, base, steps: [] };
  }
  function stepped(kind, positions, about, step) {
    return { kind, positions, about, base: state.view.base, steps: [...state.view.steps, step] };
  }
  function startView() {
    const positions = new Map();
    if (data.start) data.start.nodes.forEach((id, i) => positions.set(id, { x: data.start.xy[i][0], y: data.start.xy[i][1] }));
    else for (const id of nodeIds()) positions.set(id, { x: N[id].x, y: N[id].y });
    return view("start", fitToCanvas(positions));
  }
  function fullView() {
    const positions = new Map(nodeIds().map((id) => [id, { x: N[id].x, y: N[id].y }]));
    return view("full", nodeCount <= 2000 ? fitToCanvas(positions) : positions);
  }
  // Stretch a drawing to the canvas' shape and size, so it uses the space (within readable spacing).
  function fitToCanvas(positions) {
    let pts = [...positions.values()];
    if (pts.length < 2) return positions;
    const tall = container.clientHeight > container.clientWidth;
    const spanX = Math.max(...pts.map((p) => p.x)) - Math.min(...pts.map((p) => p.x));
    const spanY = Math.max(...pts.map((p) => p.y)) - Math.min(...pts.map((p) => p.y));
    if (tall !== spanY > spanX) {
      // a landscape drawing on a portrait screen (a phone), or the other way: turn it a quarter
      positions = new Map([...positions].map(([id, p]) => [id, { x: p.y, y: p.x }]));
      pts = [...positions.values()];
    }
    const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const w = Math.max(x1 - x0, 1), h = Math.max(y1 - y0, 1);
    const W = Math.max(container.clientWidth, 320) * 0.86, H = Math.max(container.clientHeight, 320) * 0.82;
    let sx = W / w, sy = H / h;
    const s = Math.min(sx, sy);
    sx = Math.min(sx, s * 1.5);
    sy = Math.min(sy, s * 1.5);
    const spread = Math.sqrt((W * H) / pts.length); // the room each actor gets at scale 1
    const k = spread < 95 ? 95 / spread : spread > 420 ? 420 / spread : 1;
    const out = new Map();
    for (const [id, p] of positions) out.set(id, { x: (p.x - (x0 + x1) / 2) * sx * k, y: (p.y - (y0 + y1) / 2) * sy * k });
    if (out.size <= 300) lengthen(out), unclutter(out), narrow(out);
    for (const p of out.values()) (p.x = Math.round(p.x)), (p.y = Math.round(p.y));
    return out;
  }
  // A drawing wider than the canvas at the readable zoom, on a canvas with height to spare (a phone), is made
  // narrower and taller, then uncluttered again, so it fits without piling labels.
  function narrow(positions) {
    const roomW = (Math.max(container.clientWidth, 320) * 0.94) / READABLE, roomH = (Math.max(container.clientHeight, 320) * 0.9) / READABLE;
    for (let pass = 0; pass < 3; pass++) {
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (const [id, p] of positions) {
        const b = actorBox(id);
        x0 = Math.min(x0, p.x - b.w / 2), x1 = Math.max(x1, p.x + b.w / 2);
        y0 = Math.min(y0, p.y + b.dy - b.h / 2), y1 = Math.max(y1, p.y + b.dy + b.h / 2);
      }
      const over = (x1 - x0) / roomW, spare = roomH / (y1 - y0);
      if (over <= 1 || spare <= 1.05) return;
      const sx = 1 / over, sy = Math.min(spare, over), cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      for (const p of positions.values()) (p.x = cx + (p.x - cx) * sx), (p.y = cy + (p.y - cy) * sy);
      unclutter(positions);
    }
  }
  // Stretch relations too short for their label (and the fan of parallel ones) between the two actors' shapes.
  function lengthen(positions, rounds = 20) {
    // no relation longer than 40% of the canvas at the readable zoom (a phone keeps its view; a long label may not fit)
    const longest = Math.min(400, Math.max(160, (0.4 * Math.max(container.clientWidth, 320)) / READABLE));
    const pairs = new Map();
    for (const id of positions.keys()) {
      for (const eid of incident.get(id)) {
        const e = E[eid];
        if (e.from === e.to || !positions.has(e.from) || !positions.has(e.to) || id !== e.from) continue;
        const key = e.from < e.to ? `${e.from} ${e.to}` : `${e.to} ${e.from}`;
        const want = textBox(e.type, EDGE_FONT, 0).w + radius(e.from) + radius(e.to) + 36;
        const pair = pairs.get(key) || { a: positions.get(e.from), b: positions.get(e.to), want: 0, n: 0 };
        pair.want = Math.max(pair.want, want);
        pair.n++;
        pairs.set(key, pair);
      }
    }
    for (let r = 0; r < rounds; r++) {
      let moved = false;
      for (const { a, b, want, n } of pairs.values()) {
        const dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy) || 1;
        const gap = Math.min(want + 12 * (n - 1), longest) - d;
        if (gap <= 1) continue;
        moved = true;
        const ux = dx / d, uy = dy / d;
        a.x -= (ux * gap) / 2;
        a.y -= (uy * gap) / 2;
        b.x += (ux * gap) / 2;
        b.y += (uy * gap) / 2;
      }
      if (!moved) break;
    }
  }
  // Push apart actors whose boxes (the node and its label under it, as measured) overlap, along the lesser overlap.
  function unclutter(positions, rounds = 30) {
    const ids = [...positions.keys()];
    const pts = ids.map((id) => positions.get(id));
    const boxes = ids.map((id) => {
      const b = actorBox(id);
      return { w: b.w + 14, h: b.h + 10, dy: b.dy };
    });
    for (let r = 0; r < rounds; r++) {
      let moved = false;
      for (let i = 0; i < pts.length; i++) {
        for (let j = i + 1; j < pts.length; j++) {
          const a = pts[i], b = pts[j];
          const w = (boxes[i].w + boxes[j].w) / 2, h = (boxes[i].h + boxes[j].h) / 2;
          const ox = w - Math.abs(b.x - a.x), oy = h - Math.abs(b.y + boxes[j].dy - a.y - boxes[i].dy);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          if (ox / w < oy / h) {
            const d = (b.x >= a.x ? 1 : -1) * (ox / 2 + 0.5);
            a.x -= d;
            b.x += d;
          } else {
            const d = (b.y + boxes[j].dy >= a.y + boxes[i].dy ? 1 : -1) * (oy / 2 + 0.5);
            a.y -= d;
            b.y += d;
          }
        }
      }
      if (!moved) break;
    }
  }
  // The neighbourhood of `center` out to `depth` relations, in rings; the best-connected kept when it is too big.
  function neighbourhood(center, depth) {
    const rings = [[center]];
    const parent = new Map([[center, null]]);
    let total = 1;
    let cut = 0;
    for (let d = 1; d <= depth; d++) {
      const next = [];
      for (const u of rings[d - 1]) {
        for (const eid of incident.get(u)) {
          if (!filters.relations.has(E[eid].type)) continue;
          const v = E[eid].from === u ? E[eid].to : E[eid].from;
          if (!parent.has(v)) {
            parent.set(v, u);
            next.push(v);
          }
        }
      }
      if (!next.length) break;
      if (total + next.length > FOCUS_MAX) {
        next.sort((a, b) => N[b].degree - N[a].degree || (a < b ? -1 : 1));
        cut += next.length - (FOCUS_MAX - total);
        for (const v of next.splice(FOCUS_MAX - total)) parent.delete(v);
      }
      total += next.length;
      rings.push(next);
      if (total >= FOCUS_MAX) break;
    }
    return { rings, parent, cut };
  }
  function radial(rings, parent) {
    const pos = new Map([[rings[0][0], { x: 0, y: 0 }]]);
    const angle = new Map([[rings[0][0], 0]]);
    let radius = 0;
    for (let d = 1; d < rings.length; d++) {
      const ring = rings[d].slice().sort((a, b) => angle.get(parent.get(a)) - angle.get(parent.get(b)) || N[b].degree - N[a].degree);
      radius = Math.max(radius + RING, (ring.length * 96) / (2 * Math.PI));
      ring.forEach((id, i) => {
        const a = (2 * Math.PI * i) / ring.length - Math.PI / 2 + (d % 2 ? 0 : Math.PI / ring.length);
        angle.set(id, a);
        pos.set(id, { x: Math.round(radius * Math.cos(a) * 1.25), y: Math.round(radius * Math.sin(a)) });
      });
    }
    if (pos.size <= 300) {
      lengthen(pos);
      unclutter(pos);
      for (const p of pos.values()) (p.x = Math.round(p.x)), (p.y = Math.round(p.y));
    }
    return pos;
  }
  function focus(id, depth, keep) {
    if (!N[id]) return;
    state.depth = depth || state.depth;
    $("depth").value = String(state.depth);
    const { rings, parent, cut } = neighbourhood(id, state.depth);
    go(view("focus", radial(rings, parent), { center: id, depth: state.depth, cut }), keep);
    showNode(id, false);
    fitReadable();
  }
  function expand(id) {
    if (!state.view.positions.has(id)) return;
    const positions = new Map(state.view.positions);
    const here = positions.get(id);
    const fresh = [];
    for (const eid of incident.get(id)) {
      const v = E[eid].from === id ? E[eid].to : E[eid].from;
      if (!positions.has(v) && !fresh.includes(v)) fresh.push(v);
    }
    fresh.sort((a, b) => N[b].degree - N[a].degree || (a < b ? -1 : 1));
    const cut = Math.max(fresh.length - EXPAND_MAX, 0);
    fresh.length = Math.min(fresh.length, EXPAND_MAX);
    const c = centroid(positions);
    const out = Math.atan2(here.y - c.y, here.x - c.x);
    fresh.forEach((v, i) => {
      const row = Math.floor(i / 12);
      const inRow = Math.min(12, fresh.length - row * 12);
      const a = out + (inRow > 1 ? ((i % 12) / (inRow - 1) - 0.5) * Math.PI * 0.9 : 0);
      const r = RING * (0.8 + 0.55 * row);
      positions.set(v, { x: Math.round(here.x + r * Math.cos(a)), y: Math.round(here.y + r * Math.sin(a)) });
    });
    go(stepped(state.view.kind === "full" ? "full" : "custom", positions, { expanded: id, cut }, ["expand", id]));
    showNode(id, false);
  }
  function dismiss(id) {
    if (!state.view.positions.has(id)) return;
    const positions = new Map(state.view.positions);
    positions.delete(id);
    go(stepped("custom", positions, { dismissed: id }, ["dismiss", id]));
    clearSelection();
  }
  // Fit the view to the canvas, but no further out than labels stay readable (12 px) in a bounded view.
  const READABLE = 12 / data.vis.options.nodes.font.size;
  function fitReadable(fit = true) {
    if (fit) network.fit({ animation: false });
    if (state.shownNodes.size <= 300 && network.getScale() < READABLE) network.moveTo({ scale: READABLE, animation: false });
  }
  function centroid(positions) {
    let x = 0, y = 0;
    for (const p of positions.values()) (x += p.x), (y += p.y);
    return { x: x / Math.max(positions.size, 1), y: y / Math.max(positions.size, 1) };
  }
  function go(next, replace) {
    if (state.view && !replace) state.history.push(state.view);
    state.view = next;
    draw(true);
  }
  function back() {
    if (!state.history.length) return;
    state.view = state.history.pop();
    clearSelection();
    draw(true);
    fitReadable();
  }
  function reset() {
    go(startView());
    clearSelection();
    fitReadable();
  }
  function showFull() {
    go(fullView());
    clearSelection();
    fitReadable();
  }

  // --- drawing: the view through the filters ----------------------------------------------------
  function edgeShown(id) {
    const e = E[id];
    const f = fact(id);
    if (!filters.relations.has(e.type) || f.confidence < filters.confidence) return false;
    if (![...f.attributions].some((a) => filters.attributions.has(a))) return false;
    if (f.docs.size && ![...f.docs].some((d) => filters.docs.has(d))) return false;
    if (dates.length && (filters.from > 0 || filters.to < dates.length - 1)) {
      if (!f.date) return false;
      const lo = dates[filters.from], hi = dates[filters.to];
      if (f.date < lo.slice(0, f.date.length) || f.date > hi.slice(0, f.date.length)) return false;
    }
    return true;
  }
  function visible() {
    const inView = state.view.positions;
    const shownNodes = new Set();
    for (const id of inView.keys()) {
      const n = N[id];
      if (filters.entities.has(n.type) && coreOf(id) >= filters.kcore && (filters.community === null || communityOf(id) === filters.community)) shownNodes.add(id);
    }
    const shownEdges = new Set();
    const candidates = state.view.kind === "full" && inView.size === nodeCount ? edgeIds() : [...new Set([...shownNodes].flatMap((id) => incident.get(id)))];
    for (const id of candidates) if (shownNodes.has(E[id].from) && shownNodes.has(E[id].to) && edgeShown(id)) shownEdges.add(id);
    if (filters.isolates) {
      const linked = new Set();
      for (const id of shownEdges) linked.add(E[id].from).add(E[id].to);
      for (const id of [...shownNodes]) if (!linked.has(id)) shownNodes.delete(id);
    }
    return { shownNodes, shownEdges };
  }
  // Parallel relations between two actors fan out symmetrically, so their labels do not sit on each other.
  function bends(shownEdges) {
    const groups = new Map();
    for (const id of [...shownEdges].sort(byNumber)) {
      const e = E[id];
      const pair = e.from < e.to ? `${e.from} ${e.to}` : `${e.to} ${e.from}`;
      if (!groups.has(pair)) groups.set(pair, []);
      groups.get(pair).push(id);
    }
    const out = new Map();
    for (const ids of groups.values()) {
      ids.forEach((id, k) => {
        const e = E[id];
        const r = (k - (ids.length - 1) / 2) * 0.32 * (e.from < e.to ? 1 : -1);
        out.set(id, Math.round(r * 100) / 100);
      });
    }
    return out;
  }
  const byNumber = (a, b) => Number(a.slice(1)) - Number(b.slice(1));
  function draw(moved) {
    const { shownNodes, shownEdges } = visible();
    const positions = state.view.positions;
    const labelled = shownEdges.size <= EDGE_LABELS_UP_TO;
    const bend = labelled ? bends(shownEdges) : new Map();
    nodes.remove([...state.shownNodes].filter((id) => !shownNodes.has(id)));
    edges.remove([...state.shownEdges].filter((id) => !shownEdges.has(id)));
    if (filters.colour === "community") {
      const present = [...new Set([...shownNodes].map(communityOf).filter((c) => c !== null))].sort((a, b) => a - b);
      const next = new Map(present.slice(0, COMMUNITY_PALETTE.length).map((c, i) => [c, COMMUNITY_PALETTE[i]]));
      if ([...next].join() !== [...communityColour].join()) filters.sizeChanged = true;
      communityColour = next;
    }
    showCommunityKey();
    const nodeItems = [];
    for (const id of shownNodes) {
      if (!(moved || !state.shownNodes.has(id) || filters.sizeChanged)) continue;
      nodeItems.push(nodeItem(id, positions.get(id)));
      dimmed.nodes.delete(id);
      labels.hidden.delete(id);
    }
    nodes.update(nodeItems);
    edges.update([...shownEdges].sort(byNumber).map((id) => edgeItem(id, labelled, bend.get(id))));
    for (const set of [dimmed.nodes, labels.hidden]) for (const id of [...set]) if (!shownNodes.has(id) && !shownEdges.has(id)) set.delete(id);
    for (const id of shownEdges) dimmed.edges.delete(id), labels.hidden.delete(id);
    dimmed.edges = new Set([...dimmed.edges].filter((id) => shownEdges.has(id)));
    labels.base = bend;
    labels.bend = new Map(labelled ? [...shownEdges].map((id) => [id, bend.get(id) || 0]) : []);
    state.shownNodes = shownNodes;
    state.shownEdges = shownEdges;
    filters.sizeChanged = false;
    if (state.selected && state.selected.kind === "node" && shownNodes.has(state.selected.id)) highlightNode(state.selected.id);
    else if (state.selected && state.selected.kind === "edge" && shownEdges.has(state.selected.id)) highlightEdge(state.selected.id);
    else highlight(null, null);
    showStatus();
    writeHash();
  }
  function showStatus() {
    const v = state.view;
    let what = v.kind === "full" ? "Full graph" : v.kind === "start" ? (data.start ? "Opening view: the best-connected actors" : "All actors") : "Custom view";
    if (v.kind === "focus") what = `Focus: ${nameOf(v.about.center)}, ${plural(v.about.depth, "degree")}`;
    if (v.kind === "custom" && v.steps.length) {
      const from = v.base.kind === "focus" ? `focus on ${nameOf(v.base.center)}` : v.base.kind === "full" ? "the full graph" : "the opening view";
      const count = (op) => v.steps.filter(([o]) => o === op).length;
      const did = [["expand", "expanded"], ["dismiss", "dismissed"], ["add", "added by a relation"]].filter(([op]) => count(op));
      what = `Custom view: ${from}, ${did.map(([op, done]) => `${count(op)} ${done}`).join(", ")}`;
    }
    if (v.about.cut) what += ` (${v.about.cut.toLocaleString("en")} more not shown — expand to add)`;
    $("view-status").textContent = what;
    $("counts").textContent = `${state.shownNodes.size.toLocaleString("en")} of ${plural(nodeCount, "actor")} · ${state.shownEdges.size.toLocaleString("en")} of ${plural(edgeCount, "relation")}`;
    $("back").disabled = !state.history.length;
    document.documentElement.dataset.view = v.kind;
  }

  // --- highlight ----------------------------------------------------------------------------------
  // Dim all but the kept items (only what changes is restyled: a click costs the neighbourhoods, not the view),
  // and place the labels with the kept ones first.
  const dimmed = { nodes: new Set(), edges: new Set() };
  function highlight(keepNodes, keepEdges) {
    const small = state.shownNodes.size + state.shownEdges.size <= DIM_UP_TO;
    const nodeChanges = new Map(), edgeChanges = new Map();
    const change = (map, id) => map.get(id) || map.set(id, { id }).get(id);
    if (small) {
      for (const id of state.shownNodes) {
        const dim = keepNodes !== null && !keepNodes.has(id);
        if (dim === dimmed.nodes.has(id)) continue;
        if (dim) dimmed.nodes.add(id);
        else dimmed.nodes.delete(id);
        Object.assign(change(nodeChanges, id), dim ? { color: DIM_NODE, font: { color: "#b8bec4" } } : { color: nodeItem(id, { x: 0, y: 0 }).color, font: { color: "#1f2328" } });
      }
      for (const id of state.shownEdges) {
        const dim = keepEdges !== null && !keepEdges.has(id);
        if (dim === dimmed.edges.has(id)) continue;
        if (dim) dimmed.edges.add(id);
        else dimmed.edges.delete(id);
        Object.assign(change(edgeChanges, id), dim ? { color: { color: DIM_EDGE, highlight: DIM_EDGE }, font: { color: "#b8bec4" } } : { color: edgeStyle(id).color, font: { color: EDGE_FONT.color } });
      }
    }
    const t0 = performance.now();
    placeLabels(keepNodes, keepEdges, nodeChanges, edgeChanges, change);
    const t1 = performance.now();
    if (nodeChanges.size) nodes.update([...nodeChanges.values()]);
    if (edgeChanges.size) edges.update([...edgeChanges.values()]);
    timing.highlight = { labels: t1 - t0, restyle: performance.now() - t1, changed: nodeChanges.size + edgeChanges.size };
    state.dimmed = dimmed.nodes.size + dimmed.edges.size > 0;
    if (!small) {
      if (keepNodes) network.setSelection({ nodes: [...keepNodes].filter((id) => state.shownNodes.has(id)), edges: [...keepEdges].filter((id) => state.shownEdges.has(id)) }, { highlightEdges: false });
      else network.unselectAll();
    }
  }
  api.labels = labels;
  function highlightNode(id) {
    const keepEdges = new Set(incident.get(id).filter((e) => state.shownEdges.has(e)));
    const keepNodes = new Set([id]);
    for (const eid of keepEdges) keepNodes.add(E[eid].from).add(E[eid].to);
    highlight(keepNodes, keepEdges);
    if (state.shownNodes.has(id)) network.selectNodes([id], false);
  }
  function highlightEdge(id) {
    highlight(new Set([E[id].from, E[id].to]), new Set([id]));
    if (state.shownEdges.has(id)) network.selectEdges([id]);
  }

  // --- legend, filters and view controls ------------------------------------------------------------
  const SHAPES = {
    box: (a) => svg("rect", { x: 1, y: 4, width: 14, height: 9, rx: 2, ...a }),
    square: (a) => svg("rect", { x: 2, y: 2, width: 12, height: 12, ...a }),
    diamond: (a) => svg("polygon", { points: "8,1 15,8 8,15 1,8", ...a }),
    triangle: (a) => svg("polygon", { points: "8,1 15,14 1,14", ...a }),
    triangleDown: (a) => svg("polygon", { points: "1,2 15,2 8,15", ...a }),
    hexagon: (a) => svg("polygon", { points: "4,2 12,2 15,8 12,14 4,14 1,8", ...a }),
    star: (a) => svg("polygon", { points: "8,1 10,6 15,6 11,10 12,15 8,12 4,15 5,10 1,6 6,6", ...a }),
    ellipse: (a) => svg("ellipse", { cx: 8, cy: 8, rx: 7, ry: 5, ...a }),
    database: (a) => svg("path", { d: "M2,4 A6,2.5 0 0 1 14,4 V12 A6,2.5 0 0 1 2,12 Z M2,4 A6,2.5 0 0 0 14,4", ...a }),
  };
  function nodeSwatch(shape, color) {
    const a = { fill: hex(color), stroke: "#3d434a", "stroke-width": "0.8" };
    const shapeEl = (SHAPES[shape] || ((b) => svg("circle", { cx: 8, cy: 8, r: 6, ...b })))(a);
    return svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" }, shapeEl);
  }
  function lineSwatch(color, { dash, alpha, width, arrow, directed } = {}) {
    const line = svg("line", { x1: 1, y1: 6, x2: directed === false ? 33 : 26, y2: 6, stroke: rgba(color, alpha === undefined ? 1 : alpha), "stroke-width": width || 2 });
    if (dash) line.setAttribute("stroke-dasharray", dash.join(" "));
    const parts = [line];
    if (directed !== false && arrow === "bar") parts.push(svg("rect", { x: 26, y: 1, width: 3, height: 10, fill: rgba(color, alpha === undefined ? 1 : alpha) }));
    else if (directed !== false) parts.push(svg("polygon", { points: "25,2 33,6 25,10", fill: rgba(color, alpha === undefined ? 1 : alpha) }));
    return svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" }, ...parts);
  }
  function typeRow(kind, t, swatch) {
    const box = el("input", { type: "checkbox", "data-kind": kind, "data-type": t.name });
    box.checked = true;
    box.addEventListener("change", () => setFilter(kind, t.name, box.checked));
    const only = el("button", { type: "button", class: "only", title: `Show only ${t.name}`, "data-only": t.name, onclick: () => only_(kind, t.name) }, "only");
    const row = el("label", { title: t.about || "" }, box, swatch, el("span", { class: "name" }, t.name), el("span", { class: "count" }, t.count));
    return el("li", { class: t.count ? "" : "empty" }, row, only);
  }
  function only_(kind, name) {
    const set = kindSet(kind);
    const all = kind === "entity" ? [...entityType.keys()] : kind === "relation" ? [...relationType.keys()] : attributions;
    set.clear();
    set.add(name);
    for (const box of document.querySelectorAll(`input[data-kind="${kind}"]`)) box.checked = box.dataset.type === name;
    if (kind === "relation" && !filters.isolates) setIsolates(true, false);
    draw(false);
    return all;
  }
  function kindSet(kind) {
    return kind === "entity" ? filters.entities : kind === "relation" ? filters.relations : filters.attributions;
  }
  for (const t of data.legend.entity_types) $("entity-types").append(typeRow("entity", t, nodeSwatch(t.shape, t.color)));
  for (const t of data.legend.relation_types) $("relation-types").append(typeRow("relation", t, lineSwatch(t.color, t)));
  const ATTRIBUTION_ABOUT = { report: "reported by the document itself", quote: "a speaker's quoted words: their claim", statement: "a speaker's statement: their claim" };
  for (const [a, count] of data.attributions) {
    const swatch = lineSwatch("#3d434a", { dash: a === "report" ? null : CLAIM_DASH });
    $("attributions").append(typeRow("attribution", { name: a, count, about: ATTRIBUTION_ABOUT[a] || "attributed to a speaker" }, swatch));
  }
  const STYLE_KEY = [
    ["reported", lineSwatch("#3d434a", {})],
    ["attributed claim", lineSwatch("#3d434a", { dash: CLAIM_DASH })],
    ["expected, not done", lineSwatch("#3d434a", { dash: EXPECTED_DASH })],
    ["expected claim", lineSwatch("#3d434a", { dash: EXPECTED_CLAIM_DASH })],
    ["confidence 1.0", lineSwatch("#3d434a", { width: 3 })],
    ["confidence 0.5", lineSwatch("#3d434a", { width: 2, alpha: 0.65 })],
    ["⊣ against (opposes)", lineSwatch("#3d434a", { arrow: "bar" })],
  ];
  for (const [name, sw] of STYLE_KEY) $("style-key").append(el("li", {}, sw, el("span", {}, name)));
  if (data.documents.length > 1) {
    for (const [i, d] of data.documents.entries()) {
      const box = el("input", { type: "checkbox", "data-kind": "document", "data-doc": d.id });
      box.checked = true;
      box.addEventListener("change", () => {
        if (box.checked) filters.docs.add(i);
        else filters.docs.delete(i);
        draw(false);
      });
      $("documents").append(el("li", {}, el("label", { title: d.title || d.id }, box, el("span", { class: "name" }, d.title || d.id), el("span", { class: "count" }, d.published || ""))));
    }
  } else $("documents-box").hidden = true;
  if (dates.length > 1) {
    for (const id of ["date-from", "date-to"]) {
      const r = $(id);
      r.max = String(dates.length - 1);
      r.addEventListener("input", () => {
        filters.from = Math.min(Number($("date-from").value), Number($("date-to").value));
        filters.to = Math.max(Number($("date-from").value), Number($("date-to").value));
        showDates();
        draw(false);
      });
    }
    $("date-to").value = String(dates.length - 1);
    showDates();
  } else $("dates-box").hidden = true;
  function showDates() {
    $("date-from").value = String(filters.from);
    $("date-to").value = String(filters.to);
    const narrowed = filters.from > 0 || filters.to < dates.length - 1;
    $("date-range").textContent = `${dates[filters.from]} – ${dates[filters.to]}${narrowed ? " (undated relations hidden)" : ""}`;
  }
  $("confidence").addEventListener("input", () => {
    filters.confidence = Number($("confidence").value);
    $("confidence-value").textContent = filters.confidence.toFixed(2);
    draw(false);
  });
  function setIsolates(on, redraw) {
    filters.isolates = on;
    $("isolates").checked = on;
    if (redraw !== false) draw(false);
  }
  $("isolates").addEventListener("change", () => setIsolates($("isolates").checked));
  $("size").addEventListener("change", () => {
    filters.size = $("size").checked;
    filters.sizeChanged = true;
    draw(false);
  });
  // Structure: colour by community, one community, k-core (numbers computed when the page was written).
  const maxCore = data.structure.k.reduce((m, k) => Math.max(m, k), 0);
  $("kcore").max = String(maxCore);
  const communityOptions = data.communities.slice(0, 500);
  communityOptions.forEach((size, c) => $("community").append(el("option", { value: String(c) }, `${c + 1} · ${plural(size, "actor")}`)));
  if (!data.communities.length) $("structure-box").hidden = true;
  $("colour-by").addEventListener("change", () => {
    filters.colour = $("colour-by").value === "community" ? "community" : "type";
    filters.sizeChanged = true;
    draw(false);
  });
  $("community").addEventListener("change", () => {
    filters.community = $("community").value === "" ? null : Number($("community").value);
    draw(false);
  });
  $("kcore").addEventListener("input", () => {
    filters.kcore = Number($("kcore").value);
    $("kcore-value").textContent = String(filters.kcore);
    draw(false);
  });
  function showCommunityKey() {
    const key = $("community-key");
    if (filters.colour !== "community") return key.replaceChildren();
    const rows = [...communityColour].map(([c, colour]) => el("li", {}, nodeSwatch("dot", colour), el("span", {}, `community ${c + 1} (${plural(data.communities[c], "actor")})`)));
    key.replaceChildren(...rows, el("li", {}, nodeSwatch("dot", OTHER_COMMUNITY), el("span", {}, "other communities, or alone")));
  }
  function setStructure(colour, community, kcore) {
    filters.colour = colour === "community" ? "community" : "type";
    $("colour-by").value = filters.colour;
    filters.community = community !== null && community >= 0 && community < data.communities.length ? community : null;
    $("community").value = filters.community === null ? "" : String(filters.community);
    filters.kcore = Math.min(Math.max(kcore || 0, 0), maxCore);
    $("kcore").value = String(filters.kcore);
    $("kcore-value").textContent = String(filters.kcore);
    filters.sizeChanged = true;
  }
  function setFilter(kind, type, on) {
    const set = kindSet(kind);
    if (on) set.add(type);
    else set.delete(type);
    const box = document.querySelector(`input[data-kind="${kind}"][data-type="${CSS.escape(type)}"]`);
    if (box) box.checked = on;
    draw(false);
  }
  $("depth").addEventListener("change", () => {
    state.depth = Number($("depth").value);
    if (state.view.kind === "focus") focus(state.view.about.center, state.depth, true);
    else if (state.selected && state.selected.kind === "node") focus(state.selected.id, state.depth);
  });
  $("back").addEventListener("click", back);
  $("reset").addEventListener("click", reset);
  $("full").addEventListener("click", showFull);
  $("fit").addEventListener("click", () => network.fit({ animation: false }));
  const physics = $("physics");
  physics.addEventListener("change", () => network.setOptions({ physics: { enabled: physics.checked } }));
  $("relayout").addEventListener("click", () => {
    physics.checked = false;
    network.setOptions({ physics: { enabled: false } });
    for (const id of state.shownNodes) network.moveNode(id, state.view.positions.get(id).x, state.view.positions.get(id).y);
    rehighlight();
    fitReadable();
  });
  for (const [button, drawer] of [["show-filters", "legend"], ["show-panel", "panel"]]) {
    $(button).addEventListener("click", () => {
      const open = !$(drawer).classList.contains("open");
      $(drawer).classList.toggle("open", open);
      $(button).setAttribute("aria-expanded", String(open));
    });
  }
  for (const b of document.querySelectorAll(".drawer-close")) b.addEventListener("click", () => closeDrawer(b.closest("aside").id));
  function closeDrawer(id) {
    $(id).classList.remove("open");
  }
  const phone = () => window.matchMedia("(max-width: 800px)").matches;

  // --- side panel -------------------------------------------------------------------------------------
  const panel = $("panel-body");
  function pill(name, color) {
    const c = hex(color);
    const light = 0.299 * parseInt(c.slice(1, 3), 16) + 0.587 * parseInt(c.slice(3, 5), 16) + 0.114 * parseInt(c.slice(5, 7), 16) > 140;
    return el("span", { class: "type", style: `background:${c};color:${light ? "#111111" : "#ffffff"}` }, name);
  }
  function nodeLink(id) {
    return el("button", { type: "button", class: "link", "data-node": id, onclick: () => { showNode(id, true); } }, nameOf(id));
  }
  function definitionList(rows) {
    const dl = el("dl");
    for (const [k, v] of rows) if (v !== null && v !== undefined && v !== "") dl.append(el("dt", {}, k), el("dd", {}, v));
    return dl;
  }
  function documentName(i) {
    const d = data.documents[i];
    return d ? d.title || d.id : typeof i === "string" ? i : null;
  }
  // The quote inside its paragraph, the quoted span marked; or the quote alone when the text was not given.
  function quoteBlock(r) {
    if (r.paragraph === undefined) return el("blockquote", { class: "quote" }, r.quote);
    const p = data.paragraphs[r.paragraph];
    const [a, b] = r.span;
    return el("blockquote", { class: "quote in-context" }, p.slice(0, a), el("mark", {}, p.slice(a, b)), p.slice(b));
  }
  function evidenceRecord(r, i, n) {
    const doc = data.documents[r.document];
    const rows = [["document", documentName(r.document)]];
    if (doc && doc.outlet) rows.push(["outlet", doc.outlet]);
    if (doc && doc.published) rows.push(["published", doc.published]);
    const attribution = r.attribution || "report";
    const by = r.attributed_to ? nodeLink(r.attributed_to) : null;
    rows.push(["attribution", attribution === "report" ? "report — the document's own reporting" : by ? el("span", {}, `${attribution} — the claim of `, by) : `${attribution} — a claim`]);
    if (typeof r.confidence === "number") rows.push(["confidence", confidenceMeter(r.confidence)]);
    return el("section", { class: "evidence" }, n > 1 ? el("h4", {}, `Evidence ${i + 1} of ${n}`) : null, quoteBlock(r), definitionList(rows));
  }
  function confidenceMeter(c) {
    return el("span", { class: "meter", title: String(c) }, el("span", { class: "bar", style: `width:${Math.round(Math.min(Math.max(c, 0), 1) * 100)}%` }), ` ${text(c)}`);
  }
  function actions(id) {
    const inView = state.view.positions.has(id);
    return el(
      "div",
      { class: "actions" },
      ...[1, 2, 3].map((d) => el("button", { type: "button", "data-action": `focus-${d}`, onclick: () => focus(id, d) }, d === 1 ? "Focus" : `${d} degrees`)),
      el("button", { type: "button", "data-action": "expand", disabled: !inView, onclick: () => expand(id) }, "Expand"),
      el("button", { type: "button", "data-action": "dismiss", disabled: !inView, onclick: () => dismiss(id) }, "Dismiss"),
    );
  }
  function stanceSummary(id) {
    const counts = new Map();
    for (const eid of incident.get(id)) {
      const e = E[eid];
      const k = e.from === id ? `${e.type} →` : `← ${e.type}`;
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    return el("p", { class: "summary" }, [...counts].map(([k, n]) => `${k} ${n}`).join(" · "));
  }
  function showNode(id, centre) {
    const info = N[id];
    if (!info) return;
    ensureDetail();
    if (!state.view.positions.has(id)) return focus(id, state.depth);
    state.selected = { kind: "node", id };
    highlightNode(id);
    if (centre && state.shownNodes.has(id)) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    const relations = el("ul", { class: "relations" });
    const list = incident.get(id).slice().sort((a, b) => (E[a].type < E[b].type ? -1 : E[a].type > E[b].type ? 1 : byNumber(a, b)));
    for (const eid of list.slice(0, 400)) {
      const e = E[eid];
      const outgoing = e.from === id;
      const other = outgoing ? e.to : e.from;
      const f = fact(eid);
      const t = relationType.get(e.type);
      const cue = el("span", { class: "cue", style: `color:${hex(t ? t.color : "")}` }, t && t.arrow === "bar" ? "⊣" : "→");
      const tags = [f.claim ? "claim" : null, f.expected ? "expected" : null, f.confidence < 1 ? `conf. ${f.confidence}` : null].filter(Boolean);
      const line = `${outgoing ? "" : "← "}${e.type}${outgoing ? " →" : ""} ${nameOf(other)}`;
      relations.append(
        el("li", { class: state.shownEdges.has(eid) ? "" : "off" }, cue, el("button", { type: "button", class: "link", "data-edge": eid, onclick: () => showEdge(eid) }, line), tags.length ? el("span", { class: "tags" }, ` ${tags.join(", ")}`) : null),
      );
    }
    if (list.length > 400) relations.append(el("li", { class: "hint" }, `… and ${list.length - 400} more`));
    fill(
      el("h2", {}, info.name),
      pill(info.type, (entityType.get(info.type) || {}).color),
      el("span", { class: "hint" }, "  ", info.key),
      actions(id),
      info.description ? el("p", {}, info.description) : null,
      info.aliases.length ? el("h3", {}, "Also called") : null,
      info.aliases.length ? el("ul", { class: "aliases" }, ...info.aliases.map((a) => el("li", {}, a))) : null,
      info.properties.length ? definitionList(info.properties.map(([k, v]) => [label(k), text(v)])) : null,
      info.mention ? el("h3", {}, "Mentioned in") : null,
      info.mention ? quoteBlock(info.mention) : null,
      info.mention ? el("p", { class: "hint" }, documentName(info.mention.document)) : null,
      el("p", { class: "hint structure" }, `${communityOf(id) === null ? "alone in its community" : `community ${communityOf(id) + 1} of ${data.communities.length} (${plural(data.communities[communityOf(id)], "actor")})`} · core number ${coreOf(id)}`),
      el("h3", {}, `Relations (${incident.get(id).length})`),
      stanceSummary(id),
      relations,
    );
    writeHash();
  }
  // Put a relation's actors on the canvas if they are not (a relation picked from a panel list).
  function addEnds(id) {
    const e = E[id];
    if (state.view.positions.has(e.from) && state.view.positions.has(e.to)) return;
    const positions = new Map(state.view.positions);
    const c = positions.size ? centroid(positions) : { x: 0, y: 0 };
    if (!positions.has(e.from)) positions.set(e.from, { x: Math.round(c.x - RING / 2), y: Math.round(c.y) });
    if (!positions.has(e.to)) positions.set(e.to, { x: Math.round(c.x + RING / 2), y: Math.round(c.y + 40) });
    go(stepped("custom", positions, {}, ["add", id]));
  }
  function showEdge(id) {
    const e = E[id];
    if (!e) return;
    ensureDetail();
    addEnds(id);
    state.selected = { kind: "edge", id };
    highlightEdge(id);
    const about = relationType.get(e.type);
    const f = fact(id);
    const badges = [
      f.claim ? el("span", { class: "badge claim" }, "attributed claim") : el("span", { class: "badge" }, "reported"),
      f.expected ? el("span", { class: "badge expected" }, "expected, not done") : null,
    ];
    const rows = e.qualifiers.map(([k, v]) => [label(k), text(v)]);
    if (e.note) rows.push(["note", e.note]);
    fill(
      el("h2", {}, nodeLink(e.from), about && about.arrow === "bar" ? " ⊣ " : " → ", nodeLink(e.to)),
      pill(e.type, about ? about.color : ""),
      ...badges,
      el("span", { class: "hint" }, "  ", e.key),
      about && about.about ? el("p", { class: "hint" }, about.about) : null,
      rows.length ? el("h3", {}, "Qualifiers") : null,
      rows.length ? definitionList(rows) : null,
      el("h3", {}, e.evidence.length > 1 ? `Evidence (${e.evidence.length} records)` : "Evidence"),
      ...e.evidence.map((r, i) => evidenceRecord(r, i, e.evidence.length)),
    );
    writeHash();
  }
  function fill(...children) {
    panel.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
    if (phone()) {
      $("panel").classList.add("open");
      closeDrawer("legend");
    }
  }
  function clearSelection() {
    state.selected = null;
    highlight(null, null);
    network.unselectAll();
    fill(el("p", { class: "hint" }, "Click an actor or a relation to see its evidence. Double-click an actor to focus on it."));
    if (phone()) closeDrawer("panel");
    writeHash();
  }
  const clicks = [null, null]; // the last two clicked actors: a double click is two clicks on the same one
  network.on("click", (params) => {
    clicks.shift();
    clicks.push(params.nodes.length ? params.nodes[0] : null);
    if (params.nodes.length) showNode(params.nodes[0], false);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearSelection();
  });
  function rehighlight() {
    if (state.selected && state.selected.kind === "node" && state.shownNodes.has(state.selected.id)) highlightNode(state.selected.id);
    else if (state.selected && state.selected.kind === "edge" && state.shownEdges.has(state.selected.id)) highlightEdge(state.selected.id);
    else highlight(null, null);
  }
  network.on("dragEnd", (params) => {
    if (params.nodes.length) rehighlight();
  });
  network.on("stabilized", rehighlight);
  network.on("doubleClick", (params) => {
    if (params.nodes.length && clicks[0] === params.nodes[0] && clicks[1] === params.nodes[0]) focus(params.nodes[0], state.depth);
  });

  // --- search -----------------------------------------------------------------------------------------
  const search = $("search");
  const matches = $("matches");
  let index = null; // built at the first search: a big corpus opens sooner
  const MATCHES_SHOWN = 12;
  let found = [];
  let foundTotal = 0; // how many actors match in all (the list shows the first MATCHES_SHOWN)
  let active = 0;
  function find(query) {
    const q = query.trim().toLowerCase();
    foundTotal = 0;
    if (!q) return [];
    ensureDetail();
    if (!index) index = nodeIds().map((id) => [id, N[id].name, N[id].aliases, [N[id].name, ...N[id].aliases].map((s) => s.toLowerCase())]);
    const starts = [];
    const contains = [];
    for (const [id, name, aliases, lower] of index) {
      const i = lower.findIndex((s) => s.startsWith(q));
      const j = i >= 0 ? i : lower.findIndex((s) => s.includes(q));
      if (j < 0) continue;
      foundTotal++;
      const list = i >= 0 ? starts : contains;
      if (list.length < MATCHES_SHOWN) list.push({ id, name, alias: j > 0 ? aliases[j - 1] : null });
    }
    return starts.concat(contains).slice(0, MATCHES_SHOWN);
  }
  function showMatches(nothingFor) {
    matches.replaceChildren(
      // A search that finds nothing says so (it used to show nothing, and Enter did nothing, silently).
      ...(nothingFor ? [el("li", { class: "none", role: "status" }, `No actor matches “${nothingFor}”`)] : []),
      ...found.map((m, i) =>
        el("li", { id: `match-${i}`, role: "option", class: i === active ? "active" : "", "aria-selected": String(i === active), "data-node": m.id, onclick: () => pick(m.id) }, m.name, m.alias ? el("span", { class: "alias" }, m.alias) : null, el("span", { class: "alias" }, N[m.id].type)),
      ),
      // A capped list says so: the reader knows there is more, and how to get at it.
      ...(foundTotal > found.length ? [el("li", { class: "more", role: "status" }, `${found.length} of ${foundTotal.toLocaleString("en")} matches — refine the search`)] : []),
    );
    search.setAttribute("aria-expanded", String(found.length > 0));
    if (found.length) search.setAttribute("aria-activedescendant", `match-${active}`);
    else search.removeAttribute("aria-activedescendant");
  }
  function pick(id) {
    found = [];
    foundTotal = 0;
    showMatches();
    focus(id, state.depth);
  }
  search.addEventListener("input", () => {
    found = find(search.value);
    active = 0;
    showMatches(found.length ? "" : search.value.trim());
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!found.length) return;
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      showMatches();
    } else if (ev.key === "Enter") {
      if (found[active]) pick(found[active].id);
    } else if (ev.key === "Escape") {
      found = [];
      foundTotal = 0;
      showMatches();
    }
  });

  // Zoom by a factor about the picked actor (it stays where it is on screen), else about the middle of the canvas.
  function zoomBy(factor) {
    const scale = network.getScale() * factor;
    const id = state.selected && state.selected.kind === "node" && state.shownNodes.has(state.selected.id) ? state.selected.id : null;
    const at = id ? network.getPosition(id) : null;
    const dom = at ? network.canvasToDOM(at) : null;
    const W = container.clientWidth, H = container.clientHeight;
    if (!dom || dom.x < 0 || dom.y < 0 || dom.x > W || dom.y > H) return network.moveTo({ scale, animation: false });
    network.moveTo({ scale, position: { x: at.x - (dom.x - W / 2) / scale, y: at.y - (dom.y - H / 2) / scale }, animation: false });
  }
  api.zoomBy = zoomBy;

  // --- keyboard on the canvas: walk the focused items ---------------------------------------------------
  function walkList() {
    if (state.selected && state.selected.kind === "node") {
      const me = state.selected.id;
      const others = incident.get(me).filter((e) => state.shownEdges.has(e)).map((e) => (E[e].from === me ? E[e].to : E[e].from));
      if (others.length) return [...new Set(others)];
    }
    return [...state.shownNodes].sort((a, b) => N[b].degree - N[a].degree || byNumber(a, b));
  }
  let walk = { list: [], at: -1, from: null };
  container.addEventListener("keydown", (ev) => {
    const keys = ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "Enter", "Escape", "+", "-", "Backspace"];
    if (!keys.includes(ev.key)) return;
    ev.preventDefault();
    if (ev.key === "Escape") return clearSelection();
    if (ev.key === "Backspace") return back();
    if (ev.key === "+" || ev.key === "-") return zoomBy(ev.key === "+" ? 1.25 : 0.8);
    if (ev.key === "Enter") {
      if (state.selected && state.selected.kind === "node") focus(state.selected.id, state.depth);
      return;
    }
    const anchor = walk.from;
    if (!walk.list.length || (state.selected && state.selected.kind === "node" && state.selected.id !== walk.list[walk.at] && state.selected.id !== anchor)) {
      walk = { list: walkList(), at: -1, from: state.selected ? state.selected.id : null };
    }
    if (!walk.list.length) return;
    const step = ev.key === "ArrowRight" || ev.key === "ArrowDown" ? 1 : -1;
    walk.at = (walk.at + step + walk.list.length) % walk.list.length;
    const id = walk.list[walk.at];
    showNode(id, true);
    $("announce").textContent = `${nameOf(id)}, ${walk.at + 1} of ${walk.list.length}`;
  });

  // --- deep links: the view and the filters in the URL fragment ------------------------------------------
  let writing = false;
  let applying = false;
  function writeHash() {
    if (applying || !api.ready) return;
    ensureDetail();
    const p = new URLSearchParams();
    const v = state.view, base = v.base, steps = v.steps;
    // A relation picked inside a focus keeps the focus in the link: the link reopens that view, not another.
    if (base.kind === "focus") p.set("actor", N[base.center].key);
    if (state.selected && state.selected.kind === "edge") p.set("relation", E[state.selected.id].key);
    else if (base.kind !== "focus" && !steps.length && state.selected) p.set("actor", N[state.selected.id].key), p.set("select", "1");
    else if (state.selected && (steps.length || state.selected.id !== base.center)) p.set("select", N[state.selected.id].key);
    if (base.kind === "focus") p.set("depth", String(base.depth));
    else if (state.depth !== 1) p.set("depth", String(state.depth));
    if (base.kind === "full") p.set("view", "full");
    // What was expanded, dismissed or added since, in order: the link rebuilds exactly this view.
    for (const [op, id] of steps) p.append(op, op === "add" ? E[id].key : N[id].key);
    const list = (set, all) => (set.size === all.length ? null : [...set].join(","));
    const rel = list(filters.relations, [...relationType.keys()]);
    if (rel !== null) p.set("rel", rel);
    const ent = list(filters.entities, [...entityType.keys()]);
    if (ent !== null) p.set("ent", ent);
    const att = list(filters.attributions, attributions);
    if (att !== null) p.set("attr", att);
    if (filters.docs.size !== data.documents.length) p.set("doc", [...filters.docs].map((i) => data.documents[i].id).join(","));
    if (filters.confidence > 0) p.set("conf", String(filters.confidence));
    if (dates.length && filters.from > 0) p.set("from", dates[filters.from]);
    if (dates.length && filters.to < dates.length - 1) p.set("to", dates[filters.to]);
    if (filters.isolates) p.set("isolates", "hide");
    if (filters.size) p.set("size", "degree");
    if (filters.colour === "community") p.set("colour", "community");
    if (filters.community !== null) p.set("community", String(filters.community + 1));
    if (filters.kcore > 0) p.set("kcore", String(filters.kcore));
    const hash = p.toString();
    if (hash !== location.hash.slice(1)) {
      writing = true;
      history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
      writing = false;
    }
  }
  function applyHash() {
    // A link cut short in a message can end in a broken %-escape: read it as far as it goes, never throw.
    let raw = location.hash.slice(1);
    try {
      raw = decodeURIComponent(raw);
    } catch {
      raw = raw.replace(/%(?![0-9A-Fa-f]{2})/g, "%25");
      try {
        raw = decodeURIComponent(raw);
      } catch {
        /* keep the text as it came */
      }
    }
    const p = new URLSearchParams(location.hash.slice(1));
    const bare = raw && !raw.includes("=") ? raw : null; // #karen-bass
    applying = true;
    try {
      const set = (kind, value, all) => {
        const target = kindSet(kind);
        target.clear();
        const want = value === null ? all : value.split(",").filter((x) => all.includes(x));
        for (const x of want) target.add(x);
        for (const box of document.querySelectorAll(`input[data-kind="${kind}"]`)) box.checked = target.has(box.dataset.type);
      };
      set("relation", p.get("rel"), [...relationType.keys()]);
      set("entity", p.get("ent"), [...entityType.keys()]);
      set("attribution", p.get("attr"), attributions);
      const docs = p.get("doc");
      filters.docs = new Set(data.documents.map((d, i) => [d, i]).filter(([d]) => docs === null || docs.split(",").includes(d.id)).map(([, i]) => i));
      for (const box of document.querySelectorAll('input[data-kind="document"]')) box.checked = docs === null || docs.split(",").includes(box.dataset.doc);
      filters.confidence = Math.min(Math.max(Number(p.get("conf")) || 0, 0), 1);
      $("confidence").value = String(filters.confidence);
      $("confidence-value").textContent = filters.confidence.toFixed(2);
      if (dates.length > 1) {
        const lo = p.get("from"), hi = p.get("to");
        filters.from = lo ? Math.max(dates.findIndex((d) => d >= lo), 0) : 0;
        const upto = hi ? dates.filter((d) => d <= hi).length - 1 : dates.length - 1;
        filters.to = Math.max(upto, filters.from);
        showDates();
      }
      filters.isolates = p.get("isolates") === "hide";
      $("isolates").checked = filters.isolates;
      filters.size = p.get("size") === "degree";
      $("size").checked = filters.size;
      filters.sizeChanged = true;
      setStructure(p.get("colour"), p.get("community") ? Number(p.get("community")) - 1 : null, Number(p.get("kcore")) || 0);
      const depth = Number(p.get("depth"));
      state.depth = [1, 2, 3].includes(depth) ? depth : 1;
      $("depth").value = String(state.depth);
      const wanted = p.get("actor") || p.get("relation") || bare;
      const actor = wanted ? byKey("nodes", p.get("actor") || bare || "") : undefined;
      const relation = wanted ? byKey("edges", p.get("relation") || bare || "") : undefined;
      const steps = [...p].filter(([k]) => k === "expand" || k === "dismiss" || k === "add");
      state.history = [];
      state.view = null;
      state.selected = null;
      if (steps.length) {
        // The base view, then each step as the reader did it, then what was picked.
        if (p.get("view") === "full") go(fullView(), true);
        else if (actor && p.get("select") !== "1") focus(actor, state.depth, true);
        else go(startView(), true);
        for (const [op, key] of steps) {
          const id = byKey(op === "add" ? "edges" : "nodes", key);
          if (id === undefined) continue;
          if (op === "expand") expand(id);
          else if (op === "dismiss") dismiss(id);
          else addEnds(id);
        }
        fitReadable();
        const picked = p.get("select") ? byKey("nodes", p.get("select")) : undefined;
        if (relation && p.get("relation")) showEdge(relation);
        else if (picked !== undefined && state.view.positions.has(picked)) showNode(picked, false);
        else clearSelection();
      } else if (relation && actor && p.get("relation") && p.get("select") !== "1") {
        focus(actor, state.depth, true);
        showEdge(relation);
      } else if (relation) {
        const e = E[relation];
        const a = neighbourhood(e.from, 1), b = neighbourhood(e.to, 1);
        const positions = radial([[e.from], [...new Set([...a.rings.flat(), ...b.rings.flat()])].filter((x) => x !== e.from)], new Map([...b.parent, ...a.parent].map(([k]) => [k, e.from])));
        go(view("focus", positions, { center: e.from, depth: 1 }), true);
        fitReadable();
        showEdge(relation);
      } else if (actor && p.get("select") !== "1") {
        focus(actor, state.depth, true);
        const picked = p.get("select") ? byKey("nodes", p.get("select")) : undefined;
        if (picked !== undefined && state.view.positions.has(picked)) showNode(picked, false);
      } else {
        go(p.get("view") === "full" ? fullView() : startView(), true);
        fitReadable();
        if (actor) showNode(actor, true);
        else clearSelection();
      }
    } finally {
      applying = false;
    }
    writeHash();
  }
  window.addEventListener("hashchange", () => {
    if (!writing) applyHash();
  });

  // --- export: PNG of the canvas, SVG built from positions; downloaded from data: URLs (nothing fetched) ----
  function download(name, url) {
    const a = el("a", { href: url, download: name, style: "display:none" });
    document.body.append(a);
    a.click();
    a.remove();
  }
  const fileName = () => (data.title || "actorgraph").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "actorgraph";
  function exportPNG() {
    const source = container.querySelector("canvas");
    const out = document.createElement("canvas");
    const pad = 44 * (window.devicePixelRatio || 1);
    out.width = source.width;
    out.height = source.height + pad;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    ctx.fillStyle = "#3d434a";
    ctx.font = `${13 * (window.devicePixelRatio || 1)}px system-ui, sans-serif`;
    ctx.fillText(`${data.title} — ${data.caption}`.slice(0, 200), 12, source.height + pad * 0.45);
    ctx.fillText($("view-status").textContent, 12, source.height + pad * 0.85);
    const url = out.toDataURL("image/png");
    download(`${fileName()}.png`, url);
    return url.length;
  }
  const xml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  function polygon(shape, x, y, r) {
    const sides = { diamond: 4, triangle: 3, triangleDown: 3, hexagon: 6, star: 10 }[shape];
    const start = shape === "triangleDown" ? Math.PI / 2 : -Math.PI / 2;
    const pts = [];
    for (let i = 0; i < sides; i++) {
      const rr = shape === "star" && i % 2 ? r * 0.45 : r;
      const a = start + (2 * Math.PI * i) / sides;
      pts.push(`${(x + rr * Math.cos(a)).toFixed(1)},${(y + rr * Math.sin(a)).toFixed(1)}`);
    }
    return pts.join(" ");
  }
  function svgText() {
    const W = container.clientWidth, H = container.clientHeight;
    const a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: W, y: H });
    const pos = network.getPositions([...state.shownNodes]);
    const parts = [];
    const markers = new Set();
    for (const id of [...state.shownEdges].sort(byNumber)) {
      const e = E[id];
      const s = edgeStyle(id);
      const p = pos[e.from], q = pos[e.to];
      if (!p || !q) continue;
      const t = relationType.get(e.type) || {};
      const marker = s.arrows.to.enabled ? `m-${(t.arrow || "arrow")}-${hex(t.color).slice(1)}` : null;
      if (marker) markers.add(marker);
      const dash = s.dashes ? ` stroke-dasharray="${s.dashes.join(" ")}"` : "";
      const bend = e.from === e.to ? 0 : labels.bend.get(id) || 0;
      const v = bend ? via(p, q, bend) : null;
      const line = v ? `<path d="M${p.x} ${p.y} Q${v.x.toFixed(1)} ${v.y.toFixed(1)} ${q.x} ${q.y}" fill="none"` : `<line x1="${p.x}" y1="${p.y}" x2="${q.x}" y2="${q.y}"`;
      parts.push(`${line} stroke="${s.color.color}" stroke-width="${s.width}"${dash}${marker ? ` marker-end="url(#${marker})"` : ""}><title>${xml(`${N[e.from].name} ${e.type} ${N[e.to].name}`)}</title></${v ? "path" : "line"}>`);
      const m = labelPoint(p, q, bend);
      if (labels.bend.has(id) && !labels.hidden.has(id)) parts.push(`<text x="${m.x.toFixed(1)}" y="${m.y.toFixed(1)}" class="e">${xml(e.type)}</text>`);
    }
    for (const id of state.shownNodes) {
      const n = N[id];
      const t = entityType.get(n.type) || { color: "#888888", shape: "dot" };
      const p = pos[id];
      const r = radius(id);
      const fillc = nodeFill(id);
      if (t.shape === "box" || t.shape === "square") parts.push(`<rect x="${p.x - r}" y="${p.y - r * 0.7}" width="${2 * r}" height="${1.4 * r}" rx="3" fill="${fillc}" stroke="#3d434a"/>`);
      else if (["diamond", "triangle", "triangleDown", "hexagon", "star"].includes(t.shape)) parts.push(`<polygon points="${polygon(t.shape, p.x, p.y, r)}" fill="${fillc}" stroke="#3d434a"/>`);
      else parts.push(`<circle cx="${p.x}" cy="${p.y}" r="${r}" fill="${fillc}" stroke="#3d434a"/>`);
      if (labels.hidden.has(id)) parts.push(`<title>${xml(n.name)}</title>`);
      else parts.push(`<text x="${p.x}" y="${p.y + r + 16}" class="n">${xml(n.name)}</text>`);
    }
    const defs = [...markers].map((m) => {
      const [, kind, colour] = m.split("-");
      const shape = kind === "bar" ? `<rect x="7" y="0" width="3" height="10" fill="#${colour}"/>` : `<path d="M0,0 L10,5 L0,10 z" fill="#${colour}"/>`;
      return `<marker id="${m}" viewBox="0 0 10 10" refX="${kind === "bar" ? 8 : 24}" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">${shape}</marker>`;
    });
    const w = b.x - a.x, h = b.y - a.y;
    return [
      `<svg xmlns="${SVGNS}" viewBox="${a.x.toFixed(1)} ${a.y.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}" width="${W}" height="${H}">`,
      `<title>${xml(data.title)}</title><desc>${xml(data.caption)} — ${xml($("view-status").textContent)}</desc>`,
      `<style>text{font-family:system-ui,sans-serif;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}.n{font-size:15px;fill:#1f2328}.e{font-size:12px;fill:#3d434a}</style>`,
      `<defs>${defs.join("")}</defs>`,
      `<rect x="${a.x}" y="${a.y}" width="${w}" height="${h}" fill="#ffffff"/>`,
      ...parts,
      `</svg>`,
    ].join("\n");
  }
  function exportSVG() {
    const body = svgText();
    download(`${fileName()}.svg`, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(body)}`);
    return body.length;
  }
  $("export-png").addEventListener("click", exportPNG);
  $("export-svg").addEventListener("click", exportSVG);

  // --- open ---------------------------------------------------------------------------------------------
  if (phone()) $("panel").classList.remove("open");
  timing.indexed = performance.now();
  state.view = startView();
  state.depth = 1;
  applyHash();
  timing.viewed = performance.now();
  network.once("afterDrawing", () => {
    api.readyAt = performance.now();
    api.ready = true;
    document.documentElement.dataset.ready = "true";
    fitReadable(false); // the first drawing may have resized the canvas
    setTimeout(() => {
      ensureDetail();
      writeHash();
    }, 0);
  });
})();
