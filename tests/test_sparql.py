"""Binding values by substitution, and refusing what a read-only library must not run."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

import glocal
from glocal import resources
from glocal.errors import ForbiddenQueryError, QueryError
from glocal.rdf.sparql import bind, check, form

A = URIRef("http://example.org/a")


def test_a_bound_variable_becomes_its_term_everywhere_even_in_union_branches():
    query = "SELECT ?s WHERE { { ?s ?p ?t } UNION { ?t ?p ?s } }"
    assert bind(query, {"t": A}) == (
        "SELECT ?s WHERE { { ?s ?p <http://example.org/a> } UNION "
        "{ <http://example.org/a> ?p ?s } }")


def test_a_projected_bound_variable_stays_a_column():
    assert bind("SELECT ?t ?s WHERE { ?s ?p ?t }", {"t": A}) == (
        "SELECT (<http://example.org/a> AS ?t) ?s WHERE { ?s ?p <http://example.org/a> }")
    assert bind("SELECT ?s WHERE { { SELECT ?t ?s WHERE { ?s ?p ?t } } }", {"t": A}) == (
        "SELECT ?s WHERE { { SELECT (<http://example.org/a> AS ?t) ?s "
        "WHERE { ?s ?p <http://example.org/a> } } }")


def test_bound_becomes_true_and_ordering_gets_brackets():
    assert bind("SELECT ?s WHERE { ?s ?p ?o FILTER(!BOUND(?o)) } ORDER BY ?o", {"o": A}) == (
        "SELECT ?s WHERE { ?s ?p <http://example.org/a> FILTER(!true) } "
        "ORDER BY (<http://example.org/a>)")


def test_bound_in_the_projection_keeps_the_bracket_depth():
    # BOUND(?o) inside an expression used to leave the depth one short, so the column ?o
    # after it was pasted as a bare term (a syntax error)
    assert bind("SELECT (IF(BOUND(?o), 1, 0) AS ?x) ?o $s WHERE { $s ?p ?o }",
                {"o": A, "s": A}) == (
        "SELECT (IF(true, 1, 0) AS ?x) (<http://example.org/a> AS ?o) "
        "(<http://example.org/a> AS ?s) WHERE { <http://example.org/a> ?p <http://example.org/a> }")


def test_a_variable_a_subquery_projects_is_left_as_it_is():
    query = "SELECT $t WHERE { { SELECT ?t WHERE { ?s ?p ?t } } }"
    assert bind(query, {"t": A}) == (
        "SELECT $t WHERE { { SELECT (<http://example.org/a> AS ?t) "
        "WHERE { ?s ?p <http://example.org/a> } } }")


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o BIND(1 AS ?x) }",
    "SELECT ?s WHERE { VALUES ?x { 1 2 } ?s ?p ?x }",
    "SELECT ?s WHERE { VALUES (?y ?x) { (1 2) } ?s ?p ?x }",
])
def test_a_query_that_assigns_a_bound_variable_is_refused(query):
    with pytest.raises(QueryError, match=r"cannot bind \?x"):
        bind(query, {"x": Literal(1)})


def test_variable_names_and_blank_nodes_are_checked():
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"o } DROP ALL {": A})
    from rdflib import BNode
    with pytest.raises(QueryError, match="blank node"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"o": BNode()})


def test_a_variable_name_inside_a_string_or_iri_is_left_alone():
    query = 'SELECT ?s WHERE { ?s <http://example.org/?x> "?x" ; ?p ?x }'
    assert bind(query, {"x": A}) == (
        'SELECT ?s WHERE { ?s <http://example.org/?x> "?x" ; ?p <http://example.org/a> }')


def test_binding_gives_the_same_answers_as_the_pattern_with_the_constant():
    kg = glocal.load()
    query = """PREFIX glocal: <https://w3id.org/glocal/ontology#>
        SELECT ?doc (COUNT(DISTINCT ?g) AS ?n) WHERE {
          { ?g a glocal:Goal ; glocal:statedIn ?doc } UNION { ?g a glocal:Activity ;
            glocal:statedIn ?doc } } GROUP BY ?doc"""
    doc = URIRef("https://w3id.org/glocal/id/tranas/internationellt-arbete")
    bound = kg.query(query, bindings={"doc": doc})
    everything = {r["doc"]: r["n"] for r in kg.query(query)}
    assert bound == [{"doc": doc, "n": everything[doc]}]


def test_check_and_form():
    assert form("# a comment with SELECT\nASK { ?s ?p ?o }") == "ASK"
    with pytest.raises(ForbiddenQueryError):
        check("PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
    check('SELECT ?s WHERE { ?s ?p "INSERT DATA and SERVICE" }')


def test_an_outer_projection_keeps_a_column_a_subquery_already_brings():
    query = ("SELECT ?d ?n WHERE { ?d a ?t OPTIONAL { SELECT ?d (COUNT(?g) AS ?n) "
             "WHERE { ?g ?p ?d } GROUP BY ?d } }")
    assert bind(query, {"d": A}) == (
        "SELECT ?d ?n WHERE { <http://example.org/a> a ?t OPTIONAL { SELECT "
        "(<http://example.org/a> AS ?d) (COUNT(?g) AS ?n) WHERE { ?g ?p <http://example.org/a> } "
        "GROUP BY (<http://example.org/a>) } }")
    kg = glocal.load()
    doc = URIRef("https://w3id.org/glocal/id/tranas/internationellt-arbete")
    rows = kg.named_query("coverage-documents", bindings={"doc": doc})
    assert [r["doc"] for r in rows] == [doc]


_TRICKY = [
    "SELECT * { ?s ?p ?o } SERV<urn:x>ICE",
    "SELECT * { FILTER(?a<?b&&?c>?d) SERVICE <urn:x> { } }",
    'SELECT * { ?s ?p "a<b SERVICE c>d" } # <urn:x> SERVICE\nLIMIT 1',
    "SELECT * { VALUES ?this { <urn:a> <urn:b>\t<urn:c>\n<urn:d> } }SERVICE<urn:x>{}",
    "SELECT * { <urn:a\\u0041> <urn:b>INSERT<urn:c> }",
    "SELECT * { ?s ?p ?o . <urn:a>SERVICEe:x <urn:b> }",
    "ASK { <urn:a> <urn:b> <urn:c> } <<urn:x>> <urn:a b> SERVICE",
]


def _keywords_one_token_at_a_time(query: str) -> list[str]:
    from glocal.rdf import sparql

    out = []
    for match in sparql._TOKEN.finditer(query):
        if match.lastgroup == "word":
            out.append(match.group().upper())
        elif match.lastgroup == "pname":
            prefix = match.group().split(":", 1)[0]
            for part in prefix.split("."):
                out.extend(w.upper() for w in sparql._LETTERS.findall(part))
    return out


@pytest.mark.parametrize("query", _TRICKY + [
    resources.read_query(name) for name in resources.query_names()])
def test_the_keyword_scan_reads_the_keywords_the_token_scan_reads(query: str) -> None:
    # the check reads runs of spaces and IRIs as one match: the same keywords either way
    from glocal.rdf import sparql

    assert list(sparql._keywords(query)) == _keywords_one_token_at_a_time(query)
