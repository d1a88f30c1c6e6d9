"""The errors a user of rasd can meet, one type per failure, all under :class:`RasdError`.

Per-item problems (one bad article among many) are not exceptions: readers yield
:class:`rasd.records.ItemError` records and the batch goes on. These exceptions are for
failures that stop a command; the CLI prints their message and exits with code 1.
"""

from __future__ import annotations


class RasdError(Exception):
    """Base of every error rasd raises on purpose; the message is meant for the user."""


class InputError(RasdError):
    """An input path cannot be used at all (missing, unreadable, unsupported)."""


class OutputError(RasdError):
    """An output file cannot be written; nothing half-written is left behind."""


class GoldFormatError(RasdError):
    """A gold file for ``rasd eval`` is not valid gold JSONL (EVENTS.md section 3)."""


class PredictionFormatError(RasdError):
    """A prediction file for ``rasd eval`` is not valid event JSONL (EVENTS.md section 2)."""


class StaleBuildError(RasdError, ImportError):
    """A module compiled at install time has been edited since (``rasd.compiled``)."""
