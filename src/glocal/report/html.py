"""The review report as one self-contained HTML page: styles inline, charts as inline SVG, no
script, no request to any other host. Text is escaped with the standard library's
:func:`html.escape` at every interpolation (:func:`_e`); the page is built from small functions,
one per section, so each part can be read on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from glocal import __version__
from glocal.namespaces import curie
from glocal.report import svg
from glocal.validation.report import SEVERITIES
from glocal.words import count, word

if TYPE_CHECKING:
    from rdflib.term import URIRef

    from glocal.authoring.diff_model import StatementChange, StatementLink
    from glocal.report.model import DocumentFacts, MunicipalityPage, ReportData
    from glocal.trace.coverage import Served
    from glocal.trace.model import Trace
    from glocal.validation.report import ValidationResult
    from glocal.words import Lang

__all__ = ["render"]

_CSS = """
:root { color: #1a1a1a; background: #ffffff; font: 16px/1.5 system-ui, sans-serif; }
body { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.5rem; border-bottom: 3px solid #19486A; }
h3 { font-size: 1.25rem; margin-top: 2rem; } h4 { font-size: 1.05rem; }
a { color: #00527c; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #8c8c8c; padding: .25rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #f0f0f0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dt { font-weight: bold; } dd { margin: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.past-due { color: #a3001b; font-weight: bold; }
.agenda { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border: 1px solid #1a1a1a;
          vertical-align: middle; margin-right: .3rem; }
blockquote { margin: .25rem 0 .25rem 1rem; padding-left: .75rem; border-left: 4px solid #595959;
             font-style: italic; }
.severity-violation { color: #a3001b; font-weight: bold; }
.severity-warning { color: #7a4d00; font-weight: bold; }
.severity-info { color: #1a1a1a; }
.muted { color: #4d4d4d; }
blockquote .page { font-style: normal; white-space: nowrap; }
section.municipality { margin-bottom: 3rem; }
nav ul { columns: 2; }
@media print {
  :root { font-size: 11pt; } body { max-width: none; padding: 0; }
  nav.contents { display: none; }
  section.municipality { break-before: page; }
  h2, h3, h4 { break-after: avoid; } table, svg, figure { break-inside: avoid; }
  a { color: #1a1a1a; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(headers: Iterable[str], rows: Iterable[Iterable[tuple[str, str]]],
           caption: str = "", cls: str = "") -> str:
    """A table; each cell is (html, css class), numbers in class ``n``."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="{c}">{h}</td>' if c else f"<td>{h}</td>"
                                    for h, c in row) + "</tr>" for row in rows)
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f'<table class="{cls}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _head(page: MunicipalityPage, part: str, lang: Lang) -> str:
    """A section's heading, ``report.<part>``, anchored ``<slug>-<part>`` for the contents."""
    return f'<h3 id="{page.slug}-{part}">{_e(word("report." + part, lang))}</h3>'


def _none(key: str, lang: Lang) -> str:
    """The paragraph a section shows when it has nothing to list."""
    return f"<p>{_e(word(key, lang))}</p>"


def _facts(d: DocumentFacts, data: ReportData) -> str:
    lang = data.lang
    none = f'<span class="muted">{_e(word("report.not_stated", lang))}</span>'

    def row(key: str, value: str) -> str:
        return f"<dt>{_e(word(key, lang))}</dt><dd>{value or none}</dd>"

    due = _e(d.revision_due or "")
    if d.past_due:
        due += (f' <strong class="past-due" data-past-due="true">⚠ '
                f'{_e(word("report.past_due", lang, date=data.as_of.isoformat()))}</strong>')
    return ("<dl>" + row("report.type", _e(d.type)) +
            row("report.publisher", _e(", ".join(d.publishers))) +
            row("report.adopted_by", _e(", ".join(d.adopted_by))) +
            row("report.issued", _e(d.issued or "")) +
            row("report.identifiers", _e(", ".join(d.identifiers))) +
            row("report.version", _e(d.version or "")) +
            row("report.revision_due", due) +
            row("report.review_rule", _e(", ".join(d.review_rules))) + "</dl>")


_COUNTS = ("areas", "goals", "strategies", "activities", "indicators", "actors", "cited",
           "explicit", "interpreted")


def _summary(page: MunicipalityPage, data: ReportData) -> str:
    lang = data.lang
    out = []
    for d in page.documents:
        s = d.summary
        rows = [[(_e(word(f"review.{k}", lang)), ""),
                 (f'<span data-count="{k}">{getattr(s, k)}</span>', "n")] for k in _COUNTS]
        out.append(f'<article class="document" data-document="{_e(d.iri)}">'
                   f"<h4>{_e(d.title)}</h4>{_facts(d, data)}"
                   + _table((word("report.counts", lang), word("report.count", lang)), rows)
                   + "</article>")
    return "".join(out)


def _wheel(page: MunicipalityPage, data: ReportData) -> str:
    lang = data.lang
    states = {k: word(f"report.state.{k}", lang) for k in svg.MARKERS}
    tally = {k: sum(g.state == k for g in page.goals) for k in svg.MARKERS}
    desc = word("report.wheel", lang, name=page.name, **tally)
    chart = svg.wheel(page.goals, title=word("report.agenda", lang) + ": " + page.name,
                      desc=desc, states=states, ident=page.slug + "-wheel")
    legend = "".join(f"<li>{svg.MARKERS[k]} {_e(v)}</li>" for k, v in states.items())
    rows = [[(f'<span class="swatch" style="background:{g.goal.colour}"></span>'
              f"{g.goal.number}. {_e(g.goal.short)}", ""),
             (f'{svg.MARKERS[g.state]} <span data-state="{g.state}">{_e(states[g.state])}'
              "</span>", ""),
             (f'<span data-count="explicit">{g.explicit}</span>', "n"),
             (f'<span data-count="interpreted">{g.interpreted}</span>', "n"),
             (f'<span data-count="activities">{g.activities}</span>', "n")]
            for g in page.goals]
    table = _table((word("report.goal", lang), word("report.state", lang),
                    word("report.statements_explicit", lang),
                    word("report.statements_interpreted", lang),
                    word("report.activities", lang)), rows, desc, "sdg-table")
    return (f'<div class="agenda"><figure>{chart}<figcaption>{_e(desc)}<br>'
            f'{_e(word("report.legend", lang))}:<ul>{legend}</ul></figcaption></figure>'
            f"<div>{table}</div></div>" + _served(page, data))


def _quote_html(node: URIRef, quotes: Iterable[str], data: ReportData) -> str:
    """Each passage quoted for ``node``, with the pages it stands on where the graph has them
    ("s. 5", "s. 5–6")."""
    out = []
    for exact in quotes:
        p = data.passage(node, exact)
        pages = ""
        if p.page_start is not None:
            end = p.page_end if p.page_end is not None else p.page_start
            where = (word("report.on_page", data.lang, page=p.page_start) if end == p.page_start
                     else word("report.on_pages", data.lang, start=p.page_start, end=end))
            pages = f' <span class="page" data-pages="{p.page_start}-{end}">({_e(where)})</span>'
        out.append(f"<blockquote>{_e(exact)}{pages}</blockquote>")
    return "".join(out)


def _path(t: Trace, lang: Lang) -> str:
    steps = [_e(t.origin.label(lang))]
    for link in t.links:
        key = "relation." + str(link.relation).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        relation = word(key, lang) if key in _RELATIONS else "→"
        steps.append(f'<span class="muted">{_e(relation)}</span> {_e(link.target.label(lang))}')
    return " ".join(steps)


def _evidence(t: Trace, data: ReportData) -> str:
    lang = data.lang
    link = t.alignment_link
    if link is None or link.alignment is None:
        return ""
    a = link.alignment
    quoted = a.iri if a.iri is not None else link.source.iri  # the alignment's quotes
    out = [_quote_html(quoted, (q.exact for q in link.evidence), data)]
    basis = word(f"basis.{a.basis or 'unknown'}", lang)
    out.append(f'<p><span data-basis="{a.basis}">{_e(basis)}</span>')
    if a.basis == "interpreted":
        rationale = next((text for tag, text in a.rationale if tag == lang),
                         a.rationale[0][1] if a.rationale else "")
        approved = ", ".join(data.labels.get(b, str(b)) for b in a.approved_by)
        out.append(" · " + _e(word("report.approved", lang, by=approved) if approved
                              else word("report.unapproved", lang)) + "</p>")
        if rationale:
            out.append(f'<p><strong>{_e(word("report.rationale", lang))}:</strong> '
                       f"{_e(rationale)}</p>")
    else:
        out.append("</p>")
    return "".join(out)


def _served_line(node: URIRef, via: URIRef, basis: str, kind: str, data: ReportData) -> str:
    """One statement serving an SDG, as the list shows it before its paths and quote."""
    lang = data.lang
    label = data.labels.get(node, str(node))
    kind_word = word("kind." + kind, lang) if "kind." + kind in _KINDS else kind
    line = (f'<li data-node="{_e(node)}"><strong>{_e(kind_word)}:</strong> '
            f"{_e(label)} ({_e(word('basis.' + basis, lang))})")
    if via != node:
        line += f' {_e(word("report.via", lang))} {_e(data.labels.get(via, str(via)))}'
    return line


def _served_rows(served: tuple[Served, ...], page: MunicipalityPage, data: ReportData,
                 sdg: URIRef | None, lines: dict[tuple[str, ...], str]) -> str:
    """The statements serving one SDG; ``lines`` keeps each statement's line and quote for the
    page, which lists it again under its goal and under each of its targets."""
    lang = data.lang
    items = []
    for key in sorted({(s.node, s.via, s.basis or "unknown", s.kind) for s in served}):
        node, via, basis, kind = key
        traces = [t for t in page.traces.get(node, ())
                  if t.aligned_node is not None and t.aligned_node.iri == via
                  and t.sdg is not None and (sdg is None or t.sdg.iri == sdg)]
        if traces:
            line = _served_line(node, via, basis, kind, data) + "".join(
                f'<div class="trace"><p>{_e(word("report.path", lang))}: {_path(t, lang)}'
                f"</p>{_evidence(t, data)}</div>" for t in traces[:3])
        else:
            line = lines.get(key) or lines.setdefault(
                key, _served_line(node, via, basis, kind, data)
                + _quote_html(via, data.quotes.get(via, ())[:1], data))
        items.append(line + "</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _served(page: MunicipalityPage, data: ReportData) -> str:
    lang = data.lang
    out = [f'<h4>{_e(word("report.served_by", lang))}</h4>']
    if not page.targets:
        return out[0] + _none("report.nothing_served", lang)
    if not page.traces:
        out.append(f'<p class="muted">{_e(word("report.no_traces", lang))}</p>')
    lines: dict[tuple[str, ...], str] = {}
    for notation, label, served in page.targets:
        out.append(f'<details open><summary data-sdg="{_e(notation)}"><strong>{_e(notation)}'
                   f"</strong> {_e(label)}</summary>"
                   f"{_served_rows(served, page, data, served[0].sdg, lines)}</details>")
    return "".join(out)


def _fix(page: MunicipalityPage, data: ReportData) -> str:
    lang = data.lang
    if not page.results:
        return ""  # the page says there is nothing to fix (report.fix_none)
    out = []
    tally = {s: sum(r.severity == s for r in page.results) for s in SEVERITIES}
    counts = ", ".join(f'<span data-severity="{s}" data-n="{n}">'
                       f'{_e(count(n, "severity." + s, lang))}</span>' for s, n in tally.items())
    out.append(f'<p class="fix-counts">{counts}</p>')
    groups: dict[tuple[int, str], list[ValidationResult]] = {}
    for r in page.results:
        groups.setdefault((r.group_order, r.group_label), []).append(r)
    order = sorted(groups.items(), key=lambda kv: (
        min(SEVERITIES.index(r.severity) for r in kv[1]), kv[0]))
    for (_, label), results in order:
        rows = []
        for r in sorted(results, key=lambda r: (SEVERITIES.index(r.severity), r.label)):
            focus = _iri(r.focus)
            rows.append([
                (f'<span class="severity-{r.severity}" data-result="{r.severity}">'
                 f'{_e(word("severity." + r.severity, lang))}</span>', ""),
                (_e(r.label), ""), (_quote_html(focus, data.quotes.get(focus, ())[:1], data), ""),
                (_e(r.message), "")])
        out.append(f"<h4>{_e(label)}</h4>" + _table(
            (word("validation.severity", lang), word("report.statement", lang),
             word("report.quote", lang), word("report.message", lang)), rows))
    return "".join(out)


def _iri(text: str) -> URIRef:
    from rdflib.term import URIRef

    return URIRef(text)


_KINDS = {"kind.activity", "kind.strategy", "kind.goal", "kind.area", "kind.purpose",
          "kind.principle", "kind.factor", "kind.document", "kind.partnership"}
_RELATIONS = {"relation.contributesTo", "relation.alignedWith", "relation.isTargetOf",
              "relation.statedIn"}
_MEASURES = (("with_activities", "coverage.with_activity"),
             ("with_indicators", "coverage.with_indicator"),
             ("with_responsible", "coverage.with_responsible"),
             ("with_sdgs", "coverage.with_sdg"))


def _completeness(page: MunicipalityPage, data: ReportData) -> str:
    lang = data.lang
    out = []
    for d in page.documents:
        c = d.coverage
        out.append(f'<h4>{_e(d.title)}</h4>')
        if c is None or not c.goals:
            out.append(f'<p>{_e(word("report.no_goals", lang))}</p>')
            continue
        rows = [(word(key, lang), getattr(c, attr), c.goals) for attr, key in _MEASURES]
        desc = word("report.bars", lang, title=d.title)
        chart = svg.bars(rows, title=word("report.completeness", lang) + ": " + d.title,
                         desc=desc)
        table = _table((word("report.completeness", lang), word("report.count", lang),
                        word("report.share", lang)),
                       [[(_e(label), ""),
                         (f'<span data-measure="{attr}">{n}</span>/<span data-goals>{total}'
                          "</span>", "n"), (f"{round(100 * n / total)} %", "n")]
                        for (label, n, total), (attr, _) in zip(rows, _MEASURES, strict=True)],
                       desc, "completeness")
        out.append(f'<div class="agenda" data-document="{_e(d.iri)}"><figure>{chart}'
                   f"</figure>{table}</div>")
    return "".join(out)


def _links(label: str, links: Iterable[StatementLink], data: ReportData) -> str:
    """Links added to or removed from a statement: its property and what it names."""
    shown = ", ".join(curie(link.predicate) + " "
                      + data.labels.get(_iri(link.object), curie(link.object)) for link in links)
    return f'<div><span class="muted">{_e(label)}:</span> {_e(shown)}</div>' if shown else ""


def _change(c: StatementChange, data: ReportData) -> str:
    """One statement that differs between two versions: what changed and how it reads."""
    lang = data.lang
    s = c.statement
    kinds = ", ".join(word("diff." + k, lang) for k in c.kinds)
    out = [f'<li data-change="{" ".join(c.kinds)}"><strong>{_e(kinds)}:</strong> '
           f"{_e(s.label or s.wording)}"]
    if "reworded" in c.kinds and c.old is not None and c.new is not None:
        for key, wording in (("report.before", c.old.wording), ("report.after", c.new.wording)):
            out.append(f'<div><span class="muted">{_e(word(key, lang))}:</span> '
                       f"{_e(wording)}</div>")
    out.append(_links(word("report.links_added", lang), c.links_added, data))
    out.append(_links(word("report.links_removed", lang), c.links_removed, data))
    return "".join(out) + "</li>"


def _versions(page: MunicipalityPage, data: ReportData) -> str:
    """Each version of a work against the one before, statement by statement (glocal diff)."""
    lang = data.lang
    if not page.versions:
        return ""  # the page says no document has versions (report.versions_none)
    out = [f'<p class="muted">{_e(word("report.versions_source", lang))}</p>']
    for d in page.versions:
        old, new = d.old_title or d.old_document, d.new_title or d.new_document
        rows = [[(_e(word("diff." + k, lang)), ""),
                 (f'<span data-change-count="{k}">{n}</span>', "n")]
                for k, n in d.counts().items()]
        document = ""
        if d.links_added or d.links_removed:
            document = (f'<li data-change="document"><strong>{_e(word("diff.document", lang))}'
                        "</strong>" + _links(word("report.links_added", lang), d.links_added, data)
                        + _links(word("report.links_removed", lang), d.links_removed, data)
                        + "</li>")
        out.append(f'<article class="versions" data-old="{_e(d.old_document)}" '
                   f'data-new="{_e(d.new_document)}">'
                   f'<h4>{_e(word("report.version_pair", lang, old=old, new=new))}</h4>'
                   + _table((word("report.change", lang), word("report.count", lang)), rows)
                   + "<ul>" + document + "".join(_change(c, data) for c in d.changes)
                   + "</ul></article>")
    return "".join(out)


def _page(page: MunicipalityPage, data: ReportData) -> str:
    parts = (("summary", _summary), ("agenda", _wheel), ("fix", _fix),
             ("completeness", _completeness), ("versions", _versions))
    body = "".join(f'<div class="part" data-part="{name}">{_head(page, name, data.lang)}'
                   f'{part(page, data) or _none(f"report.{name}_none", data.lang)}</div>'
                   for name, part in parts)
    return (f'<section class="municipality" id="{page.slug}" data-municipality="{_e(page.name)}">'
            f"<h2>{_e(page.name)}</h2>{body}</section>")


def _index(data: ReportData) -> str:
    lang = data.lang
    rows = []
    for p in data.pages:
        served = sum(g.state != "none" for g in p.goals)
        fix = sum(r.severity in ("violation", "warning") for r in p.results)
        rows.append([(f'<a href="#{p.slug}">{_e(p.name)}</a>', ""),
                     (f'<span data-count="documents">{len(p.documents)}</span>', "n"),
                     (f'<span data-count="goals-served">{served}</span>/17', "n"),
                     (f'<span data-count="to-fix">{fix}</span>', "n")])
    return (f'<nav class="contents" aria-labelledby="index"><h2 id="index">'
            f'{_e(word("report.index", lang))}</h2>'
            + _table((word("report.municipality", lang), word("report.documents", lang),
                      word("report.goals_served", lang), word("report.to_fix", lang)),
                     rows, cls="index") + "</nav>")


def render(data: ReportData) -> str:
    """The whole report as one HTML document."""
    lang = data.lang
    title = word("report.title", lang)
    pages = "".join(_page(p, data) for p in data.pages)
    index = _index(data) if len(data.pages) > 1 else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{_e(title)}</h1><p>"
            f'{_e(word("report.as_of", lang, date=data.as_of.isoformat()))}. '
            f'{_e(word("report.made_by", lang, version=__version__, n=data.statements))}</p>'
            f"</header><main>{index}{pages}</main></body></html>\n")
