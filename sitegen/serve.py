"""The live preview: the same build() as `python build.py`, rerun on every save."""

from __future__ import annotations

from livereload import Server

from . import pipeline
from .cli import report
from .config import Config
from .errors import BuildError


def rebuild(config: Config) -> bool:
    """Build once; on bad input print the problems and keep serving the last good site."""
    try:
        pipeline.build(config)
        print("rebuilt")
        return True
    except BuildError as exc:
        report(exc, config)
        return False


def run(config: Config, host: str, port: int) -> int:
    """Build, then serve site/ and rebuild when content/, data/ or templates/ change."""
    rebuild(config)
    server = Server()
    for folder in ("content", "data", "templates"):
        server.watch(str(config.root / folder), lambda: rebuild(config), delay=0.2)
    server.serve(root=str(config.out), host=host, port=port, open_url_delay=None)
    return 0
