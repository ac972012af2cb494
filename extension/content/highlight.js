// Marks findings in place. A finding may span several text nodes (a number split by inline
// elements): each piece is wrapped in its own mark, all sharing one finding id.
// Offsets from the service are UTF-16 code units, the same units as JavaScript strings.
// A mark is an opaque host (content/opaque.js): the page sees an unnamed element around the text;
// the finding's type, id and why it is marked live in its closed shadow root, out of the page's
// reach. Why it is marked is a popover (content/popover.js) that hover, Tab and a tap all open.
(function () {
  // The look of a mark, by mode; a class in the root's own sheet (not inline style), so the
  // evidence capture's sheet can take it off (content/opaque.js).
  const CSS = `
    :host { display: inline !important; }
    .look { border-radius: 2px; color: inherit; cursor: help; }
    .look:focus { outline: none; }
    .look:focus-visible { outline: 2px solid #2563eb !important; outline-offset: 1px; }
    .mark { background-color: rgba(250, 204, 21, 0.45) !important; box-shadow: inset 0 -2px 0 #d97706 !important;
      filter: none !important; }
    .blur { background-color: rgba(107, 114, 128, 0.25) !important; box-shadow: none !important;
      filter: blur(5px) !important; }
    ${Hegai.Popover.CSS}
  `;
  // While the tab is captured as evidence: the page's own text, as if Hegai were not there.
  const CAPTURE_CSS = `
    :host { display: inline !important; }
    .look { background: none !important; box-shadow: none !important; filter: none !important;
      outline: none !important; }
    .tip { display: none !important; }
  `;
  const MODES = ["mark", "blur"];
  const live = new Set();   // every mark of every highlighter on this page (content/report.js reads it)

  // Keep the first of overlapping findings (the service already resolves overlaps; be safe).
  function nonOverlapping(findings) {
    const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
    const kept = [];
    for (const f of sorted) if (!kept.length || f.start >= kept[kept.length - 1].end) kept.push(f);
    return kept;
  }

  // The pieces of [start, end) per segment, or null if the DOM changed since we read it.
  function piecesOf(finding, segments) {
    const pieces = [];
    for (const seg of segments) {
      const segEnd = seg.start + seg.data.length;
      if (segEnd <= finding.start || seg.start >= finding.end) continue;
      if (!seg.node.isConnected || seg.node.data !== seg.data) return null;
      pieces.push({
        seg,
        from: Math.max(finding.start - seg.start, 0),
        to: Math.min(finding.end - seg.start, seg.data.length),
      });
    }
    return pieces.length ? pieces : null;
  }

  class Highlighter {
    constructor({ catalog, markScanned, mode }) {
      this.catalog = catalog;
      this.markScanned = markScanned;
      this.mode = MODES.includes(mode) ? mode : "mark";
      this.marks = new Map();   // host → the styled span inside its closed root
      this.nextFindingId = 1;
    }

    // What the popover says: the type and the service's reasons; for the user's own saved info
    // (a vault match, content/page-scanner.js), that it is theirs.
    tooltip(finding) {
      const t = (key, subs) => this.catalog.t(key, subs);
      const label = this.catalog.typeLabel(finding.type);
      if (finding.own) {
        const named = this.catalog.language === "en" ? `${label} (${finding.own.label})` : `${label}（${finding.own.label}）`;
        const kind = t("mark_own", [finding.own.label ? named : label]);
        return { kind, detail: t("mark_own_detail"), own: true };
      }
      const reasons = (finding.reasons || []).join(this.catalog.language === "en" ? ", " : "、");
      return { kind: label, detail: reasons, own: false };
    }

    // Wrap every finding of one chunk; returns how many findings were marked.
    apply(record, findings) {
      const byNode = new Map();
      let marked = 0;
      for (const finding of nonOverlapping(findings)) {
        const pieces = piecesOf(finding, record.segments);
        if (!pieces) continue;
        const meta = { finding, id: String(this.nextFindingId++), text: this.tooltip(finding) };
        pieces.forEach((piece, i) => { piece.first = i === 0; });
        for (const piece of pieces) {
          if (!byNode.has(piece.seg.node)) byNode.set(piece.seg.node, []);
          byNode.get(piece.seg.node).push({ ...piece, meta });
        }
        marked += 1;
      }
      for (const [node, pieces] of byNode) this.wrapPieces(node, pieces);
      return marked;
    }

    // Right to left, so the offsets of the remaining pieces stay valid on the original node.
    wrapPieces(node, pieces) {
      pieces.sort((a, b) => b.from - a.from);
      for (const { from, to, meta, first } of pieces) {
        if (to < node.data.length) this.markScanned(node.splitText(to));
        const middle = from > 0 ? node.splitText(from) : node;
        this.markScanned(middle);
        const mark = this.createMark(meta, first);
        middle.parentNode.insertBefore(mark, middle);
        mark.appendChild(middle);
      }
      // splitText shortened the original node: that edit is ours, not new text to scan.
      this.markScanned(node);
    }

    // One piece of a finding. Only a finding's first piece is a Tab stop; every piece opens the
    // popover on hover or a tap.
    createMark({ finding, id, text }, first) {
      const { host, root } = Hegai.opaque.create("mark", CSS, CAPTURE_CSS);
      const inner = document.createElement("span");
      inner.dataset.hegaiType = finding.type;
      inner.dataset.hegaiFinding = id;
      inner.className = `look ${this.mode}`;
      inner.setAttribute("role", "mark");
      inner.tabIndex = first ? 0 : -1;
      inner.append(document.createElement("slot"));
      root.append(inner);
      new Hegai.Popover(root, host, inner, text);
      this.marks.set(host, inner);
      live.add(host);
      return host;
    }

    setMode(mode) {
      this.mode = MODES.includes(mode) ? mode : "mark";
      for (const inner of this.marks.values()) inner.className = `look ${this.mode}`;
    }

    removeAll() {
      for (const mark of this.marks.keys()) {
        live.delete(mark);
        const parent = mark.parentNode;
        if (!parent) continue;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        mark.remove();
      }
      this.marks.clear();
    }

    count() {
      return new Set([...this.marks.values()].map((inner) => inner.dataset.hegaiFinding)).size;
    }

    // The marks now in the page (for finding the post a report is about).
    static connectedMarks() {
      return [...live].filter((mark) => mark.isConnected);
    }
  }

  Hegai.Highlighter = Highlighter;
})();
