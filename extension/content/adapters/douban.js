// 豆瓣 (douban.com): group replies and status composers are plain forms with textareas.
Hegai.adapters.register({
  id: "douban",
  hosts: ["douban.com"],
  // A group topic and its replies share one thread; a review or a status is a post.
  posts: {
    post: ".topic-doc, .review-content, .note, .new-status, .status-item",
    comment: "li.comment-item, .reply-doc",
    reply: ".reply-quote",
    thread: ".article, #content",
  },
  composers: ["textarea#last", 'textarea[name="rv_comment"]', 'textarea[name="comment"]', "#isay-cont"],
  sendButtons: ['input[type="submit"][name="submit_btn"]', 'span.bn-flat input[type="submit"]',
    "a.lnk-flat", ".btn-post"],
  sendTexts: ["加上去", "说一句"],
});
