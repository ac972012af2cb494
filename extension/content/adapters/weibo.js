// 微博 (weibo.com, m.weibo.cn): the home composer and comment/repost boxes are textareas.
Hegai.adapters.register({
  id: "weibo",
  hosts: ["weibo.com", "weibo.cn"],
  composers: ['textarea[class*="Form_input"]', "textarea.W_input", 'textarea[node-type="textEl"]'],
  sendButtons: ['button[class*="Tool_btn"]', 'a[node-type="submit"]', 'a[action-type="post"]',
    'button[class*="Form_btn"]'],
  sendTexts: ["转发", "发送微博"],
});
