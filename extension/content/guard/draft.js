// Reading a composer's draft as plain text, and changing it through the editor's own input path
// (so ProseMirror, Lexical, Draft.js and Quill update their models, and React sees textareas change).
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardDraft) return;

  const BLOCK_TAGS = new Set(["P", "DIV", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6",
    "BLOCKQUOTE", "PRE", "TR", "TABLE", "SECTION", "ARTICLE"]);

  function isTextField(el) {
    return el.tagName === "TEXTAREA" || el.tagName === "INPUT";
  }

  // Walk a contenteditable: text nodes give text; blocks and non-trailing <br> give "\n".
  // Returns the text and the text-node segments that let an offset be mapped back to the DOM.
  function mapContentEditable(root) {
    let text = "";
    const segments = [];
    const newline = () => { if (text && !text.endsWith("\n")) text += "\n"; };
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          segments.push({ node: child, start: text.length, end: text.length + child.data.length });
          text += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.getAttribute("contenteditable") === "false" || Hegai.opaque.isOwn(child)) continue;
          if (child.tagName === "BR") {
            if (child.nextSibling) text += "\n";
            continue;
          }
          const block = BLOCK_TAGS.has(child.tagName);
          if (block) newline();
          walk(child);
          if (block) newline();
        }
      }
    };
    walk(root);
    return { text: text.replace(/\n+$/, ""), segments };
  }

  function read(composer) {
    if (!composer) return "";
    return isTextField(composer) ? composer.value : mapContentEditable(composer).text;
  }

  function domPosition(segments, offset, preferNext) {
    let chosen = null;
    for (const seg of segments) {
      if (offset >= seg.start && offset <= seg.end) {
        chosen = seg;
        if (!(preferNext && offset === seg.end)) break;
      }
    }
    return chosen ? { node: chosen.node, offset: offset - chosen.start } : null;
  }

  function selectionFor(node) {
    const root = node.getRootNode();
    return (root.getSelection && root.getSelection()) || node.ownerDocument.getSelection();
  }

  function selectRange(composer, start, end) {
    const { segments } = mapContentEditable(composer);
    const from = domPosition(segments, start, true);
    const to = domPosition(segments, end, false);
    if (!from || !to) return false;
    const selection = selectionFor(composer);
    selection.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
    return true;
  }

  const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 30));

  // Replace each edit's range, last first, as if the user selected it and typed the new text.
  async function typeOver(composer, edits) {
    composer.focus();
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
      if (!selectRange(composer, edit.start, edit.end)) return false;
      if (!composer.ownerDocument.execCommand("insertText", false, edit.text)) return false;
      await nextFrame();
    }
    return true;
  }

  // Fallback for editors that ignore insertText: select everything and paste the new text.
  async function pasteOver(composer, text) {
    composer.focus();
    const selection = selectionFor(composer);
    selection.selectAllChildren(composer);
    const data = new DataTransfer();
    data.setData("text/plain", text);
    composer.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    await nextFrame();
  }

  function setFieldValue(field, text) {
    const proto = field.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(field, text);
    field.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, inputType: "insertReplacementText" }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // Edits in text order, dropping any that overlaps an earlier one (as the service's masked_text does).
  function nonOverlapping(edits) {
    const kept = [];
    for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
      if (!kept.length || edit.start >= kept[kept.length - 1].end) kept.push(edit);
    }
    return kept;
  }

  function applyEdits(text, edits) {
    let out = text;
    for (const edit of nonOverlapping(edits).reverse()) {
      out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    }
    return out;
  }

  // Rewrite the draft with the edits applied; resolves true when the editor shows exactly that.
  async function rewrite(composer, rawEdits) {
    const edits = nonOverlapping(rawEdits);
    const expected = applyEdits(read(composer), edits);
    if (isTextField(composer)) {
      setFieldValue(composer, expected);
      return read(composer) === expected;
    }
    if ((await typeOver(composer, edits)) && read(composer) === expected) return true;
    await pasteOver(composer, expected);
    return read(composer) === expected;
  }

  Hegai.guardDraft = { read, rewrite, applyEdits, mapContentEditable };
})();
