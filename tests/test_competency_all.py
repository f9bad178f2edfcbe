"""Cross-document competency questions (``queries/cq-all-*.rq``) and their answers from the texts.

Each test runs one named query over all the bundled documents and asserts the exact answer that
the five source texts (``data/sources/``) give; the comments cite the passages.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

import glocal
from glocal.namespaces import ACTOR, FUND, GLOCAL, PLAN, SDG, WORK

DATA = Path(__file__).resolve().parent.parent / "data"
DATA_FILES = sorted(p for p in DATA.glob("*.ttl") if p.name != "sdg.ttl")

ID = "https://w3id.org/glocal/id/"
FIN = URIRef(ID + "finspang/internationellt-program")  # 000
LN_GUIDELINE = URIRef(ID + "linkoping-norrkoping/riktlinje-for-internationellt-arbete")  # 001
TRANAS = URIRef(ID + "tranas/internationellt-arbete")  # 002
NASSJO = URIRef(ID + "nassjo/strategi-for-internationellt-arbete")  # 003
LN_STRATEGY = URIRef(ID + "linkoping-norrkoping/internationell-strategi")  # 004
DOCUMENTS = {FIN, LN_GUIDELINE, TRANAS, NASSJO, LN_STRATEGY}


@pytest.fixture(scope="module")
def kg() -> glocal.KnowledgeGraph:
    return glocal.load(*DATA_FILES)


def rows(kg: glocal.KnowledgeGraph, name: str, **bindings: URIRef) -> list[dict[str, object]]:
    return kg.named_query(name, bindings=bindings or None)


def _strip(label: object) -> str:
    return str(label).rstrip(" .,;")


def test_every_cq_all_query_says_what_it_answers() -> None:
    queries = sorted((DATA.parent / "src" / "glocal" / "queries").glob("cq-all-*.rq"))
    assert len(queries) >= 8
    for path in queries:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), path.name
        assert lines[0].rstrip().endswith((".", "?")), path.name
        assert lines[1].startswith("# sv: "), path.name
        assert "PREFIX glocal: <https://w3id.org/glocal/ontology#>" in lines, path.name


def test_shared_actors(kg: glocal.KnowledgeGraph) -> None:
    named: defaultdict[object, set[object]] = defaultdict(set)
    for row in rows(kg, "cq-all-shared-actors"):
        named[row["actor"]].add(row["doc"])
        assert int(row["documents"]) > 1
    assert dict(named) == {
        # EU: "medlemskap i EU" (000, 001, 004), "vårt medlemskap i EU" (002), "Europeiska
        # unionen (EU)" (003)
        ACTOR.eu: DOCUMENTS,
        # "Region Östergötland" (000; 001 and 004: "Viktiga stödfunktioner ...")
        ACTOR["region-ostergotland"]: {FIN, LN_GUIDELINE, LN_STRATEGY},
        # "Region Östergötlands representationskontor som finns i Bryssel" (000),
        # "Region Östergötlands EU-kontor i Bryssel" (001, 004)
        ACTOR["region-ostergotland-eu-kontor"]: {FIN, LN_GUIDELINE, LN_STRATEGY},
        # "Sveriges Kommuner och Regioner (SKR)" (000), "Sveriges Kommuner och Landsting"
        ACTOR.skr: {FIN, LN_GUIDELINE, LN_STRATEGY},
        # "kommissionens öppna samråd" (000), "EU-kommissionens representationskontor" (003)
        ACTOR["europeiska-kommissionen"]: {FIN, NASSJO},
        # "de 17 globala hållbarhetsmålen inom Agenda 2030" (000), "FN:s konventioner och
        # Agenda 2030" (003)
        PLAN["agenda-2030"]: {FIN, NASSJO},
        # the two municipalities of the joint document, in both its versions
        ACTOR.linkoping: {LN_GUIDELINE, LN_STRATEGY},
        ACTOR.norrkoping: {LN_GUIDELINE, LN_STRATEGY},
        # "”Vision 2035” (Norrköpings kommun)" (001, 004)
        PLAN["vision-2035"]: {LN_GUIDELINE, LN_STRATEGY},
        # the bodies both versions give duties to ("Ansvar"): "Kommunstyrelserna ansvarar ...",
        # "bereds åt kommunstyrelsen på respektive kommunstyrelses förvaltning", "Nämnder,
        # förvaltningar och verksamhetskontor ansvarar för och finansierar ..."
        **{
            ACTOR[f"{municipality}-{body}"]: {LN_GUIDELINE, LN_STRATEGY}
            for municipality in ("linkoping", "norrkoping")
            for body in (
                "kommunstyrelsen",
                "kommunstyrelsens-forvaltning",
                "namnderna",
                "forvaltningarna",
                "verksamhetskontoren",
            )
        },
    }


def test_municipality_documents(kg: glocal.KnowledgeGraph) -> None:
    found = {
        (row["municipality"], row["doc"], row["type"], str(row["title"]))
        for row in rows(kg, "cq-all-municipality-documents")
    }
    assert found == {
        (ACTOR.finspang, FIN, GLOCAL.ProgrammeDocument, "Internationellt program"),
        (
            ACTOR.linkoping,
            LN_GUIDELINE,
            GLOCAL.GuidelineDocument,
            "Riktlinje för internationellt arbete",
        ),
        (
            ACTOR.norrkoping,
            LN_GUIDELINE,
            GLOCAL.GuidelineDocument,
            "Riktlinje för internationellt arbete",
        ),
        (ACTOR.tranas, TRANAS, GLOCAL.ProgrammeDocument, "Internationellt arbete"),
        (ACTOR.nassjo, NASSJO, GLOCAL.StrategyDocument, "Strategi för internationellt arbete"),
        (ACTOR.linkoping, LN_STRATEGY, GLOCAL.StrategyDocument, "Internationell strategi"),
        (ACTOR.norrkoping, LN_STRATEGY, GLOCAL.StrategyDocument, "Internationell strategi"),
    }


def test_municipality_documents_for_one_municipality(kg: glocal.KnowledgeGraph) -> None:
    found = rows(kg, "cq-all-municipality-documents", municipality=ACTOR.linkoping)
    assert {row["doc"] for row in found} == {LN_GUIDELINE, LN_STRATEGY}
    assert {str(row["municipalityLabel"]) for row in found} == {"Linköpings kommun"}


ENDED = Literal("2022-08-17", datatype=XSD.date)


def test_twin_towns(kg: glocal.KnowledgeGraph) -> None:
    found = {
        (row["municipality"], row["town"], row.get("endDate"), row.get("endedBy"))
        for row in rows(kg, "cq-all-twin-towns")
    }
    # 000: "Finsterwalde", "Salaspils", "Övriga vänorter är Givet i Frankrike, Yvoir i Belgien,
    # Stromberg i Tyskland och Joutsa i Finland"; none has ended.
    # 003: "vänortssamverkan med Brönderslevs kommune i Danmark och Eidsbergs kommune i Norge
    # sedan 1950-talet"; "Kommunstyrelsen beslutade därför, 2022-08-17, att avsluta aktuellt
    # upplägg för vänortssamverkan".
    ended_by = ACTOR["nassjo-kommunstyrelsen"]
    assert found == {
        *(
            (ACTOR.finspang, ACTOR[town], None, None)
            for town in ("finsterwalde", "salaspils", "givet", "yvoir", "stromberg", "joutsa")
        ),
        (ACTOR.nassjo, ACTOR.bronderslev, ENDED, ended_by),
        (ACTOR.nassjo, ACTOR.eidsberg, ENDED, ended_by),
    }


def test_twin_towns_of_one_municipality(kg: glocal.KnowledgeGraph) -> None:
    found = rows(kg, "cq-all-twin-towns", municipality=ACTOR.nassjo)
    assert {row["town"] for row in found} == {ACTOR.bronderslev, ACTOR.eidsberg}
    assert {str(row["periodNote"]) for row in found} == {"sedan 1950-talet"}


def test_ended_partnerships(kg: glocal.KnowledgeGraph) -> None:
    found = {
        (
            row["municipality"],
            row["partner"],
            row["endDate"],
            row.get("endedBy"),
            row.get("partnershipType"),
        )
        for row in rows(kg, "cq-all-ended-partnerships")
    }
    assert found == {
        (ACTOR.nassjo, partner, ENDED, ACTOR["nassjo-kommunstyrelsen"], GLOCAL.TwinTown)
        for partner in (ACTOR.bronderslev, ACTOR.eidsberg)
    }


def test_goals_without_indicator(kg: glocal.KnowledgeGraph) -> None:
    # No text ties an indicator to a goal: 000 lists its indicators under "Uppföljning och
    # aktualitetsprövning" without saying which goal each measures, so every goal lacks one.
    found = {
        (row["doc"], _strip(row["label"])) for row in rows(kg, "cq-all-goals-without-indicator")
    }
    joint = {
        "Linköping och Norrköping strävar efter att tillhöra de kommuner i Sverige som är bäst "
        "på att nyttja internationaliseringens möjligheter",
        "Kommunernas internationalisering ska bidra till ökad välfärd, hållbar tillväxt och "
        "utveckling samt att skapa en attraktiv region för medborgare och näringsliv",
    }
    assert found == {
        # 000: "Målen med Finspångs kommun internationella program är följande:"
        *(
            (FIN, goal)
            for goal in (
                "I linje med målen i den strategiska planen utveckla Finspångs kommun inom "
                "internationella frågor",
                "Öka samverkan med det omgivande samhället inom internationella frågor som rör "
                "utvecklingen för Finspångs kommun som boende- och besöksplats",
                "Stärka Finspångs kommun som arbetsgivare genom ny tillämpbar kunskap från andra "
                "internationella aktörer och/eller aktörer med erfarenhet av internationellt arbete",
                "Arbeta för att åskådliggöra Finspångs kommuns plats och roll i ett större "
                "globalt sammanhang samt dra nytta av – och återspegla - det i kommunens "
                "verksamheter",
                "Stärka Finspångs besöksnäring samt övrigt näringsliv genom att framhäva ortens "
                "kulturarv och dess särdrag som dynamisk bruksort med historisk tidiga "
                "internationella kontakter och kopplingen till dagens moderna industriort med "
                "världsledande företag",
                # "I Finspångs kommuns strategiska plan 2020–2022 skrivs det följande om mål 17
                # Genomförande och partnerskap"
                "mål 17 Genomförande och partnerskap",
                # the goal 000 quotes from Länsstyrelsen Östergötland's strategy
                "att samverka med övriga aktörer i länet om nationella eller transnationella "
                "EU-projekt som ligger i linje med Länsstyrelsens prioriterade "
                "verksamhetsområden",
            )
        ),
        # 001 and 004: "Övergripande mål"
        *((LN_GUIDELINE, goal) for goal in joint),
        *((LN_STRATEGY, goal) for goal in joint),
        # 002: "det övergripande målet 20 000 invånare år 2020"; "målet om en smart och hållbar
        # tillväxt för alla"
        (TRANAS, "20 000 invånare år 2020"),
        (TRANAS, "smart och hållbar tillväxt för alla"),
        # 003: "Det internationella arbetet ska vara väl utvecklat och kännetecknas av att
        # kommunen:"
        *(
            (NASSJO, goal)
            for goal in (
                "ska ha god kunskap i internationella frågor och om EU samt kompetens inom "
                "extern finansiering",
                "genom nätverk och projekt av internationell karaktär utvecklar långsiktiga "
                "samarbeten som bidrar till verksamhetsutveckling",
                "söker extern finansiering från till exempel EU för att driva och delta i "
                "projekt av både lokal, regional, nationell och internationell karaktär",
                "genom till exempel internationella ungdomsutbyten bidrar till att öka "
                "kommuninvånarnas och särskilt ungdomarnas tolerans och förståelse för andra "
                "kulturer än den egna",
                "tillgängliggör mer information på andra språk för att underlätta för människor "
                "och företag i kontakten med kommunen",
            )
        ),
    }


def test_goals_without_indicator_of_one_document(kg: glocal.KnowledgeGraph) -> None:
    found = rows(kg, "cq-all-goals-without-indicator", doc=NASSJO)
    assert [int(row["position"]) for row in found] == [1, 2, 3, 4, 5]


def test_regional_actors(kg: glocal.KnowledgeGraph) -> None:
    found = {(row["actor"], row["doc"]) for row in rows(kg, "cq-all-regional-actors")}
    assert found == {
        # 000, "Regional nivå": "nära samverkan med Region Östergötland och Länsstyrelsen i
        # Östergötlands län samt med regionens övriga kommuner"
        (ACTOR["region-ostergotland"], FIN),
        (ACTOR["lansstyrelsen-ostergotland"], FIN),
        (ACTOR["ostergotland-ovriga-kommuner"], FIN),
        # 001 and 004: "Både regionala och nationella resurser och möjligheter tas tillvara ...
        # Samarbetet med Region Östergötland har särskild prioritet."
        (ACTOR["region-ostergotland"], LN_GUIDELINE),
        (ACTOR["region-ostergotland"], LN_STRATEGY),
        # 003: "Nässjö kommun ska även stödja utvecklingen av regionalt samarbete ... operativ
        # samverkan med Region Jönköpings län eller grannkommuner"
        (ACTOR["region-jonkopings-lan"], NASSJO),
    }


def test_documents_without_revision(kg: glocal.KnowledgeGraph) -> None:
    # 000: "Aktualitetsprövning ... ska ske minst en gång per mandatperiod" (a rule);
    # 002: "Revideras: 2020-04-22" and "Program revideras enligt ledningsmodellen året efter
    # val". 001, 003 and 004 say nothing of when they are revised.
    found = {row["doc"] for row in rows(kg, "cq-all-documents-without-revision")}
    assert found == {LN_GUIDELINE, NASSJO, LN_STRATEGY}


def test_document_versions(kg: glocal.KnowledgeGraph) -> None:
    found = {(row["work"], row["doc"]) for row in rows(kg, "cq-all-document-versions")}
    work = WORK["linkoping-norrkoping-internationellt-arbete"]
    assert found == {(work, LN_GUIDELINE), (work, LN_STRATEGY)}


def test_steering_plans(kg: glocal.KnowledgeGraph) -> None:
    found: defaultdict[object, set[str]] = defaultdict(set)
    for row in rows(kg, "cq-all-steering-plans"):
        found[row["doc"]].add(str(row["label"]))
    assert dict(found) == {
        # 000: "Finspångs kommuns internationella arbete tar framförallt vägledning i
        # inriktningen av den strategiska planen 2020 – 2022"; "Budget och strategisk plan
        # 2020-2022" is the plan's own name in the text
        FIN: {"Budget och strategisk plan 2020-2022"},
        # 001: "Planen styrs av de övergripande måldokumenten i kommunerna ”Kommunfullmäktiges
        # plan med övergripande mål” (Linköpings kommun) och ”Vision 2035” (Norrköpings kommun)."
        LN_GUIDELINE: {"Kommunfullmäktiges plan med övergripande mål", "Vision 2035"},
        # 002: "Eftersom programmet tar sin utgångspunkt i kommunfullmäktiges
        # mål/visionsdokument"; "De frågor som är prioriterade i kommunens utvecklingsstrategi
        # skall givetvis vara tongivande även i det internationella arbetet."
        TRANAS: {"kommunfullmäktiges mål/visionsdokument", "kommunens utvecklingsstrategi"},
        # 003: "ett redskap för att nå kommunens fokusmål samt vision 2030". FN:s konventioner
        # and Agenda 2030 are "något som i alla lägen ska tas hänsyn till": taken into account,
        # not steering (glocal:refersTo, issue 14).
        NASSJO: {"fokusmål", "vision 2030"},
        # 004: "... ”Koalition för Linköpings övergripande mål 2015-2018 (Linköpings kommun) och
        # ”Vision 2035” (Norrköpings kommun)."
        LN_STRATEGY: {"Koalition för Linköpings övergripande mål 2015-2018", "Vision 2035"},
    }


def test_steering_plans_are_published_by_their_municipality(kg: glocal.KnowledgeGraph) -> None:
    found = {
        (str(row["label"]), row.get("publisher"))
        for row in rows(kg, "cq-all-steering-plans", doc=LN_STRATEGY)
    }
    assert found == {
        ("Koalition för Linköpings övergripande mål 2015-2018", ACTOR.linkoping),
        ("Vision 2035", ACTOR.norrkoping),
    }


def test_funding_programmes(kg: glocal.KnowledgeGraph) -> None:
    found = {(row["fund"], row["doc"]) for row in rows(kg, "cq-all-funding-programmes")}
    assert found == {
        # 000: "EU:s gemensamma strukturfonder: Europeiska regionala utvecklingsfonden (ERUF)
        # och Europeiska socialfonden (ESF)"
        (FUND["eu-strukturfonder"], FIN),
        (FUND.eruf, FIN),
        (FUND.esf, FIN),
        # 003: "Extern finansiering, i synnerhet EU:s fonder och program, ska tas tillvara"
        (FUND["eu-fonder-och-program"], NASSJO),
    }


def test_what_the_structural_funds_finance(kg: glocal.KnowledgeGraph) -> None:
    # 000: "kommuner kan söka projektfinansiering inom en rad olika områden:" and the list
    areas = {
        "Miljöförbättringar",
        "Infrastruktur",
        "Energiåtgång",
        "Forskning och utveckling",
        "Arbetslöshet och socialt utanförskap",
        "Integration",
        "Modernisering av jord- och skogsbruk",
        "Ekonomisk utveckling på landsbygden",
    }
    # One list for the two funds together (issue 14): the areas are funded by the structural
    # funds jointly, and neither fund alone is said to fund any of them.
    found = rows(kg, "cq-all-funding-programmes", fund=FUND["eu-strukturfonder"])
    assert {_strip(row["fundedLabel"]) for row in found} == areas
    assert {str(row["label"]) for row in found} == {"EU:s gemensamma strukturfonder"}
    for fund in (FUND.eruf, FUND.esf):
        assert [row.get("funded") for row in rows(kg, "cq-all-funding-programmes", fund=fund)] == [
            None
        ]


def test_adopting_bodies(kg: glocal.KnowledgeGraph) -> None:
    # 002: "Beslutat av: Kommunstyrelsen"; "Kommunstyrelsen beslutar om antagande och
    # revidering av detta program". 003 gives only the rule "Kommunfullmäktige beslutar och
    # fastställer den internationella strategin" (a responsibility, issue 14), not that it was
    # adopted. 000, 001 and 004 do not say who adopts them.
    found = {
        (row["doc"], str(row["role"]), row["body"]) for row in rows(kg, "cq-all-adopting-bodies")
    }
    assert found == {
        (TRANAS, "adopts", ACTOR["tranas-kommunstyrelsen"]),
        (TRANAS, "revises", ACTOR["tranas-kommunstyrelsen"]),
    }


def test_explicit_sdg_links(kg: glocal.KnowledgeGraph) -> None:
    # Only 000 states an SDG: "I Finspångs kommuns strategiska plan 2020–2022 skrivs det
    # följande om mål 17 Genomförande och partnerskap".
    found = {
        (row["doc"], row["sdg"]) for row in rows(kg, "cq-all-sdg-by-basis", basis=GLOCAL.Explicit)
    }
    assert found == {(FIN, SDG["17"])}


def test_interpreted_sdg_links_are_few_and_never_all_goals(kg: glocal.KnowledgeGraph) -> None:
    goals: defaultdict[object, set[object]] = defaultdict(set)
    for row in rows(kg, "cq-all-sdg-by-basis", basis=GLOCAL.Interpreted):
        assert row["goal"] is not None
        goals[row["doc"]].add(row["goal"])
    assert set(goals) == DOCUMENTS
    for doc, served in goals.items():
        assert 0 < len(served) < 17, doc


def test_sdgs_served_per_document(kg: glocal.KnowledgeGraph) -> None:
    # The explicit link is the text's (000's goal 17); the interpreted ones are the glocal
    # editors' reading, each with its rationale and quoted basis in the data. Pinned here so
    # that changing an interpretation is a deliberate act.
    found: defaultdict[object, set[tuple[str, str]]] = defaultdict(set)
    for row in rows(kg, "cq-all-sdg-by-basis"):
        found[row["doc"]].add((str(row["basis"]).rpartition("#")[2], str(row["notation"])))
    joint = {("Interpreted", n) for n in ("5", "8", "16", "16.7", "17.17")}
    assert dict(found) == {
        FIN: {("Explicit", "17")} | {("Interpreted", n) for n in ("4.7", "8.9", "17.17")},
        LN_GUIDELINE: joint,
        TRANAS: {("Interpreted", n) for n in ("4", "8", "11.3", "13.1", "17")},
        NASSJO: {("Interpreted", n) for n in ("4.7", "5", "16")},
        LN_STRATEGY: joint,
    }


def test_sdg_by_basis_rolls_targets_up_to_goals(kg: glocal.KnowledgeGraph) -> None:
    for row in rows(kg, "cq-all-sdg-by-basis"):
        notation = str(row["notation"])
        assert str(row["goal"]) == str(SDG) + notation.split(".")[0]
        assert int(row["alignments"]) >= 1
