"""How regulators class a cell-therapy product and what they have granted it: the EU's ATMP
classes, the US FDA's tiers for human cells and tissues, Japan's regenerative-medicine risk
classes, and the status of a designation."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = [
    "EU_EEA_COUNTRIES",
    "AtmpClass",
    "DesignationStatus",
    "RegenerativeMedicineRiskClass",
    "UsProductTier",
]


class AtmpClass(Vocab):
    """EU class of an advanced therapy medicinal product (Regulation (EC) No 1394/2007, Article 2):
    SOMATIC_CELL_THERAPY is a somatic cell therapy medicinal product (Directive 2001/83/EC, Annex I
    Part IV), TISSUE_ENGINEERED a tissue engineered product, GENE_THERAPY a gene therapy medicinal
    product, COMBINED_ATMP a combined ATMP (one that incorporates a medical device)."""

    SOMATIC_CELL_THERAPY = "SOMATIC_CELL_THERAPY"
    TISSUE_ENGINEERED = "TISSUE_ENGINEERED"
    GENE_THERAPY = "GENE_THERAPY"
    COMBINED_ATMP = "COMBINED_ATMP"


class UsProductTier(Vocab):
    """How the US FDA regulates a human cell or tissue product: SECTION_351 as a biological
    product (section 351 of the Public Health Service Act: an IND for trials, a licence to
    market), SECTION_361_HCTP as a human cell, tissue or cellular or tissue-based product
    regulated solely under section 361 and 21 CFR 1271 (minimally manipulated, for homologous
    use: no IND, no licence)."""

    SECTION_351 = "SECTION_351"
    SECTION_361_HCTP = "SECTION_361_HCTP"


class RegenerativeMedicineRiskClass(Vocab):
    """Japan's risk class of regenerative medicine under the Act on the Safety of Regenerative
    Medicine (Act No. 85 of 2013): CLASS_I high risk (embryonic or induced pluripotent stem cells,
    gene-modified or animal cells), CLASS_II medium risk (somatic stem cells), CLASS_III low risk
    (other somatic cells)."""

    CLASS_I = "CLASS_I"
    CLASS_II = "CLASS_II"
    CLASS_III = "CLASS_III"


class DesignationStatus(Vocab):
    """Where a designation or an authorisation stands: GRANTED, REQUESTED (applied for, not yet
    decided), DENIED, or WITHDRAWN (by the sponsor, or rescinded by the regulator)."""

    GRANTED = "GRANTED"
    REQUESTED = "REQUESTED"
    DENIED = "DENIED"
    WITHDRAWN = "WITHDRAWN"


EU_EEA_COUNTRIES = frozenset(
    {
        "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Czech Republic",
        "Denmark", "Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Ireland",
        "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland",
        "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden", "Iceland",
        "Liechtenstein", "Norway",
    }
)  # fmt: skip
"""The EU member states and the other EEA states as the registry spells countries (both
spellings of Czechia): where an EU hospital exemption can apply."""
