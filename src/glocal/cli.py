"""``glocal``: thin commands over the public API. Heavy imports happen inside each command.

Exit codes: 0 fine, 1 the data fails a check, 2 unreadable input or a usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from rdflib.term import Node

    from .store import KnowledgeGraph

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]


def _print(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _load(files: Sequence[str], fmt: str | None = None) -> KnowledgeGraph:
    from .store import load

    return load(*files, format=fmt)


def _cell(value: object) -> str:
    from rdflib.term import Literal, URIRef

    from .store import _curie

    if isinstance(value, URIRef):
        return _curie(value)
    if isinstance(value, Literal):
        return str(value)
    return "" if value is None else str(value)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


def _json_term(node: Node) -> dict[str, str]:
    from rdflib.term import BNode, Literal

    if isinstance(node, Literal):
        out = {"type": "literal", "value": str(node)}
        if node.language:
            out["xml:lang"] = node.language
        elif node.datatype:
            out["datatype"] = str(node.datatype)
        return out
    return {"type": "bnode" if isinstance(node, BNode) else "uri", "value": str(node)}


# --- review ----------------------------------------------------------------------------------


def _review(args: argparse.Namespace) -> int:
    from .summary import summarise

    kg = _load(args.files)
    docs = summarise(kg, args.lang)
    if args.format == "json":
        _print(json.dumps({"statements": len(kg), "documents": [d.to_dict() for d in docs]},
                          ensure_ascii=False, indent=2))
        return 0
    sv = args.lang == "sv"
    municipalities = sorted({d.municipality for d in docs})
    _print(f"glocal review: {len(docs)} {'dokument' if sv else 'documents'}, "
           f"{len(municipalities)} {'kommuner' if sv else 'municipalities'}, "
           f"{len(kg)} {'påståenden i grafen' if sv else 'statements in the graph'}")
    words = (("mål", "områden", "strategier", "aktiviteter", "indikatorer", "aktörer")
             if sv else ("goals", "areas", "strategies", "activities", "indicators", "actors"))
    for municipality in municipalities:
        _print()
        _print(municipality)
        for d in (d for d in docs if d.municipality == municipality):
            _print(f"  {d.title}" + (f" ({d.type})" if d.type else ""))
            counts = (d.goals, d.areas, d.strategies, d.activities, d.indicators, d.actors)
            _print("    " + " · ".join(f"{w} {n}" for w, n in zip(words, counts, strict=True)))
            explicit = [s.notation for s in d.sdgs if s.explicit]
            interpreted = [s.notation for s in d.sdgs if not s.explicit]
            label = "Agenda 2030-kopplingar" if sv else "SDG alignments"
            _print(f"    {label}: "
                   f"{d.explicit} {'uttalade' if sv else 'explicit'}"
                   + (f" ({', '.join(explicit)})" if explicit else "")
                   + f", {d.interpreted} {'tolkade' if sv else 'interpreted'}"
                   + (f" ({', '.join(interpreted)})" if interpreted else ""))
    return 0


# --- query -----------------------------------------------------------------------------------


def _parse_binding(text: str) -> tuple[str, Node]:
    from rdflib.term import Literal

    from .namespaces import as_iri

    name, eq, value = text.partition("=")
    if not eq or not name:
        raise SystemExit(f"glocal: error: --bind takes NAME=VALUE, not {text!r}")
    name = name.lstrip("?$")
    try:
        return name, as_iri(value)
    except ValueError:
        return name, Literal(value)


def _query(args: argparse.Namespace) -> int:
    from . import resources
    from .errors import InputError
    from .sparql import form

    if args.list:
        for name in resources.query_names():
            first = resources.read_query(name).splitlines()[0].lstrip("# ").strip()
            _print(f"{name}\t{first}")
        return 0
    if args.named is not None:
        text = resources.read_query(args.named)
    elif args.expression is not None:
        text = args.expression
    elif args.file is not None:
        path = Path(args.file)
        try:
            text = sys.stdin.read() if args.file == "-" else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(args.file, f"cannot read the query: {exc}") from exc
    else:
        raise SystemExit("glocal: error: give a query file or -e QUERY")
    bindings = dict(_parse_binding(b) for b in args.bind)
    kg = _load(args.data)
    kind = form(text)
    if kind == "ASK":
        answer = kg.ask(text, bindings=bindings)
        _print(json.dumps({"head": {}, "boolean": answer}) if args.format == "json"
               else str(answer).lower())
        return 0
    if kind in ("CONSTRUCT", "DESCRIBE"):
        graph = kg.construct(text, bindings=bindings)
        sys.stdout.write(graph.serialize(format="json-ld" if args.format == "json" else "turtle"))
        return 0
    rows = kg.query(text, bindings=bindings)
    names = list(dict.fromkeys(k for r in rows for k in r))
    if args.format == "json":
        _print(json.dumps({"head": {"vars": names},
                           "results": {"bindings": [{k: _json_term(v) for k, v in r.items()}
                                                    for r in rows]}},
                          ensure_ascii=False, indent=2))
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([[str(r.get(n, "")) for n in names] for r in rows])
        sys.stdout.write(buffer.getvalue())
    else:
        _print(_table(names, [[r.get(n) for n in names] for r in rows]))
        _print(f"({len(rows)} rows)")
    return 0


# --- convert, info ---------------------------------------------------------------------------


def _convert(args: argparse.Namespace) -> int:
    from .formats import convert

    n = convert(args.input, args.output, source_format=args.source_format,
                target_format=args.target_format)
    sys.stderr.write(f"wrote {n} statements to {args.output}\n")
    return 0


def _info(args: argparse.Namespace) -> int:
    from importlib.metadata import version

    from . import resources

    kg = _load(args.files)
    info: dict[str, Any] = {
        "glocal": __version__,
        "python": sys.version.split()[0],
        "dependencies": {p: version(p) for p in
                         ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "networkx")},
        "statements": len(kg),
        "graphs": [str(g) for g in kg.graphs()],
        "named_queries": resources.query_names(),
        "bundled": str(resources.root()),
    }
    if args.format == "json":
        _print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    _print(f"glocal {info['glocal']} (Python {info['python']})")
    _print("dependencies: " + ", ".join(f"{k} {v}" for k, v in info["dependencies"].items()))
    _print(f"statements: {info['statements']}")
    _print("graphs:")
    for g in info["graphs"]:
        _print(f"  {g}")
    _print(f"named queries: {len(info['named_queries'])} (glocal query --list)")
    _print(f"bundled ontology, shapes and data: {info['bundled']}")
    return 0


# --- the parser ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glocal",
        description="Governing documents on international work and Agenda 2030 as a knowledge "
                    "graph: review, query and convert it.",
    )
    parser.add_argument("--version", action="version", version=f"glocal {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    review = sub.add_parser("review", help="what the graph holds, municipality by municipality")
    review.add_argument("files", nargs="*", metavar="FILE",
                        help="RDF files or folders (default: the bundled documents)")
    review.add_argument("--lang", choices=("sv", "en"), default="sv")
    review.add_argument("--format", choices=("text", "json"), default="text")
    review.set_defaults(run=_review)

    query = sub.add_parser("query", help="run a SPARQL query on the graph")
    query.add_argument("file", nargs="?", metavar="FILE.rq", help="the query file, - for stdin")
    query.add_argument("-e", "--expression", metavar="QUERY", help="the query text itself")
    query.add_argument("-n", "--named", metavar="NAME", help="run the named query NAME")
    query.add_argument("--list", action="store_true", help="list the named queries")
    query.add_argument("--data", nargs="+", default=[], metavar="FILE",
                       help="RDF files or folders (default: the bundled documents)")
    query.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                       help="bind a variable to an IRI, CURIE or plain literal")
    query.add_argument("--format", choices=("table", "json", "csv"), default="table")
    query.set_defaults(run=_query)

    convert = sub.add_parser("convert", help="convert an RDF file to another format")
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.add_argument("--from", dest="source_format", metavar="FORMAT")
    convert.add_argument("--to", dest="target_format", metavar="FORMAT")
    convert.set_defaults(run=_convert)

    info = sub.add_parser("info", help="versions, graphs and bundled resources")
    info.add_argument("files", nargs="*", metavar="FILE")
    info.add_argument("--format", choices=("text", "json"), default="text")
    info.set_defaults(run=_info)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from .errors import GlocalError

        if isinstance(exc, GlocalError):
            sys.stderr.write(f"glocal: error: {exc}\n")
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
