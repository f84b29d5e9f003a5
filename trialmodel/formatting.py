"""``trialmodel fmt``: a curated record rewritten in the house style, comments kept, data unchanged.

The file is read twice: by the record loader (``trialmodel.loading``), which says what the data
is, and by ruamel.yaml's round-trip reader, which keeps the comments. The round-trip tree is then
restyled in place with the writer's own rules (``trialmodel.writing.styled``: the quoting, the
literal and folded blocks of ``trialmodel import``), keys are put in model order and flow
collections become block collections. Numbers, booleans and comments stay as written.

Formatting never changes data: the new text is loaded again and must give exactly the data the
old text gave, or ``FormatError`` is raised and nothing is written. A file with a YAML error
(the loader's errors: syntax, duplicate keys, aliases, tags...) is not formatted.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict

from trialmodel.errors import TrialmodelError
from trialmodel.findings import Severity
from trialmodel.loading import SourceMap, load_bytes
from trialmodel.model.base import model_in
from trialmodel.model.record import TrialRecord
from trialmodel.writing import round_trip_yaml, styled

__all__ = [
    "FormatError",
    "SourceError",
    "format_file",
    "format_text",
    "read_source",
    "record_to_rewrite",
]


class FormatError(TrialmodelError):
    """A file that cannot be formatted; the message names the file and, where known, the place."""


@dataclass(frozen=True, slots=True)
class Formatted:
    """A file's text before and after formatting."""

    path: Path
    before: str
    after: str

    @property
    def changed(self) -> bool:
        """True when formatting changes the file."""
        return self.before != self.after


def format_text(text: str, file: str = "<record>", *, any_version: bool = False) -> str:
    """``text`` (a record's YAML) in the house style. Raises ``FormatError``, also for a record of
    another major format version unless ``any_version`` (``trialmodel migrate`` formats 1.x)."""
    data = _data(text, file, any_version=any_version)
    rt = round_trip_yaml()
    document = rt.load(text)
    _restyle_map(document, data, TrialRecord, 0)
    out = io.StringIO()
    rt.dump(document, out)
    result = out.getvalue()
    if _data(result, file, any_version=any_version) != data:
        raise FormatError(f"{file}: formatting would change the data; the file is left as it is")
    return result


class SourceError(TrialmodelError, ValueError):
    """A record file that cannot be read to be rewritten; ``unreadable`` when it cannot be read
    at all (not a regular file, missing, no permission), as against too large or not UTF-8."""

    def __init__(self, message: str, *, unreadable: bool) -> None:
        super().__init__(message)
        self.unreadable = unreadable


def read_source(file: Path) -> tuple[bytes, str]:
    """The bytes and text of a record file that `fmt` or `migrate` is to rewrite, read as
    `validate` reads it: a regular file only (a FIFO or a device is refused, never waited on), at
    most the loader's size limit, UTF-8. Raises ``SourceError`` naming the file."""
    from trialmodel.loading import MAX_FILE_BYTES
    from trialmodel.loading.files import TooLargeError, UnreadableError, read_regular

    try:
        raw = read_regular(file, MAX_FILE_BYTES)
    except UnreadableError as exc:
        raise SourceError(f"{file}: {exc.message}", unreadable=True) from None
    except TooLargeError as exc:
        message = f"the file is {exc.size} bytes, over the limit of {MAX_FILE_BYTES} for one record"
        raise SourceError(f"{file}: {message}", unreadable=False) from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"{file}: not UTF-8", unreadable=False) from None


def format_file(path: str | os.PathLike[str]) -> Formatted:
    """Read ``path`` and format it (nothing is written). Raises ``FormatError``."""
    file = Path(path)
    try:
        _, before = read_source(file)
    except SourceError as exc:
        raise FormatError(str(exc)) from None
    return Formatted(file, before, format_text(before, str(file)))


def record_to_rewrite(
    text: str, file: str, refuse: Callable[[str], TrialmodelError], verb: str
) -> tuple[dict[str, Any], SourceMap]:
    """A record's text read for a rewrite (``fmt``, ``migrate``): its data and source map. The
    loader's first error, or a file that is not a mapping, is refused as ``refuse(message)``,
    the message naming the place and ending "; not <verb>"."""
    loaded = load_bytes(text.encode("utf-8"), file)
    for finding in loaded.findings:
        if finding.severity is Severity.ERROR:
            where = f"{finding.file}:{finding.line}:{finding.column}"
            raise refuse(f"{where}: {finding.code}: {finding.message}; not {verb}")
    if loaded.data is None:
        raise refuse(f"{file}: not a record; not {verb}")
    return loaded.data, loaded.source_map


def _data(text: str, file: str, *, any_version: bool = False) -> dict[str, Any]:
    data, source_map = record_to_rewrite(text, file, FormatError, "formatted")
    from trialmodel.validation.files import version_finding

    old = None if any_version else version_finding(file, data, source_map)
    if old is not None:
        where = f"{old.file}:{old.line}:{old.column}"
        raise FormatError(f"{where}: {old.code}: {old.message}; not formatted ({old.hint})")
    return data


Model = type[BaseModel] | None


def _restyle_map(node: CommentedMap, data: Mapping[str, Any], model: Model, indent: int) -> None:
    """Keys in model order (others after, as they were), every value restyled."""
    node.fa.set_block_style()
    fields = model.model_fields if model is not None else {}
    order = [k for k in fields if k in node] + [k for k in node if k not in fields]
    for key in order:
        node.move_to_end(key)
    for key in order:
        info = fields.get(key)
        sub = model_in(info.annotation) if info is not None else None
        # ruamel's own __setitem__ would keep the old quoting style: set the value itself.
        ordereddict.__setitem__(node, key, _restyled(node[key], data[key], sub, indent + 2))


def _restyled(value: Any, data: Any, model: Model, indent: int) -> Any:
    if isinstance(value, CommentedMap):
        _restyle_map(value, data, model, indent)
        return value
    if isinstance(value, CommentedSeq):
        value.fa.set_block_style()
        for index, item in enumerate(value):
            list.__setitem__(value, index, _restyled(item, data[index], model, indent + 2))
        return value
    if isinstance(data, str):
        return styled(data, indent)
    return value
