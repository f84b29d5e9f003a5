"""Tests for the record's validator and its cache (``trialmodel.validation.validator``)."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import SchemaValidator

import trialmodel.model
from trialmodel.loading import load_path
from trialmodel.model.record import TrialRecord
from trialmodel.validation import validator
from trialmodel.validation.files import validate_file
from trialmodel.validation.validator import (
    FORMAT,
    KEEP,
    MAX_BYTES,
    cache_folder,
    cache_key,
    load_validator,
)

ROOT = Path(__file__).parents[3]
EXAMPLES = sorted(
    [*(ROOT / "tests" / "examples").glob("*/*.yaml"), *(ROOT / "records").rglob("*.yaml")]
)
VALID = ROOT / "tests" / "examples" / "valid" / "small.yaml"
NOT_VALID = ROOT / "tests" / "examples" / "invalid" / "enum_misspelt.yaml"


def _cache_file(folder: Path) -> Path:
    return folder / f"record-{cache_key()[:32]}.pickle"


def _no_generating(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a validator can only come from the cache file."""

    def fail() -> dict[str, Any]:
        raise AssertionError("the schema was generated, not read from the cache")

    monkeypatch.setattr(validator, "_generate", fail)


def _outcome(check: SchemaValidator, data: object) -> tuple[str, Any]:
    """What a validator makes of ``data``: the record, or every error as pydantic reports it."""
    try:
        return "record", check.validate_python(data)
    except ValidationError as exc:
        return "errors", (exc.title, exc.errors(include_url=False))


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> SchemaValidator:
    """A validator written to a cache folder and read back from it."""
    folder = tmp_path_factory.mktemp("cache")
    load_validator(folder)
    with pytest.MonkeyPatch.context() as patch:
        _no_generating(patch)
        return load_validator(folder)


@pytest.fixture(scope="module")
def pydantic_own() -> SchemaValidator:
    """pydantic's own validator of the record model, as ``TrialRecord.model_validate`` uses."""
    TrialRecord.model_rebuild()
    own = TrialRecord.__pydantic_validator__
    assert isinstance(own, SchemaValidator)
    return own


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_cached_validator_finds_what_pydantic_finds(
    path: Path,
    cached: SchemaValidator,
    pydantic_own: SchemaValidator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On every example file and record, the validator read back from the cache gives the same
    record or the same errors as pydantic's own, and validation the same findings."""
    data = load_path(path).data
    if data is not None:
        assert _outcome(cached, data) == _outcome(pydantic_own, data)
    reports = []
    for used in (cached, pydantic_own):
        monkeypatch.setattr(validator, "_validator", used)
        reports.append(validate_file(path))
    assert reports[0] == reports[1]


def test_a_stored_validator_is_read_back_not_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first process stores the schema; the next reads it back without generating it."""
    load_validator(tmp_path)
    assert _cache_file(tmp_path).read_bytes().startswith(FORMAT + b" " + cache_key().encode())
    _no_generating(monkeypatch)
    check = load_validator(tmp_path)
    assert _outcome(check, load_path(VALID).data)[0] == "record"
    kind, (title, errors) = _outcome(check, load_path(NOT_VALID).data)
    assert (kind, title, errors[0]["type"]) == ("errors", "TrialRecord", "enum")


def _truncated(content: bytes) -> bytes:
    return content[: len(content) // 2]


def _one_byte_changed(content: bytes) -> bytes:
    middle = len(content) * 3 // 4
    return content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1 :]


def _other_key(content: bytes) -> bytes:
    return content.replace(cache_key().encode(), b"0" * 64, 1)


def _oversized(content: bytes) -> bytes:
    return content + b"\0" * MAX_BYTES


DAMAGE = {
    "empty": lambda content: b"",
    "garbage": lambda content: os.urandom(5000),
    "truncated": _truncated,
    "one byte changed": _one_byte_changed,
    "another key": _other_key,
    "oversized": _oversized,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, damage: str) -> None:
    """A cache file that is empty, truncated, altered or another key's is never used: the
    validator is built again, validates as it should, and a good file replaces the bad one."""
    load_validator(tmp_path)
    stored = _cache_file(tmp_path)
    good = stored.read_bytes()
    stored.write_bytes(DAMAGE[damage](good))
    check = load_validator(tmp_path)
    assert _outcome(check, load_path(VALID).data)[0] == "record"
    assert _outcome(check, load_path(NOT_VALID).data)[0] == "errors"
    assert stored.read_bytes() == good


def test_a_folder_in_place_of_the_cache_file_is_no_error(tmp_path: Path) -> None:
    """A cache path that cannot be read or replaced (a folder) only means building each time."""
    _cache_file(tmp_path).mkdir()
    check = load_validator(tmp_path)
    assert _outcome(check, load_path(VALID).data)[0] == "record"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_the_cache_file_is_not_waited_on(tmp_path: Path) -> None:
    """A FIFO named as the cache file is refused at once (reading it would wait for a writer)."""
    os.mkfifo(_cache_file(tmp_path))
    check = load_validator(tmp_path)
    assert _outcome(check, load_path(VALID).data)[0] == "record"


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    """A cache folder that cannot be made (a file is in the way) only means building each time."""
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    check = load_validator(blocked / "cache")
    assert _outcome(check, load_path(NOT_VALID).data)[0] == "errors"
    assert not (blocked / "cache").exists()


def _plant(folder: Path, body: bytes) -> None:
    """A cache file with a correct header and checksum around ``body``."""
    header = b" ".join((FORMAT, cache_key().encode(), hashlib.sha256(body).hexdigest().encode()))
    folder.mkdir(parents=True, exist_ok=True)
    _cache_file(folder).write_bytes(header + b"\n" + body)


class _RunsACommand:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_cache_file_cannot_run_anything(tmp_path: Path) -> None:
    """A file with a valid checksum that names anything but the model's own classes and
    functions is refused: nothing it names is called, and the validator is built again."""
    marker = tmp_path / "ran"
    folder = tmp_path / "cache"
    _plant(folder, pickle.dumps({"type": "any", "x": _RunsACommand(marker)}))
    check = load_validator(folder)
    assert not marker.exists()
    assert _outcome(check, load_path(VALID).data)[0] == "record"


@pytest.mark.parametrize(
    "name",
    [
        ("os", "system"),
        ("builtins", "eval"),
        ("trialmodel.model.types", "re"),  # a module that a model module imports
        ("trialmodel.model.base", "BaseModel"),  # pydantic's class, imported there
        ("trialmodel.validation.files", "validate_file"),  # trialmodel, but not the model
    ],
)
def test_the_unpickler_resolves_only_the_model(name: tuple[str, str]) -> None:
    """Only classes and functions defined in trialmodel.model can be named in a cache file."""
    with pytest.raises(pickle.UnpicklingError):
        validator._Unpickler(b"").find_class(*name)
    assert validator._Unpickler(b"").find_class("trialmodel.model.record", "TrialRecord") is (
        TrialRecord
    )


def test_a_method_is_read_back_only_from_a_model_class() -> None:
    """A stored method must be one of a model class's own, bound to that class."""
    assert validator._method(TrialRecord, "_reject_null") == TrialRecord._reject_null
    for cls, name in ((TrialRecord, "model_validate"), (str, "join"), ("TrialRecord", "x")):
        with pytest.raises(pickle.UnpicklingError):
            validator._method(cls, name)


def test_processes_starting_together_leave_one_whole_file(tmp_path: Path) -> None:
    """Processes that find no cache at the same moment each build and store the validator; the
    folder ends with one whole cache file and no temporary file, and it reads back."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from trialmodel.validation.validator import load_validator\n"
        "load_validator(Path(sys.argv[1]))\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    assert [(run.communicate()[1], run.returncode) for run in runs] == [(b"", 0)] * 4
    assert sorted(p.name for p in tmp_path.iterdir()) == [_cache_file(tmp_path).name]
    assert validator._read(_cache_file(tmp_path), cache_key()) is not None


def test_old_cache_files_are_removed(tmp_path: Path) -> None:
    """Each upgrade adds a cache file: only the newest KEEP are kept."""
    for number in range(KEEP + 2):
        old = tmp_path / f"record-{number:032d}.pickle"
        old.write_bytes(b"from an older installation")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    load_validator(tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("record-*.pickle"))
    assert len(kept) == KEEP
    assert _cache_file(tmp_path).name in kept
    assert f"record-{KEEP + 1:032d}.pickle" in kept  # the newest of the old ones
    assert f"record-{0:032d}.pickle" not in kept


def test_every_model_module_is_in_the_key() -> None:
    """The key covers the source of every module of trialmodel.model, so a change to any of
    them makes a new cache file."""
    root = Path(trialmodel.model.__file__).parent
    covered = {path.resolve() for path in validator._model_files(root)}
    modules = [m for name, m in sys.modules.items() if name.startswith("trialmodel.model")]
    assert len(modules) > 10
    for module in modules:
        assert Path(module.__file__ or "").resolve() in covered, module.__name__


def test_a_changed_model_source_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing one model file (here a copy of the model package) gives another key."""
    copy = tmp_path / "model"
    shutil.copytree(
        Path(trialmodel.model.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(trialmodel.model, "__file__", str(copy / "__init__.py"))
    before = cache_key()
    vocab = copy / "vocab" / "registry.py"
    vocab.write_text(vocab.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache_key() != before


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TRIALMODEL_CACHE_DIR names the folder; else XDG_CACHE_HOME when absolute, else ~/.cache."""
    monkeypatch.setenv("TRIALMODEL_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"
    if sys.platform in ("win32", "darwin"):
        return
    monkeypatch.delenv("TRIALMODEL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "trialmodel"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "trialmodel"
