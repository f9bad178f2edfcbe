"""The validation report: what glocal's shapes found, as frozen dataclasses an officer can read.

:func:`glocal.validation.validate.validate` builds a :class:`ValidationReport`; this module only
holds it (as JSON-ready data, or the standard ``sh:ValidationReport`` graph in Turtle), so it
imports neither pySHACL nor the store. People read it through the renderings of
:mod:`glocal.cli.render_validation` (a table, Markdown) and :mod:`glocal.report` (HTML).

>>> from rdflib import URIRef
>>> result = ValidationResult(
...     focus=URIRef("https://w3id.org/glocal/id/x/goal-1"), label="Fler internationella projekt",
...     documents=(NodeRef(URIRef("https://w3id.org/glocal/id/x"), "Internationellt program"),),
...     path="glocal:measuredBy", value=None, value_label=None, severity="warning",
...     message="Målet saknar indikator.",
...     shape=URIRef("https://w3id.org/glocal/shapes#GoalHasIndicator"),
...     shape_name="Målet har en indikator", component="sh:MinCountConstraintComponent",
...     group=URIRef("https://w3id.org/glocal/shapes#FollowUp"),
...     group_label="Ordna uppföljning och ansvar",
...     group_order=4)
>>> report = ValidationReport(results=(result,), as_of="2025-06-01", lang="sv", shapes=())
>>> report.conforms, report.counts
(True, {'violation': 0, 'warning': 1, 'info': 0})
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from rdflib import Graph
from rdflib.term import BNode, URIRef
from rdflib.term import Literal as RDFLiteral

from glocal.errors import ValidationError

__all__ = [
    "SEVERITIES",
    "NodeRef",
    "Severity",
    "ValidationReport",
    "ValidationResult",
]

Severity = Literal["violation", "warning", "info"]
#: From the most to the least severe.
SEVERITIES: tuple[Severity, ...] = ("violation", "warning", "info")

@dataclass(frozen=True, slots=True)
class NodeRef:
    """A node by its IRI and its label (the label is what people read).

    ``iri`` is an rdflib ``URIRef``, as trace and coverage give IRIs (a string in JSON).
    """

    iri: URIRef
    label: str


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One thing to fix: which node, in which document, what is wrong, how bad, by which shape.

    ``focus``, ``shape`` and ``group`` are rdflib terms, as trace and coverage give them (a
    ``URIRef`` never equals a ``str``: compare with ``URIRef(…)``); in JSON they are strings.
    """

    focus: URIRef | BNode | RDFLiteral
    label: str
    documents: tuple[NodeRef, ...]
    path: str | None
    value: str | None
    value_label: str | None
    severity: Severity
    message: str
    shape: URIRef | BNode
    shape_name: str
    component: str
    group: URIRef | BNode | None
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

