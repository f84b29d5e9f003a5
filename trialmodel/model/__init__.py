"""Pydantic models of a trial record: no I/O."""

__all__: list[str] = []
