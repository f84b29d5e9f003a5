"""The ``trialmodel`` command: parse arguments, call the library, pick an exit code. Nothing else.

Exit codes: 0 clean, 1 problems found (or changes, with ``diff --exit-code``), 2 usage error or
unreadable input. Each subcommand registers itself in a ``_add_<name>`` function below.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from trialmodel import __version__

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="trialmodel",
        description="Curate, validate and track records of cell-therapy clinical trials.",
    )
    parser.add_argument("--version", action="version", version=f"trialmodel {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_validate, _add_schema, _add_diff, _add_history, _add_import, _add_export):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except BrokenPipeError:  # `trialmodel validate records/ | head` is not an error
        sys.stderr.close()
        return EXIT_OK


# --- validate ---------------------------------------------------------------------------------


def _add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registered by the validation work."""


# --- schema -----------------------------------------------------------------------------------


def _add_schema(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registered by the schema work."""


# --- diff and history -------------------------------------------------------------------------


def _add_diff(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registered by the change-tracking work."""


def _add_history(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registered by the change-tracking work."""


# --- import and export ------------------------------------------------------------------------


def _add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registered by the registry-import work."""


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registered by the registry-import work."""
