"""Tests for trialmodel.registry.markup: the history API's HTML read as the registry's Markdown."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.registry_server import html_study
from trialmodel.registry.client import Reply
from trialmodel.registry.markup import (
    MARKUP_PATHS,
    TextBook,
    convert_study,
    markdown_of,
    markup_texts,
)
from trialmodel.registry.store import imported

DATA = Path(__file__).parents[2] / "data"
_RENDER = MarkdownIt("commonmark")
STUDIES = sorted(
    p
    for folder in ("ctgov", "ctgov-corpus")
    for p in (DATA / folder).glob("NCT*.json")
    if "wrapper" not in p.name
)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_bytes())
    return data


def test_markup_paths_are_the_registrys_markup_fields() -> None:
    """MARKUP_PATHS is every field the registry's own metadata types 'markup', no other."""
    meta = json.loads((DATA / "ctgov" / "studies-metadata.json").read_bytes())
    found: list[str] = []

    def walk(nodes: list[dict[str, Any]], prefix: list[str]) -> None:
        for node in nodes:
            path = [*prefix, node["name"]]
            if node.get("type") == "markup":
                found.append(".".join(path))
            walk(node.get("children", []), path)

    walk(meta, [])
    assert sorted(found) == sorted(MARKUP_PATHS)


def test_the_real_html_list_becomes_the_registrys_bullets() -> None:
    """The real response's outcome description (<ul><li>) reads as API v2 writes lists."""
    raw = json.loads(
        (DATA / "ctgov-history" / "NCT03690141.history-true.excerpt.json").read_bytes()
    )
    outcome = raw["study"]["protocolSection"]["outcomesModule"]["primaryOutcomes"][0]
    assert outcome["description"].startswith("<ul><li>")
    assert markdown_of(outcome["description"]) == (
        "* A ≥50% PSA decline from baseline at any time point after therapy and maintained for "
        "≥4 weeks\n* Objective response according to iRECIST 1.1"
    )


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>Age &gt; 18 years &amp; \\&lt;65</p>", "Age \\> 18 years \\& \\\\\\<65"),
        (
            "<p>10^9/L [ALND] ~2 years, post-menopausal*</p>",
            "10\\^9/L \\[ALND\\] \\~2 years, post-menopausal\\*",
        ),
        ("<p>snake_case - not # a heading</p>", "snake_case - not # a heading"),
        (
            "<p>Inclusion:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n",
            "Inclusion:\n\n* one\n* two",
        ),
        ("<p>Inclusion:</p><ul><li>one</li><li>two</li></ul>", "Inclusion:\n\n* one\n* two"),
        ("<p>line one\nline two</p>", "line one\nline two"),
        ("Sponsor decision", "Sponsor decision"),
    ],
)
def test_html_becomes_the_registrys_markdown(html: str, markdown: str) -> None:
    """Escapes as the registry escapes (> < [ ] & ^ * ~ \\ only), * bullets, line breaks kept."""
    assert markdown_of(html) == markdown


@pytest.mark.parametrize("compact", [False, True], ids=["line-breaks", "compact"])
def test_every_real_text_reads_the_same_through_both_apis(compact: bool) -> None:
    """Every Markdown text of every real record, rendered to HTML, comes back exactly.

    The texts are rendered as CommonMark renders them (with line breaks between the tags; without,
    as the registry served them before 2025, for the smaller set) and read back with the book of
    the record's API v2 texts, as fetch and sync read them.
    """
    studies = [p for p in STUDIES if not compact or p.parent.name == "ctgov"]
    assert len(studies) >= 10
    texts = 0
    for path in studies:
        study = _load(path)
        book = TextBook(markup_texts(study))
        served = html_study(study, compact=compact)
        converted = convert_study(served, book)
        assert served == study, path.name
        texts += converted
    assert texts > 100


def test_without_the_book_most_texts_already_come_back() -> None:
    """The conversion alone gives the registry's text for nearly every real text.

    Those it cannot give back are the spellings HTML does not keep (``-`` or ``*`` bullets,
    ``1)`` or ``1.``, list numbering): the book exists for them.
    """
    total = same = 0
    for path in STUDIES:
        study = _load(path)
        for text in markup_texts(study):
            total += 1
            same += (
                markdown_of(
                    html_study({"protocolSection": {"statusModule": {"whyStopped": text}}})[
                        "protocolSection"
                    ]["statusModule"]["whyStopped"]
                )
                == text
            )
    assert same / total > 0.95


def test_a_changed_text_is_not_taken_from_the_book() -> None:
    """The book gives back only a text whose HTML is the same: a reworded text reads as new."""
    book = TextBook(["Inclusion Criteria:\n\n- Age \\> 18"])
    assert book.markdown("<p>Inclusion Criteria:</p><ul><li>Age &gt; 18</li></ul>") == (
        "Inclusion Criteria:\n\n- Age \\> 18"
    )
    assert book.markdown("<p>Inclusion Criteria:</p><ul><li>Age &gt; 21</li></ul>") == (
        "Inclusion Criteria:\n\n* Age \\> 21"
    )


@pytest.mark.parametrize("name", ["NCT03418623", "NCT02552212", "NCT00973089"])
def test_the_same_version_through_both_apis_gives_the_same_record(name: str) -> None:
    """A version read from API v2 and from the history API imports to the same record."""
    study = _load(DATA / "ctgov" / f"{name}.json")
    through_v2 = imported(Reply("v2", study, "2026-01-01T00:00:00Z"), None, earlier=False)
    served = html_study(study)
    assert served != study  # the history API really speaks HTML here
    convert_study(served, TextBook(markup_texts(copy.deepcopy(study))))
    through_history = imported(Reply("int", served, "2026-01-01T00:00:00Z"), None, earlier=True)
    registry_v2 = {k: v for k, v in through_v2.data.items() if k != "provenance"}
    registry_int = {k: v for k, v in through_history.data.items() if k != "provenance"}
    assert registry_int == registry_v2
