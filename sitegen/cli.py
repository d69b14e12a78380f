"""The command line: build (default), check, serve; diff and add-source for the newsroom's loop."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sitegen import messages
from sitegen.config import Config
from sitegen.errors import BuildError, Problem, report
from sitegen.messages import say
from sitegen.write import manifest


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run one command; return the exit code (0 fine, 1 problems in the input or the options)."""
    root = root or Path.cwd()
    messages.use(messages.choose(_lang_flag(argv), root))  # before the help texts are written
    args = _parser().parse_args(argv)
    if args.command in ("diff", "add-source") or args.arg or args.format:
        from sitegen.newsroom import commands as newsroom
        return newsroom.run(args.command, args.arg, args.format, root)
    try:
        config = Config.at(root, Path(args.out) if args.out else None, args.base_url)
        if not (args.clean or manifest.owned(config) or _empty(config.out)):
            raise BuildError([Problem("--out", 0, 0, say("out_not_ours", out=args.out))])
    except BuildError as exc:  # the options: nothing was read or written
        return report(exc.problems, "", checked=True)
    started = time.perf_counter()
    try:
        if args.command == "check":
            return _check(config)
        if args.command == "serve":
            from sitegen.preview import server as serve
            return serve.run(config, args.host, args.port)
        inputs = manifest.fingerprint(config)
        if not args.force and manifest.current(config, inputs):
            print(say("up_to_date", out=config.out.name, seconds=f"{time.perf_counter() - started:.2f}"))
            return 0
        from sitegen import pipeline

        model = pipeline.build(config)
        manifest.record(config, inputs)
        print(say("built", out=config.out.name, observations=len(model.data.observations),
                  stories=len(model.stories), seconds=f"{time.perf_counter() - started:.2f}"))
        return 0
    except BuildError as exc:
        return report(exc.problems, config.out.name)


def _empty(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def _check(config: Config) -> int:
    from sitegen import pipeline
    model, problems = pipeline.check(config)
    if problems or model is None:
        return report(sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.message)), config.out.name,
                      checked=True)
    dataset = model.data
    for note in dataset.notes:
        print(note)
    print(say("check_ok", observations=len(dataset.observations), indicators=len(dataset.indicators),
              targets=len(dataset.targets), events=len(dataset.events), sources=len(dataset.sources),
              stories=len(model.stories), conflicts=len(dataset.conflicts)))
    return 0


def _lang_flag(argv: list[str] | None) -> str | None:
    """--lang as given, read ahead of the other options."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    return early.parse_known_args(argv)[0].lang


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=say("cli_description"))
    parser.add_argument("command", nargs="?", default="build",
                        choices=["build", "check", "serve", "diff", "add-source"], help=say("cli_command"))
    parser.add_argument("arg", nargs="?", metavar="REF|FILE", help=say("cli_arg"))
    parser.add_argument("--base-url", default="/", help=say("cli_base_url"))
    parser.add_argument("--out", help=say("cli_out"))
    parser.add_argument("--clean", action="store_true", help=say("cli_clean"))
    parser.add_argument("--force", action="store_true", help=say("cli_force"))
    parser.add_argument("--lang", choices=list(messages.LANGUAGES), help=say("cli_lang"))
    parser.add_argument("--format", choices=["text", "markdown"], help=say("cli_format"))
    parser.add_argument("--host", default="127.0.0.1", help=say("cli_host"))
    parser.add_argument("--port", type=int, default=8000, help=say("cli_port"))
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
