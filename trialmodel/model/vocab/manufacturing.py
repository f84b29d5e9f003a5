"""How a cell product is made: culture supplement, priming, preservation."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = ["CultureSupplement", "Preservation", "PrimingKind"]


class CultureSupplement(Vocab):
    """What the culture medium is supplemented with. HUMAN_SERUM includes autologous and AB
    serum; XENO_FREE is a medium the source calls free of animal components, SERUM_FREE one it
    calls free of serum (the two are not the same claim: a source may make both)."""

    FETAL_BOVINE_SERUM = "FETAL_BOVINE_SERUM"
    HUMAN_PLATELET_LYSATE = "HUMAN_PLATELET_LYSATE"
    HUMAN_SERUM = "HUMAN_SERUM"
    XENO_FREE = "XENO_FREE"
    SERUM_FREE = "SERUM_FREE"
    OTHER = "OTHER"


class PrimingKind(Vocab):
    """How cells are primed (licensed, pre-conditioned) before use: with a cytokine (IFN-γ,
    TNF-α), with low oxygen, with a drug or small molecule, by three-dimensional culture, or
    otherwise."""

    CYTOKINE = "CYTOKINE"
    HYPOXIA = "HYPOXIA"
    PHARMACOLOGICAL = "PHARMACOLOGICAL"
    THREE_DIMENSIONAL_CULTURE = "THREE_DIMENSIONAL_CULTURE"
    OTHER = "OTHER"


class Preservation(Vocab):
    """Whether the product is given fresh or stored frozen and thawed before use."""

    FRESH = "FRESH"
    CRYOPRESERVED = "CRYOPRESERVED"
