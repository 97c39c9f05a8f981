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
