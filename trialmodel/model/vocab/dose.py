"""Dose vocabularies: what a dose counts and what it is counted per (record format 2.0, area 5).

trialmodel's own values. The cells a dose counts follow the way cell-therapy protocols and
product labels state them (viable cells, total nucleated cells, CD34+ cells, CAR-positive cells);
no standard code list names them.
"""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = ["SCALED_BASES", "DoseBasis", "DoseCounted"]


class DoseCounted(Vocab):
    """What a dose counts. CELLS where the source does not say which cells; VIABLE_CELLS,
    TOTAL_NUCLEATED_CELLS (TNC), CD34_POSITIVE_CELLS and CAR_POSITIVE_CELLS (CAR-expressing
    cells, as CAR T-cell doses are stated) where it does; VESICLES, PARTICLES (a particle count,
    as nanoparticle tracking gives it) and MICROGRAMS_PROTEIN (vesicles dosed by their protein)
    for cell-derived products."""

    CELLS = "CELLS"
    VIABLE_CELLS = "VIABLE_CELLS"
    TOTAL_NUCLEATED_CELLS = "TOTAL_NUCLEATED_CELLS"
    CD34_POSITIVE_CELLS = "CD34_POSITIVE_CELLS"
    CAR_POSITIVE_CELLS = "CAR_POSITIVE_CELLS"
    VESICLES = "VESICLES"
    PARTICLES = "PARTICLES"
    MICROGRAMS_PROTEIN = "MICROGRAMS_PROTEIN"


class DoseBasis(Vocab):
    """What a dose is counted per: per kg of body weight, per m² of body surface, or
    PER_ADMINISTRATION, a fixed amount whatever the participant's size (for a cumulative dose, a
    fixed total). Format 1.x's PER_VOLUME is gone: an amount given in a volume is a dose with a
    ``volume``, a strength is a dose level's ``concentration`` (``trialmodel migrate`` rewrites
    a 1.x PER_VOLUME dose with its volume as the former)."""

    PER_KG_BODY_WEIGHT = "PER_KG_BODY_WEIGHT"
    PER_M2_BODY_SURFACE = "PER_M2_BODY_SURFACE"
    PER_ADMINISTRATION = "PER_ADMINISTRATION"


SCALED_BASES = frozenset({DoseBasis.PER_KG_BODY_WEIGHT, DoseBasis.PER_M2_BODY_SURFACE})
"""The bases whose amount grows with the participant's size: only these can have a cap."""
