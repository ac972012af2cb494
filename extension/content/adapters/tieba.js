// 百度贴吧 (tieba.baidu.com): the reply box is a UEditor contenteditable; the button reads "发 表".
Hegai.adapters.register({
  id: "tieba",
  hosts: ["tieba.baidu.com"],
  // Every floor (楼) and every 楼中楼 reply of a thread share one thread: its title and floor list.
  posts: {
    post: ".core_title_wrap_bright, .core_title, .l_post, .j_l_post",
    reply: ".lzl_single_post, .j_lzl_s_p, .lzl_content_main",
    thread: ".left_section, .pb_content, #j_p_postlist, .p_postlist",
  },
  composers: ["#ueditor_replace", ".edui-body-container", ".lzl_simple_editor"],
  sendButtons: ["a.j_submit", ".poster_submit", ".lzl_panel_submit"],
  sendTexts: ["发表回复"],
});
