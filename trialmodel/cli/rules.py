"""``trialmodel rules [CODE...]``: every finding code, or everything about some."""

from __future__ import annotations

import argparse
import difflib
import sys

from trialmodel import formats
from trialmodel.cli import EXIT_OK, EXIT_USAGE

__all__: list[str] = []


def add_rules(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel rules [CODE...]``: every finding code, or everything about some."""
    parser = sub.add_parser(
        "rules",
        help="list the finding codes, or explain one",
        description="Without a code: every finding code validate reports, stage by stage, with "
        "its severity and what it checks. With codes (or prefixes ending in _, such as "
        "yaml11_): what each checks, an example and how to fix it. Exit 2 for an unknown code.",
    )
    parser.add_argument("codes", nargs="*", metavar="CODE", help="codes or prefixes to explain")
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=formats.CATALOG,
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(handler=_run_rules)


def _run_rules(args: argparse.Namespace) -> int:
    from trialmodel.catalog import catalog, known_codes
    from trialmodel.reporters.catalog import render_json, render_list, render_one
    from trialmodel.validation.files import code_matches

    everything = catalog()
    for code in args.codes:
        if not any(code_matches(known, [code]) for known in known_codes()):
            close = difflib.get_close_matches(code, sorted(known_codes()), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            print(f"trialmodel rules: error: unknown code {code!r}{hint}", file=sys.stderr)
            return EXIT_USAGE
    chosen = [i for i in everything if not args.codes or code_matches(i.code, args.codes)]
    if args.output_format == "json":
        sys.stdout.write(render_json(chosen))
    elif args.codes:
        sys.stdout.write("\n".join(render_one(info) for info in chosen))
    else:
        sys.stdout.write(render_list(chosen))
    return EXIT_OK
