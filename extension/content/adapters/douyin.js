// 抖音 (douyin.com web): the comment input is a Draft.js editor; Enter sends.
Hegai.adapters.register({
  id: "douyin",
  hosts: ["douyin.com"],
  composers: [".comment-input-inner-container .public-DraftEditor-content", ".public-DraftEditor-content"],
  sendButtons: ['[class*="commentInput-right"] span[class*="send"]', '[data-e2e="comment-send"]'],
  enterSends: true,
});
