"""RDF files in and out: format by extension, strict UTF-8, errors that name file, line, column.

Parsing is pyoxigraph's: it never fetches anything (a JSON-LD remote ``@context`` is refused,
RDF/XML external entities are not resolved, ``owl:imports`` is just a triple). Before it parses,
the input is bounded: RDF/XML may declare only plain internal entities, whose expansion is
capped (no "billion laughs"), and JSON-LD may nest only so deep. A literal over the streaming
parser's 16 MiB buffer is read by the bulk loader instead. Writing is atomic: a temporary file
beside the target, renamed over it, with the target's mode; a symlink is written through.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import re
import stat
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path

import pyoxigraph as ox

from glocal.errors import (
    EncodingError,
    InputError,
    LexicalFormWarning,
    RDFSyntaxError,
    UnknownFormatError,
)

__all__ = ["BY_MEDIA_TYPE", "FORMATS", "MAX_ENTITY_EXPANSION", "MAX_JSON_DEPTH", "Format",
           "byte_position",
           "format_for", "lang_tag_warning", "parse_file", "rdf_files", "write_atomic",
           "xml_forbidden", "xml_safe"]

#: Characters that RDF/XML may add by expanding its internal entities, in all.
MAX_ENTITY_EXPANSION = 16 * 1024 * 1024
#: How deep JSON-LD may nest objects and arrays.
MAX_JSON_DEPTH = 512
_TOKEN_LIMIT = "16 MiB"  # pyoxigraph's streaming parser buffer


@dataclass(frozen=True, slots=True)
class Format:
    """An RDF serialisation glocal reads and writes."""

    name: str
    extensions: tuple[str, ...]
    media_type: str
    datasets: bool  # whether it carries named graphs
    rdflib: str  # rdflib's name of its parser and serialiser
    base: str | None = None  # the IRI relative IRIs resolve against (None: they are an error)

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


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of byte ``offset`` in ``data`` (for an undecodable byte).

    >>> byte_position(b"ab\\ncd", 4)
    (2, 2)
    """
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


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
        line, column = byte_position(data, exc.start)
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


_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.DOTALL)
_ENTITY = re.compile(rb"""<!ENTITY\s+(%\s+)?([^\s%;]+)\s+(?:"([^"]*)"|'([^']*)'|([^>]*))\s*>""")
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def _check_entities(path: Path, data: bytes) -> None:
    """Refuse RDF/XML entities that could blow up: parameter, external or nested ones, and
    plain ones whose references would expand past :data:`MAX_ENTITY_EXPANSION`."""
    if b"<!ENTITY" not in data:
        return
    doctype = _DOCTYPE.search(data)
    declared = list(_ENTITY.finditer(data, doctype.start(1), doctype.end(1))) if doctype else []
    if doctype is None or len(declared) != doctype.group(1).count(b"<!ENTITY"):
        raise RDFSyntaxError(str(path), None, None, "declares XML entities glocal cannot "
                             'check: only <!ENTITY name "value"> in the DOCTYPE is read')
    body = data[doctype.end():]
    expansion = 0
    for found in declared:
        parameter, name, double, single, other = found.groups()
        value = double or single or b""
        line = data.count(b"\n", 0, found.start()) + 1
        label = name.decode("utf-8", "replace")
        if parameter or other:
            raise RDFSyntaxError(str(path), line, None, f"the XML entity {label!r} is a "
                                 "parameter or external entity, which glocal does not read")
        if b"&" in value or b"<" in value:
            raise RDFSyntaxError(str(path), line, None, f"the XML entity {label!r} refers to "
                                 "other entities or holds markup (an entity expansion bomb?): "
                                 "glocal reads only plain text entities")
        expansion += body.count(b"&" + name + b";") * len(value)
    if expansion > MAX_ENTITY_EXPANSION:
        raise RDFSyntaxError(str(path), None, None, f"its XML entities would expand to "
                             f"{expansion} characters, over the limit of "
                             f"{MAX_ENTITY_EXPANSION} (an entity expansion bomb?)")


def _check_depth(path: Path, data: bytes) -> None:
    """Refuse JSON nested deeper than :data:`MAX_JSON_DEPTH` before the parser sees it."""
    brackets = _JSON_STRING.sub(b'""', data).translate(None, delete=_NOT_BRACKETS)
    depth = max(itertools.accumulate(_DEPTH_STEP[b] for b in brackets), default=0)
    if depth > MAX_JSON_DEPTH:
        raise RDFSyntaxError(str(path), None, None, f"nests objects and arrays {depth} deep, "
                             f"over the limit of {MAX_JSON_DEPTH}")


def _check_bounds(path: Path, fmt: Format, data: bytes) -> None:
    if fmt.name == "rdfxml":
        _check_entities(path, data)
    elif fmt.name == "jsonld":
        _check_depth(path, data)


def _too_long(path: Path, exc: MemoryError) -> RDFSyntaxError:
    return RDFSyntaxError(str(path), None, None, f"holds a literal or IRI longer than "
                          f"{_TOKEN_LIMIT}, more than glocal's parser reads ({exc}): keep a "
                          "text that long in a file of its own and link to it")


def _syntax_error(path: Path, exc: SyntaxError) -> RDFSyntaxError:
    detail = _OX_PREFIX.sub("", str(exc.msg))
    if "LoadDocumentCallback" in detail:
        detail = "a remote JSON-LD @context is not fetched: put the context inline"
    return RDFSyntaxError(str(path), exc.lineno, exc.offset, detail)


def _upper_tag(start: bytes) -> re.Pattern[bytes]:
    # starts with a literal, which the regex engine finds fast; a lower-case tag fails at once
    return re.compile(start + rb"([a-z0-9-]*[A-Z][A-Za-z0-9-]*)")


# where a language tag with a capital letter may stand, by format
_TURTLE_TAGS = [_upper_tag(rb'"@'), _upper_tag(rb"'@")]
_UPPER_TAGS = {"ntriples": _TURTLE_TAGS[:1], "nquads": _TURTLE_TAGS[:1],
               "rdfxml": [_upper_tag(rb'xml:lang="'), _upper_tag(rb"xml:lang='")],
               "jsonld": [_upper_tag(rb'"@language":\s*"'), _upper_tag(rb'"@language" *:\s*"')]}


def lang_tag_warning(source: str, data: bytes, syntax: str) -> None:
    """One warning if ``data`` (in the format named ``syntax``) writes a language tag with a
    capital letter, which pyoxigraph keeps in lower case (``"x"@SV-se`` becomes
    ``"x"@sv-se``): the first one's line, and how many there are."""
    found = [m for pattern in _UPPER_TAGS.get(syntax, _TURTLE_TAGS)
             for m in pattern.finditer(data)]
    if not found:
        return
    first = min(found, key=lambda m: m.start())
    line = data.count(b"\n", 0, first.start()) + 1
    tag = first.group(1).decode("ascii")
    more = f" (and {len(found) - 1} more in the file)" if len(found) > 1 else ""
    warnings.warn(LexicalFormWarning(
        f"{source}:{line}: the language tag {tag!r} becomes {tag.lower()!r}{more}: "
        "pyoxigraph keeps language tags in lower case (they compare equal in RDF)"),
        stacklevel=2)


def load_file(store: ox.Store, path: Path, fmt: Format, graph: ox.NamedNode, *,
              bulk: bool = False) -> None:
    """Stream the triples of ``path`` into ``graph`` of ``store`` (one transaction).

    ``bulk`` uses the store's bulk loader instead (3x faster into an on-disk store, but not
    one transaction: a failed file can leave part of ``graph`` behind, for the caller to drop).
    """
    data = _read(path)
    _check_start(path, data)
    _check_bounds(path, fmt, data)
    try:
        if bulk:
            store.bulk_load(input=data, format=fmt.oxigraph, to_graph=graph,
                            base_iri=fmt.base)
        else:
            store.load(input=data, format=fmt.oxigraph, to_graph=graph, base_iri=fmt.base)
    except SyntaxError as exc:
        _decode(path, data)  # a file that is not UTF-8 gets the clearer error
        raise _syntax_error(path, exc) from exc
    except ValueError as exc:
        raise RDFSyntaxError(str(path), None, None, str(exc)) from exc
    except MemoryError:
        # a token over the streaming parser's 16 MiB buffer: the bulk loader reads it (the
        # failed transaction added nothing; the caller drops ``graph`` if this fails too)
        _bulk(path, fmt, data, store, graph)


def _bulk(path: Path, fmt: Format, data: bytes, store: ox.Store,
          graph: ox.NamedNode | None) -> None:
    try:
        store.bulk_load(input=data, format=fmt.oxigraph, to_graph=graph, base_iri=fmt.base)
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    except ValueError as exc:
        raise RDFSyntaxError(str(path), None, None, str(exc)) from exc
    except MemoryError as exc:
        raise _too_long(path, exc) from exc


def parse_file(
    path: Path, fmt: Format, graph: ox.NamedNode | ox.DefaultGraph, *,
    reserved: str | None = None,
) -> list[ox.Quad]:
    """Every quad of ``path``, triples in ``graph``; a bad file raises an ``InputError``.

    A named graph under the namespace ``reserved`` (other than ``graph``) is refused: glocal
    names its reference graphs and each file's graph there, and a file may not write into them.
    """
    data = _read(path)
    _decode(path, data)
    _check_bounds(path, fmt, data)
    try:
        quads = ox.parse(data, format=fmt.oxigraph, base_iri=fmt.base)
        return _reserved([
            q if not isinstance(q.graph_name, ox.DefaultGraph)
            else ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in quads
        ], path, graph, reserved)
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    except ValueError as exc:
        raise RDFSyntaxError(str(path), None, None, str(exc)) from exc
    except MemoryError:
        scratch = ox.Store()  # in memory: its bulk loader reads tokens over 16 MiB
        _bulk(path, fmt, data, scratch, None)
        return _reserved([q if not isinstance(q.graph_name, ox.DefaultGraph)
                          else ox.Quad(q.subject, q.predicate, q.object, graph)
                          for q in scratch], path, graph, reserved)


def _reserved(quads: list[ox.Quad], path: Path, graph: ox.NamedNode | ox.DefaultGraph,
              reserved: str | None) -> list[ox.Quad]:
    if reserved is None:
        return quads
    for quad in quads:
        name = quad.graph_name
        if isinstance(name, ox.NamedNode) and name.value.startswith(reserved) \
                and name != graph:
            raise InputError(str(path), f"names the graph <{name.value}>, which is glocal's "
                             "(the SDGs, the ontology or another file's): rename it outside "
                             f"{reserved}")
    return quads


_TEMP_SUFFIX = ".glocal-tmp"
_STALE_SECONDS = 10.0


def _umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sweep(target: Path) -> None:
    """Remove the temporary files a killed writer left beside ``target``: those no live
    writer holds a lock on."""
    for stale in target.parent.glob(f".{glob_escape(target.name)}.*{_TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime > time.time() - _STALE_SECONDS:
                continue
            fd = os.open(stale, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                stale.unlink()
            finally:
                os.close(fd)


def write_atomic(path: str | Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` through a temporary file and a rename: never half a file.

    An existing file keeps its mode (a new one gets the umask's), a symlink is written
    through (the link stays, its target is replaced), and the temporary file a killed writer
    leaves behind (``.NAME.*.glocal-tmp``) is removed by the next write. A folder that cannot
    be written raises :class:`~glocal.errors.InputError`.
    """
    target = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                   suffix=_TEMP_SUFFIX)
    except OSError as exc:
        raise InputError(str(path), f"cannot write the file: {exc.strerror}") from exc
    try:
        with _writing(path):
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                mode = stat.S_IMODE(target.stat().st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:  # an error of the caller's chunks passes through as it is
                with _writing(path):
                    out.write(chunk)
            with _writing(path):
                out.flush()
                os.fsync(out.fileno())
                os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _writing(path: str | Path) -> Iterator[None]:
    """A file system error while writing ``path`` as an :class:`InputError` naming it."""
    try:
        yield
    except OSError as exc:
        raise InputError(str(path), f"cannot write the file: {exc.strerror or exc}") from exc


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_forbidden(text: str) -> str | None:
    """The first character of ``text`` that XML 1.0 cannot carry, even escaped; else None.

    >>> xml_forbidden("a\x01b"), xml_forbidden("tab\tis fine")
    ('U+0001', None)
    """
    found = _XML_FORBIDDEN.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def xml_safe(quads: Iterable[ox.Quad | ox.Triple], target: str) -> None:
    """Raise :class:`~glocal.errors.InputError` if a term holds a character XML 1.0 forbids
    (RDF/XML written with it would not parse anywhere)."""
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object):
            found = xml_forbidden(getattr(term, "value", ""))
            if found is not None:
                raise InputError(target, f"a term holds the character {found}, which XML 1.0 "
                                 "cannot carry: write Turtle, N-Triples or JSON-LD instead")


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
    # not through a store, which would rewrite typed literals ("007"^^xsd:integer to "7"):
    # the parser keeps every literal as written (bar a language tag's case, which it warns of)
    quads = list(dict.fromkeys(parse_file(src, fmt_in, ox.DefaultGraph())))
    lang_tag_warning(str(src), _read(src), fmt_in.name)
    if not fmt_out.datasets and any(
        not isinstance(q.graph_name, ox.DefaultGraph) for q in quads
    ):
        raise InputError(
            str(src), f"holds named graphs, which {fmt_out.name} cannot carry; use trig or nquads"
        )
    if fmt_out.name == "rdfxml":
        xml_safe(quads, str(target))
    if fmt_out.datasets:
        quads.sort(key=lambda q: str(q.graph_name))
        data = ox.serialize(quads, format=fmt_out.oxigraph)
    else:
        data = ox.serialize([q.triple for q in quads], format=fmt_out.oxigraph)
    write_atomic(target, [data or b""])
    return len(quads)
