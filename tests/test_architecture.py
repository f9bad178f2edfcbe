"""The tree is the architecture (issue 13): imports point one way, no cycle, no private name
taken across packages, every risky library in its one home, the public API complete, the
facade's signatures its functions', every word a person reads from ``glocal.words``."""

from __future__ import annotations

import ast
import inspect
from dataclasses import is_dataclass
from pathlib import Path

import pytest

import glocal
from glocal import errors, words

SRC = Path(glocal.__file__).parent

#: The layers, lowest first: a module may import at run time only from its own layer's
#: package or from a lower layer.
LAYERS: list[set[str]] = [
    {"errors", "words", "options", "progress", "sandbox"},
    {"namespaces", "resources", "quotes"},
    {"rdf"},
    {"store"},
    {"trace", "validation", "reasoning", "authoring"},
    {"report"},
    {"serve", "cli"},
    {"__init__"},
]
#: Each third-party library that is risky, heavy or optional, and the one package it lives in.
HOMES = {"pyshacl": "validation", "owlready2": "reasoning", "starlette": "serve",
         "uvicorn": "serve", "httpx": "store.remote", "networkx": "trace.network",
         "openpyxl": "authoring", "pypdf": "authoring", "docx": "authoring",
         "pypdfium2": "authoring"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package(module: str) -> str:
    """The top-level package (or base module) a module belongs to: ``store``, ``errors`` …"""
    return module.split(".")[0]


def _layer(module: str) -> int:
    top = _package(module)
    for i, layer in enumerate(LAYERS):
        if top in layer:
            return i
    raise AssertionError(f"glocal.{module} is in no layer of tests/test_architecture.py")


#: The one sanctioned way up: the domain verbs on ``KnowledgeGraph`` are one-line forwards that
#: import their capability inside the method (``kg.trace()`` → ``glocal.trace.trace``).
FORWARDS_UP = {"trace.trace", "trace.coverage", "trace.review", "trace.network",
               "validation.validate", "reasoning.reason"}


def _type_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:``."""
    return {id(n) for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for child in node.body for n in ast.walk(child)}


def _forward(module: str, target: str, tree: ast.Module, node: ast.AST) -> bool:
    """Whether ``node`` is a facade forward: an import of a capability inside a method of
    ``KnowledgeGraph`` in ``glocal.store.graph``."""
    if module != "store.graph" or target not in FORWARDS_UP:
        return False
    return any(isinstance(f, ast.FunctionDef) and node in ast.walk(f)
               for c in tree.body if isinstance(c, ast.ClassDef) and c.name == "KnowledgeGraph"
               for f in c.body)


def _imports(module: str, *, runtime_only: bool) -> list[tuple[str, list[str], int]]:
    """(imported module without ``glocal.``, names, line) of each glocal import in ``module``;
    with ``runtime_only``, those under ``if TYPE_CHECKING:`` and the facade forwards are left
    out."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    skipped = _type_only(tree) if runtime_only else set()
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module == "glocal" or node.module.startswith("glocal.")):
            base = node.module.removeprefix("glocal").lstrip(".")
            for alias in node.names:
                target = f"{base}.{alias.name}".lstrip(".")
                target = target if target in MODULES else (base or "__init__")
                if not (runtime_only and _forward(module, target, tree, node)):
                    found.append((target, [alias.name], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("glocal."):
                    found.append((alias.name.removeprefix("glocal."), [], node.lineno))
    return found


def _third_party(module: str) -> list[tuple[str, int]]:
    """The third-party libraries ``module`` imports at run time."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    skipped = _type_only(tree)
    out = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out += [(a.name.split(".")[0], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module.split(".")[0], node.lineno))
    return out


def test_every_module_sits_in_a_layer():
    for module in MODULES:
        _layer(module)


def test_imports_point_one_way_at_run_time():
    wrong = []
    for module in MODULES:
        for target, _, line in _imports(module, runtime_only=True):
            if target == "__init__" and module != "__init__":
                # ``from glocal import __version__`` (and sibling modules through the root)
                continue
            if _package(target) != _package(module) and _layer(target) > _layer(module):
                wrong.append(f"glocal.{module}:{line} imports glocal.{target}")
    assert wrong == []


def test_no_import_cycle_between_packages_or_modules():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, _, _ in _imports(module, runtime_only=True):
            if target != "__init__" and target != module:
                graph[module].add(target)
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_private_name_is_taken_across_packages():
    wrong = []
    for module in MODULES:
        for target, names, line in _imports(module, runtime_only=False):
            for name in names:
                if (name.startswith("_") and not name.startswith("__")
                        and _package(target) != _package(module)):
                    wrong.append(f"glocal.{module}:{line} takes {name} from glocal.{target}")
    assert wrong == []


def test_every_risky_library_is_imported_in_its_one_home_only():
    wrong = []
    for module in MODULES:
        for library, line in _third_party(module):
            home = HOMES.get(library)
            if home is not None and not (module == home or module.startswith(home + ".")):
                wrong.append(f"glocal.{module}:{line} imports {library} (its home: {home})")
    assert wrong == []


def test_modules_and_functions_stay_small():
    long_modules = [f"{m}: {len(p.read_text().splitlines())} lines" for m, p in MODULES.items()
                    if len(p.read_text().splitlines()) > 560]
    long_functions = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 70:
                    long_functions.append(f"glocal.{module}.{node.name}: {length} lines")
    assert long_modules == []
    assert long_functions == []


def test_the_authoring_steps_are_glocal_functions():
    """One way to do each step of bringing a document, typed, at the top level."""
    from glocal import authoring

    for name in ("extract", "template", "import_workbook", "export_workbook", "diff",
                 "diff_versions"):
        assert name in glocal.__all__
        assert getattr(glocal, name) is getattr(authoring, name), name
        assert callable(getattr(glocal, name))
        assert getattr(glocal, name).__doc__, name


def test_the_public_api_exports_every_result_type_and_every_error():
    for name in glocal.__all__:
        assert getattr(glocal, name) is not None
    assert set(errors.__all__) <= set(glocal.__all__)
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.GlocalError), name
    results = ["ValidationReport", "ValidationResult", "Trace", "Traces", "Contributors",
               "Link", "TraceNode", "Alignment", "Quote", "CoverageReport", "SDGCoverage",
               "DocumentCoverage", "DocumentSummary", "ReasoningResult", "Clash",
               # bringing a document of one's own (glocal.authoring)
               "SourceText", "ImportResult", "ExportResult", "Problem", "GraphDiff",
               "DocumentDiff", "StatementChange", "Statement", "StatementLink"]
    for name in results:
        assert is_dataclass(getattr(glocal, name)), name
        assert getattr(glocal, name).__dataclass_params__.frozen, name


def test_every_error_class_lives_in_errors():
    defined = []
    for module, path in MODULES.items():
        if module == "errors":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Error") and not (
                    node.name.startswith("_")):
                defined.append(f"glocal.{module}.{node.name}")
    assert defined == []


FORWARDS = [
    ("trace", "glocal.trace.trace", "trace"),
    ("contributors", "glocal.trace.trace", "contributors"),
    ("coverage", "glocal.trace.coverage", "coverage"),
    ("validate", "glocal.validation.validate", "validate"),
    ("reason", "glocal.reasoning.reason", "reason"),
    ("summarise", "glocal.trace.review", "summarise"),
]


@pytest.mark.parametrize(("method", "module", "function"), FORWARDS)
def test_each_facade_method_has_its_functions_signature(method, module, function):
    from importlib import import_module

    forward = inspect.signature(getattr(glocal.KnowledgeGraph, method))
    target = inspect.signature(getattr(import_module(module), function))
    params = list(target.parameters.values())[1:]  # the graph itself is self
    assert [(p.name, p.kind, p.default) for p in list(forward.parameters.values())[1:]] == [
        (p.name, p.kind, p.default) for p in params]
    assert str(forward.return_annotation) == str(target.return_annotation)


def test_every_word_has_a_text_in_every_language():
    for key, texts in words.WORDS.items():
        assert len(texts) == len(words.LANGS), key
        assert all(t.strip() for t in texts), key
        fields = [sorted(f[1] for f in __import__("string").Formatter().parse(t) if f[1])
                  for t in texts]
        assert all(f == fields[0] for f in fields), f"{key}: the languages' fields differ"


#: Functions outside cli/ and serve/ that write to standard output, and why.
WRITERS = {("validation.validate", "_worker"): "the pySHACL worker answers its parent process"}


def test_library_code_never_prints_and_speaks_no_language_of_its_own():
    """Only cli/ writes to a terminal; no module outside words.py chooses text by language."""
    wrong = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                   and (module, f.name) in WRITERS for n in ast.walk(f)}
        for node in ast.walk(tree):
            if id(node) in allowed:
                continue
            if isinstance(node, ast.Call) and ast.unparse(node.func) in (
                    "print", "sys.stdout.write", "sys.stderr.write") and _package(
                    module) not in ("cli", "serve"):
                wrong.append(f"glocal.{module}:{node.lineno} writes to the terminal")
            if isinstance(node, ast.Compare) and "lang" in ast.unparse(node.left) and any(
                    isinstance(c, ast.Constant) and c.value in words.LANGS
                    for c in node.comparators):
                wrong.append(f"glocal.{module}:{node.lineno} chooses by language: "
                             f"{ast.unparse(node)}")
    assert wrong == []


def test_the_cli_and_the_endpoint_share_their_defaults():
    pytest.importorskip("starlette")
    from glocal.cli.parser import build_parser
    from glocal.serve.app import Settings

    args = build_parser().parse_args(["serve"])
    settings = Settings()
    for name in ("host", "port", "timeout", "max_results", "max_response_bytes",
                 "max_query_bytes", "workers"):
        assert getattr(args, name) == getattr(settings, name), name
    trace = build_parser().parse_args(["trace", "x"])
    assert trace.max_paths == inspect.signature(glocal.KnowledgeGraph.trace).parameters[
        "max_paths"].default


def test_the_label_query_reads_the_label_properties_in_their_order():
    from glocal import resources
    from glocal.namespaces import LABELS, curie

    text = resources.read_query("node-labels")
    ranked = [text.index(f"({curie(p)} {i})")
              for i, p in enumerate(LABELS, 1)]
    assert ranked == sorted(ranked)


def test_connect_without_the_server_extra_names_the_extra(monkeypatch):
    import builtins
    import sys

    monkeypatch.delitem(sys.modules, "glocal.store.remote", raising=False)
    monkeypatch.delattr(glocal, "connect", raising=False)
    real = builtins.__import__

    def no_httpx(name, *args, **kwargs):
        if name == "httpx" or name.startswith("httpx."):
            raise ModuleNotFoundError("No module named 'httpx'", name="httpx")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_httpx)
    with pytest.raises(errors.MissingExtraError) as raised:
        glocal.connect  # noqa: B018
    assert raised.value.extra == "server"
    assert raised.value.missing == "httpx"
    assert "pip install 'glocal[server]'" in str(raised.value)
