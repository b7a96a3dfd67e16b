"""Spec content cannot run script in built C4 and OpenAPI pages (issue 8).

Every field of a Structurizr workspace (elements of each type, relationships, views, dynamic steps,
deployment nodes, groups, styles, ``url``, ``!docs`` pages) and of an OpenAPI description (info,
servers, tags, paths, operations, parameters, headers, properties, examples, enums, defaults,
security schemes, responses, webhooks) holds script payloads. The site is built for real, then
checked twice: the raw HTML (no event handler, no script but the theme's, no ``javascript:`` or
``data:`` link) and the pages loaded in Chromium (nothing ran). Ordinary values still read right.
"""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from project_fixtures import write_files

sys.path.insert(0, str(Path(__file__).parent))
from xss_probe import CHROMIUM, pages_of, script_ran  # noqa: E402

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</title><img src=x onerror=alert(0)>",
    '"><svg onload=alert(2)>',
    "`` <img src=x onerror=alert(3)> ``",
    "[x](javascript:alert(4))",
    "[y][r]",
    "<a href='&#106;avascript:alert(5)'>e</a>",
    "<a href='\x01javascript:alert(6)'>c</a>",
    "<script>window.__pwned='script'</script>",
    "[[c4:shop|<img src=x onerror=alert(7)>]]",
    "<img src=https://evil.example/x.png>",
    "<div <img src=x onerror=alert(8)//",
    '{: autofocus onfocus="alert(9)"}',
]
#: every payload on one line; the attr_list one last, where it would apply to the block it ends
ALL = " ".join(PAYLOADS)
#: the same as Markdown prose: payloads at line starts, a reference definition, an open fence
PROSE = "\n\n".join([*PAYLOADS, "[r]: javascript:alert(10)", "</div></td></tr></table>",
                     "<!-- open comment", "```", "never closed"])
BAD_URLS = ["javascript:alert(11)", "data:text/html,<script>alert(12)</script>",
            "\x01javascript:alert(13)", "javascript://x%0aalert(14)", " JaVaScRiPt:alert(15)"]
BAD_COLOURS = ['#fff" onload="alert(16)', "red;fill:url(javascript:alert(17))",
               "url(https://evil.example/x)", "#12345g"]


def named(field: str) -> str:
    """A field's payload value, named so a leak says which field it came from."""
    return f"{field} {ALL}"


def q(text: str) -> str:
    """A DSL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- a C4 workspace with a payload in every field -------------------------------------------------

def _workspace() -> str:
    n = lambda field: q(named(field))  # noqa: E731
    return f"""
workspace {n("workspace name")} {n("workspace description")} {{
    !identifiers hierarchical
    !docs docs
    model {{
        user = person {n("person name")} {n("person description")} {n("person tag")}
        group {n("group name")} {{
            shop = softwareSystem {n("system name")} {n("system description")} {n("system tag")} {{
                url {q(BAD_URLS[0])}
                properties {{
                    {n("property key")} {n("property value")}
                    "plain|key" "a|b"
                }}
                perspectives {{
                    {n("perspective name")} {n("perspective description")}
                }}
                web = container {n("container name")} {n("container description")} {n("container technology")} {n("container tag")} {{
                    url {q(BAD_URLS[1])}
                    api = component {n("component name")} {n("component description")} {n("component technology")} {{
                        url {q(BAD_URLS[2])}
                    }}
                }}
                db = container "Database" "Stores." "SQL" {{
                    url {q(BAD_URLS[3])}
                }}
                worker = container "Worker" "Works." "Go" {{
                    url {q(BAD_URLS[4])}
                }}
                docs = container "Docs" "Good link." "HTML" {{
                    url "https://example.com/docs?a=1&b=2"
                }}
            }}
        }}
        other = softwareSystem "Other" "Elsewhere."
        custom = element {n("custom name")} {n("custom metadata")} {n("custom description")}
        user -> shop.web {n("relationship description")} {n("relationship technology")} {n("relationship tag")}
        shop.web.api -> shop.db "Reads" "SQL"
        shop.web -> other {n("implied description")}
        live = deploymentEnvironment {n("environment")} {{
            deploymentNode {n("node name")} {n("node description")} {n("node technology")} {n("node tag")} {n("instances")} {{
                containerInstance shop.web
                infrastructureNode {n("infrastructure name")} {n("infrastructure description")} {n("infrastructure technology")}
            }}
        }}
    }}
    views {{
        systemContext shop {n("view key")} {n("view description")} {{
            include *
            title {n("view title")}
        }}
        container shop "Containers" {n("container view description")} {{
            include *
        }}
        component shop.web "Components" {{
            include *
        }}
        dynamic shop "Steps" {n("dynamic description")} {{
            user -> shop.web {n("step text")}
        }}
        deployment shop {n("environment")} "Deploy" {n("deployment description")} {{
            include *
        }}
        image * "Picture" {{
            image {q(BAD_URLS[0] + " " + ALL)}
            title {n("image title")}
        }}
        styles {{
            element {n("system tag")} {{
                background {q(BAD_COLOURS[0])}
                color {q(BAD_COLOURS[1])}
                stroke {q(BAD_COLOURS[2])}
                shape {n("shape")}
                icon {q(BAD_URLS[0])}
            }}
            element {n("container tag")} {{
                background {q(BAD_COLOURS[3])}
                colour {q(BAD_COLOURS[0])}
            }}
            relationship {n("relationship tag")} {{
                color {q(BAD_COLOURS[0])}
            }}
        }}
    }}
}}
"""


C4_FILES = {
    "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                  "plugins:\n  - search\n  - specsite:\n      c4: arch/workspace.dsl\n",
    "docs/index.md": "# Home\n",
    "arch/docs/01-prose.md": f"# Prose\n\n{PROSE}\n",
    # MkDocs would read metadata (a title the theme prints unescaped) from a page's first lines
    "arch/docs/02-meta.md": "Title: <img src=x onerror=alert(20)>\n"
                            "Description: \"><img src=x onerror=alert(21)>\n\n# Meta\n\nText.\n",
    "arch/docs/03-double.md": "---\ntitle: Double\n---\n---\ntitle: \"<img src=x onerror=alert(22)>\"\n"
                              "description: \"\\\"><img src=x onerror=alert(23)>\"\n---\n# Double\n",
    "arch/docs/04-untitled.md": "---\ntitle: \"Untitled <img src=x onerror=alert(24)> {: onclick=x}\"\n---\n"
                                "No heading.\n",
    "arch/docs/evil.html": "<script>alert(25)</script>\n",
    "arch/docs/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(26)"/>\n',
    "arch/docs/ok.png": b"\x89PNG\r\n\x1a\n",
}


# -- an OpenAPI description with a payload in every field ----------------------------------------

FENCE_EXAMPLE = "before\n```\n<img src=x onerror=alert(30)>\n~~~\n````\nafter the fences"


def _field_schema(field: str) -> dict:
    return {"type": "string", "description": PROSE, "pattern": named(f"{field} pattern"),
            "example": named(f"{field} example"), "enum": [named(f"{field} enum")],
            "default": named(f"{field} default"), "format": named(f"{field} format")}


def _operation(field: str) -> dict:
    return {
        "operationId": named(f"{field} operationId"),
        "summary": named(f"{field} summary"),
        "description": PROSE,
        "tags": [named("tag name")],
        "externalDocs": {"url": BAD_URLS[3], "description": named(f"{field} docs")},
        "security": [{named("scheme name"): [named("scope")]}],
        "parameters": [{"name": named(f"{field} parameter"), "in": "query", "description": PROSE,
                        "schema": _field_schema(f"{field} parameter")}],
        "requestBody": {"description": PROSE, "content": {"application/json": {
            "schema": {"type": "object", "description": PROSE, "properties": {
                named(f"{field} property"): _field_schema(f"{field} property"),
                "a|b": {"type": "string", "description": "Pipe | in a name."},
                "fenced": {"type": "string", "example": FENCE_EXAMPLE}}},
            "example": FENCE_EXAMPLE}}},
        "responses": {"200": {
            "description": PROSE,
            "headers": {named(f"{field} header"): {"description": PROSE,
                                                  "schema": _field_schema(f"{field} header")}},
            "content": {named("media type"): {
                "schema": {"$ref": f"#/components/schemas/{named('schema name')}"},
                "examples": {named("example name"): {"summary": named("example summary"),
                                                     "value": {"k": ALL, "fence": FENCE_EXAMPLE}}}}}}},
    }


def _openapi() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": named("info title"), "version": named("info version"), "description": PROSE,
                 "contact": {"name": named("contact name"), "url": BAD_URLS[0], "email": named("email")},
                 "license": {"name": named("license name"), "url": BAD_URLS[1]}},
        "externalDocs": {"url": BAD_URLS[2], "description": named("root docs")},
        "servers": [{"url": named("server url"), "description": PROSE,
                     "variables": {named("variable"): {"default": named("variable default"),
                                                      "enum": [named("variable enum")],
                                                      "description": PROSE}}},
                    {"url": "https://api.example.com/v1", "description": "Production."}],
        "tags": [{"name": named("tag name"), "description": PROSE,
                  "externalDocs": {"url": BAD_URLS[4], "description": named("tag docs")}}],
        "security": [{named("scheme name"): []}],
        "paths": {f"/pets/{{id}}/{ALL}": {"get": _operation("get")},
                  "/plain": {"get": {"operationId": "plain", "summary": "Plain",
                                     "externalDocs": {"url": "https://example.com/guide"},
                                     "responses": {"204": {"description": "Nothing."}}}}},
        "webhooks": {named("webhook name"): {"post": _operation("webhook")}},
        "components": {
            "schemas": {named("schema name"): {"type": "object", "description": PROSE,
                                               "example": {"fence": FENCE_EXAMPLE},
                                               "externalDocs": {"url": BAD_URLS[0]},
                                               "properties": {named("component property"):
                                                              _field_schema("component property")}}},
            "securitySchemes": {named("scheme name"): {"type": "apiKey", "name": named("key name"),
                                                       "in": "header", "description": PROSE}}},
    }


API_FILES = {
    "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                  "plugins:\n  - search\n  - specsite:\n      openapi: apis/pets.yaml\n",
    "docs/index.md": "# Home\n",
    # JSON is YAML: json.dumps writes every payload (control characters too) as a valid string
    "apis/pets.yaml": json.dumps(_openapi(), indent=1),
}


# -- building and reading ----------------------------------------------------------------------

def build_anyway(root: Path) -> Path:
    """Build the site even though the specs have errors (as ``mkdocs serve`` does): every page
    with a payload is written, so every page can be checked."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


@pytest.fixture(scope="module")
def c4_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_files(tmp_path_factory.mktemp("c4"), {**C4_FILES, "arch/workspace.dsl": _workspace()})
    return build_anyway(root)


@pytest.fixture(scope="module")
def api_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_anyway(write_files(tmp_path_factory.mktemp("api"), API_FILES))


_URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "data", "srcset", "poster"}
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):")
_FOREIGN = {"iframe", "object", "embed", "form", "base", "meta", "link", "style", "frame"}


class _Audit(HTMLParser):
    """What in one page's HTML could run script (theme scripts and head elements excepted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_body = False
        self.in_content = False
        self.script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        for name, value in attrs:
            if name.startswith("on") or name in ("autofocus", "style", "formaction"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            plain = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in _URL_ATTRS and _BAD_SCHEME.match(plain):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("src", "xlink:href") and plain.startswith(("http:", "https:", "//")):
                self.problems.append(f"<{tag} {name}={value!r}> loads from another host")
        if tag == "script":
            # the theme's own: its bundle, specsite's scripts, and inline ones without a payload
            src = dict(attrs).get("src") or ""
            theme = not src or src.split("assets/")[-1].startswith(("javascripts/", "specsite/"))
            self.script = "" if theme else f"<script {attrs}>"
        elif self.in_content and tag in _FOREIGN:
            self.problems.append(f"<{tag}> in the content")
        if tag == "article":
            self.in_content = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            if self.script:
                self.problems.append(self.script)
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None and ("alert" in data or "__pwned" in data):
            self.problems.append(f"script text {data[:60]!r}")


def audit(site: Path, folder: str) -> dict[str, list[str]]:
    """Problems by page, for every built page under ``folder``."""
    found = {}
    for path in sorted((site / folder).rglob("*.html")):
        parser = _Audit()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.problems:
            found[str(path.relative_to(site))] = parser.problems
    return found


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(fragment: str) -> str:
    """The text a reader sees in an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(fragment)
    return " ".join("".join(parser.parts).split())


def shown(value: str) -> str:
    """A one-line value as a page shows it: control characters replaced, whitespace collapsed."""
    return " ".join(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", value).split())


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def main_of(doc: str) -> str:
    return doc.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


# -- C4 ----------------------------------------------------------------------------------------

def test_c4_pages_carry_no_script(c4_site):
    pages = [p for p in pages_of(c4_site) if p.startswith("architecture/")]
    assert len(pages) >= 12  # index, 5 views, system, 5 containers, component, 4 docs pages
    assert audit(c4_site, "architecture") == {}


def test_c4_values_read_as_written(c4_site):
    system = page(c4_site, "architecture/shop/index.html")
    assert re.search(r"<h1[^>]*>(.*?)</h1>", system, re.S) is not None
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", system, re.S).group(1)
    assert text_of(h1) == shown(named("system name"))
    body = text_of(main_of(system))
    for field in ("system description", "property key", "property value", "perspective name",
                  "perspective description", "system tag", "group name"):
        assert shown(named(field)) in body, field
    assert "plain|key a|b" in body  # a pipe does not split the properties table
    # unsafe URLs are text; a safe one is a link
    assert "javascript:alert(11)" in body and 'href="javascript' not in system
    docs = page(c4_site, "architecture/shop.docs/index.html")
    assert '<a href="https://example.com/docs?a=1&amp;b=2">https://example.com/docs?a=1&amp;b=2</a>' in docs
    for rel, url in (("shop.web", BAD_URLS[1]), ("shop.web.api", BAD_URLS[2]), ("shop.db", BAD_URLS[3]),
                     ("shop.worker", BAD_URLS[4])):
        doc = page(c4_site, f"architecture/{rel}/index.html")
        assert shown(url) in text_of(main_of(doc)), rel
        assert not re.search(r"<a [^>]*href=\"[^\"]*(alert\(|javascript:|data:)", doc), rel


def test_c4_diagrams_draw_payloads_as_text_and_bad_colours_as_defaults(c4_site):
    view = page(c4_site, "architecture/views/" + next(
        p.name for p in (c4_site / "architecture/views").iterdir() if p.name.startswith("view-key")) + "/index.html")
    svg = re.search(r'<svg[^>]*class="c4-diagram".*?</svg>', view, re.S).group(0)
    assert not re.search(r"<[a-zA-Z]+[^>]* on[a-z]+=", svg)
    fills = set(re.findall(r'(?:fill|stroke)="([^"]*)"', svg))
    assert all(re.fullmatch(r"#[0-9a-f]{3,8}|none|[a-z]+", f) for f in fills), fills
    assert "url(" not in " ".join(fills)
    assert text_of(svg.split("<title", 1)[1].split(">", 1)[1].split("</title>")[0]) == shown(named("view title"))


def test_c4_docs_pages_cannot_set_metadata_or_publish_active_files(c4_site):
    # the metadata-looking lines are text of the page, not its title or description
    for name in ("02-meta", "03-double"):
        doc = page(c4_site, f"architecture/docs/workspace/{name}/index.html")
        head = doc.split("<body", 1)[0]
        assert "alert" not in head and "onerror" not in head, name
        assert "Title:" in text_of(main_of(doc)) or "title:" in text_of(main_of(doc)), name
    untitled = page(c4_site, "architecture/docs/workspace/04-untitled/index.html")
    assert text_of(re.search(r"<h1[^>]*>(.*?)</h1>", untitled, re.S).group(1)) == \
        "Untitled <img src=x onerror=alert(24)> {: onclick=x}"
    assert (c4_site / "architecture/docs/workspace/ok.png").is_file()
    assert not (c4_site / "architecture/docs/workspace/evil.html").exists()
    assert not (c4_site / "architecture/docs/workspace/evil.svg").exists()


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_c4_pages_run_nothing_in_chromium(c4_site):
    pages = [p for p in pages_of(c4_site) if p.startswith("architecture/")]
    assert script_ran(c4_site, pages, search=["onerror", "alert", "javascript"]) == []


# -- OpenAPI -----------------------------------------------------------------------------------

def test_api_pages_carry_no_script(api_site):
    pages = [p for p in pages_of(api_site) if p.startswith("api/")]
    assert len(pages) >= 4  # index, overview, a tag page, schemas
    assert audit(api_site, "api") == {}


def _tag_page(site: Path) -> str:
    folder = next(p for p in (site / "api/pets").iterdir() if p.name.startswith("tag-name"))
    return page(site, f"api/pets/{folder.name}/index.html")


def test_api_values_read_as_written(api_site):
    overview = page(api_site, "api/pets/index.html")
    body = text_of(main_of(overview))
    for field in ("info version", "server url", "variable", "variable default", "variable enum",
                  "scheme name", "key name", "contact name", "license name", "root docs"):
        assert shown(named(field)) in body, field
    assert text_of(re.search(r"<h1[^>]*>(.*?)</h1>", overview, re.S).group(1)) == shown(named("info title"))
    # a description cannot swallow what follows it: the servers table and the tags still render
    assert '<h2 id="servers">' in overview and '<h2 id="operations-by-tag">' in overview
    operations = _tag_page(api_site)
    text = text_of(main_of(operations))
    for field in ("get summary", "get parameter", "get parameter format", "get property",
                  "get property pattern", "get header", "example summary", "webhook name",
                  "webhook summary", "media type"):
        assert shown(named(field)) in text, field
    for field in ("get parameter enum", "get parameter default", "get property enum",
                  "get property default", "get header default"):
        assert shown(json.dumps(named(field), ensure_ascii=False)) in text, field
    example = shown(json.dumps(named("get property example"), ensure_ascii=False))
    assert example[:59] + "…" in text  # examples in a table are cut
    assert shown(f"/pets/{{id}}/{ALL}") in text
    # after every description (prose with an open fence, </div> and an open comment) the
    # operation's own sections still follow, as tables
    assert operations.count("<strong>Parameters</strong>") == 2
    assert operations.count("<strong>Responses</strong>") == 2
    # a property named with a pipe keeps its row of the schema tree, description included
    row = re.search(r'<li>((?:(?!<li).)*?<span class="specsite-schema-name">'
                    r'a\|b</span>.*?)</li>', operations, re.S).group(1)
    assert "Pipe | in a name." in html.unescape(row)
    # an example closing its own fence is shown whole
    blocks = [html.unescape(text_of(b)) for b in re.findall(r"<pre[^>]*>(.*?)</pre>", operations, re.S)]
    assert any(b.startswith("before ```") and b.endswith("after the fences") and "alert(30)" in b
               for b in blocks), blocks[:3]
    plain = page(api_site, "api/pets/default/index.html")
    assert '<a href="https://example.com/guide">https://example.com/guide</a>' in plain


def test_api_unsafe_urls_are_text(api_site):
    for rel in ("api/pets/index.html", "api/pets/schemas/index.html"):
        doc = page(api_site, rel)
        assert not re.search(r"<a [^>]*href=\"[^\"]*(alert\(|javascript:|data:)", doc), rel
    assert "javascript:alert(11)" in text_of(main_of(page(api_site, "api/pets/index.html")))


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_api_pages_run_nothing_in_chromium(api_site):
    pages = [p for p in pages_of(api_site) if p.startswith("api/")]
    assert script_ran(api_site, pages, search=["onerror", "alert", "pets"]) == []


# -- the escapers the pages use ----------------------------------------------------------------

def test_rendered_prose_becomes_one_inert_line():
    from specsite.core.escape import md_html

    line = md_html('<p>a|b [[ADR-1]] *x*\n<b onclick="x()">bold</b></p><pre>one\ntwo</pre>'
                   '<a href="javascript:alert(1)">j</a><div <img src=x onerror=alert(2)//')
    assert "\n" not in line and "|" not in line and "[" not in line and "*" not in line
    assert "<b>bold</b>" in line and "<pre>one&#10;two</pre>" in line and "<a>j</a>" in line
    assert "onclick" not in line and "onerror" not in line
    assert html.unescape(text_of(line)) == "a|b [[ADR-1]] *x* boldone twoj"


@pytest.mark.parametrize("url", BAD_URLS + ["&#106;avascript:alert(1)", "java\nscript:alert(1)", ""])
def test_unsafe_urls_are_text(url):
    from specsite.core.escape import md_link

    out = md_link(url)
    href = re.search(r'href="([^"]*)"', out)
    if href is None:
        assert "<" not in out
    else:  # only "&#106;avascript:" is a link: to a relative path of that name, as a browser reads it
        assert html.unescape(href.group(1)) == url == "&#106;avascript:alert(1)"


def test_safe_urls_are_links():
    from specsite.core.escape import md_link

    assert md_link("https://x.example/a|b?c=1&d=2", "Docs") == \
        '<a href="https&#58;//x&#46;example/a&#124;b?c&#61;1&#38;d&#61;2">Docs</a>'
    assert md_link("mailto:a@b.example").startswith('<a href="mailto&#58;')
