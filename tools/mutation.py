"""Mutation testing of one part of trialmodel with mutmut, scoped to the tests that cover it.

    python tools/mutation.py TARGET [--minutes N] [--jobs N]
    python tools/mutation.py --list

Each target names the functions to mutate (mutmut's mutant-name globs) and the test modules that
cover them, so a run finishes in minutes on two cores instead of running the whole suite once per
mutant. The run happens in a scratch copy (``.mutation/TARGET/``, git-ignored) in which mutmut
rewrites the package. Each run starts afresh: mutmut's cache maps tests to functions from its
first run, so a test added since would not be run against old survivors. ``--report`` summarises
the last run again. The summary counts the target's mutants by status and lists every survivor;
the exit code is 1 when survivors are 15% or more of the mutants tested, 2 when the run was
stopped before it finished.

mutmut 3 mutates code inside functions only (not module constants such as thresholds); those
are held by tests written for them (see docs/development.md).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH = ROOT / ".mutation"
COPIED = ("trialmodel", "tests", "records", "schemas", "docs", "README.md", "CHANGELOG.md")
LIMIT = 0.15
"""Survivors must stay under this share of the mutants tested."""


@dataclass(frozen=True)
class Target:
    """What one run mutates (mutmut mutant-name globs) and which tests it runs against them."""

    files: tuple[str, ...]
    mutants: tuple[str, ...]
    tests: tuple[str, ...]


TARGETS = {
    "rules": Target(
        ("trialmodel/validation/rules/*.py",),
        ("trialmodel.validation.rules.*",),
        ("tests/unit/validation/rules", "tests/acceptance/test_example_files.py"),
    ),
    "changes": Target(
        (
            "trialmodel/changes/matching.py",
            "trialmodel/changes/milestones.py",
            "trialmodel/changes/rules.py",
        ),
        (
            "trialmodel.changes.matching.*",
            "trialmodel.changes.milestones.*",
            "trialmodel.changes.rules.*",
        ),
        (
            "tests/unit/changes/test_diff.py",
            "tests/unit/changes/test_walk.py",
            "tests/unit/changes/test_matching.py",
        ),
    ),
    "positions": Target(
        ("trialmodel/loading/core.py", "trialmodel/loading/__init__.py"),
        (
            "trialmodel.loading.xǁSourceMapǁ*",
            "trialmodel.loading.x__child__*",
            "trialmodel.loading.x__encoding_problem__*",
            "trialmodel.loading.x__character_problem__*",
            *(
                f"trialmodel.loading.core.x_{name}__*"
                for name in (
                    "pack",
                    "unpack",
                    "format_path",
                    "join_path",
                    "first_bad_tab",
                    "_in_scalar",
                    "_comment_start",
                    "stray_tab",
                    "tab_problem",
                )
            ),
        ),
        ("tests/unit/loading/test_loading.py",),
    ),
    "escaping": Target(
        (
            "trialmodel/reporters/safe.py",
            "trialmodel/reporters/findings.py",
            "trialmodel/reporters/changes.py",
        ),
        (
            "trialmodel.reporters.safe.*",
            "trialmodel.reporters.findings.x__escape*",
            "trialmodel.reporters.findings.x__github_line*",
            "trialmodel.reporters.changes.x_escape_markdown*",
        ),
        (
            "tests/unit/reporters/test_safe.py",
            "tests/unit/reporters/test_findings.py",
            "tests/unit/reporters/test_changes.py",
        ),
    ),
    "sections": Target(
        ("trialmodel/ctgov/sections.py",),
        ("trialmodel.ctgov.sections.*",),
        ("tests/unit/ctgov/test_ctgov.py", "tests/unit/ctgov/test_corpus.py"),
    ),
}


def _config(target: Target) -> str:
    """The [tool.mutmut] table for one target."""

    def array(items: tuple[str, ...]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["trialmodel/"]\n'
        f"only_mutate = {array(target.files)}\n"
        f"pytest_add_cli_args_test_selection = {array(target.tests)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
        "use_git_change_detection = false\n"
        f"also_copy = {array(tuple(e for e in COPIED if e not in {'trialmodel', 'tests'}))}\n"
    )


def prepare(name: str, target: Target) -> Path:
    """A fresh scratch copy for ``name``: the project's files, and no results of earlier runs."""
    work = SCRATCH / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for entry in COPIED:
        source, copy = ROOT / entry, work / entry
        if copy.is_dir():
            shutil.rmtree(copy)
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "artifacts")
            shutil.copytree(source, copy, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, copy)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(pyproject + _config(target), encoding="utf-8")
    return work


def run(work: Path, target: Target, minutes: float, jobs: int) -> bool:
    """mutmut over the target's mutants, stopped (its whole process group) after ``minutes``."""
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *target.mutants]
    with subprocess.Popen(command, cwd=work, start_new_session=True) as process:
        try:
            return process.wait(timeout=minutes * 60) == 0
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            return False


def statuses(work: Path, target: Target) -> dict[str, str]:
    """Every mutant of the target and its status (killed, survived, timeout, no tests, ...)."""
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name and any(fnmatch.fnmatch(name, glob) for glob in target.mutants):
            found[name] = status
    return found


def summary(name: str, found: dict[str, str]) -> tuple[str, bool]:
    """The counts, the survivors, and whether survivors stay under ``LIMIT``."""
    counts = Counter(found.values())
    tested = sum(n for status, n in counts.items() if status not in {"not checked", "skipped"})
    survived = counts["survived"] + counts["no tests"]
    share = survived / tested if tested else 1.0
    lines = [
        f"{name}: {len(found)} mutants, {tested} tested: "
        + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        + f"; survivors {survived}/{tested} = {share:.1%}"
    ]
    lines += [f"  {m}: {s}" for m, s in sorted(found.items()) if s in {"survived", "no tests"}]
    return "\n".join(lines), tested > 0 and share < LIMIT


def main(argv: list[str] | None = None) -> int:
    """Run one target (or list them); the exit code says whether it met the limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", choices=sorted(TARGETS))
    parser.add_argument("--list", action="store_true", help="list the targets and their tests")
    parser.add_argument("--minutes", type=float, default=30, help="stop the run after this long")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--report", action="store_true", help="only summarise the last run")
    args = parser.parse_args(argv)
    if args.list or args.target is None:
        for name, target in TARGETS.items():
            print(f"{name}: {' '.join(target.files)}  <-  {' '.join(target.tests)}")
        return 0
    target = TARGETS[args.target]
    work = SCRATCH / args.target
    finished = True
    if not args.report:
        work = prepare(args.target, target)
        finished = run(work, target, args.minutes, args.jobs)
    text, met = summary(args.target, statuses(work, target))
    print(text if finished else text + "\n(the run was stopped before it finished)")
    return 0 if met and finished else 1 if finished else 2


if __name__ == "__main__":
    sys.exit(main())
