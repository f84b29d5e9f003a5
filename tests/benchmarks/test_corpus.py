"""Tests for the benchmark corpus generator: its records validate and it is deterministic."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from trialmodel.loading import load_path
from trialmodel.validation.files import validate_serially as validate_paths

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

CHANGEABLE = ("status.", "design.enrollment.count", "outcomes.primary[")
"""Where the second snapshot may differ from the first."""


def _import(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


generate = _import("generate")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small corpus with a fifth of its records changed in the second snapshot."""
    out = tmp_path_factory.mktemp("corpus")
    generate.build_corpus(out, 16, seed=6, changed_fraction=0.2)
    return out


def _leaves(node: Any, path: str = "") -> dict[str, Any]:
    """Every scalar of plain data by its YAML-like path."""
    if isinstance(node, dict):
        found: dict[str, Any] = {}
        for key, value in node.items():
            found.update(_leaves(value, f"{path}.{key}" if path else key))
        return found
    if isinstance(node, list):
        found = {}
        for index, value in enumerate(node):
            found.update(_leaves(value, f"{path}[{index}]"))
        return found
    return {path: node}


def test_generated_records_validate(corpus: Path) -> None:
    """Every record of both snapshots passes validation with no error."""
    report = validate_paths([corpus / "a", corpus / "b"])
    assert len(report.files) == 32
    assert report.errors == 0, [f"{f.file}: {f.code} {f.path}" for f in report.findings]


def test_generated_ids_are_unique_and_synthetic(corpus: Path) -> None:
    """Each record has its own NCT id, from the range the registry has not issued."""
    ids = [load_path(path).data["identification"]["nct_id"] for path in corpus.glob("a/*.yaml")]
    assert len(set(ids)) == 16
    assert all(int(nct_id[3:]) >= generate.FIRST_ID for nct_id in ids)


def test_generation_is_deterministic(corpus: Path, tmp_path: Path) -> None:
    """The same seed gives the same bytes, and a smaller corpus is a prefix of a larger one."""
    generate.build_corpus(tmp_path, 6, seed=6, changed_fraction=0.2)
    for side in ("a", "b"):
        for path in sorted((tmp_path / side).glob("*.yaml")):
            assert path.read_bytes() == (corpus / side / path.name).read_bytes()


def test_other_seed_gives_other_records(tmp_path: Path) -> None:
    """A different seed varies the records differently."""
    generate.build_corpus(tmp_path / "x", 3, seed=6)
    generate.build_corpus(tmp_path / "y", 3, seed=7)
    texts = [(tmp_path / s / "a" / "NCT90000001.yaml").read_text("utf-8") for s in ("x", "y")]
    assert texts[0] != texts[1]


def test_second_snapshot_changes_only_tracked_fields(corpus: Path) -> None:
    """Changed records differ in status, enrollment, dates or outcome time frames, nothing else."""
    changed = 0
    for old_path in sorted((corpus / "a").glob("*.yaml")):
        old = _leaves(load_path(old_path).data)
        new = _leaves(load_path(corpus / "b" / old_path.name).data)
        differing = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
        changed += bool(differing)
        assert all(p.startswith(CHANGEABLE) for p in differing), differing
    info = generate.json.loads((corpus / "manifest.json").read_text("utf-8"))
    assert changed == info["changed"] > 0


def test_records_vary_in_size(corpus: Path) -> None:
    """Lists and texts are varied, so the files are not all one size."""
    sizes = {path.stat().st_size for path in (corpus / "a").glob("*.yaml")}
    assert len(sizes) == 16


def test_rendering_quotes_what_yaml12_reads_otherwise() -> None:
    """Strings that YAML 1.2 would read as numbers or booleans are written quoted."""
    text = generate.render({"zip": "02905", "count": 5, "flag": "no", "title": "Text"})
    assert "zip: '02905'" in text
    assert "flag: 'no'" in text
    assert "count: 5" in text
    assert "title: Text" in text


def test_refuses_to_overwrite_a_folder_that_is_not_a_corpus(tmp_path: Path) -> None:
    """The command line will not write into an existing folder it did not make, without --force."""
    (tmp_path / "6").mkdir()
    (tmp_path / "6" / "notes.txt").write_text("mine", encoding="utf-8")
    assert generate.main(["6", "--out", str(tmp_path)]) == 2
    assert sorted(p.name for p in (tmp_path / "6").iterdir()) == ["notes.txt"]
