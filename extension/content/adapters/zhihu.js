// 知乎 (zhihu.com): answers and comments use Draft.js editors; Ctrl/Cmd+Enter publishes comments.
Hegai.adapters.register({
  id: "zhihu",
  hosts: ["zhihu.com"],
  // A question, an answer, an article or a pin; comments inside an answer share its thread, those
  // opened in the comment dialog share the dialog's.
  posts: {
    post: ".QuestionHeader, .ContentItem, .AnswerItem, .ArticleItem, .PinItem, .Post-RichTextContainer",
    comment: ".CommentItemV2, .NestComment--rootComment, .Comments-container [data-id]",
    reply: ".NestComment--child, .CommentItemV2--child",
    thread: ".Modal-content",
  },
  composers: [".public-DraftEditor-content", ".CommentEditorV2-inputWrap [contenteditable]",
    'textarea[class*="Input"]'],
  sendButtons: ['button[class*="CommentEditorV2-singleButton"]', 'button[class*="PublishPanel-button"]',
    'button.Button--primary'],
  sendTexts: ["发布回答", "发布想法", "发布文章"],
});
