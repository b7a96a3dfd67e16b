"""The runbook front matter as users write it: a pydantic model, published as a JSON Schema
(``specsite schema runbook``, committed as runbook.schema.json beside this module)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, WithJsonSchema,
                      field_validator)

from ..core.yaml_values import as_list

SEVERITIES = ("sev1", "sev2", "sev3", "sev4")
#: what each severity means, for the template, the schema and the docs
SEVERITY_MEANING = {
    "sev1": "customers cannot buy or the product is down; page now, all hands",
    "sev2": "a core journey is degraded for many customers; page the owner",
    "sev3": "a minor feature or a few customers affected; fix in working hours",
    "sev4": "no customer impact yet; a warning sign to act on",
}
#: the step sections every runbook body holds (RB009), in the order they are followed
STEPS = ("diagnose", "mitigate", "escalate", "verify")
RUNBOOK_ID = re.compile(r"^RB-\d{4,}$")
_LOOSE_ID = re.compile(r"^rb-?0*(\d{1,9})$", re.IGNORECASE)
SCHEMA_ID = ("https://raw.githubusercontent.com/specsite/specsite/main/"
             "plugins/specsite/runbook/runbook.schema.json")


def normalise_id(raw: str) -> str:
    """``rb-7`` / ``RB7`` / ``RB-0007`` -> ``RB-0007``; anything else unchanged."""
    m = _LOOSE_ID.match(raw.strip())
    return f"RB-{int(m.group(1)):04d}" if m else raw.strip()


def _as_text(value: Any) -> Any:
    """YAML reads ``2027`` as a number; names and triggers are text here."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return value




def _as_date(value: Any) -> Any:
    """A YAML date or ``YYYY-MM-DD`` text; never a number (pydantic would read 20270101 as a
    timestamp) and never a date with a time."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"'{value}' has a time of day; write the date only, YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    shown = value if isinstance(value, str) else repr(value)
    raise ValueError(f"'{str(shown)[:40]}' is not a date; write YYYY-MM-DD, e.g. 2027-01-31")


def _lower(value: Any) -> Any:
    """``Sev1`` means ``sev1``."""
    return value.strip().lower() if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_as_text)]
Names = Annotated[list[Text], BeforeValidator(as_list)]
IsoDate = Annotated[dt.date, BeforeValidator(_as_date),
                    WithJsonSchema({"type": "string", "format": "date"})]


class Runbook(BaseModel):
    """The front matter of a runbook file."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, title="specsite runbook front matter",
        json_schema_extra={"$id": SCHEMA_ID,
                           "$schema": "https://json-schema.org/draft/2020-12/schema"})

    id: Text = Field(description="RB-NNNN, unique; other specs link to it as [[RB-NNNN]].")
    title: Text = Field(min_length=1, description="What goes wrong, in a few words.")
    service: Names = Field(
        min_length=1, description="The C4 elements it keeps running (Structurizr identifiers, "
                                  "e.g. webshop.checkout); one or a list.")
    owner: Text = Field(min_length=1, description="The team or person on call for it.")
    severity: Annotated[Literal["sev1", "sev2", "sev3", "sev4"], BeforeValidator(_lower)] = Field(
        description="sev1 (down: page now) | sev2 (core journey degraded) | sev3 (minor, working "
                    "hours) | sev4 (no impact yet)")
    triggers: Names = Field(default_factory=list,
                            description="Alerts by name, or symptoms, that send someone here.")
    slo: Names = Field(
        default_factory=list, description="Requirement IDs of the non-functional targets it "
                                          "protects, e.g. PRD-0001.NFR1.")
    last_reviewed: IsoDate = Field(description="When the runbook was last walked through (YYYY-MM-DD).")
    # strict: YAML's ``true`` or ``"30"`` is no number of days
    review_every: StrictInt | None = Field(
        None, gt=0, description="Days between reviews; RB008 flags a runbook past it (optional).")

    @field_validator("id")
    @classmethod
    def _runbook_id(cls, value: str) -> str:
        canonical = normalise_id(value)
        if not RUNBOOK_ID.match(canonical):
            raise ValueError(f"'{value}' is not a runbook ID; write RB-NNNN, e.g. RB-0007")
        return canonical

    def next_review(self) -> dt.date | None:
        """The day the next review is due, when the runbook has a review interval."""
        if self.review_every is None:
            return None
        try:
            return self.last_reviewed + dt.timedelta(days=self.review_every)
        except OverflowError:
            return dt.date.max


def json_schema() -> str:
    """The published JSON Schema of runbook front matter (deterministic text)."""
    schema = Runbook.model_json_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
