"""What the ``glocal`` commands print: tables and trees for people, JSON and CSV for machines.

Each command hands its result to one function here and writes the text it returns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from .coverage import CoverageReport
    from .reasoning import ReasoningResult
    from .report import ValidationReport, ValidationResult
    from .store import Row
    from .summary import DocumentSummary
    from .trace import Contributors, Traces

__all__ = ["boolean_result", "cell", "contributors", "coverage_report", "coverage_rows",
           "coverage_summary", "evidence", "graph_result", "info", "name", "named_queries",
           "reasoning_result", "review", "rows_result", "short", "table", "trace_rows", "traces",
           "tree", "truncated", "validation_report", "word"]


def cell(value: object) -> str:
    from rdflib.term import Literal, URIRef

    from .namespaces import curie

    if isinstance(value, URIRef):
        return curie(value)
    if isinstance(value, Literal):
        return str(value)
    return "" if value is None else str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


_KIND_WORDS = {
    "activity": ("Aktivitet", "Activity"), "strategy": ("Strategi", "Strategy"),
    "goal": ("Mål", "Goal"), "area": ("Område", "Area"), "purpose": ("Syfte", "Purpose"),
    "principle": ("Princip", "Principle"), "factor": ("Framgångsfaktor", "Success factor"),
    "document": ("Dokument", "Document"), "sdg-goal": ("Globalt mål", "SDG"),
    "sdg-target": ("Delmål", "SDG target"), "partnership": ("Samarbete", "Partnership"),
}


_TRACE_WORDS = {
    "contributesTo": ("bidrar till", "contributes to"), "alignedWith": ("tjänar", "serves"),
    "isTargetOf": ("som hör till", "which belongs to"), "statedIn": ("anges i", "stated in"),
    "explicit": ("uttalad", "explicit"), "interpreted": ("tolkad", "interpreted"),
    None: ("okänd grund", "unknown basis"),
    "top": ("tjänar inget mer i grafen", "serves nothing further in the graph"),
    "cycle": ("cykel: tillbaka till", "cycle: back to"),
    "truncated": ("fler vägar finns; visar de första {n} (--max-paths)",
                  "there are more paths; showing the first {n} (--max-paths)"),
}


def word(key: str | None, lang: str) -> str:
    pair = _TRACE_WORDS.get(key) or _KIND_WORDS.get(key or "", ("", ""))
    return pair[0] if lang == "sv" else pair[1]


def short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def name(node: Any, lang: str) -> str:
    """``Aktivitet: label`` or ``SDG 17.17: label`` for a TraceNode."""
    kind = "SDG" if node.is_sdg and lang == "en" else word(node.kind, lang)
    code = f" {node.notation}" if node.is_sdg and node.notation else ""
    return f"{kind}{code}: {short(node.label(lang), 120)}" if kind else node.label(lang)


def evidence(link: Any, lang: str) -> str:
    alignment = link.alignment
    quote = next((q.exact for q in link.evidence), "")
    basis = word(alignment.basis if alignment else None, lang)
    return f"{basis}: ”{short(quote)}”" if quote else basis


def tree(root: Any, paths: Sequence[tuple[Any, ...]], lang: str, *, upward: bool) -> list[str]:
    """Lines of a tree whose branches are ``paths`` (each a tuple of links) from ``root``."""
    lines = [name(root, lang)]
    quote = next((q.exact for q in root.quotes), "")
    docs = ", ".join(d.label(lang) for d in root.documents)
    if docs:
        lines.append(f"   {word('statedIn', lang)} {docs}")
    if quote:
        lines.append(f"   ”{short(quote)}”")
    trie: dict[Any, Any] = {}
    for path in paths:
        level = trie
        for step in path:
            level = level.setdefault(step, {})
    stack: list[tuple[str, list[tuple[Any, Any]]]] = [("", list(trie.items()))]
    while stack:
        prefix, items = stack[-1]
        if not items:
            stack.pop()
            continue
        step, children = items.pop(0)
        last = not items
        link, marker = step
        branch, more = ("└─ ", "   ") if last else ("├─ ", "│  ")
        node = link.target if upward else link.source
        relation = link.relation.split("#")[-1]
        if marker:
            head = f"↺ {word('cycle', lang)} {name(node, lang)}"
        elif upward:
            head = f"{word(relation, lang)} {name(node, lang)}"
        else:
            head = name(node, lang)
        if relation == "alignedWith":
            head += f" — {evidence(link, lang)}"
        lines.append(prefix + branch + head)
        why = [t for tag, t in (link.alignment.rationale if link.alignment else ()) if tag == lang]
        if why:
            because = "motivering" if lang == "sv" else "rationale"
            lines.append(prefix + more + f"  {because}: {short(why[0])}")
        quote = next((q.exact for q in node.quotes), "")
        if quote and relation == "contributesTo" and not marker:
            lines.append(prefix + more + f"  ”{short(quote)}”")
        stack.append((prefix + more, list(children.items())))
    return lines


def trace_rows(traces: Any, lang: str) -> list[list[str]]:
    return [[str(i), t.end, (t.sdg.notation or "") if t.sdg else "",
             word(t.basis, lang) if t.sdg else "",
             " → ".join(short(n.label(lang), 40) for n in t.nodes)]
            for i, t in enumerate(traces, 1)]


def coverage_rows(report: Any) -> list[list[object]]:
    """The report in long form: section, id, name, measure, value."""
    rows: list[list[object]] = []
    for s in report.sdgs:
        for who in ("goals", "activities"):
            for basis in ("explicit", "interpreted"):
                rows.append(["sdg", s.notation, s.label, f"{who}_{basis}",
                             s.count(activities=who == "activities", basis=basis)])
    for d in report.documents:
        for measure in ("goals", "with_activities", "with_indicators", "with_responsible",
                        "with_sdgs"):
            rows.append(["document", str(d.document), d.title, measure, getattr(d, measure)])
    rows += [["unserved", s.notation, s.label, "served", 0] for s in report.unserved]
    return rows


def coverage_summary(report: Any, lang: str) -> list[str]:
    sv = lang == "sv"
    goals = report.goals_served
    explicit = sum(1 for s in goals if s.count(activities=False, basis="explicit")
                   or s.count(activities=True, basis="explicit"))
    total = len(goals) + len(report.unserved)
    lines = [(f"Agenda 2030: {len(goals)} av {total} globala mål tjänas "
              f"({explicit} med en uttalad koppling)") if sv else
             (f"Agenda 2030: {len(goals)} of {total} SDGs served "
              f"({explicit} with an explicit link)")]
    if report.unserved:
        lines.append(("  inget tjänar: " if sv else "  nothing serves: ")
                     + ", ".join(s.notation for s in report.unserved))
    return lines


# --- whole outputs, one per command ----------------------------------------------------------


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _lines(lines: Iterable[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def _validation_counts(results: Sequence[ValidationResult], sv: bool) -> str:
    words = ((("fel", "fel"), ("varning", "varningar"), ("upplysning", "upplysningar")) if sv
             else (("violation", "violations"), ("warning", "warnings"), ("info", "infos")))
    counts = [sum(r.severity == s for r in results) for s in ("violation", "warning", "info")]
    return ", ".join(f"{n} {w[0] if n == 1 else w[1]}" for n, w in zip(counts, words, strict=True))


def review(docs: Sequence[DocumentSummary], *, statements: int, coverage: CoverageReport,
           validation: ValidationReport, reasoning: ReasoningResult | None, fmt: str,
           lang: str) -> str:
    """``glocal review``: each municipality's documents, then coverage, checks and reasoning."""
    if fmt == "json":
        checks = {k: v for k, v in validation.to_dict().items() if k != "results"}
        return _json({"statements": statements, "documents": [d.to_dict() for d in docs],
                      "coverage": coverage.to_dict(), "validation": checks}
                     | ({"reasoning": reasoning.to_dict()} if reasoning else {}))
    sv = lang == "sv"
    municipalities = sorted({d.municipality for d in docs})
    publishers = {p for d in docs for p in d.publishers}
    lines = [f"glocal review: {len(docs)} {'dokument' if sv else 'documents'}, "
             f"{len(publishers)} {'kommuner' if sv else 'municipalities'}, "
             f"{statements} {'påståenden i grafen' if sv else 'statements in the graph'}"]
    words = (("mål", "områden", "strategier", "aktiviteter", "indikatorer", "aktörer")
             if sv else ("goals", "areas", "strategies", "activities", "indicators", "actors"))
    for municipality in municipalities:
        lines += ["", municipality]
        for d in (d for d in docs if d.municipality == municipality):
            lines.append(f"  {d.title}" + (f" ({d.type})" if d.type else ""))
            counts = (d.goals, d.areas, d.strategies, d.activities, d.indicators, d.actors)
            lines.append("    " + " · ".join(f"{w} {n}"
                                                for w, n in zip(words, counts, strict=True))
                         + (f" · {'citerade ur andra planer' if sv else 'cited from other plans'}"
                            f" {d.cited}" if d.cited else ""))
            explicit = [s.notation for s in d.sdgs if s.explicit]
            interpreted = [s.notation for s in d.sdgs if not s.explicit]
            label = "Agenda 2030-kopplingar" if sv else "SDG alignments"
            lines.append(f"    {label}: "
                         f"{d.explicit} {'uttalade' if sv else 'explicit'}"
                         + (f" ({', '.join(explicit)})" if explicit else "")
                         + f", {d.interpreted} {'tolkade' if sv else 'interpreted'}"
                         + (f" ({', '.join(interpreted)})" if interpreted else ""))
            lines.append(f"    {'Granskning' if sv else 'Checks'}: "
                         + _validation_counts([r for r in validation.results
                                               if any(x.iri == d.iri for x in r.documents)], sv))
    lines += ["", *coverage_summary(coverage, lang), "",
              ("Granskning (glocal validate): " if sv else "Checks (glocal validate): ")
              + validation.summary()]
    if reasoning is not None:
        lines += ["", ("OWL-resonemang: " if sv else "OWL reasoning: ") + reasoning.summary(lang)]
        lines += [f"  {clash}" for clash in reasoning.explanation]
    return _lines(lines)


def named_queries(queries: Mapping[str, str]) -> str:
    """``glocal query --list``: each name and the first line of its query's comment."""
    lines = []
    for query, text in queries.items():
        first = text.splitlines()[0].lstrip("# ").strip()
        lines.append(f"{query}\t{first}")
    return _lines(lines)


def boolean_result(answer: bool, fmt: str) -> str:
    """An ``ASK`` answer: ``true`` or ``false``, or SPARQL JSON results."""
    return (json.dumps({"head": {}, "boolean": answer}) if fmt == "json"
            else str(answer).lower()) + "\n"


def graph_result(graph: Graph, fmt: str) -> str:
    """A ``CONSTRUCT`` or ``DESCRIBE`` answer: Turtle, or JSON-LD for ``json``."""
    return graph.serialize(format="json-ld" if fmt == "json" else "turtle")


def _json_term(node: Node) -> dict[str, str]:
    from rdflib.term import BNode, Literal

    if isinstance(node, Literal):
        out = {"type": "literal", "value": str(node)}
        if node.language:
            out["xml:lang"] = node.language
        elif node.datatype:
            out["datatype"] = str(node.datatype)
        return out
    return {"type": "bnode" if isinstance(node, BNode) else "uri", "value": str(node)}


def rows_result(rows: Sequence[Row], fmt: str) -> str:
    """``SELECT`` rows: a table with its row count, SPARQL JSON results, or CSV."""
    names = list(dict.fromkeys(k for r in rows for k in r))
    if fmt == "json":
        return _json({"head": {"vars": names},
                      "results": {"bindings": [{k: _json_term(v) for k, v in r.items()}
                                               for r in rows]}})
    if fmt == "csv":
        return _csv(names, [[str(r.get(n, "")) for n in names] for r in rows])
    return table(names, [[r.get(n) for n in names] for r in rows]) + f"\n({len(rows)} rows)\n"


def info(facts: Mapping[str, Any], fmt: str) -> str:
    """``glocal info``: versions, graphs and the bundled resources."""
    if fmt == "json":
        return _json(facts)
    return _lines([
        f"glocal {facts['glocal']} (Python {facts['python']})",
        "dependencies: " + ", ".join(f"{k} {v}" for k, v in facts["dependencies"].items()),
        f"statements: {facts['statements']}",
        "graphs:",
        *(f"  {g}" for g in facts["graphs"]),
        f"named queries: {len(facts['named_queries'])} (glocal query --list)",
        f"bundled ontology, shapes and data: {facts['bundled']}",
    ])


def traces(found: Traces, fmt: str, lang: str) -> str:
    """``glocal trace``: a tree up to the SDGs, a table of paths, or JSON."""
    if fmt == "json":
        return _json(found.to_dict(lang))
    if fmt == "table":
        return table(["#", "end", "SDG", "basis", "path"], trace_rows(found, lang)) + "\n"
    paths = [tuple((k, t.cycle and i == len(t.links) - 1) for i, k in enumerate(t.links))
             for t in found]
    lines = tree(found.start, paths, lang, upward=True)
    if all(t.end == "top" and not t.links for t in found):
        lines.append(f"   ({word('top', lang)})")
    return _lines(lines)


def contributors(found: Contributors, fmt: str, lang: str) -> str:
    """``glocal contributors``: a tree down from the target, a table of contributors, or JSON."""
    if fmt == "json":
        return _json(found.to_dict(lang))
    if fmt == "table":
        rows = [[word(node.kind, lang), short(node.label(lang), 60), cell(node.iri),
                 str(len(path.links)), word(path.basis, lang) if path.sdg else ""]
                for node in found.nodes for path in found.paths(node.iri)]
        return table(["kind", "label", "node", "steps", "basis"], rows) + "\n"
    paths = [tuple((k, t.cycle and i == 0) for i, k in reversed(list(enumerate(t.links))))
             for t in found.traces]
    lines = tree(found.target, paths, lang, upward=False)
    if not found.traces:
        lines.append("   (" + ("ingen bidrar i grafen" if lang == "sv"
                                else "nothing in the graph contributes") + ")")
    return _lines(lines)


def truncated(max_paths: int, lang: str) -> str:
    """The warning that ``--max-paths`` cut the paths short."""
    return word("truncated", lang).format(n=max_paths) + "\n"


def coverage_report(report: CoverageReport, fmt: str, lang: str) -> str:
    """``glocal coverage``: the summary and two tables, long-form CSV, or JSON."""
    if fmt == "json":
        return _json(report.to_dict())
    if fmt == "csv":
        return _csv(["section", "id", "name", "measure", "value"], coverage_rows(report))
    sv = lang == "sv"
    sdgs = table(
        ["SDG", "mål uttalad/tolkad" if sv else "goals explicit/interpreted",
         "aktiviteter uttalad/tolkad" if sv else "activities explicit/interpreted",
         "benämning" if sv else "label"],
        [[s.notation,
          f"{s.count(activities=False, basis='explicit')}/"
          f"{s.count(activities=False, basis='interpreted')}",
          f"{s.count(activities=True, basis='explicit')}/"
          f"{s.count(activities=True, basis='interpreted')}",
          short(s.label, 70)] for s in report.sdgs])
    documents = table(
        ["dokument" if sv else "document", "mål" if sv else "goals",
         "med aktivitet" if sv else "with activity", "med indikator" if sv else "with indicator",
         "med ansvarig" if sv else "with responsible", "med globalt mål" if sv else "with SDG"],
        [[d.title, d.goals, *(f"{n}/{d.goals}" for n in (
            d.with_activities, d.with_indicators, d.with_responsible, d.with_sdgs))]
         for d in report.documents])
    return _lines([*coverage_summary(report, lang), "", sdgs, "", documents])


def reasoning_result(result: ReasoningResult, fmt: str, lang: str) -> str:
    """``glocal reason``: the verdict with its clashes and unsatisfiable classes, or JSON."""
    if fmt == "json":
        return _json(result.to_dict())
    unsatisfiable = "otillfredsställbar klass" if lang == "sv" else "unsatisfiable"
    return _lines([result.summary(lang), *(f"  {clash}" for clash in result.explanation),
                   *(f"  {unsatisfiable}: {cell(cls)}" for cls in result.unsatisfiable)])


def validation_report(report: ValidationReport, fmt: str) -> str:
    """``glocal validate``: a table, JSON, Markdown or a Turtle ``sh:ValidationReport``."""
    if fmt == "json":
        return _json(report.to_dict())
    if fmt == "markdown":
        return report.to_markdown()
    if fmt == "turtle":
        return report.to_turtle()
    return report.to_text() + "\n"
