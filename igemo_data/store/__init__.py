"""The DuckDB file that keeps scenarios, editions, scoring rounds and decisions: a shared base
and one store per kind.

Never imports charts or ui; pages reach the stores through `igemo_data.ui` (or `page`).
"""
