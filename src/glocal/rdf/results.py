"""The SPARQL result formats (one table) and their writers over pyoxigraph terms.

The endpoint's workers write SELECT solutions row by row, because pyoxigraph cannot write a
capped list; ASK answers and graphs are written by pyoxigraph itself. This module imports no
rdflib, so a worker process starts in a fraction of a second.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from glocal.errors import QueryError

__all__ = ["ASK_FORMATS", "GRAPH_FORMATS", "RESULT_FORMATS", "write_graph", "write_solutions"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Result formats of SELECT and ASK: name → media type.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Graph formats of CONSTRUCT and DESCRIBE: name → media type.
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_OX_GRAPH = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
#: The formats pyoxigraph writes an ASK answer in.
ASK_FORMATS = _OX_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
# --- SELECT results, written row by row (pyoxigraph cannot write a capped list) ---------------

Solution = ox.QuerySolution


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    raise QueryError(f"cannot write the term {term!r} in a SPARQL result")


def _json(variables: Sequence[str], rows: Iterable[Solution]) -> bytes:
    bindings = [{v: _json_term(row[v]) for v in variables if row[v] is not None} for row in rows]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value == _XSD_STRING:
            return f"<literal>{escape(term.value)}</literal>"
        return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                f"{escape(term.value)}</literal>")
    raise QueryError(f"cannot write the term {term!r} in a SPARQL result")


def _xml(variables: Sequence[str], rows: Iterable[Solution]) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                for v in variables if row[v] is not None]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(getattr(term, "value", term))


def _csv(variables: Sequence[str], rows: Iterable[Solution]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_csv_value(row[v]) for v in variables] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _tsv(variables: Sequence[str], rows: Iterable[Solution]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


_SOLUTION_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
assert set(_SOLUTION_WRITERS) == set(RESULT_FORMATS)


def write_solutions(fmt: str, variables: Sequence[str], rows: Iterable[Solution]) -> bytes:
    """SELECT solutions in the result format ``fmt`` (a key of :data:`RESULT_FORMATS`)."""
    return _SOLUTION_WRITERS[fmt](variables, rows)


def write_graph(fmt: str, triples: Sequence[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """CONSTRUCT or DESCRIBE triples in the graph format ``fmt`` (a key of GRAPH_FORMATS)."""
    return ox.serialize(triples, format=_OX_GRAPH[fmt], prefixes=prefixes) or b""
