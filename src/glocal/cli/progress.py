"""Progress of long work (loading or validating a big graph), on a terminal only.

A :class:`Progress` writes one line to standard error and rewrites it in place, at most ten
times a second; when standard error is not a terminal (piped, redirected, a test) it writes
nothing at all, so output meant for machines stays clean. No dependency beyond the standard
library.

>>> import io
>>> out = io.StringIO()
>>> with Progress("Läser in", total=2_000_000, unit="B", stream=out, enabled=True) as bar:
...     bar.advance(1_000_000)
...     bar.advance(1_000_000)
>>> out.getvalue().split("\\r")[-1].strip()
'Läser in: 100% (2.0 MB of 2.0 MB) done'
>>> with Progress("quiet", stream=io.StringIO()) as bar:   # not a terminal: silent
...     bar.enabled
False
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["Progress", "track"]

T = TypeVar("T")


def _amount(n: float, unit: str) -> str:
    if unit == "B":
        for size, name in ((1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
            if n >= size:
                return f"{n / size:.1f} {name}"
        return f"{n:.0f} B"
    text = f"{n:,.0f}".replace(",", " ")
    return f"{text} {unit}".rstrip()


class Progress:
    """One line of progress on ``stream`` (default: standard error), shown only on a terminal.

    ``total`` (optional) makes it show a percentage; ``unit`` is ``"B"`` for bytes (shown as
    kB/MB/GB) or a word such as ``"triples"``. ``enabled`` overrides the terminal check.
    """

    def __init__(self, label: str, *, total: float | None = None, unit: str = "",
                 stream: TextIO | None = None, enabled: bool | None = None,
                 interval: float = 0.1) -> None:
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.done = 0.0
        self._interval = interval
        self._started = time.monotonic()
        self._shown = 0.0
        self._width = 0

    def advance(self, n: float = 1) -> None:
        """Count ``n`` more units of work done."""
        self.done += n
        self._show()

    def set(self, done: float) -> None:
        """Set the amount of work done so far."""
        self.done = done
        self._show()

    def _line(self, final: bool = False) -> str:
        elapsed = time.monotonic() - self._started
        if self.total:
            share = min(self.done / self.total, 1.0)
            text = (f"{self.label}: {share:4.0%} ({_amount(self.done, self.unit)} of "
                    f"{_amount(self.total, self.unit)})")
        else:
            text = f"{self.label}: {_amount(self.done, self.unit)}" if self.done else self.label
        return f"{text} done" if final else f"{text} {elapsed:.0f} s"

    def _write(self, line: str) -> None:
        pad = max(self._width - len(line), 0)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self._width = len(line)

    def _show(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if force or now - self._shown >= self._interval:
            self._shown = now
            self._write(self._line())

    def close(self) -> None:
        """Write the final state and end the line."""
        if self.enabled:
            self._write(self._line(final=True))
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        self._show(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def track(items: Iterable[T], label: str, *, total: float | None = None, unit: str = "",
          stream: TextIO | None = None) -> Iterator[T]:
    """Yield ``items``, counting each one as a unit of work done.

    >>> list(track([1, 2, 3], "Steg"))   # standard error is not a terminal under doctest
    [1, 2, 3]
    """
    with Progress(label, total=total, unit=unit, stream=stream) as bar:
        for item in items:
            yield item
            bar.advance()
