"""Field descriptions from the docstrings under the fields, attached when something shows them.

Every field of the record model is documented by the string under it. Pydantic can read those
strings while it builds each class (``use_attribute_docstrings``), but it does so by finding and
parsing the class's source with ``inspect`` and ``ast`` on every start-up: a quarter of the time
it takes to build the model, for descriptions that only the exported JSON Schema, the field
reference and the tables' data dictionary show, and that validation never reads.
`describe_fields` attaches them on first need instead, by pydantic's rule (a string right after
an annotated name; ``inspect.cleandoc``), reading each module's source once, and rebuilds the
models so that their JSON Schema carries them. ``Section.model_json_schema`` calls it first, so
a schema never lacks them.
"""

import ast
import functools
import inspect
import sys
import typing

from pydantic import BaseModel

__all__ = ["attribute_docstrings", "describe_fields", "field_description"]

_described: set[type[BaseModel]] = set()


def describe_fields(models: typing.Iterable[type[BaseModel]]) -> None:
    """Give every field of ``models`` (and of the models below them) that has no description
    the docstring written under it, and rebuild the models that changed; once per model."""
    order = [m for m in _children_first(models) if m not in _described]
    for model in order:
        for name, info in model.model_fields.items():
            info.description = field_description(model, name)
    for model in order:
        # children first: a model's schema takes in the (rebuilt) schemas of the models below it
        model.model_rebuild(force=True)
        _described.add(model)


def field_description(model: type[BaseModel], name: str) -> str | None:
    """The description of ``model``'s field ``name``: as given in ``Field``, else its docstring."""
    info = model.model_fields[name]
    return info.description if info.description is not None else _docstring(model, name)


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The docstrings written under the annotated names of ``cls``'s own body, by name."""
    return _module_docstrings(cls.__module__).get(cls.__qualname__, {})


def _docstring(model: type[BaseModel], name: str) -> str | None:
    for cls in model.__mro__:
        if name in inspect.get_annotations(cls):
            return attribute_docstrings(cls).get(name)
    return None


@functools.cache
def _module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """Each top-level class of a module, by name, with its attribute docstrings."""
    tree = ast.parse(inspect.getsource(sys.modules[module]))
    return {
        node.name: _class_docstrings(node) for node in tree.body if isinstance(node, ast.ClassDef)
    }


def _class_docstrings(node: ast.ClassDef) -> dict[str, str]:
    docs: dict[str, str] = {}
    previous: ast.stmt | None = None
    for statement in node.body:
        if (
            isinstance(previous, ast.AnnAssign)
            and isinstance(previous.target, ast.Name)
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            docs[previous.target.id] = inspect.cleandoc(statement.value.value)
        previous = statement
    return docs


def _children_first(roots: typing.Iterable[type[BaseModel]]) -> list[type[BaseModel]]:
    order: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in order:
            return
        order.append(model)  # placed now so that a cycle ends here; moved after its children
        for info in model.model_fields.values():
            for child in _models_in(info.annotation):
                visit(child)
        order.remove(model)
        order.append(model)

    for root in roots:
        visit(root)
    return order


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
