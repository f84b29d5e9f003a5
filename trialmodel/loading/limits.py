"""Nesting too deep, found in the text, where the parser stops before the walker does.

libyaml 0.2.6 (bundled with PyYAML 6.0.3 and later) refuses flow nesting deeper than 1000 while
scanning ahead of the events read so far, so the walker never sees the node that goes past
``MAX_DEPTH``; the finding is placed where the reference reader places it instead.
"""

from __future__ import annotations

from trialmodel.loading.core import MAX_DEPTH, unpack

__all__ = ["too_deep_at"]


def too_deep_at(text: str, innermost: int | None, depth: int) -> tuple[int, int] | None:
    """0-based position of the flow bracket that opens level ``MAX_DEPTH + 1``, counting from
    the innermost open node (packed position ``innermost`` at nesting ``depth``) or from the start
    of the text, with quoted text and comments skipped; None when there is none."""
    index = 0
    if innermost is not None:
        line, column = unpack(innermost)
        for _ in range(line - 1):
            index = text.index("\n", index) + 1
        index += column - 1
        if text[index] in "[{":  # a flow node's bracket is already counted in the depth
            index += 1
    quote = ""
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            index = text.find("\n", index)
            if index < 0:
                return None
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line_start = text.rfind("\n", 0, index) + 1
                return text.count("\n", 0, index), index - line_start
        elif char in "]}":
            depth -= 1
        index += 1
    return None
