"""Plain text for people: the tables and trees the ``glocal`` commands print."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["cell", "coverage_rows", "coverage_summary", "evidence", "name", "short", "table",
           "trace_rows", "tree", "word"]


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

