"""Every code in the vocabulary tables is the one its code list gives, as read from a copy of it.

tests/data/vocab-code-sources.tsv is the record of that reading: code, label and which copy
(named in its header) it was read from. A code added to a table without a row there fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

from trialmodel.model.vocab import (
    CELL_TYPE_CL,
    CELL_TYPE_UBERON,
    ROUTE_EDQM,
    TISSUE_SOURCE_UBERON,
    CellType,
    TissueSource,
)

SOURCES = Path(__file__).parents[2] / "data" / "vocab-code-sources.tsv"

SOURCE_OF = {"CL": "cl-2026-03-26", "UBERON": "uberon-2026-04-01", "EDQM": "edqm-ch-epl"}
"""Which copy each code system was read from (the keys of the file's header)."""

TABLES = {
    "CL": CELL_TYPE_CL,
    "UBERON": {**CELL_TYPE_UBERON, **TISSUE_SOURCE_UBERON},
    "EDQM": ROUTE_EDQM,
}

NO_ONTOLOGY_ID = {
    CellType.MESENCHYMAL_PROGENITOR_CELL,
    CellType.CAR_T_CELL,
    CellType.CAR_NK_CELL,
    CellType.INDUCED_PLURIPOTENT_STEM_CELL_DERIVED,
    CellType.EMBRYONIC_STEM_CELL_DERIVED,
    CellType.INDUCED_PLURIPOTENT_STEM_CELL,
    CellType.STROMAL_VASCULAR_FRACTION,
    CellType.BONE_MARROW_ASPIRATE_CONCENTRATE,
    CellType.ADIPOSE_DERIVED_REGENERATIVE_CELLS,
    CellType.VIRUS_SPECIFIC_T_CELL,
    CellType.TUMOR_INFILTRATING_LYMPHOCYTE,
    CellType.OTHER,
    TissueSource.PERIPHERAL_BLOOD,
    TissueSource.AMNIOTIC,
    TissueSource.SYNOVIUM,
    TissueSource.OTHER,
}
"""Values left without an id: no term of the same meaning was read (product.py says why)."""


def _rows() -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, label, source = line.split("\t")
            assert code not in rows, f"{code} is listed twice"
            rows[code] = (label, source)
    return rows


def _system(code: str) -> str:
    return "EDQM" if re.fullmatch(r"20\d{6}", code) else code.split(":")[0]


def test_every_table_code_has_the_label_read_from_its_code_list() -> None:
    """Each id in the tables is in the record of what was read, with the same label and source."""
    rows = _rows()
    for system, table in TABLES.items():
        for value, (code, label) in table.items():  # type: ignore[attr-defined]
            assert code in rows, f"{value.value} {code}: no copy of the code list was read"
            assert rows[code] == (label, SOURCE_OF[system]), (value.value, code)


def test_every_code_read_is_used_and_every_source_is_described() -> None:
    """The record holds no code the tables dropped, and names each copy in its header."""
    rows = _rows()
    used = {code for table in TABLES.values() for code, _ in table.values()}  # type: ignore[attr-defined]
    assert set(rows) == used
    header = "\n".join(
        line for line in SOURCES.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    )
    for code, (_, source) in rows.items():
        assert SOURCE_OF[_system(code)] == source, code
        assert re.search(rf"^#\s+{re.escape(source)}\s", header, re.MULTILINE), source


def test_each_cell_type_and_tissue_source_is_mapped_or_named_as_unmapped() -> None:
    """Every value either has an id or is named as having none; no value is both."""
    mapped = set(CELL_TYPE_CL) | set(CELL_TYPE_UBERON) | set(TISSUE_SOURCE_UBERON)
    assert mapped | NO_ONTOLOGY_ID == set(CellType) | set(TissueSource)
    assert not mapped & NO_ONTOLOGY_ID
    assert not set(CELL_TYPE_CL) & set(CELL_TYPE_UBERON)


def test_the_tissue_ids_seen_only_in_papers_are_confirmed_in_uberon() -> None:
    """The five ids first met in third-party text are the ones Uberon's own file gives."""
    assert TISSUE_SOURCE_UBERON[TissueSource.UMBILICAL_CORD] == ("UBERON:0002331", "umbilical cord")
    assert TISSUE_SOURCE_UBERON[TissueSource.PLACENTA] == ("UBERON:0001987", "placenta")
    assert TISSUE_SOURCE_UBERON[TissueSource.AMNIOTIC_FLUID] == ("UBERON:0000173", "amniotic fluid")
    assert TISSUE_SOURCE_UBERON[TissueSource.AMNIOTIC_MEMBRANE] == ("UBERON:0000305", "amnion")
    assert TISSUE_SOURCE_UBERON[TissueSource.ENDOMETRIUM] == ("UBERON:0001295", "endometrium")
    assert CELL_TYPE_UBERON[CellType.PANCREATIC_ISLET] == ("UBERON:0000006", "islet of Langerhans")


def test_the_tissue_sources_named_in_mesenchymal_trials_have_their_release_ids() -> None:
    """Cord blood, Wharton's jelly, menstrual blood and SHED's teeth carry Uberon's ids."""
    assert TISSUE_SOURCE_UBERON[TissueSource.UMBILICAL_CORD_BLOOD] == (
        "UBERON:0012168",
        "umbilical cord blood",
    )
    assert TISSUE_SOURCE_UBERON[TissueSource.WHARTONS_JELLY] == (
        "UBERON:0003422",
        "mesenchyme of umbilical cord",
    )
    assert TISSUE_SOURCE_UBERON[TissueSource.MENSTRUAL_BLOOD] == (
        "UBERON:8480042",
        "menstrual fluid",
    )
    assert TISSUE_SOURCE_UBERON[TissueSource.EXFOLIATED_DECIDUOUS_TEETH] == (
        "UBERON:0007115",
        "deciduous tooth",
    )
    assert CELL_TYPE_CL[CellType.EMBRYONIC_STEM_CELL] == ("CL:0002322", "embryonic stem cell")
