"""OpenAPI as a spec kind: read and validate the configured descriptions, trace, render pages.

An API is named by its root file's stem (``payments.yaml`` -> ``api:payments``): what users
type, and stable while the title changes. A generic stem (``openapi``, ``swagger``, ``api``...)
gives way to the folder's name (``payments/openapi.yaml`` -> ``api:payments``), and a root-level
``x-specsite-name`` overrides both. Its operations are ``api:<name>#<operationId>``.
Files reached only through ``$ref`` are parts of an API, never APIs of their own.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.config import SpecsiteConfig
from ..core.entities import Entity, Link, content_hash
from ..core.findings import Finding, Severity
from ..core.graph import SpecGraph
from ..core.limits import current
from ..core.kind import GeneratedPage, PageUnit, ReadResult, SiteContext, render_units
from ..core.project import OutsideProjectError, Project
from ..core.rules import OUTSIDE_ROOT
from ..core.sources import configured_paths
from ..core.xref import normalise, scan
from .cache import ReadCache, file_hash, text_hash
from .dialects import Dialects
from .documents import Document, api_version, is_description
from .downloads import source_files
from .issues import Issue, locate
from .layout import api_base, operation_anchor, operation_pages, slug
from .lint import lint
from .model import Api, iter_operations
from .recognise import has_description_keys
from .refs import Fetcher, Loader
from .rules import (
    DUPLICATE_API,
    INVALID_DOCUMENT,
    NOT_A_DESCRIPTION,
    UNKNOWN_OPERATION,
    UNKNOWN_REQUIREMENT,
    UNTRACED_OPERATION,
)
from .schemas import SchemaChecks
from .validation import schema_issues
from .values import ValueChecker

_SUFFIXES = (".yaml", ".yml", ".json")
_GENERIC_STEMS = frozenset(("openapi", "swagger", "api", "index", "spec", "schema", "main"))
_OPERATION_REF = re.compile(r"^(?:api:)?([A-Za-z0-9_.\-]+)#(.+)$")


@dataclass
class ApiRecord:
    """One API of a run: its entities and read findings, and (when parsed) its model."""

    name: str
    root: Path
    rel: str
    entities: list[Entity]
    findings: list[Finding]
    api: Api | None = None
    #: hash of every file that went into the API (root and parts), by absolute path; empty
    #: when a part is remote (such a record is never reused)
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def files(self) -> list[str]:
        return sorted(self.hashes)

    def unchanged(self, project: Project) -> bool:
        """True while every file still has the content the record was made from."""
        return bool(self.hashes) and all(file_hash(Path(f), project) == h for f, h in self.hashes.items())


@dataclass
class OpenApiModel:
    """Every API of the run, sorted by name; parsed lazily when read from the cache."""

    records: list[ApiRecord] = field(default_factory=list)
    project: Project | None = None
    allow_hosts: list[str] = field(default_factory=list)
    fetch: Fetcher | None = None

    def export(self) -> dict[str, Any]:
        """The ``"openapi"`` section of ``specsite export``: each API's documents as parsed
        (root first, then its ``$ref``'d parts by path), so a saved export can be diffed."""
        apis = []
        for record in self.records:
            api = self.api(record)
            if api is None:
                continue
            documents = {api.rel: api.data}
            for uri in sorted(api.bundle.documents):
                doc = api.bundle.documents[uri]
                documents.setdefault(doc.rel, doc.data)
            apis.append({"name": record.name, "file": api.rel, "version": api.version,
                         "documents": documents})
        return {"apis": apis}

    def api(self, record: ApiRecord) -> Api | None:
        if record.api is None and self.project is not None:
            loader = Loader(self.project, self.allow_hosts, [], self.fetch)
            doc = loader.load(record.root.as_posix(), record.root)
            version = api_version(doc.data) if isinstance(doc, Document) else None
            if version:
                record.api = _api(record.name, version, loader, doc)
        return record.api


def _api(name: str, version: str, loader: Loader, doc: Document) -> Api:
    api = Api(name, version, loader.bundle(doc))
    api.operations = list(iter_operations(api))
    return api


def api_roots(project: Project, config: SpecsiteConfig, findings: list[Finding],
              others: list[Path] | None = None) -> dict[Path, bool]:
    """The configured description files, each with whether it was named explicitly (a folder
    gives its top-level files that are descriptions, the others go to ``others``; a symlink out
    of the project is refused like any other path)."""
    roots: dict[Path, bool] = {}
    for path in configured_paths(project, config.openapi, "OpenAPI path", findings, "any"):
        if path.is_dir():
            listing = project.list_files(path, recursive=False)
            for refused, reason in listing.refused:
                if refused.suffix.lower() in _SUFFIXES:
                    findings.append(OUTSIDE_ROOT.at(f"refused: {reason}", project.rel(refused), 1))
            for child in listing.files:
                if child.suffix.lower() not in _SUFFIXES:
                    continue
                if _looks_like_description(project, child):
                    roots.setdefault(project.confine(child), False)
                elif others is not None:
                    others.append(child)
        else:
            roots[path] = True  # a named file that is not a regular one is refused on reading
    return dict(sorted(roots.items()))


def _looks_like_description(project: Project, path: Path) -> bool:
    """A top-level ``openapi``/``swagger`` key anywhere in the file (a linear scan)."""
    try:
        if path.stat().st_size > current().max_file_bytes:
            return True  # read like a description, so the size limit is reported
        text = project.read_bytes(path).decode("utf-8-sig", errors="replace")
    except (OSError, OutsideProjectError):
        return True  # read like a description, so the reason it cannot be read is reported
    return has_description_keys(text, path.suffix.lower() == ".json")


def cache_folder(project: Project, config: SpecsiteConfig, findings: list[Finding] | None = None
                 ) -> Path | None:
    """``SPECSITE_CACHE_DIR`` (set by whoever runs specsite: anywhere) or the ``cache_dir`` option
    (part of the repository, so untrusted: it must resolve inside the project, symlinks included,
    or the cache is off with a finding). Relative paths are relative to the project root."""
    value = os.environ.get("SPECSITE_CACHE_DIR")
    if value:
        return project.absolute(value)
    value = getattr(config, "cache_dir", None)
    if not value:
        return None
    folder = project.absolute(value)
    try:
        # a hidden folder is where caches live (.specsite-cache); entries are signed, never trusted
        inside = folder.resolve().is_relative_to(project.root)
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        if findings is not None:
            findings.append(OUTSIDE_ROOT.at(
                f"cache_dir {value!r} is outside the project root; the cache is off (set "
                f"SPECSITE_CACHE_DIR to keep a cache elsewhere)", project.config_file))
        return None
    return folder


def _not_descriptions(project: Project, others: list[Path], model: "OpenApiModel") -> list[Finding]:
    """An OAS028 note for each file of an OpenAPI folder that is neither a description nor a
    part one of them ``$ref``s (shared schemas beside the descriptions are parts, not noise)."""
    parts = {f for record in model.records for f in record.files}
    out = []
    for path in others:
        if str(project.absolute(path)) in parts or str(path) in parts:
            continue
        out.append(NOT_A_DESCRIPTION.at(
            f"{project.rel(path)} is not an OpenAPI description (no top-level openapi or swagger "
            f"key) and no description $refs it: not read", project.rel(path), 1))
    return out


#: ``read``'s default: the cache folder the configuration (or the environment) names
FROM_CONFIG: Any = object()


class OpenApiKind:
    """The OpenAPI spec kind."""

    name = "openapi"

    def __init__(self, fetch: Fetcher | None = None) -> None:
        self.fetch = fetch
        #: the last read of each API in this process (``mkdocs serve`` rebuilds): reused, parsed
        #: model included, while its files are unchanged
        self._last: dict[tuple[str, str], ApiRecord] = {}

    def read(self, project: Project, config: SpecsiteConfig, cache_dir: Path | None = FROM_CONFIG) -> ReadResult:
        """Read, validate and lint every configured API (``cache_dir=None`` disables the cache)."""
        findings: list[Finding] = []
        folder = cache_folder(project, config, findings) if cache_dir is FROM_CONFIG else cache_dir
        cache = ReadCache(project, Path(folder) if folder else None,
                          {"hosts": sorted(config.openapi_allow_hosts)})
        model = OpenApiModel(project=project, allow_hosts=list(config.openapi_allow_hosts), fetch=self.fetch)
        loader = Loader(project, list(config.openapi_allow_hosts), findings, self.fetch)
        names: dict[str, ApiRecord] = {}
        setting = f"{project.root}\n{','.join(sorted(config.openapi_allow_hosts))}"
        others: list[Path] = []
        for root, explicit in api_roots(project, config, findings, others).items():
            last = self._last.get((setting, str(root)))
            record = last if last is not None and last.unchanged(project) else None
            record = record or _from_cache(cache.get(root), root, project) or \
                _read_api(loader, project, root, cache, explicit)
            if record is None:
                others.append(root)  # parsed, and not a description after all
                continue
            self._last[(setting, str(root))] = record
            if record.name in names:
                findings.append(DUPLICATE_API.at(
                    f"API name {record.name!r} is taken by {names[record.name].rel}; rename one file",
                    record.rel, 1))
                continue
            names[record.name] = record
            model.records.append(record)
            findings.extend(record.findings)
        findings.extend(_not_descriptions(project, others, model))
        entities = [e for r in model.records for e in r.entities]
        sources = {str(project.absolute(p)) for p in config.openapi}
        sources |= {f for r in model.records for f in r.files}
        sources = sorted(sources)
        # an API whose description did not parse defines no operation: references to its
        # operations prove nothing and are not checked (one XREF002 says so)
        unparsed = {}
        for record in model.records:
            errors = sorted((f.line or 0) for f in record.findings if f.severity is Severity.ERROR)
            if not record.entities and errors:
                unparsed[f"api:{record.name}#"] = (record.rel, errors[0] or None)
        # the description files, offered for download on each API's overview page
        assets = {path: source for record in model.records if record.entities
                  for path, source in source_files(record, record.api).items()}
        return ReadResult(entities=entities, findings=findings, sources=sources, model=model,
                          unparsed=unparsed, assets=dict(sorted(assets.items())))

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list[Finding]:
        """Traceability: requirements named by operations, and operations named by requirements.

        An operation is traced when it states ``x-requirements`` or when a requirement links to
        it in any way (a stated link, an ``operations`` attribute, a ``[[api:...]]`` reference).
        """
        if not config.openapi:
            return []  # with no API configured, operation names cannot be checked yet
        out: list[Finding] = []
        traced: set[str] = set()
        for entity in graph:
            if entity.kind != "requirement":
                continue
            traced |= {l.target for l in entity.links if l.target.startswith("api:")}
            for target, link in _named_operations(entity):
                traced.add(target)
                if target not in graph and not target.startswith(tuple(result.unparsed)):
                    out.append(UNKNOWN_OPERATION.at(
                        f"requirement {entity.id} names operation {target}, which does not exist",
                        link.file or entity.file, link.line or entity.line, link.column, entity.id))
        for entity in graph.of_kind("operation"):
            if not entity.id.startswith("api:"):
                continue
            implements = [l for l in entity.links if l.rel == "implements"]
            for link in implements:
                if link.target not in graph:
                    out.append(UNKNOWN_REQUIREMENT.at(
                        f"x-requirements names {link.target}, which is no requirement",
                        link.file, link.line, link.column, entity.id))
            if not implements and entity.id not in traced:
                out.append(UNTRACED_OPERATION.at(
                    f"operation {entity.id} is traced to no requirement", entity.file, entity.line,
                    None, entity.id))
        return out

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[GeneratedPage]:
        return render_units(self.page_units(graph, result, site), graph)

    def page_units(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[PageUnit]:
        """Each API's pages as one unit, the index of all APIs as another."""
        from .pages import units

        model = result.model
        if not isinstance(model, OpenApiModel) or not model.records:
            return []  # a section exists only when it has content ("No API yet." is noise)
        return units(model, graph, site)


def _named_operations(entity: Entity) -> list[tuple[str, Link]]:
    """Operations a requirement names in a stated link or an ``operations`` attribute
    (``[[api:...]]`` references are checked by the core, as every reference is)."""
    named = []
    for link in entity.links:
        m = _OPERATION_REF.match(link.target)
        if link.rel != "references" and m and not link.target.startswith(("c4:", "page:")):
            named.append((f"api:{m.group(1)}#{m.group(2)}", link))
    values = entity.attrs.get("operations") or []
    for value in values if isinstance(values, list) else [values]:
        m = _OPERATION_REF.match(str(value).strip())
        if m:
            named.append((f"api:{m.group(1)}#{m.group(2)}", Link("names", str(value), entity.file, entity.line)))
    return named


def api_name(root: Path, data: Any) -> str:
    """The ``<name>`` of ``api:<name>`` (see the module docstring)."""
    override = data.get("x-specsite-name") if isinstance(data, dict) else None
    if isinstance(override, str) and override.strip():
        return slug(override)
    if root.stem.lower() in _GENERIC_STEMS and root.parent.name:
        return root.parent.name
    return root.stem


def _read_api(
    loader: Loader, project: Project, root: Path, cache: ReadCache, explicit: bool = True,
) -> ApiRecord | None:
    """Read, validate and lint one API; ``None`` for a file found in a folder that turns out
    not to be a description (a part)."""
    name = api_name(root, None)
    rel = project.rel(root)
    before = len(loader.findings)
    doc = loader.load(root.as_posix(), root)
    findings = loader.findings[before:]
    del loader.findings[before:]
    if doc is None:
        return ApiRecord(name, root, rel, [], findings)
    if isinstance(doc, Issue):
        located, _ = locate([doc], {}, rel_of=lambda uri: rel)
        return ApiRecord(name, root, rel, [], findings + located)
    name = api_name(root, doc.data)
    version = api_version(doc.data)
    if version is None and not explicit and not is_description(doc.data):
        return None
    if version is None:
        message = ("not an OpenAPI description: no 'openapi' or 'swagger' version"
                   if not is_description(doc.data) else
                   f"unsupported version {doc.data.get('openapi', doc.data.get('swagger'))!r} "
                   f"(supported: swagger 2.0, openapi 3.0, 3.1, 3.2)")
        located, _ = locate([Issue(INVALID_DOCUMENT, message, doc.uri, ())], {doc.uri: doc})
        return ApiRecord(name, root, rel, [], findings + located)
    api = _api(name, version, loader, doc)
    findings += loader.findings[before:]  # unreadable parts
    del loader.findings[before:]
    issues = list(api.bundle.issues)
    issues += schema_issues(doc.data, version, doc.uri)
    values = ValueChecker(api.bundle, version)
    issues += SchemaChecks(api, values, Dialects(loader.allow_hosts, loader.fetch_text)).run()
    issues += lint(api, values)
    wanted: dict[str, set[tuple]] = {}
    for op in api.operations:
        wanted.setdefault(op.uri, set()).add(op.pointer)
        requirements = op.node.get("x-requirements")
        for i, _ in enumerate(requirements if isinstance(requirements, list) else []):
            wanted[op.uri].add(op.pointer + ("x-requirements", i))
    for uri, pointer, _ in _described(api):
        wanted.setdefault(uri, set()).add(pointer)
    located, found = locate(issues, api.bundle.documents, wanted, rel_of=lambda uri: project.rel(uri))
    api.lines = {(uri, p): pos for uri, ps in found.items() for p, pos in ps.items()}
    # Reusable only when every file the API depends on is known by content: not with a remote
    # part, nor with a broken reference (the file it names may appear or be mended).
    reusable = not api.bundle.broken and all("://" not in uri for uri in api.bundle.documents)
    hashes = {uri: text_hash(d.text) for uri, d in api.bundle.documents.items()} if reusable else {}
    record = ApiRecord(name, root, rel, _entities(api), findings + located, api, hashes)
    if reusable:
        cache.put(root, {uri: d.text for uri, d in api.bundle.documents.items()}, {
            "name": name,
            "entities": [_entity_data(e) for e in record.entities],
            "findings": [f.to_dict() for f in record.findings],
        })
    return record


def _entities(api: Api) -> list[Entity]:
    info = api.data.get("info") if isinstance(api.data.get("info"), dict) else {}
    digest = content_hash("\n".join(d.text for _, d in sorted(api.bundle.documents.items())))
    entities = [Entity(
        id=api.id, kind="api", title=str(info.get("title") or api.name), file=api.rel, line=1,
        attrs={"version": str(info.get("version", "")), "openapi": api.version,
               "operations": len(api.operations)},
        page=f"{api_base(api.name)}/index.md", content_hash=digest,
        links=_served_by(api.data, api.rel, 1))]
    references = _references(api)
    entities[0].links.extend(references.get((api.uri, ()), []))
    seen: set[str] = set()
    pages = operation_pages(api)
    for op in api.operations:
        op_id = op.operation_id
        if op_id is None or op_id in seen:
            continue
        seen.add(op_id)
        doc = api.bundle.documents[op.uri]
        line = api.lines.get((op.uri, op.pointer), (None, None))[0]
        links = []
        requirements = op.node.get("x-requirements")
        requirements = [requirements] if isinstance(requirements, str) else requirements
        for i, req in enumerate(requirements if isinstance(requirements, list) else []):
            if isinstance(req, str) and req.strip():
                pos = api.lines.get((op.uri, op.pointer + ("x-requirements", i)), (line, None))
                links.append(Link("implements", normalise(req), doc.rel, pos[0], pos[1], req))
        links += _served_by(op.node, doc.rel, line)
        links += references.get((op.uri, op.pointer), [])
        tags = op.tags
        entities.append(Entity(
            id=f"{api.id}#{op_id}", kind="operation",
            title=str(op.node.get("summary") or op.label),
            status="deprecated" if op.node.get("deprecated") is True else None,
            file=doc.rel, line=line, links=links, parent=api.id,
            attrs={"method": op.method.upper(), "path": op.path, "tags": tags,
                   **({"webhook": op.webhook} if op.webhook is not None else {}),
                   "summary": op.node.get("summary"), "deprecated": op.node.get("deprecated") is True},
            page=pages[id(op)], anchor=operation_anchor(op),
            content_hash=digest))
    return entities


_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


def _described(api: Api) -> list[tuple[str, tuple, str]]:
    """``(uri, pointer, text)`` of the API's and each operation's description that holds a
    ``[[ID]]`` reference (only those get positions, so the fast path stays fast)."""
    found = []
    info = api.data.get("info")
    if isinstance(info, dict) and isinstance(info.get("description"), str) and "[[" in info["description"]:
        found.append((api.uri, ("info", "description"), info["description"]))
    for op in api.operations:
        text = op.node.get("description")
        if isinstance(text, str) and "[[" in text:
            found.append((op.uri, op.pointer + ("description",), text))
    return found


def _references(api: Api) -> dict[tuple[str, tuple], list[Link]]:
    """``[[ID]]`` links found in descriptions, keyed by the API's or the operation's pointer."""
    out: dict[tuple[str, tuple], list[Link]] = {}
    for uri, pointer, text in _described(api):
        doc = api.bundle.documents[uri]
        line, _ = api.lines.get((uri, pointer), (1, None))
        lines = doc.text.split("\n", line + 1)
        key_line = lines[line - 1] if 0 < line <= len(lines) else ""
        owner = (uri, ()) if pointer == ("info", "description") else (uri, pointer[:-1])
        links = out.setdefault(owner, [])
        for ref in scan(text):
            links.append(Link("references", ref.target, doc.rel,
                              *_text_position(doc.format, key_line, lines, line, text, ref.line, ref.column),
                              ref.label))
    return out


def _text_position(fmt: str, key_line: str, lines: list[str], line: int, text: str,
                   text_line: int, text_column: int) -> tuple[int, int | None]:
    """File line and column of a place inside a description whose key is on ``line``."""
    if fmt == "json":
        return line, None  # one JSON string: its newlines are escapes on the key's line
    if _BLOCK_SCALAR.search(key_line):
        content = lines[line] if line < len(lines) else ""
        return line + text_line, text_column + len(content) - len(content.lstrip())
    if text_line == 1:
        start = key_line.find(text.split("\n", 1)[0])
        return line, (start + text_column if start >= 0 else None)
    return line + text_line - 1, None


def _served_by(node: dict, rel: str, line: int | None) -> list[Link]:
    """``x-c4-element: c4:shop.api`` on an API or an operation names the element serving it."""
    value = node.get("x-c4-element")
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Link("served-by", v if v.startswith("c4:") else f"c4:{v}", rel, line)
            for v in values if isinstance(v, str) and v]


def _entity_data(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "kind": e.kind, "title": e.title, "status": e.status, "file": e.file,
            "line": e.line, "attrs": e.attrs, "page": e.page, "anchor": e.anchor, "parent": e.parent,
            "content_hash": e.content_hash,
            "links": [[l.rel, l.target, l.file, l.line, l.column, l.text] for l in e.links]}


def _from_cache(entry: dict | None, root: Path, project: Project) -> ApiRecord | None:
    if entry is None:
        return None
    try:
        entities = [Entity(**{**data, "links": [Link(*l) for l in data["links"]]})
                    for data in entry["entities"]]
        findings = [Finding(f["code"], Severity(f["severity"]), f["message"], f["file"], f["line"],
                            f["column"], f["entity"]) for f in entry["findings"]]
    except (KeyError, TypeError, ValueError):
        return None
    hashes = {project.absolute(rel).as_posix(): h for rel, h in entry.get("files", {}).items()}
    return ApiRecord(entry["name"], root, project.rel(root), entities, findings, None, hashes)


OPENAPI_KIND = OpenApiKind()
