"""Build ``data/sdg.ttl``, glocal's SDG reference graph, from the files in ``data/sources/sdg/``.

    python scripts/build_sdg.py           # (re)write data/sdg.ttl
    python scripts/build_sdg.py --check   # exit 1 if data/sdg.ttl is not what the sources give

The graph holds the 17 goals, 169 targets and the indicators that have a UN IRI, with the UN's own
IRIs (``http://metadata.un.org/sdg/…``). It reads the UN SDG KOS (IRIs, hierarchy, the KOS English
labels and SDGIO/Wikidata links), Open SDG's English titles (the wording after the 2020 review) and
``sdg.csv`` (Swedish goal titles, colours, short titles, notes), checks that they agree and stops
with ``file:line: message`` (exit 2) where they do not. It never fetches anything, and the output
is the same byte for byte on every run: blank-node-free Turtle in a fixed order.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "data" / "sources" / "sdg"
OUTPUT = REPO / "data" / "sdg.ttl"

KOS_FILE = "sdg-kos-goals-targets-indicators.ttl"
ONTOLOGY_FILE = "sdgs-ontology.ttl"
VOID_FILE = "void.ttl"
CSV_FILE = "sdg.csv"
YAML_FILES = {
    "goal": "open-sdg-en/en_global_goals.yml",
    "target": "open-sdg-en/en_global_targets.yml",
    "indicator": "open-sdg-en/en_global_indicators.yml",
}

SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
SCHEMA = Namespace("https://schema.org/")
SCHEME = URIRef("http://metadata.un.org/sdg")
VOID_DATASET = URIRef("http://metadata.un.org/sdg/void.ttl#SDG")

KOS_SOURCE = URIRef(
    "https://github.com/UNStats/LOD4Stats/blob/8a67ce650e62beb127cf08734160b2eb525ef2e5/"
    "sdg-data/sdg-kos-goals-targets-indicators.ttl"
)
OPEN_SDG_SOURCE = URIRef(
    "https://github.com/open-sdg/sdg-translations/tree/0cda585851a5c6f04040a9a2755fbb4496c4eead/"
    "translations/en"
)
OPEN_SDG_RIGHTS = (
    "English titles of goals, targets and indicators as worded after the UN's 2020 review: "
    "Open SDG, sdg-translations (translations/en), MIT License, Copyright (c) 2019 Open SDG."
)

# fmt: off
CSV_COLUMNS = ["kind", "code", "parent_code", "un_iri", "title_en", "title_sv", "colour",
               "short_en", "short_sv", "sdgio_iri", "wikidata_iri", "note"]
# fmt: on
KIND_CLASS = {"goal": SDGO.Goal, "target": SDGO.Target, "indicator": SDGO.Indicator}
PARENT_KIND = {"target": "goal", "indicator": "target"}

# The parts of a CSV note (split on "; ") and what the graph makes of them. A note part not
# listed here stops the build: a new kind of note needs a decision, not a silent pass.
KEPT_NOTES = {
    "title_sv unverified",
    "likely deleted by 2020 review (verify)",
    "2019 wording, status after 2020 review uncertain (verify)",
    "KOS 2020-05 label differs (indicator revised/replaced?)",
}
NO_IRI_NOTE = "added by 2020 review, no IRI in 2020-05 KOS dump"
OPEN_SDG_DIFFERS_NOTE = "open-sdg wording differs"  # the graph uses open-sdg; KOS -> altLabel
SHARED_NOTE = re.compile(r"same KOS indicator as (?P<codes>[0-9a-z.]+(?:, [0-9a-z.]+)*)")

# Swedish wordings that circulate beside the CSV's (sources/sdg/README.md): goal -> how the
# variant is made from the CSV row. Each rule checks that the CSV still says what it expects.
SV_SHORT_VARIANTS = {"3": ("God hälsa och välbefinnande", "Hälsa och välbefinnande")}
SV_TITLE_WORD_VARIANTS = {"4": ("likvärdig", "jämlik")}

# Known defects of the 2020-05 KOS dump, handled explicitly.
KOS_TRUNCATED_LABELS = {"12.3": "By 2030,d"}  # a stray second English label of target 12.3
# Targets x.1 that the KOS links to two SDGIO classes while x.10 has none: kept as the KOS gives
# them, with a note. (code of x.1, the second SDGIO IRI, code of x.10)
KOS_DOUBLE_SDGIO = [
    ("8.1", "http://purl.unep.org/sdg/SDGIO_00000140", "8.10"),
    ("16.1", "http://purl.unep.org/sdg/SDGIO_00000219", "16.10"),
    ("17.1", "http://purl.unep.org/sdg/SDGIO_00000231", "17.10"),
]

# The SDG ontology terms the graph uses; their declarations are copied from sdgs-ontology.ttl.
# fmt: off
ONTOLOGY_TERMS = [SDGO.Goal, SDGO.Target, SDGO.Indicator, SDGO.hasTarget, SDGO.isTargetOf,
                  SDGO.hasIndicator, SDGO.isIndicatorOf]
# fmt: on


class SourceError(Exception):
    """A source file is unreadable or disagrees with another; the message names file and line."""

    def __init__(self, source: str, line: int | None, detail: str) -> None:
        self.source, self.line, self.detail = source, line, detail
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {detail}")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of sdg.csv, with the line it stands on."""

    line: int
    kind: str
    code: str
    parent_code: str
    un_iri: str
    title_sv: str
    colour: str
    short_en: str
    short_sv: str
    matches: tuple[str, ...]
    note_parts: tuple[str, ...]


def code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of SDG codes: 1 < 1.1 < 1.2 < 1.10 < 1.a < 2."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in code.split("."))


def read_yaml_titles(path: Path, name: str) -> dict[str, str]:
    """Read an Open SDG translation file: flat ``key: value`` lines, values folded over
    indented continuation lines, optionally single-quoted. Anything else is an error."""
    entries: dict[str, str] = {}
    key: str | None = None
    parts: list[str] = []
    start = 0

    def flush() -> None:
        if key is None:
            return
        value = " ".join(parts)
        if value.startswith("'"):
            if not value.endswith("'") or len(value) < 2:
                raise SourceError(name, start, f"unterminated quoted value of {key!r}")
            value = value[1:-1].replace("''", "'")
        elif value[:1] in {'"', "|", ">", "&", "*", "!", "[", "{"} or " #" in value:
            raise SourceError(name, start, f"YAML construct this reader does not handle: {key!r}")
        if key in entries:
            raise SourceError(name, start, f"duplicate key {key!r}")
        entries[key] = value

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("  ") and key is not None:
            parts.append(line.strip())
            continue
        flush()
        match = re.fullmatch(r"([0-9a-z]+(?:-[0-9a-z]+)*-(?:title|short)): (\S.*)", line)
        if match is None:
            raise SourceError(name, number, f"expected 'code-title: text', found {line!r}")
        key, parts, start = match.group(1), [match.group(2)], number
    flush()
    return entries


def read_rows(path: Path, name: str) -> list[Row]:
    """Read sdg.csv; check the columns and the shape of every field."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != CSV_COLUMNS:
            raise SourceError(
                name, 1, f"expected the columns {CSV_COLUMNS}, found {reader.fieldnames}"
            )
        rows = []
        for record in reader:
            line = reader.line_num
            if record["kind"] not in KIND_CLASS:
                raise SourceError(name, line, f"unknown kind {record['kind']!r}")
            if not re.fullmatch(r"[0-9]+(\.[0-9a-z]+){0,2}", record["code"]):
                raise SourceError(name, line, f"malformed code {record['code']!r}")
            if record["kind"] == "goal" and not re.fullmatch(r"#[0-9A-F]{6}", record["colour"]):
                raise SourceError(name, line, f"goal {record['code']} has no colour like #E5243B")
            matches = tuple(
                iri for column in ("sdgio_iri", "wikidata_iri") for iri in record[column].split()
            )
            notes = tuple(part.strip() for part in record["note"].split(";") if part.strip())
            fields = {k: record[k] for k in Row.__dataclass_fields__ if k in record}
            rows.append(Row(line=line, matches=matches, note_parts=notes, **fields))
    return rows


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The English literals of ``subject predicate``, stripped, in a stable order."""
    return sorted(
        str(o).strip()
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en"
    )


def load_turtle(path: Path, name: str) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise SourceError(
            name, None, "missing; copy it from the source named in README.md"
        ) from exc
    except Exception as exc:  # rdflib raises several types for bad Turtle
        raise SourceError(name, None, f"not readable as Turtle: {exc}") from exc


def build_graph(sources: Path = SOURCES) -> tuple[Graph, list[Row]]:
    """The SDG graph and the CSV rows it was built from (for the summary)."""
    kos = load_turtle(sources / KOS_FILE, KOS_FILE)
    ontology = load_turtle(sources / ONTOLOGY_FILE, ONTOLOGY_FILE)
    void = load_turtle(sources / VOID_FILE, VOID_FILE)
    rows = read_rows(sources / CSV_FILE, CSV_FILE)
    titles: dict[str, dict[str, str]] = {
        kind: read_yaml_titles(sources / file, file) for kind, file in YAML_FILES.items()
    }

    by_code: dict[str, Row] = {}
    for row in rows:
        if row.code in by_code:
            raise SourceError(
                CSV_FILE, row.line, f"code {row.code} repeats line {by_code[row.code].line}"
            )
        by_code[row.code] = row
    for kind, file in YAML_FILES.items():
        codes = {row.code for row in rows if row.kind == kind}
        stray = {k.rsplit("-", 1)[0].replace("-", ".") for k in titles[kind]} - codes
        if stray:
            raise SourceError(file, None, f"codes not in {CSV_FILE}: {sorted(stray)}")

    g = Graph()
    concept_of: dict[str, URIRef] = {}  # code -> IRI, only for codes that have one
    for row in rows:
        if not row.un_iri:
            if row.kind != "indicator" or row.note_parts != (NO_IRI_NOTE,):
                raise SourceError(CSV_FILE, row.line, f"{row.kind} {row.code} has no UN IRI")
            continue
        iri = URIRef(row.un_iri)
        if row.kind != "indicator" and iri != SDG[row.code]:
            raise SourceError(CSV_FILE, row.line, f"{row.code}: expected the IRI {SDG[row.code]}")
        if (iri, RDF.type, KIND_CLASS[row.kind]) not in kos:
            raise SourceError(CSV_FILE, row.line, f"{iri} is not a {row.kind} in {KOS_FILE}")
        concept_of[row.code] = iri

    kos_concepts = set(kos.subjects(RDF.type, SKOS.Concept))
    if kos_concepts != set(concept_of.values()):
        missing = sorted(str(c) for c in kos_concepts - set(concept_of.values()))
        raise SourceError(CSV_FILE, None, f"{KOS_FILE} concepts missing from the CSV: {missing}")

    codes_of: dict[URIRef, list[str]] = defaultdict(list)
    for code, iri in concept_of.items():
        codes_of[iri].append(code)
    for iri, shared in codes_of.items():
        kos_codes = {
            str(n)
            for n in kos.objects(iri, SKOS.notation)
            if isinstance(n, Literal) and n.datatype == SDGO.SDGCodeCompact
        }
        if kos_codes != set(shared):
            raise SourceError(
                KOS_FILE, None, f"{iri} has the codes {sorted(kos_codes)}, CSV {shared}"
            )

    for row in rows:
        if row.code not in concept_of:
            continue
        iri = concept_of[row.code]
        g.add((iri, RDF.type, KIND_CLASS[row.kind]))
        g.add((iri, RDF.type, SKOS.Concept))
        g.add((iri, SKOS.inScheme, SCHEME))
        g.add((iri, SKOS.notation, Literal(row.code)))
        add_hierarchy(g, kos, row, concept_of)
        add_labels(g, kos, row, iri, titles[row.kind])
        add_matches(g, kos, row, iri)
        add_notes(g, row, iri, codes_of[iri])
        if row.kind == "goal":
            add_goal(g, row, iri, titles["goal"])

    add_sdgio_notes(g, kos, concept_of)
    add_scheme(
        g,
        kos,
        void,
        sorted(
            (concept_of[r.code] for r in rows if r.kind == "goal"),
            key=lambda i: code_key(str(i)[len(SDG) :]),
        ),
    )
    add_ontology_terms(g, ontology)
    return g, rows


def add_hierarchy(g: Graph, kos: Graph, row: Row, concept_of: dict[str, URIRef]) -> None:
    if row.kind == "goal":
        if row.parent_code:
            raise SourceError(CSV_FILE, row.line, f"goal {row.code} has a parent")
        g.add((concept_of[row.code], SKOS.topConceptOf, SCHEME))
        return
    parent = concept_of.get(row.parent_code)
    if parent is None or (parent, RDF.type, KIND_CLASS[PARENT_KIND[row.kind]]) not in g:
        raise SourceError(
            CSV_FILE, row.line, f"{row.code}: no {PARENT_KIND[row.kind]} {row.parent_code!r} above"
        )
    if not row.code.startswith(row.parent_code + "."):
        raise SourceError(CSV_FILE, row.line, f"{row.code} does not lie under {row.parent_code}")
    iri = concept_of[row.code]
    down, up = (
        (SDGO.hasTarget, SDGO.isTargetOf)
        if row.kind == "target"
        else (SDGO.hasIndicator, SDGO.isIndicatorOf)
    )
    if (iri, up, parent) not in kos or (parent, down, iri) not in kos:
        raise SourceError(CSV_FILE, row.line, f"{KOS_FILE} does not put {iri} under {parent}")
    g.add((parent, down, iri))
    g.add((iri, up, parent))
    g.add((parent, SKOS.narrower, iri))
    g.add((iri, SKOS.broader, parent))


def add_labels(g: Graph, kos: Graph, row: Row, iri: URIRef, titles: dict[str, str]) -> None:
    kos_labels = [
        label
        for label in english(kos, iri, SKOS.prefLabel)
        if KOS_TRUNCATED_LABELS.get(row.code) != label
    ]
    if len(kos_labels) != 1:
        raise SourceError(KOS_FILE, None, f"{iri} has {len(kos_labels)} English labels")
    kos_label = kos_labels[0]
    current = titles.get(row.code.replace(".", "-") + "-title", kos_label)
    existing = [
        o for o in g.objects(iri, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "en"
    ]
    if existing and str(existing[0]) != current:
        raise SourceError(
            YAML_FILES[row.kind],
            None,
            f"{row.code} and another code of {iri} have different titles",
        )
    g.add((iri, SKOS.prefLabel, Literal(current, lang="en")))
    if kos_label != current:
        g.add((iri, SKOS.altLabel, Literal(kos_label, lang="en")))
    elif OPEN_SDG_DIFFERS_NOTE in row.note_parts:
        raise SourceError(
            CSV_FILE, row.line, f"{row.code}: note says the wordings differ; they do not"
        )


def add_matches(g: Graph, kos: Graph, row: Row, iri: URIRef) -> None:
    kos_matches = {str(o) for o in kos.objects(iri, SKOS.exactMatch)}
    if not set(row.matches) <= kos_matches:
        raise SourceError(
            CSV_FILE,
            row.line,
            f"{row.code}: links not in {KOS_FILE}: {sorted(set(row.matches) - kos_matches)}",
        )
    for match in kos_matches:
        g.add((iri, SKOS.exactMatch, URIRef(match)))


def add_notes(g: Graph, row: Row, iri: URIRef, shared_codes: list[str]) -> None:
    for part in row.note_parts:
        shared = SHARED_NOTE.fullmatch(part)
        if part in KEPT_NOTES:
            g.add((iri, SKOS.editorialNote, Literal(part, lang="en")))
        elif shared is not None:  # said by the indicator's several notations
            if set(shared.group("codes").split(", ")) | {row.code} != set(shared_codes):
                raise SourceError(CSV_FILE, row.line, f"{part!r} but the KOS shares {shared_codes}")
        elif part != OPEN_SDG_DIFFERS_NOTE:  # checked in add_labels
            raise SourceError(CSV_FILE, row.line, f"a note this build does not know: {part!r}")


def add_goal(g: Graph, row: Row, iri: URIRef, titles: dict[str, str]) -> None:
    if not (row.title_sv and row.short_en and row.short_sv):
        raise SourceError(
            CSV_FILE, row.line, f"goal {row.code} lacks a Swedish title or a short title"
        )
    if titles.get(f"{row.code}-short") != row.short_en:
        raise SourceError(
            YAML_FILES["goal"],
            None,
            f"the short title of goal {row.code} is not {row.short_en!r} as in {CSV_FILE}",
        )
    g.add((iri, SKOS.prefLabel, Literal(row.title_sv, lang="sv")))
    g.add((iri, DCTERMS.alternative, Literal(row.short_en, lang="en")))
    g.add((iri, DCTERMS.alternative, Literal(row.short_sv, lang="sv")))
    g.add((iri, SCHEMA.color, Literal(row.colour)))
    if row.code in SV_SHORT_VARIANTS:
        expected, variant = SV_SHORT_VARIANTS[row.code]
        if row.short_sv != expected:
            raise SourceError(
                CSV_FILE, row.line, f"goal {row.code}: expected short_sv {expected!r}"
            )
        g.add((iri, SKOS.altLabel, Literal(variant, lang="sv")))
    if row.code in SV_TITLE_WORD_VARIANTS:
        word, variant = SV_TITLE_WORD_VARIANTS[row.code]
        if len(re.findall(rf"\b{word}\b", row.title_sv)) != 1:
            raise SourceError(
                CSV_FILE, row.line, f"goal {row.code}: expected {word!r} once in title_sv"
            )
        g.add(
            (iri, SKOS.altLabel, Literal(re.sub(rf"\b{word}\b", variant, row.title_sv), lang="sv"))
        )


def add_sdgio_notes(g: Graph, kos: Graph, concept_of: dict[str, URIRef]) -> None:
    for code, second_sdgio, tenth in KOS_DOUBLE_SDGIO:
        sdgio = {str(o) for o in kos.objects(concept_of[code], SKOS.exactMatch) if "unep" in str(o)}
        tenth_sdgio = [
            o for o in kos.objects(concept_of[tenth], SKOS.exactMatch) if "unep" in str(o)
        ]
        if len(sdgio) != 2 or second_sdgio not in sdgio or tenth_sdgio:
            raise SourceError(KOS_FILE, None, f"the SDGIO links of {code}/{tenth} changed; review")
        note = (
            f"The UN KOS (2020-05) links this target to two SDGIO classes; <{second_sdgio}> "
            f"probably belongs to target {tenth}, which has no SDGIO link there. "
            "Both links are kept as the KOS gives them."
        )
        g.add((concept_of[code], SKOS.editorialNote, Literal(note, lang="en")))


def add_scheme(g: Graph, kos: Graph, void: Graph, goals: list[URIRef]) -> None:
    licence = void.value(VOID_DATASET, DCTERMS.license)
    title = void.value(VOID_DATASET, DCTERMS.title)
    marker = "with the following citation: "
    if licence is None or title is None or marker not in str(licence):
        raise SourceError(
            VOID_FILE, None, f"expected a dcterms:license with {marker!r} and a title"
        )
    labels = english(kos, SCHEME, SKOS.prefLabel)
    if len(labels) != 1:
        raise SourceError(KOS_FILE, None, f"expected one English label of {SCHEME}")
    g.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((SCHEME, SKOS.prefLabel, Literal(labels[0], lang="en")))
    g.add((SCHEME, DCTERMS.title, Literal(str(title), lang="en")))
    g.add((SCHEME, DCTERMS.license, Literal(str(licence))))
    g.add((SCHEME, DCTERMS.bibliographicCitation, Literal(str(licence).split(marker, 1)[1])))
    g.add((SCHEME, DCTERMS.rights, Literal(OPEN_SDG_RIGHTS, lang="en")))
    g.add((SCHEME, DCTERMS.source, KOS_SOURCE))
    g.add((SCHEME, DCTERMS.source, OPEN_SDG_SOURCE))
    for goal in goals:
        g.add((SCHEME, SKOS.hasTopConcept, goal))


def add_ontology_terms(g: Graph, ontology: Graph) -> None:
    for term in ONTOLOGY_TERMS:
        triples = [
            (p, o)
            for p, o in ontology.predicate_objects(term)
            if not isinstance(o, Literal) or o.language in (None, "en")
        ]
        if not triples:
            raise SourceError(ONTOLOGY_FILE, None, f"{term} is not declared")
        for p, o in triples:
            g.add((term, p, o))


# --- Turtle, written in one fixed order ------------------------------------------------------

PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS), "owl": str(OWL), "rdf": str(RDF), "rdfs": str(RDFS),
    "schema": str(SCHEMA), "sdg": str(SDG), "sdgo": str(SDGO), "skos": str(SKOS),
}  # fmt: skip
# fmt: off
PREDICATE_ORDER: dict[Node, int] = {predicate: rank for rank, predicate in enumerate([
    RDF.type, SKOS.notation, SKOS.prefLabel, DCTERMS.title, DCTERMS.alternative, SKOS.altLabel,
    SKOS.editorialNote, SCHEMA.color, SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept,
    SKOS.broader, SDGO.isTargetOf, SDGO.isIndicatorOf, SKOS.narrower, SDGO.hasTarget,
    SDGO.hasIndicator, SKOS.exactMatch,
])}
# fmt: on
LOCAL_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
HEADER = """\
# glocal's SDG reference graph: the UN's 17 goals, 169 targets and the indicators with a UN IRI.
# Generated by scripts/build_sdg.py from data/sources/sdg/ (see docs/sdg.md); do not edit by hand.
# UN SDG KOS: free to copy and redistribute with the citation in dcterms:bibliographicCitation.
# English titles after the 2020 review: Open SDG, MIT License, Copyright (c) 2019 Open SDG.
"""


def term(node: Node) -> str:
    if isinstance(node, Literal):
        text = str(node).replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace("\n", "\\n").replace("\r", "\\r")
        if node.datatype is not None:
            raise ValueError(f"typed literal {node!r}: the writer keeps literals plain")
        return f'"{text}"' + (f"@{node.language}" if node.language else "")
    if isinstance(node, URIRef):
        if node == RDF.type:
            return "a"
        for prefix, namespace in PREFIXES.items():
            local = str(node)[len(namespace) :]
            if str(node).startswith(namespace) and LOCAL_NAME.fullmatch(local):
                return f"{prefix}:{local}"
        return f"<{node}>"
    raise ValueError(f"blank node or unknown term {node!r}: the output is blank-node free")


def serialise(g: Graph, rows: list[Row]) -> str:
    order: dict[Node, tuple[object, ...]] = {SCHEME: (0,)}
    for index, item in enumerate(ONTOLOGY_TERMS):
        order[item] = (1, index)
    kind_rank = {"goal": 2, "target": 3, "indicator": 4}
    for row in rows:
        if row.un_iri:
            key = (kind_rank[row.kind], code_key(row.code))
            order[URIRef(row.un_iri)] = min(order.get(URIRef(row.un_iri), key), key)

    def object_key(node: Node) -> tuple[object, ...]:
        if node in order:
            return (0, order[node])
        if isinstance(node, Literal):
            return (2, node.language or "", str(node))
        return (1, str(node))

    def predicate_rank(predicate: Node) -> tuple[int, str]:
        return (PREDICATE_ORDER.get(predicate, len(PREDICATE_ORDER)), str(predicate))

    lines = [HEADER] + [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()] + [""]
    subjects = set(g.subjects())
    unknown = subjects - set(order)
    if unknown:
        raise ValueError(f"subjects the writer does not place: {sorted(map(str, unknown))[:5]}")
    for subject in sorted(subjects, key=lambda s: order[s]):
        predicates = sorted(set(g.predicates(subject)), key=predicate_rank)
        parts = []
        for predicate in predicates:
            objects = sorted(g.objects(subject, predicate), key=object_key)
            parts.append(f"    {term(predicate)} " + ", ".join(term(o) for o in objects))
        lines.append(f"{term(subject)}\n" + " ;\n".join(parts) + " .\n")
    return "\n".join(lines)


def render(sources: Path = SOURCES) -> tuple[str, Graph]:
    """The Turtle text of the SDG graph, checked to parse back to the same graph."""
    g, rows = build_graph(sources)
    text = serialise(g, rows)
    reparsed = Graph().parse(data=text, format="turtle")
    if set(reparsed) != set(g):
        raise RuntimeError("the written Turtle does not parse back to the built graph")
    return text, g


def write_atomically(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temp, 0o644)  # mkstemp makes the file private; data files are world-readable
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def summary(g: Graph) -> str:
    counts = [
        len(set(g.subjects(RDF.type, cls))) for cls in (SDGO.Goal, SDGO.Target, SDGO.Indicator)
    ]
    return f"{counts[0]} goals, {counts[1]} targets, {counts[2]} indicators, {len(g)} triples"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if data/sdg.ttl differs from what the sources give",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        text, g = render()
    except SourceError as exc:
        print(f"data/sources/sdg/{exc}", file=sys.stderr)
        return 2
    shown = OUTPUT.relative_to(REPO)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
        if current != text:
            state = "missing" if current is None else "out of date"
            print(f"{shown} is {state}: run python scripts/build_sdg.py", file=sys.stderr)
            return 1
        print(f"{shown} is up to date ({summary(g)})")
        return 0
    write_atomically(OUTPUT, text)
    print(f"wrote {shown} ({summary(g)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
