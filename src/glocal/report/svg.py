"""The report's charts as inline SVG, drawn here so the report needs no script to be read.

Every chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` that say what it shows, and
the report puts the same numbers in a table beside it. State is never shown by colour alone:
each wedge of the SDG wheel carries a marker (a filled disc: an explicit link; a ring on
hatching: interpreted only; no marker on a pale wedge: not served) and its title says it in
words.

>>> from rdflib import URIRef
>>> from glocal.report.model import GoalState, SDGGoal
>>> goal = SDGGoal(URIRef("http://metadata.un.org/sdg/17"), 17, "#19486A", "Partnerskap", "P")
>>> svg = wheel([GoalState(goal, "explicit", 1, 0, 0, ())], title="t", desc="d",
...             states={"explicit": "uttalad koppling"})
>>> svg.count("<path"), "uttalad koppling" in svg
(1, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glocal.report.model import GoalState

__all__ = ["MARKERS", "bars", "marker", "wheel"]

_INK = "#1a1a1a"
_PALE = "#ececec"
#: How each state is drawn: the same marker stands in the legend and the tables.
MARKERS = {"explicit": "●", "interpreted": "◐", "none": "○"}


def _point(cx: float, cy: float, r: float, angle: float) -> tuple[float, float]:
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def _wedge(cx: float, cy: float, inner: float, outer: float, a0: float, a1: float) -> str:
    p = [_point(cx, cy, r, a) for r, a in ((outer, a0), (outer, a1), (inner, a1), (inner, a0))]
    large = int(a1 - a0 > math.pi)
    return (f"M{p[0][0]:.1f},{p[0][1]:.1f} A{outer},{outer} 0 {large} 1 {p[1][0]:.1f},"
            f"{p[1][1]:.1f} L{p[2][0]:.1f},{p[2][1]:.1f} A{inner},{inner} 0 {large} 0 "
            f"{p[3][0]:.1f},{p[3][1]:.1f} Z")


def marker(state: str, x: float, y: float, r: float = 7.0) -> str:
    """The marker of ``state`` at (x, y): a disc, a half disc on a ring, or nothing."""
    if state == "explicit":
        return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="#ffffff" stroke="{_INK}" '
                f'stroke-width="2"/><circle cx="{x:.1f}" cy="{y:.1f}" r="{r - 3.5}" '
                f'fill="{_INK}"/>')
    if state == "interpreted":
        return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="#ffffff" stroke="{_INK}" '
                f'stroke-width="2"/><path d="M{x:.1f},{y - r + 2:.1f} A{r - 2},{r - 2} 0 0 1 '
                f'{x:.1f},{y + r - 2:.1f} Z" fill="{_INK}"/>')
    return ""


def wheel(goals: Sequence[GoalState], *, title: str, desc: str, states: Mapping[str, str],
          size: int = 420, ident: str = "wheel") -> str:
    """The SDG wheel: one wedge per goal in UN order, clockwise from the top."""
    cx = cy = size / 2
    outer, inner = size / 2 - 34, size / 5
    step = 2 * math.pi / max(len(goals), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
             f'width="{size}" height="{size}" role="img" '
             f'aria-labelledby="{ident}-t {ident}-d" class="wheel">',
             f'<title id="{ident}-t">{escape(title)}</title>'
             f'<desc id="{ident}-d">{escape(desc)}</desc>',
             f'<defs><pattern id="{ident}-hatch" width="8" height="8" '
             'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
             '<rect width="8" height="8" fill="none"/>'
             '<line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="3"/>'
             '</pattern></defs>']
    for i, g in enumerate(goals):
        a0, a1 = i * step, (i + 1) * step
        d = _wedge(cx, cy, inner, outer, a0 + 0.01, a1 - 0.01)
        words = f"{g.goal.number}. {g.goal.short}: {states.get(g.state, g.state)}"
        served = g.state != "none"
        fill = g.goal.colour if served else _PALE
        parts.append(f'<g class="wedge" data-goal="{g.goal.number}" data-state="{g.state}">'
                     f'<title>{escape(words)}</title>'
                     f'<path d="{d}" fill="{fill}" stroke="{g.goal.colour}" stroke-width="2"/>')
        if g.state == "interpreted":
            parts.append(f'<path d="{d}" fill="url(#{ident}-hatch)" opacity="0.6"/>')
        mx, my = _point(cx, cy, (inner + outer) / 2, (a0 + a1) / 2)
        parts.append(marker(g.state, mx, my))
        tx, ty = _point(cx, cy, outer + 17, (a0 + a1) / 2)
        parts.append(f'<text x="{tx:.1f}" y="{ty + 5:.1f}" text-anchor="middle" '
                     f'font-size="15" font-weight="bold" fill="{_INK}">{g.goal.number}</text>'
                     '</g>')
    parts.append("</svg>")
    return "".join(parts)


def bars(rows: Sequence[tuple[str, int, int]], *, title: str, desc: str,
         width: int = 560) -> str:
    """Horizontal bars, one per (label, count, total), each with its number written beside."""
    row_h, label_w, bar_w = 30, 170, width - 170 - 120
    height = row_h * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" class="bars">'
             f'<title>{escape(title)}</title><desc>{escape(desc)}</desc>']
    for i, (label, n, total) in enumerate(rows):
        y = 5 + i * row_h
        share = n / total if total else 0.0
        parts.append(f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end" font-size="14" '
                     f'fill="{_INK}">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="20" fill="#ffffff" '
                     f'stroke="#595959"/>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{bar_w * share:.1f}" height="20" '
                     f'fill="#00689D"/>'
                     f'<text x="{label_w + bar_w + 8}" y="{y + 19}" font-size="14" '
                     f'fill="{_INK}">{n}/{total} ({round(100 * share)} %)</text>')
    parts.append("</svg>")
    return "".join(parts)
