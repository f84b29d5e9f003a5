"""Cell-therapy vocabularies: trialmodel's own, mapped to standard code lists where one exists."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = [
    "CAR_CELL_TYPES",
    "CELL_ONTOLOGY",
    "CELL_TYPE_CL",
    "CELL_TYPE_UBERON",
    "EDQM_STANDARD_TERMS",
    "MSC_CELL_TYPES",
    "ROUTE_EDQM",
    "TISSUE_SOURCE_UBERON",
    "UBERON",
    "AdministeredForm",
    "CellType",
    "DonorRelation",
    "EscalationDesign",
    "Route",
    "TimeUnit",
    "TissueSource",
]


class CellType(Vocab):
    """Kind of cell the product is made of, or derived from. A preparation of several cell types
    made from one tissue (STROMAL_VASCULAR_FRACTION, BONE_MARROW_ASPIRATE_CONCENTRATE,
    ADIPOSE_DERIVED_REGENERATIVE_CELLS) is one value; PANCREATIC_ISLET is islets of Langerhans.
    INDUCED_PLURIPOTENT_STEM_CELL and EMBRYONIC_STEM_CELL name what a product's cells were
    derived from (a product's ``derived_from``); the ..._DERIVED values are for a source that says
    "iPSC-derived cells" without saying which. CAR_T_CELL and CAR_NK_CELL carry a chimeric
    antigen receptor (a product's ``car``)."""

    MESENCHYMAL_STEM_STROMAL_CELL = "MESENCHYMAL_STEM_STROMAL_CELL"
    MESENCHYMAL_PROGENITOR_CELL = "MESENCHYMAL_PROGENITOR_CELL"
    HEMATOPOIETIC_STEM_CELL = "HEMATOPOIETIC_STEM_CELL"
    T_CELL = "T_CELL"
    CAR_T_CELL = "CAR_T_CELL"
    NK_CELL = "NK_CELL"
    CAR_NK_CELL = "CAR_NK_CELL"
    DENDRITIC_CELL = "DENDRITIC_CELL"
    INDUCED_PLURIPOTENT_STEM_CELL_DERIVED = "INDUCED_PLURIPOTENT_STEM_CELL_DERIVED"
    EMBRYONIC_STEM_CELL_DERIVED = "EMBRYONIC_STEM_CELL_DERIVED"
    INDUCED_PLURIPOTENT_STEM_CELL = "INDUCED_PLURIPOTENT_STEM_CELL"
    EMBRYONIC_STEM_CELL = "EMBRYONIC_STEM_CELL"
    MONONUCLEAR_CELL = "MONONUCLEAR_CELL"
    STROMAL_VASCULAR_FRACTION = "STROMAL_VASCULAR_FRACTION"
    BONE_MARROW_ASPIRATE_CONCENTRATE = "BONE_MARROW_ASPIRATE_CONCENTRATE"
    ADIPOSE_DERIVED_REGENERATIVE_CELLS = "ADIPOSE_DERIVED_REGENERATIVE_CELLS"
    REGULATORY_T_CELL = "REGULATORY_T_CELL"
    VIRUS_SPECIFIC_T_CELL = "VIRUS_SPECIFIC_T_CELL"
    TUMOR_INFILTRATING_LYMPHOCYTE = "TUMOR_INFILTRATING_LYMPHOCYTE"
    CHONDROCYTE = "CHONDROCYTE"
    PANCREATIC_ISLET = "PANCREATIC_ISLET"
    OTHER = "OTHER"


class TissueSource(Vocab):
    """Tissue the cells were taken from. AMNIOTIC where the source does not say whether amniotic
    membrane or amniotic fluid, AMNIOTIC_MEMBRANE or AMNIOTIC_FLUID where it does; WHARTONS_JELLY
    where the source names the cord's jelly, UMBILICAL_CORD otherwise; EXFOLIATED_DECIDUOUS_TEETH
    for stem cells from human exfoliated deciduous teeth (SHED)."""

    BONE_MARROW = "BONE_MARROW"
    UMBILICAL_CORD = "UMBILICAL_CORD"
    UMBILICAL_CORD_BLOOD = "UMBILICAL_CORD_BLOOD"
    ADIPOSE = "ADIPOSE"
    PLACENTA = "PLACENTA"
    PERIPHERAL_BLOOD = "PERIPHERAL_BLOOD"
    DENTAL_PULP = "DENTAL_PULP"
    MENSTRUAL_BLOOD = "MENSTRUAL_BLOOD"
    AMNIOTIC = "AMNIOTIC"
    AMNIOTIC_MEMBRANE = "AMNIOTIC_MEMBRANE"
    AMNIOTIC_FLUID = "AMNIOTIC_FLUID"
    WHARTONS_JELLY = "WHARTONS_JELLY"
    SYNOVIUM = "SYNOVIUM"
    ENDOMETRIUM = "ENDOMETRIUM"
    EXFOLIATED_DECIDUOUS_TEETH = "EXFOLIATED_DECIDUOUS_TEETH"
    OTHER = "OTHER"


class DonorRelation(Vocab):
    """Whether the cells come from the patient or from a donor."""

    AUTOLOGOUS = "AUTOLOGOUS"
    ALLOGENEIC = "ALLOGENEIC"


CELL_ONTOLOGY = "http://purl.obolibrary.org/obo/cl.owl"
"""The code system of the Cell Ontology (CL), whose ids are written CL:nnnnnnn."""

CELL_TYPE_CL: dict[CellType, tuple[str, str]] = {
    CellType.MESENCHYMAL_STEM_STROMAL_CELL: ("CL:0000134", "mesenchymal stem cell"),
    CellType.HEMATOPOIETIC_STEM_CELL: ("CL:0000037", "hematopoietic stem cell"),
    CellType.T_CELL: ("CL:0000084", "T cell"),
    CellType.NK_CELL: ("CL:0000623", "natural killer cell"),
    CellType.DENDRITIC_CELL: ("CL:0000451", "dendritic cell"),
    CellType.MONONUCLEAR_CELL: ("CL:0000842", "mononuclear leukocyte"),
    CellType.REGULATORY_T_CELL: ("CL:0000815", "regulatory T cell"),
    CellType.CHONDROCYTE: ("CL:0000138", "chondrocyte"),
    CellType.EMBRYONIC_STEM_CELL: ("CL:0002322", "embryonic stem cell"),
}
"""Each cell type's Cell Ontology id and label, as read in CL's release v2026-03-26 (first in
cl-basic.obo of 2022-08-16, where CL:0000842 was labelled "mononuclear cell"); none is obsolete
there. CL's "mesenchymal stem cell" lists "mesenchymal stromal cell" as a related synonym. The
other cell types have no id rather than a near one: MESENCHYMAL_PROGENITOR_CELL is only a related
synonym of CL:0000134; tissue preparations are several cell types; PANCREATIC_ISLET is an
anatomical structure (CELL_TYPE_UBERON); CL has no term for CAR cells, virus-specific T cells,
tumour-infiltrating lymphocytes or induced pluripotent stem cells, and the ..._DERIVED values
are cells of unnamed kinds. tests/data/vocab-code-sources.tsv holds each id and label with its
source."""

UBERON = "http://purl.obolibrary.org/obo/uberon.owl"
"""The code system of Uberon, the cross-species anatomy ontology, whose ids are UBERON:nnnnnnn."""

CELL_TYPE_UBERON: dict[CellType, tuple[str, str]] = {
    CellType.PANCREATIC_ISLET: ("UBERON:0000006", "islet of Langerhans"),
}
"""Cell types that are anatomical structures, not cells, with their Uberon id and label (read in
Uberon's release v2026-04-01, where "pancreatic islet" is a synonym of this term)."""

CellType.__doc__ = (
    (CellType.__doc__ or "")
    + " Cell Ontology id of each ("
    + CELL_ONTOLOGY
    + "): "
    + "; ".join(f"{kind.value} {code} ({label})" for kind, (code, label) in CELL_TYPE_CL.items())
    + "; Uberon id ("
    + UBERON
    + "): "
    + "; ".join(
        f"{kind.value} {code} ({label})" for kind, (code, label) in CELL_TYPE_UBERON.items()
    )
    + "; the others have no id."
)

TISSUE_SOURCE_UBERON: dict[TissueSource, tuple[str, str]] = {
    TissueSource.BONE_MARROW: ("UBERON:0002371", "bone marrow"),
    TissueSource.UMBILICAL_CORD: ("UBERON:0002331", "umbilical cord"),
    TissueSource.ADIPOSE: ("UBERON:0001013", "adipose tissue"),
    TissueSource.PLACENTA: ("UBERON:0001987", "placenta"),
    TissueSource.DENTAL_PULP: ("UBERON:0001754", "dental pulp"),
    TissueSource.AMNIOTIC_MEMBRANE: ("UBERON:0000305", "amnion"),
    TissueSource.AMNIOTIC_FLUID: ("UBERON:0000173", "amniotic fluid"),
    TissueSource.ENDOMETRIUM: ("UBERON:0001295", "endometrium"),
    TissueSource.UMBILICAL_CORD_BLOOD: ("UBERON:0012168", "umbilical cord blood"),
    TissueSource.WHARTONS_JELLY: ("UBERON:0003422", "mesenchyme of umbilical cord"),
    TissueSource.MENSTRUAL_BLOOD: ("UBERON:8480042", "menstrual fluid"),
    TissueSource.EXFOLIATED_DECIDUOUS_TEETH: ("UBERON:0007115", "deciduous tooth"),
}
"""Each tissue source's Uberon id and label, as read in Uberon's release v2026-04-01 (the first
eight also in its editors' file uberon-edit.obo); none is obsolete there. AMNIOTIC_MEMBRANE is
Uberon's amnion, the membrane that holds the amniotic fluid; WHARTONS_JELLY is "mesenchyme of
umbilical cord", which gives "Wharton's jelly" as a synonym; MENSTRUAL_BLOOD is "menstrual
fluid" (shed endometrial tissue and blood, what menstrual-blood stem cells are taken from);
EXFOLIATED_DECIDUOUS_TEETH is "deciduous tooth" (synonym "primary tooth"). The others have no id
rather than a near one: Uberon's blood (UBERON:0000178) is wider than PERIPHERAL_BLOOD, as it
takes in cord blood; Uberon gives "synovium" only as a broad synonym of "synovial membrane of
synovial joint" (UBERON:0002018), so SYNOVIUM may be wider; AMNIOTIC is either of two terms.
tests/data/vocab-code-sources.tsv holds each id and label with its source."""

TissueSource.__doc__ = (
    (TissueSource.__doc__ or "")
    + " Uberon id of each ("
    + UBERON
    + "): "
    + "; ".join(
        f"{source.value} {code} ({label})" for source, (code, label) in TISSUE_SOURCE_UBERON.items()
    )
    + "; the others have no id."
)


CAR_CELL_TYPES = frozenset({CellType.CAR_T_CELL, CellType.CAR_NK_CELL})
"""The cell types that carry a chimeric antigen receptor."""
MSC_CELL_TYPES = frozenset(
    {CellType.MESENCHYMAL_STEM_STROMAL_CELL, CellType.MESENCHYMAL_PROGENITOR_CELL}
)
"""The cell types ISCT's minimal criteria for MSCs are about."""


class AdministeredForm(Vocab):
    """What is administered: living cells, or a product derived from cells."""

    LIVING_CELLS = "LIVING_CELLS"
    EXTRACELLULAR_VESICLES = "EXTRACELLULAR_VESICLES"
    CONDITIONED_MEDIUM = "CONDITIONED_MEDIUM"
    CELL_LYSATE = "CELL_LYSATE"


class Route(Vocab):
    """Route of administration."""

    INTRAVENOUS = "INTRAVENOUS"
    INHALATION = "INHALATION"
    INTRA_ARTICULAR = "INTRA_ARTICULAR"
    INTRAMUSCULAR = "INTRAMUSCULAR"
    SUBCUTANEOUS = "SUBCUTANEOUS"
    INTRADERMAL = "INTRADERMAL"
    INTRATHECAL = "INTRATHECAL"
    INTRA_ARTERIAL = "INTRA_ARTERIAL"
    INTRACORONARY = "INTRACORONARY"
    INTRAMYOCARDIAL = "INTRAMYOCARDIAL"
    INTRALESIONAL = "INTRALESIONAL"
    INTRATRACHEAL = "INTRATRACHEAL"
    INTRAVITREAL = "INTRAVITREAL"
    TOPICAL = "TOPICAL"
    ORAL = "ORAL"
    INTRANASAL = "INTRANASAL"
    INTRADISCAL = "INTRADISCAL"
    INTRAOSSEOUS = "INTRAOSSEOUS"
    INTRAPERITONEAL = "INTRAPERITONEAL"
    INTRACEREBRAL = "INTRACEREBRAL"
    SUBRETINAL = "SUBRETINAL"
    EPIDURAL = "EPIDURAL"
    OTHER = "OTHER"


EDQM_STANDARD_TERMS = "http://standardterms.edqm.eu"
"""The code system of EDQM's Standard Terms (its routes of administration are codes 2xxxxxxx)."""

ROUTE_EDQM: dict[Route, tuple[str, str]] = {
    Route.INTRAVENOUS: ("20045000", "Intravenous use"),
    Route.INHALATION: ("20020000", "Inhalation use"),
    Route.INTRA_ARTICULAR: ("20024000", "Intraarticular use"),
    Route.INTRAMUSCULAR: ("20035000", "Intramuscular use"),
    Route.SUBCUTANEOUS: ("20066000", "Subcutaneous use"),
    Route.INTRADERMAL: ("20030000", "Intradermal use"),
    Route.INTRATHECAL: ("20042000", "Intrathecal use"),
    Route.INTRA_ARTERIAL: ("20023000", "Intraarterial use"),
    Route.INTRACORONARY: ("20029000", "Intracoronary use"),
    Route.INTRALESIONAL: ("20032000", "Intralesional use"),
    Route.INTRAVITREAL: ("20047000", "Intravitreal use"),
    Route.ORAL: ("20053000", "Oral use"),
    Route.INTRANASAL: ("20049000", "Nasal use"),
    Route.INTRADISCAL: ("20031000", "Intradiscal use"),
    Route.INTRAOSSEOUS: ("20036500", "Intraosseous use"),
    Route.INTRAPERITONEAL: ("20038000", "Intraperitoneal use"),
    Route.INTRACEREBRAL: ("20027010", "Intracerebral use"),
    Route.SUBRETINAL: ("20081000", "Subretinal use"),
    Route.EPIDURAL: ("20009000", "Epidural use"),
}
"""Each route's EDQM Standard Terms code and term, as read in the EDQM route list republished
by the Swiss Federal Office of Public Health (ValueSet
http://fhir.ch/ig/ch-epl/ValueSet/edqm-route-of-administration, version 1.0.0; EDQM's own
database needs an account). INTRAMYOCARDIAL, INTRATRACHEAL, TOPICAL and OTHER have no term of
the same meaning (Intracardiac, Endotracheopulmonary and Cutaneous use are broader or
narrower), so they have no code rather than a near one."""

Route.__doc__ = (
    "Route of administration. EDQM Standard Terms code of each ("
    + EDQM_STANDARD_TERMS
    + "): "
    + "; ".join(f"{route.value} {code} ({term})" for route, (code, term) in ROUTE_EDQM.items())
    + "; INTRAMYOCARDIAL, INTRATRACHEAL, TOPICAL and OTHER have no term of the same meaning."
)


class TimeUnit(Vocab):
    """Unit of an interval or duration."""

    MINUTE = "MINUTE"
    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"


class EscalationDesign(Vocab):
    """How dose cohorts are escalated."""

    THREE_PLUS_THREE = "THREE_PLUS_THREE"
    ACCELERATED_TITRATION = "ACCELERATED_TITRATION"
    BOIN = "BOIN"
    CRM = "CRM"
    OTHER = "OTHER"
