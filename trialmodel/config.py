"""A repository's validation settings: ``trialmodel.toml``, or ``[tool.trialmodel]`` in
``pyproject.toml``, found in the current folder or the nearest folder above it.

Keys: ``select`` and ``ignore`` (codes or prefixes ending in ``_``), ``strict`` (a boolean),
``exclude`` (path patterns) and ``per-file-ignores`` (a table of path pattern = codes). Patterns
are relative to the folder of the file that sets them. A configuration that cannot be read, or
holds an unknown key, a wrong type or an unknown code, raises ``ConfigError``: settings that are
silently ignored would let a repository believe it checks what it does not.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from trialmodel.errors import TrialmodelError

__all__ = ["Config", "ConfigError", "Patterns", "find_config", "load_config", "selector_problems"]

CONFIG_FILE = "trialmodel.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "strict", "exclude", "per-file-ignores")


class ConfigError(TrialmodelError):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Patterns:
    """Path patterns and the folder they are relative to.

    A pattern without ``/`` matches any file or folder of that name (``drafts``, ``*.tmp.yaml``);
    one with ``/`` matches the path from ``root`` (``records/history``, ``records/NCT0*.yaml``);
    a folder's pattern covers everything under it. ``*`` and ``?`` are shell wildcards (``*``
    also crosses ``/``).
    """

    root: Path
    patterns: tuple[str, ...]

    def match(self, path: str | os.PathLike[str]) -> bool:
        """True when a pattern covers ``path`` (a file outside ``root`` is never covered)."""
        absolute = Path(path).absolute()
        try:
            parts = PurePosixPath(absolute.relative_to(self.root).as_posix()).parts
        except ValueError:
            return False
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        for pattern in self.patterns:
            clean = pattern.strip("/")
            if "/" not in clean:
                if any(fnmatchcase(part, clean) for part in parts):
                    return True
            elif any(fnmatchcase(prefix, clean) for prefix in prefixes):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for ``trialmodel validate``; the defaults check everything, not strictly."""

    source: Path | None = None
    """The file the settings were read from, if any."""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    strict: bool = False
    exclude: tuple[Patterns, ...] = ()
    per_file_ignores: tuple[tuple[Patterns, tuple[str, ...]], ...] = field(default=())

    def excluded(self, path: str | os.PathLike[str]) -> bool:
        """True when an ``exclude`` pattern covers ``path``."""
        return any(patterns.match(path) for patterns in self.exclude)

    def ignored_for(self, path: str | os.PathLike[str]) -> tuple[str, ...]:
        """The codes ``ignore`` and ``per-file-ignores`` drop for ``path``."""
        extra = [code for p, codes in self.per_file_ignores if p.match(path) for code in codes]
        return (*self.ignore, *extra)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``trialmodel.toml``, or ``pyproject.toml`` with ``[tool.trialmodel]``, in
    ``start`` (default: the current folder) or a folder above it, up to the root of the git
    repository it is in (a folder holding ``.git``)."""
    folder = Path(start or Path.cwd()).absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and "trialmodel" in _read(pyproject).get("tool", {}):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def load_config(path: str | os.PathLike[str]) -> Config:
    """The settings in ``path`` (``trialmodel.toml``, or a ``pyproject.toml``'s table)."""
    file = Path(path)
    data = _read(file)
    if file.name == PYPROJECT:
        data = data.get("tool", {}).get("trialmodel", {})
    return _parse(data, file)


def _read(file: Path) -> dict[str, Any]:
    import tomllib

    try:
        with file.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from exc


def _parse(data: Mapping[str, Any], file: Path) -> Config:
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(f"{file}: unknown key '{key}'{hint}")
    root = file.parent.absolute()
    strict = data.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{file}: 'strict' must be true or false")
    select = data.get("select")
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{file}: 'per-file-ignores' must be a table of pattern = [codes]")
    return Config(
        source=file,
        select=None if select is None else _codes(select, "select", file),
        ignore=_codes(data.get("ignore", []), "ignore", file),
        strict=strict,
        exclude=(Patterns(root, _strings(data.get("exclude", []), "exclude", file)),),
        per_file_ignores=tuple(
            (Patterns(root, (pattern,)), _codes(codes, f"per-file-ignores.{pattern}", file))
            for pattern, codes in per_file.items()
        ),
    )


def _strings(value: object, key: str, file: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{file}: '{key}' must be a list of strings")
    return tuple(value)


def _codes(value: object, key: str, file: Path) -> tuple[str, ...]:
    codes = _strings(value, key, file)
    unknown = unknown_codes(codes)
    if unknown:
        raise ConfigError(
            f"{file}: '{key}' names unknown code {unknown[0]!r}{_suggest(unknown[0])}"
        )
    return codes


def unknown_codes(selectors: Collection[str]) -> list[str]:
    """The selectors that name no catalogued code (an exact code, or a prefix ending in ``_``)."""
    from trialmodel.catalog import known_codes

    known = known_codes()
    return [
        s
        for s in selectors
        if not any(c == s or (s.endswith("_") and c.startswith(s)) for c in known)
    ]


def selector_problems(selectors: Collection[str], option: str = "--select") -> list[str]:
    """What is wrong with the codes given to a command-line ``option``: none at all, and each
    code that names no catalogued code, with a did-you-mean."""
    if not selectors:
        return [f"{option} needs at least one code"]
    problems = []
    for code in unknown_codes(selectors):
        close = _closest(code)
        hint = f" (did you mean '{close}'?)" if close else ""
        problems.append(f"{option}: unknown code '{code}'{hint}")
    return problems


def _closest(code: str) -> str | None:
    from trialmodel.catalog import known_codes

    close = difflib.get_close_matches(code, sorted(known_codes()), n=1)
    return close[0] if close else None


def _suggest(code: str) -> str:
    from trialmodel.catalog import known_codes

    close = difflib.get_close_matches(code, sorted(known_codes()), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""
