"""The specsite configuration: the ``specsite`` plugin entry in mkdocs.yml, or CLI flags.

Users write it, so it is a pydantic model: unknown options and bad values are errors with a
clear message (see :func:`describe_errors`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .findings import CATALOGUE
from .limits import Limits

SeverityName = Literal["error", "warning", "info", "off"]


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


class SpecsiteConfig(BaseModel):
    """Options of the ``specsite`` plugin (all paths relative to the folder of mkdocs.yml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = Field(True, description="Switch the plugin off without removing it.")
    adrs: list[str] = Field(default_factory=list, description="ADR folders (one or a list).")
    prds: list[str] = Field(default_factory=list, description="PRD folders (one or a list).")
    c4: list[str] = Field(default_factory=list, description="Structurizr DSL workspace files.")
    openapi: list[str] = Field(default_factory=list, description="OpenAPI files or folders.")
    rules: dict[str, SeverityName] = Field(
        default_factory=dict, description="Per-rule severity: error | warning | info | off.")
    adr_statuses: list[str] = Field(
        default_factory=list, description="Custom ADR statuses accepted besides the standard six.")
    prd_must_budget: float = Field(
        0.6, gt=0, le=1,
        description="Largest share of a PRD's RICE effort in must requirements before PRD013 warns.")
    openapi_allow_hosts: list[str] = Field(
        default_factory=list, description="Hosts remote $refs may be fetched from (none by default).")
    cache_dir: str | None = Field(
        None, description="Folder for the content-hash cache of parsed OpenAPI files (relative to "
                          "the project root; none by default). The only thing reading may write.")
    limits: Limits = Field(
        default_factory=Limits,
        description="Bounds on the work one spec may ask for (sizes, nesting, expansion, layout, "
                    "findings per rule); see docs/guide/configuration.md.")

    @field_validator("adrs", "prds", "c4", "openapi", "adr_statuses", "openapi_allow_hosts",
                     mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, str]) -> dict[str, str]:
        _load_all_rules()
        unknown = sorted(code for code in value if code not in CATALOGUE)
        if unknown:
            raise ValueError(
                f"unknown rule code(s) {', '.join(unknown)}; see the README for every rule code")
        return value

    @field_validator("adr_statuses")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value]


def _load_all_rules() -> None:
    """Import every kind so that its rules are in the catalogue."""
    from .. import kinds  # noqa: F401  (import for its side effect)


def describe_errors(exc: ValidationError, prefix: str = "") -> list[str]:
    """Human messages for a pydantic error: ``option 'x': what is wrong`` (no pydantic dump)."""
    return [f"{prefix}option '{where}': {text}" for where, text in error_pairs(exc)]


def error_pairs(exc: ValidationError) -> list[tuple[str, str]]:
    """``(option, what is wrong)`` for each problem in a pydantic error."""
    pairs = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        if err["type"] == "extra_forbidden":
            model = Limits if err["loc"][:1] == ("limits",) else SpecsiteConfig
            known = ", ".join(sorted(model.model_fields))
            text = f"unknown option (known options: {known})"
        else:
            text = err["msg"].removeprefix("Value error, ")
        pairs.append((where, text))
    return pairs
