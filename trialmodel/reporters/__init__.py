"""Reporters: findings and changes as text, JSON, Markdown or GitHub annotations.

Reporters turn values into strings; they never read files, print or exit. ``findings`` renders a
validation ``Report``; each module documents its formats.
"""

__all__: list[str] = []
