"""Analysis tables: one table per entity of the records, written as Parquet (pyarrow) or CSV.

``trialmodel.outputs.tables.columns`` declares every table, its key and its columns (no pyarrow:
``trialmodel schema`` renders the data dictionary from it); ``rows`` turns trials into rows;
``writing`` writes the files.
"""

__all__: list[str] = []
