"""sourcer-tui: a keyboard-driven terminal app for a solo sourcer."""

from . import driver_gate

__version__ = "0.1.0"

driver_gate.install()
