"""Field descriptions: the docstrings under the fields, attached on first need (model/docs.py)."""

import __future__

import subprocess
import sys

from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from trialmodel.model.base import Section, models_below
from trialmodel.model.docs import attribute_docstrings, describe_fields, field_description
from trialmodel.model.record import TrialRecord


class _Inner(Section):
    """A part below another."""

    size: int | None = None
    """How large it is,
    over two lines."""


class _Outer(Section):
    """A part holding another."""

    inner: _Inner | None = None
    """The part below."""
    plain: str | None = None
    note: str | None = None
    """A note."""


def test_docstrings_are_read_by_pydantics_rule() -> None:
    """Every model's attribute docstrings are those pydantic's own extraction finds."""
    for model in models_below(TrialRecord):
        expected = extract_docstrings_from_cls(model, use_inspect=True)
        assert attribute_docstrings(model) == expected, model.__name__


def test_every_field_of_the_record_has_a_description() -> None:
    """Every field of the record model is documented by the docstring under it."""
    for model in models_below(TrialRecord):
        for name in model.model_fields:
            assert field_description(model, name), f"{model.__name__}.{name}"


def test_the_json_schema_carries_the_descriptions_of_nested_models() -> None:
    """model_json_schema describes every field, those of the models below included."""
    schema = _Outer.model_json_schema()
    outer = schema["properties"]
    inner = schema["$defs"]["_Inner"]["properties"]
    assert outer["note"]["description"] == "A note."
    assert "description" not in outer["plain"]
    assert inner["size"]["description"] == "How large it is,\nover two lines."
    assert _Outer.model_fields["inner"].description == "The part below."


def test_describing_twice_changes_nothing() -> None:
    """A second call leaves the models (and their validators) as the first left them."""
    describe_fields([_Outer])
    validator = _Outer.__pydantic_validator__
    describe_fields([_Outer, _Inner])
    assert _Outer.__pydantic_validator__ is validator


def test_validation_reads_no_docstrings_and_builds_one_validator() -> None:
    """Importing the model and validating a record leave the docstrings unread, and build the
    record's validator alone, not one for each part too (start-up)."""
    code = (
        "from trialmodel.model.record import TrialRecord\n"
        "import sys\n"
        "try:\n"
        "    TrialRecord.model_validate({})\n"
        "except ValueError:\n"
        "    pass\n"
        "print(TrialRecord.model_fields['schema_version'].description)\n"
        "print('trialmodel.model.docs' in sys.modules)\n"
        "from trialmodel.model.base import Section\n"
        "built = [m.__name__ for m in Section.__subclasses__() if m.__pydantic_complete__]\n"
        "print(','.join(built))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["None", "False", "TrialRecord"]


def test_model_modules_do_not_postpone_annotations() -> None:
    """No model module postpones its annotations (``from __future__ import annotations``):
    pydantic would evaluate each annotation string while it builds the classes, at every
    start-up. A single forward reference, quoted, is the exception."""
    modules = {model.__module__ for model in models_below(TrialRecord)}
    assert len(modules) > 5
    for name in sorted(modules):
        assert getattr(sys.modules[name], "annotations", None) is not __future__.annotations, name
