"""The validation report: what glocal's shapes found, as frozen dataclasses an officer can read.

:func:`glocal.validation.validate` builds a :class:`ValidationReport`; this module only holds
and renders it (a table for people, Markdown, JSON, a standard ``sh:ValidationReport`` in
Turtle), so it imports neither pySHACL nor the store.

>>> result = ValidationResult(
...     focus="https://w3id.org/glocal/id/x/goal-1", label="Fler internationella projekt",
...     documents=(NodeRef("https://w3id.org/glocal/id/x", "Internationellt program"),),
...     path="glocal:measuredBy", value=None, value_label=None, severity="warning",
...     message="Målet saknar indikator.", shape="https://w3id.org/glocal/shapes#GoalHasIndicator",
...     shape_name="Målet har en indikator", component="sh:MinCountConstraintComponent",
...     group="https://w3id.org/glocal/shapes#FollowUp", group_label="Ordna uppföljning och ansvar",
...     group_order=4)
>>> report = ValidationReport(results=(result,), as_of="2025-06-01", lang="sv", shapes=())
>>> report.conforms, report.counts
(True, {'violation': 0, 'warning': 1, 'info': 0})
>>> print(report.to_text())  # doctest: +NORMALIZE_WHITESPACE
glocal validate, per 2025-06-01: 0 fel, 1 varning, 0 upplysningar
<BLANKLINE>
Internationellt program
  Ordna uppföljning och ansvar
    varning  Fler internationella projekt  Målet saknar indikator.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from rdflib import Graph

from glocal.errors import GlocalError

__all__ = [
    "SEVERITIES",
    "NodeRef",
    "Severity",
    "ValidationError",
    "ValidationReport",
    "ValidationResult",
]

Severity = Literal["violation", "warning", "info"]
#: From the most to the least severe.
SEVERITIES: tuple[Severity, ...] = ("violation", "warning", "info")

_SEVERITY_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "sv": {"violation": ("fel", "fel"), "warning": ("varning", "varningar"),
           "info": ("upplysning", "upplysningar")},
    "en": {"violation": ("violation", "violations"), "warning": ("warning", "warnings"),
           "info": ("info", "infos")},
}
_WORDS: dict[str, dict[str, str]] = {
    "sv": {"as_of": "per", "none": "Inget att åtgärda.", "no_document": "Utan styrdokument",
           "severity": "Allvarlighet", "what": "Vad", "message": "Att åtgärda", "value": "Värde"},
    "en": {"as_of": "as of", "none": "Nothing to fix.",
           "no_document": "Not in a governing document", "severity": "Severity",
           "what": "What", "message": "To fix", "value": "Value"},
}


class ValidationError(GlocalError):
    """The data has violations of glocal's shapes; raised by ``raise_for_violations()``."""

    def __init__(self, count: int, messages: tuple[str, ...]) -> None:
        self.count = count
        self.messages = messages
        listed = "; ".join(messages[:3]) + (" …" if len(messages) > 3 else "")
        noun = "violation" if count == 1 else "violations"
        super().__init__(f"the data has {count} {noun} of glocal's shapes: {listed}")


@dataclass(frozen=True, slots=True)
class NodeRef:
    """A node by its IRI and its label (the label is what people read)."""

    iri: str
    label: str


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One thing to fix: which node, in which document, what is wrong, how bad, by which shape."""

    focus: str
    label: str
    documents: tuple[NodeRef, ...]
    path: str | None
    value: str | None
    value_label: str | None
    severity: Severity
    message: str
    shape: str
    shape_name: str
    component: str
    group: str | None
    group_label: str
    group_order: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """The label, the message and the value, on one line."""
        value = f" ({self.value_label or self.value})" if self.value is not None else ""
        return f"{self.label}: {self.message}{value}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What glocal's shapes found in a graph, as of a date.

    ``conforms`` is true when there is no violation: warnings and infos are gaps to know about,
    not errors. ``results`` are sorted by document, group, severity and label.
    """

    results: tuple[ValidationResult, ...]
    as_of: str
    lang: str
    shapes: tuple[str, ...]
    #: The standard ``sh:ValidationReport`` graph as N-Triples (every message language kept).
    graph: str = field(default="", repr=False, compare=False)
    #: Which SHACL engine made the report: ``pyshacl`` or ``sparql`` (not part of equality:
    #: both engines give the same results).
    engine: str = field(default="pyshacl", compare=False)

    @property
    def conforms(self) -> bool:
        return not any(r.severity == "violation" for r in self.results)

    @property
    def counts(self) -> dict[str, int]:
        """The number of results of each severity, most severe first."""
        return {s: sum(r.severity == s for r in self.results) for s in SEVERITIES}

    @property
    def counts_by_group(self) -> dict[str, dict[str, int]]:
        """The counts by severity within each group (by its label, in the groups' order)."""
        out: dict[str, dict[str, int]] = {}
        for r in sorted(self.results, key=lambda r: (r.group_order, r.group_label)):
            counts = out.setdefault(r.group_label, dict.fromkeys(SEVERITIES, 0))
            counts[r.severity] += 1
        return out

    def fails(self, level: Severity) -> bool:
        """Whether any result is at least as severe as ``level``."""
        worst = SEVERITIES.index(level)
        return any(SEVERITIES.index(r.severity) <= worst for r in self.results)

    def raise_for_violations(self) -> None:
        """Raise :class:`ValidationError` if there is a violation."""
        violations = [r for r in self.results if r.severity == "violation"]
        if violations:
            raise ValidationError(len(violations), tuple(r.line() for r in violations))

    # --- rendering -----------------------------------------------------------------------

    def summary(self) -> str:
        """One line: the counts by severity, e.g. ``0 fel, 3 varningar, 1 upplysning``."""
        words = _SEVERITY_WORDS[self.lang]
        parts = []
        for severity, n in self.counts.items():
            one, many = words[severity]
            parts.append(f"{n} {one if n == 1 else many}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready data."""
        return {
            "conforms": self.conforms,
            "as_of": self.as_of,
            "lang": self.lang,
            "shapes": list(self.shapes),
            "engine": self.engine,
            "counts": self.counts,
            "counts_by_group": self.counts_by_group,
            "results": [r.to_dict() for r in self.results],
        }

    def _by_document(self) -> Iterator[tuple[str, list[tuple[str, list[ValidationResult]]]]]:
        """Each document's heading and its results by group; a result of two documents shows
        under both."""
        headings: dict[str, list[ValidationResult]] = {}
        for r in self.results:
            for title in [d.label for d in r.documents] or [_WORDS[self.lang]["no_document"]]:
                headings.setdefault(title, []).append(r)
        for title, results in headings.items():
            groups: dict[str, list[ValidationResult]] = {}
            for r in sorted(results, key=_order):
                groups.setdefault(r.group_label, []).append(r)
            yield title, list(groups.items())

    def to_text(self, width: int = 60) -> str:
        """A table for people: by document, then by what to do, with labels, not IRIs."""
        words = _WORDS[self.lang]
        severity = _SEVERITY_WORDS[self.lang]
        lines = [f"glocal validate, {words['as_of']} {self.as_of}: {self.summary()}"]
        if not self.results:
            return "\n".join([*lines, "", words["none"]])
        for title, groups in self._by_document():
            lines += ["", title]
            for group_label, results in groups:
                lines.append(f"  {group_label}")
                sev = max(len(severity[r.severity][0]) for r in results)
                what = min(width, max(len(r.label) for r in results))
                for r in results:
                    value = f" ({r.value_label or r.value})" if r.value is not None else ""
                    lines.append(f"    {severity[r.severity][0].ljust(sev)}  "
                                 f"{_shorten(r.label, width).ljust(what)}  {r.message}{value}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The same as :meth:`to_text`, as Markdown: a section per document, a table per group."""
        words = _WORDS[self.lang]
        severity = _SEVERITY_WORDS[self.lang]
        out = [f"# glocal validate, {words['as_of']} {self.as_of}", "", self.summary()]
        if not self.results:
            return "\n".join([*out, "", words["none"], ""])
        for title, groups in self._by_document():
            out += ["", f"## {_md(title)}"]
            for group_label, results in groups:
                out += ["", f"### {_md(group_label)}", "",
                        f"| {words['severity']} | {words['what']} | {words['message']} | "
                        f"{words['value']} |", "| --- | --- | --- | --- |"]
                out += [f"| {severity[r.severity][0]} | {_md(r.label)} | {_md(r.message)} | "
                        f"{_md(r.value_label or r.value or '')} |" for r in results]
        return "\n".join(out) + "\n"

    def to_turtle(self) -> str:
        """The standard SHACL ``sh:ValidationReport`` graph, in Turtle."""
        from glocal.namespaces import PREFIXES

        graph = Graph()
        graph.bind("sh", "http://www.w3.org/ns/shacl#")
        graph.bind("gs", "https://w3id.org/glocal/shapes#")
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        graph.parse(data=self.graph, format="nt")
        return graph.serialize(format="turtle")


def _order(r: ValidationResult) -> tuple[int, str, int, str, str]:
    return (r.group_order, r.group_label, SEVERITIES.index(r.severity), r.label, r.focus)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
