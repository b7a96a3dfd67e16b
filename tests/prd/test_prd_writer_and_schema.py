"""``specsite new prd`` writes a skeleton that passes the check; the published JSON Schema is
current and accepts what specsite accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from prd_helpers import GOOD, prd_text
from ruamel.yaml import YAML

from specsite.core.project import Project
from specsite.prd.kind import PRD_KIND
from specsite.prd.model import json_schema
from specsite.prd.reader import is_prd_file
from specsite.prd.writer import WriteError, new_prd

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "plugins" / "specsite" / "prd" / "prd.schema.json"
REPO = Path(__file__).resolve().parents[2]


def front_matter(path: Path) -> dict:
    """The front matter as an editor's YAML 1.2 language server sees it: dates are strings."""
    text = path.read_text(encoding="utf-8")
    return as_json(YAML(typ="safe").load(text.split("---\n")[1]))


def as_json(value):
    return json.loads(json.dumps(value, default=str))


def test_new_prd_writes_the_next_number_and_passes_check(specs, tmp_path):
    first = specs({"0003-a.md": prd_text(GOOD.replace("PRD-0007", "PRD-0003"))})
    documents = first.results["prd"].model.documents
    created = new_prd(Project(tmp_path), tmp_path / "prds", documents, "Gift cards: digital", "jane")
    assert created == "prds/0004-gift-cards-digital.md"
    data = front_matter(tmp_path / created)
    assert (data["id"], data["title"], data["status"], data["owner"]) == (
        "PRD-0004", "Gift cards: digital", "draft", "jane")
    assert specs({}).findings == []
    # the skeleton is complete enough to pass even once marked approved
    approved = (tmp_path / created).read_text().replace("status: draft", "status: approved")
    (tmp_path / created).write_text(approved)
    assert specs({}).findings == []


def test_new_prd_numbers_from_one_and_refuses_an_empty_title(tmp_path):
    assert new_prd(Project(tmp_path), tmp_path / "prds", [], "Search", "sam") == "prds/0001-search.md"
    with pytest.raises(WriteError):
        new_prd(Project(tmp_path), tmp_path / "prds", [], "  ", "sam")
    with pytest.raises(WriteError, match="already exists"):
        new_prd(Project(tmp_path), tmp_path / "prds", [], "Search", "sam")


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema(), \
        "run: python -c 'from specsite.prd.model import json_schema; print(json_schema(), end=\"\")' " \
        "> plugins/specsite/prd/prd.schema.json"


def test_schema_is_deterministic_and_describes_the_format():
    schema = json.loads(json_schema())
    assert json_schema() == json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "title", "status", "owner"}
    requirement = schema["$defs"]["Requirement"]["properties"]
    assert requirement["priority"]["enum"] == ["must", "should", "could", "wont"]
    assert schema["$defs"]["Rice"]["properties"]["impact"]["enum"] == [0.25, 0.5, 1, 2, 3]


REAL_PRDS = [p for folder in ("specs/prds", "examples/webshop/prds")
             for p in sorted((REPO / folder).glob("*.md")) if is_prd_file(p)]


def test_the_repository_has_real_prds():
    assert len([p for p in REAL_PRDS if "webshop" not in str(p)]) >= 3
    assert len([p for p in REAL_PRDS if "webshop" in str(p)]) >= 2


@pytest.mark.parametrize("path", REAL_PRDS, ids=lambda p: p.name)
def test_schema_accepts_every_real_prd(path):
    jsonschema.validate(front_matter(path), json.loads(json_schema()))


def test_schema_rejects_what_the_check_rejects():
    bad = front_matter_of(GOOD.replace("priority: should", "priority: later"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json.loads(json_schema()))


def front_matter_of(text: str) -> dict:
    return as_json(YAML(typ="safe").load(text))


def test_export_has_prds_and_requirements_with_links(specs):
    result = specs({"0007-one-click-checkout.md": prd_text(GOOD)})
    exported = {e.id: e.to_dict() for e in result.graph if e.kind in ("prd", "requirement")}
    assert sorted(exported) == ["PRD-0007", "PRD-0007.NFR1", "PRD-0007.R1", "PRD-0007.R2"]
    r1 = exported["PRD-0007.R1"]
    assert r1["parent"] == "PRD-0007" and r1["priority"] == "must"
    assert r1["links"] == [{"rel": "implemented-by", "target": "api:payments#createPayment"}]
    assert r1["acceptance"][0]["when"] == "they press Buy now"
    assert exported["PRD-0007"]["owner"] == "jane.doe"
    json.dumps(exported)  # plain JSON values only


def test_pages_are_deterministic(specs):
    from specsite.core.kind import SiteContext

    files = {"0007-one-click-checkout.md": prd_text(GOOD)}
    first = [(p.path, p.markdown) for p in specs(files).pages(SiteContext())]
    second = [(p.path, p.markdown) for p in specs(files).pages(SiteContext())]
    assert first == second
    assert [p for p, _ in first if p.startswith("requirements/")] == [
        "requirements/PRD-0007.md", "requirements/backlog.md", "requirements/index.md",
        "requirements/prioritisation.md", "requirements/roadmap.md", "requirements/traceability.md"]


def test_no_pages_without_a_prd_folder(tmp_path, kinds):
    from specsite.core.config import SpecsiteConfig
    from specsite.core.kind import SiteContext

    result = PRD_KIND.read(Project(tmp_path), SpecsiteConfig())
    assert PRD_KIND.pages(None, result, SiteContext()) == []


def test_new_prd_in_project_uses_the_first_folder_and_numbers_across_all(tmp_path, kinds):
    from specsite.core.config import SpecsiteConfig
    from specsite.prd.writer import new_prd_in_project

    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "0009-x.md").write_text(prd_text(GOOD.replace("PRD-0007", "PRD-0009")))
    config = SpecsiteConfig(prds=["new", "more"])
    assert new_prd_in_project(Project(tmp_path), config, "Wishlists", "sam") == "new/0010-wishlists.md"
    with pytest.raises(WriteError, match="no PRD folder"):
        new_prd_in_project(Project(tmp_path), SpecsiteConfig(), "Wishlists", "sam")
    with pytest.raises(WriteError, match="outside the project root"):
        new_prd_in_project(Project(tmp_path), SpecsiteConfig(prds=["../elsewhere"]), "W", "sam")


def test_new_prd_writes_the_new_fields_commented_out_and_they_pass_once_uncommented(specs, tmp_path):
    created = tmp_path / new_prd(Project(tmp_path), tmp_path / "prds", [], "Search", "sam")
    text = created.read_text(encoding="utf-8")
    for key in ("# personas:", "# user_stories:", "#   - as: shopper", "# rice:", "# ice:", "# kano:"):
        assert key in text
    assert specs({}).findings == []
    # uncomment every commented key: the fields are valid as written
    uncommented = "\n".join(line.replace("# ", "", 1) if line.lstrip().startswith(
        ("# personas", "# user_stories", "# tags", "# milestones", "#   ", "#     ", "# rice",
         "# ice", "# kano")) else line
        for line in text.split("\n"))
    created.write_text(uncommented, encoding="utf-8")
    result = specs({}, personas=["shopper"])
    assert result.findings == []
    r1 = result.graph.get("PRD-0001.R1")
    assert r1.attrs["ice_score"] == 210 and r1.attrs["kano"] == "performance"
    assert result.graph.get("PRD-0001.story-1").attrs["want"] == "to buy what I am looking at in one step"


def test_schema_describes_ice_kano_personas_and_stories():
    schema = json.loads(json_schema())
    assert schema["$defs"]["Ice"]["properties"]["ease"]["maximum"] == 10
    assert schema["$defs"]["Requirement"]["properties"]["kano"]["enum"] == [
        "must-be", "performance", "attractive", "indifferent", "reverse"]
    story = schema["$defs"]["UserStory"]
    assert set(story["properties"]) == {"as", "want", "so_that", "requirements"}
    assert story["required"] == ["as", "want"]
    assert schema["properties"]["personas"]["type"] == "array"
    for bad in ("kano: delighter", "ice: {impact: 11, confidence: 5, ease: 5}"):
        data = front_matter_of(GOOD.replace("    priority: should\n", f"    priority: should\n    {bad}\n"))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema)


def test_export_carries_ice_kano_personas_and_stories(specs):
    text = GOOD.replace("requirements:\n", "personas: [Ops]\nuser_stories:\n  - {as: Ops, want: calm "
                        "nights, requirements: [NFR1]}\nrequirements:\n").replace(
        "    priority: should\n", "    priority: should\n    ice: {impact: 5, confidence: 4, ease: 3}\n"
        "    kano: attractive\n")
    result = specs({"0007-one-click-checkout.md": prd_text(text)}, personas=["Ops"])
    assert result.findings == []
    exported = {e.id: e.to_dict() for e in result.graph}
    assert exported["PRD-0007"]["personas"] == ["Ops"]
    assert exported["PRD-0007"]["user_stories"] == ["PRD-0007.story-1"]
    story = exported["PRD-0007.story-1"]
    assert story["kind"] == "story" and story["as"] == "Ops" and story["so_that"] is None
    assert story["links"] == [{"rel": "delivered-by", "target": "PRD-0007.NFR1"}]
    r2 = exported["PRD-0007.R2"]
    assert r2["ice"] == {"impact": 5, "confidence": 4, "ease": 3} and r2["ice_score"] == 60
    assert r2["kano"] == "attractive"
    json.dumps(exported)
