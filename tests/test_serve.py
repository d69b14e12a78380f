"""The preview: the same build, the base path, the published policy, reloads, nothing outside site/."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CACHE, ROOT, free_port, make_project, with_build_script
from sitegen import cli
from sitegen.config import Config
from sitegen.preview import reloads
from sitegen.preview.saves import Saves
from sitegen.preview.server import WATCHED, Preview, listen

TAG = re.compile(rb'<script src="/__preview/reload\.js" data-epoch="(\d+)" defer></script>')
CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>')


def _get(app: Preview, path: str, query: str = "") -> tuple[str, bytes]:
    seen = {}
    body = b"".join(app({"PATH_INFO": path, "QUERY_STRING": query}, lambda status, headers: seen.update(status=status)))
    return seen["status"], body


def _in_thread(call, *args) -> tuple[threading.Thread, list]:
    """call(*args) started on a thread of its own; the list receives its answer."""
    answer: list = []
    thread = threading.Thread(target=lambda: answer.append(call(*args)), daemon=True)
    thread.start()
    return thread, answer


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Preview:
    """One preview for the module; a test that breaks the build puts the data back before it ends."""
    project = make_project(tmp_path_factory.mktemp("preview"))
    (project / "secret.txt").write_text("not for readers")
    app = Preview(Config.at(project, base_url="/repo/"))
    assert app.rebuild()
    app.index.wait()  # pagefind/ is swapped in on another thread: let the tests walk a still site/
    return app


def test_serves_under_the_base_path(preview: Preview) -> None:
    assert _get(preview, "/")[0] == "302 Found"
    status, body = _get(preview, "/repo/en/indicators/online-dossier-rate/")
    assert status == "200 OK" and b'href="/repo/en/' in body


def test_every_page_is_served_as_built_with_its_policy_and_one_script_tag_more(preview: Preview) -> None:
    out = preview.config.out
    preview.index.wait()
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        path = "/repo/" + page.relative_to(out).as_posix().removesuffix("index.html")
        status, body = _get(preview, path)
        built = page.read_bytes()
        assert status == "200 OK", path
        assert len(TAG.findall(body)) == 1 and TAG.sub(b"", body) == built, path  # the only difference
        assert CSP.findall(body) == CSP.findall(built) and len(CSP.findall(built)) == 1, path
    status, body = _get(preview, "/repo/no/such/page/")
    assert status == "404 Not Found" and TAG.sub(b"", body) == (out / "404.html").read_bytes()
    policy = CSP.search(body).group().decode()
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy  # what the reload script needs


def test_the_reload_script_is_served_from_the_package_and_nothing_else_under_its_prefix(preview: Preview) -> None:
    assert _get(preview, "/__preview/reload.js") == ("200 OK", reloads.SCRIPT.read_bytes())
    assert b"/__preview/epoch?since=" in reloads.SCRIPT.read_bytes()
    assert _get(preview, "/__preview/secret.txt")[0] == "404 Not Found"
    assert _get(preview, "/__preview/../secret.txt")[0] == "404 Not Found"
    assert _get(preview, "/__preview/epoch", "since=x")[0] == "400 Bad Request"
    assert not (preview.config.out / "__preview").exists()  # never published


def test_the_epoch_answers_once_the_next_build_has_finished(preview: Preview) -> None:
    epoch = preview.reloads.epoch
    assert _get(preview, "/__preview/epoch", f"since={epoch + 7}") == ("200 OK", str(epoch).encode())  # another run's
    waiting, answer = _in_thread(_get, preview, "/__preview/epoch", f"since={epoch}")
    assert preview.rebuild()
    waiting.join(timeout=30)
    assert answer == [("200 OK", str(epoch + 1).encode())]
    assert TAG.search(_get(preview, "/repo/")[1]).group(1) == str(epoch + 1).encode()


def test_a_page_asked_for_during_a_build_waits_for_its_end(preview: Preview) -> None:
    with preview.reloads.build():  # as a rebuild does around its writing
        waiting, answer = _in_thread(_get, preview, "/repo/en/")
        waiting.join(timeout=0.3)
        assert waiting.is_alive() and not answer
    waiting.join(timeout=10)
    assert answer[0][0] == "200 OK" and TAG.search(answer[0][1]).group(1) == str(preview.reloads.epoch).encode()


@pytest.mark.parametrize("path", ["/repo/../secret.txt", "/repo/%2e%2e/secret.txt", "/repo/..%2fsecret.txt",
                                  "/secret.txt", "/repo//etc/passwd", "/repo/\x00", "/etc/passwd"])
def test_serves_nothing_outside_site(preview: Preview, path: str) -> None:
    from urllib.parse import unquote

    status, body = _get(preview, unquote(path))
    assert status == "404 Not Found" and b"not for readers" not in body and b"root:" not in body


def test_the_path_is_decoded_once(preview: Preview) -> None:
    odd = preview.config.out / "odd%41.txt"  # a name with a percent sign, as a request for odd%2541.txt gives
    odd.write_text("literal")
    try:
        assert _get(preview, "/repo/odd%41.txt") == ("200 OK", b"literal")
        assert _get(preview, "/repo/oddA.txt")[0] == "404 Not Found"
        assert _get(preview, "/repo/%2e%2e/secret.txt")[0] == "404 Not Found"  # no second decoding
    finally:
        odd.unlink()


def test_a_failed_build_shows_its_problems_then_recovers(preview: Preview) -> None:
    data = preview.config.root / "data" / "observations" / "alpha.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("  value: 72.3\n", '  value: "72,3%"\n'), encoding="utf-8")
    assert not preview.rebuild()
    status, body = _get(preview, "/repo/")
    assert status.startswith("500") and b"data/observations/alpha.yaml:3:10: &#x27;value&#x27; must be a number" in body
    assert len(TAG.findall(body)) == 1  # it reloads by itself after the next save
    assert _get(preview, "/repo/assets/style.css")[0] == "200 OK"  # the last good site is still there
    data.write_text(good, encoding="utf-8")
    assert preview.rebuild()
    assert _get(preview, "/repo/")[0] == "200 OK"


def test_the_error_page_speaks_the_messages_language_in_the_words_of_check(preview: Preview, capsys,
                                                                          monkeypatch) -> None:
    """The newsroom's messages_lang, read again on every rebuild: switching it needs no restart."""
    import html

    from sitegen import messages
    monkeypatch.delenv("SITEGEN_LANG")  # the site's setting decides, as in the newsroom
    data = preview.config.root / "data" / "observations" / "alpha.yaml"
    site = preview.config.root / "content" / "site.yaml"
    good, setting = data.read_text(encoding="utf-8"), site.read_text(encoding="utf-8")
    assert "\nmessages_lang: vi\n" in setting
    data.write_text(good.replace("  value: 72.3\n", '  value: "72.3%"\n'), encoding="utf-8")
    before = messages.language()
    try:
        assert not preview.rebuild()
        page = _get(preview, "/repo/")[1].decode("utf-8")
        capsys.readouterr()
        assert cli.main(["check", "--lang", "vi"], preview.config.root) == 1
        checked = capsys.readouterr().err.splitlines()[:-1]
        site.write_text(setting.replace("\nmessages_lang: vi\n", "\nmessages_lang: en\n"), encoding="utf-8")
        assert not preview.rebuild()
        switched = _get(preview, "/repo/")[1].decode("utf-8")
    finally:
        messages.use(before)
        data.write_text(good, encoding="utf-8")
        site.write_text(setting, encoding="utf-8")
        assert preview.rebuild()
    assert '<html lang="vi">' in page and "<h1>Dựng trang không thành công</h1>" in page
    policy = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\';'
    assert page.count("Content-Security-Policy") == 1 and policy in page  # no looser than a published page
    assert checked == ['data/observations/alpha.yaml:3:10: \'value\' phải là một số, nhưng đang là chữ "72.3%" — '
                       'hãy viết 72.3']
    assert all(html.escape(line) in page for line in checked)
    assert '<html lang="en">' in switched and "<h1>The build failed</h1>" in switched
    assert "must be a number" in switched


@pytest.fixture()
def live(tmp_path: Path) -> Iterator[tuple[Preview, str]]:
    """A preview over HTTP on a free port, rebuilding on saves, as `build.py serve` runs it."""
    app = Preview(Config.at(make_project(tmp_path), base_url="/repo/"))
    saves = Saves([app.config.root / folder for folder in WATCHED], app.rebuild)
    saves.start()
    assert app.rebuild()
    server = listen(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert saves.watching.wait(timeout=10)
        yield app, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        saves.stop()


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as reply:
        return reply.read()


def test_a_save_advances_the_epoch_an_open_page_waits_on(live: tuple[Preview, str]) -> None:
    app, url = live
    page = _fetch(url + "/repo/en/stories/online/")
    epoch = TAG.search(page).group(1).decode()
    assert _fetch(url + "/__preview/reload.js") == reloads.SCRIPT.read_bytes()
    waiting, answer = _in_thread(_fetch, f"{url}/__preview/epoch?since={epoch}")
    story = app.config.root / "content" / "stories" / "online.en.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Alpha reached", "Alpha has now reached"),
                     encoding="utf-8")
    waiting.join(timeout=60)
    assert answer == [str(int(epoch) + 1).encode()]  # one build for the save, then the answer
    assert b"Alpha has now reached" in _fetch(url + "/repo/en/stories/online/")  # written before the answer


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "--port: port {port} is already in use by another program (perhaps a preview you started earlier is "
           "still running); close that program, or give another port, e.g. --port {other}"),
    ("vi", "--port: cổng {port} đang được một chương trình khác sử dụng (có thể là một bản xem trước bạn mở trước "
           "đó vẫn đang chạy); hãy tắt chương trình đó, hoặc chọn cổng khác, ví dụ --port {other}"),
])
def test_a_port_in_use_is_said_in_our_words_not_a_traceback(tmp_path: Path, capsys, lang: str, said: str) -> None:
    project = make_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port), "--lang", lang], project) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == said.format(port=port, other=port + 1)
    assert "Traceback" not in err and "Address already in use" not in err  # the system's words, in English
    assert not (project / "site").exists()  # refused before anything was built


def test_an_address_not_of_this_machine_names_host(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    assert cli.main(["serve", "--host", "192.0.2.1", "--port", str(free_port())], project) == 1  # TEST-NET-1
    assert capsys.readouterr().err.splitlines()[0] == (
        "--host: 192.0.2.1 is not an address of this machine; leave --host out to serve on 127.0.0.1 "
        "(this machine only)")


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
    project = with_build_script(make_project(tmp_path))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-u", "build.py", "serve", "--port", str(port)], cwd=project,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SITEGEN_LANG": "en",
                                   "SITEGEN_CACHE": str(CACHE)},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready, lines = threading.Event(), []

    def read() -> None:
        for line in server.stdout:
            lines.append(line)
            if line.startswith("previewing on"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert ready.wait(timeout=120), "".join(lines)  # the first build, then this line
        for junk in (b"GARBAGE\r\n\r\n", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", b"\x00\xff\r\n\r\n",
                     b"GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                     b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"):
            assert b"root:" not in _raw(port, junk)
        reply = _raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert re.match(rb"HTTP/1\.[01] 200", reply) and b"<html" in reply and b"Content-Security-Policy" in reply
        if shutil.which("ss"):
            listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
            assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_save_that_changes_no_byte_builds_nothing_again(preview: Preview, monkeypatch) -> None:
    from sitegen.preview import server

    assert preview.rebuild()
    data = preview.config.root / "data" / "observations" / "alpha.yaml"
    data.write_text(data.read_text(encoding="utf-8"), encoding="utf-8")  # saved as it was

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(server.pipeline, "build", never)
    assert preview.rebuild()
    data.write_text(data.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match="built again"):
            preview.rebuild()
    finally:
        data.write_text(data.read_text(encoding="utf-8").removesuffix("# checked\n"), encoding="utf-8")
