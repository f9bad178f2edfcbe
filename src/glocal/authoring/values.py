"""Each column kind's cell read into RDF terms, problems reported at the cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, Node, URIRef
from rdflib.namespace import XSD

from glocal.authoring.cells import as_text, date_forms, parse_date, split_lines, split_values
from glocal.authoring.spec import Column
from glocal.authoring.vocab import fold
from glocal.namespaces import WORK, as_iri
from glocal.words import LANGS, word

if TYPE_CHECKING:
    from glocal.authoring.importer import Row, _Context

__all__ = ["read_value"]

_MAX_TEXT = 20_000


def read_value(ctx: _Context, row: Row, col: Column) -> list[Node]:
    """The terms of ``row``'s cell in ``col``; a bad value is reported and gives none."""
    cell = row.cells[col.key]
    raw = cell.value
    text = as_text(raw)
    if len(text) > _MAX_TEXT:
        ctx.report(row, col.key, word("workbook.too_long", ctx.lang, value=len(text),
                                      limit=_MAX_TEXT))
        return []
    kind = col.kind
    if kind in ("sv", "en", "plain"):
        if not isinstance(raw, str) and kind != "plain":
            ctx.report(row, col.key, word("workbook.not_text", ctx.lang, value=text))
            return []
        parts = split_lines(text) if col.multi else [text]
        lang = None if kind == "plain" else kind
        return [Literal(p, lang=lang) for p in parts]
    if kind == "int":
        if isinstance(raw, bool) or not (isinstance(raw, int) or
                                         (isinstance(raw, float) and raw.is_integer()) or
                                         text.isdigit()):
            ctx.report(row, col.key, word("workbook.not_a_number", ctx.lang, value=text))
            return []
        return [Literal(int(float(text)), datatype=XSD.integer)]
    if kind == "date":
        return _date(ctx, row, col, raw, text)
    if kind == "ref":
        return _refs(ctx, row, col, split_values(text) if col.multi else [text])
    if kind == "work":
        return [WORK[p.removeprefix("work:")] for p in split_values(text)]
    if kind == "url":
        urls = split_values(text)
        bad = [u for u in urls if not u.startswith(("http://", "https://")) or " " in u]
        for u in bad:
            ctx.report(row, col.key, word("workbook.not_url", ctx.lang, value=u))
        return [] if bad else [URIRef(u) for u in urls]
    if kind == "sdg":
        return _sdg(ctx, row, col, raw, text)
    if kind == "concept":
        return _concepts(ctx, row, col, split_values(text) if col.multi else [text])
    if kind == "bool":
        yes = {word("workbook.value.yes", lang) for lang in LANGS} | {"true", "1", "x"}
        no = {word("workbook.value.no", lang) for lang in LANGS} | {"false", "0"}
        if text.lower() in yes:
            return [Literal(True)]
        if text.lower() not in no:
            ctx.report(row, col.key, word("workbook.unknown_value", ctx.lang, value=text,
                                          choices=", ".join(sorted(yes | no))))
        return []
    if kind == "actor_kind":
        return _kind(ctx, row, col, text)
    if kind == "plan_kind":
        from glocal.namespaces import GLOCAL

        choices = {word("workbook.kind.plan", lang): GLOCAL.Plan for lang in LANGS}
        choices |= {word("workbook.kind.fund", lang): GLOCAL.FundingProgramme for lang in LANGS}
        if text.lower() not in choices:
            ctx.report(row, col.key, word("workbook.unknown_value", ctx.lang, value=text,
                                          choices=", ".join(sorted(choices))))
            return []
        return [choices[text.lower()]]
    return []  # id, slug, version and source are read where the row is identified


def _date(ctx: _Context, row: Row, col: Column, raw: object, text: str) -> list[Node]:
    literal = parse_date(raw)  # type: ignore[arg-type]
    if literal is None:
        ctx.report(row, col.key, word("workbook.not_a_date", ctx.lang, value=text))
        return []
    haystack = ctx.index.text.casefold()
    if not any(form.casefold() in haystack for form in date_forms(literal)):
        ctx.report(row, col.key, word("workbook.date_not_in_text", ctx.lang, value=str(literal)))
        return []
    return [literal]


def _sdg(ctx: _Context, row: Row, col: Column, raw: object, text: str) -> list[Node]:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        ctx.report(row, col.key, word("workbook.code_is_number", ctx.lang, value=text))
        return []
    code = text.split(" ", 1)[0].removeprefix("sdg:")
    iri = ctx.v.sdg_codes.get(code)
    if iri is None:
        ctx.report(row, col.key, word("workbook.unknown_sdg", ctx.lang, code=text))
        return []
    return [iri]


def _concepts(ctx: _Context, row: Row, col: Column, texts: list[str]) -> list[Node]:
    members = ctx.v.concepts.get(col.scheme or "", ())
    lookup: dict[str, str] = {}
    for concept in members:
        lookup[concept.rsplit("#", 1)[-1].casefold()] = concept
        for lang in LANGS:
            lookup[ctx.v.concept_label(concept, lang).casefold()] = concept
    out: list[Node] = []
    for text in texts:
        found = lookup.get(text.casefold())
        if found is None:
            choices = ", ".join(ctx.v.concept_labels(col.scheme or "", ctx.lang))
            ctx.report(row, col.key, word("workbook.unknown_value", ctx.lang, value=text,
                                          choices=choices))
        else:
            out.append(URIRef(found))
    return out


def _kind(ctx: _Context, row: Row, col: Column, text: str) -> list[Node]:
    from glocal.authoring.spec import ACTOR_KINDS

    for key, classes in ACTOR_KINDS.items():
        if text.casefold() in {word(f"workbook.kind.{key}", lang) for lang in LANGS}:
            return [URIRef(c) for c in classes]
    choices = ", ".join(word(f"workbook.kind.{k}", ctx.lang) for k in ACTOR_KINDS)
    ctx.report(row, col.key, word("workbook.unknown_value", ctx.lang, value=text, choices=choices))
    return []


def _refs(ctx: _Context, row: Row, col: Column, texts: list[str]) -> list[Node]:
    out: list[Node] = []
    for text in texts:
        node = _ref(ctx, row, col, text)
        if node is not None:
            out.append(node)
    return out


def _ref(ctx: _Context, row: Row, col: Column, text: str) -> URIRef | None:
    if text in ctx.ids:
        return ctx.ids[text][0]
    if ":" in text:
        try:
            return as_iri(text)
        except ValueError:
            pass
    elif text in ctx.v.known:
        return ctx.v.known[text]
    else:
        names = ctx.names.get(fold(text)) or set(ctx.v.known_names.get(fold(text), ()))
        if len(names) == 1:
            return next(iter(names))
        if len(names) > 1:
            choices = ", ".join(sorted(str(n).rsplit("/", 1)[-1] for n in names))
            ctx.report(row, col.key, word("workbook.ambiguous_name", ctx.lang, value=text,
                                          choices=choices))
            return None
    ctx.report(row, col.key, word("workbook.unknown_id", ctx.lang, value=text))
    return None
