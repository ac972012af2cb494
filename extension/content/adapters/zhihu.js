// 知乎 (zhihu.com): answers and comments use Draft.js editors; Ctrl/Cmd+Enter publishes comments.
Hegai.adapters.register({
  id: "zhihu",
  hosts: ["zhihu.com"],
  composers: [".public-DraftEditor-content", ".CommentEditorV2-inputWrap [contenteditable]",
    'textarea[class*="Input"]'],
  sendButtons: ['button[class*="CommentEditorV2-singleButton"]', 'button[class*="PublishPanel-button"]',
    'button.Button--primary'],
  sendTexts: ["发布回答", "发布想法", "发布文章"],
});
