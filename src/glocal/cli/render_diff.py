"""``glocal diff`` as text for people: statement by statement, the changed words marked.

>>> changed_words("så kallade biståndsprojekt, bidrar", "så kallade kommunala partnerskap, bidrar")
'så kallade [-biståndsprojekt,-]{+kommunala partnerskap,+} bidrar'
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from glocal.namespaces import curie
from glocal.words import Lang, word

if TYPE_CHECKING:
    from glocal.authoring.diff_model import DocumentDiff, StatementChange, StatementLink

__all__ = ["changed_words", "render"]

_CONTEXT = 6  # words of unchanged text kept on each side of a change


def changed_words(old: str, new: str) -> str:
    """The two wordings as one, ``[-removed-]`` and ``{+added+}`` (as ``git diff --word-diff``),
    long unchanged stretches shortened to ``…``."""
    a, b = old.split(), new.split()
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            same = a[i1:i2]
            if len(same) > 2 * _CONTEXT:
                first = same[:_CONTEXT] if parts else []
                last = same[-_CONTEXT:] if i2 < len(a) or j2 < len(b) else []
                same = [*first, "…", *last]
            parts.append(" ".join(same))
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(a[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"{{+{' '.join(b[j1:j2])}+}}")
    text = " ".join(p for p in parts if p)
    return text.replace("-] {+", "-]{+")


def _link(link: StatementLink) -> str:
    return f"{curie(link.predicate)} {curie(link.object)}"


def _head(change: StatementChange, lang: Lang) -> str:
    statement = change.statement
    kinds = ", ".join(word(f"diff.{kind}", lang) for kind in change.kinds)
    classes = ", ".join(curie(c).removeprefix("glocal:") for c in statement.classes)
    where = [classes] if classes else []
    if statement.position is not None:
        where.append(word("diff.position", lang, n=statement.position))
    name = curie(statement.iri)
    if change.old is not None and change.new is not None and change.old.iri != change.new.iri:
        name = f"{curie(change.old.iri)} → {curie(change.new.iri)}"
    head = f"{kinds}: {name}" + (f" ({', '.join(where)})" if where else "")
    if change.matched_by is not None and change.matched_by != "iri":
        score = f"{change.similarity:.2f}" if change.similarity is not None else "?"
        head += (f"; {word(f'diff.by.{change.matched_by}', lang)}, "
                 f"{word('diff.similarity', lang, score=score)}")
    if change.counterpart is not None:
        head += f"; {word('diff.split', lang, other=curie(change.counterpart))}"
    return head


def _change(change: StatementChange, lang: Lang) -> list[str]:
    lines = [_head(change, lang)]
    if change.old is not None and change.new is None:
        lines.append(f"    - {change.old.wording}")
    elif change.new is not None and change.old is None:
        lines.append(f"    + {change.new.wording}")
    elif "reworded" in change.kinds and change.old is not None and change.new is not None:
        if change.old.wording != change.new.wording:
            lines.append(f"    {changed_words(change.old.wording, change.new.wording)}")
        elif change.old.label != change.new.label:
            lines.append(f"    - {change.old.label}")
            lines.append(f"    + {change.new.label}")
    lines += [f"    - {_link(link)}" for link in change.links_removed]
    lines += [f"    + {_link(link)}" for link in change.links_added]
    return lines


def render(documents: Sequence[DocumentDiff], only_old: Sequence[str], only_new: Sequence[str],
           lang: Lang) -> str:
    """The whole comparison as text."""
    lines: list[str] = []
    for document in documents:
        old = document.old_title or curie(document.old_document)
        new = document.new_title or curie(document.new_document)
        lines.append(old if old == new else f"{old} → {new}")
        lines.append("  " + word("diff.counts", lang, **document.counts()))
        if document.links_removed or document.links_added:
            lines.append(f"  {word('diff.document', lang)}:")
            lines += [f"    - {_link(link)}" for link in document.links_removed]
            lines += [f"    + {_link(link)}" for link in document.links_added]
        for change in document.changes:
            lines += ["  " + line for line in _change(change, lang)]
        lines.append("")
    lines += [word("diff.only_old", lang, document=curie(d)) for d in only_old]
    lines += [word("diff.only_new", lang, document=curie(d)) for d in only_new]
    if not documents and not only_old and not only_new:
        lines.append(word("diff.no_documents", lang))
    elif not any(d.changed for d in documents) and not only_old and not only_new:
        lines.append(word("diff.none", lang))
    return "\n".join(lines).rstrip("\n") + "\n"
