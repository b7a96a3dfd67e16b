"""``$ref`` resolution inside the project: an API's root document and every part it reaches.

A relative reference is resolved against the folder of the document that states it and must
stay inside the project root (symlinks included, through :meth:`Project.confine`). A remote one
(``https://...``) is fetched only when ``openapi_allow_hosts`` names its host; otherwise it is
refused with a finding. Nothing else reaches the network.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..core.findings import Finding
from ..core.project import OutsideProjectError, Project, UnusablePathError
from ..core.rules import OUTSIDE_ROOT
from .documents import Document, parse_text, read_document
from .issues import Issue
from .rules import REMOTE_REF_REFUSED, UNRESOLVED_REF

#: keys whose values are literal data, where ``$ref`` is not a reference (``default`` is also a
#: response code, and ``examples`` a map of Example Objects, handled in :func:`iter_refs`)
_LITERAL_KEYS = frozenset(("example", "enum", "const", "x-examples"))
_MAX_REMOTE_BYTES = 20 * 1024 * 1024

Fetcher = Callable[[str], str]


@dataclass(frozen=True)
class RefSite:
    """A ``$ref`` stated in document ``uri`` at ``pointer`` (the object holding ``$ref``)."""

    uri: str
    pointer: tuple
    value: str
    #: inside an ``x-`` extension: free-form data, so a ``$ref`` there is a hint (it counts
    #: as a use of what it names) but never loads a file or becomes a finding
    in_extension: bool = False


@dataclass
class Bundle:
    """An API's root document and every document its references reach."""

    root: Document
    documents: dict[str, Document] = field(default_factory=dict)
    refs: list[RefSite] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    #: ref sites whose target could not be resolved (already reported)
    broken: set[tuple[str, str]] = field(default_factory=set)
    _targets: dict[tuple[str, str], tuple[str, tuple] | None] = field(default_factory=dict)

    def target(self, uri: str, ref: str) -> tuple[str, tuple] | None:
        """The document and pointer a ``$ref`` stated in ``uri`` names, if it resolves."""
        key = (uri, ref)
        if key not in self._targets:
            self._targets[key] = None if key in self.broken else self._find(uri, ref)
        return self._targets[key]

    def _find(self, uri: str, ref: str) -> tuple[str, tuple] | None:
        file_part, _, fragment = ref.partition("#")
        target_uri = _join(uri, file_part) if file_part else uri
        if target_uri not in self.documents:
            return None
        pointer = parse_pointer(fragment)
        if pointer is None or _lookup(self.documents[target_uri].data, pointer) is _MISSING:
            return None
        return target_uri, pointer

    def resolve(self, node: Any, uri: str, pointer: tuple = ()) -> tuple[Any, str, tuple]:
        """Follow ``$ref`` chains from ``node``; returns the node where they end (or ``node``)."""
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            key = (uri, node["$ref"])
            if key in seen:
                break
            seen.add(key)
            found = self.target(uri, node["$ref"])
            if found is None:
                break
            uri, pointer = found
            node = _lookup(self.documents[uri].data, pointer)
        return node, uri, pointer

    def all_uris(self) -> list[str]:
        return sorted(self.documents)


_MISSING = object()


def parse_pointer(fragment: str) -> tuple | None:
    """``/a/b~1c/0`` -> ``("a", "b/c", "0")``; ``None`` for a fragment that is not a pointer."""
    fragment = urllib.parse.unquote(fragment)
    if fragment == "":
        return ()
    if not fragment.startswith("/"):
        return None
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in fragment[1:].split("/"))


def _lookup(data: Any, pointer: tuple) -> Any:
    for part in pointer:
        if isinstance(data, dict):
            if part not in data:
                return _MISSING
            data = data[part]
        elif isinstance(data, list):
            try:
                data = data[int(part)]
            except (ValueError, IndexError):
                return _MISSING
        else:
            return _MISSING
    return data


def lookup(data: Any, pointer: tuple) -> Any:
    """The node at ``pointer``, or ``None``."""
    found = _lookup(data, pointer)
    return None if found is _MISSING else found


def _is_remote(uri: str) -> bool:
    return "://" in uri.split("#")[0][:12] or uri.startswith("//")


def _join(base_uri: str, file_part: str) -> str:
    if _is_remote(file_part):
        return file_part
    if _is_remote(base_uri):
        return urllib.parse.urljoin(base_uri, file_part)
    path = Path(base_uri).parent / urllib.parse.unquote(file_part)
    return path.resolve().as_posix()


def iter_refs(data: Any, uri: str) -> Iterator[RefSite]:
    """Every ``$ref`` in a document, skipping literal values (examples, defaults, enums)."""
    stack: list[tuple[Any, tuple, bool]] = [(data, (), False)]
    while stack:
        node, pointer, extension = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield RefSite(uri, pointer, ref, extension)
            in_responses = pointer[-1:] == ("responses",)
            for key, value in node.items():
                if not isinstance(value, (dict, list)) or key in _LITERAL_KEYS:
                    continue
                if key == "default" and not in_responses:
                    continue
                if key == "examples":
                    # Example Objects may be references; their values are literal data
                    for name, example in (value.items() if isinstance(value, dict) else ()):
                        if isinstance(example, dict) and isinstance(example.get("$ref"), str):
                            yield RefSite(uri, pointer + (key, name), example["$ref"], extension)
                    continue
                stack.append((value, pointer + (key,), extension or key.startswith("x-")))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (dict, list)):
                    stack.append((value, pointer + (index,), extension))


def fetch_url(url: str) -> str:
    """The text at an allow-listed URL (only ever called for hosts the user allowed)."""
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (allow-listed)
        return response.read(_MAX_REMOTE_BYTES).decode("utf-8-sig")


@dataclass
class Loader:
    """Loads documents for every API of one run, each file parsed once."""

    project: Project
    allow_hosts: list[str]
    findings: list[Finding]
    fetch: Fetcher = fetch_url
    parsed: dict[str, Document | Issue | None] = field(default_factory=dict)

    def load(self, uri: str, path: Path | None) -> Document | Issue | None:
        if uri not in self.parsed:
            if path is not None:
                self.parsed[uri] = read_document(self.project, path, self.findings)
            else:
                self.parsed[uri] = self._fetch(uri)
        return self.parsed[uri]

    def _fetch(self, url: str) -> Document | Issue | None:
        try:
            text = self.fetch(url)
        except (OSError, ValueError) as exc:
            return Issue(UNRESOLVED_REF, f"cannot fetch {url}: {exc}", url, ())
        return parse_text(text, url, url)

    def bundle(self, root: Document) -> Bundle:
        """The root and every document reachable from it; bad references become issues."""
        bundle = Bundle(root, {root.uri: root})
        queue = [root]
        while queue:
            doc = queue.pop(0)
            for site in iter_refs(doc.data, doc.uri):
                bundle.refs.append(site)
                if site.in_extension:
                    continue
                target = self._target_document(bundle, site)
                if target is not None and target.uri not in bundle.documents:
                    bundle.documents[target.uri] = target
                    queue.append(target)
        for site in bundle.refs:
            if site.in_extension:
                continue
            if (site.uri, site.value) not in bundle.broken and bundle.target(site.uri, site.value) is None:
                bundle.broken.add((site.uri, site.value))
                bundle.issues.append(Issue(
                    UNRESOLVED_REF, f"$ref {site.value!r} names nothing: no such JSON pointer",
                    site.uri, site.pointer + ("$ref",)))
        return bundle

    def _target_document(self, bundle: Bundle, site: RefSite) -> Document | None:
        file_part = site.value.partition("#")[0]
        if not file_part:
            return bundle.documents[site.uri]
        here = site.pointer + ("$ref",)
        target_uri = _join(site.uri, file_part)
        if target_uri in bundle.documents:
            return bundle.documents[target_uri]
        if _is_remote(target_uri):
            host = urllib.parse.urlsplit(target_uri).hostname or ""
            if urllib.parse.urlsplit(target_uri).scheme not in ("http", "https") or \
                    host not in self.allow_hosts:
                self._broken(bundle, site, Issue(
                    REMOTE_REF_REFUSED,
                    f"remote $ref {site.value!r} refused: host {host!r} is not in "
                    f"openapi_allow_hosts", site.uri, here))
                return None
            loaded = self.load(target_uri, None)
        else:
            try:
                path = self.project.confine(Path(urllib.parse.unquote(file_part)),
                                            base=Path(site.uri).parent)
            except UnusablePathError as exc:
                self._broken(bundle, site, Issue(
                    UNRESOLVED_REF, f"$ref {site.value[:60]!r}: {exc}", site.uri, here))
                return None
            except OutsideProjectError:
                self._broken(bundle, site, Issue(
                    OUTSIDE_ROOT, f"$ref {site.value!r} leaves the project root ({self.project.root}"
                    f"{' and the folders named on the command line' if self.project.extra_roots else ''}"
                    "); run specsite from a folder that holds every part", site.uri, here))
                return None
            if not path.is_file():
                self._broken(bundle, site, Issue(
                    UNRESOLVED_REF, f"$ref {site.value!r} names a file that does not exist "
                    f"({self.project.rel(path)})", site.uri, here))
                return None
            loaded = self.load(path.as_posix(), path)
            target_uri = path.as_posix()
        if loaded is None:
            self._broken(bundle, site, Issue(
                UNRESOLVED_REF, f"$ref {site.value!r} names a file that cannot be read",
                site.uri, here))
            return None
        if isinstance(loaded, Issue):
            self._broken(bundle, site, Issue(
                UNRESOLVED_REF, f"$ref {site.value!r} names a file that cannot be parsed",
                site.uri, here))
            if loaded not in bundle.issues:
                bundle.issues.append(loaded)
            return None
        return loaded

    def _broken(self, bundle: Bundle, site: RefSite, issue: Issue) -> None:
        bundle.broken.add((site.uri, site.value))
        if issue not in bundle.issues:
            bundle.issues.append(issue)
