"""Every word a person reads from glocal, in Swedish and English.

>>> word("diff.reworded", "sv"), word("diff.reworded", "en")
('omformulerad', 'reworded')
>>> word("extract.done", "en", name="program.pdf", target="program.txt", pages=3,
...      characters="12 345")
'program.pdf → program.txt: 3 pages, 12 345 characters'
"""

from __future__ import annotations

from typing import Literal

__all__ = ["EXTRACT_DIFF", "Lang", "word"]

Lang = Literal["sv", "en"]

# --- authoring: glocal extract and glocal diff (glocal.authoring) ----------------------------
EXTRACT_DIFF: dict[str, tuple[str, str]] = {
    "extract.done": ("{name} → {target}: {pages} sidor, {characters} tecken",
                     "{name} → {target}: {pages} pages, {characters} characters"),
    "extract.progress": ("Läser {name}", "Reading {name}"),
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


def word(key: str, lang: str, **values: object) -> str:
    """The word ``key`` in ``lang`` (``sv`` or ``en``), with ``values`` filled in."""
    sv, en = EXTRACT_DIFF[key]
    text = en if lang == "en" else sv
    return text.format(**values) if values else text
