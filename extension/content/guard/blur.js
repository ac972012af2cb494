// Blurs regions of a picture file on a canvas and returns a new File of the same kind (PNG stays
// PNG, so pixels outside the boxes are untouched). Regions are mosaicked then blurred, clipped to
// each box: nothing outside a box changes.
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardBlur) return;

  // The service's boxes already reach the glyph edges with a margin in proportion to the line
  // height (hegai.ocr.glyphs); one pixel more for the rounding of a scaled copy.
  const PAD = 1;
  const KEEP_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);

  function blurRegion(ctx, canvas, x, y, w, h) {
    const block = Math.max(6, Math.round(h / 3));
    const small = document.createElement("canvas");
    small.width = Math.max(1, Math.ceil(w / block));
    small.height = Math.max(1, Math.ceil(h / block));
    const sctx = small.getContext("2d");
    sctx.imageSmoothingQuality = "high";
    sctx.drawImage(canvas, x, y, w, h, 0, 0, small.width, small.height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, small.width, small.height, x, y, w, h);
    ctx.filter = `blur(${Math.max(2, Math.round(block / 3))}px)`;
    ctx.drawImage(canvas, x, y, w, h, x, y, w, h);
    ctx.restore();
  }

  function renamed(name, type) {
    const ext = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" }[type];
    return name.replace(/\.[A-Za-z0-9]+$/, "") + `.${ext}`;
  }

  // boxes: [[x0, y0, x1, y1]] in the pixels the service saw (width × height, EXIF-upright).
  async function blurFile(file, boxes, width, height) {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image", colorSpaceConversion: "none",
      premultiplyAlpha: "none" });
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const sx = canvas.width / (width || canvas.width);
    const sy = canvas.height / (height || canvas.height);
    for (const [x0, y0, x1, y1] of boxes) {
      const left = Math.max(0, Math.floor((x0 - PAD) * sx));
      const top = Math.max(0, Math.floor((y0 - PAD) * sy));
      const right = Math.min(canvas.width, Math.ceil((x1 + PAD) * sx));
      const bottom = Math.min(canvas.height, Math.ceil((y1 + PAD) * sy));
      if (right > left && bottom > top) blurRegion(ctx, canvas, left, top, right - left, bottom - top);
    }
    const type = KEEP_TYPES.has(file.type) ? file.type : "image/png";
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, type, 0.92));
    if (!blob) throw new Error("toBlob failed");
    return new File([blob], type === file.type ? file.name : renamed(file.name, type), { type, lastModified: Date.now() });
  }

  Hegai.guardBlur = { blurFile, PAD };
})();
