"""The routes' EDQM Standard Terms codes: one home (ROUTE_EDQM), shown in schema and docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from trialmodel.model.vocab import EDQM_STANDARD_TERMS, ROUTE_EDQM, Route

ROOT = Path(__file__).parents[3]

NO_EDQM_TERM = {Route.INTRAMYOCARDIAL, Route.INTRATRACHEAL, Route.TOPICAL, Route.OTHER}
"""Routes that EDQM has no term of the same meaning for; every other route has a code."""


def test_every_route_has_a_code_or_is_named_as_having_none() -> None:
    assert set(ROUTE_EDQM) | NO_EDQM_TERM == set(Route)
    assert not set(ROUTE_EDQM) & NO_EDQM_TERM


def test_codes_are_edqm_route_codes_each_used_once() -> None:
    codes = [code for code, _ in ROUTE_EDQM.values()]
    assert all(re.fullmatch(r"20\d{6}", code) for code in codes), codes
    assert len(set(codes)) == len(codes)
    terms = [term for _, term in ROUTE_EDQM.values()]
    assert len(set(terms)) == len(terms)


def test_the_routes_added_for_cell_therapy_have_their_edqm_codes() -> None:
    """The issue's routes, against EDQM's published value set (codes and terms as spelt there)."""
    assert ROUTE_EDQM[Route.INTRANASAL] == ("20049000", "Nasal use")
    assert ROUTE_EDQM[Route.INTRADISCAL] == ("20031000", "Intradiscal use")
    assert ROUTE_EDQM[Route.INTRAOSSEOUS] == ("20036500", "Intraosseous use")
    assert ROUTE_EDQM[Route.INTRAPERITONEAL] == ("20038000", "Intraperitoneal use")
    assert ROUTE_EDQM[Route.INTRACEREBRAL] == ("20027010", "Intracerebral use")
    assert ROUTE_EDQM[Route.SUBRETINAL] == ("20081000", "Subretinal use")
    assert ROUTE_EDQM[Route.EPIDURAL] == ("20009000", "Epidural use")


def test_the_exported_schema_and_the_reference_show_every_code() -> None:
    schema = json.loads((ROOT / "schemas" / "trial-record.schema.json").read_text(encoding="utf-8"))
    description = schema["$defs"]["Route"]["description"]
    reference = (ROOT / "docs" / "record-format.md").read_text(encoding="utf-8")
    assert EDQM_STANDARD_TERMS in description
    for route, (code, term) in ROUTE_EDQM.items():
        shown = f"{route.value} {code} ({term})"
        assert shown in description and shown in reference
    for route in NO_EDQM_TERM - {Route.OTHER}:
        assert route.value in description.split("have no term")[0].rsplit(";", 1)[-1]


def test_cell_types_and_tissue_sources_carry_checked_ontology_ids() -> None:
    """Cell types map to Cell Ontology ids, tissue sources to Uberon ids, each id once, as the
    ontologies spell them (checked against CL's release file and Uberon's term pages)."""
    from trialmodel.model.vocab import (
        CELL_TYPE_CL,
        TISSUE_SOURCE_UBERON,
        CellType,
        TissueSource,
    )

    assert CELL_TYPE_CL[CellType.MESENCHYMAL_STEM_STROMAL_CELL] == (
        "CL:0000134",
        "mesenchymal stem cell",
    )
    assert CELL_TYPE_CL[CellType.NK_CELL] == ("CL:0000623", "natural killer cell")
    assert TISSUE_SOURCE_UBERON[TissueSource.BONE_MARROW] == ("UBERON:0002371", "bone marrow")
    for table, pattern in ((CELL_TYPE_CL, r"CL:\d{7}"), (TISSUE_SOURCE_UBERON, r"UBERON:\d{7}")):
        codes = [code for code, _ in table.values()]  # type: ignore[attr-defined]
        assert all(re.fullmatch(pattern, code) for code in codes), codes
        assert len(set(codes)) == len(codes)
    assert CellType.OTHER not in CELL_TYPE_CL and TissueSource.OTHER not in TISSUE_SOURCE_UBERON
    assert CellType.MESENCHYMAL_PROGENITOR_CELL not in CELL_TYPE_CL


def test_the_exported_schema_and_the_reference_show_every_ontology_id() -> None:
    """Each CL and Uberon id (an islet's too) is in the exported schema's description of its
    enumeration and in the field reference."""
    from trialmodel.model.vocab import CELL_TYPE_CL, CELL_TYPE_UBERON, TISSUE_SOURCE_UBERON

    schema = json.loads((ROOT / "schemas" / "trial-record.schema.json").read_text(encoding="utf-8"))
    reference = (ROOT / "docs" / "record-format.md").read_text(encoding="utf-8")
    for name, table in (
        ("CellType", CELL_TYPE_CL),
        ("CellType", CELL_TYPE_UBERON),
        ("TissueSource", TISSUE_SOURCE_UBERON),
    ):
        description = schema["$defs"][name]["description"]
        for kind, (code, label) in table.items():  # type: ignore[attr-defined]
            shown = f"{kind.value} {code} ({label})"
            assert shown in description and shown in reference, shown
