"""The curator's field reference (docs/record-format.md), rendered from the exported JSON Schema.

Every field of a record, as a path like the YAML's (``arms[].dose_levels[].dose.value``), with its
type, whether it is required within its parent, its allowed values, description and examples. It is
derived from the schema alone, so it cannot say anything the schema does not.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from trialmodel.model.base import Identity, is_list, model_in, models_below
from trialmodel.model.record import TrialRecord
from trialmodel.schema.build import GENERATED_NOTE, rules_expressed, rules_not_expressed

__all__ = ["render_field_reference"]

Schema = Mapping[str, Any]

_POLICY = """\
## Versioning

Every record says which version of this format it follows in `schema_version` (`MAJOR.MINOR`).

- A **minor** version (1.0 → 1.1) only adds: a new optional field, a new allowed value. Every
  record valid under 1.0 stays valid under 1.1.
- A **major** version (1.x → 2.0) is anything else: a field removed, renamed or made required,
  a value no longer allowed, a tighter pattern, or a field whose meaning changes. trialmodel
  refuses a record of a major version it does not know; `trialmodel migrate PATH...` rewrites a
  record of the previous major version (1.x) as the current one, every value and comment kept.

Each change to the format is listed in CHANGELOG.md, marked **Schema:**.

The schema's `$id` (`{schema_id}`) is a name, not an address: nothing needs to fetch it, so it
cannot go stale or change under a user. Validate against the file
`schemas/trial-record.schema.json`, or point an editor at it with a first line
`# yaml-language-server: $schema=../schemas/trial-record.schema.json`.
"""

_FILES = """\
## The generated files

`trialmodel schema` writes `schemas/trial-record.schema.json`, every other schema registered in
`trialmodel.schema.SCHEMA_FILES` (such as `schemas/change-report.schema.json`) and this page. It
overwrites only files that it generated (`--force` overrides), writing each through a temporary
file so that no reader sees half a file. `trialmodel schema --check` writes nothing and exits 1,
naming each file that is missing or differs, when the model has changed since; CI runs it. Options:
`--out DIR` for the schema folder and `--reference FILE` for this page.

To register another generated schema, add one entry to `SCHEMA_FILES`: the file name and a
function that takes no argument and returns the schema as a dict (wrap it in
`_lazy("trialmodel.module", "function")` to import its module only when it is built).

The same data gets the same verdict from the schema and from `trialmodel validate`, except for the
cross-field rules listed below that JSON Schema cannot state. Two limits of JSON itself: JSON has
one number type, so `12.0` is a whole number to every JSON Schema validator (the model reads it as
12); and YAML's `.inf` and `.nan` have no JSON form, so the model rejects them while a JSON Schema
validator handed them by a YAML reader may not.

"""

_READING = """\
## Reading the tables

- A path reads like the YAML: `a.b` is key `b` inside `a`; `a[]` is each item of the list `a`.
- *Required* means required within its parent: `status.overall` must be given when `status` is.
- A field that no source gives is **left out**. An empty value (`key:` with nothing after it,
  or `null`) is an error, and so is text that is empty or only white space.
- Nothing is converted: a number in quotes is text. Dates are text: write them quoted
  (`"2021-05-20"`); an unquoted one is read as the same text with a warning, see
  [Unquoted dates](loading.md#unquoted-dates). A whole number may be written `12` or `12.0`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(value: Any) -> str:
    """``value`` as inline code in a table cell. One with a ``|`` (which would end the cell, and
    which not every renderer lets ``\\|`` escape inside code) is an HTML ``<code>`` element with
    ``&#124;``, so every reader shows the schema's own text."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if "|" not in text and "`" not in text:
        return f"`{text}`"
    escaped = html.escape(text, quote=False).replace("|", "&#124;")
    return f"<code>{escaped}</code>"


def _code_outside_table(value: Any) -> str:
    """``value`` as inline code in running text, where ``|`` needs no escape."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"`{text}`"


def _link(name: str) -> str:
    return f"[{name}](#def-{name.lower()})"


def _resolve(node: Schema, defs: Schema) -> tuple[str | None, Schema]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        return name, {**defs[name], **{k: v for k, v in node.items() if k != "$ref"}}
    return None, node


def _bounds(node: Schema) -> str:
    parts = []
    if "minimum" in node:
        parts.append(f"≥ {node['minimum']}")
    if "exclusiveMinimum" in node:
        parts.append(f"> {node['exclusiveMinimum']}")
    if "maximum" in node:
        parts.append(f"≤ {node['maximum']}")
    return f" {' '.join(parts)}" if parts else ""


def _type(node: Schema, defs: Schema) -> str:
    name, resolved = _resolve(node, defs)
    if "enum" in resolved:
        return f"one of {_link(name)}" if name else "one of the values"
    kind = resolved.get("type", "any")
    if kind == "array":
        items = resolved.get("items", {})
        least = resolved.get("minItems")
        suffix = f", at least {least}" if least else ""
        return f"list of {_type(items, defs)}{suffix}"
    if kind == "object":
        return _link(name) if name else "mapping"
    if name is not None:
        return _link(name)
    pattern = resolved.get("pattern")
    if isinstance(pattern, str):
        return f"string matching {_code(pattern)}"
    return f"{kind}{_bounds(resolved)}"


def _examples(node: Schema, defs: Schema) -> str:
    _, resolved = _resolve(node, defs)
    examples = resolved.get("examples") or resolved.get("items", {}).get("examples") or []
    shown = ", ".join(_code(example) for example in examples)
    default = resolved.get("default")
    if default is not None:
        shown = f"{shown}; default {_code(default)}" if shown else f"default {_code(default)}"
    return shown


def _rows(node: Schema, defs: Schema, path: str, seen: tuple[str, ...]) -> Iterator[str]:
    """One table row per field under ``node``, depth first, in the schema's order."""
    name, resolved = _resolve(node, defs)
    if resolved.get("type") == "array":
        yield from _rows(resolved.get("items", {}), defs, f"{path}[]", seen)
        return
    if name in seen or resolved.get("type") != "object":
        return
    required = set(resolved.get("required", []))
    for key, sub in resolved.get("properties", {}).items():
        field = f"{path}.{key}" if path else key
        cells = [
            f"`{field}`",
            _type(sub, defs),
            "yes" if key in required else "",
            _cell(str(sub.get("description", ""))),
            _examples(sub, defs),
        ]
        yield "| " + " | ".join(cells) + " |"
        yield from _rows(sub, defs, field, (*seen, *([name] if name else [])))


def _fields(schema: Schema) -> list[str]:
    defs = schema.get("$defs", {})
    lines = ["## Fields", ""]
    for key, sub in schema.get("properties", {}).items():
        lines += [f"### `{key}`", ""]
        lines += ["| Field | Type | Required | Description | Examples |", "|---|---|---|---|---|"]
        required = "yes" if key in schema.get("required", []) else ""
        description = _cell(str(sub.get("description", "")))
        head = [f"`{key}`", _type(sub, defs), required, description, _examples(sub, defs)]
        lines.append("| " + " | ".join(head) + " |")
        lines += [*_rows(sub, defs, key, ()), ""]
    return lines


def _definitions(schema: Schema) -> list[str]:
    defs = schema.get("$defs", {})
    values = ["## Value types", ""]
    objects = ["## Objects", ""]
    vocabularies = ["## Vocabularies", ""]
    for name in sorted(defs):
        node = defs[name]
        heading = [f'<a id="def-{name.lower()}"></a>', "", f"### {name}", ""]
        description = _cell(str(node.get("description", "")))
        if "enum" in node:
            allowed = ", ".join(_code_outside_table(value) for value in node["enum"])
            vocabularies += [*heading, description, "", f"Allowed values: {allowed}", ""]
        elif node.get("type") != "object":
            pattern = node.get("pattern")
            pattern = f"Pattern: {_code_outside_table(pattern)}" if pattern else ""
            examples = ", ".join(_code_outside_table(e) for e in node.get("examples", []))
            values += [*heading, description, "", pattern, ""]
            values += [f"Examples: {examples}", ""] if examples else []
        else:
            required = set(node.get("required", []))
            keys = [f"`{k}`" + (" (required)" if k in required else "") for k in node["properties"]]
            objects += [*heading, description, "", f"Fields: {', '.join(keys)}", ""]
            follows = _follows().get(name)
            objects += [f"Follows: {_cell(follows)}", ""] if follows else []
    return values + objects + vocabularies


def _follows() -> dict[str, str]:
    """The published reference each model of the record follows (``Section.follows``), by name."""
    return {
        model.__name__: str(follows)
        for model in models_below(TrialRecord)
        if (follows := getattr(model, "follows", None))
    }


def _places(model: type[BaseModel], path: str, found: dict[str, list[str]]) -> None:
    """Every path (``interventions[].product``) where each model below ``model`` stands."""
    for name, info in model.model_fields.items():
        inner = model_in(info.annotation)
        if inner is None:
            continue
        here = (f"{path}.{name}" if path else name) + ("[]" if is_list(info.annotation) else "")
        seen = found.setdefault(inner.__name__, [])
        if here not in seen and len(here.split(".")) <= 8:
            seen.append(here)
            _places(inner, here, found)


def _references() -> list[str]:
    """The table of which published reference each part of the record follows."""
    places: dict[str, list[str]] = {}
    _places(TrialRecord, "", places)
    lines = [
        "## References the parts follow",
        "",
        "A part of the record that follows a published reference (a standard, a guideline, a",
        "regulation) says which, in its model (`follows`); its entry under Objects repeats it.",
        "",
        "| part | where in a record | follows |",
        "|---|---|---|",
    ]
    for name, follows in _follows().items():
        where = ", ".join(f"`{p}`" for p in places.get(name, []))
        lines.append(f"| {_link(name)} | {where} | {_cell(follows)} |")
    return [*lines, ""]


def _rules() -> list[str]:
    lines = [
        "## Cross-field rules",
        "",
        "Rules that relate one field to another. The schema checks these (as `if`/`then`):",
        "",
    ]
    lines += [
        f"- `{rule.code}` ({rule.severity.value}): {rule.summary}" for rule in rules_expressed()
    ]
    lines += [
        "",
        "The schema cannot check these (JSON Schema cannot compare two values or match names "
        "across lists) or does not (it has no warnings); `trialmodel validate` does:",
        "",
    ]
    lines += [
        f"- `{rule.code}` ({rule.severity.value}): {rule.summary}" for rule in rules_not_expressed()
    ]
    return [*lines, ""]


def _curated(model: type[BaseModel], path: str) -> Iterator[tuple[str, str]]:
    """(path, "curated" or "keeps") for every field below ``model`` the registry does not own."""
    for name, info in model.model_fields.items():
        here = f"{path}.{name}" if path else name
        if name in getattr(model, "curated", ()):
            yield here, "curated"
            continue
        if name in getattr(model, "keeps_curated_items", ()):
            yield here, "keeps"
        inner = model_in(info.annotation)
        if inner is not None:
            yield from _curated(inner, here + ("[]" if is_list(info.annotation) else ""))


def _identity_and_ownership() -> list[str]:
    """Both facts as the model declares them (``Section.identity``, ``curated``)."""
    lines = [
        "## Identity and ownership",
        "",
        "How an item of a list is recognised in two versions of a record (never by its position):",
        "an equal item first, then its keys, strongest first, each compared with white space",
        "collapsed and case folded (among items that share a key, the one most like it), then an",
        "item renamed, by likeness; a change to its naming fields is a rename. `trialmodel diff`",
        "reports changes of items paired so, and `import --update` pairs them alike, so that a",
        "curator's comments and curated fields stay with their item.",
        "",
        "| item | keys, strongest first | named by |",
        "|---|---|---|",
    ]
    for model in models_below(TrialRecord):
        identity = getattr(model, "identity", None)
        if isinstance(identity, Identity):
            keys = ", then ".join(" + ".join(f"`{f}`" for f in key) for key in identity.keys)
            keys = keys or "(its whole content)"
            names = ", ".join(f"`{f}`" for f in identity.names) or "(no name)"
            lines.append(f"| {_link(model.__name__)} | {keys} | {names} |")
    curated = list(_curated(TrialRecord, ""))
    lines += [
        "",
        "The registry owns every field but these, which `import --update` never touches",
        "(the curator's, and the format's own `schema_version`):",
        "",
        *[f"- `{path}`" for path, kind in curated if kind == "curated"],
        "",
        "Lists whose items a curator may add beside the registry's (kept by an update):",
        "",
        *[f"- `{path}`" for path, kind in curated if kind == "keeps"],
        "",
    ]
    return lines


def render_field_reference(schema: Schema) -> str:
    """The field reference in Markdown for a trial-record schema (as ``build_schema`` returns)."""
    title = str(schema.get("title", "Record format"))
    intro = [
        f"<!-- {GENERATED_NOTE} -->",
        "",
        f"# Record format reference: {title}",
        "",
        "Every field of a trial record. This page is generated from "
        "`schemas/trial-record.schema.json`, which is generated from the model; run "
        "`trialmodel schema` to regenerate both and `trialmodel schema --check` to see whether "
        "they are current.",
        "",
        _POLICY.format(schema_id=schema.get("$id", "")),
        _FILES,
        _READING,
    ]
    body = [
        *_fields(schema),
        *_rules(),
        *_identity_and_ownership(),
        *_references(),
        *_definitions(schema),
    ]
    return "\n".join(intro + body).rstrip("\n") + "\n"
