"""Keep the French catalog in step with the code (a development tool; needs Babel).

    python tools/catalog.py                 # extract, update fr .po, fill, compile .mo
    python tools/catalog.py --fill a.json   # also take translations from JSON files
    python tools/catalog.py --missing FILE… # msgids of these files with no translation yet

A JSON file maps an English msgid to its French text; for a plural, the
singular msgid maps to ``[singular, plural]``; a msgid with a context
(``pgettext``) is written ``context|msgid``.  The catalog test
(tests/unit/test_catalog.py) fails while anything is missing, stale or
mismatched.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sourcer_tui"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PO = PACKAGE / "i18n" / "locale" / "fr" / "LC_MESSAGES" / "sourcer_tui.po"
MO = PO.with_suffix(".mo")


def template(files: list[Path] | None = None) -> Catalog:
    """Every message the code marks (of *files*, or of the whole package)."""
    catalog = Catalog(project="sourcer-tui", charset="utf-8")
    if files:
        found = ((str(path.relative_to(ROOT)), *item) for path in files for item in extract_from_file("python", path, keywords=KEYWORDS))
        for filename, lineno, message, comments, context in found:
            catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    else:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**/migrations/**.py", "ignore"), ("**.py", "python")], keywords=KEYWORDS
        ):
            catalog.add(message, None, [(f"sourcer_tui/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def read(path: Path = PO) -> Catalog:
    if not path.exists():
        return Catalog(locale="fr", project="sourcer-tui", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale="fr")


def key(message) -> str:
    """How a JSON file and the tests name a message: ``msgid`` or ``context|msgid``."""
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}|{msgid}" if message.context else msgid


def fill(catalog: Catalog, sources: list[Path]) -> int:
    """Translations from JSON files into messages that have none; returns how many."""
    filled = 0
    for source in sources:
        for msgid, text in json.loads(source.read_text(encoding="utf-8")).items():
            for message in catalog:
                if not message.id or key(message) != msgid or translated(message):
                    continue  # a translation already in the catalog is kept (edit the .po to change it)
                if isinstance(message.id, tuple):
                    forms = list(text) if isinstance(text, list) else [text, text]
                    # CLDR gives French three forms (one, many: "1 000 000", other): the plural serves both
                    forms += [forms[-1]] * (catalog.num_plurals - len(forms))
                    message.string = tuple(forms[: catalog.num_plurals])
                else:
                    message.string = text[0] if isinstance(text, list) else text
                message.flags.discard("fuzzy")
                filled += 1
    return filled


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and "fuzzy" not in message.flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fill", nargs="*", type=Path, default=[])
    parser.add_argument("--missing", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.missing is not None:
        catalog = read()
        known = {key(m) for m in catalog if m.id and translated(m)}
        for source in args.fill:
            known |= set(json.loads(source.read_text(encoding="utf-8")))
        missing = [key(m) for m in template([p.resolve() for p in args.missing]) if m.id and key(m) not in known]
        for msgid in missing:
            print(json.dumps(msgid, ensure_ascii=False))
        return 1 if missing else 0
    catalog = read()
    catalog.update(template(), no_fuzzy_matching=True)
    filled = fill(catalog, args.fill)
    catalog.obsolete.clear()
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=True, include_lineno=False)
    with MO.open("wb") as handle:
        write_mo(handle, catalog)
    empty = [m.id for m in catalog if m.id and not translated(m)]
    print(f"{len(catalog)} messages, {filled} filled, {len(empty)} without French", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
