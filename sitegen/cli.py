"""The command line: build (the default), check, serve; diff and add-source for the newsroom's loop.

Each command owns its options (argparse subparsers). `python build.py` and `python build.py --out
DIR --base-url URL --force` build, as they always have. No input, option or environment ever ends
in a traceback: problems are located messages, an unexpected failure is one line (--debug: all).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import NoReturn

from sitegen import messages
from sitegen.config import Config
from sitegen.errors import BuildError, Note, Problem, Skipped, order, report
from sitegen.messages import say
from sitegen.write import manifest

COMMANDS = ("build", "check", "serve", "diff", "add-source")


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run one command; return the exit code (0 fine, 1 problems in the input or the options)."""
    argv = _with_command(list(sys.argv[1:] if argv is None else argv))
    root = root or Path.cwd()
    messages.use(messages.choose(_early(argv).lang, root))  # before the help texts are written
    try:
        args = _parser().parse_args(argv)
        return _run(args, root)
    except _Usage as exc:
        return report([Problem(exc.prog, 0, 0, exc.told())], "", checked=True)
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as exc:  # run outside the project's environment
        print(say("missing_library", name=exc.name), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not bad input: one line, and where to report it
        if _early(argv).debug:
            raise
        error = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line, whatever the exception holds
        print(say("unexpected", error=error, where=_issues(root)), file=sys.stderr)
        return 2


def _issues(root: Path) -> str:
    """Where to report a bug: the repository's Issues on GitHub, by its address when the checkout knows it."""
    try:
        from sitegen.read import history

        return history.issues(root) or say("unexpected_where")
    except Exception:  # noqa: BLE001 - reporting a bug must not raise another
        return say("unexpected_where")


def _run(args: argparse.Namespace, root: Path) -> int:
    if args.command in ("diff", "add-source"):
        from sitegen.newsroom import commands

        return commands.run(args.command, getattr(args, "ref", None) or getattr(args, "file", None),
                            getattr(args, "format", "text"), root)
    try:
        config = Config.at(root, Path(args.out) if args.out else None, args.base_url, published=args.published)
        if not (args.clean or manifest.owned(config) or _empty(config.out)):
            raise BuildError([Problem("--out", 0, 0, say("out_not_ours", out=args.out))])
    except BuildError as exc:  # the options: nothing was read or written
        return report(exc.problems, "", checked=True)
    if args.command == "check":
        return _check(config)
    if args.command == "serve":
        from sitegen.preview import server

        return server.run(config, args.host, args.port, args.lang)
    return _build(config, args.force)


def _build(config: Config, force: bool) -> int:
    started = time.perf_counter()
    inputs = manifest.fingerprint(config)
    if not force and manifest.current(config, inputs):
        print(say("up_to_date", out=config.out.name, seconds=f"{time.perf_counter() - started:.2f}"))
        return 0
    from sitegen import pipeline  # the heavy imports, only when there is work to do

    notes: list[Note] = []
    try:
        model = pipeline.build(config, notes=notes)
    except BuildError as exc:
        return report(exc.problems, config.out.name)
    for note in sorted({n for n in notes if isinstance(n, Skipped)}, key=order):
        print(note)  # a rule that could not run (the corrections rule without git history) is said
    manifest.record(config, inputs)
    print(say("built", out=config.out.name, observations=len(model.data.observations),
              stories=len(model.stories), seconds=f"{time.perf_counter() - started:.2f}"))
    return 0


def _empty(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def _check(config: Config) -> int:
    from sitegen import pipeline

    model, _, problems, notes = pipeline.check(config)
    for note in sorted(set(notes), key=order):
        print(note)
    if problems or model is None:
        return report(sorted(set(problems), key=order), config.out.name,
                      checked=True)
    data = model.data
    print(say("check_ok", observations=len(data.observations), indicators=len(data.indicators),
              targets=len(data.targets), events=len(data.events), sources=len(data.sources),
              stories=len(model.stories), conflicts=len(data.conflicts)))
    return 0


def _with_command(argv: list[str]) -> list[str]:
    """argv with its command first: "build" when none is named (`build.py --out DIR`)."""
    if argv[:1] and argv[0] in ("-h", "--help"):
        return argv
    found, value = None, False
    for n, arg in enumerate(argv):
        if not value and arg in COMMANDS:
            found = n
            break
        value = arg in VALUED  # the next word is this option's value (`--out check` is a folder named check)
    if found is None:
        return ["build", *argv]
    return [argv[found], *argv[:found], *argv[found + 1:]]


VALUED = ("--lang", "--base-url", "--out", "--published", "--host", "--port", "--format")


def _early(argv: list[str]) -> argparse.Namespace:
    """--lang and --debug as given, read ahead of everything else."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    early.add_argument("--debug", action="store_true")
    return early.parse_known_args(argv)[0]


class _Usage(Exception):
    """A command line argparse cannot read, told in the newsroom's language instead of argparse's English."""

    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog, self.message = prog, message

    def told(self) -> str:
        for pattern, key in _TOLD:
            if found := pattern.fullmatch(self.message):
                if key == "cli_required" and self.prog.endswith("add-source"):
                    return say("add_source_needs_file")
                return say(key, **found.groupdict(), usage=f"python {self.prog} --help")
        return self.message


_TOLD = [(re.compile(pattern), key) for pattern, key in (
    (r"the following arguments are required: (?P<names>.+)", "cli_required"),
    (r"unrecognized arguments: (?P<names>.+)", "cli_unrecognized"),
    (r"argument (?P<name>\S+): invalid choice: '?(?P<value>[^']*)'? \(choose from (?P<valid>.+)\)", "cli_choice"),
    (r"argument (?P<name>\S+): invalid \w+ value: '?(?P<value>[^']*)'?", "cli_value"),
    (r"argument (?P<name>\S+): expected one argument", "cli_expects"),
)]


class _Parser(argparse.ArgumentParser):
    """argparse in the newsroom's language: its errors become problems, its usage line says so."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, add_help=False, formatter_class=_Formatter, **kwargs)
        self.add_argument("-h", "--help", action="help", help=say("cli_help"))
        # argparse names its two sections in English, with no public way to rename them
        self._positionals.title, self._optionals.title = say("cli_positionals"), say("cli_options")

    def error(self, message: str) -> NoReturn:
        raise _Usage(self.prog, message)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        super().add_usage(usage, actions, groups, prefix=f"{say('cli_usage')}: " if prefix is None else prefix)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=list(messages.LANGUAGES), help=say("cli_lang"))
    common.add_argument("--debug", action="store_true", help=say("cli_debug"))
    site = argparse.ArgumentParser(add_help=False, parents=[common])
    site.add_argument("--base-url", default="/", help=say("cli_base_url"))
    site.add_argument("--out", help=say("cli_out"))
    site.add_argument("--published", metavar="REF", help=say("cli_published"))
    site.add_argument("--clean", action="store_true", help=say("cli_clean"))
    parser = _Parser(prog="build.py", description=say("cli_description"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", help=say("cli_command"), parser_class=_Parser)
    build = commands.add_parser("build", parents=[site], help=say("cli_build"))
    build.add_argument("--force", action="store_true", help=say("cli_force"))
    commands.add_parser("check", parents=[site], help=say("cli_check"))
    serve = commands.add_parser("serve", parents=[site], help=say("cli_serve"))
    serve.add_argument("--host", default="127.0.0.1", help=say("cli_host"))
    serve.add_argument("--port", type=int, default=8000, help=say("cli_port"))
    diff = commands.add_parser("diff", parents=[common], help=say("cli_diff"))
    diff.add_argument("ref", nargs="?", metavar="REF", help=say("cli_ref"))
    diff.add_argument("--format", choices=["text", "markdown"], default="text", help=say("cli_format"))
    add = commands.add_parser("add-source", parents=[common], help=say("cli_add_source"))
    add.add_argument("file", metavar="FILE", help=say("cli_file"))
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
