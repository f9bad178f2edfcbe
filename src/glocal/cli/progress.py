"""Draw the library's progress callbacks as one line on standard error, on a terminal only.

A :class:`ProgressLine` rewrites its line in place, at most ten times a second; when standard
error is not a terminal (piped, redirected, a test) it writes nothing at all, so output meant
for machines stays clean. The words come from :mod:`glocal.words`, in the user's language.

>>> import io
>>> out = io.StringIO()
>>> with ProgressLine("sv", stream=out, enabled=True) as progress:
...     progress("load", 0, 2_000_000)
...     progress("load", 2_000_000, 2_000_000)
>>> out.getvalue().split("\\r")[-1].strip()
'Läser in: 100% (2.0 MB av 2.0 MB) klart'
>>> with ProgressLine("en", stream=io.StringIO()) as progress:   # not a terminal: silent
...     progress.enabled
False
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from glocal.progress import Stage
from glocal.words import Lang, word

__all__ = ["ProgressLine"]

_UNITS: dict[Stage, str] = {"load": "B", "validate": ""}


def _amount(n: float, unit: str, lang: Lang) -> str:
    if unit == "B":
        for size, name in ((1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
            if n >= size:
                return f"{n / size:.1f} {name}"
        return f"{n:.0f} B"
    text = f"{n:,.0f}".replace(",", " ")
    return f"{text} {unit}".rstrip()


class ProgressLine:
    """A progress callback that draws one line per stage on ``stream`` (default: standard
    error), only on a terminal; ``enabled`` overrides the terminal check."""

    def __init__(self, lang: Lang, *, stream: TextIO | None = None,
                 enabled: bool | None = None, interval: float = 0.1) -> None:
        self.lang = lang
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._interval = interval
        self._stage: Stage | None = None
        self._done: float = 0.0
        self._total: float | None = None
        self._started = self._shown = 0.0
        self._width = 0

    def __call__(self, stage: Stage, done: float, total: float | None) -> None:
        if not self.enabled:
            return
        if stage != self._stage:
            self._end()
            self._stage, self._started, self._shown = stage, time.monotonic(), 0.0
        self._done, self._total = done, total
        now = time.monotonic()
        if total is not None and done >= total:
            self._end()
        elif now - self._shown >= self._interval:
            self._shown = now
            self._write(self._line())

    def _line(self, final: bool = False) -> str:
        assert self._stage is not None
        label, unit = word(f"progress.{self._stage}", self.lang), _UNITS[self._stage]
        if self._total:
            share = min(self._done / self._total, 1.0)
            of = word("progress.of", self.lang)
            text = (f"{label}: {share:4.0%} ({_amount(self._done, unit, self.lang)} {of} "
                    f"{_amount(self._total, unit, self.lang)})")
        else:
            text = f"{label}: {_amount(self._done, unit, self.lang)}" if self._done else label
        if final:
            return f"{text} {word('progress.done', self.lang)}"
        return f"{text} {time.monotonic() - self._started:.0f} s"

    def _write(self, line: str) -> None:
        pad = max(self._width - len(line), 0)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self._width = len(line)

    def _end(self) -> None:
        """Write the stage's final state and end its line."""
        if self._stage is not None:
            self._write(self._line(final=True))
            self.stream.write("\n")
            self.stream.flush()
            self._stage, self._width = None, 0

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._end()
