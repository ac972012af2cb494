import { createEditor, $getRoot, KEY_ENTER_COMMAND, COMMAND_PRIORITY_HIGH } from "lexical";
import { registerPlainText } from "@lexical/plain-text";
import { installSubmit, isSendKey } from "./common.js";

const editor = createEditor({ namespace: "fixture", onError: (e) => { throw e; } });
editor.setRootElement(document.getElementById("editor"));
registerPlainText(editor);
let latest = "";
editor.registerUpdateListener(({ editorState }) => {
  latest = editorState.read(() => $getRoot().getTextContent());
});
const submit = installSubmit(() => latest);
editor.registerCommand(KEY_ENTER_COMMAND, (event) => {
  if (event && isSendKey(event)) {
    event.preventDefault();
    submit(event.ctrlKey || event.metaKey ? "Mod-Enter" : "Enter");
    return true;
  }
  return false;
}, COMMAND_PRIORITY_HIGH);
window.__editorKind = "lexical";
