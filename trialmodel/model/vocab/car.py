"""The chimeric antigen receptor of a CAR-T or CAR-NK product and how its gene is delivered."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = ["CarBinderFormat", "CarGeneration", "CostimulatoryDomain", "GeneDelivery"]


class CarBinderFormat(Vocab):
    """The antigen-binding part of a CAR: a single-chain variable fragment, a single-domain
    (VHH, nanobody) antibody, a natural ligand or receptor of the target, or otherwise."""

    SCFV = "SCFV"
    VHH = "VHH"
    LIGAND = "LIGAND"
    OTHER = "OTHER"


class CostimulatoryDomain(Vocab):
    """A costimulatory signalling domain of a CAR. CD137 is 4-1BB; CD134 is OX40."""

    CD28 = "CD28"
    CD137 = "CD137"
    CD134 = "CD134"
    ICOS = "ICOS"
    CD27 = "CD27"
    DAP10 = "DAP10"
    OTHER = "OTHER"


class CarGeneration(Vocab):
    """The generation of a CAR: FIRST (CD3ζ alone), SECOND (one costimulatory domain), THIRD
    (two), FOURTH (a second-generation CAR that also makes a transgenic payload: an armoured
    CAR, TRUCK), FIFTH (with a cytokine-receptor signalling domain)."""

    FIRST = "FIRST"
    SECOND = "SECOND"
    THIRD = "THIRD"
    FOURTH = "FOURTH"
    FIFTH = "FIFTH"


class GeneDelivery(Vocab):
    """How the CAR gene is put into the cells: a viral vector (LENTIVIRAL, GAMMARETROVIRAL), a
    transposon (Sleeping Beauty, piggyBac), mRNA electroporation (transient), gene editing
    (a CRISPR or TALEN knock-in at a chosen locus), or otherwise."""

    LENTIVIRAL = "LENTIVIRAL"
    GAMMARETROVIRAL = "GAMMARETROVIRAL"
    TRANSPOSON = "TRANSPOSON"
    MRNA = "MRNA"
    GENE_EDITING = "GENE_EDITING"
    OTHER = "OTHER"
