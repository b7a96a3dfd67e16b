"""Runbook rules (RB001..RB009). Coverage rules only run when the configuration asks for them:
production environments for RB006, an ``as_of`` date for RB008."""

from ..core.findings import CATALOGUE

SCHEMA = CATALOGUE.define(
    "RB001", "runbook-schema-violation", "error",
    "Runbook front matter is missing, has an unknown field, or a value of the wrong type or form "
    "(an ID that is not RB-NNNN, a date that is not YYYY-MM-DD...).", "runbook")
DUPLICATE_ID = CATALOGUE.define(
    "RB002", "duplicate-runbook-id", "error", "Two runbooks have the same ID.", "runbook")
UNKNOWN_SERVICE = CATALOGUE.define(
    "RB003", "unknown-service", "error",
    "A runbook's `service` names a C4 element the model does not have.", "runbook")
UNKNOWN_SLO = CATALOGUE.define(
    "RB004", "unknown-slo", "error",
    "A runbook's `slo` names a requirement (PRD-NNNN.ID) that does not exist.", "runbook")
SLO_WITHOUT_TARGET = CATALOGUE.define(
    "RB005", "slo-without-target", "error",
    "A runbook's `slo` names a functional requirement or one without a measurable `target`: "
    "there is no objective to protect.", "runbook")
PRODUCTION_WITHOUT_RUNBOOK = CATALOGUE.define(
    "RB006", "production-container-without-runbook", "warning",
    "A container deployed to an environment named in `runbook_production` has no runbook (runs "
    "only when that option is set).", "runbook")
NFR_WITHOUT_RUNBOOK = CATALOGUE.define(
    "RB007", "nfr-without-runbook", "info",
    "An availability or performance requirement of a shipped PRD is protected by no runbook "
    "(runs only when runbooks are configured).", "runbook")
REVIEW_OVERDUE = CATALOGUE.define(
    "RB008", "runbook-review-overdue", "warning",
    "`last_reviewed` + `review_every` days is before the as-of date (`--as-of` or `as_of`; never "
    "the wall clock, and not checked without one).", "runbook")
MISSING_STEPS = CATALOGUE.define(
    "RB009", "runbook-missing-steps", "warning",
    "A runbook's body lacks a Diagnose, Mitigate, Escalate or Verify section.", "runbook")
