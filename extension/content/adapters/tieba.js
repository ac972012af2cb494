// 百度贴吧 (tieba.baidu.com): the reply box is a UEditor contenteditable; the button reads "发 表".
Hegai.adapters.register({
  id: "tieba",
  hosts: ["tieba.baidu.com"],
  composers: ["#ueditor_replace", ".edui-body-container", ".lzl_simple_editor"],
  sendButtons: ["a.j_submit", ".poster_submit", ".lzl_panel_submit"],
  sendTexts: ["发表回复"],
});
