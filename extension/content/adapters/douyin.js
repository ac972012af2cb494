// 抖音 (douyin.com web): the comment input is a Draft.js editor; Enter sends.
Hegai.adapters.register({
  id: "douyin",
  hosts: ["douyin.com"],
  // The video's caption is a post; each comment with its replies is one thread.
  posts: {
    post: '[data-e2e="video-desc"], [data-e2e="detail-video-info"]',
    comment: '[data-e2e="comment-item"]',
    reply: '[data-e2e="comment-item"] [data-e2e="comment-item"], [class*="replyContainer"] [class*="comment-item"]',
  },
  composers: [".comment-input-inner-container .public-DraftEditor-content", ".public-DraftEditor-content"],
  sendButtons: ['[class*="commentInput-right"] span[class*="send"]', '[data-e2e="comment-send"]'],
  enterSends: true,
});
