// 快手 (kuaishou.com web): the comment box is an input or contenteditable; Enter sends.
Hegai.adapters.register({
  id: "kuaishou",
  hosts: ["kuaishou.com"],
  // The video's caption is a post; each comment with its replies is one thread.
  posts: {
    post: ".video-info-title, .video-info-content, .short-video-info",
    comment: ".comment-item",
    reply: ".sub-comment-item, .comment-sub-item",
  },
  composers: [".comment-input", 'input[class*="comment"]', '[class*="comment-input"] [contenteditable]'],
  sendButtons: [".comment-submit", 'button[class*="send"]', '[class*="comment-send"]'],
  enterSends: true,
});
