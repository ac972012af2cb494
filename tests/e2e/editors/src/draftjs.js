import React, { useState, useRef } from "react";
import { createRoot } from "react-dom/client";
import { Editor, EditorState, getDefaultKeyBinding } from "draft-js";
import { installSubmit, isSendKey } from "./common.js";

let currentState = EditorState.createEmpty();
let lastVia = "Mod-Enter";
const readText = () => currentState.getCurrentContent().getPlainText("\n");
const submit = installSubmit(readText);

function Composer() {
  const [state, setState] = useState(currentState);
  const onChange = (next) => { currentState = next; setState(next); };
  const keyBindingFn = (event) => {
    if (!isSendKey(event)) return getDefaultKeyBinding(event);
    lastVia = event.ctrlKey || event.metaKey ? "Mod-Enter" : "Enter";
    return "hegai-fixture-submit";
  };
  const handleKeyCommand = (command) => {
    if (command !== "hegai-fixture-submit") return "not-handled";
    submit(lastVia);
    return "handled";
  };
  const handleReturn = (event) => {
    if (!isSendKey(event)) return "not-handled";
    submit(event.ctrlKey || event.metaKey ? "Mod-Enter" : "Enter");
    return "handled";
  };
  return React.createElement(Editor, {
    editorState: state, onChange, keyBindingFn, handleKeyCommand, handleReturn, placeholder: "说点什么…",
  });
}
createRoot(document.getElementById("editor")).render(React.createElement(Composer));
window.__editorKind = "draftjs";
