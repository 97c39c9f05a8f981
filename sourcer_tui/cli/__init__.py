"""The command line: ``sourcer-tui [command]`` (main.py), one module per family of
subcommands, their errors (errors.py), arguments (args.py) and output (output.py).
Nothing here loads Textual but ``main`` when it opens the app."""

from .errors import CliError
from .main import build_parser, main

__all__ = ["CliError", "build_parser", "main"]
