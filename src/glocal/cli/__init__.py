"""The ``glocal`` command: a thin layer over the public API."""

from glocal.cli.commands import main

__all__ = ["main"]
