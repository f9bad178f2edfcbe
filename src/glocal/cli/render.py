"""What the ``glocal`` commands print: tables and trees for people, JSON and CSV for machines.

Each command hands its result to one function here and writes the text it returns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from glocal import words
from glocal.cli.text import cell, csv_text, json_text, line_text, severity_counts, short, table
from glocal.words import Lang

if TYPE_CHECKING:
    from rdflib import Graph

    from glocal.reasoning.reason import ReasoningResult
    from glocal.store.backend import Row
    from glocal.trace.coverage import CoverageReport
    from glocal.trace.model import Contributors, Traces
    from glocal.trace.review import DocumentSummary
    from glocal.validation.report import ValidationReport

__all__ = ["boolean_result", "cell", "contributors", "coverage_report", "coverage_rows",
           "coverage_summary", "evidence", "graph_result", "info", "name", "named_queries",
           "reasoning_result", "review", "rows_result", "short", "table", "trace_rows", "traces",
           "tree", "truncated", "validation_report", "word"]


def word(key: str | None, lang: Lang) -> str:
    """The word for a node kind (``goal``), a relation, a basis or a trace marker."""
    if key is None:
        return words.word("basis.unknown", lang)
    for prefix in ("relation.", "basis.", "trace.", "kind."):
        if prefix + key in words.WORDS:
            return words.word(prefix + key, lang)
    return ""


def name(node: Any, lang: Lang) -> str:
    """``Aktivitet: label`` or ``SDG 17.17: label`` for a TraceNode."""
    kind = words.word(f"name.{node.kind}", lang) if node.is_sdg else word(node.kind, lang)
    code = f" {node.notation}" if node.is_sdg and node.notation else ""
    return f"{kind}{code}: {short(node.label(lang), 120)}" if kind else node.label(lang)


def evidence(link: Any, lang: Lang) -> str:
    alignment = link.alignment
    quote = next((q.exact for q in link.evidence), "")
    basis = word(alignment.basis if alignment else None, lang)
    return f"{basis}: ”{short(quote)}”" if quote else basis


def tree(root: Any, paths: Sequence[tuple[Any, ...]], lang: Lang, *, upward: bool) -> list[str]:
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
            because = words.word("trace.rationale", lang)
            lines.append(prefix + more + f"  {because}: {short(why[0])}")
        quote = next((q.exact for q in node.quotes), "")
        if quote and relation == "contributesTo" and not marker:
            lines.append(prefix + more + f"  ”{short(quote)}”")
        stack.append((prefix + more, list(children.items())))
    return lines


def trace_rows(traces: Any, lang: Lang) -> list[list[str]]:
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


def coverage_summary(report: CoverageReport, lang: Lang) -> list[str]:
    goals = report.goals_served
    explicit = sum(1 for s in goals if s.count(activities=False, basis="explicit")
                   or s.count(activities=True, basis="explicit"))
    total = len(goals) + len(report.unserved)
    lines = [words.word("coverage.summary", lang, served=len(goals), total=total,
                        explicit=explicit)]
    if report.unserved:
        lines.append(f"  {words.word('coverage.unserved', lang)}: "
                     + ", ".join(s.notation for s in report.unserved))
    return lines


# --- whole outputs, one per command ----------------------------------------------------------


def review(docs: Sequence[DocumentSummary], *, statements: int, coverage: CoverageReport,
           validation: ValidationReport, reasoning: ReasoningResult | None, fmt: str,
           lang: Lang) -> str:
    """``glocal review``: each municipality's documents, then coverage, checks and reasoning."""
    if fmt == "json":
        checks = {k: v for k, v in validation.to_dict().items() if k != "results"}
        return json_text({"statements": statements, "documents": [d.to_dict() for d in docs],
                      "coverage": coverage.to_dict(), "validation": checks}
                     | ({"reasoning": reasoning.to_dict()} if reasoning else {}))
    municipalities = sorted({d.municipality for d in docs})
    publishers = {p for d in docs for p in d.publishers}
    lines = [f"glocal review: {len(docs)} {words.word('review.documents', lang)}, "
             f"{len(publishers)} {words.word('review.municipalities', lang)}, "
             f"{statements} {words.word('review.statements', lang)}"]
    names = [words.word(f"review.{k}", lang) for k in
             ("goals", "areas", "strategies", "activities", "indicators", "actors")]
    for municipality in municipalities:
        lines += ["", municipality]
        for d in (d for d in docs if d.municipality == municipality):
            lines.append(f"  {d.title}" + (f" ({d.type})" if d.type else ""))
            counts = (d.goals, d.areas, d.strategies, d.activities, d.indicators, d.actors)
            lines.append("    " + " · ".join(f"{w} {n}"
                                                for w, n in zip(names, counts, strict=True))
                         + (f" · {words.word('review.cited', lang)} {d.cited}"
                            if d.cited else ""))
            explicit = [s.notation for s in d.sdgs if s.explicit]
            interpreted = [s.notation for s in d.sdgs if not s.explicit]
            lines.append(f"    {words.word('review.alignments', lang)}: "
                         f"{d.explicit} {words.word('review.explicit', lang)}"
                         + (f" ({', '.join(explicit)})" if explicit else "")
                         + f", {d.interpreted} {words.word('review.interpreted', lang)}"
                         + (f" ({', '.join(interpreted)})" if interpreted else ""))
            lines.append(f"    {words.word('review.checks', lang)}: "
                         + severity_counts([r for r in validation.results
                                            if any(x.iri == d.iri for x in r.documents)], lang))
    lines += ["", *coverage_summary(coverage, lang), "",
              f"{words.word('review.validate', lang)}: "
              + severity_counts(validation.results, lang)]
    if reasoning is not None:
        lines += ["", f"{words.word('review.reasoning', lang)}: "
                  + reasoning_summary(reasoning, lang)]
        lines += [f"  {clash}" for clash in reasoning.explanation]
    return line_text(lines)


def named_queries(queries: Mapping[str, str]) -> str:
    """``glocal query --list``: each name and the first line of its query's comment."""
    lines = []
    for query, text in queries.items():
        first = text.splitlines()[0].lstrip("# ").strip()
        lines.append(f"{query}\t{first}")
    return line_text(lines)


def boolean_result(answer: bool, fmt: str) -> str:
    """An ``ASK`` answer: ``true`` or ``false``, or SPARQL JSON results."""
    return (json.dumps({"head": {}, "boolean": answer}) if fmt == "json"
            else str(answer).lower()) + "\n"


def graph_result(graph: Graph, fmt: str) -> str:
    """A ``CONSTRUCT`` or ``DESCRIBE`` answer: Turtle, or JSON-LD for ``json``."""
    return graph.serialize(format="json-ld" if fmt == "json" else "turtle")


def rows_result(rows: Sequence[Row], fmt: str) -> str:
    """``SELECT`` rows: a table with its row count, SPARQL JSON results, or CSV."""
    names = list(dict.fromkeys(k for r in rows for k in r))
    if fmt == "json":
        from glocal.rdf.terms import to_json

        return json_text({"head": {"vars": names},
                          "results": {"bindings": [{k: to_json(v) for k, v in r.items()}
                                                   for r in rows]}})
    if fmt == "csv":
        return csv_text(names, [[str(r.get(n, "")) for n in names] for r in rows])
    return table(names, [[r.get(n) for n in names] for r in rows]) + f"\n({len(rows)} rows)\n"


def info(facts: Mapping[str, Any], fmt: str) -> str:
    """``glocal info``: versions, graphs and the bundled resources."""
    if fmt == "json":
        return json_text(facts)
    return line_text([
        f"glocal {facts['glocal']} (Python {facts['python']})",
        "dependencies: " + ", ".join(f"{k} {v}" for k, v in facts["dependencies"].items()),
        f"statements: {facts['statements']}",
        "graphs:",
        *(f"  {g}" for g in facts["graphs"]),
        f"named queries: {len(facts['named_queries'])} (glocal query --list)",
        f"bundled ontology, shapes and data: {facts['bundled']}",
    ])


def traces(found: Traces, fmt: str, lang: Lang) -> str:
    """``glocal trace``: a tree up to the SDGs, a table of paths, or JSON."""
    if fmt == "json":
        return json_text(found.to_dict(lang))
    if fmt == "table":
        return table(["#", "end", "SDG", "basis", "path"], trace_rows(found, lang)) + "\n"
    paths = [tuple((k, t.cycle and i == len(t.links) - 1) for i, k in enumerate(t.links))
             for t in found]
    lines = tree(found.start, paths, lang, upward=True)
    if all(t.end == "top" and not t.links for t in found):
        lines.append(f"   ({word('top', lang)})")
    return line_text(lines)


def contributors(found: Contributors, fmt: str, lang: Lang) -> str:
    """``glocal contributors``: a tree down from the target, a table of contributors, or JSON."""
    if fmt == "json":
        return json_text(found.to_dict(lang))
    if fmt == "table":
        rows = [[word(node.kind, lang), short(node.label(lang), 60), cell(node.iri),
                 str(len(path.links)), word(path.basis, lang) if path.sdg else ""]
                for node in found.nodes for path in found.paths(node.iri)]
        return table(["kind", "label", "node", "steps", "basis"], rows) + "\n"
    paths = [tuple((k, t.cycle and i == 0) for i, k in reversed(list(enumerate(t.links))))
             for t in found.traces]
    lines = tree(found.target, paths, lang, upward=False)
    if not found.traces:
        lines.append(f"   ({words.word('trace.nobody', lang)})")
    return line_text(lines)


def truncated(max_paths: int, lang: Lang) -> str:
    """The warning that ``--max-paths`` cut the paths short."""
    return words.word("trace.truncated", lang, n=max_paths) + "\n"


def coverage_report(report: CoverageReport, fmt: str, lang: Lang) -> str:
    """``glocal coverage``: the summary and two tables, long-form CSV, or JSON."""
    if fmt == "json":
        return json_text(report.to_dict())
    if fmt == "csv":
        return csv_text(["section", "id", "name", "measure", "value"], coverage_rows(report))
    sdgs = table(
        ["SDG", *(words.word(f"coverage.{k}", lang) for k in ("goals", "activities", "label"))],
        [[s.notation,
          f"{s.count(activities=False, basis='explicit')}/"
          f"{s.count(activities=False, basis='interpreted')}",
          f"{s.count(activities=True, basis='explicit')}/"
          f"{s.count(activities=True, basis='interpreted')}",
          short(s.label, 70)] for s in report.sdgs])
    documents = table(
        [words.word(f"coverage.{k}", lang) for k in
         ("document", "document_goals", "with_activity", "with_indicator", "with_responsible",
          "with_sdg")],
        [[d.title, d.goals, *(f"{n}/{d.goals}" for n in (
            d.with_activities, d.with_indicators, d.with_responsible, d.with_sdgs))]
         for d in report.documents])
    return line_text([*coverage_summary(report, lang), "", sdgs, "", documents])


def reasoning_summary(result: ReasoningResult, lang: Lang) -> str:
    """One line for people: consistent or not, and how much was inferred."""
    if not result.consistent:
        clashes = words.count(len(result.explanation), "reasoning.clash", lang)
        return words.word("reasoning.inconsistent", lang, reasoner=result.reasoner,
                          clashes=clashes)
    text = words.word("reasoning.consistent", lang, reasoner=result.reasoner)
    if result.unsatisfiable:
        text += ", " + words.word("reasoning.unsatisfiable", lang, n=len(result.unsatisfiable))
    return text + ", " + words.word("reasoning.inferred", lang, n=result.facts)


def reasoning_result(result: ReasoningResult, fmt: str, lang: Lang) -> str:
    """``glocal reason``: the verdict with its clashes and unsatisfiable classes, or JSON."""
    if fmt == "json":
        return json_text(result.to_dict())
    unsatisfiable = words.word("reasoning.unsatisfiable_class", lang)
    return line_text([reasoning_summary(result, lang),
                   *(f"  {clash}" for clash in result.explanation),
                   *(f"  {unsatisfiable}: {cell(cls)}" for cls in result.unsatisfiable)])


def validation_report(report: ValidationReport, fmt: str) -> str:
    """``glocal validate``: a table, JSON, Markdown or a Turtle ``sh:ValidationReport``."""
    from glocal.cli.render_validation import validation_markdown, validation_text

    if fmt == "json":
        return json_text(report.to_dict())
    if fmt == "markdown":
        return validation_markdown(report)
    if fmt == "turtle":
        return report.to_turtle()
    return validation_text(report) + "\n"


def network(*, nodes: int, edges: int, parts: int, isolated: Sequence[tuple[str, str]],
            central: Sequence[tuple[str, str, float]], fmt: str, lang: Lang) -> str:
    """``glocal network``: the size of the strategy layer, its isolated goals and the nodes
    that connect the most, or JSON."""
    if fmt == "json":
        return json_text({"nodes": nodes, "edges": edges, "components": parts,
                          "isolated_goals": [{"iri": n, "label": t} for n, t in isolated],
                          "central_nodes": [{"iri": n, "label": t, "betweenness": round(s, 6)}
                                            for n, t, s in central]})
    from glocal.namespaces import curie

    out = [words.word("network.summary", lang, nodes=nodes, edges=edges, parts=parts), "",
           f"{words.word('network.isolated', lang)}:"]
    out += [f"  {short(t, 100)}  ({curie(n)})" for n, t in isolated] or [
        f"  ({words.word('network.none', lang)})"]
    out += ["", f"{words.word('network.central', lang)}:"]
    out += [f"  {s:.3f}  {short(t, 100)}" for _, t, s in central]
    return line_text(out)
