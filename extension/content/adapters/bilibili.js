// 哔哩哔哩 (bilibili.com): comments are web components; the editor sits inside nested open
// shadow roots (bili-comments > bili-comment-box > bili-comment-rich-textarea). Enter sends.
Hegai.adapters.register({
  id: "bilibili",
  hosts: ["bilibili.com"],
  // The video's description; each root comment with its replies is one thread (web components
  // in open shadow roots, or the older .reply-item markup).
  posts: {
    post: ".video-info-container, .video-desc-container, .bili-dyn-item, .opus-module-content",
    comment: "bili-comment-renderer, .root-reply-container",
    reply: "bili-comment-reply-renderer, .sub-reply-item",
    thread: "bili-comment-thread-renderer, .reply-item",
  },
  composers: [".brt-editor", 'bili-comment-rich-textarea [contenteditable]', "textarea.reply-box-textarea"],
  sendButtons: ["#pub button", "button.send-btn", ".reply-box-send"],
  enterSends: true,
});
