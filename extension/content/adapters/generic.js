// Any site without its own adapter: composers are found by what they are (textarea, text input,
// contenteditable, role=textbox), send buttons by role and text; posts by generic blocks
// (content/posts.js: articles, list items, quotes, else the block holding the text). Its sendTexts are also the base
// list every other adapter extends.
Hegai.adapters.register({
  id: "generic",
  hosts: [],
  ignoreSelector: "",
  ignore: [
    'input[type="search"]', '[role="searchbox"]', '[role="combobox"]',
    'input[name*="search" i]', 'input[name="q"]', 'input[placeholder*="搜索"]', 'input[placeholder*="search" i]',
    'input[autocomplete="username"]', 'input[autocomplete="email"]',
  ],
  sendTexts: [
    "发布", "发送", "评论", "回复", "发表", "提交", "发帖", "发表评论", "发布评论", "发表回复",
    "发布回答", "发布动态", "发布笔记", "发布想法", "回复楼主",
    "post", "send", "reply", "comment", "submit", "publish", "tweet",
  ],
});
