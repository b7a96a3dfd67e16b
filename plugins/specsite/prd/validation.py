"""Schema violations as findings a product manager can act on: the YAML key's line and one
sentence per problem (never a pydantic dump)."""

from __future__ import annotations

import typing
from typing import Any, Sequence

from pydantic import BaseModel, ValidationError

from ..core.findings import Finding
from ..core.front_matter_specs import shown
from . import rules
from .model import Prd
from .positions import Positions

_TYPE_WORDS = {
    "string_type": "text", "float_type": "a number", "float_parsing": "a number",
    "int_type": "a whole number", "int_parsing": "a whole number", "bool_type": "true or false",
    "bool_parsing": "true or false", "finite_number": "a finite number", "list_type": "a list", "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields", "model_attributes_type": "a mapping of fields",
}


def schema_findings(exc: ValidationError, data: dict, positions: Positions, file: str,
                    entity: str | None) -> list[Finding]:
    """One PRD001 finding per problem, at the line of the key (or of the mapping lacking it)."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        where_path = loc[:-1] if err["type"] == "missing" else loc
        line, column = positions.at(where_path)
        out.append(rules.SCHEMA.at(_message(err, loc, data), file, line, column, entity))
    return out


def _message(err: Any, loc: tuple, data: dict) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        problem = "is required but missing"
    elif kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        # fields are named as people write them (``as``, not the Python name ``as_``)
        known = ", ".join(sorted(f.alias or n for n, f in model.model_fields.items())) if model else ""
        problem = "is not a PRD field" + (f" (known here: {known})" if known else "")
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        problem = f"{shown(value)} is not one of {expected}"
    elif kind == "string_pattern_mismatch":
        problem = (f"{shown(value)} is not a requirement ID: use letters, digits, '-' and '_', "
                   "starting with a letter (R1, NFR-2)")
    elif kind == "string_too_short":
        problem = "must not be empty"
    elif kind == "value_error":
        problem = str(err["msg"]).removeprefix("Value error, ")
    elif kind in _TYPE_WORDS:
        problem = f"should be {_TYPE_WORDS[kind]}, not {shown(value)}"
    else:
        problem = str(err["msg"])
    return f"{_where(loc, data)}: {problem}"


def _where(loc: Sequence[str | int], data: dict) -> str:
    """``requirements.0.priority`` -> ``requirement R1, priority``; top level -> ``'status'``."""
    if not loc:
        return "front matter"
    prefix, rest = "", list(loc)
    if len(loc) >= 2 and loc[0] == "requirements" and isinstance(loc[1], int):
        items = data.get("requirements")
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        rid = item.get("id") if isinstance(item, dict) else None
        prefix = f"requirement {rid}" if isinstance(rid, str) and rid else f"requirements[{loc[1]}]"
        rest = list(loc[2:])
    path = ""
    for step in rest:
        path += f"[{step}]" if isinstance(step, int) else (f".{step}" if path else str(step))
    if prefix and path:
        return f"{prefix}, '{path}'"
    return prefix or f"'{path}'"



def _model_at(path: Sequence[str | int]) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``path`` (for 'known fields' hints)."""
    model: Any = Prd
    for step in path:
        if isinstance(step, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or step not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[step].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
