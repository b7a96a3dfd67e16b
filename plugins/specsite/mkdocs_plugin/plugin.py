"""The ``specsite`` MkDocs plugin.

on_config: validate options (pydantic), enable the Markdown extensions pages need, watch spec
folders. on_files: run the pipeline, log every finding, add generated pages and assets.
on_page_markdown: turn ``[[ID]]`` references into links on every page.
on_page_content: sanitise the HTML of every generated page (and of every page when the content is
untrusted) with the one allow-list of :mod:`specsite.core.sanitise`.

Under ``mkdocs serve`` the instance survives rebuilds: the pipeline's results are kept while its
input files hash the same, and unchanged generated pages are replayed (:mod:`.replay`).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
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
from ..core.findings import Finding, Severity
from ..core.inputs import InputHashes
from ..core.kind import GeneratedPage, SiteContext
from ..core.pipeline import SpecSet, load_specs
from ..core.project import Project
from ..core.references import link_references
from ..core.sanitise import sanitise_html
from .replay import PageReplay
from .set_aside import set_aside

log = get_plugin_logger(__name__)

ASSETS = ("specsite.css", "specsite.js")
EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "admonition")


class SpecsitePlugin(BasePlugin):
    """Specs (ADRs, PRDs, C4, OpenAPI) as generated, cross-linked, validated pages."""

    def __init__(self) -> None:
        self.options = SpecsiteConfig()
        self.specs: SpecSet | None = None
        self.command: str = "build"
        #: docs-tree paths of the pages specsite generated in this build (sanitised after rendering)
        self.generated: set[str] = set()
        self.dirty = False
        self.replay = PageReplay()
        self._inputs = InputHashes()
        #: serve: the pipeline's results and pages, and the hash of the inputs they came from
        self._kept: tuple[str, SpecSet, list[GeneratedPage]] | None = None
        #: serve: per page, the Markdown given, the graph, and the Markdown with links
        self._linked: dict[str, tuple[str, object, str]] = {}
        #: serve: per page, the hash of the HTML sanitised and the result
        self._clean: dict[str, tuple[str, str]] = {}
        self._nav: Navigation | None = None

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

    @property
    def serving(self) -> bool:
        """A ``mkdocs serve`` session (not ``--dirty``): caches live from build to build."""
        return self.command == "serve" and not self.dirty

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.options.enabled:
            self.replay.start(config, self.serving)
            if self.serving:
                set_aside(config.site_dir)

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
        if config.theme.name == "material" and config.theme.get("font") is not False:
            log.info("Material loads Google Fonts from a CDN; set 'theme.font: false' so the "
                     "site works offline")
        root = Path(config.config_file_path or ".").resolve().parent
        project = Project(root)
        for path in (*self.options.adrs, *self.options.prds, *self.options.c4, *self.options.openapi):
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
        site = SiteContext(use_directory_urls=config.use_directory_urls)
        self.specs, pages = self._pipeline(project, Path(config.docs_dir), site)
        specs = self.specs
        self._log(specs.findings)
        docs_prefix = "../" * len(Path(project.rel(config.docs_dir)).parts)
        self.generated = set()
        for page in pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"specsite: the generated page {page.path} would replace "
                                  f"{posixpath.join(project.rel(config.docs_dir), page.path)}")
            # pages the navigation does not list link up to the indexes that do (site_map)
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
            self.generated.add(file.src_uri)
            if page.source:
                file.edit_uri = docs_prefix + page.source
            files.append(file)
        for result in specs.results.values():
            for path, source in sorted(result.assets.items()):
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, abs_src_path=source))
                _link_asset(config, path)
        for name in ASSETS:
            content = resources.files("specsite").joinpath("assets", name).read_text(encoding="utf-8")
            files.append(File.generated(config, f"assets/specsite/{name}", content=content))
        errors = [f for f in specs.findings if f.severity is Severity.ERROR]
        if errors and self.command != "serve":
            raise PluginError(f"specsite: {len(errors)} spec error(s), listed above")
        return files

    def _pipeline(self, project: Project, docs_dir: Path, site: SiteContext
                  ) -> tuple[SpecSet, list[GeneratedPage]]:
        """The pipeline's results and pages; when serving, those of the previous build while no
        input file changed (a save that changes nothing in the specs costs only the hashing)."""
        if not self.serving:
            specs = load_specs(project, self.options, docs_dir)
            return specs, specs.pages(site)
        roots: list[Path | str] = [docs_dir]
        for options in (self.options, *([self._kept[1].config] if self._kept else [])):
            roots += [*options.adrs, *options.prds, *options.c4, *options.openapi]
        if self._kept is not None:
            roots += self._kept[1].sources()
        key = self._inputs.digest(project, roots, self.options.model_dump_json() + repr(site))
        if self._kept is None or self._kept[0] != key:
            specs = load_specs(project, self.options, docs_dir)
            self._kept = (key, specs, specs.pages(site))
        return self._kept[1], self._kept[2]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self._nav = nav
        if self.options.enabled:
            self.replay.files(files, config)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.options.enabled or self._nav is None:
            return env
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.replay.finish()
        if self.replay.enabled:
            log.debug(f"replayed {self.replay.replayed_output} pages, "
                      f"{self.replay.replayed_content} without Markdown")

    def on_build_error(self, *, error: Exception) -> None:
        self.replay.records = {}  # a failed build leaves nothing to compare with
        self.replay.finish()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable
                 ) -> LiveReloadServer | None:
        """Also watch what the first build read beyond the configured paths (``!include``d DSL,
        ``$ref``'d OpenAPI parts in other folders)."""
        if self.specs is not None:
            watched = set(config.watch)
            for source in self.specs.sources():
                if source not in watched and Path(source).exists():
                    server.watch(source)
        return server

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.options.enabled or self.specs is None:
            return markdown
        uri, graph = page.file.src_uri, self.specs.graph
        kept = self._linked.get(uri)
        if kept is not None and kept[0] == markdown and kept[1] is graph:
            linked = kept[2]
        else:
            linked = link_references(markdown, uri, graph)
            if self.serving:
                self._linked[uri] = (markdown, graph, linked)
        self.replay.content(page, linked, uri in self.generated)
        return linked

    @event_priority(-100)  # last: after every other plugin has changed the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Spec content is untrusted: the rendered HTML of a generated page (and of every page in
        untrusted mode) keeps only what the allow-list allows."""
        if not self.options.enabled:
            return html
        self.replay.rendered(page, html)
        if page.file.src_uri in self.generated or self.untrusted:
            clean = self.replay.sanitised(page)
            if clean is None:
                clean = self._sanitised(page.file.src_uri, html)
                self.replay.keep_sanitised(page, clean)
            return clean
        return html

    def _sanitised(self, uri: str, html: str) -> str:
        """:func:`sanitise_html`, remembered by the hash of the HTML while serving."""
        if not self.serving:
            return sanitise_html(html)
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        kept = self._clean.get(uri)
        if kept is None or kept[0] != digest:
            kept = self._clean[uri] = (digest, sanitise_html(html))
        return kept[1]

    @property
    def untrusted(self) -> bool:
        """Hand-written pages are untrusted too (the option, or SPECSITE_UNTRUSTED=1 in CI)."""
        return self.options.untrusted or os.environ.get("SPECSITE_UNTRUSTED", "") not in ("", "0")

    @staticmethod
    def _log(findings: list[Finding]) -> None:
        for f in findings:
            text = f"{f.location() or '(project)'}: {f.code} {f.message}"
            if f.severity is Severity.ERROR:
                log.error(text)
            elif f.severity is Severity.WARNING:
                log.warning(text)
            else:
                log.info(text)


def _link_asset(config: MkDocsConfig, path: str) -> None:
    """Load a stylesheet or script on every page (pages are rendered after ``on_files``)."""
    if path.startswith("assets/specsite/") and path.endswith((".css", ".js")):
        target = config.extra_css if path.endswith(".css") else config.extra_javascript
        if path not in [str(x) for x in target]:
            target.append(path)
