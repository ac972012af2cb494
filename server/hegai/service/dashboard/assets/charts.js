// SVG charts drawn by the page itself (no library, no CDN). Every mark carries data-key and
// data-value, so what is drawn can be checked against the numbers it came from.
(function () {
  const NS = "http://www.w3.org/2000/svg";
  const PALETTE = ["#b91c1c", "#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#4b5563"];

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function frame(container, name, width, height, label) {
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
      "aria-label": label, "data-chart": name });
    for (const old of container.querySelectorAll("svg")) sized.unobserve(old);
    container.replaceChildren(root);
    refits.set(root, []);
    sized.observe(root);
    return root;
  }

  // A label's drawn width changes with the chart's: drawn while hidden (no size yet), scaled down
  // in a narrow window, or redrawn by the page. Each chart's labels are fitted again whenever the
  // chart's box changes size, including the first time it gets one.
  const refits = new WeakMap();      // chart → its labels' refits
  const sized = new ResizeObserver((entries) => {
    for (const entry of entries) for (const refit of refits.get(entry.target) || []) refit();
  });

  function empty(container, name, text) {
    const root = frame(container, name, 400, 60, text);
    root.append(svg("text", { x: 200, y: 35, "text-anchor": "middle", class: "muted" }, text));
    return root;
  }

  // Horizontal bars: items = [{key, label, value}].
  function bars(container, name, items, opts) {
    if (!items.length) return empty(container, name, opts.emptyText);
    const rowH = 26, labelW = 150, width = 560, barW = width - labelW - 60;
    const max = Math.max(...items.map((i) => i.value), 1);
    const root = frame(container, name, width, items.length * rowH + 8, opts.title);
    items.forEach((item, n) => {
      const y = n * rowH + 4;
      const w = Math.max(2, Math.round((item.value / max) * barW));
      const g = svg("g", { "data-key": item.key, "data-value": item.value });
      const label = svg("text", { x: labelW - 8, y: y + 17, "text-anchor": "end", "data-label": item.label }, item.label);
      g.append(label);
      root.append(g);
      fit(label, labelW - 12);
      const rect = svg("rect", { x: labelW, y, width: w, height: rowH - 8, rx: 3,
        fill: opts.color || PALETTE[n % PALETTE.length], "data-key": item.key, "data-value": item.value });
      rect.append(svg("title", {}, `${item.label}: ${item.value}`));
      g.append(rect, svg("text", { x: labelW + w + 6, y: y + 17, class: "value" }, String(item.value)));
    });
    return root;
  }

  // A label longer than its room loses characters from its start ("…site.com.cn": the end of a
  // host name says whose site it is) instead of running off the chart; the full text is its title.
  function fit(text, room) {
    const full = text.textContent;
    const refit = () => shorten(text, room, full);
    refit();
    (refits.get(text.ownerSVGElement) || []).push(refit);
    // Measured before the page's CJK font has loaded, a label is narrower than it will be drawn:
    // measure again once the fonts are in.
    if (document.fonts && document.fonts.status !== "loaded") document.fonts.ready.then(refit);
  }

  function shorten(text, room, full) {
    if (!text.isConnected || !text.getComputedTextLength) return;
    const node = text.firstChild;
    node.textContent = full;
    if (!text.getBoundingClientRect().width) return;     // not drawn yet: fitted when it gets a size
    if (drawnWidth(text) <= room) return;
    if (!text.querySelector("title")) text.append(svg("title", {}, full));
    for (let cut = 1; cut < full.length && drawnWidth(text) > room; cut++) {
      node.textContent = `…${full.slice(cut)}`;
    }
  }

  // The width a label takes in the chart's own units. A chart scaled down on a narrow screen can
  // draw its text wider than the font's metrics say (measured at 420 px in Chinese: a minimum
  // font size keeps small text from shrinking with the chart), so the drawn box counts too.
  function drawnWidth(text) {
    const chart = text.ownerSVGElement;
    const box = chart && chart.viewBox.baseVal;
    const scale = box && box.width ? chart.getBoundingClientRect().width / box.width : 0;
    const drawn = scale ? text.getBoundingClientRect().width / scale : 0;
    return Math.max(text.getComputedTextLength(), drawn);
  }

  function dayRange(days) {
    const sorted = [...new Set(days)].sort();
    if (!sorted.length) return [];
    const out = [];
    const end = new Date(`${sorted[sorted.length - 1]}T00:00:00Z`);
    for (let d = new Date(`${sorted[0]}T00:00:00Z`); d <= end && out.length < 400; d.setUTCDate(d.getUTCDate() + 1)) {
      out.push(d.toISOString().slice(0, 10));
    }
    return out;
  }

  // A time line: one column group per day, series = [{key, label, color, values: {day: n}}].
  function timeline(container, name, series, opts) {
    const days = dayRange(series.flatMap((s) => Object.keys(s.values)));
    if (!days.length) return empty(container, name, opts.emptyText);
    const width = 560, height = 220, left = 36, bottom = 40, top = 24;
    const plotW = width - left - 10, plotH = height - top - bottom;
    const max = Math.max(1, ...series.flatMap((s) => Object.values(s.values)));
    const root = frame(container, name, width, height, opts.title);
    root.append(svg("line", { x1: left, y1: top + plotH, x2: width - 10, y2: top + plotH, class: "axis" }));
    root.append(svg("text", { x: left - 6, y: top + 4, "text-anchor": "end", class: "muted" }, String(max)));
    root.append(svg("text", { x: left - 6, y: top + plotH, "text-anchor": "end", class: "muted" }, "0"));
    const slot = plotW / days.length;
    const barW = Math.max(2, Math.min(24, (slot - 4) / series.length));
    days.forEach((day, i) => {
      series.forEach((s, j) => {
        const value = s.values[day] || 0;
        const h = Math.round((value / max) * plotH);
        const rect = svg("rect", { x: left + i * slot + 2 + j * barW, y: top + plotH - h, width: barW - 1, height: h,
          fill: s.color, "data-series": s.key, "data-key": day, "data-value": value });
        rect.append(svg("title", {}, `${day} ${s.label}: ${value}`));
        root.append(rect);
      });
      const every = Math.ceil(days.length / 8);
      if (i % every === 0 || i === days.length - 1) {
        root.append(svg("text", { x: left + i * slot + slot / 2, y: top + plotH + 16, "text-anchor": "middle",
          class: "muted" }, day.slice(5)));
      }
    });
    let x = left;        // each legend entry after the one before, however long its label
    series.forEach((s) => {
      root.append(svg("rect", { x, y: 4, width: 12, height: 12, fill: s.color }));
      const label = svg("text", { x: x + 16, y: 15 }, s.label);
      root.append(label);
      x += 16 + (label.getComputedTextLength ? label.getComputedTextLength() : 150) + 16;
    });
    return root;
  }

  window.HegaiCharts = { bars, timeline, PALETTE };
})();
