// Styles for the guard's shadow roots: reset everything the page might leak in.
(function () {
  const Hegai = globalThis.Hegai;
  if (Hegai.guardStyle) return;
  const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

  const MODAL = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483646; background: rgba(20, 20, 30, .45);
  display: flex; align-items: center; justify-content: center; font-family: ${FONT}; }
.dialog { background: #fff; color: #1f2328; max-width: 440px; width: calc(100% - 32px); border-radius: 10px;
  box-shadow: 0 12px 40px rgba(0,0,0,.3); padding: 20px 22px; font-size: 14px; line-height: 1.55; }
h2 { font-size: 16px; margin: 0 0 8px; color: #9a1c1c; }
p { margin: 0 0 10px; }
ul { list-style: none; margin: 0 0 14px; padding: 0; }
li { padding: 8px 10px; border-radius: 6px; background: #f6f7f9; margin-bottom: 6px; }
li.own { background: #fff1f0; border: 1px solid #f5a9a3; }
.own-badge { display: block; font-weight: 700; color: #b42318; }
.what { font-weight: 600; }
.masked { font-family: ui-monospace, monospace; margin-left: 6px; }
code { background: #f0f0f0; padding: 1px 4px; border-radius: 3px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid #c9ccd1; background: #fff;
  color: #1f2328; cursor: pointer; }
button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
button:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.error { color: #b42318; }
`;

  const HINT = `
:host { all: initial; }
.hint { position: fixed; z-index: 2147483645; max-width: 320px; padding: 3px 9px; border-radius: 12px;
  font: 12px/1.5 ${FONT}; background: #fff7e6; color: #8a4b00; border: 1px solid #f0b429;
  box-shadow: 0 2px 6px rgba(0,0,0,.12); pointer-events: none; }
.hint.own { background: #fff1f0; color: #b42318; border-color: #f5a9a3; }
.hint.offline { background: #f2f4f7; color: #475467; border-color: #c9ccd1; }
`;

  Hegai.guardStyle = { MODAL, HINT };
})();
