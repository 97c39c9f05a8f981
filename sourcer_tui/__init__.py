"""sourcer-tui: a keyboard-driven terminal app for a solo sourcer."""

__version__ = "0.1.0"
