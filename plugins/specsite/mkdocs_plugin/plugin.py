"""The ``specsite`` MkDocs plugin.

on_config: validate options (pydantic), enable the Markdown extensions pages need, watch spec
folders. on_files: run the pipeline, log every finding, add generated pages and assets.
on_page_markdown: turn ``[[ID]]`` references into links on every page; escape the front matter of
untrusted pages (the theme writes it into the page unescaped); in a preview build (``diff_base`` or
SPECSITE_DIFF_BASE) put the change banner on pages whose entities changed.
on_page_content: sanitise the HTML of every generated page (and of every page when the content is
untrusted) with the one allow-list of :mod:`specsite.core.sanitise`, and give it a title the
theme's templates cannot misread.
"""

from __future__ import annotations

import os
import posixpath
from html import unescape as html_unescape
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Literal

from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from ..core.config import SpecsiteConfig, error_pairs
from ..core.escape import html_attr
from ..core.findings import Finding, Severity, apply_severities
from ..core.kind import SiteContext
from ..core.pipeline import SpecSet, load_specs
from ..core.project import OutsideProjectError, Project
from ..core.rules import OUTSIDE_ROOT
from ..core.references import link_references
from ..core.sanitise import sanitise_html
from ..core.tables import drop_empty_header_rows
from ..diff.command import DiffUsageError
from ..diff.preview import CHANGES_PAGE, Preview, build_preview, diff_base
from . import offline, search_keys
from ..reports.escape import log_line

log = get_plugin_logger(__name__)

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
        #: what a preview build (diff_base) adds; None in every other build
        self.preview: Preview | None = None
        #: the offline script is part of the site (Material with a repository widget)
        self.offline_script = False

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
        reported = {f.file for f in specs.findings if f.code == OUTSIDE_ROOT.code}
        refused = [f for f in _unpublishable(project, files, _installed_theme_dirs(config, project))
                   if f.file not in reported]
        specs.findings = apply_severities(specs.findings + refused, self.options.rules)
        self._log(specs.findings)
        docs_prefix = "../" * len(Path(project.rel(config.docs_dir)).parts)
        self.preview = self._preview(project, config_file, specs, config)
        site = SiteContext(use_directory_urls=config.use_directory_urls,
                           diff_marks=self.preview.marks if self.preview else {})
        self.generated = set()
        pages = specs.pages(site)
        _take_over_sources(project, files, specs, config, {p.path for p in pages})
        if self.preview is not None:
            existing = {p.path for p in pages} | {f.src_uri for f in files}
            pages += self.preview.pages(existing)
        for page in pages:
            # what only drawing finds (a layout over its work budget) is reported as it is drawn
            self._log(apply_severities(page.findings, self.options.rules))
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"specsite: the generated page {page.path} would replace "
                                  f"{posixpath.join(project.rel(config.docs_dir), page.path)}")
            file = File.generated(config, page.path, content=page.markdown)
            self.generated.add(file.src_uri)
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
        if not self.options.enabled:
            return markdown
        if self.untrusted and page.file.src_uri not in self.generated:
            page.meta = _untrusted_meta(page.meta)
        if self.specs is None:
            return markdown
        if self.preview is not None:
            markdown = self.preview.apply(markdown, page.file.src_uri)
        return link_references(markdown, page.file.src_uri, self.specs.graph)

    @event_priority(-50)  # after the search plugin wrote its index, before others copy it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Each entity's IDs become tags of its entry in Material's search index."""
        if self.options.enabled and self.specs is not None:
            search_keys.add_tags(config.site_dir, search_keys.keys_by_location(
                self.specs, config.use_directory_urls))

    @event_priority(-100)  # last: after every other plugin has changed the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Spec content is untrusted: the rendered HTML of a generated page (and of every page in
        untrusted mode) keeps only what the allow-list allows."""
        if not self.options.enabled:
            return html
        if page.file.src_uri in self.generated or self.untrusted:
            if "title" not in page.meta and page.title:
                # The title MkDocs takes from the first heading is HTML (a spec title's "<" is
                # "&#60;" there), and Material writes it into <title> through ``striptags``, which
                # decodes it: "</title><script>" would come back. A meta title is written as it is.
                page.meta["title"] = html_attr(html_unescape(page.title))
            return sanitise_html(drop_empty_header_rows(html))
        return html

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


def _installed_theme_dirs(config: MkDocsConfig, project: Project) -> list[str]:
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


def _take_over_sources(project: Project, files: Files, specs: SpecSet, config: MkDocsConfig,
                       generated: set[str]) -> None:
    """Spec files kept inside ``docs_dir`` (``adrs: docs/decisions``, MADR's default) are published
    once, as their generated pages: the Markdown files MkDocs found there leave the site (images and
    other files beside them stay), and one line says so, so a decision is never published twice."""
    docs = Path(config.docs_dir).resolve()
    taken: set[str] = set()
    for entity in specs.graph:
        # only a source whose entity has a page of its own among the generated ones (a hand-written
        # page is an entity too, and is its own page: one a generated page would replace is an error)
        if not entity.file or entity.page not in generated or \
                not entity.file.lower().endswith((".md", ".markdown")):
            continue
        source = project.absolute(entity.file).resolve()
        if not source.is_relative_to(docs):
            continue
        path = source.relative_to(docs).as_posix()
        file = files.get_file_from_path(path)
        if file is not None and file.generated_by is None and path != entity.page:
            files.remove(file)
            taken.add(file.src_uri)
    if taken:
        folders = sorted({posixpath.dirname(posixpath.join(project.rel(config.docs_dir), uri)) for uri in taken})
        log.info(log_line(f"{len(taken)} spec file(s) in {', '.join(folders)} are published as "
                          f"their generated pages, not as written: link to them as [[ID]]"))


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
