"""Debt item front matter as users write it: a pydantic model, published as a JSON Schema
(``specsite schema debt``; committed as debt.schema.json beside this module)."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field,
                      field_validator)

from ..core.yaml_values import Names, Text, Value
from . import units

QUADRANTS = ("reckless-deliberate", "prudent-deliberate", "reckless-inadvertent",
             "prudent-inadvertent")
STATUSES = ("open", "scheduled", "repaid", "accepted")
#: items that still cost interest and are ranked in the register
OUTSTANDING = ("open", "scheduled", "accepted")
DEBT_ID = re.compile(r"^DEBT-\d{4,}$")
SCHEMA_ID = ("https://raw.githubusercontent.com/specsite/specsite/main/"
             "plugins/specsite/debt/debt.schema.json")
_NUMBERED = re.compile(r"^debt-0*(\d+)$", re.IGNORECASE)


def normalise_id(raw: str) -> str:
    """``debt-7`` -> ``DEBT-0007``; anything else as written (trimmed)."""
    raw = raw.strip()
    m = _NUMBERED.match(raw)
    return f"DEBT-{int(m.group(1)):04d}" if m else raw


def _as_quantity(value: Any) -> Any:
    """``"4 hours/month"`` means ``{amount: 4, unit: hours/month}``."""
    if isinstance(value, str):
        parsed = units.parse(value)
        if parsed is None:
            raise ValueError(f"'{value[:60]}' is not an amount with a unit; write e.g. "
                             f"'4 hours/month' or {{amount: 4, unit: hours/month}}")
        return {"amount": parsed[0], "unit": parsed[1]}
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Quantity(_Strict):
    """An amount with its unit: ``{amount: 4, unit: hours/month}``, or the text
    ``4 hours/month``."""

    amount: float = Field(ge=0, description="How much, a number (0 or more).")
    unit: Text = Field(min_length=1, max_length=60, description=(
        "Effort: hours, days, weeks, months (person- prefixes allowed; 8-hour days, 5-day weeks, "
        "20-day months), or any other unit (EUR, incidents), which compares only with itself. "
        "Interest is a rate: <unit>/<period>, the period day, week, month, quarter or year."))

    def text(self) -> str:
        """``4 hours/month``."""
        return f"{self.amount:g} {self.unit}"


_QUANTITY_SCHEMA = {"anyOf": [
    {"type": "string", "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*\S.*$",
     "description": "An amount and a unit, e.g. '4 hours/month' or '3 days'."},
    {"$ref": "#/$defs/Quantity"}]}
Amount = Annotated[Quantity, BeforeValidator(_as_quantity)]


class DebtItem(_Strict):
    """The front matter of a technical-debt item."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, title="specsite debt item front matter",
        json_schema_extra={"$id": SCHEMA_ID,
                           "$schema": "https://json-schema.org/draft/2020-12/schema"})

    id: Text = Field(description="DEBT-NNNN, unique; referenced from any spec as [[DEBT-NNNN]].")
    title: Text = Field(min_length=1, description="The debt, in a few words.")
    quadrant: Literal["reckless-deliberate", "prudent-deliberate", "reckless-inadvertent",
                      "prudent-inadvertent"] = Field(
        description="Fowler's technical-debt quadrant: reckless or prudent, deliberate or "
                    "inadvertent. Deliberate debt names the ADR that accepted it.")
    status: Literal["open", "scheduled", "repaid", "accepted"] = Field(
        description="open | scheduled (give `release`) | repaid | accepted (kept on purpose).")
    elements: Names = Field(default_factory=list,
                            description="C4 elements that carry it (Structurizr identifiers).")
    adrs: Names = Field(default_factory=list,
                        description="Decisions that took it on or will repay it (ADR IDs).")
    interest: Amount | None = Field(
        None, description="What it costs while it stays: a rate, e.g. '4 hours/month'.")
    principal: Amount | None = Field(
        None, description="The effort to repay it, in the same kind of unit, e.g. '3 days'.")
    release: Value | None = Field(None, description="When it is repaid, if scheduled: e.g. 2.4 "
                                                    "or 2027-Q1.")

    @field_validator("id")
    @classmethod
    def _debt_id(cls, value: str) -> str:
        canonical = normalise_id(value)
        if not DEBT_ID.match(canonical):
            raise ValueError(f"'{value[:60]}' is not a debt ID; write DEBT-NNNN, e.g. DEBT-0007")
        return canonical

    @field_validator("interest")
    @classmethod
    def _rate(cls, value: Quantity | None) -> Quantity | None:
        if value is not None and "/" not in value.unit:
            raise ValueError(f"'{value.text()}' is not a rate; write the period too, e.g. "
                             f"'{value.amount:g} {value.unit}/month'")
        return value

    @field_validator("principal")
    @classmethod
    def _positive(cls, value: Quantity | None) -> Quantity | None:
        if value is not None and value.amount <= 0:
            raise ValueError("the principal must be more than 0 (repaying costs something)")
        return value


def json_schema() -> str:
    """The published JSON Schema of debt item front matter (deterministic text)."""
    schema = DebtItem.model_json_schema()
    for name in ("interest", "principal"):
        schema["properties"][name] = {
            "anyOf": [*_QUANTITY_SCHEMA["anyOf"], {"type": "null"}],
            "default": None, "description": schema["properties"][name].get("description", ""),
            "title": schema["properties"][name].get("title", name.title())}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
