"""Rows -> files: Parquet through pyarrow, CSV through the standard library.

Each table is written to a temporary file in the output folder and renamed into place when it is
complete, so a reader never sees half a table. Rows are written in batches of trials, so memory
holds one batch of rows, not the whole output.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Protocol

from trialmodel import formats
from trialmodel.formats import TableFormat
from trialmodel.outputs import check_free
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.tables.columns import TABLES, Table
from trialmodel.outputs.tables.rows import Row, trial_rows

__all__ = ["TABLE_FORMATS", "write_tables"]

TABLE_FORMATS = formats.TABLES
BATCH_TRIALS = 500
"""How many trials' rows are held before they are written out."""


class _Sink(Protocol):
    def write(self, rows: list[Row]) -> None: ...
    def close(self) -> None: ...


class _CsvSink:
    def __init__(self, table: Table, stream: Any) -> None:
        self._table = table
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(table.names)

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            self._writer.writerow(_cell(row[name]) for name in self._table.names)

    def close(self) -> None:
        pass


def _cell(value: object) -> object:
    """A CSV cell: empty for absent, true/false for booleans, repr-exact numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


_ARROW_TYPES = {"string": "string", "int64": "int64", "double": "float64", "bool": "bool_"}


class _ParquetSink:
    def __init__(self, table: Table, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        fields = [pa.field(c.name, getattr(pa, _ARROW_TYPES[c.type])()) for c in table.columns]
        self._schema = pa.schema(fields)
        self._pa = pa
        self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")

    def write(self, rows: list[Row]) -> None:
        if rows:
            self._writer.write_table(self._pa.Table.from_pylist(rows, schema=self._schema))

    def close(self) -> None:
        self._writer.close()


def table_paths(out: Path, fmt: TableFormat) -> dict[str, Path]:
    """The file each table is written to."""
    return {name: out / f"{name}.{fmt}" for name in TABLES}


def _batches(trials: Iterable[TrialHistory]) -> Iterator[dict[str, list[Row]]]:
    batch: dict[str, list[Row]] = {name: [] for name in TABLES}
    count = 0
    for trial in trials:
        for name, rows in trial_rows(trial).items():
            batch[name].extend(rows)
        count += 1
        if count == BATCH_TRIALS:
            yield batch
            batch, count = {name: [] for name in TABLES}, 0
    if count:
        yield batch


def write_tables(
    trials: Iterable[TrialHistory], out: Path, fmt: TableFormat = "parquet", *, force: bool = False
) -> dict[str, Path]:
    """Write every table into ``out``; return the files. ``OutputExistsError`` before writing
    anything if a file would be replaced without ``force``."""
    paths = table_paths(out, fmt)
    check_free(paths.values(), force=force)
    out.mkdir(parents=True, exist_ok=True)
    temporary = {name: _temporary(path) for name, path in paths.items()}
    try:
        with ExitStack() as stack:
            sinks = {name: _open(TABLES[name], temporary[name], fmt, stack) for name in TABLES}
            for batch in _batches(trials):
                for name, rows in batch.items():
                    sinks[name].write(rows)
            for sink in sinks.values():
                sink.close()
        for name, path in paths.items():
            temporary[name].replace(path)
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)
    return paths


def _temporary(path: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    Path(name).chmod(0o644)
    return Path(name)


def _open(table: Table, path: Path, fmt: TableFormat, stack: ExitStack) -> _Sink:
    if fmt == "csv":
        stream = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
        return _CsvSink(table, stream)
    return _ParquetSink(table, path)
