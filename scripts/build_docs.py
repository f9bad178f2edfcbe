"""Build the ontology's reference page, ``docs/ontology.html``, from ``ontology/glocal.ttl``.

    python scripts/build_docs.py            # write docs/ontology.html
    python scripts/build_docs.py --check    # exit 1 if docs/ontology.html is out of date

The page is generated with rdflib alone, offline and deterministically (sorted output, no
timestamps), so ``--check`` can compare it byte for byte. Exit codes: 0 fine, 1 the page is out
of date, 2 the ontology cannot be read or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeGuard

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "glocal.ttl"
OUTPUT = ROOT / "docs" / "ontology.html"

GLOCAL = Namespace("https://w3id.org/glocal/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/glocal/ontology")
VANN = Namespace("http://purl.org/vocab/vann/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "glocal": str(GLOCAL),
    "dcterms": str(DCTERMS),
    "org": "http://www.w3.org/ns/org#",
    "owl": str(OWL),
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sdgo": "http://metadata.un.org/sdg/ontology#",
    "skos": str(SKOS),
    "vann": str(VANN),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

SECTIONS: list[tuple[str, str, URIRef]] = [
    ("classes", "Classes", OWL.Class),
    ("object-properties", "Object properties", OWL.ObjectProperty),
    ("datatype-properties", "Datatype properties", OWL.DatatypeProperty),
    ("annotation-properties", "Annotation properties", OWL.AnnotationProperty),
    ("individuals", "Named individuals", OWL.NamedIndividual),
    ("concept-schemes", "Concept schemes and concepts", SKOS.ConceptScheme),
]

CSS = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.7rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; }
h3 { margin-bottom: 0.2rem; } h4 { margin: 1.2rem 0 0.2rem; }
code { font-size: 0.92em; background: #f4f4f6; padding: 0 0.2em; border-radius: 3px; }
section.term { border: 1px solid #e2e2e6; border-radius: 6px; padding: 0.3rem 1rem 0.8rem;
               margin: 1.2rem 0; }
section.term:target { border-color: #3b6fd8; box-shadow: 0 0 0 2px #c9d8f8; }
.iri { color: #555; font-size: 0.9em; margin: 0; }
.sv { color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.6rem 0.25rem 0;
         border-bottom: 1px solid #eee; }
th { width: 11rem; font-weight: 600; }
nav ul { columns: 3; padding-left: 1rem; }
.kind { font-size: 0.8em; color: #666; font-weight: normal; }
"""


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def curie(iri: URIRef) -> str:
    text = str(iri)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def local(iri: URIRef) -> str:
    return str(iri)[len(str(GLOCAL)) :]


def is_glocal(node: Node) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and str(node).startswith(str(GLOCAL))


def link(node: Node) -> str:
    """An IRI as a CURIE, linked to its entry on this page or to itself."""
    if isinstance(node, URIRef):
        if is_glocal(node):
            return f'<a href="#{esc(local(node))}"><code>{esc(curie(node))}</code></a>'
        if node == ONTOLOGY_IRI:
            return f'<a href="#overview"><code>{esc(str(node))}</code></a>'
        return f'<a href="{esc(str(node))}"><code>{esc(curie(node))}</code></a>'
    if isinstance(node, Literal):
        return esc(str(node))
    return esc(str(node))


def literals(graph: Graph, subject: Node, predicate: URIRef) -> list[Literal]:
    """The literal values, Swedish first, then English, then the rest, each group sorted."""
    order = {"sv": 0, "en": 1}
    found = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    return sorted(
        found, key=lambda lit: (order.get(lit.language or "", 2), lit.language or "", str(lit))
    )


def iris(graph: Graph, subject: Node, predicate: URIRef) -> list[URIRef]:
    return sorted(o for o in graph.objects(subject, predicate) if isinstance(o, URIRef))


def label(graph: Graph, node: URIRef, language: str) -> str:
    for lit in literals(graph, node, RDFS.label):
        if lit.language == language:
            return str(lit)
    return local(node) if is_glocal(node) else curie(node)


def lang_text(lit: Literal) -> str:
    if lit.language:
        return f'<span lang="{esc(lit.language)}">{esc(str(lit))}</span> <span class="kind">@{esc(lit.language)}</span>'
    return esc(str(lit))


def members(graph: Graph, head: Node) -> list[Node]:
    return list(Collection(graph, head))


def expression(graph: Graph, node: Node) -> str:
    """A class expression in Manchester-like syntax, as HTML."""
    if isinstance(node, URIRef):
        return link(node)
    for predicate, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        head = graph.value(node, predicate)
        if head is not None:
            parts = [expression(graph, m) for m in members(graph, head)]
            return "(" + word.join(parts) + ")"
    head = graph.value(node, OWL.oneOf)
    if head is not None:
        return "{" + ", ".join(expression(graph, m) for m in members(graph, head)) + "}"
    on = graph.value(node, OWL.onProperty)
    if on is not None:
        for predicate, word in (
            (OWL.hasValue, "value"),
            (OWL.someValuesFrom, "some"),
            (OWL.allValuesFrom, "only"),
        ):
            value = graph.value(node, predicate)
            if value is not None:
                return f"({link(on)} {word} {expression(graph, value)})"
    return esc("[anonymous expression]")


def mentioned(graph: Graph, node: Node) -> Iterator[URIRef]:
    """The named classes inside a class expression."""
    if isinstance(node, URIRef):
        yield node
        return
    for predicate in (OWL.unionOf, OWL.intersectionOf):
        head = graph.value(node, predicate)
        if head is not None:
            for member in members(graph, head):
                yield from mentioned(graph, member)


def row(title: str, cells: Iterable[str]) -> str:
    values = [c for c in cells if c]
    if not values:
        return ""
    return f"<tr><th>{esc(title)}</th><td>{'<br>'.join(values)}</td></tr>\n"


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


def terms_of(graph: Graph, kind: URIRef) -> list[URIRef]:
    found = {s for s in graph.subjects(RDF.type, kind) if is_glocal(s)}
    if kind == OWL.NamedIndividual:  # concepts and schemes have a section of their own
        found = {
            s
            for s in found
            if (s, RDF.type, SKOS.Concept) not in graph
            and (s, RDF.type, SKOS.ConceptScheme) not in graph
        }
    return sorted(found, key=lambda iri: local(iri).lower())


def disjoint_with(graph: Graph, cls: URIRef) -> list[str]:
    found: set[str] = set()
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(axiom, OWL.members)
        if head is None:
            continue
        items = members(graph, head)
        mine = [m for m in items if cls in set(mentioned(graph, m))]
        if not mine:
            continue
        for item in items:
            if item in mine:
                continue
            found.add(expression(graph, item))
    for other in graph.objects(cls, OWL.disjointWith):
        found.add(expression(graph, other))
    return sorted(found)


def used_by(graph: Graph, cls: URIRef, predicate: URIRef) -> list[str]:
    found = set()
    for prop, expr in graph.subject_objects(predicate):
        if is_glocal(prop) and cls in set(mentioned(graph, expr)):
            found.add(link(prop))
    return sorted(found)


def term_section(graph: Graph, term: URIRef, kind: str) -> str:
    sv, en = label(graph, term, "sv"), label(graph, term, "en")
    out = [
        f'<section class="term" id="{esc(local(term))}">\n',
        f'<h3>{esc(en)} <span class="sv" lang="sv">· {esc(sv)}</span> '
        f'<span class="kind">{esc(kind)}</span></h3>\n',
        f'<p class="iri"><code>{esc(str(term))}</code></p>\n<table>\n',
        row("Label", (lang_text(lit) for lit in literals(graph, term, RDFS.label))),
        row("Preferred label", (lang_text(lit) for lit in literals(graph, term, SKOS.prefLabel))),
        row("Definition", (lang_text(lit) for lit in literals(graph, term, SKOS.definition))),
        row("Scope note", (lang_text(lit) for lit in literals(graph, term, SKOS.scopeNote))),
        row("Example", (lang_text(lit) for lit in literals(graph, term, SKOS.example))),
        row("Type", (link(t) for t in iris(graph, term, RDF.type))),
        row(
            "Subclass of",
            sorted(expression(graph, o) for o in graph.objects(term, RDFS.subClassOf)),
        ),
        row(
            "Equivalent to",
            sorted(expression(graph, o) for o in graph.objects(term, OWL.equivalentClass)),
        ),
        row("Disjoint with", disjoint_with(graph, term) if kind == "class" else []),
        row("Sub-property of", (link(o) for o in iris(graph, term, RDFS.subPropertyOf))),
        row("Domain", sorted(expression(graph, o) for o in graph.objects(term, RDFS.domain))),
        row("Range", sorted(expression(graph, o) for o in graph.objects(term, RDFS.range))),
        row("Expected values", (link(o) for o in iris(graph, term, SCHEMA.rangeIncludes))),
        row(
            "Characteristics",
            ["functional (at most one value)"]
            if (term, RDF.type, OWL.FunctionalProperty) in graph
            else [],
        ),
        row("In domain of", used_by(graph, term, RDFS.domain) if kind == "class" else []),
        row("In range of", used_by(graph, term, RDFS.range) if kind == "class" else []),
        row(
            "Instances",
            (link(s) for s in iris_of_type(graph, term) if kind == "class"),
        ),
        row("In scheme", (link(o) for o in iris(graph, term, SKOS.inScheme))),
        row("Source", (link(o) for o in iris(graph, term, DCTERMS.source))),
        row("Defined by", (link(o) for o in iris(graph, term, RDFS.isDefinedBy))),
        "</table>\n</section>\n",
    ]
    return "".join(out)


def overview(graph: Graph) -> str:
    o = ONTOLOGY_IRI
    titles = literals(graph, o, DCTERMS.title)
    english = next((str(t) for t in titles if t.language == "en"), "The glocal ontology")
    out = [
        f"<h1>{esc(english)}</h1>\n",
        '<section id="overview">\n<table>\n',
        row("Title", (lang_text(t) for t in titles)),
        row("Ontology IRI", [f"<code>{esc(str(o))}</code>"]),
        row("Version IRI", (f"<code>{esc(str(v))}</code>" for v in iris(graph, o, OWL.versionIRI))),
        row("Version", (esc(str(v)) for v in literals(graph, o, OWL.versionInfo))),
        row(
            "Namespace",
            (f"<code>{esc(str(v))}</code>" for v in literals(graph, o, VANN.preferredNamespaceUri)),
        ),
        row(
            "Prefix",
            (
                f"<code>{esc(str(v))}</code>"
                for v in literals(graph, o, VANN.preferredNamespacePrefix)
            ),
        ),
        row("Creator", (esc(str(v)) for v in literals(graph, o, DCTERMS.creator))),
        row("Licence", (link(v) for v in iris(graph, o, DCTERMS.license))),
        row("Description", (lang_text(t) for t in literals(graph, o, DCTERMS.description))),
        row("Reuses (not imported)", (link(v) for v in iris(graph, o, RDFS.seeAlso))),
        row(
            "Imports", ["none: glocal never fetches"] if (o, OWL.imports, None) not in graph else []
        ),
        "</table>\n</section>\n",
    ]
    return "".join(out)


def contents(graph: Graph) -> str:
    out = ['<nav id="contents">\n<h2>Contents</h2>\n']
    for anchor, title, kind in SECTIONS:
        terms = terms_of(graph, kind)
        out.append(f'<h4><a href="#{anchor}">{esc(title)}</a> ({len(terms)})</h4>\n<ul>\n')
        for term in terms:
            out.append(f'<li><a href="#{esc(local(term))}">{esc(local(term))}</a></li>\n')
            if kind == SKOS.ConceptScheme:
                for concept in concepts_of(graph, term):
                    out.append(
                        f'<li>· <a href="#{esc(local(concept))}">{esc(local(concept))}</a></li>\n'
                    )
        out.append("</ul>\n")
    out.append('<h4><a href="#namespaces">Namespaces</a></h4>\n</nav>\n')
    return "".join(out)


def iris_of_type(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def concepts_of(graph: Graph, scheme: URIRef) -> list[URIRef]:
    found = {s for s in graph.subjects(SKOS.inScheme, scheme) if is_glocal(s)}
    return sorted(found, key=lambda iri: local(iri).lower())


def body(graph: Graph) -> str:
    out = []
    kinds = {
        OWL.Class: "class",
        OWL.ObjectProperty: "object property",
        OWL.DatatypeProperty: "datatype property",
        OWL.AnnotationProperty: "annotation property",
        OWL.NamedIndividual: "individual",
        SKOS.ConceptScheme: "concept scheme",
    }
    for anchor, title, kind in SECTIONS:
        out.append(f'<h2 id="{anchor}">{esc(title)}</h2>\n')
        for term in terms_of(graph, kind):
            out.append(term_section(graph, term, kinds[kind]))
            if kind == SKOS.ConceptScheme:
                for concept in concepts_of(graph, term):
                    out.append(term_section(graph, concept, "concept"))
    return "".join(out)


def namespaces() -> str:
    out = ['<h2 id="namespaces">Namespaces</h2>\n<table>\n']
    for prefix, namespace in sorted(PREFIXES.items()):
        out.append(
            f"<tr><th><code>{esc(prefix)}</code></th><td><code>{esc(namespace)}</code></td></tr>\n"
        )
    out.append("</table>\n")
    return "".join(out)


def render(graph: Graph) -> str:
    """The reference page for the ontology in ``graph``, as one HTML document."""
    titles = literals(graph, ONTOLOGY_IRI, DCTERMS.title)
    title = next((str(t) for t in titles if t.language == "en"), "The glocal ontology")
    return "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            "<!-- Generated from ontology/glocal.ttl by scripts/build_docs.py: do not edit. -->\n",
            overview(graph),
            contents(graph),
            body(graph),
            namespaces(),
            "<footer><p>Generated from <code>ontology/glocal.ttl</code> by "
            "<code>scripts/build_docs.py</code>.</p></footer>\n",
            "</body>\n</html>\n",
        ]
    )


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is out of date")
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY, help="the ontology (Turtle)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the page to write or check")
    args = parser.parse_args(argv)

    graph = Graph()
    try:
        graph.parse(args.ontology, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        print(f"{args.ontology}: cannot read the ontology: {exc}", file=sys.stderr)
        return 2
    page = render(graph)

    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != page:
            print(
                f"{args.output} is out of date with {args.ontology}: "
                "run `python scripts/build_docs.py` and commit the result.",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output} is up to date.")
        return 0

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
