"""The ``trialmodel`` command: parse arguments, call the library, pick an exit code. Nothing else.

Exit codes: 0 clean, 1 problems found (or changes, with ``diff --exit-code``), 2 usage error or
unreadable input. Each subcommand lives in a module of this package (validate, schema, changes
for diff and history, migrate, ctgov for import and export, outputs for table, report and export
fhir, registry for fetch and sync) and registers itself in an ``add_<name>`` function; those
modules are imported as the parser is built, and import the library only when their command runs,
so ``trialmodel validate`` does not load ruamel.yaml or httpx.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

__all__ = ["COMMANDS", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main", "run"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class _VersionAction(argparse.Action):
    """``--version``, with the version looked up only when asked for (it costs start-up time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from trialmodel import package_version

        sys.stdout.write(f"trialmodel {package_version()}\n")
        parser.exit()


COMMANDS = (
    ("validate", "validate", "add_validate"),
    ("rules", "rules", "add_rules"),
    ("fmt", "fmt", "add_fmt"),
    ("migrate", "migrate", "add_migrate"),
    ("completion", "completion", "add_completion"),
    ("schema", "schema", "add_schema"),
    ("diff", "changes", "add_diff"),
    ("history", "changes", "add_history"),
    ("import", "ctgov", "add_import"),
    ("export", "ctgov", "add_export"),
    ("table", "outputs", "add_table"),
    ("report", "outputs", "add_report"),
    ("fetch", "registry", "add_fetch"),
    ("sync", "registry", "add_sync"),
)
"""Each subcommand in the order ``--help`` lists them: its name, the module of this package that
defines it, and the function there that adds its parser."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand, or with the subcommand ``only`` alone.

    A command line that names its subcommand first is parsed exactly as by the whole parser (the
    other subcommands' parsers play no part in it), so ``main`` builds that one alone: building
    all fourteen, and importing their modules, was a tenth of a one-record ``validate``.
    """
    from importlib import import_module

    parser = argparse.ArgumentParser(
        prog="trialmodel",
        description="Curate, validate and track records of cell-therapy clinical trials.",
    )
    parser.add_argument("-V", "--version", action=_VersionAction, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module, add in COMMANDS:
        if only is None or name == only:
            # imported here, not at the top: the subcommand modules import the exit codes above
            getattr(import_module(f"trialmodel.cli.{module}"), add)(sub)
    return parser


def _degrade_output() -> None:
    """Write what the output encoding cannot hold as escapes (``≥`` -> ``\\u2265``) instead of
    ending in a UnicodeEncodeError: a Windows console or ``PYTHONIOENCODING=cp1252`` must get
    the whole report, never a traceback."""
    import io

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    return _main(argv)[0]


def run() -> None:
    """The ``trialmodel`` command: ``main``, then the process's exit.

    After ``validate``, the process ends at once (``os._exit``) once its output is flushed, as
    mypy ends its runs: tearing the interpreter down, freeing every object of pydantic and the
    record model one by one, was a fifth of a one-record ``validate``, the command a pre-commit
    hook runs on every commit. Nothing is lost by it: ``validate`` writes no file, its output is
    flushed first (a flush that fails is left to the usual exit, which reports it), and its
    worker processes have been joined. The other commands exit as usual.
    """
    code, quick = _main(None)
    if quick:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe or stream: the usual exit reports it
            raise SystemExit(code) from None
        os._exit(code)
    raise SystemExit(code)


def _main(argv: Sequence[str] | None) -> tuple[int, bool]:
    """The exit code, and whether the command may end its process at once (``run``)."""
    _degrade_output()
    given = sys.argv[1:] if argv is None else argv
    first = given[0] if given else None
    parser = build_parser(first if any(first == c[0] for c in COMMANDS) else None)
    args = parser.parse_args(given)
    handler: Handler = args.handler
    try:
        return handler(args), bool(getattr(args, "quick_exit", False))
    except BrokenPipeError:  # `trialmodel validate records/ | head` is not an error
        sys.stderr.close()
        return EXIT_OK, False
