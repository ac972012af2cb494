// Where a picture's pixels are on the page (issue 21), so blur boxes land on the values and not
// where a stretched picture would have them. Two kinds of element show a picture:
// - an <img> (also inside <picture>, or chosen from srcset): CSS object-fit and object-position
//   size and place the picture inside the content box, which clips it (cover crops, contain and
//   scale-down letterbox, none shows it at its natural size);
// - any element with a CSS background-image: background-size, -position, -origin, -repeat and
//   -clip do the same for its first url() layer (the one drawn on top).
// Each function returns {clip: {left, top, w, h} in viewport px, tiles: [{x, y, w, h}] relative to
// the clip}: the picture is drawn once per tile, and nothing outside the clip shows.
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.imageGeometry) return;

  const MAX_TILES = 64;   // a repeated background: boxes on this many copies at most

  // Splits a computed list ("a, b") or value ("calc(1% + 2px) 0%") at top-level separators.
  function split(value, separator) {
    const out = [];
    let depth = 0, quote = "", current = "";
    for (const ch of String(value || "")) {
      if (quote) { if (ch === quote) quote = ""; current += ch; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "(") depth += 1;
      else if (ch === ")") depth -= 1;
      if (depth === 0 && (separator === " " ? /\s/.test(ch) : ch === separator)) {
        if (current.trim()) out.push(current.trim());
        current = "";
        continue;
      }
      current += ch;
    }
    if (current.trim()) out.push(current.trim());
    return out;
  }

  // A computed position component ("30%", "12px", "calc(100% - 10px)") → px, given the free space
  // (box minus picture, negative when the picture overflows).
  function offset(token, free) {
    let px = 0;
    const terms = /([+-]?)\s*(-?[\d.]+(?:e[+-]?\d+)?)(%|px)/gi;
    for (const m of String(token || "0%").matchAll(terms)) {
      const n = parseFloat(m[2]) * (m[1] === "-" ? -1 : 1);
      px += m[3] === "%" ? (free * n) / 100 : n;
    }
    return px;
  }

  // A size component ("auto", "40%", "120px") → px or null (auto), against `space`.
  function length(token, space) {
    if (!token || token === "auto") return null;
    return offset(token, space);
  }

  // object-fit: the concrete size of a picture of intrinsic size iw × ih in a W × H box.
  function fitted(fit, iw, ih, W, H) {
    if (!(iw > 0 && ih > 0)) return { w: W, h: H };
    const scaled = (s) => ({ w: iw * s, h: ih * s });
    switch (fit) {
      case "contain": return scaled(Math.min(W / iw, H / ih));
      case "cover": return scaled(Math.max(W / iw, H / ih));
      case "none": return { w: iw, h: ih };
      case "scale-down": return iw <= W && ih <= H ? { w: iw, h: ih } : scaled(Math.min(W / iw, H / ih));
      default: return { w: W, h: H };   // fill
    }
  }

  function edges(style, prefix, suffix) {
    const px = (side) => parseFloat(style[`${prefix}${side}${suffix}`]) || 0;
    return { left: px("Left"), top: px("Top"), right: px("Right"), bottom: px("Bottom") };
  }

  function inset(rect, e) {
    return { left: rect.left + e.left, top: rect.top + e.top,
      w: Math.max(0, rect.w - e.left - e.right), h: Math.max(0, rect.h - e.top - e.bottom) };
  }

  // The border, padding and content boxes of an element, in viewport px.
  function boxes(el, style) {
    const r = el.getBoundingClientRect();
    const border = { left: r.left, top: r.top, w: r.width, h: r.height };
    const padding = inset(border, edges(style, "border", "Width"));
    return { "border-box": border, "padding-box": padding, "content-box": inset(padding, edges(style, "padding", "")) };
  }

  // An <img>: intrinsic size in CSS px is naturalWidth/Height (srcset density already applied).
  function ofImage(img) {
    const style = getComputedStyle(img);
    const content = boxes(img, style)["content-box"];
    const size = fitted(style.objectFit, img.naturalWidth, img.naturalHeight, content.w, content.h);
    const [px = "50%", py = "50%"] = split(style.objectPosition, " ");
    return { clip: content, tiles: [{ x: offset(px, content.w - size.w), y: offset(py, content.h - size.h), w: size.w, h: size.h }] };
  }

  // The first url() layer of a computed background-image: {index, url} or null.
  function backgroundLayer(style) {
    const layers = split(style.backgroundImage, ",");
    for (let i = 0; i < layers.length; i += 1) {
      const m = /^url\(\s*(["']?)(.*)\1\s*\)$/s.exec(layers[i]);
      if (m && m[2]) return { index: i, url: m[2] };
    }
    return null;
  }

  function layerValue(list, index) {   // CSS repeats a shorter list to the number of images
    const items = split(list, ",");
    return items.length ? items[index % items.length] : "";
  }

  function backgroundSize(value, iw, ih, W, H) {
    if (value === "cover" || value === "contain") return fitted(value, iw, ih, W, H);
    const [a = "auto", b = "auto"] = split(value, " ");
    let w = length(a, W), h = length(b, H);
    if (w == null && h == null) return { w: iw, h: ih };
    if (w == null) w = (h * iw) / ih;
    if (h == null) h = (w * ih) / iw;
    return { w, h };
  }

  // Copies along one axis: from `start`, every `step` px where the layer repeats, across [0, span).
  function positions(start, step, span, repeats) {
    if (!repeats || !(step > 0)) return [start];
    const out = [];
    for (let at = start - Math.ceil(start / step) * step; at < span && out.length < MAX_TILES; at += step) out.push(at);
    return out;
  }

  // A background picture of iw × ih pixels (a plain url() has 1 CSS px per pixel).
  function ofBackground(el, index, iw, ih) {
    const style = getComputedStyle(el);
    const all = boxes(el, style);
    const origin = all[layerValue(style.backgroundOrigin, index)] || all["padding-box"];
    const clip = all[layerValue(style.backgroundClip, index)] || all["border-box"];
    const size = backgroundSize(layerValue(style.backgroundSize, index), iw, ih, origin.w, origin.h);
    const x = origin.left - clip.left + offset(layerValue(style.backgroundPositionX, index), origin.w - size.w);
    const y = origin.top - clip.top + offset(layerValue(style.backgroundPositionY, index), origin.h - size.h);
    const repeat = layerValue(style.backgroundRepeat, index);
    const [rx, ry = rx] = split(repeat === "repeat-x" ? "repeat no-repeat" : repeat === "repeat-y" ? "no-repeat repeat" : repeat, " ");
    const tiles = [];
    for (const ty of positions(y, size.h, clip.h, ry !== "no-repeat")) {
      for (const tx of positions(x, size.w, clip.w, rx !== "no-repeat")) {
        if (tiles.length < MAX_TILES) tiles.push({ x: tx, y: ty, w: size.w, h: size.h });
      }
    }
    return { clip, tiles };
  }

  Hegai.imageGeometry = { ofImage, ofBackground, backgroundLayer, fitted, offset, split };
})();
