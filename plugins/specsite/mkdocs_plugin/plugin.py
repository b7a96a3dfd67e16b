"""The ``specsite`` MkDocs plugin.

on_config: validate options (pydantic), enable the Markdown extensions pages need, watch spec
folders. on_files: run the pipeline, log every finding, add generated pages and assets.
on_page_markdown: turn ``[[ID]]`` references into links on every page.
on_page_content: sanitise the HTML of every generated page (and of every page when the content is
untrusted) with the one allow-list of :mod:`specsite.core.sanitise`.
"""

from __future__ import annotations

import os
import posixpath
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Literal

from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from ..core.config import SpecsiteConfig, error_pairs
from ..core.findings import Finding, Severity
from ..core.kind import SiteContext
from ..core.pipeline import SpecSet, load_specs
from ..core.project import Project
from ..core.references import link_references
from ..core.sanitise import sanitise_html

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
        self.specs = specs = load_specs(project, self.options, Path(config.docs_dir))
        self._log(specs.findings)
        docs_prefix = "../" * len(Path(project.rel(config.docs_dir)).parts)
        site = SiteContext(use_directory_urls=config.use_directory_urls)
        self.generated = set()
        for page in specs.pages(site):
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
        return link_references(markdown, page.file.src_uri, self.specs.graph)

    @event_priority(-100)  # last: after every other plugin has changed the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Spec content is untrusted: the rendered HTML of a generated page (and of every page in
        untrusted mode) keeps only what the allow-list allows."""
        if not self.options.enabled:
            return html
        if page.file.src_uri in self.generated or self.untrusted:
            return sanitise_html(html)
        return html

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
