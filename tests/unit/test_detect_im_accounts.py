"""QQ and WECHAT: only with a cue, only the value the cue points at."""

from hegai.detect import scan


def found(text):
    return [(f.type, f.text) for f in scan(text)]


def test_qq_cues():
    assert found("加我QQ：903013545 谢谢") == [("QQ", "903013545")]
    assert found("扣扣 9020304") == [("QQ", "9020304")]
    assert found("企鹅号是 12345678，电话13812345678") == [("QQ", "12345678"), ("PHONE_MOBILE", "13812345678")]


def test_qq_needs_a_cue_and_only_the_pointed_value():
    assert found("903013545") == []
    assert found("QQ 12345678 另外还有 87654321") == [("QQ", "12345678")]
    assert found("QQ群123456789") == []
    assert found("QQ****5678") == []


def test_wechat_cues():
    assert found("vx: github666") == [("WECHAT", "github666")]
    assert found("微信号kd_-666") == [("WECHAT", "kd_-666")]
    assert found("加薇 abc123456") == [("WECHAT", "abc123456")]
    assert found("V信13812345678") == [("WECHAT", "13812345678")]


def test_a_wechat_cue_written_straight_onto_an_id():
    assert found("想找的私我vxkh_tutor66") == [("WECHAT", "kh_tutor66")]
    assert found("组队来个辅助，wxln_god777") == [("WECHAT", "ln_god777")]
    assert found("twx_abc123是什么") == []          # inside a longer Latin word


def test_a_wechat_that_is_the_phone_number_is_found_as_the_phone():
    # 微信同号: "my WeChat is this number" — the value is a mobile number, found once, as a phone
    assert found("想找单间，微信同号 15811223344") == [("PHONE_MOBILE", "15811223344")]
    assert found("vx同号：15811223344") == [("PHONE_MOBILE", "15811223344")]
    assert found("微信同号 abc_12345") == [("WECHAT", "abc_12345")]
    assert found("微信号 15811223344") == [("WECHAT", "15811223344")]


def test_not_wechat():
    assert found("微信支付 12345678") == []
    assert found("hello wxyz1234567") == []
    assert found("github666") == []
