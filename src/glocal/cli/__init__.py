"""The ``glocal`` command: a thin layer over the public API (:mod:`glocal.cli.parser` reads the
arguments, :mod:`glocal.cli.commands` calls the API, :mod:`glocal.cli.render` writes the result).

Exit codes: 0 fine, 1 the data fails a check, 2 unreadable input or a usage error. A user
mistake (any :class:`~glocal.errors.GlocalError`) is one line on standard error, never a
traceback.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Run as the ``glocal`` command (no ``argv``: the process is glocal's own), ``query`` and
    ``validate`` take the process's network away once the data is read
    (:func:`glocal.sandbox.deny_network`); called with ``argv`` from a program, they leave the
    caller's process as it is.
    """
    from glocal.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    args.sandbox = argv is None
    run: Callable[..., int] = args.run
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning  # one line, as errors are
            return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from glocal.errors import GlocalError

        if isinstance(exc, GlocalError):
            sys.stderr.write(f"glocal: error: {exc}\n")
            return 2
        raise



def _show_warning(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> None:
    sys.stderr.write(f"glocal: warning: {message}\n")
