"""Assertions shared by the API tests."""


def assert_error(reply, status: int, code: str) -> dict:
    assert reply.status == status, (reply.status, reply.body[:300])
    assert reply.headers.get("content-type", "").startswith("application/json"), reply.headers
    body = reply.json()
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert b"Traceback" not in reply.body and b'File "' not in reply.body
    return body
