"""The record's validator, built once and read back by every later process.

pydantic builds ``TrialRecord``'s validator on first use by generating a core schema for its ~80
model classes and ~420 fields, in Python: a quarter of the CPU time of ``trialmodel validate`` on
one record, which is what a pre-commit hook pays on every commit. pydantic-core builds the
validator from a finished core schema in a few milliseconds, so the generated schema is kept in
the user's cache folder and read back by every later process.

A cached schema is only ever a faster way to the same validator:

- It is stored under a key made of the model's sources (every file of ``trialmodel.model``),
  the pydantic and pydantic-core versions and the Python build; a file under another key is
  never read. (The package version is not part of it: looking it up costs more than the whole
  cache saves, and the sources say more.)
- The file carries the SHA-256 of its body: a truncated, altered or foreign file is ignored,
  rebuilt and replaced, as is one that does not read back into a validator.
- It is a pickle read by an unpickler that can name nothing but the record model's own classes
  and functions and the methods bound to them: a planted file cannot call anything else.
- It is written to a temporary file beside it and renamed into place, so concurrent processes
  each put a whole file and a reader never sees part of one. A folder that cannot be written
  (read-only, no home folder) only means each process builds the validator, as before.
- Left out of it are only the schema's ``metadata`` entries (the JSON Schema hooks, which
  pydantic-core never reads), and the validator is pydantic-core's own ``SchemaValidator``
  built from the schema as pydantic builds it, without pydantic's experimental plugin hooks:
  the findings are the same (a test compares them on every example file).

``TRIALMODEL_CACHE_DIR`` names another folder. ``TrialRecord.model_validate`` is untouched: only
the validation of record files (``trialmodel.validation.files``) goes through here.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import types
from contextlib import suppress
from pathlib import Path
from typing import Any

import pydantic_core
from pydantic.version import VERSION as PYDANTIC_VERSION
from pydantic_core import SchemaValidator

import trialmodel.model
from trialmodel.loading.files import TooLargeError, UnreadableError, read_regular
from trialmodel.model.record import TrialRecord

__all__ = ["cache_folder", "cache_key", "load_validator", "record_validator"]

FORMAT = b"trialmodel-validator-1"
"""The first word of a cache file; a change to how the file is written changes it."""
KEEP = 4
"""Cache files kept in the folder (one per installation that uses it); older ones are removed."""
MAX_BYTES = 16 * 1024 * 1024
"""A larger file is not one of ours (the record's schema is about 70 KB): it is not read."""

_validator: SchemaValidator | None = None


def record_validator() -> SchemaValidator:
    """The validator of ``TrialRecord``, from the cache when it holds one for this model."""
    global _validator
    if _validator is None:
        _validator = load_validator(cache_folder())
    return _validator


def cache_folder() -> Path | None:
    """``TRIALMODEL_CACHE_DIR``, else the platform's cache folder for trialmodel (None when
    there is no home folder to put it in)."""
    configured = os.environ.get("TRIALMODEL_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        if sys.platform == "win32":
            base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches"
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            base = Path(xdg) if Path(xdg).is_absolute() else Path.home() / ".cache"
    except RuntimeError:  # no home folder can be determined
        return None
    return base / "trialmodel"


def cache_key() -> str:
    """What the validator is built from: the model's files, pydantic, pydantic-core, Python."""
    digest = hashlib.sha256()
    for part in (FORMAT.decode(), PYDANTIC_VERSION, pydantic_core.__version__, sys.version):
        digest.update(part.encode() + b"\0")
    root = Path(trialmodel.model.__file__).parent
    for path in _model_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _model_files(root: Path) -> list[Path]:
    """The model's source files (and compiled files in a distribution without sources)."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        found += [Path(folder, n) for n in sorted(names) if n.endswith((".py", ".pyc"))]
    return found


def load_validator(folder: Path | None) -> SchemaValidator:
    """The validator from ``folder``'s cache file for this model, else built (and stored in
    ``folder`` when it can be written)."""
    try:
        key = cache_key() if folder is not None else None
    except OSError:  # a model file that cannot be read: nothing is read or stored
        key = None
    if folder is not None and key is not None:
        schema = _read(folder / f"record-{key[:32]}.pickle", key)
        if schema is not None:
            try:
                return _validator_for(schema)
            except Exception:  # a schema pydantic-core refuses is rebuilt like any bad file
                pass
    schema = _generate()
    if folder is not None and key is not None:
        _write(folder, key, schema)
    return _validator_for(schema)


def _generate() -> dict[str, Any]:
    """The record's core schema as pydantic generates it, without its metadata."""
    TrialRecord.model_rebuild()
    stripped: dict[str, Any] = _without_metadata(TrialRecord.__pydantic_core_schema__)
    return stripped


_VALUES = frozenset({"default", "expected", "members"})
"""Keys whose values are the record's data (defaults, literals, enum members), not schemas."""


def _without_metadata(node: Any) -> Any:
    """A copy of a core schema without its ``metadata`` entries (pydantic-core never reads
    them; they hold pydantic's JSON Schema hooks, local functions that cannot be stored)."""
    if isinstance(node, dict):
        return {
            key: value if key in _VALUES else _without_metadata(value)
            for key, value in node.items()
            if key != "metadata"
        }
    if isinstance(node, list):
        return [_without_metadata(item) for item in node]
    return node


def _validator_for(schema: dict[str, Any]) -> SchemaValidator:
    """pydantic-core's validator for the schema, with the record model's configuration (the
    one pydantic passes: the title that names it in errors, strictness, unknown keys)."""
    root = schema["schema"] if schema.get("type") == "definitions" else schema
    if root.get("type") != "model" or root.get("cls") is not TrialRecord:
        raise ValueError("not the schema of TrialRecord")
    return SchemaValidator(schema, root.get("config"))


def _read(path: Path, key: str) -> dict[str, Any] | None:
    """The schema stored at ``path`` under ``key``, or None when the file is missing, is
    stored under another key, or is damaged in any way."""
    try:  # never waits: a FIFO put in its place is refused, not read
        content = read_regular(path, MAX_BYTES)
    except (UnreadableError, TooLargeError):
        return None
    header, _, body = content.partition(b"\n")
    if header != _header(key, body):
        return None
    try:
        schema = _Unpickler(body).load()
    except Exception:  # any damage the checksum missed: rebuild
        return None
    return schema if isinstance(schema, dict) else None


def _header(key: str, body: bytes) -> bytes:
    return b" ".join((FORMAT, key.encode(), hashlib.sha256(body).hexdigest().encode()))


def _write(folder: Path, key: str, schema: dict[str, Any]) -> None:
    """Store ``schema`` under ``key``, whole or not at all; failing to is not an error."""
    import tempfile  # only here: a process that reads the cache never needs it

    try:
        body = _dumps(schema)
    except Exception:  # a schema that cannot be stored is simply built each time
        return
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=".record-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_header(key, body) + b"\n" + body)
            Path(temporary).replace(folder / f"record-{key[:32]}.pickle")
        finally:
            with suppress(OSError):
                Path(temporary).unlink()
        _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` newest cache files: each upgrade of trialmodel or pydantic adds one."""
    files = []
    for path in folder.glob("record-*.pickle"):
        with suppress(OSError):
            files.append((path.stat().st_mtime, path))
    for _, path in sorted(files, reverse=True)[KEEP:]:
        with suppress(OSError):
            path.unlink()


def _in_model(module: object) -> bool:
    return isinstance(module, str) and (
        module == "trialmodel.model" or module.startswith("trialmodel.model.")
    )


def _method(cls: object, name: object) -> types.MethodType:
    """A method of a model class bound to it (a validator), as ``_Pickler`` stores one."""
    bound = getattr(cls, name, None) if isinstance(cls, type) and isinstance(name, str) else None
    if (
        isinstance(bound, types.MethodType)
        and bound.__self__ is cls
        and _in_model(cls.__module__)
        and _in_model(getattr(bound.__func__, "__module__", None))
    ):
        return bound
    raise pickle.UnpicklingError(f"not a validator of a record model class: {name!r}")


class _Pickler(pickle.Pickler):
    """Stores a bound method as its class and name, which ``_method`` reads back."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.MethodType) and isinstance(obj.__self__, type):
            name = obj.__func__.__name__
            if getattr(obj.__self__, name, None) != obj:
                raise pickle.PicklingError(f"{obj!r} is not its class's attribute {name}")
            return _method, (obj.__self__, name)
        return NotImplemented


def _dumps(schema: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(schema)
    return buffer.getvalue()


class _Unpickler(pickle.Unpickler):
    """Resolves only the record model's own classes and functions, and ``_method``."""

    def __init__(self, body: bytes) -> None:
        super().__init__(io.BytesIO(body))

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_method":
            return _method
        found: Any = sys.modules.get(module) if _in_model(module) else None
        for part in name.split("."):  # a function defined in a class: Identification._has_an_id
            found = getattr(found, part, None)
            if not isinstance(found, (type, types.FunctionType)) or found.__module__ != module:
                raise pickle.UnpicklingError(f"not a part of the record model: {module}.{name}")
        return found
