// 小红书 (xiaohongshu.com): the note comment box is a contenteditable paragraph; Enter sends.
Hegai.adapters.register({
  id: "xiaohongshu",
  hosts: ["xiaohongshu.com"],
  composers: ["#content-textarea", ".content-input[contenteditable]"],
  sendButtons: ["button.btn.submit", ".bottom .submit"],
  enterSends: true,
});
