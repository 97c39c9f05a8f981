"""The text a person reads, in their language: gettext catalogs kept in the package.

* ``_("Snoozed until {day}").format(day=...)`` where the text is shown;
  ``ngettext("{n} talent", "{n} talents", n).format(n=n)`` for a count.
* Never call ``_()`` at import time (a module constant, a class attribute, a
  default argument): the language is chosen after the modules are loaded, and
  the tests switch it.  Mark such a constant with ``N_("...")`` (it stays
  English) and translate it where it is shown: ``_(TITLE)``.  The footer and
  help translate binding descriptions themselves, so ``BINDINGS`` hold
  ``N_()``-marked English.
* Placeholders are named, ``{name}``, so a translation may move them.

The catalogs live in ``locale/<lang>/LC_MESSAGES/sourcer_tui.po``; the ``.mo``
beside each is compiled from it (``python tools/catalog.py``, which extracts
with Babel).  Pure Python: domain code may import it.
"""

from __future__ import annotations

import gettext as _gettext_module
from collections.abc import Callable, Mapping
from pathlib import Path

__all__ = ["_", "N_", "ngettext", "pgettext", "set_language", "in_language", "language", "resolve_language", "LANGUAGES", "LOCALE_DIR", "DOMAIN", "pseudo"]

DOMAIN = "sourcer_tui"
LOCALE_DIR = Path(__file__).with_name("locale")
#: The languages a user can pick (``[ui] language``), besides ``auto``.
LANGUAGES = ("en", "fr")
#: The variables gettext reads, in its order: the first one set decides.
_ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG")

_NULL = _gettext_module.NullTranslations()
_loaded: dict[str, _gettext_module.NullTranslations] = {"en": _NULL}
_language = "en"
_gettext = _NULL.gettext
_ngettext = _NULL.ngettext
_pgettext = _NULL.pgettext


def _(message: str) -> str:
    """*message* in the current language (itself when there is no translation)."""
    return _gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """*message* as meant in *context*, when the same English says two things
    (``pgettext("age", "today")`` is ``auj.`` in a narrow column, not ``aujourd'hui``)."""
    return _pgettext(context, message)


def N_(message: str) -> str:
    """Marks *message* for the catalog without translating it (translate it where shown)."""
    return message


def language() -> str:
    """The language text is shown in now: ``en``, ``fr`` (or the tests' ``pseudo``)."""
    return _language


def resolve_language(setting: str, environ: Mapping[str, str]) -> str:
    """``[ui] language`` made concrete: ``auto`` follows the environment."""
    if setting in LANGUAGES or setting == "pseudo":
        return setting
    for name in _ENVIRONMENT:
        value = environ.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _translations(code: str) -> _gettext_module.NullTranslations:
    translations = _loaded.get(code)
    if translations is None:
        if code == "pseudo":
            translations = _Pseudo()
        else:
            with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
                translations = _gettext_module.GNUTranslations(handle)
        _loaded[code] = translations
    return translations


def set_language(code: str) -> None:
    """Show text in *code* from now on (``en``, ``fr``, or ``pseudo`` for the tests)."""
    global _language, _gettext, _ngettext, _pgettext
    translations = _translations(code)
    _language, _gettext, _ngettext, _pgettext = code, translations.gettext, translations.ngettext, translations.pgettext


def in_language(code: str) -> Callable[[str], str]:
    """``_`` for *code* whatever the current language: a file made for a French
    spreadsheet is French even when the screens are English."""
    return _translations(code).gettext


# --- the tests' pseudo-locale ------------------------------------------------------------

# Every ASCII letter becomes an accented one of the same width: a word on screen
# made of plain ASCII letters only did not go through _().
_PSEUDO = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķłɱñöþʠŕšŧüṽŵẋýžÀɃÇĐÉƑĜĤÎĴĶŁṀÑÖÞɊŔŠŦÜṼŴẊÝŽ",
)


def pseudo(message: str) -> str:
    """*message* with its letters marked, its placeholders and markup left alone."""
    out: list[str] = []
    depth = 0  # inside {placeholder} or [markup]
    i = 0
    while i < len(message):
        char = message[i]
        if char in "{[":
            depth += 1
        elif char in "}]" and depth:
            depth -= 1
        elif char == "%" and i + 1 < len(message) and not depth:  # %s, %d, %(name)s
            end = message.find(")", i) + 1 if message[i + 1] == "(" else i + 1
            end = max(end, i + 1)
            out.append(message[i : end + 1])
            i = end + 1
            continue
        out.append(char if depth else char.translate(_PSEUDO))
        i += 1
    return "".join(out)


class _Pseudo(_gettext_module.NullTranslations):
    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        shown = self._seen.get(message)
        if shown is None:
            shown = self._seen[message] = pseudo(message)
        return shown

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)
