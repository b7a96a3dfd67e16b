"""Field types for what people write in YAML front matter and options: YAML reads ``2027`` as a
number and ``2027-01-15`` as a date where the spec means text, and one name where it means a list.
Shared by the PRD, debt and roadmap models so each reads the same value the same way."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema


def as_text(value: Any) -> Any:
    """YAML reads ``2027`` as a number and ``2027-01-15`` as a date; both are text here."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def as_list(value: Any) -> Any:
    """``adrs: ADR-0012`` means ``adrs: [ADR-0012]``; nothing means an empty list."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [value]
    return value


Text = Annotated[str, BeforeValidator(as_text)]
#: text people often write as a bare number or date (3.1, 2027, 2027-01-15); editors accept both
Value = Annotated[str, BeforeValidator(as_text), WithJsonSchema({"type": ["string", "number"]})]
Names = Annotated[list[Text], BeforeValidator(as_list)]
