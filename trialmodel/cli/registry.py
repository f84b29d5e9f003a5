"""``trialmodel fetch`` and ``trialmodel sync``: follow ClinicalTrials.gov (the registry extra)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from trialmodel.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from trialmodel.cli.changes import REPORT_FORMATS

if TYPE_CHECKING:
    from trialmodel.registry.client import Client

__all__: list[str] = []

_NCT = re.compile(r"NCT[0-9]{8}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number above 0, got {text!r}")
    return value


def _registry_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--registry-url",
        metavar="URL",
        help="the registry's address (default: $TRIALMODEL_REGISTRY_URL, else "
        "https://clinicaltrials.gov)",
    )
    parser.add_argument(
        "--rate",
        type=_positive,
        default=1.0,
        metavar="N",
        help="requests per second at most (default: 1, as the registry asks)",
    )


def add_fetch(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel fetch NCT... --out DIR`` or ``fetch --query TEXT ... --out DIR``."""
    parser = sub.add_parser(
        "fetch",
        help="fetch studies (and every earlier version) from ClinicalTrials.gov as records",
        description="Fetch the current version of studies from ClinicalTrials.gov API v2 as "
        "DIR/<NCT id>.yaml (as `import ctgov --out` writes them), by id or by a registry search; "
        "with --history, every earlier registry version as DIR/history/<NCT id>/<date>.v<n>.yaml. "
        "What DIR holds is not fetched again. Exit codes: 0 done, 1 a written record has "
        "validation errors, 2 usage error or a study that could not be fetched (the others are).",
    )
    parser.add_argument("nct_ids", nargs="*", metavar="NCT", help="study ids (NCT and 8 digits)")
    parser.add_argument("--out", metavar="DIR", required=True, help="write the records into DIR")
    parser.add_argument("--history", action="store_true", help="also every earlier version")
    parser.add_argument("--query", metavar="TEXT", help="every study a registry search finds")
    parser.add_argument("--condition", metavar="TEXT", help="search by condition")
    parser.add_argument("--intervention", metavar="TEXT", help="search by intervention")
    parser.add_argument("--status", metavar="STATUS", help="search by overall status")
    parser.add_argument("--force", action="store_true", help="fetch and overwrite records again")
    _registry_options(parser)
    parser.set_defaults(handler=_run_fetch, parser=parser)


def add_sync(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel sync [DIR]``: records up to the registry's latest versions."""
    from pathlib import Path

    parser = sub.add_parser(
        "sync",
        help="update records with the registry's newer versions, keeping the curation",
        description="For each record in DIR that holds an NCT id (DIR/<NCT id>.yaml, or one "
        "named after another registry), fetch the registry versions newer than "
        "the one it holds, keep the earlier ones in DIR/history/<record id>/, apply the latest as "
        "`import ctgov --update` does, and print what the registry changed. Exit 0, or with "
        "--exit-code 1 when something changed; 2 on a usage error or a record that could not "
        "be synced (the others are).",
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, default=Path("records"), metavar="DIR", help="records"
    )
    parser.add_argument(
        "--since", metavar="DATE", help="ask only about studies updated on or after DATE"
    )
    parser.add_argument("--dry-run", action="store_true", help="report, but write nothing")
    parser.add_argument(
        "--exit-code", action="store_true", help="exit 1 when the registry changed something"
    )
    parser.add_argument(
        "--format", dest="output_format", choices=REPORT_FORMATS, default="text", help="report"
    )
    _registry_options(parser)
    parser.set_defaults(handler=_run_sync, parser=parser)


def _client(args: argparse.Namespace) -> Client:
    from trialmodel.registry.client import Client, Settings, registry_url

    return Client(Settings(base_url=registry_url(args.registry_url), rate=args.rate))


def _missing_extra(command: str) -> int:
    print(
        f"trialmodel {command}: error: needs the registry extra: "
        "pip install 'trialmodel[registry]'",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _run_fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    search = {k: getattr(args, k) for k in ("query", "condition", "intervention", "status")}
    if bool(args.nct_ids) == any(search.values()):
        args.parser.error("give NCT ids, or a search (--query, --condition, ...), not both")
    bad = [n for n in args.nct_ids if not _NCT.fullmatch(n)]
    if bad:
        args.parser.error(f"not an NCT id: {', '.join(bad)}")
    try:
        from trialmodel.registry.fetch import fetch_ids, fetch_search, search_params
    except ImportError:
        return _missing_extra("fetch")
    out = Path(args.out)
    with _client(args) as client:
        if args.nct_ids:
            done = fetch_ids(client, args.nct_ids, out, history=args.history, force=args.force)
        else:
            params = search_params(search)
            done = fetch_search(client, params, out, history=args.history, force=args.force)
        requests = client.requests
    for path in done.written:
        print(f"wrote {path}")
    for path in done.kept:
        print(f"kept {path} (already there; --force fetches it again)")
    _messages("fetch", done.notes, done.errors)
    written, kept = _count(len(done.written), "file"), len(done.kept)
    print(f"{written} written, {kept} kept; {_count(requests, 'request')}")
    if done.errors:
        return EXIT_USAGE
    return _check([p for p in done.written if p.parent == out])


def _count(n: int, noun: str) -> str:
    """``1 record``, ``2 records``."""
    return f"{n:,} {noun}{'s' * (n != 1)}"


def _check(paths: list[object]) -> int:
    from pathlib import Path

    from trialmodel.reporters.findings import render
    from trialmodel.validation.files import validate_serially as validate_paths

    checked = validate_paths([Path(str(p)) for p in paths])
    if checked.errors or checked.warnings:
        sys.stderr.write(render(checked, "text"))
    return EXIT_PROBLEMS if checked.errors else EXIT_OK


def _messages(command: str, notes: list[str], errors: list[str]) -> None:
    for note in notes:
        print(f"trialmodel {command}: note: {note}", file=sys.stderr)
    for error in errors:
        print(f"trialmodel {command}: error: {error}", file=sys.stderr)


def _run_sync(args: argparse.Namespace) -> int:
    if args.since is not None and not _DAY.fullmatch(args.since):
        args.parser.error(f"--since takes a date YYYY-MM-DD, got {args.since!r}")
    try:
        from trialmodel.changes.versions import VersionError
        from trialmodel.registry.client import RegistryError
        from trialmodel.registry.sync import sync_folder
        from trialmodel.reporters.changes import render
    except ImportError:
        return _missing_extra("sync")
    with _client(args) as client:
        try:
            done = sync_folder(client, args.folder, since=args.since, dry_run=args.dry_run)
        except (VersionError, RegistryError) as exc:
            print(f"trialmodel sync: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        requests = client.requests
    notes = [f"{u.record_path}: {n}" for u in done.updates for n in u.notes]
    _messages("sync", notes + done.fetched.notes, done.errors)
    report = done.report()
    sys.stdout.write(render(report, args.output_format))
    checked = _count(len(report.trials), "record")
    kept = _count(len(done.fetched.written), "earlier version")
    print(
        f"trialmodel sync: {checked} checked, {kept} kept"
        f"{' (dry run: nothing written)' if args.dry_run else ''}; {_count(requests, 'request')}",
        file=sys.stderr,
    )
    if done.errors:
        return EXIT_USAGE
    return EXIT_PROBLEMS if args.exit_code and report.has_changes else EXIT_OK
