"""The tables, their keys and columns: one declaration that the writer and the dictionary share.

Each module declares the tables of one part of the record; ``TABLES`` lists them in the order
they are written and documented. No pyarrow here: ``trialmodel schema`` renders the data
dictionary from these declarations.
"""

from __future__ import annotations

import types
import typing

from trialmodel.outputs.tables.columns.base import LIST_SEPARATOR, Column, ColumnType, Table
from trialmodel.outputs.tables.columns.history import CHANGES, VALUE_SOURCES, VERSIONS
from trialmodel.outputs.tables.columns.products import (
    PRODUCT_MARKERS,
    PRODUCT_PRIMING,
    PRODUCTS,
    VESICLE_QUANTIFICATIONS,
)
from trialmodel.outputs.tables.columns.protocol import (
    ARMS,
    BACKGROUND_THERAPIES,
    DOSE_LEVELS,
    INTERVENTIONS,
    OUTCOMES,
)
from trialmodel.outputs.tables.columns.regulation import DESIGNATIONS, REGULATION
from trialmodel.outputs.tables.columns.study import (
    DESIGN_PARTS,
    LOCATIONS,
    REGISTRATIONS,
    SPONSORS,
    TRIALS,
)

__all__ = ["LIST_SEPARATOR", "TABLES", "Column", "ColumnType", "Table"]

_ALL = (
    TRIALS,
    REGISTRATIONS,
    DESIGN_PARTS,
    ARMS,
    INTERVENTIONS,
    PRODUCTS,
    PRODUCT_MARKERS,
    VESICLE_QUANTIFICATIONS,
    PRODUCT_PRIMING,
    DOSE_LEVELS,
    BACKGROUND_THERAPIES,
    OUTCOMES,
    LOCATIONS,
    SPONSORS,
    REGULATION,
    DESIGNATIONS,
    VALUE_SOURCES,
    VERSIONS,
    CHANGES,
)
TABLES: typing.Mapping[str, Table] = types.MappingProxyType({t.name: t for t in _ALL})
"""Every table by name, in the order they are written and documented."""
