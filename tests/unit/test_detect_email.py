import pytest

from hegai.detect import scan


def found(text):
    return [(f.type, f.text) for f in scan(text)]


@pytest.mark.parametrize("text,value", [
    ("邮箱: dongrixinyu.89@163.com ，", "dongrixinyu.89@163.com"),
    ("我的邮箱是abc@qq.com", "abc@qq.com"),
    ("汉字@qq.com", "汉字@qq.com"),
    ("联系 abc at qq dot com 谢谢", "abc at qq dot com"),
    ("abc#qq.com", "abc#qq.com"),
    ("foo(at)gmail(dot)com", "foo(at)gmail(dot)com"),
    ("abc艾特163点com", "abc艾特163点com"),
    ("ａｂｃ＠ｑｑ．ｃｏｍ", "ａｂｃ＠ｑｑ．ｃｏｍ"),
    ("他的邮箱 zhang dot san at gmail dot com", "zhang dot san at gmail dot com"),   # dots in the name too
    ("zhang(dot)san(at)qq(dot)com", "zhang(dot)san(at)qq(dot)com"),
])
def test_email_found_whole_once(text, value):
    assert found(text) == [("EMAIL", value)]


@pytest.mark.parametrize("text", ["my email is info@presidio.", "C# at home dot net is fun", "hello-world here",
                                  "issue #12 at github"])
def test_not_email(text):
    assert found(text) == []


def test_email_with_digits_is_not_a_phone():
    assert found("13812345678@163.com") == [("EMAIL", "13812345678@163.com")]
