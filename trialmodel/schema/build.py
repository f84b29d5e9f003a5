"""The exported JSON Schema of a trial record: generated from the model, deterministic bytes.

The schema means what the model means. An optional field (``X | None = None`` in the model) may be
absent but never null, in the schema as in the model. Cross-field rules that JSON Schema can state
(``if``/``then``) and that are errors in ``trialmodel.validation.rules`` are in the schema too;
every other rule is listed, with its code, in the schema's top-level description and in the field
reference.

Every generated file is registered in ``SCHEMA_FILES`` (schemas) and written or checked by
``trialmodel schema``; see ``trialmodel.schema.generated``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from trialmodel.model.record import SCHEMA_VERSION, TrialRecord
from trialmodel.model.types import Age, NctId, PartialDate, SchemaVersion, Text
from trialmodel.model.vocab import PHASE_COMBINATIONS, StudyType
from trialmodel.reporters.schema_parts import DIALECT
from trialmodel.schema.generated import GENERATED_MARKER
from trialmodel.validation.rules import RULES, Rule

SCHEMA_ID = f"urn:trialmodel:schema:trial-record:{SCHEMA_VERSION}"
"""A name, not an address: nothing fetches it, so it cannot break or change under a user."""

GENERATED_NOTE = f"{GENERATED_MARKER} from the trialmodel model; do not edit by hand."
"""The ``$comment`` of a generated schema that has none of its own, and the reference's header."""

Schema = dict[str, Any]
SchemaBuilder = Callable[[], Schema]

# The cross-field rules this schema states, by code, each where it applies: "" is the root,
# anything else a $defs entry. Each must be an error in trialmodel.validation.rules (JSON Schema
# has no warnings); a test checks that, and that both give the same verdict.
_CELL_PRODUCT_MISSING: Schema = {
    "if": {"required": ["cell_based"], "properties": {"cell_based": {"const": True}}},
    "then": {"required": ["product"]},
}
_INTERVENTIONAL_WITHOUT_PRIMARY_OUTCOME: Schema = {
    "if": {
        "required": ["design", "outcomes"],
        "properties": {
            "design": {
                "required": ["study_type"],
                "properties": {"study_type": {"const": StudyType.INTERVENTIONAL.value}},
            }
        },
    },
    "then": {
        "properties": {
            "outcomes": {"required": ["primary"], "properties": {"primary": {"minItems": 1}}}
        }
    },
}
_PHASE_COMBINATION: Schema = {
    "properties": {
        "phases": {
            "anyOf": [
                {"maxItems": 1},
                *(
                    {"const": [p.value for p in combination]}
                    for combination in sorted(PHASE_COMBINATIONS)
                ),
            ]
        }
    }
}
_RECORD_ID_MISSING: Schema = {
    "anyOf": [
        {"required": ["nct_id"]},
        {
            "required": ["registrations"],
            "properties": {
                "registrations": {
                    "contains": {
                        "required": ["primary"],
                        "properties": {"primary": {"const": True}},
                    }
                }
            },
        },
    ]
}
MODEL_CONSTRAINTS: dict[str, tuple[str, Schema]] = {
    "record_id_missing": ("Identification", _RECORD_ID_MISSING),
}
"""Checks of the model's own validators (not rules) that the schema states, by finding code."""

EXPRESSED_RULES: dict[str, tuple[str, Schema]] = {
    "cell_product_missing": ("Intervention", _CELL_PRODUCT_MISSING),
    "interventional_without_primary_outcome": ("", _INTERVENTIONAL_WITHOUT_PRIMARY_OUTCOME),
    "phase_combination": ("Design", _PHASE_COMBINATION),
}
"""Rule code -> ($defs entry, or "" for the root; the ``if``/``then`` that states the rule)."""


def rules_not_expressed() -> list[Rule]:
    """The rules of ``trialmodel.validation.rules`` that the schema does not check, in run order."""
    return [rule for rule in RULES if rule.code not in EXPRESSED_RULES]


def rules_expressed() -> list[Rule]:
    """The rules of ``trialmodel.validation.rules`` that the schema checks, in run order."""
    return [rule for rule in RULES if rule.code in EXPRESSED_RULES]


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, read the way the model reads: absent is allowed, null is not."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        # The model rejects an explicit null (trialmodel.model.base), so `X | None` is just X.
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        generated = super().default_schema(schema)
        if "default" in generated and generated["default"] is None:
            del generated["default"]  # "absent" is not a value
        return generated

    def field_title_should_be_set(self, schema: Any) -> bool:
        # "Nct Id" above "ClinicalTrials.gov identifier." tells a reader nothing.
        return False


def _normalised(node: Any) -> Any:
    """The generated schema written one way whichever pydantic the range in pyproject.toml
    installs: ``{"allOf": [{"$ref": R}], ...}`` as ``{"$ref": R, ...}`` and a whole-number bound
    as an integer (``0``, not ``0.0``), as pydantic 2.9 and later write them; both are the same
    schema in draft 2020-12."""
    if isinstance(node, list):
        return [_normalised(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {
        key: int(value)
        if key in _BOUNDS and isinstance(value, float) and value.is_integer()
        else _normalised(value)
        for key, value in node.items()
    }
    wrapped = node.get("allOf")
    if (
        isinstance(wrapped, list)
        and len(wrapped) == 1
        and isinstance(wrapped[0], dict)
        and set(wrapped[0]) == {"$ref"}
        and "$ref" not in node
    ):
        del node["allOf"]
        node = {"$ref": wrapped[0]["$ref"], **node}
    return node


_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})


def _description() -> str:
    doc = (TrialRecord.__doc__ or "").strip()
    expressed = ", ".join(rule.code for rule in rules_expressed())
    missing = ", ".join(f"{rule.code} ({rule.severity.value})" for rule in rules_not_expressed())
    return (
        f"{doc} Record format version {SCHEMA_VERSION}: a record's schema_version is "
        f"{SCHEMA_VERSION.split('.')[0]}.<minor>; a minor version only adds optional fields or "
        "allowed values. "
        f"A key that no source gives is left out; null is never a value. "
        f"Cross-field rules checked here: {expressed}. "
        f"Cross-field rules this schema does not check (run `trialmodel validate`): {missing}."
    )


_VALUE_TYPES: dict[str, Any] = {
    "Text": Text,
    "NctId": NctId,
    "PartialDate": PartialDate,
    "Age": Age,
    "SchemaVersion": SchemaVersion,
}
"""Domain types that get a named $defs entry, so that readers and code generators see one type."""


def _name_value_types(schema: Schema) -> None:
    """Replace each inline use of a domain type by a $ref to its $defs entry."""
    defs: dict[str, Schema] = {
        name: {"title": name, **TypeAdapter(t).json_schema()} for name, t in _VALUE_TYPES.items()
    }
    by_pattern = {definition["pattern"]: name for name, definition in defs.items()}

    def visit(node: Any) -> Any:
        if isinstance(node, list):
            return [visit(item) for item in node]
        if not isinstance(node, dict):
            return node
        name = by_pattern.get(node.get("pattern"))
        if name is None:
            return {key: visit(value) for key, value in node.items()}
        own = {k: v for k, v in node.items() if k not in defs[name] or defs[name][k] != v}
        return {"$ref": f"#/$defs/{name}", **own}

    for key in ("properties", "$defs"):
        schema[key] = visit(schema[key])
    schema["$defs"].update(defs)


EXAMPLE_RECORD: Schema = {
    "schema_version": SCHEMA_VERSION,
    "identification": {"nct_id": "NCT00000000", "brief_title": "A fictional example trial"},
    "provenance": {"state": "IMPORTED", "sources": [{"name": "ClinicalTrials.gov"}]},
}
"""The smallest valid record (NCT00000000 is not a registered study): the root's example."""


def _describe_every_property(schema: Schema) -> None:
    """Pydantic leaves out a field's description when it repeats its type's: put it back."""
    defs = schema["$defs"]
    for owner in [schema, *defs.values()]:
        for prop in owner.get("properties", {}).values():
            target = prop.get("$ref") or prop.get("items", {}).get("$ref")
            if "description" not in prop and isinstance(target, str):
                prop["description"] = defs[target.rsplit("/", 1)[-1]]["description"]


def _add_rules(schema: Schema) -> None:
    for kind, table in (("model", MODEL_CONSTRAINTS), ("rule", EXPRESSED_RULES)):
        for code, (where, fragment) in table.items():
            target = schema if where == "" else schema["$defs"][where]
            rule = _strict_for_ajv({"$comment": f"{kind} {code}", **fragment})
            target.setdefault("allOf", []).append(rule)


_OBJECT_KEYWORDS = {"properties", "required", "additionalProperties"}
_ARRAY_KEYWORDS = {"items", "minItems", "maxItems", "contains"}


def _strict_for_ajv(node: Any) -> Any:
    """A rule's ``if``/``then`` as Ajv's strict mode reads it, meaning the same: every name a
    ``required`` lists is also under ``properties`` (as ``{}``, which allows anything;
    strictRequired), and object or array keywords come with their ``type`` (strictTypes). The
    record's own schema already requires those types at those places."""
    if isinstance(node, list):
        return [_strict_for_ajv(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _strict_for_ajv(value) for key, value in node.items()}
    if isinstance(result.get("required"), list):
        properties = dict(result.get("properties", {}))
        for name in result["required"]:
            properties.setdefault(name, {})
        result["properties"] = properties
    if "type" not in result and _OBJECT_KEYWORDS & result.keys():
        result["type"] = "object"
    elif "type" not in result and _ARRAY_KEYWORDS & result.keys():
        result["type"] = "array"
    return result


def build_schema() -> Schema:
    """The JSON Schema (draft 2020-12) of a trial record, generated from ``TrialRecord``."""
    generated: Schema = _normalised(
        TrialRecord.model_json_schema(mode="validation", schema_generator=_Generator)
    )
    generated["$schema"] = DIALECT
    generated["$id"] = SCHEMA_ID
    generated["title"] = f"trialmodel trial record, format {SCHEMA_VERSION}"
    generated["description"] = _description()
    generated["examples"] = [EXAMPLE_RECORD]
    _name_value_types(generated)
    _describe_every_property(generated)
    _add_rules(generated)
    return generated


_KEYWORD_ORDER = [
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "type",
    "$ref",
    "const",
    "enum",
    "pattern",
    "minLength",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "items",
    "minItems",
    "properties",
    "required",
    "additionalProperties",
    "allOf",
    "if",
    "then",
    "default",
    "examples",
    "$defs",
]
_SUBSCHEMA = {"items", "if", "then", "else", "not", "additionalProperties"}
_SUBSCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}


def _ordered(schema: Mapping[str, Any]) -> Schema:
    """Keywords in a fixed reading order; properties in model order; $defs by name."""
    rank = {key: index for index, key in enumerate(_KEYWORD_ORDER)}
    result: Schema = {}
    for key in sorted(schema, key=lambda k: (rank.get(k, len(rank)), k)):
        value = schema[key]
        if key == "properties":
            value = {name: _ordered(sub) for name, sub in value.items()}
        elif key == "$defs":
            value = {name: _ordered(value[name]) for name in sorted(value)}
        elif key in _SUBSCHEMA and isinstance(value, Mapping):
            value = _ordered(value)
        elif key in _SUBSCHEMA_LISTS:
            value = [_ordered(sub) for sub in value]
        result[key] = value
    return result


def render_json(schema: Mapping[str, Any]) -> bytes:
    """Deterministic bytes of a schema: fixed key order, two-space indent, UTF-8, final newline."""
    marked = {"$comment": GENERATED_NOTE, **schema}
    text = json.dumps(_ordered(marked), indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def render_schema() -> bytes:
    """The trial-record schema as the bytes ``trialmodel schema`` writes."""
    return render_json(build_schema())


def _lazy(module: str, function: str) -> SchemaBuilder:
    """A builder that imports its module only when called (keeps heavy imports off startup)."""

    def build() -> Schema:
        built: Schema = getattr(importlib.import_module(module), function)()
        return built

    return build


SCHEMA_FILES: dict[str, SchemaBuilder] = {
    "trial-record.schema.json": build_schema,
    "change-report.schema.json": _lazy("trialmodel.changes.schema", "build_change_report_schema"),
    "import-report.schema.json": _lazy(
        "trialmodel.reporters.imports_schema", "build_import_report_schema"
    ),
    "validation-report.schema.json": _lazy(
        "trialmodel.reporters.findings_schema", "build_validation_report_schema"
    ),
}
"""Generated schema file name (in ``schemas/``) -> zero-argument builder of the schema dict.

Register another schema with one entry here, through ``_lazy("trialmodel.module", "function")``
when its module is heavy; ``trialmodel schema`` writes every entry and ``--check`` checks it.
"""

__all__ = [
    "DIALECT",
    "EXAMPLE_RECORD",
    "EXPRESSED_RULES",
    "GENERATED_MARKER",
    "GENERATED_NOTE",
    "SCHEMA_FILES",
    "SCHEMA_ID",
    "build_schema",
    "render_json",
    "render_schema",
    "rules_expressed",
    "rules_not_expressed",
]
