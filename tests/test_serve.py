"""The preview: the same build, the base path, errors in the browser, nothing outside site/."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, free_port, make_project
from sitegen.config import Config
from sitegen.preview.server import Preview


def _get(app: Preview, path: str) -> tuple[str, bytes]:
    seen = {}
    body = b"".join(app({"PATH_INFO": path}, lambda status, headers: seen.update(status=status)))
    return seen["status"], body


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Preview:
    """One preview for the module; a test that breaks the build puts the data back before it ends."""
    project = make_project(tmp_path_factory.mktemp("preview"))
    (project / "secret.txt").write_text("not for readers")
    app = Preview(Config.at(project, base_url="/repo/"))
    assert app.rebuild()
    return app


def test_serves_under_the_base_path(preview: Preview) -> None:
    assert _get(preview, "/")[0] == "302 Found"
    status, body = _get(preview, "/repo/en/indicators/online-dossier-rate/")
    assert status == "200 OK" and b'href="/repo/en/' in body
    assert b"Content-Security-Policy" not in body  # the preview's reload script is inline


@pytest.mark.parametrize("path", ["/repo/../secret.txt", "/repo/%2e%2e/secret.txt", "/repo/..%2fsecret.txt",
                                  "/secret.txt", "/repo//etc/passwd", "/repo/\x00", "/etc/passwd"])
def test_serves_nothing_outside_site(preview: Preview, path: str) -> None:
    from urllib.parse import unquote

    status, body = _get(preview, unquote(path))
    assert status == "404 Not Found" and b"not for readers" not in body and b"root:" not in body


def test_a_failed_build_shows_its_problems_then_recovers(preview: Preview) -> None:
    data = preview.config.root / "data" / "observations" / "alpha.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("  value: 72.3\n", '  value: "72,3%"\n'), encoding="utf-8")
    assert not preview.rebuild()
    status, body = _get(preview, "/repo/")
    assert status.startswith("500") and b"data/observations/alpha.yaml:3:10: &#x27;value&#x27; must be a number" in body
    assert _get(preview, "/repo/assets/style.css")[0] == "200 OK"  # the last good site is still there
    data.write_text(good, encoding="utf-8")
    assert preview.rebuild()
    assert _get(preview, "/repo/")[0] == "200 OK"


def test_the_error_page_speaks_the_messages_language_in_the_words_of_check(preview: Preview, capsys) -> None:
    import html

    from sitegen import cli, messages
    data = preview.config.root / "data" / "observations" / "alpha.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("  value: 72.3\n", '  value: "72.3%"\n'), encoding="utf-8")
    before = messages.language()
    try:
        messages.use("vi")
        assert not preview.rebuild()
        page = _get(preview, "/repo/")[1].decode("utf-8")
        capsys.readouterr()
        assert cli.main(["check", "--lang", "vi"], preview.config.root) == 1
        checked = capsys.readouterr().err.splitlines()[:-1]
    finally:
        messages.use(before)
        data.write_text(good, encoding="utf-8")
        assert preview.rebuild()
    assert '<html lang="vi">' in page and "<h1>Dựng trang không thành công</h1>" in page
    assert checked == ['data/observations/alpha.yaml:3:10: \'value\' phải là một số, nhưng đang là chữ "72.3%" — '
                       'hãy viết 72.3']
    assert all(html.escape(line) in page for line in checked)


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(request)
        chunks = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


@pytest.mark.slow
def test_the_server_binds_to_loopback_and_survives_malformed_requests(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "build.py").write_bytes((ROOT / "build.py").read_bytes())
    port = free_port()
    server = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)], cwd=project,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        for junk in (b"GARBAGE\r\n\r\n", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", b"\x00\xff\r\n\r\n",
                     b"GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"):
            assert b"root:" not in _raw(port, junk)
        reply = _raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 200") and b"<html" in reply
        if shutil.which("ss"):
            listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
            assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        server.terminate()
        server.wait(timeout=10)
