"""The registry's eligibility text, split into inclusion and exclusion criteria, and joined back.

The registry keeps eligibility as one Markdown-like text, conventionally::

    Inclusion Criteria:

    * first criterion
    * second criterion, with sub-items

      * a sub-item

    Exclusion Criteria:

    1. a numbered criterion

Each top-level item (a bullet, a numbered item, or a paragraph) becomes one string without its
marker; nested lines stay inside their item, one per line, indented relative to it, with ``*``
and ``+`` bullets written ``-`` (the curation style: ``Active disease\n- BASDAI >= 4``). Blank
lines are dropped. `join_criteria` writes the lists back in the registry's layout so that
splitting the joined text gives the same lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["join_criteria", "split_criteria"]

_HEADING = re.compile(
    r"^\s*(?:key\s+)?(inclusion|exclusion|eligibility)\s+criteria\s*:?\s*$", re.IGNORECASE
)
_SUB_BULLET = re.compile(r"^( *)[*+](?= |$)")
_MARKER = re.compile(r"^( *)(?:[*+-]|[0-9]+[.)]|[a-zA-Z][.)])(?: +|$)")


@dataclass(frozen=True, slots=True)
class Criteria:
    """Eligibility criteria split from the registry text."""

    inclusion: list[str]
    exclusion: list[str]
    unsure: tuple[str, ...] = ()
    """The lists ("inclusion", "exclusion") a curator should check: their section held
    paragraphs as well as list items, or came under a heading other than its own."""


def _items(lines: list[str]) -> tuple[list[str], bool]:
    """Top-level items of one section; the flag is False when a paragraph was taken as an item."""
    items: list[list[str]] = []
    content_col = 0
    all_bullets = True
    previous_blank = True
    for line in lines:
        if not line.strip():
            previous_blank = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        marker = _MARKER.match(line)
        if not items or (indent < content_col and (marker is not None or previous_blank)):
            # a paragraph's "content column" is one past its indent, so that the next bullet
            # or paragraph at the same indent starts a new item
            content_col = marker.end() if marker else indent + 1
            all_bullets = all_bullets and marker is not None
            items.append([line[marker.end() if marker else indent :].rstrip()])
        else:
            inner = line[min(indent, content_col) :].rstrip()
            items[-1].append(_SUB_BULLET.sub(r"\1-", inner))
        previous_blank = False
    texts = ["\n".join(item).strip() for item in items]
    return [t for t in texts if t.strip()], all_bullets


def split_criteria(text: str) -> Criteria | None:
    """Split registry eligibility text into criteria; None when it has no criteria headings."""
    sections: dict[str, list[str]] = {}
    headings: list[str] = []
    current: str | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading:
            headings.append(heading.group(1).lower())
            current = "exclusion" if headings[-1] == "exclusion" else "inclusion"
            sections.setdefault(current, [])
        elif current is not None:
            sections[current].append(line)
        elif line.strip():
            return None  # text before any heading: no safe way to tell which list it belongs to
    if not sections:
        return None
    inclusion, inclusion_ok = _items(sections.get("inclusion", []))
    exclusion, exclusion_ok = _items(sections.get("exclusion", []))
    inclusion_ok = inclusion_ok and "eligibility" not in headings
    unsure = tuple(
        name
        for name, items, ok in (
            ("inclusion", inclusion, inclusion_ok),
            ("exclusion", exclusion, exclusion_ok),
        )
        if items and not ok
    )
    return Criteria(inclusion, exclusion, unsure)


def _item_text(item: str) -> str:
    first, *rest = item.split("\n")
    lines = [f"* {first}"] + [f"  {line}" if line.strip() else "" for line in rest]
    return "\n".join(lines)


def join_criteria(inclusion: list[str] | None, exclusion: list[str] | None) -> str:
    """Registry eligibility text with an inclusion and an exclusion section."""
    parts: list[str] = []
    for heading, items in (("Inclusion Criteria:", inclusion), ("Exclusion Criteria:", exclusion)):
        if items:
            parts.append(heading + "\n\n" + "\n".join(_item_text(i) for i in items))
    return "\n\n".join(parts)
