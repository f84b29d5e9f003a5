"""Pydantic models of a trial record: no I/O."""
