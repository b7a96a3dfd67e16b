"""PRD rules. Completeness rules bite once a PRD is approved: drafts may be incomplete."""

from ..core.findings import CATALOGUE

SCHEMA = CATALOGUE.define(
    "PRD001", "schema-violation", "error",
    "PRD front matter is missing, has an unknown field or a value of the wrong type or form.", "prd")
DUPLICATE_PRD = CATALOGUE.define(
    "PRD002", "duplicate-prd-id", "error", "Two PRDs have the same ID.", "prd")
DUPLICATE_REQUIREMENT = CATALOGUE.define(
    "PRD003", "duplicate-requirement-id", "error",
    "Two requirements of one PRD have the same ID (or IDs that differ only in case).", "prd")
MUST_WITHOUT_ACCEPTANCE = CATALOGUE.define(
    "PRD004", "must-without-acceptance", "error",
    "An approved or shipped PRD has a must requirement without acceptance criteria (a "
    "non-functional one may give a measurable `target` instead).", "prd")
NFR_WITHOUT_TARGET = CATALOGUE.define(
    "PRD005", "nfr-without-target", "error",
    "A non-functional requirement of a PRD in review or later has no measurable `target`.", "prd")
INVALID_RICE = CATALOGUE.define(
    "PRD006", "invalid-rice", "error",
    "RICE is given with a field missing or out of range (impact 0.25, 0.5, 1, 2 or 3; confidence in "
    "(0, 1]; reach and effort > 0).", "prd")
UNKNOWN_ADR = CATALOGUE.define(
    "PRD007", "unknown-adr", "error", "A PRD or requirement relies on an ADR that does not exist.",
    "prd")
UNKNOWN_REQUIREMENT = CATALOGUE.define(
    "PRD008", "unknown-requirement", "error",
    "`depends_on` names a PRD or requirement that does not exist.", "prd")
RETIRED_ADR = CATALOGUE.define(
    "PRD011", "relies-on-retired-adr", "error",
    "An approved PRD relies on an ADR that is rejected, deprecated or superseded.", "prd")
SHIPPED_WITH_OPEN_QUESTIONS = CATALOGUE.define(
    "PRD012", "shipped-with-open-questions", "error",
    "A shipped PRD still has unanswered open questions.", "prd")
MUST_BUDGET = CATALOGUE.define(
    "PRD013", "must-effort-over-budget", "warning",
    "More of a PRD's RICE effort is in must requirements than `prd_must_budget` allows "
    "(default 60%); needs RICE effort on at least two requirements.", "prd")
FILE_NUMBER_MISMATCH = CATALOGUE.define(
    "PRD014", "file-number-mismatch", "warning",
    "The number in the file name and the PRD ID disagree (often a copied file).", "prd")
INVALID_ICE = CATALOGUE.define(
    "PRD015", "invalid-ice", "error",
    "ICE is given with a field missing or out of range (impact, confidence and ease each from 1 "
    "to 10).", "prd")
INVALID_KANO = CATALOGUE.define(
    "PRD016", "invalid-kano", "error",
    "A requirement's Kano category is not must-be, performance, attractive, indifferent or "
    "reverse.", "prd")
UNKNOWN_PERSONA = CATALOGUE.define(
    "PRD017", "unknown-persona", "error",
    "A PRD's `personas` or a user story's `as` names neither a person of the C4 model nor a name "
    "in the `personas` option.", "prd")
UNKNOWN_STORY_REQUIREMENT = CATALOGUE.define(
    "PRD018", "unknown-story-requirement", "error",
    "A user story's `requirements` names a requirement that does not exist.", "prd")
PERSONA_NOT_A_PERSON = CATALOGUE.define(
    "PRD019", "persona-not-a-person", "error",
    "A persona names a C4 element that is not a person (a software system, a container...).",
    "prd")
