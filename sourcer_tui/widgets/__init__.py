"""Widgets: one pane or control per module, each posting its own messages."""
