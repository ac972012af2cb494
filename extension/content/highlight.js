// Marks findings in place. A finding may span several text nodes (a number split by inline
// elements): each piece is wrapped in its own mark, all sharing one finding id.
// Offsets from the service are UTF-16 code units, the same units as JavaScript strings.
// A mark is an opaque host (content/opaque.js): the page sees an unnamed element around the text;
// the finding's type, id and hover text live in its closed shadow root, out of the page's reach.
(function () {
  const STYLES = {
    mark: [
      "background-color: rgba(250, 204, 21, 0.45)", "box-shadow: inset 0 -2px 0 #d97706",
      "border-radius: 2px", "color: inherit", "filter: none", "cursor: help",
    ],
    blur: [
      "background-color: rgba(107, 114, 128, 0.25)", "box-shadow: none", "border-radius: 2px",
      "color: inherit", "filter: blur(5px)", "cursor: help",
    ],
  };
  const cssText = (mode) => (STYLES[mode] || STYLES.mark).map((rule) => `${rule} !important`).join("; ");
  const HOST_CSS = ":host { display: inline !important; }";
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
      this.mode = mode || "mark";
      this.marks = new Map();   // host → the styled span inside its closed root
      this.nextFindingId = 1;
    }

    tooltip(finding) {
      const label = this.catalog.typeLabel(finding.type);
      const reasons = (finding.reasons || []).join(this.catalog.language === "en" ? ", " : "、");
      return reasons ? `${label} · ${reasons}` : label;
    }

    // Wrap every finding of one chunk; returns how many findings were marked.
    apply(record, findings) {
      const byNode = new Map();
      let marked = 0;
      for (const finding of nonOverlapping(findings)) {
        const pieces = piecesOf(finding, record.segments);
        if (!pieces) continue;
        const meta = { finding, id: String(this.nextFindingId++), title: this.tooltip(finding) };
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
      for (const { from, to, meta } of pieces) {
        if (to < node.data.length) this.markScanned(node.splitText(to));
        const middle = from > 0 ? node.splitText(from) : node;
        this.markScanned(middle);
        const mark = this.createMark(meta);
        middle.parentNode.insertBefore(mark, middle);
        mark.appendChild(middle);
      }
      // splitText shortened the original node: that edit is ours, not new text to scan.
      this.markScanned(node);
    }

    createMark({ finding, id, title }) {
      const { host, root } = Hegai.opaque.create("mark", HOST_CSS);
      const inner = document.createElement("span");
      inner.dataset.hegaiType = finding.type;
      inner.dataset.hegaiFinding = id;
      inner.title = title;
      inner.style.cssText = cssText(this.mode);
      inner.append(document.createElement("slot"));
      root.append(inner);
      this.marks.set(host, inner);
      live.add(host);
      return host;
    }

    setMode(mode) {
      this.mode = mode;
      const style = cssText(mode);
      for (const inner of this.marks.values()) inner.style.cssText = style;
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
