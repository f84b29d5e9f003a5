"""The registry: its HTTP client, fetch, version history and sync (httpx, the `registry` extra).

Its modules are imported by name; the package itself offers nothing.
"""

__all__: list[str] = []
