"""The specsite configuration: the ``specsite`` plugin entry in mkdocs.yml, or CLI flags.

Users write it, so it is a pydantic model: unknown options and bad values are errors with a
clear message (see :func:`describe_errors`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .findings import CATALOGUE
from .suggest import did_you_mean
from .limits import Limits
from ..roadmap.options import ReleaseOption, RoadmapOptions

SeverityName = Literal["error", "warning", "info", "off"]


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


class Prioritise(BaseModel):
    """The ``prioritise`` option: how the backlog ranks requirements."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    score: Literal["rice", "ice", "moscow"] = Field(
        "rice", description="What ranks the backlog: rice (reach × impact × confidence / effort), "
                            "ice (impact × confidence × ease) or moscow (must, should, could).")


class SpecsiteConfig(BaseModel):
    """Options of the ``specsite`` plugin (all paths relative to the folder of mkdocs.yml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = Field(True, description="Switch the plugin off without removing it.")
    adrs: list[str] = Field(default_factory=list, description="ADR folders (one or a list).")
    prds: list[str] = Field(default_factory=list, description="PRD folders (one or a list).")
    c4: list[str] = Field(default_factory=list, description="Structurizr DSL workspace files.")
    openapi: list[str] = Field(default_factory=list, description="OpenAPI files or folders.")
    debt: list[str] = Field(default_factory=list,
                            description="Technical-debt register folders (one or a list).")
    rules: dict[str, SeverityName] = Field(
        default_factory=dict, description="Per-rule severity: error | warning | info | off.")
    adr_statuses: list[str] = Field(
        default_factory=list, description="Custom ADR statuses accepted besides the standard six.")
    prd_must_budget: float = Field(
        0.6, gt=0, le=1,
        description="Largest share of a PRD's RICE effort in must requirements before PRD013 warns.")
    prioritise: Prioritise = Field(
        default_factory=Prioritise,
        description="How the backlog ranks requirements: `{score: rice | ice | moscow}`.")
    personas: list[str] = Field(
        default_factory=list,
        description="Persona names PRDs may use besides the people of the C4 model.")
    openapi_allow_hosts: list[str] = Field(
        default_factory=list, description="Hosts remote $refs may be fetched from (none by default).")
    offline: bool = Field(
        True, description="The built site makes no request to another host: with Material, the "
                          "repository widget fetches no stars/forks and default web fonts are "
                          "off. `false` leaves the theme as configured.")
    untrusted: bool = Field(
        False, description="Treat hand-written docs pages as untrusted too: sanitise them like the "
                           "generated pages (PR previews; also on when SPECSITE_UNTRUSTED=1).")
    diff_levels: dict[str, Literal["breaking", "warning", "info", "off"]] = Field(
        default_factory=dict,
        description="Per-change-code level of `specsite diff`: breaking | warning | info | off.")
    diff_base: str | None = Field(
        None, description="Git revision the preview site is compared with: adds a Changes page, "
                          "banners and diagram marks (also env SPECSITE_DIFF_BASE).")
    cache_dir: str | None = Field(
        None, description="Folder for the content-hash cache of parsed OpenAPI files (relative to "
                          "the project root; none by default). The only thing reading may write.")
    roadmap: RoadmapOptions = Field(
        default_factory=RoadmapOptions,
        description="The roadmap page and its checks: releases (order, optional last days), "
                    "statuses shown, lanes (none, owner, system, tag), current release(s); see "
                    "docs/guide/configuration.md.")
    limits: Limits = Field(
        default_factory=Limits,
        description="Bounds on the work one spec may ask for (sizes, nesting, expansion, layout, "
                    "findings per rule); see docs/guide/configuration.md.")
    runbooks: list[str] = Field(default_factory=list, description="Runbook folders (one or a list).")
    runbook_production: list[str] = Field(
        default_factory=list,
        description="C4 deployment environments that are production: each container deployed to "
                    "one needs a runbook (RB006; not checked when empty).")
    as_of: dt.date | None = Field(
        None, description="The day date-bound checks compare with (runbook reviews, RB008); also "
                          "`specsite check --as-of`. Never the wall clock, so builds stay "
                          "reproducible: without it those checks do not run.")

    @field_validator("adrs", "prds", "c4", "openapi", "adr_statuses", "openapi_allow_hosts",
                     "personas", "debt", "runbooks", "runbook_production", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("as_of", mode="before")
    @classmethod
    def _iso_day(cls, value: Any) -> Any:
        # a number would be read as a timestamp, a datetime silently cut to its day
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValueError(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2027-01-31")

    @field_validator("rules", "diff_levels", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: Any, info: ValidationInfo) -> Any:
        names = "breaking, warning, info or off" if info.field_name == "diff_levels" else \
            "error, warning, info or off"
        return _levels_from_yaml(value, names)

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, str]) -> dict[str, str]:
        _load_all_rules()
        unknown = sorted(code for code in value if code not in CATALOGUE)
        if unknown:
            named = ", ".join(code + did_you_mean(code, CATALOGUE.rules) for code in unknown)
            raise ValueError(
                f"unknown rule code(s) {named}; `specsite rules` lists every rule code")
        return value

    @field_validator("diff_levels")
    @classmethod
    def _known_changes(cls, value: dict[str, str]) -> dict[str, str]:
        from ..diff.compare import load_codes
        from ..diff.model import CHANGES

        load_codes()
        unknown = sorted(code for code in value if code not in CHANGES)
        if unknown:
            raise ValueError(f"unknown change code(s) {', '.join(unknown)}; see "
                             f"docs/reference/diff.md for every change code")
        return value

    @field_validator("adr_statuses")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value]


def _levels_from_yaml(value: Any, names: str) -> Any:
    """YAML 1.1 (the loader of MkDocs and of specsite) reads an unquoted ``off`` or ``no`` as
    ``false``: the documented ``{OAS020: off}`` must mean off. ``true`` (``on``, ``yes``) names no
    level, so it is refused with what to write instead."""
    if not isinstance(value, dict):
        return value
    out = {}
    for code, level in value.items():
        if level is False:
            level = "off"
        elif level is True:
            raise ValueError(f"{code}: true is not a level (YAML reads an unquoted on, yes or true "
                             f"as true); write one of {names}")
        out[code] = level
    return out


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
            model = _model_at(err["loc"])
            known = ", ".join(sorted(model.model_fields))
            hint = did_you_mean(str(err["loc"][-1]), model.model_fields)
            text = f"unknown option{hint} (known options: {known})"
        else:
            text = err["msg"].removeprefix("Value error, ")
        pairs.append((where, text))
    return pairs


def _model_at(loc: tuple) -> type:
    """The model whose options an error location names (for the list of known options)."""
    if loc[:1] == ("limits",):
        return Limits
    if loc[:1] == ("prioritise",):
        return Prioritise
    if loc[:1] == ("roadmap",):
        return ReleaseOption if loc[1:2] == ("releases",) and len(loc) > 3 else RoadmapOptions
    return SpecsiteConfig
