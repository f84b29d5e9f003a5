"""The base of every vocabulary."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Vocab"]


class Vocab(StrEnum):
    """Base of every vocabulary: members compare and serialise as their registry spelling."""
