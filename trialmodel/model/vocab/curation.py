"""How a record was curated and from what."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = ["CurationState", "SourceKind"]


class CurationState(Vocab):
    """How far a record has been curated."""

    IMPORTED = "IMPORTED"
    CURATED = "CURATED"
    REVIEWED = "REVIEWED"


class SourceKind(Vocab):
    """Kind of source a record was curated from, nearest the registry first."""

    REGISTRY = "REGISTRY"
    WHO_ICTRP = "WHO_ICTRP"
    OTHER_REGISTRY = "OTHER_REGISTRY"
    REGISTRY_MIRROR = "REGISTRY_MIRROR"
    REGISTRY_API = "REGISTRY_API"
    PUBLICATION = "PUBLICATION"
    SPONSOR = "SPONSOR"
    OTHER = "OTHER"
