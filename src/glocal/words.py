"""Every word a person reads from glocal, in Swedish and English, in one place.

Each entry is a key and its text in each language of :data:`LANGS`, in that order. Fixing a
term is one edit here; adding a language is adding it to ``LANGS`` and a text to each entry
(a test checks that every entry has one per language). Texts may hold ``{name}`` fields,
filled by :func:`word`'s keyword arguments. The SHACL messages live with their shapes
(``shapes/*.ttl``, ``sh:message`` in both languages) and the ontology's labels in the ontology.

>>> word("kind.goal", "sv"), word("kind.goal", "en")
('Mål', 'Goal')
>>> count(3, "severity.warning", "sv"), count(1, "severity.warning", "en")
('3 varningar', '1 warning')
>>> word("trace.truncated", "en", n=10)
'there are more paths; showing the first 10 (--max-paths)'
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["LANGS", "WORDS", "Lang", "count", "word"]

Lang = Literal["sv", "en"]
#: The languages glocal speaks, in the order of each entry's texts.
LANGS: Final[tuple[Lang, ...]] = ("sv", "en")

WORDS: Final[dict[str, tuple[str, str]]] = {
    # --- kinds of node ---------------------------------------------------------------------
    "kind.activity": ("Aktivitet", "Activity"),
    "kind.strategy": ("Strategi", "Strategy"),
    "kind.goal": ("Mål", "Goal"),
    "kind.area": ("Område", "Area"),
    "kind.purpose": ("Syfte", "Purpose"),
    "kind.principle": ("Princip", "Principle"),
    "kind.factor": ("Framgångsfaktor", "Success factor"),
    "kind.document": ("Dokument", "Document"),
    "kind.sdg-goal": ("Globalt mål", "SDG"),
    "kind.sdg-target": ("Delmål", "SDG target"),
    "kind.partnership": ("Samarbete", "Partnership"),
    "name.sdg-goal": ("Globalt mål", "SDG"),
    "name.sdg-target": ("Delmål", "SDG"),
    "sdg.goal": ("mål", "goal"),
    "sdg.target": ("delmål", "target"),
    # --- traces ----------------------------------------------------------------------------
    "relation.contributesTo": ("bidrar till", "contributes to"),
    "relation.alignedWith": ("tjänar", "serves"),
    "relation.isTargetOf": ("som hör till", "which belongs to"),
    "relation.statedIn": ("anges i", "stated in"),
    "basis.explicit": ("uttalad", "explicit"),
    "basis.interpreted": ("tolkad", "interpreted"),
    "basis.unknown": ("okänd grund", "unknown basis"),
    "trace.top": ("tjänar inget mer i grafen", "serves nothing further in the graph"),
    "trace.cycle": ("cykel: tillbaka till", "cycle: back to"),
    "trace.truncated": ("fler vägar finns; visar de första {n} (--max-paths)",
                        "there are more paths; showing the first {n} (--max-paths)"),
    "trace.rationale": ("motivering", "rationale"),
    "trace.nobody": ("ingen bidrar i grafen", "nothing in the graph contributes"),
    # --- review ----------------------------------------------------------------------------
    "review.documents": ("dokument", "documents"),
    "review.municipalities": ("kommuner", "municipalities"),
    "review.statements": ("påståenden i grafen", "statements in the graph"),
    "review.goals": ("mål", "goals"),
    "review.areas": ("områden", "areas"),
    "review.strategies": ("strategier", "strategies"),
    "review.activities": ("aktiviteter", "activities"),
    "review.indicators": ("indikatorer", "indicators"),
    "review.actors": ("aktörer", "actors"),
    "review.cited": ("citerade ur andra planer", "cited from other plans"),
    "review.alignments": ("Agenda 2030-kopplingar", "SDG alignments"),
    "review.explicit": ("uttalade", "explicit"),
    "review.interpreted": ("tolkade", "interpreted"),
    "review.checks": ("Granskning", "Checks"),
    "review.validate": ("Granskning (glocal validate)", "Checks (glocal validate)"),
    "review.reasoning": ("OWL-resonemang", "OWL reasoning"),
    # --- coverage --------------------------------------------------------------------------
    "coverage.summary": ("Agenda 2030: {served} av {total} globala mål tjänas "
                         "({explicit} med en uttalad koppling)",
                         "Agenda 2030: {served} of {total} SDGs served "
                         "({explicit} with an explicit link)"),
    "coverage.unserved": ("inget tjänar", "nothing serves"),
    "coverage.goals": ("mål uttalad/tolkad", "goals explicit/interpreted"),
    "coverage.activities": ("aktiviteter uttalad/tolkad", "activities explicit/interpreted"),
    "coverage.label": ("benämning", "label"),
    "coverage.document": ("dokument", "document"),
    "coverage.document_goals": ("mål", "goals"),
    "coverage.with_activity": ("med aktivitet", "with activity"),
    "coverage.with_indicator": ("med indikator", "with indicator"),
    "coverage.with_responsible": ("med ansvarig", "with responsible"),
    "coverage.with_sdg": ("med globalt mål", "with SDG"),
    # --- validation ------------------------------------------------------------------------
    "severity.violation": ("fel", "violation"),
    "severity.violation.many": ("fel", "violations"),
    "severity.warning": ("varning", "warning"),
    "severity.warning.many": ("varningar", "warnings"),
    "severity.info": ("upplysning", "info"),
    "severity.info.many": ("upplysningar", "infos"),
    "validation.as_of": ("per", "as of"),
    "validation.none": ("Inget att åtgärda.", "Nothing to fix."),
    "validation.no_document": ("Utan styrdokument", "Not in a governing document"),
    "validation.severity": ("Allvarlighet", "Severity"),
    "validation.what": ("Vad", "What"),
    "validation.message": ("Att åtgärda", "To fix"),
    "validation.value": ("Värde", "Value"),
    "validation.blank": ("(namnlös nod)", "(unnamed node)"),
    "validation.other": ("Övrigt", "Other"),
    # --- reasoning -------------------------------------------------------------------------
    "reasoning.consistent": ("konsistent enligt {reasoner}", "consistent according to {reasoner}"),
    "reasoning.unsatisfiable": ("{n} otillfredsställbara klasser", "{n} unsatisfiable classes"),
    "reasoning.inferred": ("{n} härledda fakta", "{n} inferred facts"),
    "reasoning.inconsistent": ("INKONSISTENT enligt {reasoner}: {clashes}",
                               "INCONSISTENT according to {reasoner}: {clashes}"),
    "reasoning.clash": ("konflikt", "clash"),
    "reasoning.clash.many": ("konflikter", "clashes"),
    "reasoning.unsatisfiable_class": ("otillfredsställbar klass", "unsatisfiable"),
    # --- the network of the strategy layer ------------------------------------------------
    "network.summary": ("Strategilagret: {nodes} noder, {edges} länkar, {parts} delar",
                        "The strategy layer: {nodes} nodes, {edges} links, {parts} parts"),
    "network.isolated": ("Mål, områden och strategier utan länk", "Goals, areas and strategies "
                         "with no link"),
    "network.central": ("Mest förbindande (betweenness)", "Connecting the most (betweenness)"),
    "network.none": ("inga", "none"),
    "network.graphml": ("skrev GraphML till {path}", "wrote GraphML to {path}"),
    # --- progress on a terminal ------------------------------------------------------------
    "progress.load": ("Läser in", "Loading"),
    "progress.validate": ("Granskar", "Checking"),
    "progress.of": ("av", "of"),
    "progress.done": ("klart", "done"),
    # --- the review report (glocal report) -----------------------------------------------
    "report.title": ("Granskning av styrdokument för internationellt arbete och Agenda 2030",
                     "Review of governing documents on international work and Agenda 2030"),
    "report.as_of": ("Per {date}", "As of {date}"),
    "report.made_by": ("Skapad av glocal {version} ur {n} påståenden.",
                       "Made by glocal {version} from {n} statements."),
    "report.index": ("Kommuner", "Municipalities"),
    "report.contents": ("Innehåll", "Contents"),
    "report.municipality": ("Kommun", "Municipality"),
    "report.summary": ("Sammanfattning", "Summary"),
    "report.agenda": ("Agenda 2030", "Agenda 2030"),
    "report.fix": ("Att åtgärda före granskningen", "What to fix before the review"),
    "report.completeness": ("Fullständighet", "Completeness"),
    "report.versions": ("Versioner", "Versions"),
    "report.type": ("Typ", "Type"),
    "report.publisher": ("Utgivare", "Publisher"),
    "report.adopted_by": ("Antagen av", "Adopted by"),
    "report.issued": ("Utfärdad", "Issued"),
    "report.identifiers": ("Identifierare", "Identifiers"),
    "report.version": ("Version", "Version"),
    "report.revision_due": ("Ska revideras", "Revision due"),
    "report.review_rule": ("Regel för översyn", "Review rule"),
    "report.past_due": ("försenad per {date}", "past due as of {date}"),
    "report.not_stated": ("anges inte", "not stated"),
    "report.counts": ("Vad dokumentet anger", "What the document states"),
    "report.count": ("Antal", "Number"),
    "report.goal": ("Globalt mål", "Goal"),
    "report.state": ("Läge", "State"),
    "report.state.explicit": ("uttalad koppling", "explicit link"),
    "report.state.interpreted": ("endast tolkad", "interpreted only"),
    "report.state.none": ("tjänas inte", "not served"),
    "report.wheel": ("De 17 globala målen och hur {name} tjänar dem: {explicit} med uttalad "
                     "koppling, {interpreted} endast tolkade, {none} tjänas inte.",
                     "The 17 SDGs and how {name} serves them: {explicit} by an explicit link, "
                     "{interpreted} by interpretation only, {none} not served."),
    "report.legend": ("Teckenförklaring", "Legend"),
    "report.statements_explicit": ("påståenden, uttalad", "statements, explicit"),
    "report.statements_interpreted": ("påståenden, tolkad", "statements, interpreted"),
    "report.activities": ("aktiviteter", "activities"),
    "report.served_by": ("Vem tjänar målen och delmålen", "Who serves each goal and target"),
    "report.target": ("Mål eller delmål", "Goal or target"),
    "report.via": ("via", "via"),
    "report.path": ("Väg", "Path"),
    "report.evidence": ("Belägg", "Evidence"),
    "report.page": ("sida {page}", "page {page}"),
    "report.rationale": ("Motivering", "Rationale"),
    "report.approved": ("godkänd av {by}", "approved by {by}"),
    "report.unapproved": ("inte godkänd av kommunen", "not approved by the municipality"),
    "report.no_traces": ("Vägarna visas i rapporten för en kommun (--municipality).",
                         "The paths are shown in the report of one municipality "
                         "(--municipality)."),
    "report.nothing_served": ("Inget av dokumenten tjänar ett globalt mål.",
                              "None of the documents serves an SDG."),
    "report.fix_none": ("Inget att åtgärda.", "Nothing to fix."),
    "report.statement": ("Påstående", "Statement"),
    "report.quote": ("Citat", "Quote"),
    "report.message": ("Att göra", "To do"),
    "report.share": ("Andel", "Share"),
    "report.of_goals": ("{n} av {total} mål", "{n} of {total} goals"),
    "report.no_goals": ("dokumentet har inga mål", "the document has no goals"),
    "report.bars": ("Andelen av {title}s mål med aktivitet, indikator, ansvarig och globalt mål.",
                    "The share of the goals of {title} with an activity, an indicator, a "
                    "responsible body and an SDG."),
    "report.versions_none": ("Dokumenten har inga andra versioner i grafen.",
                             "The documents have no other versions in the graph."),
    "report.only_in": ("Bara i {title}", "Only in {title}"),
    "report.versions_source": ("Jämförelsen görs med den namngivna frågan "
                               "cq-ln-version-differences.",
                               "Compared with the named query cq-ln-version-differences."),
    "report.relation.statedIn": ("påstående", "statement"),
    "report.relation.mentions": ("nämner", "mentions"),
    "report.documents": ("Dokument", "Documents"),
    "report.goals_served": ("Globala mål som tjänas", "SDGs served"),
    "report.to_fix": ("Att åtgärda", "To fix"),
    "report.back": ("Till kommunerna", "Back to the municipalities"),
    "progress.extract": ("Läser ut texten", "Extracting the text"),
    # --- authoring: glocal extract and glocal diff (glocal.authoring) -----------------------
    "extract.done": ("{name} → {target}: {pages} sidor, {characters} tecken",
                     "{name} → {target}: {pages} pages, {characters} characters"),
    "extract.sha256": ("originalets SHA-256", "the original's SHA-256"),
    "diff.added": ("tillagd", "added"),
    "diff.removed": ("borttagen", "removed"),
    "diff.reworded": ("omformulerad", "reworded"),
    "diff.relinked": ("omlänkad", "relinked"),
    "diff.unchanged": ("oförändrade", "unchanged"),
    "diff.counts": ("{added} tillagda, {removed} borttagna, {reworded} omformulerade, "
                    "{relinked} omlänkade, {unchanged} oförändrade",
                    "{added} added, {removed} removed, {reworded} reworded, "
                    "{relinked} relinked, {unchanged} unchanged"),
    "diff.document": ("dokumentet", "the document"),
    "diff.position": ("plats {n}", "position {n}"),
    "diff.similarity": ("likhet {score}", "similarity {score}"),
    "diff.by.iri": ("samma IRI", "same IRI"),
    "diff.by.correspondence": ("motsvarar enligt grafen", "corresponds, as the graph says"),
    "diff.by.wording": ("matchad på ordalydelsen", "matched by wording"),
    "diff.split": ("motsvarar också {other}", "also corresponds to {other}"),
    "diff.only_old": ("bara i den gamla grafen: {document}", "only in the old graph: {document}"),
    "diff.only_new": ("bara i den nya grafen: {document}", "only in the new graph: {document}"),
    "diff.none": ("inga skillnader", "no differences"),
    "diff.no_documents": ("graferna har inget dokument gemensamt",
                          "the graphs have no document in common"),
}


def word(key: str, lang: Lang, /, **fields: object) -> str:
    """The text of ``key`` in ``lang``, its ``{name}`` fields filled from ``fields``."""
    text = WORDS[key][LANGS.index(lang)]
    return text.format(**fields) if fields else text


def count(n: int, key: str, lang: Lang) -> str:
    """``n`` and the word ``key`` (or ``key.many`` when ``n`` is not one), e.g. ``3 varningar``."""
    many = f"{key}.many"
    return f"{n} {word(many if n != 1 and many in WORDS else key, lang)}"
