"""The ``specsite`` MkDocs plugin.

on_config: validate options (pydantic), enable the Markdown extensions pages need, watch spec
folders. on_files: run the pipeline, log every finding, add generated pages and assets.
on_page_markdown: turn ``[[ID]]`` references into links on every page; escape the front matter of
untrusted pages (the theme writes it into the page unescaped); in a preview build (``diff_base`` or
SPECSITE_DIFF_BASE) put the change banner on pages whose entities changed.
on_page_content: sanitise the HTML of every generated page (and of every page when the content is
untrusted) with the one allow-list of :mod:`specsite.core.sanitise`, and give it a title the
theme's templates cannot misread.

Under ``mkdocs serve`` the instance survives rebuilds: the pipeline's results are kept while its
input files hash the same (and the preview's base, ``diff_base``, is the same); when they do not,
each kind's parsed files, read result, findings and pages are reused while what they were made
from is unchanged (:mod:`specsite.core.incremental`, ADR-0021); unchanged generated pages are
replayed (:mod:`.replay`) and their files kept from the previous build instead of written again
(:mod:`.set_aside`, ADR-0023); the theme's compiled templates are kept (:mod:`.template_cache`).
"""

from __future__ import annotations

import copy
import gc
import logging
import os
import posixpath
from html import unescape as html_unescape
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Literal

from jinja2 import Environment
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from pydantic import ValidationError

from ..core.config import SpecsiteConfig, error_pairs
from ..core.escape import html_attr
from ..core.findings import Finding, Severity, apply_severities
from ..core.html_table import put_back
from ..core.incremental import PipelineMemo
from ..core.recorded_graph import RecordingGraph, still_true
from ..core.kind import GeneratedPage, SiteContext
from ..core.pipeline import SpecSet, load_specs
from ..core.project import OutsideProjectError, Project
from ..core.rules import OUTSIDE_ROOT
from ..core.moved_links import retarget
from ..core.references import link_references
from ..core.sanitise import sanitise_html
from ..core.tables import drop_empty_header_rows
from ..diff.command import DiffUsageError
from ..diff.preview import CHANGES_PAGE, Preview, build_preview, diff_base
from . import offline, search_keys
from .nav_names import listed_paths, name_sections
from ..reports.escape import log_line
from .replay import PageReplay
from .serve_collector import ServeCollector
from .set_aside import PreviousBuild, set_aside
from .template_cache import MemoryBytecodeCache

log = get_plugin_logger(__name__)
#: where MkDocs says it skipped a page with empty output (replayed pages: :mod:`.replay`)
_MKDOCS_BUILD_LOG = logging.getLogger("mkdocs.commands.build")

ASSETS = ("specsite.css", "specsite.js")
_PACKAGE = Path(__file__).resolve().parents[1]
EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "admonition")


class SpecsitePlugin(BasePlugin):
    """Specs (ADRs, PRDs, C4, OpenAPI) as generated, cross-linked, validated pages."""

    def __init__(self) -> None:
        self.options = SpecsiteConfig()
        self.specs: SpecSet | None = None
        self.command: str = "build"
        #: docs-tree paths of the pages specsite generated in this build (sanitised after rendering)
        self.generated: set[str] = set()
        #: docs-tree path -> title (plain text) of each page specsite generated in this build
        self.titles: dict[str, str] = {}
        #: docs-tree path -> the raw HTML a generated page keeps out of Markdown, by marker
        self.html_blocks: dict[str, dict[str, str]] = {}
        #: what a preview build (diff_base) adds; None in every other build
        self.preview: Preview | None = None
        #: the offline script is part of the site (Material with a repository widget)
        self.offline_script = False
        self.dirty = False
        #: a one-off ``mkdocs build`` (its CLI said so): what is alive when pages start rendering
        #: (specs, files, navigation) stays alive to the end, so collections skip it
        self._one_build = False
        #: gc.freeze() was called by this build and is undone when it ends
        self._frozen = False
        self.replay = PageReplay()
        #: serve: full garbage collections between rebuilds, not inside them
        self.collector = ServeCollector()
        #: serve: files, read results and pages of each kind, reused while their inputs are
        #: unchanged (ADR-0021); its hashes of input files serve the whole-inputs key too
        self._memo = PipelineMemo()
        self._inputs = self._memo.inputs
        #: serve: the hash of the inputs (and of what the preview depends on), the pipeline's
        #: results, and the pages made from them per site context (diff marks included)
        self._kept: tuple[str, SpecSet, dict[str, list[GeneratedPage]]] | None = None
        #: serve: per page, the Markdown given, what its links read of the graph, and the
        #: Markdown with links
        self._linked: dict[str, tuple[str, Any, str]] = {}
        #: serve: per page, the HTML sanitised (whole, compared, never a hash) and the result
        self._clean: dict[str, tuple[str, str]] = {}
        self._nav: Navigation | None = None
        #: docs-tree path of each spec file inside docs_dir published as a generated page -> that page
        self.moved: dict[str, str] = {}
        #: serve: the theme's compiled templates (MkDocs makes a new environment every build)
        self._templates = MemoryBytecodeCache()
        #: serve: the previous build's files, kept while this build runs (ADR-0023)
        self._previous: PreviousBuild | None = None
        #: the search index's tags (kept from build to build while serving)
        self._search_tags = search_keys.SearchTags()
        #: the spec files inside docs_dir, per docs folder and Markdown spec files with a page
        self._docs_sources: tuple[tuple[str, tuple[tuple[str, str], ...]],
                                  list[tuple[str, str]]] | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None
                    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """Validate the options with the pydantic model: unknown options are errors."""
        errors, warnings = super().load_config({}, config_file_path)
        try:
            self.options = SpecsiteConfig.model_validate(options or {})
        except ValidationError as exc:
            return [*errors, *error_pairs(exc)], warnings  # type: ignore[list-item]
        return errors, warnings

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        self._one_build = command in ("build", "gh-deploy")

    @property
    def serving(self) -> bool:
        """A ``mkdocs serve`` session (not ``--dirty``): caches live from build to build."""
        return self.command == "serve" and not self.dirty

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.collector.build_starts()
        if self.options.enabled:
            self.replay.start(config, self.serving)
            if self.serving:
                # kept only when there are pages to replay from it (ADR-0023)
                self._previous = set_aside(config.site_dir, keep=bool(self.replay.records))
                if self._previous is not None:
                    self.replay.keeping = True
                    _MKDOCS_BUILD_LOG.addFilter(self.replay.quiet)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.options.enabled:
            return config
        for ext in EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        # code examples sit inside lists (API responses): only superfences (shipped with Material)
        # nests fences there; it takes over from MkDocs' built-in fenced_code
        if "pymdownx.superfences" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.superfences")
        for name in ASSETS:
            _link_asset(config, f"assets/specsite/{name}")
        self.offline_script = self.options.offline and offline.prepare(config, log)
        search_keys.configure_separator(config, log)
        if not self.options.offline and config.theme.name == "material" and \
                config.theme.get("font") is not False:
            log.info("Material loads Google Fonts from a CDN; set 'theme.font: false' so the "
                     "site works offline")
        if diff_base(self.options.diff_base) and isinstance(config.nav, list):
            config.nav.append({"Changes": CHANGES_PAGE})
        root = Path(config.config_file_path or ".").resolve().parent
        project = Project(root)
        for path in (*self.options.adrs, *self.options.prds, *self.options.c4, *self.options.openapi,
                     *self.options.debt):
            candidate = project.absolute(path)
            if candidate.exists() and str(candidate) not in config.watch:
                config.watch.append(str(candidate))
        return config

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.options.enabled:
            return files
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        project = Project(config_file.parent, config_file=config_file.name)
        self.specs = specs = self._pipeline(project, Path(config.docs_dir))
        reported = {f.file for f in specs.findings if f.code == OUTSIDE_ROOT.code}
        refused = [f for f in _unpublishable(project, files, _installed_theme_dirs(config))
                   if f.file not in reported]
        # a copy: results kept for the next serve build must not gather this build's findings
        self.specs = specs = copy.copy(specs)
        specs.findings = apply_severities(specs.findings + refused, self.options.rules)
        self._log(specs.findings)
        docs_prefix = "../" * len(Path(project.rel(config.docs_dir)).parts)
        self.preview = self._preview(project, config_file, specs, config)
        site = SiteContext(use_directory_urls=config.use_directory_urls,
                           diff_marks=self.preview.marks if self.preview else {})
        self.generated, self.titles, self.html_blocks = set(), {}, {}
        pages = self._pages(specs, site)
        # an explicit nav lists what its author wants; the generated pages it leaves out are
        # reached from the indexes, not announced one by one as "not included in the nav"
        in_explicit_nav = listed_paths(config.nav) if config.nav is not None else None
        self.moved = _take_over_sources(project, files, config,
                                        self._sources_in_docs(project, specs, config, pages))
        if self.preview is not None:
            existing = {p.path for p in pages} | {f.src_uri for f in files}
            pages = [*pages, *self.preview.pages(existing)]
        for page in pages:
            # what only drawing finds (a layout over its work budget) is reported as it is drawn
            self._log(apply_severities(page.findings, self.options.rules))
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"specsite: the generated page {page.path} would replace "
                                  f"{posixpath.join(project.rel(config.docs_dir), page.path)}")
            # pages the navigation does not list link up to the indexes that do (site_map)
            in_nav = page.in_nav if in_explicit_nav is None else page.path in in_explicit_nav
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
            self.generated.add(file.src_uri)
            self.titles[file.src_uri] = page.title
            if page.html:
                self.html_blocks[file.src_uri] = page.html
            if page.source:
                file.edit_uri = docs_prefix + page.source
            files.append(file)
        for result in specs.results.values():
            for path, source in sorted(result.assets.items()):
                if not _shipped(source):
                    try:
                        project.confine_file(source)  # listed confined; checked again when copied
                    except (OutsideProjectError, OSError):
                        continue
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, abs_src_path=source))
                _link_asset(config, path)
        for name in ASSETS:
            content = resources.files("specsite").joinpath("assets", name).read_text(encoding="utf-8")
            files.append(File.generated(config, f"assets/specsite/{name}", content=content))
        if self.offline_script:
            files.append(File.generated(config, offline.SCRIPT_PATH, content=offline.script(config)))
        errors = [f for f in specs.findings if f.severity is Severity.ERROR]
        if errors and self.command != "serve":
            raise PluginError(f"specsite: {len(errors)} spec error(s), listed above")
        return files

    def _preview(self, project: Project, config_file: Path, specs: SpecSet,
                 config: MkDocsConfig) -> Preview | None:
        """The preview of the changes since ``diff_base`` (None when it is not set)."""
        revision = diff_base(self.options.diff_base)
        if not revision:
            return None
        try:
            return build_preview(project.root, config_file.name, specs, revision,
                                 config.use_directory_urls)
        except DiffUsageError as exc:
            raise PluginError(f"specsite: diff_base {revision}: {exc}") from None

    def _pipeline(self, project: Project, docs_dir: Path) -> SpecSet:
        """The pipeline's results; when serving, those of the previous build while no input file
        changed (a save that changes nothing in the specs costs only the hashing)."""
        if not self.serving:
            return load_specs(project, self.options, docs_dir)
        roots: list[Path | str] = [docs_dir]
        for options in (self.options, *([self._kept[1].config] if self._kept else [])):
            roots += [*options.adrs, *options.prds, *options.c4, *options.openapi, *options.debt]
        if self._kept is not None:
            roots += self._kept[1].sources()
        # the preview's base (the option, or SPECSITE_DIFF_BASE) is part of the key: changing it
        # starts afresh, whatever the preview is made of
        settings = self.options.model_dump_json() + "\0" + (diff_base(self.options.diff_base) or "")
        self._inputs.new_build()
        key = self._inputs.digest(project, roots, settings)
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, load_specs(project, self.options, docs_dir, self._memo), {})
        return self._kept[1]

    def _pages(self, specs: SpecSet, site: SiteContext) -> list[GeneratedPage]:
        """The generated pages; when serving, kept with the results for the same site context
        (a preview's diff marks are in it, so a changed preview renders afresh)."""
        if not self.serving or self._kept is None:
            return specs.pages(site)
        by_site = self._kept[2]
        key = repr(site)
        if key not in by_site:
            by_site.clear()
            by_site[key] = specs.pages(site)
        return by_site[key]

    def _sources_in_docs(self, project: Project, specs: SpecSet, config: MkDocsConfig,
                         pages: list[GeneratedPage]) -> list[tuple[str, str]]:
        """:func:`_spec_sources_in_docs`, worked out again only when the docs folder or the
        Markdown spec files with a generated page changed (resolving thousands of paths is a
        second a build; listing them is a hundredth of that)."""
        generated = frozenset(p.path for p in pages)
        key = (config.docs_dir, _markdown_sources(specs, generated))
        kept = self._docs_sources
        if kept is None or kept[0] != key:
            kept = self._docs_sources = (key, _spec_sources_in_docs(project, config, key[1]))
        return kept[1]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self._nav = nav
        if self.options.enabled:
            if config.nav is None:
                name_sections(nav, self.generated)
            self.replay.files(files, config)
            self._set_aside()
        return nav

    def _set_aside(self) -> None:
        """In a one-off build, leave what is alive now out of every later collection.

        Rendering thousands of pages allocates millions of objects, and each collection would
        scan the specs, files, navigation and pages made so far again (6 s of a 70 s build at
        10,000 requirements); they live to the end of the build, which gives them back
        (:meth:`_thaw`)."""
        if self._one_build:
            gc.freeze()
            self._frozen = True

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.options.enabled or self._nav is None:
            return env
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self._templates
        self._set_aside()  # and the pages' HTML, kept to the end too
        return self.replay.environment(env, config, self._nav, files)

    @event_priority(-100)  # after the search plugin indexed the page
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        if self.options.enabled:
            self.replay.context(page)
        return context

    @event_priority(-100)  # last: the page's final HTML
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.replay.output(page, output) if self.options.enabled else output

    def on_build_error(self, *, error: Exception) -> None:
        self.replay.records = {}  # a failed build leaves nothing to compare with
        self.replay.unwritten = {}
        previous, self._previous = self._previous, None
        _MKDOCS_BUILD_LOG.removeFilter(self.replay.quiet)
        if previous is not None:
            previous.discard()  # the half-written site is set aside by the next build
        self.replay.finish()
        self._thaw()
        self.collector.build_ends()

    def _thaw(self) -> None:
        """Let collections look at what :meth:`on_env` set aside again (the build is over)."""
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable
                 ) -> LiveReloadServer | None:
        """Also watch what the first build read beyond the configured paths (``!include``d DSL,
        ``$ref``'d OpenAPI parts in other folders)."""
        if self.specs is not None:
            watched = set(config.watch)
            for source in self.specs.sources():
                if source not in watched and Path(source).exists():
                    server.watch(source)
        if self.serving:
            self.collector.activate()
        return server

    def on_shutdown(self) -> None:
        self.collector.stop()

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.options.enabled:
            return markdown
        uri = page.file.src_uri
        if self.untrusted and uri not in self.generated:
            page.meta = _untrusted_meta(page.meta)
        if self.specs is None:
            return markdown
        if self.preview is not None:
            markdown = self.preview.apply(markdown, uri)
        if uri not in self.generated:
            markdown = retarget(markdown, uri, self.moved)
        graph = self.specs.graph
        kept = self._linked.get(uri)
        if kept is not None and kept[0] == markdown and still_true(kept[1], graph):
            linked = kept[2]
        elif self.serving:
            # the entities the links name were read through a recording view: the links stand
            # while those entities' IDs, titles and pages do, whatever else changed in the graph
            recording = RecordingGraph(graph)
            linked = link_references(markdown, uri, recording)  # type: ignore[arg-type]
            self._linked[uri] = (markdown, recording.reads, linked)
        else:
            linked = link_references(markdown, uri, graph)
        blocks = self.html_blocks.get(uri)
        # the HTML put in after Markdown is part of what the page is made of
        key = linked if not blocks else "\0".join([linked, *blocks.values()])
        self.replay.content(page, key, uri in self.generated)
        return linked

    @event_priority(-50)  # after the search plugin wrote its index, before others copy it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Each entity's IDs become tags of its entry in Material's search index; the replayed
        pages' files are moved back from the previous build; what this build made is what the
        next ``mkdocs serve`` build replays from."""
        if self.options.enabled and self.specs is not None:
            self._search_tags.add(config.site_dir, self.specs, config.use_directory_urls)
        # last of all the build's writing: pages are only replayed (and so left unwritten) when
        # every other plugin is one replay knows, and none of those writes after this priority
        previous, self._previous = self._previous, None
        _MKDOCS_BUILD_LOG.removeFilter(self.replay.quiet)
        self.replay.put_back(previous)
        self.replay.finish()
        if self.replay.enabled:
            log.debug(f"replayed {self.replay.replayed_output} pages, "
                      f"{self.replay.replayed_content} without Markdown")
        self._thaw()
        self.collector.build_ends()

    @event_priority(-100)  # last: after every other plugin has changed the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Spec content is untrusted: the rendered HTML of a generated page (and of every page in
        untrusted mode) keeps only what the allow-list allows."""
        if not self.options.enabled:
            return html
        self.replay.rendered(page, html)
        if page.file.src_uri in self.generated or self.untrusted:
            if "title" not in page.meta:
                # The title MkDocs takes from the first heading is HTML (a spec title's "<" is
                # "&#60;" there), and Material writes it into <title> through ``striptags``, which
                # decodes it: "</title><script>" would come back. A meta title is written as it is.
                # MkDocs reads a heading only when it comes first: on a page with up links above
                # it (site_map), the title is the generated page's own.
                heading = page._title_from_render
                title = html_unescape(heading) if heading else self.titles.get(page.file.src_uri)
                if title is None and page.title:
                    title = html_unescape(page.title)
                if title:
                    page.meta["title"] = html_attr(title)
            clean = self.replay.sanitised(page, html)
            if clean is None:
                full = put_back(html, self.html_blocks.get(page.file.src_uri, {}))
                clean = self._sanitised(page.file.src_uri, drop_empty_header_rows(full))
                self.replay.keep_sanitised(page, clean)
            return clean
        return html

    def _sanitised(self, uri: str, html: str) -> str:
        """:func:`sanitise_html`, remembered with the whole HTML it was given while serving (the
        HTML is compared, not hashed: a page never gets the result of other HTML)."""
        if not self.serving:
            return sanitise_html(html)
        kept = self._clean.get(uri)
        if kept is None or kept[0] != html:
            kept = self._clean[uri] = (html, sanitise_html(html))
        return kept[1]

    @property
    def untrusted(self) -> bool:
        """Hand-written pages are untrusted too (the option, or SPECSITE_UNTRUSTED=1 in CI)."""
        return self.options.untrusted or os.environ.get("SPECSITE_UNTRUSTED", "") not in ("", "0")

    @staticmethod
    def _log(findings: list[Finding]) -> None:
        for f in findings:
            text = log_line(f"{f.location() or '(project)'}: {f.code} {f.message}")
            if f.severity is Severity.ERROR:
                log.error(text)
            elif f.severity is Severity.WARNING:
                log.warning(text)
            else:
                log.info(text)


def _shipped(source: str) -> bool:
    """True for a file of specsite's own package (the diagram script), not of the repository."""
    return Path(source).resolve().is_relative_to(_PACKAGE) and not os.path.islink(source)


def _installed_theme_dirs(config: MkDocsConfig) -> list[str]:
    """The folders of installed themes: trusted software, unlike the repository's own
    ``custom_dir`` (whose files are checked like the docs folder's). An installed theme may live
    inside the project (a ``.venv`` in the checkout) and is still installed software."""
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    return [str(Path(folder).resolve()) + "/" for folder in config.theme.dirs
            if Path(folder).resolve() != custom]


def _unpublishable(project: Project, files: Files, trusted: list[str]) -> list[Finding]:
    """Take out of the site every file MkDocs would copy from the repository (docs folder, theme
    ``custom_dir``) that comes from outside the project (a symlink), from a hidden folder
    (``docs_dir: .git``) or from something that is not a regular file; each becomes a finding."""
    findings = []
    for file in list(files):
        if file.generated_by is not None or not file.abs_src_path or file.inclusion.is_excluded():
            continue
        if os.path.realpath(os.path.dirname(file.abs_src_path)).startswith(tuple(trusted)) and \
                not os.path.islink(file.abs_src_path):
            continue
        try:
            project.confine_file(file.abs_src_path)
        except (OutsideProjectError, OSError) as exc:
            files.remove(file)
            findings.append(OUTSIDE_ROOT.at(f"not published: {exc}", project.rel(file.abs_src_path), 1))
    return findings


def _take_over_sources(project: Project, files: Files, config: MkDocsConfig,
                       sources: list[tuple[str, str]]) -> dict[str, str]:
    """Spec files kept inside ``docs_dir`` (``adrs: docs/decisions``, MADR's default) are published
    once, as their generated pages: the Markdown files MkDocs found there leave the site (images and
    other files beside them stay), and one line says so, so a decision is never published twice.
    ``sources`` are the spec files' docs-tree paths and pages (:func:`_spec_sources_in_docs`).
    Returns each taken file's docs-tree path -> its generated page (hand-written links to the
    file are pointed there: :func:`specsite.core.moved_links.retarget`)."""
    taken: dict[str, str] = {}
    by_uri = files.src_uris
    for path, page in sources:
        file = by_uri.get(path)
        if file is not None and file.generated_by is None and path != page:
            files.remove(file)
            taken[file.src_uri] = page
    if taken:
        where = sorted({posixpath.dirname(posixpath.join(project.rel(config.docs_dir), uri)) for uri in taken})
        log.info(log_line(f"{len(taken)} spec file(s) in {', '.join(where)} are published as "
                          f"their generated pages, not as written: links to the files lead to those "
                          f"pages (or write [[ID]])"))
    return taken


def _markdown_sources(specs: SpecSet, generated: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The file and page of each entity read from a Markdown file whose page is generated (a
    hand-written page is an entity too, and is its own page: one a generated page would replace
    is an error)."""
    return tuple((entity.file, entity.page) for entity in specs.graph
                 if entity.file and entity.page in generated
                 and entity.file.lower().endswith((".md", ".markdown")))


def _spec_sources_in_docs(project: Project, config: MkDocsConfig,
                          sources: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The docs-tree path and generated page of each Markdown spec file inside ``docs_dir``."""
    docs = Path(config.docs_dir).resolve()
    found: list[tuple[str, str]] = []
    folders: dict[str, Path] = {}  # each folder resolved once: thousands of specs share a few
    for file, page in sources:
        absolute = project.absolute(file)
        folder = str(absolute.parent)
        if folder not in folders:
            folders[folder] = absolute.parent.resolve()
        source = absolute.resolve() if absolute.is_symlink() else folders[folder] / absolute.name
        if source.is_relative_to(docs):
            found.append((source.relative_to(docs).as_posix(), page))
    return found


def _untrusted_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Front matter of an untrusted page as the theme may use it: ``template`` (which would pick
    any template, ``redirect.html`` writes ``location`` into a script) is dropped, and every text
    is escaped, since Material writes titles, descriptions and authors into HTML and attributes
    as they are."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return html_attr(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {html_attr(k): clean(v) for k, v in value.items()}
        return value

    return {k: clean(v) for k, v in meta.items() if k != "template"}


def _link_asset(config: MkDocsConfig, path: str) -> None:
    """Load a stylesheet or script on every page (pages are rendered after ``on_files``)."""
    if path.startswith("assets/specsite/") and path.endswith((".css", ".js")):
        target = config.extra_css if path.endswith(".css") else config.extra_javascript
        if path not in [str(x) for x in target]:
            target.append(path)
