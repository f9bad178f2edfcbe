"""A synthetic national glocal graph: deterministic, seeded, written as a stream.

Every municipality publishes governing documents on international work and Agenda 2030, encoded
exactly as ``docs/modelling.md`` says: a ``glocal:GoverningDocument`` with its metadata; priority
areas; goals (sub-goals ``glocal:contributesTo`` an area and, for some, a document-wide
overarching goal); strategies; activities (responsible body, arena, funding); indicators;
purposes, principles and success factors; responsibilities and follow-up duties; actors
(the municipality, its bodies, the regions, twin towns) with the documents' ``glocal:mentions``;
twin-town partnerships (some ended); and SDG alignments at goal and target level, each behind a
``glocal:SDGAlignment`` with basis, attribution and a quote (interpreted ones with a Swedish and
English rationale, some approved). Every statement carries a ``oa:TextQuoteSelector``.

The names of places, documents and statements are invented (no real municipality's data is
claimed); the SDGs are the UN's own IRIs, read from glocal's bundled SDG graph.

Faults are seeded at a known rate and counted exactly in the manifest:

- ``missing_goals``: a priority area that no goal contributes to (its strategies contribute to
  the area directly);
- ``dangling_sdg_links``: a ``glocal:alignedWith`` (and its record's ``glocal:sdg``) to an IRI
  in the UN's namespace that is not a goal or target (``sdg:<goal>.99``);
- ``past_revision_dates``: a document whose ``glocal:revisionDue`` is before ``AS_OF``
  (every other revision date is in 2031 or later).

Documents are added round-robin over the municipalities (each one's first document, then each
one's second …) until the output is as close to ``--triples`` as a whole document allows; each
document is built in memory (about a thousand triples) and written at once, so the memory used
does not grow with the size. The triples are N-Triples lines (``.nt``) or, for ``.ttl``, Turtle
grouped by subject with prefixes.

    python bench/generate.py --triples 1M --seed 1 --out bench/results/data/national-1M.nt

A JSON manifest (``<out>.manifest.json``) records the counts, the faults and sample IRIs the
benchmark uses (an activity to trace, an SDG target to ask for contributors).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

#: The review date the seeded ``past_revision_dates`` are counted against.
AS_OF = date(2025, 6, 1)
#: The target the benchmark asks ``contributors`` of: the one international work serves most.
SAMPLE_TARGET = "http://metadata.un.org/sdg/17.17"
MUNICIPALITIES = 290
REGIONS = 21

# --- namespaces ----------------------------------------------------------------------------------

GLOCAL = "https://w3id.org/glocal/ontology#"
ID = "https://w3id.org/glocal/id/"
ACTOR = ID + "actor/"
FUND = ID + "fund/"
SOURCE = ID + "source/"
SDG = "http://metadata.un.org/sdg/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "glocal": GLOCAL, "actor": ACTOR, "fund": FUND, "source": SOURCE, "sdg": SDG,
    "skos": SKOS, "dcterms": DCT, "prov": PROV, "oa": OA, "org": ORG, "xsd": XSD,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def iri(text: str) -> str:
    return f"<{text}>"


A = iri(RDF_TYPE)
G = {name: iri(GLOCAL + name) for name in (
    "GoverningDocument", "Municipality", "PriorityArea", "Goal", "Strategy", "Activity",
    "Indicator", "Purpose", "SuccessFactor", "Principle", "Responsibility", "FollowUp",
    "Partnership", "FundingProgramme", "SDGAlignment", "ProgrammeDocument", "StrategyDocument",
    "GuidelineDocument", "PolicyDocument", "LocalArena", "RegionalArena", "NationalArena",
    "EUArena", "InternationalArena", "BusinessArena", "TwinTownArena", "TwinTown",
    "OncePerTermOfOffice", "YearAfterElection", "Explicit", "Interpreted", "statedIn",
    "contributesTo", "alignedWith", "responsible", "involves", "measuredBy", "arena", "fundedBy",
    "alignmentOf", "sdg", "basis", "approvedBy", "partner", "partnershipType", "adoptedBy",
    "owner", "reviewRule", "mentions", "reportsTo", "regards", "endedBy", "position",
    "rationale", "approvedOn", "startDate", "endDate", "periodNote", "revisionDue",
    "translatedLabel")}
PREF = iri(SKOS + "prefLabel")
TITLE, TYPE, PUBLISHER, SRC = (iri(DCT + x) for x in ("title", "type", "publisher", "source"))
ISSUED, ACCEPTED, IDENTIFIER = (iri(DCT + x) for x in ("issued", "dateAccepted", "identifier"))
DERIVED, ATTRIBUTED = iri(PROV + "wasDerivedFrom"), iri(PROV + "wasAttributedTo")
SELECTOR, EXACT = iri(OA + "TextQuoteSelector"), iri(OA + "exact")
FORMAL, UNIT, UNIT_OF = iri(ORG + "FormalOrganization"), iri(ORG + "OrganizationalUnit"), iri(
    ORG + "unitOf")
EDITORS = iri(ACTOR + "glocal-editors")


def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def slug(text: str) -> str:
    s = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# --- words ---------------------------------------------------------------------------------------
# (Swedish, English) pairs the labels are made of.

PLACE_HEADS = ["Björk", "Ek", "Lind", "Sjö", "Berg", "Ål", "Norr", "Sör", "Väster", "Öster",
               "Hag", "Strand", "Ås", "Mål", "Fors", "Gran", "Rös", "Tall", "Sand", "Lunn"]
PLACE_TAILS = ["vik", "by", "köping", "holm", "hult", "sjö", "dal", "näs", "ås", "torp",
               "fors", "stad", "målen", "berga", "lunda"]
TWIN_PLACES = [("Järvenpää", "Finland"), ("Hämeenkyrö", "Finland"), ("Kuopio", "Finland"),
               ("Vejle", "Danmark"), ("Skive", "Danmark"), ("Hjørring", "Danmark"),
               ("Lillestrøm", "Norge"), ("Hamar", "Norge"), ("Molde", "Norge"),
               ("Tartu", "Estland"), ("Pärnu", "Estland"), ("Valmiera", "Lettland"),
               ("Šiauliai", "Litauen"), ("Gdynia", "Polen"), ("Koszalin", "Polen"),
               ("Greifswald", "Tyskland"), ("Lüneburg", "Tyskland"), ("Akureyri", "Island"),
               ("Tórshavn", "Färöarna"), ("Mariehamn", "Åland")]
BODIES = [("Kommunfullmäktige", "kommunfullmaktige"), ("Kommunstyrelsen", "kommunstyrelsen"),
          ("Barn- och utbildningsnämnden", "barn-och-utbildningsnamnden"),
          ("Kultur- och fritidsnämnden", "kultur-och-fritidsnamnden"),
          ("Samhällsbyggnadsnämnden", "samhallsbyggnadsnamnden"),
          ("Socialnämnden", "socialnamnden"), ("Näringslivsenheten", "naringslivsenheten"),
          ("Utvecklingsavdelningen", "utvecklingsavdelningen")]
FUNDS = [("erasmus-plus", "Erasmus+"), ("interreg", "Interreg"),
         ("kreativa-europa", "Kreativa Europa"), ("horisont-europa", "Horisont Europa"),
         ("life", "LIFE"), ("medborgare-for-europa", "Medborgare för Europa")]
DOC_KINDS = [
    ("Internationellt program", "internationellt-program", "ProgrammeDocument"),
    ("Strategi för internationellt arbete", "strategi-for-internationellt-arbete",
     "StrategyDocument"),
    ("Riktlinje för internationellt arbete", "riktlinje-for-internationellt-arbete",
     "GuidelineDocument"),
    ("Program för hållbar utveckling och Agenda 2030", "program-for-hallbar-utveckling",
     "ProgrammeDocument"),
    ("Policy för internationella kontakter", "policy-for-internationella-kontakter",
     "PolicyDocument"),
    ("Handlingsplan för Agenda 2030", "handlingsplan-for-agenda-2030", "StrategyDocument"),
]
AREAS = [("Profilering", "Profiling"), ("Omvärldsbevakning och påverkan",
                                        "Horizon scanning and advocacy"),
         ("Verksamhets- och kompetensutveckling", "Organisational and competence development"),
         ("Näringsliv och innovation", "Business and innovation"),
         ("Utbildning och ungas utbyten", "Education and youth exchanges"),
         ("Klimat och miljö", "Climate and environment"),
         ("Social hållbarhet", "Social sustainability"),
         ("Demokrati och mänskliga rättigheter", "Democracy and human rights"),
         ("EU-projekt och extern finansiering", "EU projects and external funding"),
         ("Vänortssamarbete", "Twin-town cooperation"), ("Kultur och fritid", "Culture and leisure"),
         ("Integration och mottagande", "Integration and reception")]
VERBS = [("Öka", "Increase"), ("Stärka", "Strengthen"), ("Utveckla", "Develop"),
         ("Främja", "Promote"), ("Förbättra", "Improve"), ("Bredda", "Broaden")]
OBJECTS = [("det internationella samarbetet", "international cooperation"),
           ("deltagandet i EU-finansierade projekt", "participation in EU-funded projects"),
           ("elevers och lärares utbyten med andra länder",
            "exchanges of pupils and teachers with other countries"),
           ("kommunens synlighet i Europa", "the municipality's visibility in Europe"),
           ("samverkan med näringslivet", "cooperation with business"),
           ("kunskapen om Agenda 2030 i organisationen",
            "knowledge of Agenda 2030 in the organisation"),
           ("kontakterna med vänorterna", "the contacts with the twin towns"),
           ("arbetet med klimatomställning", "the work on climate transition"),
           ("medarbetarnas internationella kompetens", "staff's international competence"),
           ("ungas delaktighet", "young people's participation"),
           ("mottagandet av nyanlända", "the reception of newcomers"),
           ("bevakningen av EU-frågor", "the monitoring of EU issues")]
WHEN = [("till år 2030", "by 2030"), ("under mandatperioden", "during the term of office"),
        ("i hela kommunen", "across the municipality"), ("", "")]
DOINGS = [("delta i", "take part in"), ("ansöka om medel ur", "apply for funds from"),
          ("ordna en årlig konferens om", "hold an annual conference on"),
          ("ta fram en handlingsplan för", "draw up an action plan for"),
          ("utbilda politiker och tjänstepersoner i", "train politicians and officials in"),
          ("följa upp", "follow up")]
THINGS = [("europeiska nätverk för städer", "European networks of cities"),
          ("Agenda 2030", "Agenda 2030"), ("vänortsutbyten", "twin-town exchanges"),
          ("EU:s program för utbildning", "the EU's education programmes"),
          ("regionala samarbeten", "regional cooperation"),
          ("hållbar stadsutveckling", "sustainable urban development"),
          ("internationella studiebesök", "international study visits"),
          ("praktikplatser utomlands", "work placements abroad")]
MEASURES = [("Antal", "Number of"), ("Andel", "Share of")]
MEASURED = [("beviljade EU-projekt", "EU projects granted"),
            ("elever som deltar i utbyten", "pupils taking part in exchanges"),
            ("medarbetare med internationell erfarenhet", "staff with international experience"),
            ("genomförda vänortsbesök", "twin-town visits made"),
            ("nämnder som redovisar sitt internationella arbete",
             "boards reporting their international work")]
ARENAS = ["LocalArena", "RegionalArena", "NationalArena", "EUArena", "InternationalArena",
          "BusinessArena", "TwinTownArena"]
#: SDG goals and their weights: international municipal work leans on 17, 11, 4, 8, 13, 16.
GOAL_WEIGHTS = {17: 12, 11: 8, 4: 7, 8: 6, 13: 6, 16: 5, 10: 4, 5: 3, 3: 3, 12: 3, 9: 2,
                1: 1, 2: 1, 6: 1, 7: 1, 14: 1, 15: 1}
HOT_TARGETS = {17: ["17.17", "17.16"], 11: ["11.3"], 4: ["4.7"], 13: ["13.3"], 16: ["16.7"]}


def phrase(rng: random.Random, *parts: list[tuple[str, str]]) -> tuple[str, str]:
    """A label pair from one word pair of each list."""
    sv, en = [], []
    for words in parts:
        s, e = rng.choice(words)
        if s:
            sv.append(s)
            en.append(e)
    return " ".join(sv), " ".join(en)


# --- the SDGs ------------------------------------------------------------------------------------


def sdg_targets() -> dict[int, list[str]]:
    """The UN targets of each goal (``"17.17"`` …), read from glocal's bundled SDG graph."""
    path = Path(__file__).resolve().parents[1] / "data" / "sdg.ttl"
    if not path.exists():  # an installed glocal without a checkout
        from glocal import resources

        path = resources.sdg_file()
    text = path.read_text(encoding="utf-8")
    found = sorted(set(re.findall(r"^sdg:(\d{1,2})\.([0-9a-z]{1,2})\s*$", text, re.MULTILINE)))
    targets: dict[int, list[str]] = {}
    for goal, target in found:
        targets.setdefault(int(goal), []).append(f"{goal}.{target}")
    for goal in targets:
        targets[goal].sort(key=lambda t: (not t.split(".")[1].isdigit(),
                                          int(t.split(".")[1]) if t.split(".")[1].isdigit()
                                          else t))
    if len(targets) != 17 or sum(map(len, targets.values())) != 169:
        raise SystemExit(f"{path}: expected 17 goals and 169 targets, found "
                         f"{len(targets)} and {sum(map(len, targets.values()))}")
    return targets


# --- output --------------------------------------------------------------------------------------

Triple = tuple[str, str, str]


class Sink:
    """Writes triples as N-Triples lines or subject-grouped Turtle; counts them."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt, self.count = out, fmt, 0
        self._short = [(f"<{ns}", f"{p}:") for p, ns in PREFIXES.items()]
        if fmt == "turtle":
            out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")

    def _compact(self, term: str) -> str:
        if term.startswith("<"):
            for long, short in self._short:
                if term.startswith(long):
                    local = term[len(long):-1]
                    if re.fullmatch(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?", local):
                        return short + local
                    break
        elif "^^<" in term:
            value, _, datatype = term.rpartition("^^")
            return value + "^^" + self._compact(datatype)
        return term

    def write(self, triples: list[Triple]) -> None:
        self.count += len(triples)
        if self.fmt == "ntriples":
            self.out.write("".join(f"{s} {p} {o} .\n" for s, p, o in triples))
            return
        chunks, last = [], None
        c = self._compact
        for s, p, o in triples:
            if s == last:
                chunks.append(f" ;\n    {c(p)} {c(o)}")
            else:
                if last is not None:
                    chunks.append(" .\n")
                chunks.append(f"{c(s)} {c(p)} {c(o)}")
                last = s
        if last is not None:
            chunks.append(" .\n")
        self.out.write("".join(chunks))


# --- the manifest --------------------------------------------------------------------------------


@dataclass
class Manifest:
    """What a generated graph holds: counts, seeded faults and sample nodes for the benchmark."""

    seed: int
    target_triples: int
    municipalities_max: int
    format: str
    triples: int = 0
    municipalities: int = 0
    documents: int = 0
    as_of: str = AS_OF.isoformat()
    counts: dict[str, int] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=lambda: {
        "missing_goals": 0, "dangling_sdg_links": 0, "past_revision_dates": 0})
    fault_rate: float = 0.0
    sample_activity: str = ""
    sample_activities: list[str] = field(default_factory=list)
    sample_target: str = SAMPLE_TARGET
    seconds: float = 0.0

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


# --- the generator -------------------------------------------------------------------------------


class Generator:
    """Builds one municipality's declarations and one document's triples at a time."""

    def __init__(self, seed: int, municipalities: int, fault_rate: float,
                 manifest: Manifest) -> None:
        self.seed, self.n_mun, self.fault_rate, self.m = seed, municipalities, fault_rate, manifest
        self.targets = sdg_targets()
        self.goals = list(GOAL_WEIGHTS)
        self.weights = [GOAL_WEIGHTS[g] for g in self.goals]
        self.bnodes = 0
        self.declared: set[int] = set()

    def rng(self, *key: int) -> random.Random:
        """A generator of its own for each (municipality, document): order-independent."""
        return random.Random(":".join(map(str, (self.seed, *key))))

    # names of municipality i
    @staticmethod
    def place(i: int) -> str:
        return PLACE_HEADS[i % len(PLACE_HEADS)] + PLACE_TAILS[(i // len(PLACE_HEADS))
                                                               % len(PLACE_TAILS)]

    def mun_slug(self, i: int) -> str:
        base = slug(self.place(i))
        cycle = i // (len(PLACE_HEADS) * len(PLACE_TAILS))
        return base if cycle == 0 else f"{base}-{cycle + 1}"

    def quote(self, out: list[Triple], node: str, text: str, doc: str) -> None:
        self.bnodes += 1
        b = f"_:q{self.bnodes}"
        out += [(node, DERIVED, b), (b, A, SELECTOR), (b, EXACT, lit(text)), (b, SRC, doc)]

    def header(self) -> list[Triple]:
        """What every graph shares: regions, twin towns abroad, funding programmes."""
        out: list[Triple] = []
        for r in range(1, REGIONS + 1):
            region = iri(f"{ACTOR}bench-region-{r:02d}")
            out += [(region, A, FORMAL), (region, PREF, lit(f"Region {r:02d}", "sv"))]
        for name, country in TWIN_PLACES:
            town = iri(ACTOR + slug(name))
            out += [(town, A, FORMAL), (town, PREF, lit(f"{name} ({country})", "sv"))]
        for key, label in FUNDS:
            fund = iri(FUND + key)
            out += [(fund, A, G["FundingProgramme"]), (fund, PREF, lit(label, "sv"))]
        self.m.add("actors", REGIONS + len(TWIN_PLACES))
        return out

    def municipality(self, i: int) -> list[Triple]:
        rng = self.rng(i, 0)
        name = self.place(i)
        mun = iri(ACTOR + self.mun_slug(i))
        out: list[Triple] = [(mun, A, FORMAL), (mun, A, G["Municipality"]),
                             (mun, PREF, lit(f"{name}s kommun", "sv"))]
        for label, key in BODIES[:2] + rng.sample(BODIES[2:], rng.randint(2, 4)):
            body = iri(f"{ACTOR}{self.mun_slug(i)}-{key}")
            out += [(body, A, UNIT), (body, UNIT_OF, mun),
                    (body, PREF, lit(f"{label} i {name}s kommun", "sv"))]
        self.m.add("actors", sum(1 for _, p, _ in out if p == PREF))
        return out

    def bodies(self, i: int) -> list[str]:
        rng = self.rng(i, 0)
        picked = BODIES[:2] + rng.sample(BODIES[2:], rng.randint(2, 4))
        return [iri(f"{ACTOR}{self.mun_slug(i)}-{key}") for _, key in picked]

    def fault(self, rng: random.Random) -> bool:
        return rng.random() < self.fault_rate

    def document(self, i: int, k: int) -> tuple[list[Triple], dict[str, int], str]:
        """Document ``k`` (0-based) of municipality ``i``: its triples, faults and an activity."""
        rng = self.rng(i, k + 1)
        m_slug, name = self.mun_slug(i), self.place(i)
        mun = iri(ACTOR + m_slug)
        bodies = self.bodies(i)
        council, board = bodies[0], bodies[1]
        title, d_slug, d_type = DOC_KINDS[k % len(DOC_KINDS)]
        if k >= len(DOC_KINDS):
            title, d_slug = f"{title} {k // len(DOC_KINDS) + 1}", f"{d_slug}-{k // len(DOC_KINDS) + 1}"
        base = f"{ID}{m_slug}/{d_slug}"
        doc = iri(base)
        faults = {"missing_goals": 0, "dangling_sdg_links": 0, "past_revision_dates": 0}
        out: list[Triple] = []

        issued = date(2012, 1, 1) + timedelta(days=rng.randrange(13 * 365))
        out += [(doc, A, G["GoverningDocument"]), (doc, TITLE, lit(title, "sv")),
                (doc, TYPE, G[d_type]), (doc, PUBLISHER, mun), (doc, G["owner"], board),
                (doc, G["adoptedBy"], council),
                (doc, SRC, iri(f"{SOURCE}bench-{m_slug}-{d_slug}.txt")),
                (doc, IDENTIFIER, lit(f"Dnr KS {issued.year}/{rng.randint(10, 999)}")),
                (doc, ACCEPTED, typed(issued.isoformat(), "date")),
                (doc, ISSUED, typed((issued + timedelta(days=rng.randint(1, 30))).isoformat(),
                                    "date"))]
        rule = rng.random()
        if rule < 0.55:
            out.append((doc, G["reviewRule"], G["OncePerTermOfOffice"]))
        elif rule < 0.75:
            out.append((doc, G["reviewRule"], G["YearAfterElection"]))
        if rule >= 0.55:  # the rest give a date, in 2031 or later unless it is a seeded fault
            if self.fault(rng):
                due = date(2016, 1, 1) + timedelta(days=rng.randrange(6 * 365))
                faults["past_revision_dates"] += 1
            else:
                due = date(2031, 1, 1) + timedelta(days=rng.randrange(5 * 365))
            out.append((doc, G["revisionDue"], typed(due.isoformat(), "date")))
        # whom the document names, each with a quote
        region = iri(f"{ACTOR}bench-region-{i % REGIONS + 1:02d}")
        for actor in (mun, council, board, region):
            out.append((doc, G["mentions"], actor))
        self.quote(out, region, f"Region {i % REGIONS + 1:02d}", doc)

        positions: dict[str, int] = {}

        def statement(kind: str, cls: str, sv: str, en: str, *, listed: bool = True,
                      extra: Iterable[tuple[str, str]] = ()) -> str:
            positions[kind] = positions.get(kind, 0) + 1
            node = iri(f"{base}/{kind}-{positions[kind]}")
            out.extend([(node, A, G[cls]), (node, PREF, lit(sv, "sv")),
                        (node, G["translatedLabel"], lit(en, "en")), (node, G["statedIn"], doc)])
            if listed:
                out.append((node, G["position"], typed(positions[kind], "integer")))
            out.extend((node, p, o) for p, o in extra)
            self.quote(out, node, sv, doc)
            return node

        def align(node: str, sv_label: str, *, at_target: bool) -> None:
            goal = rng.choices(self.goals, self.weights)[0]
            if at_target:
                hot = HOT_TARGETS.get(goal, [])
                code = (rng.choice(hot) if hot and rng.random() < 0.5
                        else rng.choice(self.targets[goal]))
            else:
                code = str(goal)
            if self.fault(rng):  # a link to an IRI that is no SDG goal or target
                code = f"{goal}.99"
                faults["dangling_sdg_links"] += 1
            sdg = iri(SDG + code)
            positions["alignment"] = positions.get("alignment", 0) + 1
            rec = iri(f"{base}/alignment-{positions['alignment']}")
            out.extend([(node, G["alignedWith"], sdg), (rec, A, G["SDGAlignment"]),
                        (rec, G["alignmentOf"], node), (rec, G["sdg"], sdg)])
            if rng.random() < 0.4:
                out.extend([(rec, G["basis"], G["Explicit"]), (rec, ATTRIBUTED, mun)])
                self.quote(out, rec, f"{sv_label} (Agenda 2030, mål {code})", doc)
            else:
                out.extend([(rec, G["basis"], G["Interpreted"]), (rec, ATTRIBUTED, EDITORS),
                        (rec, G["rationale"], lit(f"Formuleringen rör delmål {code}.", "sv")),
                        (rec, G["rationale"], lit(f"The wording concerns target {code}.", "en"))])
                self.quote(out, rec, sv_label, doc)
                if rng.random() < 0.3:
                    approved = issued + timedelta(days=rng.randint(30, 900))
                    out.extend([(rec, G["approvedBy"], board),
                            (rec, G["approvedOn"], typed(approved.isoformat(), "date"))])

        statement("purpose", "Purpose", f"Syftet är att ge {name}s kommun en gemensam grund för "
                  "det internationella arbetet", f"The purpose is to give {name} municipality a "
                  "common basis for its international work", listed=False)
        for _ in range(rng.randint(0, 2)):
            sv, en = phrase(rng, VERBS, OBJECTS)
            statement("principle", "Principle", f"Vi ska {sv.lower()}", f"We shall {en.lower()}")
        for _ in range(rng.randint(0, 2)):
            sv, en = phrase(rng, OBJECTS)
            statement("factor", "SuccessFactor", f"En framgångsfaktor är {sv}",
                      f"A success factor is {en}")
        overarching = []
        for _ in range(rng.randint(1, 2)):
            sv, en = phrase(rng, VERBS, OBJECTS, WHEN)
            g = statement("goal", "Goal", sv, en)
            overarching.append(g)
            if rng.random() < 0.6:
                align(g, sv, at_target=False)
        activity = ""
        for area_sv, area_en in rng.sample(AREAS, rng.randint(2, 5)):
            area = statement("area", "PriorityArea", area_sv, area_en,
                             extra=[(G["involves"], region)] if rng.random() < 0.3 else ())
            if self.fault(rng):  # an area with strategies but no goal
                faults["missing_goals"] += 1
                goals = [area]
            else:
                goals = []
                for _ in range(rng.randint(1, 3)):
                    sv, en = phrase(rng, VERBS, OBJECTS, WHEN)
                    links = [(G["contributesTo"], area)]
                    if rng.random() < 0.5:
                        links.append((G["contributesTo"], rng.choice(overarching)))
                    if rng.random() < 0.3:
                        links.append((G["responsible"], rng.choice(bodies[1:])))
                    g = statement("goal", "Goal", sv, en, extra=links)
                    goals.append(g)
                    if rng.random() < 0.6:
                        align(g, sv, at_target=rng.random() < 0.4)
                    for _ in range(rng.choice((0, 1, 1, 2))):
                        m_sv, m_en = phrase(rng, MEASURES, MEASURED)
                        ind = statement("indicator", "Indicator", m_sv, m_en)
                        out.append((g, G["measuredBy"], ind))
            for g in goals:
                for _ in range(rng.randint(1, 3)):
                    sv, en = phrase(rng, VERBS, OBJECTS)
                    s = statement("strategy", "Strategy", sv.lower(), en.lower(),
                                  extra=[(G["contributesTo"], g),
                                         (G["arena"], G[rng.choice(ARENAS)])])
                    for _ in range(rng.randint(1, 3)):
                        sv, en = phrase(rng, DOINGS, THINGS)
                        extra = [(G["contributesTo"], s), (G["responsible"], rng.choice(bodies[1:])),
                                 (G["arena"], G[rng.choice(ARENAS)])]
                        if rng.random() < 0.2:
                            extra.append((G["fundedBy"], iri(FUND + rng.choice(FUNDS)[0])))
                        if rng.random() < 0.15:
                            extra.append((G["involves"], region))
                        a = statement("activity", "Activity", sv, en, extra=extra)
                        activity = activity or a
                        if rng.random() < 0.25:
                            align(a, sv, at_target=True)
        statement("responsibility", "Responsibility",
                  "Kommunstyrelsen ansvarar för att programmet genomförs och följs upp",
                  "The municipal executive board is responsible for carrying out and following "
                  "up the programme", listed=False,
                  extra=[(G["responsible"], board), (G["regards"], doc)])
        statement("followup", "FollowUp",
                  "Arbetet redovisas årligen till kommunfullmäktige",
                  "The work is reported yearly to the municipal council", listed=False,
                  extra=[(G["responsible"], board), (G["reportsTo"], council)])
        if k == 0:  # twin towns, stated in the municipality's first document
            for t in rng.sample(range(len(TWIN_PLACES)), rng.randint(0, 3)):
                town_name, _ = TWIN_PLACES[t]
                town = iri(ACTOR + slug(town_name))
                extra = [(G["partnershipType"], G["TwinTown"]), (G["partner"], mun),
                         (G["partner"], town)]
                if rng.random() < 0.5:
                    extra.append((G["periodNote"], lit(f"sedan {rng.choice((5, 6, 7, 8))}0-talet",
                                                       "sv")))
                else:
                    extra.append((G["startDate"], typed(f"{rng.randint(1950, 2015)}", "gYear")))
                if rng.random() < 0.15:
                    ended = date(2015, 1, 1) + timedelta(days=rng.randrange(9 * 365))
                    extra += [(G["endDate"], typed(ended.isoformat(), "date")),
                              (G["endedBy"], board)]
                statement("partnership", "Partnership", f"Vänort: {town_name}",
                          f"Twin town: {town_name}", listed=False, extra=extra)
                out.append((doc, G["mentions"], town))
        return out, faults, activity


def parse_size(text: str) -> int:
    """``"10k"`` → 10000, ``"1M"`` → 1000000, ``"250000"`` → 250000."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 10k, 1M, 250000)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def generate(out_path: str | Path, *, triples: int, seed: int = 1,
             municipalities: int = MUNICIPALITIES, fault_rate: float = 0.05,
             progress: Callable[[int], None] | None = None) -> Manifest:
    """Write a graph of about ``triples`` triples to ``out_path`` (``.nt`` or ``.ttl``)."""
    path = Path(out_path)
    fmt = {".nt": "ntriples", ".ttl": "turtle"}.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: write .nt (N-Triples) or .ttl (Turtle)")
    if not 1 <= municipalities <= 10_000:
        raise ValueError("--municipalities must be between 1 and 10000")
    started = time.perf_counter()
    manifest = Manifest(seed=seed, target_triples=triples, municipalities_max=municipalities,
                        format=fmt, fault_rate=fault_rate)
    gen = Generator(seed, municipalities, fault_rate, manifest)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        sink = Sink(out, fmt)
        sink.write(gen.header())
        k = 0
        while True:
            for i in range(municipalities):
                block: list[Triple] = [] if i in gen.declared else gen.municipality(i)
                doc_triples, faults, activity = gen.document(i, k)
                block += doc_triples
                # stop at the document boundary nearest the target
                if sink.count + len(block) - triples > triples - sink.count:
                    break
                if i not in gen.declared:
                    gen.declared.add(i)
                    manifest.municipalities += 1
                sink.write(block)
                manifest.documents += 1
                for key in manifest.faults:
                    manifest.faults[key] += faults[key]
                for _, p, o in doc_triples:
                    if p == A:
                        manifest.add(o[o.find("#") + 1:-1])
                if not manifest.sample_activity and activity and manifest.documents > 1:
                    manifest.sample_activity = activity[1:-1]
                if activity and manifest.documents % 7 == 1 and len(
                        manifest.sample_activities) < 64:
                    manifest.sample_activities.append(activity[1:-1])
                if progress is not None:
                    progress(sink.count)
            else:
                k += 1
                continue
            break
    tmp.replace(path)
    manifest.triples = sink.count
    manifest.seconds = round(time.perf_counter() - started, 3)
    path.with_name(path.name + ".manifest.json").write_text(
        json.dumps(asdict(manifest), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=parse_size, default=parse_size("100k"),
                        help="about how many triples to write: 10k, 100k, 1M, 5M (default 100k)")
    parser.add_argument("--municipalities", type=int, default=MUNICIPALITIES,
                        help=f"how many municipalities at most (default {MUNICIPALITIES})")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument("--fault-rate", type=float, default=0.05,
                        help="the chance of each seeded fault where it can occur (default 0.05)")
    parser.add_argument("--out", required=True, help="the file to write: .nt or .ttl")
    args = parser.parse_args(argv)
    try:
        manifest = generate(args.out, triples=args.triples, seed=args.seed,
                            municipalities=args.municipalities, fault_rate=args.fault_rate)
    except ValueError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: v for k, v in asdict(manifest).items()
                      if k not in ("counts", "sample_activities")},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
