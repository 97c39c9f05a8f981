"""Errors the services raise for the UI or CLI to show as one clear message."""

from __future__ import annotations

__all__ = ["ServiceError", "InvalidInput", "NotFound", "Conflict", "valid"]


class ServiceError(Exception):
    """Base class: ``str(error)`` is a sentence fit for the user."""


class InvalidInput(ServiceError):
    """Form data that cannot be saved; ``errors`` maps field -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


class NotFound(ServiceError):
    """The row asked for does not exist (any more)."""


class Conflict(ServiceError):
    """The change contradicts what is stored (e.g. already in that mission)."""


def valid(result: tuple[dict, dict[str, str]]) -> dict:
    """The cleaned data of a domain validator's ``(cleaned, errors)``, or InvalidInput."""
    cleaned, errors = result
    if errors:
        raise InvalidInput(errors)
    return cleaned
