"""Tests for `trialmodel table`: the tables' columns, DuckDB answers, CSV, bad input, volume."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.acceptance.conftest import RECORDS
from trialmodel.cli import main
from trialmodel.cli import outputs as cli_outputs
from trialmodel.outputs.collect import collect
from trialmodel.outputs.tables.columns import TABLES
from trialmodel.outputs.tables.dictionary import EXAMPLES
from trialmodel.outputs.tables.rows import trial_rows
from trialmodel.outputs.tables.writing import TABLE_FORMATS

VALID = Path(__file__).parents[1] / "examples" / "valid"


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def record_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Parquet tables of records/."""
    out = tmp_path_factory.mktemp("tables")
    assert main(["table", str(RECORDS), "--out", str(out)]) == 0
    return out


def test_rows_have_exactly_the_declared_columns() -> None:
    """Every row records/ and the valid examples give has the columns its table declares, no
    more, no fewer; between them they fill every table."""
    seen = set()
    for path in [RECORDS, *sorted(VALID.glob("*.yaml"))]:
        collected = collect([path])
        assert collected.errors == ()
        for trial in collected.trials:
            for name, rows in trial_rows(trial).items():
                for row in rows:
                    assert tuple(row) == TABLES[name].names, name
                    seen.add(name)
    assert seen == set(TABLES)


def test_parquet_files_have_the_declared_schema(record_tables: Path) -> None:
    """Each table is one Parquet file named after it, with the declared columns and types."""
    for table in TABLES.values():
        schema = pq.read_schema(record_tables / f"{table.name}.parquet")
        assert schema.names == list(table.names)
        kinds = {"string": "string", "int64": "int64", "double": "double", "bool": "bool"}
        assert [str(t) for t in schema.types] == [kinds[c.type] for c in table.columns]


def test_duckdb_answers_the_analysts_questions(record_tables: Path) -> None:
    """The dictionary's SQL examples give, in DuckDB, the answers the dictionary shows."""
    db = duckdb.connect()
    for question, sql, answer in EXAMPLES:
        db.execute(f"SET file_search_path = '{record_tables}'")
        rows = db.sql(sql).fetchall()
        got = "\n".join("|".join(str(cell) for cell in row) for row in rows)
        assert got == answer, question


def test_keys_are_unique_and_versions_complete(record_tables: Path) -> None:
    """No two rows share a key; every trial has one current version; NCT03929120 has two."""
    db = duckdb.connect()
    for table in TABLES.values():
        keys = ", ".join(table.key)
        path = record_tables / f"{table.name}.parquet"
        dupes = db.sql(f"SELECT {keys} FROM '{path}' GROUP BY ALL HAVING count(*) > 1").fetchall()
        assert dupes == [], table.name
    trials = record_tables / "trials.parquet"
    current = db.sql(f"SELECT count(*) FROM '{trials}' WHERE is_current").fetchall()
    assert current == [(len(list(RECORDS.glob("*.yaml"))),)]
    history = db.sql(
        f"SELECT version, overall_status FROM '{trials}' WHERE nct_id = 'NCT03929120' ORDER BY 1"
    ).fetchall()
    assert history == [(1, "RECRUITING"), (2, "COMPLETED")]


def test_csv_holds_the_same_rows_as_parquet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, record_tables: Path
) -> None:
    """CSV through the standard library: same header and rows; absent is an empty cell."""
    code, out, _ = _run(capsys, "table", RECORDS, "--out", tmp_path, "--format", "csv")
    assert code == 0 and f"wrote {len(TABLES)} files for 5 trials" in out
    for table in TABLES.values():
        with (tmp_path / f"{table.name}.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        assert tuple(rows[0]) == table.names
        parquet = pq.read_table(record_tables / f"{table.name}.parquet").to_pylist()
        assert len(rows) - 1 == len(parquet), table.name
        for got, want in zip(rows[1:], parquet, strict=True):
            for cell, value in zip(got, want.values(), strict=True):
                if value is None:
                    assert cell == ""
                elif isinstance(value, bool):
                    assert cell == str(value).lower()
                else:
                    assert type(value)(cell) == value


def test_existing_tables_are_kept_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A table file that exists is not replaced unless --force; then it is."""
    (tmp_path / "trials.csv").write_text("mine\n", encoding="utf-8")
    code, _, err = _run(capsys, "table", RECORDS, "--out", tmp_path, "--format", "csv")
    assert code == 2 and "trials.csv exists" in err
    assert (tmp_path / "trials.csv").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trials.csv"]
    code, _, _ = _run(capsys, "table", RECORDS, "--out", tmp_path, "--format", "csv", "--force")
    assert code == 0 and (tmp_path / "trials.csv").read_text(encoding="utf-8") != "mine\n"


def test_every_bad_input_is_reported_and_nothing_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A missing path and an invalid record are both reported, exit 2, and no table is written."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: '2.0'\nidentification: {nct_id: NCT1}\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = _run(capsys, "table", bad, tmp_path / "missing", RECORDS, "--out", out)
    assert code == 2
    assert f"{bad}: not a valid record" in err and "nct_id_format" in err
    assert f"{tmp_path / 'missing'}: no such file or directory" in err
    assert "Traceback" not in err and not out.exists()


def test_cli_spells_the_formats_the_library_writes() -> None:
    """The parser's --format choices are the writer's formats."""
    assert cli_outputs.TABLE_FORMATS == TABLE_FORMATS


def test_tables_of_the_imported_corpus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_records: Path
) -> None:
    """The imported registry corpus becomes tables with a row per trial and per site."""
    from trialmodel.changes.versions import read_version

    files = sorted(corpus_records.glob("*.yaml"))
    code, out, err = _run(capsys, "table", corpus_records, "--out", tmp_path)
    assert (code, err) == (0, "")
    assert f"for {len(files)} trials" in out
    db = duckdb.connect()
    trials = db.sql(f"SELECT count(*) FROM '{tmp_path / 'trials.parquet'}'").fetchall()
    assert trials == [(len(files),)]
    sites = sum(len(read_version(f).record.locations or []) for f in files)
    got = db.sql(f"SELECT count(*) FROM '{tmp_path / 'locations.parquet'}'").fetchall()
    assert got == [(sites,)] and sites > 1000


def test_a_missing_extra_is_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pyarrow, Parquet tables fail with the install command, not a traceback."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = _run(capsys, "table", RECORDS, "--out", tmp_path)
    assert code == 2
    assert err == (
        "trialmodel table: error: pyarrow is not installed: pip install 'trialmodel[tables]'\n"
    )
    assert list(tmp_path.iterdir()) == []  # no half-written table left behind
