"""``glocal review``'s numbers are the documents' own, each derived here from the source text.

Issue 14: the review counted what the graph holds, including lists a document cites from
another plan or programme, plans and funds as actors, and one municipality for a joint
document. Each number below is computed from the text (data/sources/) — a list's items between
its lead-in and the next heading, or the document's own sentences quoted in full — and the
review must give the same number. A statement the document cites (glocal:quotedFrom) is counted
apart, as ``cited``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import glocal
from glocal.cli import main
from glocal.quotes import contains, normalise

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
ID = "https://w3id.org/glocal/id/"
FIN = ID + "finspang/internationellt-program"
LN1 = ID + "linkoping-norrkoping/riktlinje-for-internationellt-arbete"
TRA = ID + "tranas/internationellt-arbete"
NAS = ID + "nassjo/strategi-for-internationellt-arbete"
LN4 = ID + "linkoping-norrkoping/internationell-strategi"
FILES = {FIN: "000_063182793bb327c4.txt", LN1: "001_b1ae21d98ef60b9e.txt",
         TRA: "002_35427d06caa9381f.txt", NAS: "003_0d99bc0ea2b53663.txt",
         LN4: "004_040a7913594e06ec.txt"}
COUNTS = ("goals", "areas", "strategies", "activities", "indicators", "actors", "cited")


def text(doc: str) -> str:
    return normalise((SOURCES / FILES[doc]).read_text(encoding="utf-8"))


def between(doc: str, start: str, end: str) -> str:
    """The normalised text from ``start`` (exclusive) to the next ``end``."""
    whole = text(doc)
    i = whole.index(normalise(start)) + len(normalise(start))
    return whole[i:whole.index(normalise(end), i)]


def bullets(doc: str, start: str, end: str, bullet: str = "-") -> list[str]:
    """The items of the bulleted list after ``start``, up to ``end``, in the raw text: one for
    each line that begins with the bullet (a bullet inside an item's line is no new item)."""
    raw = (SOURCES / FILES[doc]).read_text(encoding="utf-8")
    i = raw.index(start) + len(start)
    passage = raw[i:raw.index(end, i)] if end else raw[i:]
    return [line for line in passage.splitlines() if line.lstrip().startswith(bullet + " ")]


def in_text(doc: str, *passages: str) -> int:
    """How many passages there are, after checking that each is verbatim in the text."""
    missing = [p for p in passages if not contains(text(doc), p)]
    assert missing == [], f"not in {FILES[doc]}: {missing}"
    return len(passages)


@pytest.fixture(scope="module")
def review() -> dict[str, dict[str, int]]:
    kg = glocal.load()
    counts = {}
    for row in kg.named_query("review-documents"):
        counts[str(row["doc"])] = {
            name: int(row[name].toPython()) if name in row else 0 for name in COUNTS
        }
    return counts


def expected_finspang() -> dict[str, int]:
    goals = bullets(FIN, "Målen med Finspångs kommun internationella program är följande:",
                    "Olika arenaperspektiv")
    # "Indikatorer som återfinns i Budget och strategisk plan 2020-2022:" are the plan's
    # (cited); "Övriga indikatorer som används vid uppföljning ..." are the programme's own.
    plan_indicators = bullets(FIN, "Indikatorer som återfinns i Budget och strategisk plan "
                              "2020-2022:", "Övriga indikatorer")
    own_indicators = bullets(FIN, "Övriga indikatorer", "")
    # Everything from "I Finspångs kommuns strategiska plan 2020–2022 skrivs det följande om
    # mål 17" to "Ansvar och roller" is the plan's, quoted: its goal 17, its one sentence of
    # strategy, its five priorities and its six activities.
    quoted = between(FIN, "skrivs det följande om", "Ansvar och roller")
    plan_priorities = between(FIN, "Finspångs kommun prioriterar:", "Finspångs kommun uppnår "
                              "målet genom att:").strip().rstrip(".")
    # "Lokala, regionala, nationella och internationella nätverk" is one priority (networks at
    # four levels), "EU-medel och finansiering" another: the bare adjectives are not items.
    plan_priorities = [p for p in plan_priorities.split(", ") if p not in ("Lokala", "regionala")]
    assert len(plan_priorities) == 5
    plan_activities = bullets(FIN, "Finspångs kommun uppnår målet genom att:", "Ansvar och roller")
    # The structural funds' areas: "kommuner kan söka projektfinansiering inom en rad olika
    # områden:", cited from the funds, and the goal of Länsstyrelsen's own work and the purpose
    # of Region Östergötland's strategy that the programme quotes.
    fund_areas = bullets(FIN, "en rad olika områden:", "Genom att vara aktiv")
    quoted_other = in_text(
        FIN,
        "”att samverka med övriga aktörer i länet om nationella eller transnationella EU-projekt "
        "som ligger i linje med Länsstyrelsens prioriterade verksamhetsområden”",
        "”att skapa en gemensam plattform för internationell samverkan i samverkan med andra "
        "aktörer på lokal, regional, nationell och internationell nivå”",
    )
    # The programme's own actions: what Finspångs kommun shall do, strives for, or does together
    # with others; not its preconditions, examples, descriptions or reasons.
    activities = in_text(
        FIN,
        "I samverkan med dessa ska Finspångs kommun fungera som kunskapsstöd",
        "I ett större geografiskt perspektiv sker nära samverkan med Region Östergötland",
        "Denna samverkan tar sig uttryck i deltagande i det regionala EU-nätverket",
        "och en kontinuerlig omvärldsanalys av EU-utlysningar angående samverkansprojekt",
        "Finspångs kommun strävar också efter att ha en god och nära kontakt med länets övriga "
        "kommuner",
        "Finspångs kommun strävar efter att etablera goda relationer med nationella "
        "forskningsinstitut",
        "Finspångs kommun ska utgöra ett stöd för aktörer verksamma inom kommunens organisation",
        "Både Finspångs kommun och dess vänorter är angelägna om att utveckla vänortssamarbetet",
        "Finspångs kommun ska inhämta stöd och kompetens vid behov",
    )
    actors = in_text(
        FIN, "Finspångs kommun", "utvecklingsavdelningen", "medlemskap i EU",
        "FN-certifierad gymnasieskola", "EU-ambassadörer på gymnasial nivå", "Region Östergötland",
        "Länsstyrelsen i Östergötlands län", "regionens övriga kommuner", "Glokala Sverige",
        "Svenska FN-förbundet", "Sveriges Kommuner och Regioner (SKR)", "finansieras av Sida",
        "Linköpings universitet", "Regionkommittén", "kommissionens öppna samråd",
        "Region Östergötlands representationskontor", "Tillväxt Finspång", "Finsterwalde",
        "Salaspils", "Givet", "Yvoir", "Stromberg", "Joutsa", "Kommunstyrelsen",
        "tjänstemannaorganisationen", "Kommunens olika verksamheter", "kommunfullmäktige",
    )
    assert "prioriterade områden" not in text(FIN).replace(quoted, "")
    return {
        "goals": len(goals), "areas": 0, "strategies": 0, "activities": activities,
        "indicators": len(own_indicators), "actors": actors,
        "cited": (1 + 1 + len(plan_priorities) + len(plan_activities) + len(plan_indicators)
                  + len(fund_areas) + quoted_other),
    }


def expected_linkoping_norrkoping(doc: str) -> dict[str, int]:
    goals = [s for s in between(doc, "Övergripande mål", "Planen styrs av").split(". ") if s]
    bullet = "-" if doc == LN4 else "\uf0b7"
    areas = bullets(doc, "indelad i tre prioriterade områden:", "Prioriterade områden", bullet)
    strategies = sum(
        len(bullets(doc, lead, end, bullet))
        for lead, end in (
            ("Strategier för att profilera Norrköping och Linköping:", "Omvärldsbevakning och"),
            ("Strategier för en ökad bevakning och påverkan:", "Verksamhets- och kompetens"),
            ("förstärka verksamhets- och kompetensutveckling:", "Riktlinjer för internationellt"),
        )
    )
    # The two municipalities, the four organisations the text names, and five kinds of body
    # ("Kommunstyrelserna", "respektive kommunstyrelses förvaltning", "Nämnder, förvaltningar
    # och verksamhetskontor") in each of the two municipalities.
    organisations = in_text(
        doc, "Linköpings kommun", "Norrköpings kommun", "Region Östergötland",
        "Region Östergötlands EU-kontor i Bryssel", "Sveriges Kommuner och Landsting",
        "medlemskap i EU",
    )
    bodies = in_text(doc, "Kommunstyrelserna", "respektive kommunstyrelses förvaltning",
                     "Nämnder", "förvaltningar", "verksamhetskontor")
    return {"goals": len(goals), "areas": len(areas), "strategies": strategies,
            "activities": 0, "indicators": 0, "actors": organisations + 2 * bodies, "cited": 0}


def expected_tranas() -> dict[str, int]:
    # "bör emellertid Tranås kommuns internationella arbete framförallt koncentreras kring tre
    # områden: 1. ... 2. ... 3. ..."
    areas = re.findall(r"### \*\*\d\. ", (SOURCES / FILES[TRA]).read_text(encoding="utf-8"))
    # "handlar det i huvudsak om tre saker: omvärldsbevakning, positionering och
    # verksamhetsutveckling."
    things = re.split(r", | och ", between(TRA, "handlar det i huvudsak om tre saker: ", ".").strip())
    monitoring = re.split(r", | samt ", between(TRA, "bedriva internationell omvärldsbevakning "
                                                "genom att t.ex. ", ".").strip())
    regional = in_text(TRA, "delta i regionens aktiviteter kring internationellt samarbete",
                       "ha en bra bevakning och kontakt med den internationella kompetens")
    europa_2020 = bullets(TRA, "I programmet pekas 5 målområden ut:", "*Dokumenttitel:*")
    plan_2010 = bullets(TRA, "utifrån det övergripande målet 20 000 invånare år 2020:",
                        "Andra samband")
    goal = in_text(TRA, "målet om en smart och hållbar tillväxt för alla")
    assert "indikator" not in text(TRA).lower()
    return {"goals": goal, "areas": len(areas), "strategies": len(things),
            "activities": len(monitoring) + regional, "indicators": 0,
            "actors": in_text(
                TRA, "Tranås kommun", "Kommunledningsförvaltningen",
                "Kansli- och personalavdelningen", "Kommunstyrelsen", "Kommunfullmäktige",
                "Kommunfullmäktiges presidium", "kommunstyrelsens presidium",
                "en förtroendevald med särskilt ansvar för internationella frågor",
                "Varje förvaltning och bolag", "medlemskap i EU",
                "Centralt ska finnas en gemensam funktion", "ingå i ett nätverk",
            ),
            # Europa 2020's five areas, the 2010 plan's six areas and its population goal
            "cited": len(europa_2020) + len(plan_2010) + 1}


def expected_nassjo() -> dict[str, int]:
    goals = bullets(NAS, "kännetecknas av att kommunen:", "Strategiska områden", "•")
    areas = in_text(NAS, "Omvärldsbevakning och kompetensutveckling Kommunen ska",
                    "Verksamhetsutveckling Kommunen ska", "Extern finansiering Extern finansiering",
                    "Avtal och samarbeten Kommunstyrelsen")
    strategies = in_text(
        NAS, "Kommunen ska omvärldsbevaka och öka kompetensen",
        "Kommunen ska delta i nätverk och projekt",
        "Extern finansiering, i synnerhet EU:s fonder och program, ska tas tillvara",
        "Kommunen ska verka för en stödstruktur",
        "Därutöver uppmuntras internationella samarbeten mellan kommunala verksamheter",
        "Nässjö kommun ska även stödja utvecklingen av regionalt samarbete",
        "Samverkan med Jönköping University (JU) är av vikt",
        "Det är av vikt att de internationella kontakterna också omfattar näringslivsfrågor",
    )
    # "EU- och internationella erfarenhetsutbyten, ungdoms- och kulturutbyten samt teknik- och
    # kunskapsöverföring är exempel ...": examples, not activities.
    activities = in_text(
        NAS, "Det kan handla om att delta i konferenser och projekt",
        "särskilt viktigt att bevaka sådant som beslutas i EU",
        "Kunskapshöjande aktiviteter och insatser kan arrangeras och genomföras",
        "Av särskild vikt är att skapa möjligheter för kommunen att delta i internationella "
        "ungdomsutbyten",
        "operativ samverkan med Region Jönköpings län eller grannkommuner",
        "Nässjö kommun bör ta tillvara de möjligheter",
        "det är angeläget för kommunen att synas och att delta i dessa sammanhang",
    )
    return {"goals": len(goals), "areas": areas, "strategies": strategies,
            "activities": activities, "indicators": 0, "cited": 0}


def test_issue_14_the_review_counts_are_the_documents_own(
    review: dict[str, dict[str, int]],
) -> None:
    # (Nässjö's actors are checked against its mentions in the next test, not derived here.)
    found = {doc: {k: v for k, v in counts.items() if not (k == "actors" and doc == NAS)}
             for doc, counts in review.items()}
    fin = expected_finspang()
    tra = expected_tranas()
    assert found == {
        FIN: fin,  # mål 5 · områden 0 · strategier 0 · aktiviteter 9 · indikatorer 3
        LN1: expected_linkoping_norrkoping(LN1),  # mål 2 · områden 3 · strategier 12
        TRA: tra,  # mål 1 · områden 3 · strategier 3 · aktiviteter 5 · indikatorer 0
        NAS: expected_nassjo(),  # mål 5 · områden 4 · strategier 8 · aktiviteter 7
        LN4: expected_linkoping_norrkoping(LN4),
    }
    assert fin == {"goals": 5, "areas": 0, "strategies": 0, "activities": 9, "indicators": 3,
                   "actors": 27, "cited": 26}
    assert tra == {"goals": 1, "areas": 3, "strategies": 3, "activities": 5, "indicators": 0,
                   "actors": 12, "cited": 12}


def test_issue_14_actors_are_actors_not_plans_or_funds(review: dict[str, dict[str, int]]) -> None:
    kg = glocal.load()
    for doc in FILES:
        named = kg.query(
            "PREFIX glocal: <https://w3id.org/glocal/ontology#> "
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?doc glocal:mentions ?m "
            "FILTER NOT EXISTS { ?m a glocal:Plan } "
            "FILTER NOT EXISTS { ?m a glocal:FundingProgramme } }",
            bindings={"doc": glocal.namespaces.as_iri(doc)})
        assert review[doc]["actors"] == int(named[0]["n"].toPython())
    # The joint document's two versions name the same bodies of the two municipalities.
    assert review[LN1]["actors"] == review[LN4]["actors"]


def test_issue_14_the_review_counts_five_municipalities(capsys: pytest.CaptureFixture[str]) -> None:
    # Linköping and Norrköping publish jointly: two municipalities, five in all.
    assert main(["review", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    publishers = {p for d in report["documents"] for p in d["publishers"]}
    assert len(publishers) == 5
    assert main(["review"]) == 0
    assert capsys.readouterr().out.startswith("glocal review: 5 dokument, 5 kommuner, ")



def test_issue_13_the_results_give_iris_as_urirefs() -> None:
    """The review's documents and SDG links and a validation result's documents give IRIs as
    rdflib URIRefs, as trace and coverage do; their JSON keeps them as plain strings."""
    from datetime import date

    from rdflib import URIRef

    kg = glocal.load()
    docs = kg.summarise()
    assert {d.iri for d in docs} == {URIRef(doc) for doc in FILES}
    for d in docs:
        assert isinstance(d.iri, URIRef)
        assert d.sdgs
        assert all(isinstance(s.sdg, URIRef) for s in d.sdgs)
        assert json.loads(json.dumps(d.to_dict()))["iri"] == str(d.iri)
    assert URIRef("http://metadata.un.org/sdg/17.17") in {s.sdg for d in docs for s in d.sdgs}
    report = kg.validate(as_of=date(2025, 6, 1))
    refs = [ref for r in report.results for ref in r.documents]
    assert refs
    assert all(isinstance(ref.iri, URIRef) for ref in refs)
    assert {ref.iri for ref in refs} <= {d.iri for d in docs}
    shown = json.loads(json.dumps(report.to_dict()))["results"]
    assert [x["iri"] for r in shown for x in r["documents"]] == [str(ref.iri) for ref in refs]
