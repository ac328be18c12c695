"""The names the command line offers before anything is loaded: the tables and the formats.

Kept apart from the data model, whose few dozen dataclasses take longer to define than
``cjmap --help`` may spend.
"""

from typing import Literal

TableName = Literal["coverage", "weakest", "emotions", "backlog", "metrics", "freshness"]
TABLES: tuple[TableName, ...] = ("coverage", "weakest", "emotions", "backlog", "metrics",
                                 "freshness")
FORMATS = ("text", "json", "md", "csv", "html")
