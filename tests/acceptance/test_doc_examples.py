"""Every console example in README.md and docs/ is run, and must print exactly what it shows.

A console example is a fenced block marked ``console``: each line starting with ``$ `` is a
command, run by bash from the root of a scratch copy of the repository (records, docs, schemas,
tests' examples and data), and the lines up to the next command are what it prints, standard
output and standard error together, as a terminal shows them. An HTML comment right before the
block, ``<!-- console-setup: COMMANDS -->``, prepares the scratch copy first (a registry file in
the current folder, say) and is not shown when the Markdown is rendered. An example of ``fetch``
or ``sync`` names instead the stand-in registry it runs against,
``<!-- console-registry: NAME [then COMMANDS] -->`` (``tests.registry_server.demo``): it serves
on 127.0.0.1 while the block runs, its address in ``TRIALMODEL_REGISTRY_URL``; COMMANDS run
first, then the registry posts the versions it held back, then the example's commands run.

After a deliberate change of output, rewrite the examples from what the tool prints now, then
review the diff: ``TRIALMODEL_REGEN=1 python -m pytest tests/acceptance/test_doc_examples.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.acceptance.conftest import regenerate_requested

ROOT = Path(__file__).parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COPIED = ("records", "docs", "schemas", "tests/examples", "tests/data", "README.md")
"""What the scratch copy holds: everything an example may read."""
REGENERATE = regenerate_requested()
_SETUP = re.compile(r"^<!-- console-setup: (.*) -->$")
_REGISTRY = re.compile(r"^<!-- console-registry: (\S+)(?: then (.*))? -->$")


@dataclass(frozen=True)
class Example:
    """One console block: where it is, its setup, and its commands with their shown output."""

    document: Path
    start: int
    """Index of the first line inside the fence."""
    end: int
    """Index of the closing fence."""
    setup: str | None
    steps: tuple[tuple[str, str], ...]
    ordinal: int
    """Which console block of its document it is (0 for the first)."""
    registry: str | None = None
    """The stand-in registry the block runs against, if any."""

    @property
    def name(self) -> str:
        """``docs/changes.md:142``, for the test id."""
        return f"{self.document.relative_to(ROOT).as_posix()}:{self.start}"


def examples(document: Path) -> list[Example]:
    """The console blocks of one Markdown file."""
    lines = document.read_text(encoding="utf-8").splitlines()
    found = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            setup = _SETUP.match(lines[i - 1]) if i > 0 else None
            registry = _REGISTRY.match(lines[i - 1]) if i > 0 else None
            before = setup.group(1) if setup else registry.group(2) if registry else None
            steps = _steps(lines[i + 1 : end])
            name = registry.group(1) if registry else None
            found.append(Example(document, i + 1, end, before, steps, len(found), name))
            i = end
        i += 1
    return found


def _steps(body: list[str]) -> tuple[tuple[str, str], ...]:
    steps: list[tuple[str, list[str]]] = []
    for line in body:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"output before any command: {line!r}"
            steps[-1][1].append(line)
    return tuple((command, "".join(f"{x}\n" for x in out)) for command, out in steps)


ALL = [example for document in DOCUMENTS for example in examples(document)]


def _scratch(directory: Path) -> Path:
    """A copy of what examples read, so that none of them can change the repository."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, directory / name)
        elif source.is_file():
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, directory / name)
    return directory


def run(command: str, cwd: Path, extra: dict[str, str] | None = None) -> str:
    """What a terminal shows for ``command``: stdout and stderr together, no colour."""
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "CLICOLOR_FORCE"}}
    env |= extra or {}
    env |= {"NO_COLOR": "1", "COLUMNS": "100", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=120,
    )
    return done.stdout


def _with_registry(example: Example, where: Path) -> list[str]:
    """Run a block against its stand-in registry: setup, the held-back versions, the commands."""
    from tests.registry_server import demo, serve

    assert example.registry is not None
    with serve(demo(example.registry)) as registry:
        extra = {"TRIALMODEL_REGISTRY_URL": registry.url}
        if example.setup:
            run(example.setup, where, extra)
            registry.advance()
        return [run(command, where, extra) for command, _ in example.steps]


def _regenerate(example: Example, outputs: list[str]) -> None:
    """Write the commands' real output into the document in place of what it showed."""
    now = examples(example.document)[example.ordinal]  # earlier blocks may have grown
    lines = example.document.read_text(encoding="utf-8").splitlines(keepends=True)
    steps = zip(example.steps, outputs, strict=True)
    lines[now.start : now.end] = ["".join(f"$ {command}\n{out}" for (command, _), out in steps)]
    example.document.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("example", ALL, ids=[e.name for e in ALL])
def test_console_example_prints_what_it_shows(example: Example, tmp_path: Path) -> None:
    """Each command of a console example prints exactly the output shown beneath it."""
    where = _scratch(tmp_path)
    if example.registry is None:
        if example.setup:
            run(example.setup, where)
        outputs = [run(command, where) for command, _ in example.steps]
    else:
        outputs = _with_registry(example, where)
    if REGENERATE:
        _regenerate(example, outputs)
        return
    for (command, shown), out in zip(example.steps, outputs, strict=True):
        assert out == shown, (
            f"`{command}` in {example.name} prints otherwise; run with TRIALMODEL_REGEN=1"
        )


def test_examples_are_found() -> None:
    """The harness sees the examples: the README's and those of each command's guide."""
    names = {e.document.name for e in ALL}
    assert {"README.md", "changes.md", "validate.md", "import.md"} <= names
    assert all(e.steps for e in ALL), "a console block without a $ command"


def test_every_output_block_is_a_console_example() -> None:
    """A block that shows what a trialmodel command prints is a console block, so it is run."""
    unrun = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for block in re.findall(r"^```(?:text)?\n(.*?)^```", text, flags=re.M | re.S):
            if re.search(
                r"^(?:\d+ (?:errors?|warnings?|trials?|changed)\b|\S+: \d+ versions?$)", block, re.M
            ):
                unrun.append(f"{document.name}: {block.splitlines()[0]}")
    assert unrun == []


# --- record fragments in the curators' guide ---------------------------------------------------

RECORD_YAML_DOCUMENTS = [ROOT / "docs" / "curation.md"]
"""Guides whose ``yaml`` blocks are pieces of a record, each checked to validate."""
BASE_RECORD = """\
schema_version: "2.0"
identification:
  nct_id: NCT00000000
  registrations:
    - registry: CTGOV
      id: NCT00000000
      primary: true
    - registry: CHICTR
      id: ChiCTR0000000000
  brief_title: An example cell-therapy trial
provenance:
  state: CURATED
  sources:
    - name: ClinicalTrials.gov
      kind: REGISTRY
    - name: Chinese Clinical Trial Registry
      kind: OTHER_REGISTRY
"""
"""What a fragment is read into: a small valid record whose registrations and sources the
guide's examples may name. A fragment's mappings merge into it; its lists replace the base's."""


@dataclass(frozen=True)
class RecordFragment:
    """One ``yaml`` block of a guide: where it is, and its text."""

    document: Path
    line: int
    """1-based line of the block's first line of YAML."""
    text: str

    @property
    def name(self) -> str:
        """``docs/curation.md:42``, for the test id."""
        return f"{self.document.relative_to(ROOT).as_posix()}:{self.line}"


def record_fragments(document: Path) -> list[RecordFragment]:
    """The ``yaml`` blocks of one Markdown file."""
    lines = document.read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        if line.strip() == "```yaml":
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            text = "".join(f"{x}\n" for x in lines[i + 1 : end])
            found.append(RecordFragment(document, i + 2, text))
    return found


def _merged(base: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in fragment.items():
        below = merged.get(key)
        both = isinstance(below, dict) and isinstance(value, dict)
        merged[key] = _merged(below, value) if both else value  # type: ignore[arg-type]
    return merged


FRAGMENTS = [f for document in RECORD_YAML_DOCUMENTS for f in record_fragments(document)]


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=[f.name for f in FRAGMENTS])
def test_record_fragment_validates(fragment: RecordFragment) -> None:
    """A guide's YAML example reads cleanly, alike in YAML 1.1 and 1.2, and, put into a small
    valid record, gives no finding but those it acknowledges: its names and values are the
    model's."""
    from trialmodel.loading import load_bytes
    from trialmodel.validation.files import validate_bytes

    loaded = load_bytes(fragment.text.encode(), fragment.name)
    assert [f.code for f in loaded.findings] == []
    assert isinstance(loaded.data, dict)
    assert yaml.safe_load(fragment.text) == loaded.data, "YAML 1.1 readers read it otherwise"
    base = load_bytes(BASE_RECORD.encode(), "base").data
    assert base is not None
    record = json.dumps(_merged(base, loaded.data)).encode()
    report = validate_bytes(record, fragment.name)
    shown = [(f.code, f.path, f.message) for f in report.findings if f.acknowledged is None]
    assert shown == []


def test_record_fragments_are_found() -> None:
    """The check sees the curators' guide's examples, products and doses among them."""
    texts = [f.text for f in FRAGMENTS]
    assert len(texts) >= 4
    assert any(text.startswith("products:") for text in texts)
