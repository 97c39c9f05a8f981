"""The layers are contracts (pyproject.toml, [tool.importlinter]): the domain imports
neither Textual nor Peewee, services and db import no UI, widgets and modals no
data layer, and the subcommands never load the UI."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_contract_is_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=str(tmp_path), no_logo=True)
    assert code == 0, "an import crosses a layer: run `lint-imports` to see which"


# -- Textual's private API lives in sourcer_tui/textual_compat only ------------------------
UI_PACKAGES = ("app", "key_order", "worker_failures", "commands", "screens", "widgets", "modals")


def _ui_modules():
    import importlib
    import pkgutil

    import sourcer_tui

    for name in UI_PACKAGES:
        module = importlib.import_module(f"sourcer_tui.{name}")
        yield module
        if hasattr(module, "__path__"):
            for info in pkgutil.iter_modules(module.__path__):
                yield importlib.import_module(f"sourcer_tui.{name}.{info.name}")
    assert sourcer_tui


def _textual_private_names(cls) -> set[str]:
    """The private names the Textual classes *cls* derives from define or set on self."""
    import inspect
    import re

    names: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("textual"):
            continue
        names |= {n for n in vars(base) if n.startswith("_") and not n.startswith("__")}
        try:
            names |= set(re.findall(r"self\.(_[a-z]\w*)", inspect.getsource(base)))
        except (OSError, TypeError):
            pass
    return names


def _set_by_textual() -> set[str]:
    """What Textual's class machinery writes into every subclass's namespace."""
    from textual.app import App
    from textual.screen import ModalScreen, Screen
    from textual.widget import Widget

    return set().union(*(vars(type("Probe", (base,), {})) for base in (App, Screen, ModalScreen, Widget)))


_SET_BY_TEXTUAL = _set_by_textual()
_REACTIVE_STORAGE = ("_default_", "_reactive_")  # where a reactive keeps its default and value


def test_only_textual_compat_touches_textual_private_api():
    """No import of ``textual._*``, no override or read of a private name of a Textual
    base class, outside the quarantine (which falls back to plain Textual)."""
    import ast
    import inspect

    from textual.message_pump import MessagePump

    found = []
    for module in _ui_modules():
        source = inspect.getsource(module)
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual._"):
                found.append(f"{module.__name__}: from {node.module} import")
            if isinstance(node, ast.Import):
                found += [f"{module.__name__}: import {a.name}" for a in node.names if a.name.startswith("textual._")]
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, MessagePump) and cls.__module__ == module.__name__):
                continue
            private = _textual_private_names(cls)
            own = {n for n in vars(cls) if n in private and n not in _SET_BY_TEXTUAL and not n.startswith(_REACTIVE_STORAGE)}
            tree = ast.parse(inspect.getsource(cls))
            used = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in private}
            found += [f"{cls.__module__}.{cls.__qualname__}: {n}" for n in sorted(own | used)]
    assert found == []


def test_no_import_cycles():
    """No two modules import each other, directly or not (imports for type checking
    aside): e.g. cli ↔ the subcommands through CliError, or db/initials ↔ db/search
    through the tokenizer, each now with one home."""
    import grimp

    graph = grimp.build_graph("sourcer_tui", exclude_type_checking_imports=True, cache_dir=None)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    assert cycles == []


def test_each_style_file_sits_beside_its_module_and_is_loaded():
    """A screen's, modal's or widget's styles are the .tcss beside its module; the
    app loads every one (no list to keep by hand), its own sourcer.tcss first."""
    import sourcer_tui
    from sourcer_tui.app import SourcerApp

    package = Path(sourcer_tui.__file__).parent
    styles = sorted(package.glob("*/*.tcss"))
    assert styles and [p for p in styles if not p.with_suffix(".py").exists()] == []
    assert SourcerApp.CSS_PATH == [package / "sourcer.tcss", *styles]
