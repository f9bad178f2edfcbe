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
    "report.version_pair": ("Från {old} till {new}", "From {old} to {new}"),
    "report.versions_source": ("Jämförelsen görs påstående för påstående, som glocal diff gör: "
                               "tillagda, borttagna, omformulerade och omlänkade.",
                               "Compared statement by statement, as glocal diff does: added, "
                               "removed, reworded and relinked."),
    "report.links_added": ("nya länkar", "links added"),
    "report.links_removed": ("borttagna länkar", "links removed"),
    "report.change": ("Ändring", "Change"),
    "report.before": ("Före", "Before"),
    "report.after": ("Efter", "After"),
    "report.documents": ("Dokument", "Documents"),
    "report.goals_served": ("Globala mål som tjänas", "SDGs served"),
    "report.to_fix": ("Att åtgärda", "To fix"),
    "report.back": ("Till kommunerna", "Back to the municipalities"),
    "report.on_page": ("s. {page}", "p. {page}"),
    "report.on_pages": ("s. {start}–{end}", "pp. {start}–{end}"),
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
    # --- glocal template / import / export (glocal.authoring): the workbook ----------------
    "workbook.sheet.document": ("Dokument", "Document"),
    "workbook.sheet.goal": ("Mål", "Goals"),
    "workbook.sheet.area": ("Områden", "Areas"),
    "workbook.sheet.strategy": ("Strategier", "Strategies"),
    "workbook.sheet.activity": ("Aktiviteter", "Activities"),
    "workbook.sheet.indicator": ("Indikatorer", "Indicators"),
    "workbook.sheet.purpose": ("Syften", "Purposes"),
    "workbook.sheet.factor": ("Framgångsfaktorer", "Success factors"),
    "workbook.sheet.principle": ("Principer", "Principles"),
    "workbook.sheet.responsibility": ("Ansvar", "Responsibilities"),
    "workbook.sheet.followup": ("Uppföljning", "Follow-up"),
    "workbook.sheet.rationale": ("Motiveringar", "Rationales"),
    "workbook.sheet.precondition": ("Förutsättningar", "Preconditions"),
    "workbook.sheet.example": ("Exempel", "Examples"),
    "workbook.sheet.background": ("Bakgrund", "Background"),
    "workbook.sheet.limitation": ("Avgränsningar", "Limitations"),
    "workbook.sheet.content": ("Rapportinnehåll", "Report contents"),
    "workbook.col.subject": ("Handlar om", "About"),
    "workbook.col.has_part": ("Har delar", "Has parts"),
    "workbook.col.alt_en": ("Andra namn på engelska", "Other names in English"),
    "workbook.kind.agent_plain": ("aktör (ej organisation)", "agent (not an organisation)"),
    "workbook.kind.foreign": ("utländsk kommun", "foreign municipality"),
    "workbook.sheet.alignment": ("Agenda 2030", "Agenda 2030"),
    "workbook.sheet.actor": ("Aktörer", "Actors"),
    "workbook.sheet.plan": ("Planer", "Plans"),
    "workbook.sheet.partnership": ("Partnerskap", "Partnerships"),
    "workbook.sheet.instructions": ("Instruktioner", "Instructions"),
    "workbook.sheet.lists": ("Listor", "Lists"),
    "workbook.col.id": ("Id", "Id"),
    "workbook.col.text": ("Text", "Text"),
    "workbook.col.name": ("Namn", "Name"),
    "workbook.col.name_en": ("Eget engelskt namn", "Own English name"),
    "workbook.col.alt": ("Andra namn", "Other names"),
    "workbook.col.hidden": ("Dolda namn", "Hidden names"),
    "workbook.col.quote": ("Citat", "Quote"),
    "workbook.col.quotes": ("Fler citat", "More quotes"),
    "workbook.col.kind": ("Typ", "Type"),
    "workbook.col.statement": ("Påstående", "Statement"),
    "workbook.col.attributed": ("Kopplad av", "Linked by"),
    "workbook.col.title": ("Titel", "Title"),
    "workbook.col.alternative": ("Alternativ titel", "Alternative title"),
    "workbook.col.doctype": ("Dokumenttyp", "Document type"),
    "workbook.col.publisher": ("Utgivare", "Publisher"),
    "workbook.col.issued": ("Utfärdad", "Issued"),
    "workbook.col.accepted": ("Antagen den", "Adopted on"),
    "workbook.col.identifier": ("Identifierare", "Identifiers"),
    "workbook.col.description": ("Beskrivning", "Description"),
    "workbook.col.history": ("Historik", "History note"),
    "workbook.col.editorial": ("Redaktionell anmärkning (engelska)", "Editorial note (English)"),
    "workbook.col.references": ("Webbadresser", "Web addresses"),
    "workbook.col.version_of": ("Version av verket", "Version of the work"),
    "workbook.col.municipality": ("Kommun (i IRI)", "Municipality (in IRI)"),
    "workbook.col.document_id": ("Dokument (i IRI)", "Document (in IRI)"),
    "workbook.col.source": ("Källtext", "Source text"),
    "workbook.col.template": ("Mallversion", "Template version"),
    "workbook.col.definition": ("Definition", "Definition"),
    "workbook.col.scope": ("Omfattning (engelska)", "Scope note (English)"),
    "workbook.col.scope_sv": ("Omfattning", "Scope note (Swedish)"),
    "workbook.col.note": ("Anmärkning", "Note"),
    "workbook.col.part_of": ("Del av", "Part of"),
    "workbook.col.date": ("Datum", "Date"),
    "workbook.col.country": ("Land", "Country"),
    "workbook.col.unit_of": ("Enhet i", "Unit of"),
    "workbook.col.sub_of": ("Underorganisation till", "Suborganisation of"),
    "workbook.col.members": ("Medlemmar", "Members"),
    "workbook.col.post_in": ("Befattning i", "Post in"),
    "workbook.col.mentioned": ("Nämns i dokumentet", "Named by the document"),
    "workbook.col.rationale_en": ("Motivering på engelska", "Rationale in English"),
    "workbook.col.field": ("Fält", "Field"),
    "workbook.col.value": ("Värde", "Value"),
    "workbook.value.yes": ("ja", "yes"),
    "workbook.value.no": ("nej", "no"),
    "workbook.kind.municipality": ("kommun", "municipality"),
    "workbook.kind.organisation": ("organisation", "organisation"),
    "workbook.kind.unit": ("enhet", "unit"),
    "workbook.kind.collaboration": ("samarbete", "collaboration"),
    "workbook.kind.other": ("annan organisation", "other organisation"),
    "workbook.kind.agent": ("aktör", "agent"),
    "workbook.kind.post": ("befattning", "post"),
    "workbook.kind.plan": ("plan", "plan"),
    "workbook.kind.fund": ("fond", "fund"),
    "workbook.required": ("Obligatorisk.", "Required."),
    "workbook.comment.ids": (
        "Id fylls i av mallen och kan inte ändras.",
        "Ids are filled in by the template and cannot be changed.",
    ),
    "workbook.comment.refs": (
        "Flera värden: ett per rad eller åtskilda med semikolon.",
        "Several values: one per line or separated by semicolons.",
    ),
    "workbook.comment.quote": ("Ordagrant ur källtexten.", "Verbatim from the source text."),
    "workbook.comment.quotes": (
        "Fler ordagranna citat, ett per rad.",
        "More verbatim quotes, one per line.",
    ),
    "workbook.comment.code": (
        "Koden skrivs som text, t.ex. 17.10.",
        "The code is text, e.g. 17.10.",
    ),
    "workbook.comment.date": (
        "Datum som ÅÅÅÅ-MM-DD, som texten anger det.",
        "A date as YYYY-MM-DD, as the text gives it.",
    ),
    "workbook.unknown_sdg": (
        'okänt mål eller delmål "{code}"',
        'unknown SDG goal or target "{code}"',
    ),
    "workbook.code_is_number": (
        "koden {value} är lagrad som ett tal; skriv den som text (t.ex. '17.10)",
        "the code {value} is stored as a number; write it as text (e.g. '17.10)",
    ),
    "workbook.unknown_id": (
        '"{value}" finns inte (inget sådant id, ingen sådan aktör eller plan)',
        '"{value}" does not exist (no such id, actor or plan)',
    ),
    "workbook.ambiguous_name": (
        '"{value}" kan vara flera aktörer: {choices}; ange id',
        '"{value}" may be several actors: {choices}; give the id',
    ),
    "workbook.duplicate_id": (
        'id "{value}" finns redan på {other}',
        'id "{value}" is already used at {other}',
    ),
    "workbook.bad_id": (
        '"{value}" är inget giltigt id (små bokstäver a-z, siffror och bindestreck)',
        '"{value}" is not a valid id (lower-case a-z, digits and hyphens)',
    ),
    "workbook.required_missing": (
        "värde saknas i obligatorisk kolumn {column}",
        "a value is missing in the required column {column}",
    ),
    "workbook.not_a_date": (
        '"{value}" är inget datum (ÅÅÅÅ-MM-DD)',
        '"{value}" is not a date (YYYY-MM-DD)',
    ),
    "workbook.date_not_in_text": (
        "datumet {value} står inte i källtexten",
        "the date {value} is not in the source text",
    ),
    "workbook.not_a_number": (
        '"{value}" är inget heltal',
        '"{value}" is not a whole number',
    ),
    "workbook.formula": (
        "en formel ({value}) där ett värde ska stå; glocal räknar inte ut formler",
        "a formula ({value}) where a value belongs; glocal does not evaluate formulas",
    ),
    "workbook.merged": (
        "sammanfogade celler ({value}); dela upp dem",
        "merged cells ({value}); unmerge them",
    ),
    "workbook.hidden_row": (
        "innehåll i en dold rad; visa raden eller töm den",
        "content in a hidden row; show the row or clear it",
    ),
    "workbook.hidden_column": (
        "innehåll i en dold kolumn; visa kolumnen eller töm den",
        "content in a hidden column; show the column or clear it",
    ),
    "workbook.unknown_sheet": (
        'okänt blad "{value}"',
        'unknown sheet "{value}"',
    ),
    "workbook.unknown_column": (
        'okänd kolumn "{value}"',
        'unknown column "{value}"',
    ),
    "workbook.missing_column": (
        'kolumnen "{value}" saknas',
        'the column "{value}" is missing',
    ),
    "workbook.unknown_field": (
        'okänt fält "{value}"',
        'unknown field "{value}"',
    ),
    "workbook.unknown_value": (
        '"{value}" finns inte i listan ({choices})',
        '"{value}" is not in the list ({choices})',
    ),
    "workbook.not_text": ("{value} ska vara text", "{value} should be text"),
    "workbook.not_url": (
        '"{value}" är ingen webbadress (http:// eller https://)',
        '"{value}" is not a web address (http:// or https://)',
    ),
    "workbook.quote_not_found": (
        "citatet står inte ordagrant i källtexten; närmast är sidan {page} (likhet "
        '{score} %): "{passage}"',
        "the quote is not verbatim in the source text; nearest is on page {page} "
        '(similarity {score} %): "{passage}"',
    ),
    "workbook.quote_nothing_near": (
        "citatet står inte i källtexten, inte heller något liknande",
        "the quote is not in the source text, nor anything like it",
    ),
    "workbook.no_statement": (
        'inget påstående med id "{value}"',
        'no statement with id "{value}"',
    ),
    "workbook.source_mismatch": (
        'arbetsboken hör till källtexten "{value}", inte "{given}"',
        'the workbook belongs to the source text "{value}", not "{given}"',
    ),
    "workbook.shape": ("{message}", "{message}"),
    "workbook.too_long": (
        "texten är för lång ({value} tecken, högst {limit})",
        "the text is too long ({value} characters, at most {limit})",
    ),
    "workbook.file.macros": (
        "arbetsböcker med makron (.xlsm) tas inte emot; spara som .xlsx",
        "workbooks with macros (.xlsm) are refused; save as .xlsx",
    ),
    "workbook.file.kind": (
        "är ingen .xlsx- eller .ods-arbetsbok",
        "is not an .xlsx or .ods workbook",
    ),
    "workbook.file.unreadable": (
        "kan inte läsas som arbetsbok: {detail}",
        "cannot be read as a workbook: {detail}",
    ),
    "workbook.file.bomb": (
        "packas upp till {value} MB (högst {limit} MB): vägras som zip-bomb",
        "unpacks to {value} MB (at most {limit} MB): refused as a zip bomb",
    ),
    "workbook.file.ratio": (
        "delen {value} packas upp {ratio} gånger sin storlek: vägras som zip-bomb",
        "the part {value} unpacks to {ratio} times its size: refused as a zip bomb",
    ),
    "workbook.file.too_big": (
        "är {value} MB (högst {limit} MB)",
        "is {value} MB (at most {limit} MB)",
    ),
    "workbook.file.too_many": (
        "har {value} rader eller celler (högst {limit})",
        "has {value} rows or cells (at most {limit})",
    ),
    "workbook.file.version": (
        "är gjord med mallversion {value}, den här glocal läser version {expected}; "
        "skapa en ny mall med glocal template",
        "was made with template version {value}, this glocal reads version {expected}; "
        "make a new template with glocal template",
    ),
    "workbook.file.no_version": (
        "saknar glocals mallversion (bladet Dokument, fältet Mallversion); är den "
        "gjord med glocal template?",
        "has no glocal template version (sheet Document, field Template version); was "
        "it made with glocal template?",
    ),
    "failed": ("{count} fel i arbetsboken {name}", "{count} problems in the workbook {name}"),
    "workbook.clean": (
        "{name}: {statements} påståenden, {quotes} citat, {triples} tripplar",
        "{name}: {statements} statements, {quotes} quotes, {triples} triples",
    ),
    "workbook.instructions": (
        "Så fyller du i mallen\n1. Bladet Dokument: titel, typ, kommun och dokumentets "
        "namn i IRI:n.\n2. Ett blad per sorts påstående (Mål, Områden, Strategier …): "
        "en rad per påstående, i textens ordning. Id:t är ifyllt och låst.\n3. Kolumnen "
        "Citat: klistra in textstället ordagrant ur källtexten.\n4. Bidrar till, "
        "Ansvarig och liknande: id:n (t.ex. goal-2) eller aktörernas namn, ett per rad "
        "eller åtskilda med semikolon.\n5. Agenda 2030: en rad per koppling till ett "
        "globalt mål eller delmål, koden som text (17.10).\n6. Kör: glocal import "
        "arbetsbok.xlsx --source kalla.txt -o dokument.ttl\nRubrikernas kommentarer "
        "förklarar varje kolumn; obligatoriska kolumner är markerade med *.",
        "How to fill in the template\n1. The Document sheet: title, type, municipality "
        "and the document's name in the IRI.\n2. One sheet per kind of statement "
        "(Goals, Areas, Strategies …): one row per statement, in the text's order. The "
        "id is filled in and locked.\n3. The Quote column: paste the passage verbatim "
        "from the source text.\n4. Contributes to, Responsible and the like: ids (e.g. "
        "goal-2) or actors' names, one per line or separated by semicolons.\n5. Agenda "
        "2030: one row per link to an SDG goal or target, the code as text (17.10).\n6. "
        "Run: glocal import workbook.xlsx --source source.txt -o document.ttl\nEach "
        "header's comment explains its column; required columns are marked with *.",
    ),
}


def word(key: str, lang: Lang, /, **fields: object) -> str:
    """The text of ``key`` in ``lang``, its ``{name}`` fields filled from ``fields``."""
    text = WORDS[key][LANGS.index(lang)]
    return text.format(**fields) if fields else text


def count(n: int, key: str, lang: Lang) -> str:
    """``n`` and the word ``key`` (or ``key.many`` when ``n`` is not one), e.g. ``3 varningar``."""
    many = f"{key}.many"
    return f"{n} {word(many if n != 1 and many in WORDS else key, lang)}"
