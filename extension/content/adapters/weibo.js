// 微博 (weibo.com, m.weibo.cn): the home composer and comment/repost boxes are textareas.
Hegai.adapters.register({
  id: "weibo",
  hosts: ["weibo.com", "weibo.cn"],
  // Each weibo in a feed is its own thread with the comments shown under it.
  posts: {
    post: "article, .card-wrap, .WB_cardwrap, .weibo-detail",
    comment: ".wbpro-list .item1, .list_li[comment_id], .comment-list .card",
    reply: ".wbpro-list .item2, .list_box_in .list_li",
  },
  composers: ['textarea[class*="Form_input"]', "textarea.W_input", 'textarea[node-type="textEl"]'],
  sendButtons: ['button[class*="Tool_btn"]', 'a[node-type="submit"]', 'a[action-type="post"]',
    'button[class*="Form_btn"]'],
  sendTexts: ["转发", "发送微博"],
});
