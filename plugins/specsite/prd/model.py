"""The PRD front matter as users write it: a pydantic model, published as a JSON Schema.

Names are public and stable (editors complete them from ``specsite schema prd``). Ranges that
have their own rule (RICE, PRD006; ICE, PRD015; Kano, PRD016) are not enforced here, so a bad value
gets the rule's message rather than a schema error; the JSON Schema still states them so editors
flag them as people type.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ..core.xref import normalise
from ..core.yaml_values import Names, Text, Value

STATUSES = ("draft", "review", "approved", "shipped", "deprecated")
PRIORITIES = ("must", "should", "could", "wont")
IMPACTS = (0.25, 0.5, 1, 2, 3)
#: the ICE scale: each of impact, confidence and ease from 1 to 10
ICE_RANGE = (1, 10)
#: Kano categories (Noriaki Kano's model), as written in front matter
KANO = ("must-be", "performance", "attractive", "indifferent", "reverse")
OPERATORS = ("<", "<=", "=", ">=", ">")
FUNCTIONAL = "functional"
#: where the committed schema is served from (the repository named in mkdocs.yml's repo_url)
SCHEMA_ID = ("https://raw.githubusercontent.com/specsite/specsite/main/"
             "plugins/specsite/prd/prd.schema.json")

#: PRDs whose requirements must be complete and are counted in coverage figures
COMMITTED = ("approved", "shipped")
PRD_ID = re.compile(r"^PRD-\d{4,}$")
REQUIREMENT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Acceptance(_Strict):
    """One acceptance criterion in Given/When/Then form."""

    given: Text | None = Field(None, description="The starting situation (optional).")
    when: Text = Field(description="What the user or system does.")
    then: Text = Field(description="The observable outcome that proves the requirement is met.")


class Rice(_Strict):
    """RICE scoring inputs; score = reach × impact × confidence / effort."""

    reach: float | None = Field(
        None, description="People or events affected per quarter (> 0).",
        json_schema_extra={"exclusiveMinimum": 0})
    impact: float | None = Field(
        None, description="Impact per person: 0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive.",
        json_schema_extra={"enum": list(IMPACTS)})
    confidence: float | None = Field(
        None, description="Confidence in the estimates, from 0 (exclusive) to 1.",
        json_schema_extra={"exclusiveMinimum": 0, "maximum": 1})
    effort: float | None = Field(
        None, description="Effort in person-months (> 0).", json_schema_extra={"exclusiveMinimum": 0})


class Ice(_Strict):
    """ICE scoring inputs, each from 1 to 10; score = impact × confidence × ease (1 to 1,000)."""

    impact: float | None = Field(
        None, description="How much it moves the goal, from 1 (barely) to 10 (massively).",
        json_schema_extra={"minimum": 1, "maximum": 10})
    confidence: float | None = Field(
        None, description="How sure we are of impact and ease, from 1 (a hunch) to 10 (proven).",
        json_schema_extra={"minimum": 1, "maximum": 10})
    ease: float | None = Field(
        None, description="How easy it is to build, from 1 (months of many people) to 10 (an "
        "afternoon).", json_schema_extra={"minimum": 1, "maximum": 10})


class UserStory(_Strict):
    """A user story: as <persona>, I want <goal>, so that <benefit>; with the requirements that
    deliver it."""

    as_: Text = Field(alias="as", min_length=1, description="The persona: a C4 person's "
                      "identifier (shopper or c4:shopper) or a name from the `personas` option.")
    want: Text = Field(min_length=1, description="What they want to do.")
    so_that: Text | None = Field(None, description="Why: the benefit to them (optional).")
    requirements: Names = Field(
        default_factory=list, description="IDs of the requirements of this PRD that deliver the "
        "story, e.g. [R1, R2].")


class Target(_Strict):
    """A measurable target: ``metric op value unit``, e.g. ``p95 latency <= 300 ms``."""

    metric: Text = Field(description="What is measured, e.g. 'p95 latency'.")
    op: Literal["<", "<=", "=", ">=", ">"] = Field(description="How the measurement compares to value.")
    value: float = Field(description="The threshold.")
    unit: Text | None = Field(None, description="Unit of value, e.g. 'ms', '%', 'req/s'.")


class Requirement(_Strict):
    """One requirement, addressed from anywhere as ``<PRD id>.<requirement id>``."""

    id: Text = Field(description="Unique within the PRD, e.g. R1 or NFR1 (letters, digits, - and _).",
                     pattern=REQUIREMENT_ID.pattern)
    text: Text = Field(min_length=1, description="The requirement, one or two sentences.")
    kind: Text = Field(
        FUNCTIONAL, description="functional (default) or a quality: performance, security, "
        "availability, reliability, scalability, usability, accessibility, privacy, compliance...")
    priority: Literal["must", "should", "could", "wont"] = Field(description="MoSCoW priority.")
    rice: Rice | None = Field(None, description="RICE scoring inputs (optional).")
    ice: Ice | None = Field(None, description="ICE scoring inputs, each 1 to 10 (optional).")
    kano: Text | None = Field(
        None, description="Kano category: must-be | performance | attractive | indifferent | "
        "reverse (optional).", json_schema_extra={"enum": list(KANO)})
    acceptance: list[Acceptance] = Field(
        default_factory=list, description="Acceptance criteria (required for must requirements "
        "once the PRD is approved).")
    target: Target | None = Field(
        None, description="Measurable target (required for non-functional requirements).")
    apis: Names = Field(default_factory=list,
                        description="API operations that implement it: '<api>#<operationId>'.")
    c4: Names = Field(default_factory=list,
                      description="Architecture elements it touches (Structurizr identifiers).")
    adrs: Names = Field(default_factory=list, description="Decisions it relies on (ADR IDs).")
    depends_on: Names = Field(
        default_factory=list, description="Requirements it needs first: 'R2' in this PRD or "
        "'PRD-0003.R1' in another.")
    edge_cases: Names = Field(default_factory=list, description="Edge cases to handle.")

    @field_validator("kind")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower() or FUNCTIONAL

    @property
    def functional(self) -> bool:
        return self.kind == FUNCTIONAL


class Metric(_Strict):
    """A success metric with its baseline and target."""

    name: Text = Field(description="What is measured.")
    baseline: Value | None = Field(None, description="Today's value, e.g. '3.1%'.")
    target: Value = Field(description="The value that means success, e.g. '3.5%'.")


class Risk(_Strict):
    """A risk and how it is handled."""

    risk: Text = Field(description="What could go wrong.")
    likelihood: Literal["low", "medium", "high"] | None = None
    impact: Literal["low", "medium", "high"] | None = None
    mitigation: Text | None = Field(None, description="What reduces it.")


def _question(value: Any) -> Any:
    return {"question": value} if isinstance(value, str) else value


class Question(_Strict):
    """An open question; one with an answer is resolved."""

    question: Text = Field(description="The question.")
    owner: Text | None = Field(None, description="Who answers it.")
    answer: Text | None = Field(None, description="The answer, once there is one.")

    @property
    def open(self) -> bool:
        return not (self.answer or "").strip()


class Milestone(_Strict):
    """A dated step of the rollout."""

    name: Text = Field(description="The milestone, e.g. 'beta to 5% of shoppers'.")
    date: Value | None = Field(None, description="When: a date (2027-01-15) or a period (2027-Q1).")
    done: bool = False


class Prd(_Strict):
    """The front matter of a PRD file."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, title="specsite PRD front matter",
        json_schema_extra={"$id": SCHEMA_ID, "$schema": "https://json-schema.org/draft/2020-12/schema"})

    id: Text = Field(description="PRD-NNNN, unique; requirements are addressed as PRD-NNNN.R1.")
    title: Text = Field(min_length=1, description="The product or feature, in a few words.")
    status: Literal["draft", "review", "approved", "shipped", "deprecated"] = Field(
        description="draft | review | approved | shipped | deprecated")
    owner: Text = Field(min_length=1, description="The accountable product manager.")
    reviewers: Names = Field(default_factory=list, description="Who reviews and approves it.")
    release: Value | None = Field(None, description="Target release, e.g. 2027-Q1 or 4.2.")
    summary: Text | None = Field(None, description="One or two sentences for the portfolio.")
    adrs: Names = Field(default_factory=list, description="Decisions this product relies on.")
    c4: Names = Field(default_factory=list,
                      description="Architecture elements it touches (Structurizr identifiers).")
    depends_on: Names = Field(default_factory=list,
                              description="PRDs or requirements it needs first.")
    tags: Names = Field(default_factory=list,
                        description="Labels to group PRDs by, e.g. the roadmap's tag lanes.")
    personas: Names = Field(
        default_factory=list, description="Who it serves: C4 people (shopper or c4:shopper) or "
        "names from the `personas` option.")
    user_stories: list[UserStory] = Field(default_factory=list, description="User stories.")
    requirements: list[Requirement] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list, description="Success metrics.")
    non_goals: Names = Field(default_factory=list, description="What this PRD deliberately leaves out.")
    risks: list[Risk] = Field(default_factory=list)
    open_questions: list[Annotated[Question, BeforeValidator(_question)]] = Field(
        default_factory=list, description="Questions still to answer: a string, or "
        "{question, owner, answer}; answered ones are resolved.")
    milestones: list[Milestone] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _prd_id(cls, value: str) -> str:
        canonical = normalise(value)
        if not PRD_ID.match(canonical):
            raise ValueError(f"'{value}' is not a PRD ID; write PRD-NNNN, e.g. PRD-0007")
        return canonical

    @property
    def number(self) -> int:
        return int(self.id.split("-")[1])


def json_schema() -> str:
    """The published JSON Schema of PRD front matter (deterministic text)."""
    schema = Prd.model_json_schema()
    # The model turns a plain string into a question before validating; editors must accept both.
    schema["properties"]["open_questions"]["items"] = {
        "anyOf": [{"type": "string"}, {"$ref": "#/$defs/Question"}]}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
