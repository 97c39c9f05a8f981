"""How the full-text index splits and folds words: one home for the search index
(search.py) and the name initials (initials.py), which must read names alike."""

from __future__ import annotations

__all__ = ["TOKENIZE"]

#: SQLite FTS5's tokenizer: Unicode words, accents folded ("Zoé" is found by "zoe").
TOKENIZE = "unicode61 remove_diacritics 2"
