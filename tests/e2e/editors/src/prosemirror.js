import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { schema } from "prosemirror-schema-basic";
import { keymap } from "prosemirror-keymap";
import { baseKeymap } from "prosemirror-commands";
import { installSubmit, isSendKey } from "./common.js";

let view;
const readText = () => view.state.doc.textBetween(0, view.state.doc.content.size, "\n");
const submit = installSubmit(readText);
view = new EditorView(document.getElementById("editor"), {
  state: EditorState.create({ schema, plugins: [keymap(baseKeymap)] }),
  handleKeyDown: (_view, event) => {
    if (!isSendKey(event)) return false;
    submit(event.ctrlKey || event.metaKey ? "Mod-Enter" : "Enter");
    return true;
  },
});
window.__editorKind = "prosemirror";
