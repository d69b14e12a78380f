"""Shared helpers: assemble a small project in tmp_path from a fixture plus the real templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# A whole project frozen as it stood (data/ and content/): realistic input for the tests that need a
# full site. The real data/ and content/ are read by one test only: the real project passes `check`.
SAMPLE = FIXTURES / "sample"
# The project "the real project passes check" reads: this one, or (SITEGEN_PROJECT) an edited copy of
# it, which is how tests/test_edits.py runs the publishing gate's test on realistic content edits.
PROJECT = Path(os.environ.get("SITEGEN_PROJECT") or ROOT)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1" and not os.environ.get("CI")
# One drawing cache for every test build in every session: drawings are keyed by what they are drawn
# from and by the drawing code, so sharing them is safe, and a test run draws each chart once.
CACHE = ROOT / ".cache" / "tests"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_configure(config: pytest.Config) -> None:
    os.environ["SITEGEN_CACHE"] = str(CACHE)
    # The expected messages are English whatever a project's site.yaml asks for; the cases with
    # `--lang vi` (and tests/test_messages.py) check the Vietnamese ones.
    os.environ["SITEGEN_LANG"] = "en"


@pytest.fixture(autouse=True)
def english_messages() -> None:
    """Every test starts in English, whatever language an earlier command line chose in this process."""
    from sitegen import messages
    messages.use("en")


def need_chromium() -> None:
    """Skip a browser test where Chromium is missing, but fail it in CI, where it must run."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium; `make test` installs it")
        pytest.skip("needs Debian's chromium (make test installs it)")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def free_port() -> int:
    """A TCP port nothing listens on now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_build_script(project: Path) -> Path:
    """The project with the command line (build.py) beside its data, as a newsroom checkout has."""
    (project / "build.py").write_bytes((ROOT / "build.py").read_bytes())
    return project


def make_project(tmp_path: Path, fixture: str = "mini", overlay: Path | None = None) -> Path:
    """A project folder: the fixture's data and content (its own site text) and the real templates."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    shutil.copytree(ROOT / "templates", project / "templates")
    if overlay is not None:
        shutil.copytree(overlay, project, dirs_exist_ok=True)
    return project


def copy_sample(tmp_path: Path) -> Path:
    """The sample project (its data and content, the real templates) to build without touching site/."""
    project = tmp_path / "sample"
    shutil.copytree(SAMPLE, project)
    shutil.copytree(ROOT / "templates", project / "templates")
    return project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project's site, built once per test session into a temporary folder."""
    from sitegen import pipeline
    from sitegen.config import Config

    project = copy_sample(tmp_path_factory.mktemp("real-site"))
    pipeline.build(Config.at(project))
    return project / "site"


PREFIX = "chuyen-doi-so"


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory):
    """The sample site built for, and served at, http://127.0.0.1:PORT/chuyen-doi-so/ as Pages would."""
    import functools
    import http.server
    import threading

    from sitegen import pipeline
    from sitegen.config import Config

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    project = copy_sample(tmp_path_factory.mktemp("served"))
    docroot = project / "www"
    docroot.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(docroot)))
    base = f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}/"
    pipeline.build(Config.at(project, out=docroot / PREFIX, base_url=base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, docroot / PREFIX
    server.shutdown()
