"""RDF files in and out: format by extension, strict UTF-8, errors that name file, line, column.

Parsing is pyoxigraph's: it never fetches anything (a JSON-LD remote ``@context`` is refused,
RDF/XML external entities are not resolved, ``owl:imports`` is just a triple).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from glocal.errors import EncodingError, InputError, RDFSyntaxError, UnknownFormatError

__all__ = ["BY_MEDIA_TYPE", "FORMATS", "Format", "format_for", "parse_file", "rdf_files",
           "write_atomic"]


@dataclass(frozen=True, slots=True)
class Format:
    """An RDF serialisation glocal reads and writes."""

    name: str
    extensions: tuple[str, ...]
    media_type: str
    datasets: bool  # whether it carries named graphs
    rdflib: str  # rdflib's name of its parser and serialiser

    @property
    def oxigraph(self) -> ox.RdfFormat:
        found = ox.RdfFormat.from_media_type(self.media_type)
        assert found is not None, self.media_type
        return found


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", (".ttl", ".turtle"), "text/turtle", False, "turtle"),
        Format("trig", (".trig",), "application/trig", True, "trig"),
        Format("ntriples", (".nt",), "application/n-triples", False, "nt"),
        Format("nquads", (".nq",), "application/n-quads", True, "nquads"),
        Format("rdfxml", (".rdf", ".owl", ".xml"), "application/rdf+xml", False, "xml"),
        Format("jsonld", (".jsonld", ".json"), "application/ld+json", True, "json-ld"),
        Format("n3", (".n3",), "text/n3", False, "n3"),
    )
}
_BY_EXTENSION = {ext: f for f in FORMATS.values() for ext in f.extensions}
#: Each format by its media type; ``text/plain`` is N-Triples' old media type.
BY_MEDIA_TYPE: dict[str, Format] = {f.media_type: f for f in FORMATS.values()} | {
    "text/plain": FORMATS["ntriples"]}


def format_for(path: str | Path, override: str | None = None) -> Format:
    """The format named by ``override``, else the one ``path``'s extension says.

    >>> format_for("data/finspang.ttl").name
    'turtle'
    >>> format_for("x.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    glocal.errors.UnknownFormatError: x.txt: cannot tell the RDF format from the extension '.txt'...
    """
    known = ", ".join(FORMATS)
    if override is not None:
        try:
            return FORMATS[override.lower()]
        except KeyError:
            raise UnknownFormatError(
                str(path), f"unknown format {override!r}; use one of: {known}"
            ) from None
    suffix = Path(path).suffix.lower()
    try:
        return _BY_EXTENSION[suffix]
    except KeyError:
        raise UnknownFormatError(
            str(path),
            f"cannot tell the RDF format from the extension {suffix!r}; "
            f"name it with --format ({known})",
        ) from None


def rdf_files(source: str | Path) -> list[Path]:
    """``source`` itself, or the RDF files directly inside it if it is a folder."""
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in _BY_EXTENSION)
        if not files:
            raise InputError(str(path), "the folder holds no RDF file (.ttl, .trig, .nt, …)")
        return files
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    if not path.is_file():
        raise InputError(str(path), "not a regular file")
    return [path]


def _check_start(path: Path, data: bytes) -> None:
    if data.startswith(b"\xef\xbb\xbf"):
        raise EncodingError(
            str(path),
            "the file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without BOM",
            "UTF-8 with BOM",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 10:
        raise EncodingError(
            str(path), "the file looks like UTF-16 text; save it as UTF-8", "UTF-16"
        )


def _decode(path: Path, data: bytes) -> str:
    _check_start(path, data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        looks_like = "Windows-1252 (Latin-1)"
        raise EncodingError(
            str(path),
            f"line {line}, column {column}: byte 0x{data[exc.start]:02x} is not UTF-8; "
            f"the file looks like {looks_like} text: save it as UTF-8",
            looks_like,
        ) from exc


_OX_PREFIX = re.compile(r"^Parser error (?:at|between) [^:]*: ")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror}") from exc


def _syntax_error(path: Path, exc: SyntaxError) -> RDFSyntaxError:
    detail = _OX_PREFIX.sub("", str(exc.msg))
    if "LoadDocumentCallback" in detail:
        detail = "a remote JSON-LD @context is not fetched: put the context inline"
    return RDFSyntaxError(str(path), exc.lineno, exc.offset, detail)


def load_file(store: ox.Store, path: Path, fmt: Format, graph: ox.NamedNode, *,
              bulk: bool = False) -> None:
    """Stream the triples of ``path`` into ``graph`` of ``store`` (one transaction).

    ``bulk`` uses the store's bulk loader instead (3x faster into an on-disk store, but not
    one transaction: a failed file can leave part of ``graph`` behind, for the caller to drop).
    """
    data = _read(path)
    _check_start(path, data)
    try:
        if bulk:
            store.bulk_load(input=data, format=fmt.oxigraph, to_graph=graph)
        else:
            store.load(input=data, format=fmt.oxigraph, to_graph=graph)
    except SyntaxError as exc:
        _decode(path, data)  # a file that is not UTF-8 gets the clearer error
        raise _syntax_error(path, exc) from exc
    except ValueError as exc:
        raise RDFSyntaxError(str(path), None, None, str(exc)) from exc


def parse_file(
    path: Path, fmt: Format, graph: ox.NamedNode | ox.DefaultGraph
) -> list[ox.Quad]:
    """Every quad of ``path``, triples in ``graph``; a bad file raises an ``InputError``."""
    text = _decode(path, _read(path))
    try:
        quads = ox.parse(text.encode("utf-8"), format=fmt.oxigraph)
        return [
            q if not isinstance(q.graph_name, ox.DefaultGraph)
            else ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in quads
        ]
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    except ValueError as exc:
        raise RDFSyntaxError(str(path), None, None, str(exc)) from exc


def write_atomic(path: str | Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` through a temporary file and a rename: never half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def convert(
    source: str | Path,
    target: str | Path,
    *,
    source_format: str | None = None,
    target_format: str | None = None,
) -> int:
    """Convert one RDF file to another format, atomically; returns the number of statements."""
    src = Path(source)
    rdf_files(src)  # a clear error for a missing file or a folder
    fmt_in = format_for(src, source_format)
    fmt_out = format_for(target, target_format)
    store = ox.Store()
    store.extend(parse_file(src, fmt_in, ox.DefaultGraph()))
    if not fmt_out.datasets and any(
        not isinstance(q.graph_name, ox.DefaultGraph) for q in store
    ):
        raise InputError(
            str(src), f"holds named graphs, which {fmt_out.name} cannot carry; use trig or nquads"
        )
    if fmt_out.datasets:
        data = store.dump(format=fmt_out.oxigraph)
    else:
        data = store.dump(format=fmt_out.oxigraph, from_graph=ox.DefaultGraph())
    write_atomic(target, [data or b""])
    return len(store)
