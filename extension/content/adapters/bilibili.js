// 哔哩哔哩 (bilibili.com): comments are web components; the editor sits inside nested open
// shadow roots (bili-comments > bili-comment-box > bili-comment-rich-textarea). Enter sends.
Hegai.adapters.register({
  id: "bilibili",
  hosts: ["bilibili.com"],
  composers: [".brt-editor", 'bili-comment-rich-textarea [contenteditable]', "textarea.reply-box-textarea"],
  sendButtons: ["#pub button", "button.send-btn", ".reply-box-send"],
  enterSends: true,
});
