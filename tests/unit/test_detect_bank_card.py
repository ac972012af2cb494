from hegai.detect import scan


def found(text):
    return [(f.type, f.text) for f in scan(text)]


def test_grouped_and_plain_cards():
    assert found("卡号 6222 0260 0670 5354 000") == [("BANK_CARD", "6222 0260 0670 5354 000")]
    assert found("6222026006705354000") == [("BANK_CARD", "6222026006705354000")]
    assert found("信用卡 4012-8888-8888-1881") == [("BANK_CARD", "4012-8888-8888-1881")]


def test_luhn_failure_and_wrong_lengths():
    assert found("卡号 4012-8888-8888-1882") == []
    assert found("卡号 6234567890") == []


def test_order_numbers_are_not_cards():
    assert found("订单号6222026006705354000") == []


def test_mask_and_reasons():
    [f] = scan("银行卡：6222026006705354000")
    assert f.masked == "6222***********4000"
    assert "Luhn校验通过" in f.reasons
