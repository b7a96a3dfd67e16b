"""``mkdocs serve`` rebuilds that redo only what changed, with output equal to a cold build.

MkDocs rebuilds every page on every save: with thousands of generated pages that is a minute per
save. The plugin instance survives rebuilds (it defines ``on_startup``), so it remembers, for each
generated page, what the previous build made of it, and replays that when the page's inputs are
the same, in two steps:

1. **Content.** Before Markdown runs, the page's key is the hash of its final Markdown (after the
   ``[[ID]]`` links, so backlinks and titles of other specs are in it), its front matter, its path,
   and the *site key*: the configuration that shapes rendering and the path, URL and inclusion of
   every file (links resolve against them). Same key: the Markdown conversion is skipped and the
   HTML, table of contents, title and anchors are restored.
2. **Output.** After every page is read, the *shell key* hashes what the theme puts around a page
   (the whole navigation with titles, the theme and site options). A page whose content was
   replayed, whose shell key is unchanged and whose own place (URL, edit link, previous and next
   page) is the same gets the previous build's bytes and search entries instead of being rendered
   through the theme and parsed by the search plugin; when the previous build's file of it is
   kept (:mod:`.set_aside`), not even written: the file is moved back into the new site.

Anything else and the page is built as in a cold build. Replay is on only for ``mkdocs serve``
(not ``--dirty``), only for pages specsite generates (hand-written pages are always rebuilt, so
their warnings show), and only when the other plugins are ones whose page events it knows
(``search``): an unknown plugin may depend on every page being rendered.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from .set_aside import PreviousBuild, Stamp, stamp

#: plugins whose page events replay reproduces (search entries are replayed, see below)
KNOWN_PLUGINS = frozenset({"search", "material/search", "specsite"})
#: the template a replayed page is "rendered" with: its output is replaced by the stored bytes
REPLAY_TEMPLATE = "specsite-replayed-page.html"
#: configuration that shapes a page's HTML or its place in the site
_SITE_OPTIONS = ("markdown_extensions", "mdx_configs", "use_directory_urls", "docs_dir",
                 "validation", "site_url")
_SHELL_OPTIONS = ("site_name", "site_description", "site_author", "site_url", "repo_url",
                  "repo_name", "edit_uri", "edit_uri_template", "copyright", "extra",
                  "extra_css", "extra_javascript", "extra_templates", "theme", "dev_addr")


def _hash(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Record:
    """What one build made of a page."""

    key: tuple[str, str, str]
    html: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]]
    #: filled once the page went through the theme: the shell key, the bytes and search entries
    shell: str | None = None
    output: bytes | None = None
    search: list[dict] = field(default_factory=list)
    #: the sanitised HTML (what the plugin made of ``html``), so a replay needs no hashing
    clean: str | None = None
    #: where the page's file was written, and its stamp once the build is over
    dest: str | None = None
    stamp: Stamp | None = None


class PageReplay:
    """Remembers pages between ``mkdocs serve`` builds and replays the unchanged ones."""

    def __init__(self) -> None:
        self.enabled = False
        self.records: dict[str, Record] = {}
        self._fresh: dict[str, Record] = {}
        self._content: set[str] = set()
        self._output: set[str] = set()
        self._site_key = ""
        self._shell_key = ""
        self._entries: list | None = None
        self._seen = 0
        self._site_dir = ""
        #: the previous build's files are kept: replayed pages are not written but moved back
        self.keeping = False
        #: site-relative path -> record of each replayed page not written (moved back at the end)
        self.unwritten: dict[str, Record] = {}
        #: quiets MkDocs' message for each page it did not write because the plugin said so
        self.quiet = UnwrittenPages()
        #: counts of the last build, for the log and the benchmark
        self.replayed_content = self.replayed_output = 0

    def start(self, config: MkDocsConfig, serving: bool) -> None:
        """A build begins: replay only when serving and every plugin is a known one."""
        names = set(config.plugins)
        self.enabled = serving and names <= KNOWN_PLUGINS
        self._fresh, self._content, self._output = {}, set(), set()
        self._entries, self._seen = None, 0
        self._site_dir, self.keeping, self.unwritten = config.site_dir, False, {}
        self.quiet.messages.clear()
        if not self.enabled:
            self.records = {}
            return
        for name in ("search", "material/search"):
            plugin = config.plugins.get(name)
            index = getattr(plugin, "search_index", None) if plugin is not None else None
            entries = getattr(index, "entries", None) if index is not None else None
            if plugin is not None and not isinstance(entries, list):
                self.enabled, self.records = False, {}  # a search plugin whose index we do not know
                return
            if entries is not None:
                self._entries = entries

    def files(self, files: Files, config: MkDocsConfig) -> None:
        """The site key, once every file is known."""
        if not self.enabled:
            return
        listing = [(f.src_uri, f.url, f.inclusion.name, f.is_documentation_page()) for f in files]
        self._site_key = _hash([config.get(o) for o in _SITE_OPTIONS], sorted(listing))

    def content(self, page: Page, markdown: str, generated: bool) -> None:
        """Before Markdown: replay the page's content when its key is unchanged."""
        if not self.enabled or not generated:
            return
        # compared, not hashed: an unchanged page's Markdown is the very string of the last build
        key = (self._site_key, json.dumps(page.meta, sort_keys=True, default=repr), markdown)
        record = self.records.get(page.file.src_uri)
        if record is not None and record.key == key:
            self._content.add(page.file.src_uri)
            self._fresh[page.file.src_uri] = record

            def replay(config: MkDocsConfig, files: Files) -> None:
                page.content, page.toc = record.html, record.toc
                page._title_from_render = record.title
                page.present_anchor_ids = set(record.anchors) if record.anchors is not None else None
                # src_uris, not get_file_from_path: the URIs are the ones MkDocs gave, and the
                # latter makes a path object of each (a quarter second a build at 4,000 pages)
                by_uri = files.src_uris
                page.links_to_anchors = {
                    target: dict(anchors) for uri, anchors in record.links_to_anchors.items()
                    if (target := by_uri.get(uri)) is not None}

            page.render = replay  # type: ignore[method-assign]  # this page object only
        else:
            self._fresh[page.file.src_uri] = Record(key, "", None, None, None, {})

    def sanitised(self, page: Page, html: str) -> str | None:
        """The sanitised HTML of a page whose content was replayed, when ``html`` is the very HTML
        it was made from (``None`` otherwise: the caller sanitises)."""
        if page.file.src_uri not in self._content:
            return None
        record = self._fresh[page.file.src_uri]
        return record.clean if record.html == html else None

    def keep_sanitised(self, page: Page, html: str) -> None:
        """Remember the sanitised HTML of a page built this time."""
        record = self._fresh.get(page.file.src_uri)
        if record is not None:
            record.clean = html

    def rendered(self, page: Page, html: str) -> None:
        """After Markdown, before any plugin changed the HTML: keep what it made."""
        record = self._fresh.get(page.file.src_uri)
        if record is None or page.file.src_uri in self._content:
            return
        record.html, record.toc = html, page.toc
        record.title = page._title_from_render
        record.anchors = set(page.present_anchor_ids) if page.present_anchor_ids is not None else None
        record.links_to_anchors = {f.src_uri: dict(a) for f, a in (page.links_to_anchors or {}).items()}

    def environment(self, env: Environment, config: MkDocsConfig, nav: Navigation,
                    files: Files) -> Environment:
        """Every page is read: decide which pages skip the theme (their shell is unchanged)."""
        if not self.enabled:
            return env
        self._shell_key = _hash([config.get(o) for o in _SHELL_OPTIONS], _nav_listing(nav.items),
                                self._site_key)
        by_uri = files.src_uris
        for uri in sorted(self._content):
            file = by_uri.get(uri)
            record = self._fresh[uri]
            if file is None or file.page is None or record.output is None:
                continue
            if record.shell == self._place(file.page):
                self._output.add(uri)
                file.page.meta = {**file.page.meta, "template": REPLAY_TEMPLATE}
                file.page.content = ""  # the search plugin's entries for it are replayed
        if self._output:
            env.loader = ChoiceLoader([DictLoader({REPLAY_TEMPLATE: ""}), env.loader])  # type: ignore[list-item]
        self.replayed_content, self.replayed_output = len(self._content), len(self._output)
        return env

    def _place(self, page: Page) -> str:
        neighbours = [(p.url, p.title) if p is not None else None
                      for p in (page.previous_page, page.next_page)]
        return _hash(self._shell_key, page.url, page.edit_url, page.canonical_url, neighbours)

    def context(self, page: Page) -> None:
        """After the search plugin indexed a page: keep its entries, or put back the stored ones."""
        if not self.enabled or self._entries is None:
            return
        uri = page.file.src_uri
        record = self._fresh.get(uri)
        if uri in self._output and record is not None:
            del self._entries[self._seen:]
            self._entries.extend(record.search)
        elif record is not None:
            record.search = list(self._entries[self._seen:])
        self._seen = len(self._entries)

    def output(self, page: Page, output: str) -> str:
        """The page's final HTML: the stored bytes for a replayed page; kept for the next build."""
        if not self.enabled:
            return output
        uri = page.file.src_uri
        record = self._fresh.get(uri)
        if record is None:
            return output
        dest = page.file.abs_dest_path
        if uri in self._output and record.output is not None:
            rel = _site_relative(dest, self._site_dir)
            if self.keeping and rel is not None and record.dest == dest and record.stamp is not None:
                # MkDocs writes nothing for an empty page: the previous build's file is moved
                # back (or, when it is gone, the bytes written) by :meth:`put_back`
                self.unwritten[rel] = record
                self.quiet.messages.add(f"Page skipped: '{uri}'. Generated empty output.")
                return ""
            record.dest, record.stamp = dest, None
            return record.output.decode("utf-8")
        record.output = output.encode("utf-8")
        record.shell = self._place(page)
        record.dest, record.stamp = dest, None
        return output

    def put_back(self, previous: PreviousBuild | None) -> None:
        """Every other page is written: move the files of the replayed pages back from the
        previous build, write those it no longer has (deleted or changed by hand), discard the
        rest of it, and take the stamp of every file written this time."""
        unwritten, self.unwritten = self.unwritten, {}
        placed: set[str] = set()
        if previous is not None:
            try:
                previous.put_back({rel: r.stamp for rel, r in unwritten.items() if r.stamp}, placed)
            except OSError:
                pass  # what was not moved back is written below
            previous.discard()
        for rel, record in unwritten.items():
            if rel not in placed and record.dest is not None and record.output is not None:
                write_file(record.output, record.dest)
                record.stamp = None
        for record in self._fresh.values():
            if record.dest is not None and record.stamp is None:
                record.stamp = stamp(record.dest)

    def finish(self) -> None:
        """The build is done: what it made is what the next build compares with."""
        if self.enabled:
            self.records = self._fresh
        self._fresh = {}


class UnwrittenPages(logging.Filter):
    """Drops MkDocs' "Page skipped" message for the pages the plugin asked it not to write (it
    moves their files back itself); the same message for any other page passes."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.messages or record.getMessage() not in self.messages


def _site_relative(path: str, site_dir: str) -> str | None:
    """``path`` relative to the site folder, ``/``-separated (``None`` when outside it)."""
    prefix = os.path.join(site_dir, "")
    if not site_dir or not path.startswith(prefix):
        return None
    return path[len(prefix):].replace(os.sep, "/")


def _nav_listing(items: list) -> list:
    """The navigation as plain data: titles, URLs and nesting."""
    out = []
    for item in items:
        children = getattr(item, "children", None)
        out.append((type(item).__name__, item.title, getattr(item, "url", None),
                    _nav_listing(children) if children else None))
    return out
