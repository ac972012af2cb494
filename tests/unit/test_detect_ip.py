from hegai.detect import scan


def found(text):
    return [(f.type, f.text) for f in scan(text)]


def test_ipv4_with_port_and_ipv6():
    assert found("登录IP 172.16.0.0:8080") == [("IP_ADDRESS", "172.16.0.0:8080")]
    assert found("127.0.0.0:998") == [("IP_ADDRESS", "127.0.0.0:998")]
    assert found("服务器 2001:db8::1") == [("IP_ADDRESS", "2001:db8::1")]
    assert found("IP：2408:8207:24b0:5a60::1") == [("IP_ADDRESS", "2408:8207:24b0:5a60::1")]   # after a label
    assert found("IPv6:240e:3b1::1") == [("IP_ADDRESS", "240e:3b1::1")]
    assert found("时间 14:30:00") == []


def test_not_ips():
    assert found("版本 v1.2.3.4") == []
    assert found("1.2.3.4.5") == []
    assert found("256.1.1.1") == []


def test_mask():
    [f] = scan("IP 192.168.1.20")
    assert f.masked == "192.168.*.*"


def test_private_and_reserved_addresses_are_found_with_a_low_score():
    [public] = scan("他的IP是 8.8.8.8")
    [private] = scan("他的IP是 192.168.1.20")
    [documentation] = scan("服务器 2001:db8::1")
    assert public.score == 0.9 and "内网或保留地址" not in public.reasons
    assert private.score == 0.5 and private.reasons[-1] == "内网或保留地址"
    assert documentation.score <= 0.5 and documentation.reasons[-1] == "内网或保留地址"
