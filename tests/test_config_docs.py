"""The configuration guide documents every option the plugin accepts, and no other."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from specsite.core.config import RoadmapOptions, SpecsiteConfig, describe_errors
from specsite.core.limits import Limits

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "configuration.md"
_ROW = re.compile(r"^\| `([a-z0-9_]+)` \|", re.M)


def _table_after(text: str, heading: str) -> set[str]:
    """The option names in the first table after ``heading``."""
    rest = text[text.index(heading):]
    table = rest[rest.index("\n|"):]
    table = table[:table.index("\n\n")] if "\n\n" in table else table
    return set(_ROW.findall(table))


def _names(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def test_every_option_is_documented_and_every_documented_option_exists() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert _table_after(text, "| Option | Type | Default | Meaning |") == _names(SpecsiteConfig)
    assert _table_after(text, "### `roadmap`") == _names(RoadmapOptions)
    assert _table_after(text, "| Limit | Default |") == _names(Limits)


def test_the_unknown_option_example_is_what_specsite_says() -> None:
    try:
        SpecsiteConfig.model_validate({"adr": ["decisions"]})
    except ValidationError as exc:
        message = describe_errors(exc, "specsite: mkdocs.yml: plugins.specsite: ")[0]
    assert message in GUIDE.read_text(encoding="utf-8")
