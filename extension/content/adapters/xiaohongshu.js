// 小红书 (xiaohongshu.com): the note comment box is a contenteditable paragraph; Enter sends.
Hegai.adapters.register({
  id: "xiaohongshu",
  hosts: ["xiaohongshu.com"],
  // A note (title, text) and its comments share one thread; a feed card is a post of its own.
  posts: {
    post: "#detail-title, #detail-desc, .note-content, .note-item",
    comment: ".parent-comment, .comment-item",
    reply: ".reply-container .comment-item, .comment-item-sub",
    thread: "#noteContainer, .note-container, .note-detail-mask",
  },
  composers: ["#content-textarea", ".content-input[contenteditable]"],
  sendButtons: ["button.btn.submit", ".bottom .submit"],
  enterSends: true,
});
