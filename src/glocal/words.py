"""Every word a person reads from glocal, in Swedish and English.

>>> word("authoring.unknown_sdg", "en", code="17.99")
'unknown SDG goal or target "17.99"'
>>> word("authoring.unknown_sdg", "sv", code="17.99")
'okänt mål eller delmål "17.99"'
"""

from __future__ import annotations

from typing import Literal

__all__ = ["AUTHORING", "Lang", "word"]

Lang = Literal["sv", "en"]

# --- authoring: the workbook template, its import and export (glocal.authoring) --------------
AUTHORING: dict[str, tuple[str, str]] = {
    # sheets
    "sheet.document": ("Dokument", "Document"),
    "sheet.goal": ("Mål", "Goals"),
    "sheet.area": ("Områden", "Areas"),
    "sheet.strategy": ("Strategier", "Strategies"),
    "sheet.activity": ("Aktiviteter", "Activities"),
    "sheet.indicator": ("Indikatorer", "Indicators"),
    "sheet.purpose": ("Syften", "Purposes"),
    "sheet.factor": ("Framgångsfaktorer", "Success factors"),
    "sheet.principle": ("Principer", "Principles"),
    "sheet.responsibility": ("Ansvar", "Responsibilities"),
    "sheet.followup": ("Uppföljning", "Follow-up"),
    "sheet.alignment": ("Agenda 2030", "Agenda 2030"),
    "sheet.actor": ("Aktörer", "Actors"),
    "sheet.plan": ("Planer", "Plans"),
    "sheet.partnership": ("Partnerskap", "Partnerships"),
    "sheet.instructions": ("Instruktioner", "Instructions"),
    "sheet.lists": ("Listor", "Lists"),
    # columns without a label in the ontology
    "col.id": ("Id", "Id"),
    "col.text": ("Text", "Text"),
    "col.name": ("Namn", "Name"),
    "col.name_en": ("Eget engelskt namn", "Own English name"),
    "col.alt": ("Andra namn", "Other names"),
    "col.hidden": ("Dolda namn", "Hidden names"),
    "col.quote": ("Citat", "Quote"),
    "col.quotes": ("Fler citat", "More quotes"),
    "col.kind": ("Typ", "Type"),
    "col.statement": ("Påstående", "Statement"),
    "col.attributed": ("Kopplad av", "Linked by"),
    "col.title": ("Titel", "Title"),
    "col.alternative": ("Alternativ titel", "Alternative title"),
    "col.doctype": ("Dokumenttyp", "Document type"),
    "col.publisher": ("Utgivare", "Publisher"),
    "col.issued": ("Utfärdad", "Issued"),
    "col.accepted": ("Antagen den", "Adopted on"),
    "col.identifier": ("Identifierare", "Identifiers"),
    "col.description": ("Beskrivning", "Description"),
    "col.history": ("Historik", "History note"),
    "col.editorial": ("Redaktionell anmärkning (engelska)", "Editorial note (English)"),
    "col.references": ("Webbadresser", "Web addresses"),
    "col.version_of": ("Version av verket", "Version of the work"),
    "col.municipality": ("Kommun (i IRI)", "Municipality (in IRI)"),
    "col.document_id": ("Dokument (i IRI)", "Document (in IRI)"),
    "col.source": ("Källtext", "Source text"),
    "col.template": ("Mallversion", "Template version"),
    "col.definition": ("Definition", "Definition"),
    "col.scope": ("Omfattning (engelska)", "Scope note (English)"),
    "col.scope_sv": ("Omfattning", "Scope note (Swedish)"),
    "col.note": ("Anmärkning", "Note"),
    "col.part_of": ("Del av", "Part of"),
    "col.date": ("Datum", "Date"),
    "col.country": ("Land", "Country"),
    "col.unit_of": ("Enhet i", "Unit of"),
    "col.sub_of": ("Underorganisation till", "Suborganisation of"),
    "col.members": ("Medlemmar", "Members"),
    "col.post_in": ("Befattning i", "Post in"),
    "col.mentioned": ("Nämns i dokumentet", "Named by the document"),
    "col.rationale_en": ("Motivering på engelska", "Rationale in English"),
    "col.field": ("Fält", "Field"),
    "col.value": ("Värde", "Value"),
    # values
    "value.yes": ("ja", "yes"),
    "value.no": ("nej", "no"),
    "kind.municipality": ("kommun", "municipality"),
    "kind.organisation": ("organisation", "organisation"),
    "kind.unit": ("enhet", "unit"),
    "kind.collaboration": ("samarbete", "collaboration"),
    "kind.other": ("annan organisation", "other organisation"),
    "kind.agent": ("aktör", "agent"),
    "kind.post": ("befattning", "post"),
    "kind.plan": ("plan", "plan"),
    "kind.fund": ("fond", "fund"),
    "required": ("Obligatorisk.", "Required."),
    "comment.ids": ("Id fylls i av mallen och kan inte ändras.", "Ids are filled in by the "
                    "template and cannot be changed."),
    "comment.refs": ("Flera värden: ett per rad eller åtskilda med semikolon.",
                     "Several values: one per line or separated by semicolons."),
    "comment.quote": ("Ordagrant ur källtexten.", "Verbatim from the source text."),
    "comment.quotes": ("Fler ordagranna citat, ett per rad.",
                       "More verbatim quotes, one per line."),
    "comment.code": ("Koden skrivs som text, t.ex. 17.10.", "The code is text, e.g. 17.10."),
    "comment.date": ("Datum som ÅÅÅÅ-MM-DD, som texten anger det.",
                     "A date as YYYY-MM-DD, as the text gives it."),
    # problems (each shown after "Sheet!A1: ")
    "unknown_sdg": ('okänt mål eller delmål "{code}"', 'unknown SDG goal or target "{code}"'),
    "code_is_number": ("koden {value} är lagrad som ett tal; skriv den som text (t.ex. '17.10)",
                       "the code {value} is stored as a number; write it as text (e.g. '17.10)"),
    "unknown_id": ('"{value}" finns inte (inget sådant id, ingen sådan aktör eller plan)',
                   '"{value}" does not exist (no such id, actor or plan)'),
    "ambiguous_name": ('"{value}" kan vara flera aktörer: {choices}; ange id',
                       '"{value}" may be several actors: {choices}; give the id'),
    "duplicate_id": ('id "{value}" finns redan på {other}',
                     'id "{value}" is already used at {other}'),
    "bad_id": ('"{value}" är inget giltigt id (små bokstäver a-z, siffror och bindestreck)',
               '"{value}" is not a valid id (lower-case a-z, digits and hyphens)'),
    "required_missing": ("värde saknas i obligatorisk kolumn {column}",
                         "a value is missing in the required column {column}"),
    "not_a_date": ('"{value}" är inget datum (ÅÅÅÅ-MM-DD)', '"{value}" is not a date (YYYY-MM-DD)'),
    "date_not_in_text": ("datumet {value} står inte i källtexten", "the date {value} is not in the "
                         "source text"),
    "not_a_number": ('"{value}" är inget heltal', '"{value}" is not a whole number'),
    "formula": ("en formel ({value}) där ett värde ska stå; glocal räknar inte ut formler",
                "a formula ({value}) where a value belongs; glocal does not evaluate formulas"),
    "merged": ("sammanfogade celler ({value}); dela upp dem",
               "merged cells ({value}); unmerge them"),
    "hidden_row": ("innehåll i en dold rad; visa raden eller töm den",
                   "content in a hidden row; show the row or clear it"),
    "hidden_column": ("innehåll i en dold kolumn; visa kolumnen eller töm den",
                      "content in a hidden column; show the column or clear it"),
    "unknown_sheet": ('okänt blad "{value}"', 'unknown sheet "{value}"'),
    "unknown_column": ('okänd kolumn "{value}"', 'unknown column "{value}"'),
    "missing_column": ('kolumnen "{value}" saknas', 'the column "{value}" is missing'),
    "unknown_field": ('okänt fält "{value}"', 'unknown field "{value}"'),
    "unknown_value": ('"{value}" finns inte i listan ({choices})',
                      '"{value}" is not in the list ({choices})'),
    "not_text": ("{value} ska vara text", "{value} should be text"),
    "not_url": ('"{value}" är ingen webbadress (http:// eller https://)',
                '"{value}" is not a web address (http:// or https://)'),
    "quote_not_found": ('citatet står inte ordagrant i källtexten; närmast är sidan {page} '
                        '(likhet {score} %): "{passage}"',
                        'the quote is not verbatim in the source text; nearest is on page {page} '
                        '(similarity {score} %): "{passage}"'),
    "quote_nothing_near": ("citatet står inte i källtexten, inte heller något liknande",
                           "the quote is not in the source text, nor anything like it"),
    "no_statement": ('inget påstående med id "{value}"', 'no statement with id "{value}"'),
    "source_mismatch": ('arbetsboken hör till källtexten "{value}", inte "{given}"',
                        'the workbook belongs to the source text "{value}", not "{given}"'),
    "shape": ("{message}", "{message}"),
    "too_long": ("texten är för lång ({value} tecken, högst {limit})",
                 "the text is too long ({value} characters, at most {limit})"),
    # whole-file problems (InputError details)
    "file.macros": ("arbetsböcker med makron (.xlsm) tas inte emot; spara som .xlsx",
                    "workbooks with macros (.xlsm) are refused; save as .xlsx"),
    "file.kind": ("är ingen .xlsx- eller .ods-arbetsbok", "is not an .xlsx or .ods workbook"),
    "file.unreadable": ("kan inte läsas som arbetsbok: {detail}",
                        "cannot be read as a workbook: {detail}"),
    "file.bomb": ("packas upp till {value} MB (högst {limit} MB): vägras som zip-bomb",
                  "unpacks to {value} MB (at most {limit} MB): refused as a zip bomb"),
    "file.ratio": ("delen {value} packas upp {ratio} gånger sin storlek: vägras som zip-bomb",
                   "the part {value} unpacks to {ratio} times its size: refused as a zip bomb"),
    "file.too_big": ("är {value} MB (högst {limit} MB)", "is {value} MB (at most {limit} MB)"),
    "file.too_many": ("har {value} rader eller celler (högst {limit})",
                      "has {value} rows or cells (at most {limit})"),
    "file.version": ("är gjord med mallversion {value}, den här glocal läser version {expected}; "
                     "skapa en ny mall med glocal template",
                     "was made with template version {value}, this glocal reads version "
                     "{expected}; make a new template with glocal template"),
    "file.no_version": ("saknar glocals mallversion (bladet Dokument, fältet Mallversion); är "
                        "den gjord med glocal template?",
                        "has no glocal template version (sheet Document, field Template "
                        "version); was it made with glocal template?"),
    "file.no_document": ("saknar ett dokument med id %s", "has no document %s"),
    "failed": ("{count} fel i arbetsboken {name}", "{count} problems in the workbook {name}"),
    "clean": ("{name}: {statements} påståenden, {quotes} citat, {triples} tripplar",
              "{name}: {statements} statements, {quotes} quotes, {triples} triples"),
    "instructions": (
        "Så fyller du i mallen\n"
        "1. Bladet Dokument: titel, typ, kommun och dokumentets namn i IRI:n.\n"
        "2. Ett blad per sorts påstående (Mål, Områden, Strategier …): en rad per påstående, "
        "i textens ordning. Id:t är ifyllt och låst.\n"
        "3. Kolumnen Citat: klistra in textstället ordagrant ur källtexten.\n"
        "4. Bidrar till, Ansvarig och liknande: id:n (t.ex. goal-2) eller aktörernas namn, "
        "ett per rad eller åtskilda med semikolon.\n"
        "5. Agenda 2030: en rad per koppling till ett globalt mål eller delmål, koden som "
        "text (17.10).\n"
        "6. Kör: glocal import arbetsbok.xlsx --source kalla.txt -o dokument.ttl\n"
        "Rubrikernas kommentarer förklarar varje kolumn; obligatoriska kolumner är markerade "
        "med *.",
        "How to fill in the template\n"
        "1. The Document sheet: title, type, municipality and the document's name in the IRI.\n"
        "2. One sheet per kind of statement (Goals, Areas, Strategies …): one row per statement, "
        "in the text's order. The id is filled in and locked.\n"
        "3. The Quote column: paste the passage verbatim from the source text.\n"
        "4. Contributes to, Responsible and the like: ids (e.g. goal-2) or actors' names, one per "
        "line or separated by semicolons.\n"
        "5. Agenda 2030: one row per link to an SDG goal or target, the code as text (17.10).\n"
        "6. Run: glocal import workbook.xlsx --source source.txt -o document.ttl\n"
        "Each header's comment explains its column; required columns are marked with *."),
}


def word(key: str, lang: str, **values: object) -> str:
    """The authoring word ``key`` in ``lang`` (``sv`` or ``en``), with ``values`` filled in."""
    sv, en = AUTHORING[key.removeprefix("authoring.")]
    text = en if lang == "en" else sv
    return text.format(**values) if values else text
