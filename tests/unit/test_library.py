"""Tests for the public library: the calls at the package root, and docs/library.md's examples."""

from __future__ import annotations

import ast
import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import trialmodel
from trialmodel.records import RecordError, load_record, load_records

ROOT = Path(__file__).parents[2]
BLOCK = re.compile(r"```python\n(.*?)```\n(?:\n```text\n(.*?)```\n)?", re.S)


def _examples(page: str) -> list[tuple[str, str | None]]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return [(code, output) for code, output in BLOCK.findall(text)]


def test_library_page_examples_print_what_it_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of docs/library.md runs, in order, and prints the text below it."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    examples = _examples("library.md")
    assert len(examples) >= 6
    for code, expected in examples:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "docs/library.md", "exec"), namespace)
        assert out.getvalue() == (expected or ""), code


def test_loading_page_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/loading.md's Python example runs and its positions are the ones its comments give."""
    monkeypatch.chdir(ROOT)
    ((code, _),) = _examples("loading.md")
    namespace: dict[str, object] = {}
    exec(compile(code, "docs/loading.md", "exec"), namespace)
    for call, position in re.findall(
        r"^(loaded\.source_map\.locate\(.*?\)).*?(\(\d+, \d+\))$", code, re.M
    ):
        assert repr(eval(call, namespace)) == position


def test_root_exports_are_lazy() -> None:
    """import trialmodel loads no model, pydantic or ruamel; the calls load on first use."""
    script = (
        "import sys, trialmodel\n"
        "heavy = ('trialmodel.', 'pydantic', 'ruamel')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
        "trialmodel.load_record\n"
        "print('trialmodel.model.record' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout == "[]\nTrue\n"
    assert set(trialmodel.__all__) <= set(dir(trialmodel))


def test_library_page_lists_exactly_the_root_exports() -> None:
    """docs/library.md's table names every name in trialmodel.__all__, and nothing else."""
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `trialmodel.")]
    table = [row.split(" | ")[0] for row in rows]
    documented = set(re.findall(r"`trialmodel\.(\w+)", "\n".join(table)))
    assert documented == set(trialmodel.__all__)
    for name in trialmodel.__all__:
        assert getattr(trialmodel, name) is not None


@pytest.mark.parametrize("kind", [str, Path])
def test_calls_accept_str_and_path(kind: type) -> None:
    """load_record, load_records, validate_paths, diff_records and import_file take str or Path."""
    record = ROOT / "records" / "NCT03929120.yaml"
    history = ROOT / "records" / "history" / "NCT03929120" / "2020-08-25.yaml"
    assert load_record(kind(record)).identification.nct_id == "NCT03929120"
    assert len(load_records(kind(ROOT / "records"))) == 9
    assert trialmodel.validate_paths([kind(record)]).errors == 0
    assert trialmodel.diff_records(kind(history), kind(record))
    ctgov = ROOT / "tests" / "data" / "ctgov" / "NCT05594173.json"
    assert trialmodel.import_file(kind(ctgov))[0].nct_id == "NCT05594173"


def test_record_error_carries_every_finding_of_every_file(tmp_path: Path) -> None:
    """load_records reads every file and raises once, with the findings of each failing file."""
    invalid = ROOT / "tests" / "examples" / "invalid"
    for name in ("enum_misspelt.yaml", "duplicate_arm_label.yaml"):
        (tmp_path / name).write_bytes((invalid / name).read_bytes())
    (tmp_path / "ok.yaml").write_bytes((ROOT / "tests/examples/valid/small.yaml").read_bytes())
    with pytest.raises(RecordError) as raised:
        load_records(tmp_path)
    found = sorted((Path(f.file).name, f.code) for f in raised.value.findings)
    assert found == [
        ("duplicate_arm_label.yaml", "duplicate_arm_label"),
        ("enum_misspelt.yaml", "enum"),
    ]
    assert str(raised.value).endswith("2 errors in 2 of 2 records")


def test_strict_refuses_warnings_but_not_acknowledged_ones() -> None:
    """strict=True raises on a warning; an acknowledged warning still loads."""
    stopped = ROOT / "tests" / "examples" / "invalid" / "stopped_without_why.yaml"
    assert load_record(stopped).status is not None
    with pytest.raises(RecordError, match=r"warning\[status_needs_why_stopped\]"):
        load_record(stopped, strict=True)
    assert load_record(ROOT / "records" / "NCT04544215.yaml", strict=True)


def test_missing_file_raises_file_not_found() -> None:
    """A record path that does not exist is FileNotFoundError, not an empty result."""
    with pytest.raises(FileNotFoundError):
        load_record("no/such/record.yaml")
    with pytest.raises(FileNotFoundError):
        load_records("no/such/folder")


PACKAGE = ROOT / "trialmodel"


def _module_trees() -> dict[str, ast.Module]:
    """Every module of the package, parsed (not imported: the extras need not be installed)."""
    trees = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        trees[name] = ast.parse(path.read_text(encoding="utf-8"))
    return trees


def _declared(tree: ast.Module) -> list[str] | None:
    """The names a module lists in its top-level ``__all__``, or None when it has none."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "__all__":
            names = ast.literal_eval(value)
            assert isinstance(names, list) and all(isinstance(n, str) for n in names)
            return names
    return None


MODULES = _module_trees()


def test_every_public_module_declares_all() -> None:
    """Every module whose dotted name has no part starting with an underscore has ``__all__``."""
    public = [name for name in MODULES if not any(p.startswith("_") for p in name.split("."))]
    assert len(public) > 100
    assert [name for name in public if _declared(MODULES[name]) is None] == []


def test_names_modules_take_from_each_other_are_in_all() -> None:
    """A public name one trialmodel module imports from another, or loads lazily from it, is in
    that module's ``__all__``: ``__all__`` says what a module offers the rest of the package."""
    offered = {name: set(_declared(tree) or ()) for name, tree in MODULES.items()}
    taken: set[tuple[str, str, str]] = set()
    for importer, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in offered:
                taken |= {(importer, node.module, alias.name) for alias in node.names}
            elif isinstance(node, ast.Assign) and ast.unparse(node.targets) == "_LAZY":
                table = ast.literal_eval(node.value)  # name -> module, for _lazy_attributes
                taken |= {(importer, module, name) for name, module in table.items()}
    missing = sorted(
        f"{importer} takes {module}.{name}"
        for importer, module, name in taken
        if importer != module
        and not name.startswith("_")
        and f"{module}.{name}" not in offered  # a submodule
        and name not in offered[module]
    )
    assert missing == []
