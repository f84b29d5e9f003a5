"""Walk two versions of a record side by side and turn their differences into Change events.

Which kind, category and significance a difference gets is declared once, in
``trialmodel.changes.rules.CHANGE_RULES``; a field without a rule inherits its parent's. Status,
dates, enrollment, doses and outcomes have handlers of their own (``milestones``, ``doses``,
``outcomes``), passed in on ``Out`` by ``trialmodel.changes.diff_records``. Lists are
matched by identity (``trialmodel.changes.matching``); text is compared after collapsing white
space.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace

from pydantic import BaseModel

from trialmodel.changes.events import (
    Change,
    Significance,
    collapse,
    json_value,
    quoted,
    quoted_pair,
    show,
)
from trialmodel.changes.matching import KEY_FIELDS, Budget, match_items
from trialmodel.changes.rules import CHANGE_RULES, ChangeRule
from trialmodel.loading.core import join_path as join

__all__ = ["Handlers", "Out", "humanise", "same", "walk", "walk_model"]

CONTAINERS = frozenset({"identification", "status", "description", "design", "sponsors"})
"""Top-level sections whose name a message leaves out ("official title", not "identification…")."""


SPREAD = frozenset({"status", "sponsors", "design", "outcomes", "eligibility", "results"})
"""Sections that, when one version lacks them, are reported field by field (enrollment first seen,
status first seen), not as one block."""


NONE: frozenset[str] = frozenset()

Handler = Callable[[str, BaseModel, BaseModel, "Out"], None]
Handlers = Mapping[tuple[type[BaseModel], str], Handler]
"""Fields with a handler of their own, called given both versions present and unequal."""


class Out(list[Change]):
    """The changes found so far, how the list items on their paths are named in messages, and the
    handlers of this walk (passed in, so the walker alone has none and no import fills a table)."""

    def __init__(self, handlers: Handlers | None = None) -> None:
        super().__init__()
        self.handlers: Handlers = handlers or {}
        """(model, field) -> the handler of that field; ``trialmodel.changes.HANDLERS``."""
        self.names: dict[str, str] = {}
        """Path of a list item (``arms[0]``) -> its name in messages (``arm "Low dose"``)."""
        self.budget = Budget()
        """What similarity matching may still spend on this diff."""


def label(rule: ChangeRule, path: str, names: dict[str, str] | None = None) -> str:
    """How a field is named in a message: its rule's label (after the items it is in), else its
    path in words."""
    if rule.label is None:
        return humanise(path, names or {})
    context = [v for k, v in (names or {}).items() if path.startswith(k + ".")]
    return ", ".join([*context, rule.label])


def humanise(path: str, names: dict[str, str]) -> str:
    """A record path in words: ``arms[0].dose_levels[1].dose`` -> ``arm "A", dose level "B", dose``.

    ``names`` holds the names of the list items matched so far.
    """
    named: list[str] = []
    rest: list[str] = []
    prefix = ""
    parts = path.split(".")
    for part in parts:
        prefix = join(prefix, part)
        if prefix in names:
            named.append(names[prefix])
            rest = []
        else:
            rest.append(part.split("[", 1)[0].replace("_", " "))
    if not named and len(rest) > 1 and parts[0] in CONTAINERS:
        rest = rest[1:]
    return ", ".join([*named, " ".join(rest)] if rest else named)


def item_name(path: str, item: BaseModel, rule: ChangeRule) -> str:
    """How one list item is named in messages: its noun and its identifying fields."""
    noun = (rule.item or path.rsplit(".", 1)[-1].rstrip("s")).replace("_", " ")
    keys = KEY_FIELDS.get(type(item), ())
    shown = ", ".join(show(getattr(item, k), 40) for k in keys if getattr(item, k) is not None)
    return f'{noun} "{shown}"' if shown else noun


def same(old: object, new: object) -> bool:
    """Whether two leaf values are equal, text compared with white space collapsed."""
    if isinstance(old, str) and isinstance(new, str):
        return collapse(old) == collapse(new)
    return bool(json_value(old) == json_value(new))


def walk(path: str, old: object, new: object, rule: ChangeRule, out: Out) -> None:
    """Append the changes from ``old`` to ``new`` (both at ``path``) to ``out``."""
    if old is None and new is None:
        return
    if (old is None or new is None) and path in SPREAD and isinstance(old or new, BaseModel):
        spread(path, old, new, rule, out)
    elif old is None:
        out.append(first_seen(path, new, rule, out.names))
    elif new is None:
        out.append(no_longer_shown(path, old, rule, out.names))
    elif isinstance(old, BaseModel) and isinstance(new, BaseModel):
        if old != new:
            walk_model(path, old, new, rule, out)
    elif isinstance(old, list) and isinstance(new, list):
        walk_list(path, old, new, rule, out)
    elif not same(old, new):
        out.append(changed(path, old, new, rule, out.names))


def spread(path: str, old: object, new: object, rule: ChangeRule, out: Out) -> None:
    """A whole section present in one version only, reported field by field, each by its rule."""
    model = old if isinstance(old, BaseModel) else new
    assert isinstance(model, BaseModel)
    for name in type(model).model_fields:
        a, b = getattr(old, name, None), getattr(new, name, None)
        walk(
            join(path, name),
            a,
            b,
            CHANGE_RULES.get((type(model), name), _inherited(rule, name)),
            out,
        )


def _inherited(rule: ChangeRule, name: str) -> ChangeRule:
    """The rule of a field without one: its parent's, for a value (``lead sponsor name``)."""
    label = f"{rule.label} {name.replace('_', ' ')}" if rule.label else None
    return replace(rule, item=None, label=label)


def walk_model(
    path: str,
    old: BaseModel,
    new: BaseModel,
    rule: ChangeRule,
    out: Out,
    skip: frozenset[str] = NONE,
) -> None:
    """Compare two versions of one model field by field (every field, but those in ``skip``): a
    field added to the model is covered without a rule of its own, inheriting its parent's."""
    for name in type(old).model_fields:
        if name in skip:
            continue
        inherited = _inherited(rule, name)
        key = (type(old), name)
        a, b = getattr(old, name), getattr(new, name)
        handler = out.handlers.get(key)
        if handler is not None and a is not None and b is not None:
            if a != b:
                handler(join(path, name), a, b, out)
            continue
        walk(join(path, name), a, b, CHANGE_RULES.get(key, inherited), out)


def walk_list(path: str, old: list[object], new: list[object], rule: ChangeRule, out: Out) -> None:
    """Compare two lists by the identity of their items; their order means nothing."""
    if old == new:
        return
    if not isinstance((old or new)[0], BaseModel):
        walk_scalars(path, old, new, rule, out)
        return
    matching = match_items(old, new, out.budget)
    inner = replace(rule, item=None, label=None)
    for i in matching.removed:
        out.append(item_event(f"{path}[{i}]", old[i], None, rule, "removed", out.names))
    for j in matching.added:
        out.append(item_event(f"{path}[{j}]", None, new[j], rule, "added", out.names))
    for i, j in sorted(matching.pairs + matching.renamed, key=lambda p: p[1]):
        a, b = old[i], new[j]
        assert isinstance(a, BaseModel) and isinstance(b, BaseModel)
        out.names[f"{path}[{j}]"] = item_name(path, b, rule)
        keys = KEY_FIELDS.get(type(a), ())
        names = [(getattr(a, k), getattr(b, k)) for k in keys]
        if not all(same(x, y) for x, y in names):
            out.append(item_event(f"{path}[{j}]", a, b, rule, "renamed", out.names))
        if a != b:
            walk_model(f"{path}[{j}]", a, b, inner, out, frozenset(keys))


def walk_scalars(
    path: str, old: list[object], new: list[object], rule: ChangeRule, out: Out
) -> None:
    """Compare two lists of plain values as multisets: reordering is no change."""
    unmatched = Counter(collapse(str(json_value(v))) for v in old)
    for j, value in enumerate(new):
        text = collapse(str(json_value(value)))
        if unmatched[text] > 0:
            unmatched[text] -= 1
        else:
            out.append(scalar_event(f"{path}[{j}]", None, value, rule, out.names))
    for i, value in enumerate(old):
        text = collapse(str(json_value(value)))
        if unmatched[text] > 0:
            unmatched[text] -= 1
            out.append(scalar_event(f"{path}[{i}]", value, None, rule, out.names))


def scalar_event(
    path: str, old: object, new: object, rule: ChangeRule, names: dict[str, str]
) -> Change:
    """A plain value added to or removed from a list."""
    where = label(rule, path.rsplit("[", 1)[0], names)
    message = f"{where}: added {quoted(new)}" if old is None else f"{where}: removed {quoted(old)}"
    return Change(
        rule.kind, rule.category, path, json_value(old), json_value(new), rule.significance, message
    )


def item_event(
    path: str, old: object, new: object, rule: ChangeRule, what: str, names: dict[str, str]
) -> Change:
    """An item of a list added, removed or renamed."""
    where = path.rsplit("[", 1)[0]
    context = [v for k, v in names.items() if where.startswith(k + ".")]
    noun = ", ".join([*context, (rule.item or where.rsplit(".", 1)[-1].rstrip("s"))])
    kind = f"{rule.item}_{what}" if rule.item else rule.kind
    shown = {"added": f"{show(new)}", "removed": f"{show(old)}"}
    if what == "renamed":
        assert isinstance(old, BaseModel) and isinstance(new, BaseModel)
        keys = KEY_FIELDS.get(type(old), ())
        before = ", ".join(show(getattr(old, k)) for k in keys if getattr(old, k) is not None)
        after = ", ".join(show(getattr(new, k)) for k in keys if getattr(new, k) is not None)
        text = f'{noun.replace("_", " ")} renamed: "{before}" → "{after}"'
        old_value = {k: json_value(getattr(old, k)) for k in keys}
        new_value = {k: json_value(getattr(new, k)) for k in keys}
        return Change(kind, rule.category, path, old_value, new_value, rule.significance, text)
    text = f"{noun.replace('_', ' ')} {what}: {shown[what]}"
    before, after = json_value(old), json_value(new)
    return Change(kind, rule.category, path, before, after, rule.significance, text)


def changed(
    path: str, old: object, new: object, rule: ChangeRule, names: dict[str, str] | None = None
) -> Change:
    """A value that differs between the versions."""
    before, after = quoted_pair(old, new)
    message = f"{label(rule, path, names)}: {before} → {after}"
    return Change(
        rule.kind, rule.category, path, json_value(old), json_value(new), rule.significance, message
    )


def first_seen(
    path: str, new: object, rule: ChangeRule, names: dict[str, str] | None = None
) -> Change:
    """A field absent from the older version: its sources did not show it, so not 'added'."""
    message = f"{label(rule, path, names)} first seen (not in the older version): {show(new, 60)}"
    value = json_value(new)
    return Change("first_seen", rule.category, path, None, value, Significance.INFO, message)


def no_longer_shown(
    path: str, old: object, rule: ChangeRule, names: dict[str, str] | None = None
) -> Change:
    """A field present in the older version and absent from the newer one."""
    message = f"{label(rule, path, names)} not shown in the newer version (was {show(old, 60)})"
    return Change(
        "field_removed", rule.category, path, json_value(old), None, Significance.MINOR, message
    )
