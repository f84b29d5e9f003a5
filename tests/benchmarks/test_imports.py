"""Tests for the import benchmark's helpers: the RESULTS.md section it owns, and its page files."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "ctgov-corpus"


def _import(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))  # the benchmark modules import each other by name
    try:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_the_import_section_is_replaced_and_kept() -> None:
    """A new import section replaces the old one; the rest of RESULTS.md stays as it was."""
    report = _import("imports_report")
    old = f"# Results\n\ntable\n\n{report.START}\nold\n{report.END}\n\n## After\n"
    new = f"{report.START}\nnew\n{report.END}\n"
    spliced = report.splice(old, new)
    assert spliced == f"# Results\n\ntable\n\n{new}\n## After\n"
    assert report.splice("# Results\n", new) == f"# Results\n\n{new}"


def test_run_py_keeps_the_import_section(tmp_path: Path) -> None:
    """What ``run.py`` writes keeps the section ``imports.py`` wrote before it."""
    report = _import("imports_report")
    results = tmp_path / "RESULTS.md"
    section = f"{report.START}\nmeasured\n{report.END}\n"
    results.write_text(f"# old\n\n{section}", encoding="utf-8")
    assert report.kept_section(results) == section
    assert report.splice("# new run.py text\n", section).endswith(section)


def test_pages_hold_distinct_unissued_ids(tmp_path: Path) -> None:
    """A benchmark page cycles the corpus with NCT9xxxxxxx ids, none repeated."""
    imports = _import("imports")
    files = sorted(CORPUS.glob("NCT*.json"))[:3]
    page = json.loads(imports.build_page(7, files, tmp_path).read_bytes())
    ids = [s["protocolSection"]["identificationModule"]["nctId"] for s in page["studies"]]
    assert ids == [f"NCT9{i:07d}" for i in range(7)]


def test_the_package_is_timed_compiled(tmp_path: Path) -> None:
    """The benchmarks compile the package's bytecode before timing it, as an installed copy (the
    peer's, the baseline's) has it: every module gets its cached bytecode."""
    measure = _import("measure")
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for name in ("__init__.py", "a.py", "sub/__init__.py", "sub/b.py"):
        (package / name).write_text("X = 1\n", encoding="utf-8")
    measure.compile_package(package)
    compiled = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.pyc"))
    tag = sys.implementation.cache_tag
    expected = ["__init__", "a", "sub/__init__", "sub/b"]
    assert [c.replace(f".{tag}.pyc", "").replace("__pycache__/", "") for c in compiled] == expected
