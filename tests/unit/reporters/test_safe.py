"""Control characters shown as visible escapes: in one field, in rendered output, in JSON."""

from __future__ import annotations

import json

import pytest

from trialmodel.reporters.safe import escape_controls, escape_json, escape_output


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\t", "\\t"),
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\x00", "\\x00"),
        ("\x1b", "\\x1b"),
        ("\x7f", "\\x7f"),
        ("\x85", "\\x85"),
        ("\x9f", "\\x9f"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
        ("\u202e", "\\u202e"),
        ("\u2066", "\\u2066"),
    ],
    ids=lambda value: f"U+{ord(value):04X}" if len(value) == 1 else "shown",
)
def test_each_control_character_becomes_its_visible_escape(raw: str, shown: str) -> None:
    """A control character in a field is shown as its short escape, \\xNN below U+0100, else
    \\uNNNN, with the text around it kept."""
    assert escape_controls(f"a{raw}é") == f"a{shown}é"


def test_printable_text_is_kept_as_it_is() -> None:
    """Printable text, non-ASCII letters and symbols included, passes unchanged."""
    text = "Zellen «é» ß ü – 50% \\x1b ~ \u00a0 \u0100 \u202f"
    assert escape_controls(text) == text
    assert escape_output(text) == text
    assert escape_json(text) == text


def test_output_keeps_its_line_feeds_only() -> None:
    """Rendered output keeps the line feeds between its lines and escapes every other control."""
    assert escape_output("one\r\ntwo\x1b[2J\u2028\n") == "one\\r\ntwo\\x1b[2J\\u2028\n"


def test_json_text_escapes_what_json_dumps_leaves_raw_and_keeps_its_value() -> None:
    """The controls json.dumps leaves raw become \\uNNNN, and the JSON value is unchanged."""
    value = {"t": "a\x7fb\x85c\u2028d\u202ee"}
    text = escape_json(json.dumps(value, ensure_ascii=False))
    assert text == '{"t": "a\\u007fb\\u0085c\\u2028d\\u202ee"}'
    assert json.loads(text) == value
