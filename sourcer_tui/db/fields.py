"""Text columns that clean what they store: no write path can forget to.

Every text the app writes goes through Peewee's ``db_value`` of its column:
forms, pastes, CSV and JSON imports, templates, config values, edits.  A
``CharField`` (one line: a name, a subject) stores :func:`clean_line`'s form,
a ``TextField`` (notes, feedback) :func:`clean_text`'s — the one cleaning
rule of ``domain/text.py``: no control character reaches the file, so none
reaches a terminal that draws it.  Forms already clean what they send: for
them this is a check that costs little (a value already clean is returned as
it is after one regular-expression match).  Raw SQL bypasses it: only the
migrations and the demo generator write that way (migration 0014 cleaned the
rows written before this).

Values compared in a query (``Talent.name == x``) are cleaned the same way,
so a search for a name finds the name as it was stored.
"""

from __future__ import annotations

import peewee

from ..domain.text import clean_line, clean_text

__all__ = ["CharField", "TextField"]


class _Cleaned:
    """A text column that stores what its cleaning function leaves."""

    clean = staticmethod(clean_line)

    def db_value(self, value):
        if value.__class__ is not str:  # a str goes straight to the cleaning
            value = super().db_value(value)
        return self.clean(value) if isinstance(value, str) else value


class CharField(_Cleaned, peewee.CharField):
    """One line of text, stored as :func:`clean_line` leaves it."""

    clean = staticmethod(clean_line)


class TextField(_Cleaned, peewee.TextField):
    """Multi-line text, stored as :func:`clean_text` leaves it."""

    clean = staticmethod(clean_text)
