// 快手 (kuaishou.com web): the comment box is an input or contenteditable; Enter sends.
Hegai.adapters.register({
  id: "kuaishou",
  hosts: ["kuaishou.com"],
  composers: [".comment-input", 'input[class*="comment"]', '[class*="comment-input"] [contenteditable]'],
  sendButtons: [".comment-submit", 'button[class*="send"]', '[class*="comment-send"]'],
  enterSends: true,
});
