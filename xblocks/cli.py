"""Subcommands of ``ksi-courses`` for Open edX."""

from __future__ import annotations


def register(commands) -> None:
    """The ``olx`` subcommand arrives with the OLX exporter."""
