"""No spec value and no ``[[ID|label]]`` label runs script in a built site (issue 8, ADR-0012).

A real site is built into ``tmp_path`` with a payload in every structured field of a PRD and of
MADR and Nygard ADRs, in reference labels of docs pages and spec prose, and with hostile Markdown
in ADR and PRD bodies (and, when the site says its content is untrusted, in hand-written pages).
Each built page is then checked twice: its HTML parsed for handlers, scripts and ``javascript:``
URLs, and the page loaded in Chromium (``xss_probe.script_ran``). Every field's payload must also
read as the literal text it is: escaped, not dropped.
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
from xss_probe import CHROMIUM, script_ran  # noqa: E402


def payload(field: str) -> str:
    """What an attacker writes into ``field``: HTML, Markdown, attr_list, a reference, a table
    pipe and a ``</title>`` breakout, all tagged with the field's name."""
    return (f"{field} <img src=x onerror=\"window.__pwned='{field}'\"> "
            f"</title><script>window.__pwned='{field}'</script> *star* _under_ `tick` "
            f"[link](javascript:alert('{field}')) {{: onclick=\"alert('{field}')\" }} | [[ADR-0001]] &amp;")


#: free-text fields (titles, requirements, criteria...): literal text, except that a backtick
#: code span stays code, so the payload's `tick` reads as the code "tick"
CODE_SPAN_FIELDS = {
    "prd-title", "invalid-prd-title", "summary", "req-text", "nfr-text", "given", "when", "then",
    "edge-case", "metric-name", "non-goal", "risk", "mitigation", "question", "answer",
    "open-question", "milestone", "madr-title", "nygard-title", "target-metric",
    "story-want", "story-so-that",
}


def shown(field: str) -> str:
    """How the payload of ``field`` reads on its page."""
    text = " ".join(payload(field).split())
    return text.replace("`tick`", "tick") if field in CODE_SPAN_FIELDS else text


def label(field: str) -> str:
    """A payload for an ``[[ID|label]]`` label, which holds no brackets and no ``|``."""
    return (f"{field} <img src=x onerror=\"window.__pwned='{field}'\"> </title><script>"
            f"window.__pwned='{field}'</script> *star* {{: onclick=\"alert('{field}')\" }} &amp;")


def plain(field: str) -> str:
    """A payload for fields that read links or split on punctuation (statuses, names)."""
    return f"{field} <img src=x onerror=\"window.__pwned='{field}'\"> </title><svg onload=alert(1)> |"


#: hostile Markdown prose: each line tries a different way past Markdown and the sanitiser
PROSE = """
<script>window.__pwned='script'</script>

<img src=x onerror="window.__pwned='img'">

Attribute list on a paragraph.
{: onclick="window.__pwned='attr'" }

## Heading with handler {: onclick="window.__pwned='heading'" }

## <img src=x onerror="window.__pwned='toc'"> heading &lt;img src=x onerror=alert(1)&gt;

<div onmouseover="window.__pwned='div'">unterminated <b onclick="window.__pwned='b'"

[js](javascript:window.__pwned='js') [ent](&#106;avascript:window.__pwned='ent')
[ref][1] ![im](javascript:window.__pwned='image')
[ctl](\x01javascript:window.__pwned='ctl') [title](http://ok.example "x\\" onmouseover=\\"window.__pwned='t'")

[1]: javascript:window.__pwned='ref'

<svg><script>window.__pwned='svg'</script><a xlink:href="javascript:window.__pwned='svga'"><text>s</text></a></svg>

<a href="data:text/html,<script>window.__pwned='data'</script>">data</a>
<a href="vbscript:msgbox(1)">vb</a>

<iframe src="javascript:window.__pwned='iframe'"></iframe>

<form action="javascript:window.__pwned='form'"><button formaction="javascript:window.__pwned='fa'">go</button><input autofocus onfocus="window.__pwned='focus'"></form>

<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='meta'">

<base href="http://evil.example/">

<object data="javascript:window.__pwned='object'"></object><embed src="javascript:window.__pwned='embed'">

<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'"></style></table></mtext></math>

<math href="javascript:window.__pwned='math'"><mi xlink:href="javascript:window.__pwned='mi'">m</mi></math>

<noscript><p title="</noscript><img src=x onerror=window.__pwned='noscript'>"></p></noscript>

<style>@import 'http://evil.example/x.css'; body { background: url(http://evil.example/b.png) }</style>

<p style="background:url(http://evil.example/bg.png)">styled</p>

<img src="http://evil.example/track.png"> <img src="//evil.example/track2.png">

<details open ontoggle="window.__pwned='toggle'"><summary>s</summary></details>

<div id="__config">{"base": "http://evil.example", "features": [], "search": "http://evil.example/w.js", "translations": {}}</div>
<form id="__search"></form> <a id="__drawer" name="__config">clobber</a>

<div data-specsite-filter-column="1" data-md-component="search" data-md-state="x">data attributes</div>

<template><img src=x onerror="window.__pwned='template'"></template>

<xmp><img src=x onerror="window.__pwned='xmp'"></xmp> <plaintext>
"""

#: fields whose payload must read as literal text, and the page it is read on
PRD_FIELDS = {
    "prd-title": "requirements/PRD-0001/", "owner": "requirements/PRD-0001/",
    "reviewer": "requirements/PRD-0001/", "release": "requirements/PRD-0001/",
    "summary": "requirements/PRD-0001/", "req-text": "requirements/PRD-0001/",
    "given": "requirements/PRD-0001/",
    "when": "requirements/PRD-0001/", "then": "requirements/PRD-0001/",
    "edge-case": "requirements/PRD-0001/", "target-metric": "requirements/PRD-0001/",
    "target-unit": "requirements/PRD-0001/", "metric-name": "requirements/PRD-0001/",
    "metric-baseline": "requirements/PRD-0001/", "metric-target": "requirements/PRD-0001/",
    "non-goal": "requirements/PRD-0001/", "risk": "requirements/PRD-0001/",
    "mitigation": "requirements/PRD-0001/", "question": "requirements/PRD-0001/",
    "question-owner": "requirements/PRD-0001/", "answer": "requirements/PRD-0001/",
    "open-question": "requirements/PRD-0001/", "milestone": "requirements/PRD-0001/",
    "milestone-date": "requirements/PRD-0001/", "nfr-text": "requirements/backlog/",
    "invalid-prd-title": "requirements/PRD-0002/",
    "persona": "requirements/PRD-0001/", "story-as": "requirements/PRD-0001/",
    "story-want": "requirements/PRD-0001/", "story-so-that": "requirements/PRD-0001/",
    "kano": "requirements/PRD-0001/",
}
ADR_FIELDS = {
    "madr-title": "decisions/ADR-0002/", "decider": "decisions/ADR-0002/",
    "nygard-title": "decisions/ADR-0003/",
}


def _prd() -> dict:
    p = payload
    return {
        "id": "PRD-0001", "title": p("prd-title"), "status": "approved", "owner": p("owner"),
        "reviewers": [p("reviewer")], "release": p("release"), "summary": p("summary"),
        "adrs": ["ADR-0002", plain("prd-adr")], "c4": [plain("prd-c4")],
        "depends_on": [plain("prd-depends")],
        "personas": [p("persona"), plain("persona-c4")],
        "user_stories": [{"as": p("story-as"), "want": p("story-want"),
                          "so_that": p("story-so-that"), "requirements": ["R1", plain("story-req")]}],
        "requirements": [
            {"id": "R1", "text": p("req-text"), "kind": p("req-kind"), "priority": "must",
             "rice": {"reach": 100, "impact": 2, "confidence": 0.5, "effort": 1},
             "ice": {"impact": 5, "confidence": 5, "ease": 5}, "kano": p("kano"),
             "acceptance": [{"given": p("given"), "when": p("when"), "then": p("then")}],
             "edge_cases": [p("edge-case")], "apis": [plain("req-api")], "c4": [plain("req-c4")],
             "adrs": ["ADR-0002"], "depends_on": [plain("req-depends")],
             "target": {"metric": p("target-metric"), "op": "<", "value": 3,
                        "unit": p("target-unit")}},
            {"id": "NFR1", "text": p("nfr-text"), "kind": "performance", "priority": "should",
             "rice": {"reach": 10, "impact": 1, "confidence": 1, "effort": 2},
             "target": {"metric": "p95", "op": ">=", "value": 1, "unit": "ms"}},
        ],
        "metrics": [{"name": p("metric-name"), "baseline": p("metric-baseline"),
                     "target": p("metric-target")}],
        "non_goals": [p("non-goal")],
        "risks": [{"risk": p("risk"), "likelihood": "low", "impact": "high",
                   "mitigation": p("mitigation")}],
        "open_questions": [{"question": p("question"), "owner": p("question-owner"),
                            "answer": p("answer")}, p("open-question")],
        "milestones": [{"name": p("milestone"), "date": p("milestone-date"), "done": True}],
    }


def write_project(root: Path, untrusted: bool = False) -> Path:
    """The payload project (also used by hand: ``write_project(Path('/tmp/x'))``)."""
    files: dict[str, str | bytes] = {
        "mkdocs.yml": (
            "site_name: XSS\ntheme: {name: material, font: false}\n"
            "markdown_extensions: [attr_list, md_in_html, {toc: {permalink: true}}]\n"
            "plugins:\n  - search\n  - specsite:\n      adrs: adrs\n      prds: prds\n"
            + ("      untrusted: true\n" if untrusted else "")),
        "docs/index.md": "# Home\n\nSee [[ADR-0002]] and [[PRD-0001]].\n",
        "docs/labels.md": (
            "# Labels\n\n"
            f"- [[ADR-0001|{label('label')}]]\n"
            "- [[ADR-0001|\" onmouseover=\"window.__pwned='quote']]\n"
            f"- [[NOPE-0001|{label('unresolved-label')}]]\n"
            "- [[<img src=x onerror=\"window.__pwned='unresolved-id'\">]]\n"
            "- Plain text reads right: A & B <C> [[ADR-0001|A & B <C>]]\n"),
        # Nygard: title, status section, an unknown supersede link and a relative link in prose
        "adrs/0001-nygard.md": (
            "# 1. Use A & B <C> for *stars*\n\nDate: 2024-01-10\n\n## Status\n\n"
            "Superseded by [ADR-0002](0002-madr.md)\n\n## Context\n\n"
            "The label of [a link <img src=x onerror=\"window.__pwned='rel'\">](0002-madr.md).\n\n"
            f"{PROSE}\n\n## Decision\n\nYes.\n\n## Consequences\n\nSome.\n"),
        "adrs/0002-madr.md": (
            "---\n" + json.dumps({
                "status": "accepted", "date": "2024-02-01",
                "decision-makers": [payload("decider").replace(",", " ")],
                "consulted": plain("consulted"), "informed": [plain("informed")],
                "tags": [plain("tag")], "supersedes": "ADR-0001",
                "amends": plain("madr-link"),
            }) + "\n---\n"
            f"# {payload('madr-title')}\n\n## Context and Problem Statement\n\nWhy.\n\n"
            "## Decision Outcome\n\nChosen.\n"),
        # hostile prose in an ADR of its own (an unterminated tag swallows the rest of a page)
        "adrs/0005-prose.md": ("---\nstatus: proposed\ndate: 2024-03-01\n---\n# Prose\n\n"
                               f"## Context and Problem Statement\n\n{PROSE}\n"),
        "adrs/0003-nygard-payload.md": (
            f"# 3. {payload('nygard-title')}\n\nDate: {plain('nygard-date')}\n\n## Status\n\n"
            f"{plain('nygard-status')}\n\nAmended by [{plain('nygard-link')}](0099-missing.md)\n\n"
            "## Context\n\nC.\n\n## Decision\n\nD.\n\n## Consequences\n\nE.\n"),
        "adrs/0004-status.md": (
            "---\n" + json.dumps({"status": plain("madr-status"), "date": plain("madr-date")})
            + "\n---\n# Status payload\n\n## Decision Outcome\n\nOk.\n"),
        "prds/0001-payload.md": "---\n" + json.dumps(_prd(), indent=1) + "\n---\n"
                                f"# Ignored title\n\nSee [[ADR-0002|{label('prd-label')}]].\n",
        # hostile prose in a PRD of its own: an unterminated tag in it turns the rest of its page
        # into raw HTML (sanitised), which would hide the structured fields of PRD-0001
        "prds/0003-prose.md": "---\n" + json.dumps({
            "id": "PRD-0003", "title": "Prose", "status": "draft", "owner": "sam"}) + "\n---\n"
            f"# Prose\n\n{PROSE}\n",
        # front matter that does not validate: the salvaged title and requirement are shown
        "prds/0002-invalid.md": "---\n" + json.dumps({
            "id": "PRD-0002", "title": payload("invalid-prd-title"), "status": "draft",
            "owner": ["not", "a", "string"],
            "requirements": [{"id": "R1", "text": payload("salvaged-text")}]}) + "\n---\n"
            f"{PROSE}\n",
    }
    if untrusted:
        files["docs/untrusted.md"] = (
            "---\n" + json.dumps({
                "title": plain("fm-title"), "description": plain("fm-description") + '"',
                "author": plain("fm-author") + '"', "subtitle": plain("fm-subtitle"),
                "template": "redirect.html", "location": "javascript:window.__pwned='location'",
            }) + "\n---\n"
            f"# {plain('docs-h1')}\n\nLinks to [[ADR-0001]].\n\n{PROSE}\n")
        files["docs/script.md"] = "# Script\n\n<script>window.__trusted = 'ran'</script>\n"
        # a heading written with entities: the title MkDocs takes from it decodes to markup
        files["docs/entities.md"] = ("# Entities &lt;/title&gt;&lt;script&gt;window.__pwned='h1'"
                                     "&lt;/script&gt;\n\nText.\n")
    else:
        files["docs/script.md"] = "# Script\n\n<script>window.__trusted = 'ran'</script>\n"
    return write_files(root, files)


def build(root: Path) -> Path:
    """``mkdocs build`` of ``root`` that goes on past spec errors (payloads make some: unknown
    references, a PRD that does not validate), the way ``mkdocs serve`` does."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


class _Page(HTMLParser):
    """What a built page holds that could run script, and its text."""

    URL_ATTRS = {"href", "xlink:href", "src", "action", "formaction", "data", "poster", "background"}
    FORBIDDEN = {"iframe", "object", "embed", "base", "form", "frame", "template", "xmp",
                 "noscript", "plaintext", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        #: (attributes, text) of each script element
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for name, value in a.items():
            bare = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            elif name in self.URL_ATTRS and bare.startswith(("javascript:", "vbscript:", "data:")):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            elif name in ("id", "name") and value == "__config" and tag != "script":
                self.problems.append(f"<{tag} {name}={value!r}>")
        if (tag in self.FORBIDDEN and a.get("class") != "md-search__form") or (
                tag == "meta" and "http-equiv" in a):
            self.problems.append(f"<{tag}>")
        if tag == "img" and re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", a.get("src", ""), re.I):
            self.problems.append(f"<img src={a['src']!r}>")
        if tag == "script":
            self._script, self._script_text = a, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        (self._script_text if self._script is not None else self.text).append(data)

    def handle_comment(self, data: str) -> None:
        if "pwned" in data or "<" in data:
            self.problems.append(f"<!--{data[:40]}-->")


def inspect(path: Path) -> _Page:
    """Parse one built page."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    for attrs, body in page.scripts:
        src = attrs.get("src", "")
        if src:
            # the theme's and specsite's scripts, from this site
            if "://" in src or src.startswith("//") or "assets/" not in src:
                page.problems.append(f"<script src={src!r}>")
        elif "pwned" in body or "alert" in body or "__trusted" in body:
            page.problems.append(f"<script>{body[:60]!r}")
    return page


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _text(site: Path, url: str) -> str:
    return "".join(inspect(site / url / "index.html").text)


@pytest.fixture(scope="module")
def trusted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("xss-trusted")))


@pytest.fixture(scope="module")
def untrusted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("xss-untrusted"), untrusted=True))


def test_no_payload_survives_in_the_html_of_any_generated_page(trusted_site: Path) -> None:
    problems = {}
    for path in _pages(trusted_site):
        if path.relative_to(trusted_site).as_posix() == "script/index.html":
            continue  # a trusted hand-written page keeps its script (next test)
        found = inspect(path).problems
        if found:
            problems[path.relative_to(trusted_site).as_posix()] = found
    assert problems == {}
    # every kind of page was built and checked
    built = {p.relative_to(trusted_site).as_posix() for p in _pages(trusted_site)}
    assert {"decisions/index.html", "decisions/timeline/index.html", "decisions/graph/index.html",
            "decisions/ADR-0001/index.html", "decisions/ADR-0002/index.html",
            "decisions/ADR-0003/index.html", "requirements/index.html",
            "requirements/backlog/index.html", "requirements/traceability/index.html",
            "requirements/PRD-0001/index.html", "requirements/PRD-0002/index.html",
            "labels/index.html"} <= built


@pytest.mark.parametrize("which", ["trusted_site", "untrusted_site"])
def test_the_search_index_holds_no_markup_from_specs(which: str, request: pytest.FixtureRequest
                                                     ) -> None:
    """Material shows search results as HTML: every title and text in the index must parse to
    nothing that runs, and the payloads must be in it (as text)."""
    site = request.getfixturevalue(which)
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    found = []
    for doc in docs:
        page = _Page()
        page.feed(doc["title"] + " " + doc["text"])
        page.close()
        found += [f"{doc['location']}: {p}" for p in page.problems]
        found += [f"{doc['location']}: <script>" for _ in page.scripts]
    assert found == []
    assert any("<img src=x onerror=" in html.unescape(d["text"]) for d in docs)


@pytest.mark.parametrize("field,url", sorted({**PRD_FIELDS, **ADR_FIELDS}.items()))
def test_each_structured_field_reads_as_the_literal_text_written(trusted_site: Path, field: str,
                                                                 url: str) -> None:
    """Escaped, not dropped: the payload is on its page as text, ``<img ...>``, ``*``, ``|`` and
    ``[[ADR-0001]]`` included."""
    assert shown(field) in _text(trusted_site, url)
    if field in CODE_SPAN_FIELDS:
        page = (trusted_site / url / "index.html").read_text(encoding="utf-8")
        assert "<code>tick</code>" in page


@pytest.mark.parametrize("field,url", [
    ("consulted", "decisions/ADR-0002/"), ("informed", "decisions/ADR-0002/"),
    ("tag", "decisions/ADR-0002/"), ("madr-link", "decisions/ADR-0002/"),
    ("nygard-link", "decisions/ADR-0003/"), ("prd-adr", "requirements/PRD-0001/"),
    ("prd-c4", "requirements/PRD-0001/"), ("req-api", "requirements/PRD-0001/"),
    ("req-c4", "requirements/PRD-0001/"), ("req-depends", "requirements/PRD-0001/"),
])
def test_names_links_and_traces_read_as_the_literal_text_written(trusted_site: Path, field: str,
                                                                 url: str) -> None:
    assert plain(field).removesuffix(" |") in _text(trusted_site, url)


def test_statuses_and_overviews_show_payloads_as_text(trusted_site: Path) -> None:
    # statuses are read lower-cased and without emphasis marks; kinds lower-cased
    for field, url in (("madr-status", "decisions/ADR-0004/"), ("nygard-status", "decisions/")):
        assert re.sub(r"[*_`]", "", plain(field)).lower() in _text(trusted_site, url)
    assert " ".join(payload("req-kind").lower().split()) in _text(trusted_site, "requirements/PRD-0001/")
    portfolio = _text(trusted_site, "requirements/")
    for field in ("prd-title", "owner", "release", "invalid-prd-title"):
        assert shown(field) in portfolio, field
    assert shown("req-text") in _text(trusted_site, "requirements/traceability/")
    assert shown("madr-title") in _text(trusted_site, "decisions/timeline/")
    assert shown("madr-title") in _text(trusted_site, "decisions/")
    # the titles of what references a decision, in its "Referenced by" list (a list item)
    page = (trusted_site / "decisions/ADR-0002/index.html").read_text(encoding="utf-8")
    items = [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", page)]
    assert f"PRD-0001 {shown('prd-title')}" in items
    graph = (trusted_site / "decisions/graph/index.html").read_text(encoding="utf-8")
    assert "madr-title &lt;img src=x onerror=" in graph and "<img" not in graph.split("<article")[1]


def test_labels_are_text_and_ordinary_text_reads_right(trusted_site: Path) -> None:
    text = _text(trusted_site, "labels/")
    assert label("label") in text and label("unresolved-label") in text
    assert label("prd-label") in _text(trusted_site, "requirements/PRD-0001/")
    assert "<img src=x onerror=\"window.__pwned='unresolved-id'\">" in text
    assert "A & B <C>" in text
    labels = (trusted_site / "labels/index.html").read_text(encoding="utf-8")
    # the label links to the decision, titled with its title; the unknown one is marked
    links = [(html.unescape(t), html.unescape(x)) for t, x in re.findall(
        r'<a href="\.\./decisions/ADR-0001/" title="([^"]*)">([^<]*)</a>', labels)]
    assert ("Use A & B <C> for *stars*", label("label")) in links
    assert ("Use A & B <C> for *stars*", "\" onmouseover=\"window.__pwned='quote'") in links
    assert re.search(r'class="specsite-unresolved" title="unknown reference">unresolved&#45;label', labels)
    page = _text(trusted_site, "decisions/ADR-0001/")
    assert "ADR-0001: Use A & B <C> for *stars*" in page
    # a relative link in Nygard prose becomes a reference whose label is text
    assert "a link <img src=x onerror=\"window.__pwned='rel'\">" in page
    # ordinary text in titles, the nav and <title> reads right too
    head = (trusted_site / "decisions/ADR-0001/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert html.unescape(title) == "ADR-0001: Use A & B <C> for *stars* - XSS"


@pytest.mark.parametrize("which", ["trusted_site", "untrusted_site"])
def test_page_titles_cannot_close_the_title_element(which: str, request: pytest.FixtureRequest
                                                    ) -> None:
    """Material writes ``page.title | striptags`` into ``<title>``, and striptags decodes
    entities: a spec title (or an untrusted page's heading) must not come back as
    ``</title><script>``."""
    site = request.getfixturevalue(which)
    for path in _pages(site):
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert head.count("</title>") == 1, path
        assert not re.search(r"<(?:script|svg|img)\b[^>]*>[^<]*pwned|<svg|<img", head), path


def test_a_trusted_hand_written_page_keeps_its_raw_html(trusted_site: Path) -> None:
    page = (trusted_site / "script/index.html").read_text(encoding="utf-8")
    assert "<script>window.__trusted = 'ran'</script>" in page


def test_untrusted_hand_written_pages_are_sanitised(untrusted_site: Path) -> None:
    problems = {p.relative_to(untrusted_site).as_posix(): inspect(p).problems
                for p in _pages(untrusted_site)}
    assert {k: v for k, v in problems.items() if v} == {}
    assert "__trusted" not in (untrusted_site / "script/index.html").read_text(encoding="utf-8")
    page = (untrusted_site / "untrusted/index.html").read_text(encoding="utf-8")
    # the page is not turned into a redirect by its front matter; its title and description are text
    assert "http-equiv" not in page and "window.location" not in page
    assert html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)).startswith(
        plain("fm-title"))
    assert 'content="fm-description &lt;img src=x onerror=' in page


def test_the_environment_variable_makes_hand_written_pages_untrusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - specsite\n",
        "docs/index.md": "# Home\n\n<script>window.__trusted = 'ran'</script>\n\n"
                         "<img src=x onerror=\"window.__pwned=1\">\n",
    })
    monkeypatch.setenv("SPECSITE_UNTRUSTED", "1")
    page = (build(tmp_path) / "index.html").read_text(encoding="utf-8")
    assert "__trusted" not in page and "onerror" not in page and '<img src="x">' in page
    monkeypatch.setenv("SPECSITE_UNTRUSTED", "0")
    page = (build(tmp_path) / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__trusted = 'ran'</script>" in page


browser = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")


@browser
def test_no_script_runs_in_chromium_on_any_page_or_in_search(trusted_site: Path) -> None:
    paths = [p for p in _probe_paths(trusted_site) if p != "script/"]
    assert script_ran(trusted_site, paths, search=["onerror", "pwned", "img src", "script"]) == []


@browser
def test_no_script_runs_in_chromium_on_untrusted_hand_written_pages(untrusted_site: Path) -> None:
    assert script_ran(untrusted_site, search=["onerror", "pwned", "fm-title", "toc"]) == []


@browser
@pytest.mark.parametrize("term,shown", [
    ("onerror", "<img src=x onerror=\"window.__pwned='prd-title'\"> </title><script>"),
    ("clobber", '"search": "http://evil.example/w.js"')])
def test_search_results_show_payloads_as_text(trusted_site: Path, term: str, shown: str) -> None:
    """Material renders search results as HTML: a page's ``&lt;img onerror&gt;`` text must come
    back as text. Types like a person and waits for the results, which script_ran does not."""
    from playwright.sync_api import sync_playwright
    from xss_probe import _PROBE, ARGS, serve

    with serve(trusted_site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/")
        box = page.locator("input.md-search__input")
        box.click()
        # typing before the index has loaded finds nothing
        page.wait_for_function("!document.querySelector('.md-search-result__meta')"
                               ".textContent.includes('Initializing')")
        box.press_sequentially(term, delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        for more in page.locator(".md-search-result__more summary").all():
            more.click()  # the collapsed sections of each page too
        results = page.locator(".md-search-result").inner_text()
        problems = page.evaluate(_PROBE)
        browser.close()
    assert problems == [] and dialogs == []
    assert shown in results


def _probe_paths(site: Path) -> list[str]:
    from xss_probe import pages_of

    return pages_of(site)


@pytest.mark.parametrize("value,markdown", [
    ("Use `foo` for *bar*", "Use <code>foo</code> for &#42;bar&#42;"),
    ("``a`b`` and ` x ` <i>", "<code>a&#96;b</code> and <code>x</code> &#60;i&#62;"),
    ("no `close <b>", "no &#96;close &#60;b&#62;"),
    ("`<img src=x onerror=alert(1)>`", "<code>&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;</code>"),
    ("`[[ADR-0001]]` | x", "<code>&#91;&#91;ADR&#45;0001&#93;&#93;</code> &#124; x"),
])
def test_free_text_keeps_code_spans_and_nothing_else(value: str, markdown: str) -> None:
    from specsite.core.escape import md_text_code

    assert md_text_code(value) == markdown


@pytest.mark.parametrize("entity_id,shown", [
    ("ADR-0007", "[[ADR-0007]]"),
    ("page:guide/a b.md", "[[page:guide/a b.md]]"),
    ("ADR-x]] <img src=x onerror=alert(1)> [[y", "ADR&#45;x&#93;&#93; &#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62; &#91;&#91;y"),
    ("page:a|b.md", "page&#58;a&#124;b&#46;md"),
])
def test_an_id_the_reference_syntax_cannot_hold_is_text(entity_id: str, shown: str) -> None:
    from specsite.core.references import reference

    assert reference(entity_id) == shown


def test_page_links_are_percent_encoded() -> None:
    """A docs file name cannot end a Markdown link target or read as a URL scheme."""
    from specsite.core.urls import relative_md, relative_url

    assert relative_md("index.md", 'javascript:x) "t" <b>.md') == \
        "javascript%3Ax%29%20%22t%22%20%3Cb%3E.md"
    assert relative_md("decisions/ADR-0001.md", "requirements/PRD-0001.md", "prd-0001-r1") == \
        "../requirements/PRD-0001.md#prd-0001-r1"
    assert relative_url("decisions/graph.md", "decisions/ADR-x\"<y.md", True) == "../ADR-x%22%3Cy/"


def test_relationship_label_halo_keeps_its_paint_order():
    # the white halo under a diagram label is painted first; dropping paint-order hid every label
    from specsite.core.sanitise import sanitise_html

    text = '<svg><text fill="#707070" stroke="#ffffff" stroke-width="3" paint-order="stroke">Uses</text></svg>'
    assert 'paint-order="stroke"' in sanitise_html(text)
