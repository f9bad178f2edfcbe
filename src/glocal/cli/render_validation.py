"""``glocal validate`` for people: the report as a table or as Markdown, by document, then by
what to do, with labels, not IRIs; every word from :mod:`glocal.words`.

>>> from glocal.validation.report import NodeRef, ValidationReport, ValidationResult
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
>>> print(validation_text(report))  # doctest: +NORMALIZE_WHITESPACE
glocal validate, per 2025-06-01: 0 fel, 1 varning, 0 upplysningar
<BLANKLINE>
Internationellt program
  Ordna uppföljning och ansvar
    varning  Fler internationella projekt  Målet saknar indikator.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from glocal import words
from glocal.cli.text import severity_counts, short
from glocal.validation.report import SEVERITIES, ValidationReport, ValidationResult
from glocal.words import Lang

__all__ = ["validation_markdown", "validation_text"]


def _lang(report: ValidationReport) -> Lang:
    return cast(Lang, report.lang)


def _by_document(report: ValidationReport
                 ) -> Iterator[tuple[str, list[tuple[str, list[ValidationResult]]]]]:
    """Each document's heading and its results by group; a result of two documents shows
    under both."""
    headings: dict[str, list[ValidationResult]] = {}
    for r in report.results:
        titles = [d.label for d in r.documents] or [
            words.word("validation.no_document", _lang(report))]
        for title in titles:
            headings.setdefault(title, []).append(r)
    for title, results in headings.items():
        groups: dict[str, list[ValidationResult]] = {}
        for r in sorted(results, key=_order):
            groups.setdefault(r.group_label, []).append(r)
        yield title, list(groups.items())


def validation_text(report: ValidationReport, width: int = 60) -> str:
    """A table for people: by document, then by what to do."""
    lang = _lang(report)
    lines = [f"glocal validate, {words.word('validation.as_of', lang)} {report.as_of}: "
             f"{severity_counts(report.results, lang)}"]
    if not report.results:
        return "\n".join([*lines, "", words.word("validation.none", lang)])
    for title, groups in _by_document(report):
        lines += ["", title]
        for group_label, results in groups:
            lines.append(f"  {group_label}")
            sev = max(len(words.word(f"severity.{r.severity}", lang)) for r in results)
            what = min(width, max(len(r.label) for r in results))
            for r in results:
                value = f" ({r.value_label or r.value})" if r.value is not None else ""
                severity = words.word(f"severity.{r.severity}", lang)
                lines.append(f"    {severity.ljust(sev)}  "
                             f"{short(r.label, width).ljust(what)}  {r.message}{value}")
    return "\n".join(lines)


def validation_markdown(report: ValidationReport) -> str:
    """The same as :func:`validation_text`, as Markdown: a section per document, a table per
    group."""
    lang = _lang(report)
    heading = [words.word(f"validation.{k}", lang) for k in ("severity", "what", "message",
                                                            "value")]
    out = [f"# glocal validate, {words.word('validation.as_of', lang)} {report.as_of}", "",
           severity_counts(report.results, lang)]
    if not report.results:
        return "\n".join([*out, "", words.word("validation.none", lang), ""])
    for title, groups in _by_document(report):
        out += ["", f"## {_md(title)}"]
        for group_label, results in groups:
            out += ["", f"### {_md(group_label)}", "",
                    "| " + " | ".join(heading) + " |", "| --- | --- | --- | --- |"]
            out += [f"| {words.word(f'severity.{r.severity}', lang)} | {_md(r.label)} | "
                    f"{_md(r.message)} | {_md(r.value_label or r.value or '')} |"
                    for r in results]
    return "\n".join(out) + "\n"


def _order(r: ValidationResult) -> tuple[int, str, int, str, str]:
    return (r.group_order, r.group_label, SEVERITIES.index(r.severity), r.label, str(r.focus))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
