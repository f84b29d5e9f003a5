"""The data dictionary of the analysis tables (docs/tables.md), rendered from ``columns.TABLES``.

Column descriptions are the model's field docstrings, so ``trialmodel schema`` regenerates this
page with the field reference and ``trialmodel schema --check`` fails when it is stale. The SQL
examples and their answers are checked by a test that runs them with DuckDB on records/.
"""

from __future__ import annotations

from trialmodel.outputs.tables.columns import LIST_SEPARATOR, TABLES, Table
from trialmodel.schema.build import GENERATED_NOTE

__all__ = ["DICTIONARY_NAME", "EXAMPLES", "render_dictionary"]

DICTIONARY_NAME = "tables.md"
"""The dictionary's file name, beside the field reference."""

_INTRO = f"""\
# Analysis tables: `trialmodel table`

```
trialmodel table PATH... --out DIR [--format parquet|csv] [--force]
```

writes one table per entity of the records into `DIR`, one file each named after it
(`trials.parquet`, `dose_levels.parquet`, ...), for analysts who work in R, pandas or DuckDB.
A PATH is a record file or a folder of records; the earlier registry versions of `DIR/<NCT>.yaml`
are read from `DIR/history/<NCT>/`, as `trialmodel history` reads them. Every input is read and
validated before anything is written; a record that does not validate is reported with its first
problems, and the command exits 2 having written nothing. Existing tables are replaced only with
`--force`; each file is written under a temporary name and renamed when complete.

Parquet (the default) needs the extra: `pip install 'trialmodel[tables]'` (pyarrow). CSV needs
nothing beyond trialmodel: UTF-8, a header row, `,` between cells, an absent value as an empty
cell, booleans as `true`/`false`.

## Conventions

- **Keys.** Every table but `changes` is keyed by `(trial_id, version)` and its own index columns
  (bold below). `trial_id` is the record's id: its primary registration's id, else its NCT id.
  `version` counts the registry versions held of a trial from 1, the oldest, to the current
  record; `trials.is_current` marks the current one. Indexes are positions in the record, from 1;
  join a dose level to its intervention on `(trial_id, version, intervention) = (trial_id,
  version, name)`, an intervention to its product on `(trial_id, version, product_name) =
  (trial_id, version, name)`. A list inside a product (its markers, vesicle quantification,
  priming) is a table keyed by the product's position and its own.
- **One row per thing.** A study run in parts has a `design_parts` row per part; its arms name
  their parts (`arms.parts`). Each registration, regulator's designation and sourced value
  (`provenance.values`) is a row. A section the record lacks gives no row, or null columns.
- **Absent is null.** A value that no source gives is null (an empty CSV cell), never 0 or "".
- **Dates stay partial.** Registry dates are text `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, exactly as
  precise as the record: `2021-05` is never widened to a day. `left(start_date, 4)` is the year.
  Parquet keeps them text; reading a CSV, DuckDB guesses a column of full dates as DATE unless
  told `read_csv('registrations.csv', all_varchar = true)`.
- **Lists** of texts (phases, conditions, flags) are joined with `{LIST_SEPARATOR}` in one cell:
  `string_split(phases, '{LIST_SEPARATOR}')` in DuckDB splits them again.
- **Values** of enumerations are the registry's spellings (`RECRUITING`, `PHASE1`), as in the
  record format (docs/record-format.md).
- The column descriptions below are the model's own field descriptions; the record path says
  which field a column holds (`arms[]` is each arm).

## Questions analysts ask, in DuckDB

Run on the tables of this repository's `records/` (`trialmodel table records --out tables`, then
`duckdb` in `tables/`). A test runs each query and compares its answer with the one shown.
"""

EXAMPLES: tuple[tuple[str, str, str], ...] = (
    (
        "Trials per status (current records):",
        "SELECT overall_status, count(*) AS trials FROM 'trials.parquet'\n"
        "WHERE is_current GROUP BY ALL ORDER BY ALL;",
        "ACTIVE_NOT_RECRUITING|1\nCOMPLETED|2\nRECRUITING|1\nSUSPENDED|1",
    ),
    (
        "Dose per kg body weight by cell type (current records; a range counts its high end):",
        "SELECT i.cell_type, count(*) AS dose_levels, min(d.dose_value) AS lowest,\n"
        "       max(coalesce(d.dose_max, d.dose_value)) AS highest\n"
        "FROM 'dose_levels.parquet' d\n"
        "JOIN 'interventions.parquet' i\n"
        "  ON (d.trial_id, d.version, d.intervention) = (i.trial_id, i.version, i.name)\n"
        "JOIN 'trials.parquet' t ON (t.trial_id, t.version) = (d.trial_id, d.version)\n"
        "WHERE t.is_current AND d.basis = 'PER_KG_BODY_WEIGHT'\n"
        "GROUP BY ALL ORDER BY ALL;",
        "MESENCHYMAL_STEM_STROMAL_CELL|7|500000.0|4000000.0",
    ),
    (
        "Status changes per year (the year of the newer version):",
        "SELECT left(to_date, 4) AS year, count(*) AS status_changes FROM 'changes.parquet'\n"
        "WHERE kind = 'status_changed' GROUP BY ALL ORDER BY ALL;",
        "2020|1\n2022|1\n2024|1",
    ),
    (
        "Primary-outcome changes per trial:",
        "SELECT trial_id, count(*) AS primary_outcome_changes FROM 'changes.parquet'\n"
        "WHERE path LIKE 'outcomes.primary%' GROUP BY ALL ORDER BY ALL;",
        "NCT02594839|1\nNCT03929120|1\nNCT06111846|1",
    ),
    (
        "Registries the current records name a registration in (a record that names none is "
        "keyed by its NCT id):",
        "SELECT r.registry, count(*) AS trials FROM 'registrations.parquet' r\n"
        "JOIN 'trials.parquet' t USING (trial_id, version)\n"
        "WHERE t.is_current GROUP BY ALL ORDER BY ALL;",
        "CHICTR|1\nCTGOV|1",
    ),
    (
        "Arms per part, for trials run in parts:",
        "SELECT p.trial_id, p.label AS part, p.phases, p.masking, count(*) AS arms\n"
        "FROM 'design_parts.parquet' p\n"
        "JOIN 'arms.parquet' a ON (a.trial_id, a.version) = (p.trial_id, p.version)\n"
        "  AND list_contains(string_split(p.arms, '|'), a.label)\n"
        "GROUP BY ALL ORDER BY ALL;",
        "NCT07632599|Phase 1 (dose-escalation)|PHASE1|NONE|1\n"
        "NCT07632599|Phase 2 (dose-expansion)|PHASE2|DOUBLE|2",
    ),
    (
        "Values whose source the current records name, and from how many sources:",
        "SELECT t.trial_id, count(*) AS values_sourced, count(DISTINCT v.source) AS sources\n"
        "FROM 'value_sources.parquet' v JOIN 'trials.parquet' t USING (trial_id, version)\n"
        "WHERE t.is_current GROUP BY ALL ORDER BY ALL;",
        "NCT02594839|10|5\nNCT03929120|7|4\nNCT04544215|5|2\nNCT06111846|5|2\nNCT07632599|3|2",
    ),
)
"""(question, SQL, answer rows with cells joined by ``|``): shown in the dictionary and run by a
test on the tables of records/."""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    keys = ", ".join(f"`{k}`" for k in table.key)
    lines = [
        f"### `{table.name}`",
        "",
        f"{table.description} Key: {keys}.",
        "",
        "| column | type | record path | description |",
        "|---|---|---|---|",
    ]
    for column in table.columns:
        name = f"**`{column.name}`**" if column.name in table.key else f"`{column.name}`"
        path = f"`{column.path}`" if column.path else ""
        lines.append(f"| {name} | {column.type} | {path} | {_cell(column.description)} |")
    return [*lines, ""]


def render_dictionary() -> str:
    """docs/tables.md: how to run the command, the conventions, examples and every column."""
    lines = [f"<!-- {GENERATED_NOTE} -->", "", _INTRO]
    for question, sql, answer in EXAMPLES:
        lines += [question, "", "```sql", sql, "```", "", "```", answer, "```", ""]
    lines += ["## The tables", ""]
    for table in TABLES.values():
        lines += _table(table)
    return "\n".join(lines).rstrip("\n") + "\n"
