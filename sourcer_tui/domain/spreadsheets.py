"""How a spreadsheet expects a CSV file: the English one (``,``, ``0.299``) or the
French one (``;``, ``0,299``), which French Excel opens in columns.

The French dialect is the default when the environment's language is French
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``, as gettext reads them).
Pure Python: the caller hands the environment in.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["DIALECTS", "default_dialect", "delimiter", "decimal"]

#: Every dialect, by the name the command line takes.
DIALECTS = ("fr", "en")


def default_dialect(environ: Mapping[str, str]) -> str:
    """``fr`` when the first language variable that is set starts with ``fr``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def delimiter(dialect: str) -> str:
    return ";" if dialect == "fr" else ","


def decimal(value: float, places: int, dialect: str) -> str:
    """*value* with *places* decimals, a comma before them in French."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if dialect == "fr" else text
