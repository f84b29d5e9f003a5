"""Tests for the tables of record format 2.0's parts: design parts, registrations, products in
detail, regulation, per-value provenance and the snapshot's identity, read back through DuckDB."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.acceptance.conftest import RECORDS
from trialmodel.cli import main
from trialmodel.model.base import model_in
from trialmodel.model.regulation import Designation, EuRegulation, UsRegulation
from trialmodel.outputs.tables.columns import TABLES
from trialmodel.outputs.tables.columns.regulation import DESIGNATION_FIELDS
from trialmodel.outputs.tables.dictionary import render_dictionary

VALID = Path(__file__).parents[1] / "examples" / "valid"

Query = Callable[[str], list[tuple[Any, ...]]]


@pytest.fixture
def tables(tmp_path: Path) -> Callable[[Path, str], Query]:
    """Write the tables of one path (Parquet or CSV); return a DuckDB query over them (CSV read
    as text, so that each cell is compared as written)."""

    def write(path: Path, fmt: str = "parquet") -> Query:
        out = tmp_path / f"{path.stem}-{fmt}"
        assert main(["table", str(path), "--out", str(out), "--format", fmt]) == 0
        db = duckdb.connect()
        db.execute(f"SET file_search_path = '{out}'")
        return lambda sql: db.sql(sql).fetchall()

    return write


def test_design_parts_have_their_own_design_and_arms(tables: Callable[..., Query]) -> None:
    """Each part is a row with its phase, allocation, model, masking, arms and enrollment."""
    query = tables(VALID / "design-parts.yaml")
    assert query("SELECT * EXCLUDE (description) FROM 'design_parts.parquet' ORDER BY part") == [
        ("NCT00000000", 1, 1, "Part 1 (dose escalation)", "PHASE1", "NA", "SINGLE_GROUP",
         "NONE", None, "Open label", "Escalation", 12, "ESTIMATED"),
        ("NCT00000000", 1, 2, "Part 2 (expansion)", "PHASE2", "RANDOMIZED", "PARALLEL",
         "DOUBLE", "PARTICIPANT|INVESTIGATOR", "Double-blind, placebo-controlled",
         "MSC|Placebo", 28, "ESTIMATED"),
    ]  # fmt: skip
    assert query("SELECT label, parts FROM 'arms.parquet' ORDER BY arm") == [
        ("Escalation", "Part 1 (dose escalation)"),
        ("MSC", "Part 2 (expansion)"),
        ("Placebo", "Part 2 (expansion)"),
    ]


def test_arms_of_a_study_not_run_in_parts_name_no_part(tables: Callable[..., Query]) -> None:
    """Without design.parts the design_parts table is empty and arms.parts is null."""
    query = tables(VALID / "regulation.yaml")
    assert query("SELECT count(*) FROM 'design_parts.parquet'") == [(0,)]
    assert query("SELECT label, parts FROM 'arms.parquet' ORDER BY arm") == [
        ("MSC", None),
        ("Placebo", None),
    ]


def test_registrations_are_one_row_each_with_their_own_date(
    tables: Callable[..., Query],
) -> None:
    """Every registration the record lists is a row: registry, id, primary, its own date."""
    query = tables(VALID / "provenance.yaml")
    assert query("SELECT * EXCLUDE (url) FROM 'registrations.parquet' ORDER BY registration") == [
        ("NCT00000000", 1, 1, "CTGOV", "NCT00000000", True, "2021-01-05"),
        ("NCT00000000", 1, 2, "CTRI", "CTRI/2000/01/000000", None, "2021-02-10"),
    ]
    chictr = tables(VALID / "registrations.yaml", "csv")
    assert chictr("SELECT * FROM read_csv('registrations.csv', all_varchar = true)") == [
        ("ChiCTR0000000000", "1", "1", "CHICTR", "ChiCTR0000000000", "true", "2020-03-02",
         "https://www.chictr.org.cn/showprojEN.html?proj=00000"),
    ]  # fmt: skip
    trials = chictr("SELECT trial_id, nct_id FROM read_csv('trials.csv', all_varchar = true)")
    assert trials == [("ChiCTR0000000000", None)]


def test_products_hold_donor_manufacturing_characterisation_and_car(
    tables: Callable[..., Query],
) -> None:
    """Each product is one row; a section the product lacks leaves its columns null."""
    query = tables(VALID / "product-2.0.yaml")
    assert query(
        "SELECT name, code, inn, cell_type, derived_from, tissue_source, donor, donor_pooling,"
        " donors, donor_minimum_age, donor_kinship, hla_match, donor_screening,"
        " harvest_procedure, harvest_to_infusion_value, harvest_to_infusion_unit"
        " FROM 'products.parquet' ORDER BY product"
    ) == [
        ("EX-iMSC", "EXM-001", "examplestemcel-L", "MESENCHYMAL_STEM_STROMAL_CELL",
         "INDUCED_PLURIPOTENT_STEM_CELL", None, "ALLOGENEIC", "POOLED", 3, "18 Years",
         "UNRELATED", "NONE", "HIV, HBV, HCV and syphilis negative", None, None, None),
        ("EX-EV", None, None, "MESENCHYMAL_STEM_STROMAL_CELL", None, "UMBILICAL_CORD",
         "ALLOGENEIC", None, None, None, None, None, None, None, None, None),
        ("EX-CAR19", None, None, "CAR_T_CELL", None, "PERIPHERAL_BLOOD", "AUTOLOGOUS", None,
         None, None, None, None, None, "leukapheresis", 3.0, "WEEK"),
    ]  # fmt: skip
    assert query(
        "SELECT name, isct_criteria_met, plastic_adherent, chondrogenic, passage, passage_max,"
        " population_doublings, culture_supplements, preservation, post_thaw_viability_percent,"
        " release_criteria, manufacturing_site, gmp FROM 'products.parquet' ORDER BY product"
    ) == [
        ("EX-iMSC", True, True, True, 3, 5, 18.5, "HUMAN_PLATELET_LYSATE|XENO_FREE",
         "CRYOPRESERVED", 92.5, "viability ≥ 70%|sterile", "Example Cell Therapy Facility", True),
        ("EX-EV", None, None, None, None, None, None, None, None, None, None, None, None),
        ("EX-CAR19", None, None, None, None, None, None, None, None, None, None, None, None),
    ]  # fmt: skip
    assert query(
        "SELECT vesicle_source_material, vesicle_separation, vesicle_markers,"
        " vesicle_absent_markers FROM 'products.parquet' WHERE name = 'EX-EV'"
    ) == [
        ("CONDITIONED_MEDIUM", "TANGENTIAL_FLOW_FILTRATION|SIZE_EXCLUSION_CHROMATOGRAPHY",
         "CD63|CD81|TSG101", "calnexin"),
    ]  # fmt: skip
    assert query(
        "SELECT car_target_antigens, car_binder_format, car_binder, car_costimulatory_domains,"
        " car_generation, car_delivery, car_as_written FROM 'products.parquet'"
        " WHERE car_generation IS NOT NULL"
    ) == [("CD19", "SCFV", "FMC63 scFv", "CD137", "SECOND", "LENTIVIRAL", "anti-CD19-BBz")]


def test_lists_inside_a_product_are_tables_keyed_by_the_product(
    tables: Callable[..., Query],
) -> None:
    """Markers, vesicle quantification and priming: one row each, joined to their product."""
    query = tables(VALID / "product-2.0.yaml")
    assert query("SELECT * FROM 'product_markers.parquet' ORDER BY marker") == [
        ("NCT00000000", 1, 1, 1, "EX-iMSC", "CD73", True, 99.1, None),
        ("NCT00000000", 1, 1, 2, "EX-iMSC", "CD90", True, None, None),
        ("NCT00000000", 1, 1, 3, "EX-iMSC", "CD105", True, 97.0, "CD105+ ≥97%"),
        ("NCT00000000", 1, 1, 4, "EX-iMSC", "HLA_DR", False, 0.4, None),
    ]
    assert query(
        "SELECT p.name, q.method, q.measures, q.as_written FROM 'vesicle_quantifications.parquet' q"
        " JOIN 'products.parquet' p USING (trial_id, version, product) ORDER BY quantification"
    ) == [
        ("EX-EV", "NANOPARTICLE_TRACKING_ANALYSIS", "PARTICLES", "NanoSight NS300"),
        ("EX-EV", "PROTEIN_ASSAY", "PROTEIN", "BCA assay"),
    ]
    assert query("SELECT product, priming, kind, agent FROM 'product_priming.parquet'") == [
        (1, 1, "CYTOKINE", "IFN-γ 25 ng/mL for 48 hours"),
    ]
    joined = query(
        "SELECT i.name, p.cell_type, p.derived_from FROM 'interventions.parquet' i JOIN"
        " 'products.parquet' p ON (i.trial_id, i.version, i.product_name) ="
        " (p.trial_id, p.version, p.name) ORDER BY i.intervention"
    )
    assert [row[:2] for row in joined] == [
        ("Example iPSC-derived MSCs", "MESENCHYMAL_STEM_STROMAL_CELL"),
        ("Example MSC vesicles", "MESENCHYMAL_STEM_STROMAL_CELL"),
        ("Example CAR-T cells", "CAR_T_CELL"),
    ]
    assert joined[0][2] == "INDUCED_PLURIPOTENT_STEM_CELL"


def test_regulation_is_one_row_and_each_designation_a_row(
    tables: Callable[..., Query],
) -> None:
    """Classes, the CAT's classification and the IND in one row; designations one row each."""
    query = tables(VALID / "regulation.yaml", "csv")
    assert query("SELECT * FROM read_csv('regulation.csv', all_varchar = true)") == [
        ("NCT00000000", "1", "SOMATIC_CELL_THERAPY", "true", "SOMATIC_CELL_THERAPY", "2019-06",
         "Example CAT summary report of the classification, June 2019", "SECTION_351", "000000",
         "2020-11", "Example publication, Methods section", "CLASS_II", "false"),
    ]  # fmt: skip
    got = query(
        "SELECT * EXCLUDE (trial_id, version, source)"
        " FROM read_csv('designations.csv', all_varchar = true)"
    )
    assert got == [
        ("eu", "hospital_exemption", "GRANTED", "HE-0001", "2020-02-14"),
        ("eu", "prime", "REQUESTED", None, "2022"),
        ("eu", "orphan_designation", "GRANTED", "EU/3/00/0000", "2021-09"),
        ("us", "rmat", "GRANTED", None, "2022-05"),
        ("us", "breakthrough_therapy", "DENIED", None, "2021"),
        ("us", "orphan_designation", "WITHDRAWN", "DRU-0000-0000", None),
    ]


def test_every_designation_of_the_model_has_rows() -> None:
    """DESIGNATION_FIELDS names every Designation field of the EU and US sections, in order."""
    for jurisdiction, model in (("eu", EuRegulation), ("us", UsRegulation)):
        fields = tuple(
            name
            for name, info in model.model_fields.items()
            if model_in(info.annotation) is Designation
        )
        assert (jurisdiction, fields) in DESIGNATION_FIELDS


def test_value_sources_and_the_snapshot_identity(tables: Callable[..., Query]) -> None:
    """provenance.values is a long table (path -> source); the version's number and submission
    date are in versions."""
    query = tables(VALID / "provenance.yaml")
    assert query("SELECT * FROM 'value_sources.parquet' ORDER BY value") == [
        ("NCT00000000", 1, 1, "identification.registrations[1]",
         "Clinical Trials Registry - India",
         "the CTRI number and its registration date, from the CTRI page"),
        ("NCT00000000", 1, 2, "design.enrollment.count", "ClinicalTrials.gov", None),
        ("NCT00000000", 1, 3, "status.start", "ClinicalTrials.gov",
         "the start month and that it is actual"),
    ]  # fmt: skip
    assert query("SELECT date, registry_version, submitted FROM 'versions.parquet'") == [
        ("2021-06-01", 3, "2021-05-28")
    ]


def test_the_records_2_0_parts_in_tables(tables: Callable[..., Query]) -> None:
    """records/: NCT07632599's two parts and ChiCTR registration, its celecoxib background, and
    a value_sources row for each provenance.values entry of each version."""
    query = tables(RECORDS)
    assert query(
        "SELECT p.label, p.phases, p.masking, a.label FROM 'design_parts.parquet' p"
        " JOIN 'arms.parquet' a ON (a.trial_id, a.version) = (p.trial_id, p.version)"
        " AND list_contains(string_split(p.arms, '|'), a.label) ORDER BY p.part, a.arm"
    ) == [
        ("Phase 1 (dose-escalation)", "PHASE1", "NONE", "phase 1:CG-BM1 Dose Escalation Cohorts"),
        ("Phase 2 (dose-expansion)", "PHASE2", "DOUBLE", "phase 2 :placebo Cohorts"),
        ("Phase 2 (dose-expansion)", "PHASE2", "DOUBLE", "phase 2 :CG-BM1 Cohorts"),
    ]
    assert query(
        "SELECT trial_id, version, registry, registry_id, registered FROM 'registrations.parquet'"
        " ORDER BY ALL"
    ) == [
        ("NCT02594839", 2, "CTGOV", "NCT02594839", "2015-11-01"),
        ("NCT07632599", 1, "CHICTR", "ChiCTR2600126854", "2026-06-17"),
    ]
    assert query(
        "SELECT trial_id, name, dose, route, frequency, role FROM 'background_therapies.parquet'"
        " WHERE trial_id = 'NCT07632599'"
    ) == [("NCT07632599", "celecoxib", "0.2g", "ORAL", "once daily", "BACKGROUND")]
    assert query(
        "SELECT trial_id, count(*) FROM 'value_sources.parquet' v JOIN 'trials.parquet' t"
        " USING (trial_id, version) WHERE t.is_current GROUP BY ALL ORDER BY ALL"
    ) == [
        ("NCT02594839", 10),
        ("NCT03929120", 7),
        ("NCT04544215", 5),
        ("NCT06111846", 5),
        ("NCT07632599", 3),
    ]


def test_every_column_is_described_in_the_dictionary() -> None:
    """Each column of each table has a description, and docs/tables.md lists it in its table."""
    text = render_dictionary()
    for table in TABLES.values():
        section = text.split(f"### `{table.name}`\n", 1)[1].split("\n### ", 1)[0]
        for column in table.columns:
            assert column.description.strip(), (table.name, column.name)
            assert f"`{column.name}`" in section, (table.name, column.name)
