import Quill from "quill/core";
import { installSubmit, isSendKey } from "./common.js";

const quill = new Quill("#editor", { placeholder: "说点什么…" });
// Quill always keeps a trailing "\n" in its model; the page posts the text without it.
const readText = () => quill.getText().replace(/\n$/, "");
const submit = installSubmit(readText);
// Quill's own Enter binding would split the line first, so the page listens in the capture phase.
quill.root.addEventListener("keydown", (event) => {
  if (!isSendKey(event)) return;
  event.preventDefault();
  event.stopPropagation();
  submit(event.ctrlKey || event.metaKey ? "Mod-Enter" : "Enter");
}, true);
window.__editorKind = "quill";
