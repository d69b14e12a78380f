"""The command line: build (default), check, serve."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import manifest
from .config import Config
from .errors import BuildError


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run one command; return the exit code (0 fine, 1 problems in the input)."""
    args = _parser().parse_args(argv)
    config = Config.at(root or Path.cwd(), Path(args.out) if args.out else None, args.base_url)
    started = time.perf_counter()
    inputs = manifest.fingerprint(config) if args.command == "build" else ""
    if inputs and not args.force and manifest.current(config, inputs):
        print(f"{config.out.name}/ is up to date: nothing changed since its last build "
              f"({time.perf_counter() - started:.2f} s; --force builds anyway)")
        return 0
    try:
        if args.command == "check":
            return _check(config)
        if args.command == "serve":
            from . import serve

            return serve.run(config, args.host, args.port)
        from . import pipeline  # the heavy imports, only when there is work to do

        model = pipeline.build(config)
        manifest.record(config, inputs)
        print(f"built {config.out.name}/ from {len(model.data.observations)} observations and "
              f"{len(model.stories)} stories in {time.perf_counter() - started:.2f} s")
        return 0
    except BuildError as exc:
        return report(exc, config)


def report(exc: BuildError, config: Config) -> int:
    """Print every problem as path:line:col: message and say the site was left as it was."""
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    count = len(exc.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; {config.out.name}/ was left unchanged",
          file=sys.stderr)
    return 1


def _check(config: Config) -> int:
    from . import pipeline

    dataset = pipeline.load(config).data
    for note in dataset.notes:
        print(note)
    print(f"ok: {len(dataset.observations)} observations of {len(dataset.indicators)} indicators, "
          f"{len(dataset.targets)} targets, {len(dataset.events)} events from {len(dataset.sources)} "
          f"sources; every quote found in its article; {len(dataset.conflicts)} conflicts noted")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the Bắc Kạn – Bắc Ninh site.")
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check", "serve"],
                        help="build the site (default), check the data only, or serve a live preview")
    parser.add_argument("--base-url", default="/",
                        help="URL or path the site is published under, e.g. https://org.github.io/repo/")
    parser.add_argument("--out", help="output folder (default: site/)")
    parser.add_argument("--force", action="store_true",
                        help="build even when nothing changed since the last good build")
    parser.add_argument("--host", default="127.0.0.1", help="serve: address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="serve: port (default 8000)")
    return parser
