"""The French catalog is complete, current and consistent with the code.

Every message the code marks (``_``, ``N_``, ``ngettext``, extracted by Babel as
``tools/catalog.py`` does) has a French translation; nothing in the catalog is
left over from removed code; placeholders match; the shipped ``.mo`` is the
``.po`` compiled.  Fix with ``python tools/catalog.py`` and the missing
translations.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import sys
from pathlib import Path

import pytest

from sourcer_tui.i18n import LOCALE_DIR, N_, _, ngettext, pseudo, resolve_language, set_language

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
catalog_tool = pytest.importorskip("catalog")  # tools/catalog.py (Babel is a test dependency)

_BRACES = re.compile(r"\{[^{}]*\}")
_PERCENT = re.compile(r"%(?:\([a-z_]+\))?[sdfr]")


@pytest.fixture(scope="module")
def code():
    return {catalog_tool.key(m): m for m in catalog_tool.template() if m.id}


@pytest.fixture(scope="module")
def french():
    return {catalog_tool.key(m): m for m in catalog_tool.read() if m.id}


def test_every_message_of_the_code_has_a_french_translation(code, french):
    missing = sorted(msgid for msgid in code if msgid not in french or not catalog_tool.translated(french[msgid]))
    assert missing == []


def test_no_translation_is_stale(code, french):
    """A message the code no longer uses is removed from the catalog."""
    assert sorted(set(french) - set(code)) == []


def _placeholders(text: str) -> list[str]:
    return sorted(_BRACES.findall(text) + _PERCENT.findall(text))


def test_placeholders_are_the_same_in_both_languages(french):
    wrong = []
    for msgid, message in french.items():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = _placeholders(ids[-1])
        for text in strings:
            # a French singular may leave out the count ("1 talent" -> "un talent")
            if _placeholders(text) != expected and not (len(strings) > 1 and text is strings[0] and set(_placeholders(text)) <= set(expected)):
                wrong.append((msgid, text))
    assert wrong == []


def test_the_shipped_mo_is_the_po_compiled(french):
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog_tool.read())
    buffer.seek(0)
    expected = gettext.GNUTranslations(buffer)
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "sourcer_tui.mo").open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == expected._catalog  # noqa: SLF001 — the one way to compare two catalogs


def _modules():
    for path in sorted((ROOT / "sourcer_tui").rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_variable_hides_the_translation_function():
    """In a module that imports ``_``, a variable named ``_`` would turn the
    next ``_("…")`` of its function into a call of that value."""
    wrong = []
    for path, tree in _modules():
        imports = any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree))
        if not imports:
            continue
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, (ast.Assign, ast.For, ast.comprehension, ast.With, ast.AugAssign, ast.AnnAssign)):
                targets = [node.target] if hasattr(node, "target") else list(getattr(node, "targets", []))
                if isinstance(node, ast.With):
                    targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                targets = [ast.Name(id=a.arg) for a in [*node.args.args, *node.args.kwonlyargs]]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id == "_":
                        wrong.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")
    assert wrong == []


def test_only_literal_messages_are_translated():
    """``_(f"…")`` or ``_("a" + b)`` cannot be in a catalog: the text must be a
    literal (or a constant marked with ``N_`` and translated where shown)."""
    wrong = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "ngettext", "pgettext"):
                literal = list(node.args[:2 if node.func.id in ("ngettext", "pgettext") else 1])
                if any(isinstance(a, (ast.JoinedStr, ast.BinOp)) for a in literal):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []


@pytest.mark.parametrize(
    ("setting", "environ", "expected"),
    [
        ("auto", {"LANG": "fr_FR.UTF-8"}, "fr"),
        ("auto", {"LANG": "fr_CA.UTF-8"}, "fr"),
        ("auto", {"LANG": "C.UTF-8"}, "en"),
        ("auto", {}, "en"),
        ("auto", {"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ("auto", {"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ("auto", {"LC_ALL": "", "LANG": "fr_FR"}, "fr"),
        ("en", {"LANG": "fr_FR.UTF-8"}, "en"),
        ("fr", {"LANG": "C"}, "fr"),
    ],
)
def test_the_language_follows_the_setting_then_the_environment(setting, environ, expected):
    assert resolve_language(setting, environ) == expected


def test_french_is_looked_up_and_english_is_the_text_itself():
    assert _("Help") == "Help"
    set_language("fr")
    assert _("Help") == "Aide"
    assert _("Today") == "Aujourd'hui"
    assert N_("Today") == "Today"
    assert _("a text no catalog has") == "a text no catalog has"
    set_language("en")
    assert _("Today") == "Today"


def test_the_pseudo_locale_marks_letters_but_not_placeholders_or_markup():
    assert pseudo("Snoozed {name} until {day}") == "Šñööžéđ {name} üñŧîł {day}"
    assert pseudo("[b]Help[/b] %d %(count)s") == "[b]Ĥéłþ[/b] %d %(count)s"
    set_language("pseudo")
    assert ngettext("{n} talent", "{n} talents", 2) == "{n} ŧàłéñŧš"


def test_a_missions_status_reads_as_words_in_both_languages():
    from sourcer_tui.domain.vocab import picker_status

    assert [picker_status(s) for s in ("open", "on_hold", "closed", "paused?")] == ["open", "on hold", "closed", "paused?"]
    set_language("fr")
    try:
        assert [picker_status(s) for s in ("open", "on_hold", "closed")] == ["ouverte", "en pause", "fermée"]
    finally:
        set_language("en")
