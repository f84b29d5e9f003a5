"""Keeping a curator's comments with their list item, and the spacing before end-of-line comments.

ruamel.yaml does not attach a comment line to the item it precedes: the comment lines before item
``k`` of a block sequence live in the token after the last line of item ``k - 1`` (for the first
item, on the sequence itself), together with item ``k - 1``'s own end-of-line comment. Reordering
the items would so move every comment to the item before. `detach_leading` takes each item's
leading lines out first, and `attach_leading` puts them back before the same item, wherever it
went; end-of-line comments stay on their lines.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

__all__ = ["attach_leading", "detach_leading", "keep_gap"]

Slot = tuple[Any, Any, int]
"""Where a comment token sits: (container's comment attribute ``ca.items``, key, index)."""


def _last_slot(node: Any) -> Slot | None:
    """The token slot after the last line of ``node``: the deepest last entry holding a token,
    else the deepest last entry (where a new token goes)."""
    found: Slot | None = None
    deepest: Slot | None = None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        key: Any = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        deepest = (node.ca.items, key, 2 if isinstance(node, CommentedMap) else 0)
        if _token(deepest) is not None:
            found = deepest
        node = node[key]
    return found or deepest


def _token(slot: Slot | None) -> CommentToken | None:
    if slot is None:
        return None
    items, key, index = slot
    entry = items.get(key)
    return entry[index] if entry is not None and len(entry) > index else None


def _set_token(slot: Slot, text: str, like: CommentToken | None) -> None:
    items, key, index = slot
    entry = items.setdefault(key, [None, None, None, None] if index == 2 else [None, None])
    if not text:
        entry[index] = None
        return
    column = like.start_mark.column if like is not None else 0
    entry[index] = CommentToken(text, CommentMark(column))


def _split(value: str) -> tuple[str, str]:
    """A token after an item's last line -> (its end-of-line comment, the lines after it).

    A token that starts with a line break has no end-of-line comment.
    """
    if value.startswith("\n"):
        return "", value[1:]
    head, _, rest = value.partition("\n")
    return head + "\n", rest


def _first_slot(parent: CommentedMap, key: Any) -> list[Any] | None:
    """The parent's entry whose fourth place holds the comment lines before the first item."""
    entry = parent.ca.items.get(key)
    return entry if entry is not None and len(entry) > 3 else None


def detach_leading(parent: CommentedMap, key: Any) -> tuple[list[str], str]:
    """Take out the comment lines before each item of ``parent[key]`` and after its last one.

    Returns (the lines before item j, for every j; the lines after the last item), each as whole
    lines with their indentation, ready for `attach_leading`.
    """
    seq = parent[key]
    entry = _first_slot(parent, key)
    tokens = (entry[3] if entry is not None else None) or []
    leading = ["".join(" " * t.start_mark.column + t.value for t in tokens)]
    if entry is not None:
        entry[3] = None
    if seq.ca.comment:
        seq.ca.comment[1:] = [None] * (len(seq.ca.comment) - 1)
    after_last = ""
    for j in range(len(seq)):
        slot = _item_slot(seq, j)
        token = _token(slot)
        eol, rest = _split(token.value) if token is not None else ("", "")
        if token is not None:
            _set_token(slot, eol, token)
        if j + 1 < len(seq):
            leading.append(rest)
        else:
            after_last = rest
    return leading, after_last


def _item_slot(seq: CommentedSeq, j: int) -> Slot:
    item = seq[j]
    slot = _last_slot(item) if isinstance(item, CommentedMap | CommentedSeq) else None
    return slot if slot is not None else (seq.ca.items, j, 0)


def attach_leading(parent: CommentedMap, key: Any, leading: list[str], after_last: str) -> None:
    """Put comment lines back: ``leading[j]`` before item j of ``parent[key]`` as now ordered,
    then ``after_last`` after the last item."""
    seq = parent[key]
    first = leading[0] if leading else ""
    if first:
        body = first.lstrip(" ")
        entry = parent.ca.items.setdefault(key, [None, None, None, None])
        entry.extend([None] * (4 - len(entry)))
        entry[3] = [CommentToken(body, CommentMark(len(first) - len(body)))]
    for j in range(len(seq)):
        rest = after_last if j + 1 == len(seq) else (leading[j + 1] if j + 1 < len(leading) else "")
        if not rest:
            continue
        slot = _item_slot(seq, j)
        token = _token(slot)
        eol = token.value if token is not None and token.value.strip() else "\n"
        _set_token(slot, eol + rest, token)


def keep_gap(parent: Any, key: Any, old: Any, new: Any, render: Any) -> None:
    """After ``parent[key]`` went from ``old`` to ``new``, keep the spaces before its comment.

    ruamel.yaml keeps an end-of-line comment at its old column: a longer value leaves one space
    before it, a shorter one more. The comment moves by the change in the value's width instead.
    """
    index = 2 if isinstance(parent, CommentedMap) else 0
    entry = parent.ca.items.get(key)
    token = entry[index] if entry is not None and len(entry) > index else None
    if token is None or token.value.startswith("\n"):
        return
    old_text, new_text = render(old), render(new)
    if old_text is None or new_text is None:
        return
    column = token.start_mark.column + len(new_text) - len(old_text)
    entry[index] = CommentToken(token.value, CommentMark(max(column, 0)))
