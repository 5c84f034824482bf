"use strict";
// How the page places its actors once vis-network's physics has stopped: plain functions over
// "boxes" ({x, y, r, half, top, below}: a centre, the disc's radius, and the footprint of disc and
// label, half as wide and reaching ``top`` above and ``below`` under the centre). No DOM, no vis.
window.newskgLayout = (function () {
  // Pushes footprints apart until none overlaps another, and linked actors (of few links) far
  // enough apart for their link to be clicked. Returns how many rounds it took and what was left.
  function tidy(boxes, links, rounds, gap = 4, linkGap = 36) {
    const n = boxes.length;
    if (!n) return { rounds: 0, overlaps: 0 };
    const X = Float64Array.from(boxes, b => b.x), Y = Float64Array.from(boxes, b => b.y);
    const HW = Float64Array.from(boxes, b => b.half), TOP = Float64Array.from(boxes, b => b.top), BOT = Float64Array.from(boxes, b => b.below);
    const R = Float64Array.from(boxes, b => b.r), M = Float64Array.from(boxes, b => b.r * b.r + 1);
    const degree = new Uint32Array(n);
    for (const [a, b] of links) { degree[a]++; degree[b]++; }
    // A hub's hundreds of spokes cannot all be long: only links between actors of few links are held apart.
    const held = links.filter(([a, b]) => a !== b && degree[a] <= 40 && degree[b] <= 40);
    const widths = Array.from(HW).sort((a, b) => a - b);
    const cell = Math.max(20, 4 * widths[Math.floor(widths.length / 2)]);
    let report = { rounds: 0, overlaps: 0 };
    for (let round = 0; round < rounds; round++) {
      let moved = 0;
      const grid = new Map(), first = new Array(n);
      for (let i = 0; i < n; i++) {
        const x0 = Math.floor((X[i] - HW[i]) / cell), x1 = Math.floor((X[i] + HW[i]) / cell);
        const y0 = Math.floor((Y[i] - TOP[i]) / cell), y1 = Math.floor((Y[i] + BOT[i]) / cell);
        first[i] = [x0, y0];
        for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) {
          const key = cx * 1048576 + cy;
          let list = grid.get(key);
          if (!list) grid.set(key, list = []);
          list.push(i);
        }
      }
      for (const [key, list] of grid) {
        const cx = Math.round(key / 1048576), cy = key - cx * 1048576;
        for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) {
          const i = list[a], j = list[b];
          if (Math.max(first[i][0], first[j][0]) !== cx || Math.max(first[i][1], first[j][1]) !== cy) continue;  // each pair once
          const ox = HW[i] + HW[j] + gap - Math.abs(X[i] - X[j]);
          const ciy = Y[i] + (BOT[i] - TOP[i]) / 2, cjy = Y[j] + (BOT[j] - TOP[j]) / 2;
          const oy = (TOP[i] + BOT[i]) / 2 + (TOP[j] + BOT[j]) / 2 + gap - Math.abs(ciy - cjy);
          if (ox <= 0 || oy <= 0) continue;
          moved++;
          const wi = M[j] / (M[i] + M[j]), wj = 1 - wi;  // the smaller one moves more
          // Push by the whole overlap (and a little more), at once, so pairs end apart. Late rounds
          // push along the line between the two centres instead, which loosens a jammed cluster.
          if (round > rounds / 2) {
            const dx = X[j] - X[i] || (i < j ? 1e-3 : -1e-3), dy = cjy - ciy, d = Math.hypot(dx, dy), push = Math.min(ox, oy) + 1;
            X[i] -= dx / d * push * wi; Y[i] -= dy / d * push * wi; X[j] += dx / d * push * wj; Y[j] += dy / d * push * wj;
          } else if (ox < oy) {
            const s = X[i] < X[j] || (X[i] === X[j] && i < j) ? -1 : 1;
            X[i] += s * (ox + 1) * wi; X[j] -= s * (ox + 1) * wj;
          } else {
            const s = ciy < cjy || (ciy === cjy && i < j) ? -1 : 1;
            Y[i] += s * (oy + 1) * wi; Y[j] -= s * (oy + 1) * wj;
          }
        }
      }
      for (const [i, j] of held) {
        const dx = X[j] - X[i], dy = Y[j] - Y[i], d = Math.hypot(dx, dy) || 1e-6, want = R[i] + R[j] + linkGap;
        if (d >= want) continue;
        moved++;
        const push = want - d + 1, wi = M[j] / (M[i] + M[j]), wj = 1 - wi;
        X[i] -= dx / d * push * wi; Y[i] -= dy / d * push * wi; X[j] += dx / d * push * wj; Y[j] += dy / d * push * wj;
      }
      report = { rounds: round + 1, overlaps: moved };
      if (!moved) break;
    }
    boxes.forEach((b, i) => { b.x = X[i]; b.y = Y[i]; });
    return report;
  }

  function bounds(boxes) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const b of boxes) { x0 = Math.min(x0, b.x - b.half); x1 = Math.max(x1, b.x + b.half); y0 = Math.min(y0, b.y - b.top); y1 = Math.max(y1, b.y + b.below); }
    return { x0, x1, y0, y1 };
  }

  // The zoom at which every footprint fits a canvas of this size.
  function fitScale(boxes, width, height) {
    const { x0, x1, y0, y1 } = bounds(boxes);
    if (!Number.isFinite(x0)) return 1;
    return Math.min(width / Math.max(1, x1 - x0), height / Math.max(1, y1 - y0)) * 0.96;
  }

  function squeeze(boxes, factor) {
    if (!boxes.length) return;
    const cx = boxes.reduce((a, b) => a + b.x, 0) / boxes.length, cy = boxes.reduce((a, b) => a + b.y, 0) / boxes.length;
    for (const b of boxes) { b.x = cx + (b.x - cx) * factor; b.y = cy + (b.y - cy) * factor; }
  }

  // The picture turned so its long side lies along the canvas's, and stretched a little towards
  // the canvas's shape (``aspect``: width over height), so the fit view uses the room there is.
  function orient(boxes, aspect) {
    if (boxes.length < 3) return;
    const mx = boxes.reduce((a, p) => a + p.x, 0) / boxes.length, my = boxes.reduce((a, p) => a + p.y, 0) / boxes.length;
    let sxx = 0, syy = 0, sxy = 0;
    for (const p of boxes) { sxx += (p.x - mx) ** 2; syy += (p.y - my) ** 2; sxy += (p.x - mx) * (p.y - my); }
    const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy), c = Math.cos(-angle), s = Math.sin(-angle);
    for (const p of boxes) { const x = p.x - mx, y = p.y - my; p.x = x * c - y * s; p.y = x * s + y * c; }
    const w = Math.max(...boxes.map(p => p.x)) - Math.min(...boxes.map(p => p.x)) || 1;
    const h = Math.max(...boxes.map(p => p.y)) - Math.min(...boxes.map(p => p.y)) || 1;
    const stretch = Math.min(1.5, Math.max(1, aspect / (w / h)));
    for (const p of boxes) p.x *= stretch;
  }

  // Boxes joined by links, as lists of indices.
  function groupsOf(n, links) {
    const parent = Array.from({ length: n }, (_, i) => i);
    const root = i => { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
    for (const [a, b] of links) parent[root(a)] = root(b);
    const groups = new Map();
    for (let i = 0; i < n; i++) { const r = root(i); if (!groups.has(r)) groups.set(r, []); groups.get(r).push(i); }
    return [...groups.values()];
  }

  // Groups packed in rows, tallest first, about as wide as the canvas's shape: physics leaves
  // unlinked groups scattered far apart, which would make the fit view tiny.
  function pack(boxes, groups, aspect, margin = 24) {
    if (groups.length < 2) return;
    const shelves = groups.map(members => {
      const b = bounds(members.map(i => boxes[i]));
      return { members, x0: b.x0, y0: b.y0, w: b.x1 - b.x0 + margin, h: b.y1 - b.y0 + margin };
    });
    shelves.sort((a, b) => b.h - a.h || b.w - a.w);
    const area = shelves.reduce((a, s) => a + s.w * s.h, 0), width = Math.max(shelves[0].w, Math.sqrt(area * aspect) * 1.1);
    let x = 0, y = 0, rowHeight = 0;
    for (const s of shelves) {
      if (x > 0 && x + s.w > width) { x = 0; y += rowHeight; rowHeight = 0; }
      for (const i of s.members) { boxes[i].x += x - s.x0; boxes[i].y += y - s.y0; }
      x += s.w; rowHeight = Math.max(rowHeight, s.h);
    }
  }

  // A start for the physics: each group of linked actors as a radial tree from its best-linked
  // actor (``order``: most important first), rings as far out as an even density asks, groups in rows.
  function radial(order, adjacent, ring, slot) {
    const seen = new Set(), groups = [], placed = new Map();
    for (const root of order) {
      if (seen.has(root)) continue;
      seen.add(root);
      const children = new Map(), depth = new Map([[root, 0]]), queue = [root];
      for (let k = 0; k < queue.length; k++) {
        const id = queue[k], kids = [];
        for (const next of adjacent.get(id) || []) if (!seen.has(next)) { seen.add(next); depth.set(next, depth.get(id) + 1); kids.push(next); queue.push(next); }
        children.set(id, kids);
      }
      const leaves = new Map();
      for (let k = queue.length - 1; k >= 0; k--) { const id = queue[k]; leaves.set(id, Math.max(1, children.get(id).reduce((a, c) => a + leaves.get(c), 0))); }
      const perDepth = [];
      for (const id of queue) perDepth[depth.get(id)] = (perDepth[depth.get(id)] || 0) + 1;
      const radius = [0];
      let within = perDepth[0];
      for (let d = 1; d < perDepth.length; d++) { within += perDepth[d]; radius[d] = Math.max(radius[d - 1] + ring, slot * Math.sqrt(within / Math.PI) * 1.3); }
      const local = new Map([[root, { x: 0, y: 0 }]]);
      const wedge = (id, a0, a1) => {
        let a = a0;
        for (const c of children.get(id)) {
          const share = (a1 - a0) * leaves.get(c) / leaves.get(id), mid = a + share / 2, r = radius[depth.get(c)];
          local.set(c, { x: r * Math.cos(mid), y: r * Math.sin(mid) });
          wedge(c, a, a + share);
          a += share;
        }
      };
      wedge(root, 0, 2 * Math.PI);
      groups.push({ local, r: radius[radius.length - 1] + slot });
    }
    const total = groups.reduce((a, g) => a + (2 * g.r) ** 2, 0), width = Math.sqrt(total * 1.6);
    let x = 0, y = 0, rowHeight = 0;
    for (const g of groups) {
      if (x > 0 && x + 2 * g.r > width) { x = 0; y += rowHeight; rowHeight = 0; }
      for (const [id, p] of g.local) placed.set(id, { x: x + g.r + p.x, y: y + g.r + p.y });
      x += 2 * g.r;
      rowHeight = Math.max(rowHeight, 2 * g.r);
    }
    return placed;
  }

  // Boxes whose footprints overlap, as index pairs (all pairs: for checks, not for layout).
  function overlaps(boxes) {
    const found = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x - a.half < b.x + b.half && b.x - b.half < a.x + a.half && a.y - a.top < b.y + b.below && b.y - b.top < a.y + a.below) found.push([i, j]);
    }
    return found;
  }

  return { tidy, bounds, fitScale, squeeze, orient, groupsOf, pack, radial, overlaps };
})();
