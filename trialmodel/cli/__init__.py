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
import sys
from collections.abc import Callable, Sequence

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    # Imported here, not at the top: the subcommand modules import the exit codes from this one.
    from trialmodel.cli import (
        changes,
        completion,
        ctgov,
        fmt,
        migrate,
        outputs,
        registry,
        rules,
        schema,
        validate,
    )

    parser = argparse.ArgumentParser(
        prog="trialmodel",
        description="Curate, validate and track records of cell-therapy clinical trials.",
    )
    parser.add_argument("-V", "--version", action=_VersionAction, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        validate.add_validate,
        rules.add_rules,
        fmt.add_fmt,
        migrate.add_migrate,
        completion.add_completion,
        schema.add_schema,
        changes.add_diff,
        changes.add_history,
        ctgov.add_import,
        ctgov.add_export,
        outputs.add_table,
        outputs.add_report,
        registry.add_fetch,
        registry.add_sync,
    ):
        add(sub)
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
    _degrade_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except BrokenPipeError:  # `trialmodel validate records/ | head` is not an error
        sys.stderr.close()
        return EXIT_OK
