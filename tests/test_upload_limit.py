"""One upload limit, enforced by the server before the app reads a byte (issue 13, item 3).

The app's rule (`uploads.MAX_UPLOAD_BYTES`) and the server's (`server.maxUploadSize` in
.streamlit/config.toml) are one number. The protocol test speaks to a running `streamlit run`
the way a hostile client would: a viewer whose upload box is disabled can still PUT to the
upload endpoint, so only the server's limit keeps a 190 MB body out of memory.
"""

from __future__ import annotations

import contextlib
import http.client
import inspect
import re
import select
import socket
import time
import tomllib
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit
from browser import StreamlitServer
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.web.server.starlette import starlette_routes
from websockets.sync.client import connect

from igemo_data.loading import ServiceDataError
from igemo_data.uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, check_upload_size

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def _configured_mb() -> int:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return int(config["server"]["maxUploadSize"])


def test_the_server_and_the_app_have_one_limit() -> None:
    assert _configured_mb() == MAX_UPLOAD_MB
    # Streamlit's upload handler turns maxUploadSize into bytes as MB × 1024 × 1024; an
    # upgrade that changes the unit fails here instead of silently moving the limit.
    handler = inspect.getsource(starlette_routes)
    assert re.search(r'"server\.maxUploadSize"\)\s*\*\s*1024\s*\*\s*1024', handler)
    # The server's wall lies at or above the app's rule, so between them the app refuses in
    # Dutch; it is never below it (a file the words allow would get a bare 413).
    assert _configured_mb() * 1024 * 1024 >= MAX_UPLOAD_BYTES


def test_the_app_refuses_what_the_browser_refuses() -> None:
    # Streamlit's upload box counts the widget's max_upload_size in MB of 1000 × 1000 bytes
    # (1024 only on Windows) and refuses a larger file itself. "5 MB" in our words is the same
    # 5,000,000 bytes, so a file is allowed or refused alike wherever it is checked.
    bundle = _upload_box_code()
    assert re.search(r"\?1024:1e3", bundle), "the upload box counts MB another way now"
    assert MAX_UPLOAD_BYTES == MAX_UPLOAD_MB * 1000 * 1000 == 5_000_000
    check_upload_size(5_000_000, "precies.csv")
    with pytest.raises(ServiceDataError) as refused:
        check_upload_size(5_000_001, "groot.csv")
    assert "hoogstens 5 MB" in str(refused.value)


def _upload_box_code() -> str:
    """The upload box's byte-size code in Streamlit's shipped frontend bundle."""
    static = Path(streamlit.__file__).parent / "static" / "static" / "js"
    for path in sorted(static.glob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "or smaller." in text and "1e3" in text:
            return text
    raise AssertionError("Streamlit's upload box code was not found")


# --- The protocol: a session, then PUTs to its upload endpoint -----------------------------------


def _xsrf_cookie(url: str) -> str:
    """The XSRF cookie the health check sets; a browser sends it back as a header on every PUT."""
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == "_streamlit_xsrf":
                return rest.split(";", 1)[0]
    raise AssertionError("the server set no _streamlit_xsrf cookie")


@contextlib.contextmanager
def _session(port: int, xsrf: str) -> Iterator[str]:
    """A websocket session opened as the browser opens one; yields its id while it is open."""
    with connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit", xsrf],  # type: ignore[list-item]
        additional_headers={"Cookie": f"_streamlit_xsrf={xsrf}"},
        max_size=None,
        open_timeout=20,
    ) as websocket:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        websocket.send(rerun.SerializeToString())
        session = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            message = ForwardMsg()
            message.ParseFromString(websocket.recv(timeout=90))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                session = message.new_session.initialize.session_id
            elif kind == "script_finished" and session:
                break  # the page has run: what the server holds now is its resting memory
        else:
            raise AssertionError("the page did not finish within 90 s")
        yield session


def _multipart(size: int, boundary: str) -> tuple[bytes, bytes]:
    """The head and tail around a file of `size` bytes, as a browser's FormData sends it."""
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="groot.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    return head, f"\r\n--{boundary}--\r\n".encode()


def _put_small(port: int, session: str, xsrf: str) -> int:
    boundary = uuid.uuid4().hex
    head, tail = _multipart(1000, boundary)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "PUT",
        f"/_stcore/upload_file/{session}/{uuid.uuid4().hex}",
        body=head + b"x" * 1000 + tail,
        headers=_headers(xsrf, boundary),
    )
    status = connection.getresponse().status
    connection.close()
    return status


def _headers(xsrf: str, boundary: str) -> dict[str, str]:
    return {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": f"_streamlit_xsrf={xsrf}",
        "X-Xsrftoken": xsrf,
    }


def _chunks(size: int, boundary: str) -> Iterator[bytes]:
    head, tail = _multipart(size, boundary)
    yield head
    block = b"x" * MB
    for _ in range(size // MB):
        yield block
    yield tail


def _put_streamed(port: int, session: str, xsrf: str, size: int, *, honest: bool) -> int:
    """PUT a `size`-byte file; `honest` sends Content-Length, otherwise chunked (no length).

    Sent on a raw socket: the server may answer and close before the body is through, and the
    answer is what counts. Returns the HTTP status.
    """
    boundary = uuid.uuid4().hex
    head, tail = _multipart(size, boundary)
    lines = [f"PUT /_stcore/upload_file/{session}/{uuid.uuid4().hex} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in _headers(xsrf, boundary).items()]
    if honest:
        lines.append(f"Content-Length: {len(head) + size + len(tail)}")
    else:
        lines.append("Transfer-Encoding: chunked")
    with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
        raw.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        try:
            for chunk in _chunks(size, boundary):
                if select.select([raw], [], [], 0)[0]:
                    break  # the server has answered: stop sending
                raw.sendall(chunk if honest else b"%x\r\n%s\r\n" % (len(chunk), chunk))
            else:
                if not honest:
                    raw.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed the connection on us: read its answer
        answer = raw.recv(4096).decode("latin-1")
    match = re.match(r"HTTP/1\.[01] (\d{3})", answer)
    assert match, f"no HTTP answer: {answer[:200]!r}"
    return int(match.group(1))


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def server() -> Iterator[StreamlitServer]:
    with StreamlitServer("app.py") as running:
        yield running


def test_the_server_refuses_an_upload_over_the_limit_without_holding_it(
    server: StreamlitServer,
) -> None:
    xsrf = _xsrf_cookie(server.url)
    pid = server._process.pid  # type: ignore[union-attr]
    with _session(server.port, xsrf) as session:
        # A small file goes through (so a refusal below is the size, not the session).
        assert _put_small(server.port, session, xsrf) == 204
        before = _rss_mb(pid)
        # Just over the limit, with an honest length: refused before the body is read.
        assert _put_streamed(server.port, session, xsrf, MAX_UPLOAD_BYTES + MB, honest=True) == 413
        # 60 MB without a length, three times: refused while streaming, nothing kept.
        for _ in range(3):
            assert _put_streamed(server.port, session, xsrf, 60 * MB, honest=False) == 413
        time.sleep(0.5)
        grown = _rss_mb(pid) - before
    assert grown < 8, f"the server's memory grew by {grown:.0f} MB"
