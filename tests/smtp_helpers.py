"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd): no network, no mock of SMTP."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller

__all__ = ["free_port", "Collector", "RefuseRecipient", "smtp_server"]


def free_port() -> int:
    """A port nobody listens on right now (aiosmtpd's port=0 is broken)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collector:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class RefuseRecipient(Collector):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 no such user"


@pytest.fixture
def smtp_server():
    """Start a real SMTP server on 127.0.0.1; yields ``start(handler, **kwargs) -> (handler, port)``."""
    controllers = []

    def start(handler=None, **kwargs):
        handler = handler or Collector()
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()  # blocks until the server answers
        controllers.append(controller)
        return handler, port

    try:
        yield start
    finally:
        for controller in controllers:
            controller.stop()


