"""Real MkDocs builds into tmp_path, asserting on the generated HTML."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from project_fixtures import MKDOCS_YML, build_site, write_files


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_adr_pages_index_timeline_graph(adr_project):
    site = build_site(adr_project)
    page = _html(site, "decisions/ADR-0002/index.html")
    assert 'class="specsite-status specsite-status--superseded"' in page
    # the stated link, on the card and in the superseded banner; the Status line it came from is
    # not repeated in the text
    assert page.count('<a href="../ADR-0003/" title="Use CockroachDB">ADR-0003</a>') == 3  # + referenced by
    assert '<a href="../ADR-0003/" title="Use CockroachDB">3. Use CockroachDB</a>' not in page
    # edit link goes to the source file, outside docs/
    assert 'href="https://example.com/org/repo/edit/main/adrs/0002-use-postgresql.md"' in page
    index = _html(site, "decisions/index.html")
    assert 'class="specsite-filter specsite-table specsite-fit-c1 specsite-fit-c3 specsite-fit-c4"' in index
    assert index.count("specsite-status--") == 3
    assert "assets/specsite/specsite.js" in index
    timeline = _html(site, "decisions/timeline/index.html")
    assert timeline.index("ADR-0001") < timeline.index("ADR-0002") < timeline.index("ADR-0003")
    graph = _html(site, "decisions/graph/index.html")
    assert "<svg" in graph and 'href="../ADR-0003/"' in graph and 'href="../ADR-0002/"' in graph
    assert "ADR-0001" not in re.sub(r"<nav.*?</nav>", "", graph, flags=re.S).split("<svg")[1]


def test_backlinks_from_specs_and_docs_pages(adr_project):
    site = build_site(adr_project)
    page = _html(site, "decisions/ADR-0003/index.html")
    section = page.split('id="referenced-by"')[1]
    assert 'href="../ADR-0002/"' in section  # ADR-0002 says superseded by 0003
    assert 'href="../../"' in section and ">Home</a>" in section  # docs/index.md references it
    one = _html(site, "decisions/ADR-0001/index.html").split('id="referenced-by"')[1]
    assert 'href="../ADR-0003/"' in one  # [[ADR-0001]] in the body of 0003


def test_links_both_ways_even_when_stated_on_one_side(adr_project):
    write_files(adr_project, {"adrs/0004-amend.md": """
        # 4. Amend

        Date: 2024-04-01

        ## Status

        Accepted

        Amends [1. Record](0001-record-architecture-decisions.md)

        ## Decision

        x

        ## Consequences

        y
        """})
    site = build_site(adr_project, strict=False)
    one = _html(site, "decisions/ADR-0001/index.html")
    assert "Amends (stated by)" in one and 'href="../ADR-0004/"' in one


def test_references_in_docs_become_links_with_title_tooltip(adr_project):
    site = build_site(adr_project)
    home = _html(site, "index.html")
    assert '<a href="decisions/ADR-0003/" title="Use CockroachDB">the CockroachDB one</a>' in home
    assert "<code>[[ADR-9999]]</code>" in home


def test_unknown_reference_fails_the_build_with_file_and_line(adr_project, caplog):
    write_files(adr_project, {"docs/guide.md": "# Guide\n\nText\n\nSee [[ADR-0404]].\n"})
    with pytest.raises((PluginError, Abort)):
        build_site(adr_project)
    assert "docs/guide.md:5:5: XREF001 unknown reference [[ADR-0404]]" in caplog.text


def test_warnings_fail_strict_but_not_plain_builds(adr_project):
    write_files(adr_project, {"adrs/0004-nodate.md": "# 4. No date\n\n## Status\n\nProposed\n"})
    with pytest.raises(Abort):
        build_site(adr_project, strict=True)
    build_site(adr_project, strict=False)


@pytest.mark.parametrize("option, message", [
    ("colour: red", "Plugin 'specsite' option 'colour': unknown option"),
    ("rules: {ADR999: error}", "unknown rule code(s) ADR999"),
    ("rules: {ADR001: fatal}", "Plugin 'specsite' option 'rules.ADR001': Input should be"),
])
def test_bad_option_is_a_configuration_error(adr_project, caplog, option, message):
    from mkdocs.config import load_config

    write_files(adr_project, {"mkdocs.yml": MKDOCS_YML.replace("adrs: adrs", f"adrs: adrs\n      {option}")})
    with pytest.raises((ConfigurationError, Abort)):
        load_config(str(adr_project / "mkdocs.yml"))
    assert message in caplog.text


def test_generated_page_may_not_replace_a_handwritten_one(adr_project, caplog):
    write_files(adr_project, {"docs/decisions/index.md": "# Mine\n"})
    with pytest.raises(Abort):
        build_site(adr_project)
    assert "generated page decisions/index.md would replace docs/decisions/index.md" in caplog.text


def test_rebuild_updates_backlinks(adr_project):
    site = build_site(adr_project)
    assert ">Home</a>" in _html(site, "decisions/ADR-0003/index.html").split('id="referenced-by"')[1]
    write_files(adr_project, {"docs/index.md": "# Home\n\nNow about [[ADR-0001]].\n"})
    site = build_site(adr_project)
    assert ">Home</a>" not in _html(site, "decisions/ADR-0003/index.html").split('id="referenced-by"')[1]
    assert ">Home</a>" in _html(site, "decisions/ADR-0001/index.html").split('id="referenced-by"')[1]


def test_images_beside_adrs_are_published(adr_project):
    write_files(adr_project, {
        "adrs/img/flow.png": b"\x89PNG\r\n\x1a\n0000",
        "adrs/0004-diagram.md": "# 4. Diagram\n\nDate: 2024-04-01\n\n## Status\n\nProposed\n\n![flow](img/flow.png)\n",
    })
    site = build_site(adr_project)
    assert (site / "decisions/img/flow.png").is_file()
    assert 'src="../img/flow.png"' in _html(site, "decisions/ADR-0004/index.html")


def test_without_directory_urls(adr_project):
    write_files(adr_project, {"mkdocs.yml": MKDOCS_YML + "use_directory_urls: false\n"})
    site = build_site(adr_project)
    graph = _html(site, "decisions/graph.html")
    assert 'href="ADR-0003.html"' in graph


def _tree_hash(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name not in ("sitemap.xml.gz",):
            digest.update(path.relative_to(site).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_same_input_byte_identical_site(adr_project, tmp_path_factory):
    first = _tree_hash(build_site(adr_project))
    copy = tmp_path_factory.mktemp("again") / "p"
    shutil.copytree(adr_project, copy, ignore=shutil.ignore_patterns("site"))
    assert _tree_hash(build_site(copy)) == first


def test_pages_load_nothing_from_other_hosts(adr_project):
    site = build_site(adr_project)
    external = re.compile(r'<(?:script|link|img)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for page in site.rglob("*.html"):
        assert not external.search(page.read_text(encoding="utf-8")), page
