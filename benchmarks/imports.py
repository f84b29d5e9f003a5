"""Import speed and memory against the session-start commit: ``python benchmarks/imports.py``.

Installs the baseline (commit ``4275d47``, before the fast writer) from ``git archive`` into its
own virtual environment under ``benchmarks/.corpus/`` (git-ignored; once), then times whole
processes, in turn, several times:

- ``trialmodel import ctgov`` of the registry corpus (``tests/data/ctgov-corpus``) by the
  baseline and by this tree, on the files both can import (the baseline refuses some);
- this tree on every corpus file;
- ``trialmodel validate`` on the records this tree wrote;
- this tree (and the baseline, on the smaller pages) importing one page file of N studies, for
  peak memory against the number of studies in a page.

It writes its section of ``benchmarks/RESULTS.md`` (between the import markers; ``run.py`` keeps
it) with medians, per-record times, ratios and the targets of issue 10.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_OUT
from imports_report import Row, write_section
from measure import BIN, ROOT, Benchmark, measure

BASELINE = "4275d47"
"""The commit the speed target of issue 10 is measured against."""
CORPUS = ROOT / "tests" / "data" / "ctgov-corpus"
PAGE_SIZES = (50, 200, 800)
BASELINE_PAGE_SIZES = (50, 200)
"""The baseline holds every record of a page; on the largest page it would take minutes."""
_IMPORTABLE = """
import sys
from pathlib import Path
from trialmodel.ctgov import CtgovError, import_file
for name in sys.argv[1:]:
    try:
        import_file(Path(name))
    except CtgovError:
        continue
    print(name)
"""


def baseline_bin() -> Path:
    """The baseline's scripts folder, installed once from ``git archive`` of `BASELINE`."""
    home = DEFAULT_OUT / f"baseline-{BASELINE}"
    script = home / "venv" / "bin" / "trialmodel"
    if script.is_file():
        return script.parent
    print(f"installing the baseline {BASELINE} into {home.relative_to(ROOT)}/ …", flush=True)
    source = home / "src"
    source.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", BASELINE], cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    subprocess.run([sys.executable, "-m", "venv", str(home / "venv")], check=True)
    pip = [str(home / "venv" / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, str(source)], check=True, capture_output=True)
    return script.parent


def importable(python: Path, files: list[Path]) -> list[Path]:
    """The files the given Python's trialmodel imports without an error."""
    done = subprocess.run(
        [str(python), "-I", "-c", _IMPORTABLE, *map(str, files)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return [Path(line) for line in done.stdout.splitlines()]


def build_page(count: int, files: list[Path], folder: Path) -> Path:
    """A page ``{"studies": [...]}`` of ``count`` corpus studies, cycled, each given an unissued
    NCT id (NCT9xxxxxxx, as the generated corpus uses) so that no two collide."""
    path = folder / f"page-{count}.json"
    studies = []
    for i in range(count):
        study = json.loads(files[i % len(files)].read_bytes())
        study["protocolSection"]["identificationModule"]["nctId"] = f"NCT9{i:07d}"
        studies.append(study)
    path.write_text(json.dumps({"studies": studies}), encoding="utf-8")
    return path


def _import(label: str, scripts: Path, files: list[Path], out: Path, count: int) -> Benchmark:
    argv = [str(scripts / "trialmodel"), "import", "ctgov", *map(str, files)]
    what = "PAGE" if label.split()[-2] == "page" else "FILES"
    who = f"{BASELINE}: " if label.startswith("baseline") else ""
    shown = f"{who}trialmodel import ctgov {what} --out DIR --force"
    # --force: each repeat writes the same records again; exit 1 = a record has errors
    return Benchmark(label, [*argv, "--out", str(out), "--force"], count, shown, ok_codes=(0, 1))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Install the baseline, measure side by side, write the import section of RESULTS.md."""
    args = _arguments(argv)
    base = baseline_bin()
    corpus = sorted(CORPUS.glob("NCT*.json"))
    common = importable(base / "python", corpus)
    ours = BIN
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        n, total = len(common), len(corpus)
        speed = [
            _import(f"baseline import {n}", base, common, scratch / "base", n),
            _import(f"import {n}", ours, common, scratch / "ours", n),
            Benchmark(
                f"validate {n}",
                [str(ours / "trialmodel"), "validate", str(scratch / "ours")],
                n,
                "trialmodel validate DIR (the records `import` wrote)",
                ok_codes=(0, 1),
            ),
            _import(f"import all {total}", ours, corpus, scratch / "all", total),
        ]
        print(f"corpus: {n} files both import, {total} in all", flush=True)
        measure(speed, args.repeats)
        pages = {size: build_page(size, common, scratch) for size in PAGE_SIZES}
        memory = [_import(f"page {s}", ours, [p], scratch / f"p{s}", s) for s, p in pages.items()]
        memory += [
            _import(f"baseline page {s}", base, [pages[s]], scratch / f"b{s}", s)
            for s in BASELINE_PAGE_SIZES
        ]
        print("pages", flush=True)
        measure(memory, max(1, args.repeats // 2))
    rows = [Row.of(b) for b in speed + memory]
    print(write_section(args.output, rows, baseline=BASELINE, common=n, total=total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
