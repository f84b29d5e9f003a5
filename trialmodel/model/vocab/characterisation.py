"""What a cell product is shown to be: ISCT's markers for MSCs, MISEV's terms for vesicles."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = [
    "ISCT_NEGATIVE_MAXIMUM",
    "ISCT_POSITIVE_MARKERS",
    "ISCT_POSITIVE_MINIMUM",
    "SurfaceMarker",
    "VesicleQuantificationMethod",
    "VesicleQuantity",
    "VesicleSeparation",
    "VesicleSourceMaterial",
]


class SurfaceMarker(Vocab):
    """A surface marker of ISCT's minimal criteria for MSCs (Dominici et al., Cytotherapy 2006):
    CD73, CD90 and CD105 expressed (at least 95% of cells); CD45, CD34, CD14 or CD11b, CD79α or
    CD19 and HLA-DR not expressed (at most 2%). CD79A is CD79α."""

    CD73 = "CD73"
    CD90 = "CD90"
    CD105 = "CD105"
    CD45 = "CD45"
    CD34 = "CD34"
    CD14 = "CD14"
    CD11B = "CD11B"
    CD79A = "CD79A"
    CD19 = "CD19"
    HLA_DR = "HLA_DR"


ISCT_POSITIVE_MARKERS = frozenset({SurfaceMarker.CD73, SurfaceMarker.CD90, SurfaceMarker.CD105})
"""The markers ISCT expects on at least 95% of the cells; the others on at most 2%."""
ISCT_POSITIVE_MINIMUM = 95.0
"""ISCT's least share of cells expressing a positive marker, in percent."""
ISCT_NEGATIVE_MAXIMUM = 2.0
"""ISCT's greatest share of cells expressing a negative marker, in percent."""


class VesicleSourceMaterial(Vocab):
    """What extracellular vesicles were separated from (MISEV2023, Welsh et al., J Extracell
    Vesicles 2024): the conditioned medium of cultured cells, a biofluid, or a tissue."""

    CONDITIONED_MEDIUM = "CONDITIONED_MEDIUM"
    BIOFLUID = "BIOFLUID"
    TISSUE = "TISSUE"
    OTHER = "OTHER"


class VesicleSeparation(Vocab):
    """A method of separating (isolating) extracellular vesicles, as MISEV2023 names them.
    ULTRAFILTRATION includes concentration by centrifugal filters; TANGENTIAL_FLOW_FILTRATION is
    the cross-flow kind."""

    DIFFERENTIAL_ULTRACENTRIFUGATION = "DIFFERENTIAL_ULTRACENTRIFUGATION"
    DENSITY_GRADIENT = "DENSITY_GRADIENT"
    SIZE_EXCLUSION_CHROMATOGRAPHY = "SIZE_EXCLUSION_CHROMATOGRAPHY"
    ULTRAFILTRATION = "ULTRAFILTRATION"
    TANGENTIAL_FLOW_FILTRATION = "TANGENTIAL_FLOW_FILTRATION"
    PRECIPITATION = "PRECIPITATION"
    IMMUNOAFFINITY_CAPTURE = "IMMUNOAFFINITY_CAPTURE"
    ASYMMETRIC_FLOW_FIELD_FLOW_FRACTIONATION = "ASYMMETRIC_FLOW_FIELD_FLOW_FRACTIONATION"
    OTHER = "OTHER"


class VesicleQuantificationMethod(Vocab):
    """How an amount of extracellular vesicles is measured (MISEV2023): particle counters
    (NANOPARTICLE_TRACKING_ANALYSIS, TUNABLE_RESISTIVE_PULSE_SENSING, FLOW_CYTOMETRY), total
    protein (PROTEIN_ASSAY: BCA, Bradford), total lipid (LIPID_ASSAY), or an immunoassay of
    vesicle proteins (IMMUNOASSAY: ELISA of CD63)."""

    NANOPARTICLE_TRACKING_ANALYSIS = "NANOPARTICLE_TRACKING_ANALYSIS"
    TUNABLE_RESISTIVE_PULSE_SENSING = "TUNABLE_RESISTIVE_PULSE_SENSING"
    FLOW_CYTOMETRY = "FLOW_CYTOMETRY"
    PROTEIN_ASSAY = "PROTEIN_ASSAY"
    LIPID_ASSAY = "LIPID_ASSAY"
    IMMUNOASSAY = "IMMUNOASSAY"
    OTHER = "OTHER"


class VesicleQuantity(Vocab):
    """What a vesicle quantification counts. MISEV2023 keeps them apart: a particle count
    includes non-vesicle particles (lipoproteins, protein aggregates); VESICLES is a count the
    source says is of vesicles; PROTEIN is the mass of protein."""

    PARTICLES = "PARTICLES"
    VESICLES = "VESICLES"
    PROTEIN = "PROTEIN"
    LIPID = "LIPID"
    OTHER = "OTHER"
