"""ADR rules. Severities fit real folders: fields a format makes optional only warn."""

from ..core.findings import CATALOGUE

DUPLICATE_ID = CATALOGUE.define(
    "ADR001", "duplicate-id", "error", "Two decisions have the same number or ID.", "adr")
MISSING_TITLE = CATALOGUE.define(
    "ADR002", "missing-title", "error", "A decision has no title (no `# heading`, no `title:`).", "adr")
MISSING_STATUS = CATALOGUE.define(
    "ADR003", "missing-status", "warning",
    "A decision states no status (optional in MADR, so a warning by default).", "adr")
MISSING_DATE = CATALOGUE.define(
    "ADR004", "missing-date", "warning",
    "A decision states no date (optional in MADR, so a warning by default).", "adr")
UNKNOWN_STATUS = CATALOGUE.define(
    "ADR005", "unknown-status", "warning",
    "A status that is neither standard nor declared in `adr_statuses`; never silently mapped.", "adr")
SUPERSEDED_WITHOUT_SUCCESSOR = CATALOGUE.define(
    "ADR006", "superseded-without-successor", "error",
    "A decision is superseded but names no decision that supersedes it.", "adr")
UNKNOWN_LINK = CATALOGUE.define(
    "ADR007", "unknown-adr-link", "error",
    "A status link (supersedes, amends, ...) points at a decision that does not exist.", "adr")
ONE_WAY_LINK = CATALOGUE.define(
    "ADR008", "one-way-link", "warning",
    "A supersedes B, but B does not say it is superseded by A (any `X` / `X by` pair).", "adr")
SUPERSEDE_CYCLE = CATALOGUE.define(
    "ADR009", "supersede-cycle", "error", "Decisions supersede each other in a cycle.", "adr")
NUMBER_MISMATCH = CATALOGUE.define(
    "ADR010", "number-mismatch", "error",
    "The number in the file name and the number in the heading disagree.", "adr")
MISSING_SECTIONS = CATALOGUE.define(
    "ADR011", "accepted-without-decision", "warning",
    "An accepted decision lacks its decision or consequences section.", "adr")
INVALID_DATE = CATALOGUE.define(
    "ADR012", "invalid-date", "warning", "A date that is not an ISO 8601 date (YYYY-MM-DD).", "adr")
SUPERSEDED_TWICE = CATALOGUE.define(
    "ADR013", "superseded-twice", "error",
    "A decision is superseded by two or more decisions (its own lines or theirs say so): only one "
    "decision can replace it; amend the later one instead.", "adr")
