"""Who the cells come from: one donor or a pool, relatives or not, how well HLA-matched."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = ["DonorKinship", "DonorPooling", "HlaMatch"]


class DonorPooling(Vocab):
    """Whether a batch of the product comes from one donor or from several donors pooled."""

    SINGLE = "SINGLE"
    POOLED = "POOLED"


class DonorKinship(Vocab):
    """Whether an allogeneic donor is a relative of the patient (a sibling, a parent)."""

    RELATED = "RELATED"
    UNRELATED = "UNRELATED"


class HlaMatch(Vocab):
    """How the donor's HLA type matches the patient's. MATCHED: matched at the loci the source
    names; HAPLOIDENTICAL: one haplotype shared (a parent, a child, half of siblings);
    MISMATCHED: typed and not matched; THIRD_PARTY: a banked donor chosen without regard to
    this patient or only partly matched (off-the-shelf virus-specific T cells); NONE: no HLA
    matching is done (most off-the-shelf MSC products)."""

    MATCHED = "MATCHED"
    HAPLOIDENTICAL = "HAPLOIDENTICAL"
    MISMATCHED = "MISMATCHED"
    THIRD_PARTY = "THIRD_PARTY"
    NONE = "NONE"
