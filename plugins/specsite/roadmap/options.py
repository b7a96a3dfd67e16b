"""The ``roadmap`` option of the specsite configuration, as users write it (a pydantic model).

Kept apart from :mod:`.view` so the configuration can import it without the roadmap's renderers.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ..core.yaml_values import Text

LANES = ("none", "owner", "system", "tag")
#: the PRD statuses (as in :data:`specsite.prd.model.STATUSES`, repeated so the configuration
#: does not import the PRD kind)
PRD_STATUSES = ("draft", "review", "approved", "shipped", "deprecated")


def _release(value: Any) -> Any:
    """``4.2`` means ``{name: 4.2}``."""
    return {"name": value} if isinstance(value, (str, int, float)) and not isinstance(value, bool) \
        else value


def _one_or_many(value: Any) -> Any:
    if value is None:
        return []
    return [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


class ReleaseOption(BaseModel):
    """One release of the configured order: its name and, optionally, the day it ends."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = Field(min_length=1, description="The release as PRDs name it, e.g. 4.2.")
    date: dt.date | None = Field(
        None, description="The last day of the release: milestones after it are reported (ROAD002).")

    @field_validator("name")
    @classmethod
    def _strip(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a release name cannot be blank")
        return value.strip()


class RoadmapOptions(BaseModel):
    """The ``roadmap`` option: release order, which statuses show, lanes, the current release."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    releases: list[Annotated[ReleaseOption, BeforeValidator(_release)]] = Field(
        default_factory=list,
        description="Named releases in order, each a name or {name, date} (date: its last day). "
                    "Quarters (2027-Q1) sort by themselves; quote version numbers ('4.10').")
    statuses: list[Literal["draft", "review", "approved", "shipped", "deprecated"]] = Field(
        default_factory=lambda: [s for s in PRD_STATUSES if s != "deprecated"],
        description="PRD statuses the roadmap shows (default: all but deprecated).")
    lanes: Literal["none", "owner", "system", "tag"] = Field(
        "none", description="Swimlanes of the timeline: none, owner, system (the C4 software "
                            "system the PRD touches) or tag (the PRD's first tag).")
    current: list[Text] = Field(
        default_factory=list,
        description="The release(s) shown as Now; by default the first release with a PRD not "
                    "yet shipped.")

    @field_validator("releases")
    @classmethod
    def _unique(cls, value: list[ReleaseOption]) -> list[ReleaseOption]:
        seen: set[str] = set()
        for release in value:
            if release.name in seen:
                raise ValueError(f"release '{release.name}' is listed twice")
            seen.add(release.name)
        return value

    @field_validator("statuses", "current", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        return _one_or_many(value)

    @field_validator("statuses")
    @classmethod
    def _some(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("list at least one status to show (draft, review, approved, shipped, "
                             "deprecated)")
        return list(dict.fromkeys(value))

    @field_validator("current")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(v.strip() for v in value if v.strip()))
