"""Rules about C4 workspaces (Structurizr DSL) and references to their elements."""

from ..core.findings import CATALOGUE

SYNTAX = CATALOGUE.define(
    "C4001", "dsl-syntax-error", "error",
    "The Structurizr DSL cannot be parsed: the message says what was expected where.", "c4")
UNSUPPORTED = CATALOGUE.define(
    "C4002", "dsl-unsupported", "warning",
    "A construct that needs a JVM or the network (`!script`, `!plugin`, `!components`, URL "
    "includes) is skipped.", "c4")
UNKNOWN_IDENTIFIER = CATALOGUE.define(
    "C4003", "unknown-identifier", "error",
    "A relationship, view or `!ref` names an identifier no element or relationship has.", "c4")
DUPLICATE_IDENTIFIER = CATALOGUE.define(
    "C4004", "duplicate-identifier", "error",
    "Two elements or relationships are given the same identifier, or a relationship is "
    "defined twice.", "c4")
ELEMENT_WITHOUT_DESCRIPTION = CATALOGUE.define(
    "C4005", "element-without-description", "warning",
    "A person, software system, container or component has no description.", "c4")
RELATIONSHIP_WITHOUT_DESCRIPTION = CATALOGUE.define(
    "C4006", "relationship-without-description", "warning",
    "A relationship written in the model has no description.", "c4")
EMPTY_VIEW = CATALOGUE.define(
    "C4007", "empty-view", "warning",
    "A view shows no element.", "c4")
ELEMENT_IN_NO_VIEW = CATALOGUE.define(
    "C4008", "element-in-no-view", "info",
    "An element appears in no view.", "c4")
UNKNOWN_ELEMENT_REFERENCE = CATALOGUE.define(
    "C4009", "unknown-element-reference", "error",
    "A PRD or ADR names a C4 element (`c4:<identifier>`) that the model does not have.", "c4")
REMOVED_ELEMENT_REFERENCE = CATALOGUE.define(
    "C4010", "removed-element-in-accepted-adr", "error",
    "A change removes a C4 element that an accepted ADR still names (reported by `specsite diff`, "
    "which knows the model before the change; `check` reports a missing ID as XREF001/C4009).",
    "c4")
MISSING_FILE = CATALOGUE.define(
    "C4011", "dsl-missing-file", "error",
    "A workspace, `!include`, `extends`, `!docs` or `!adrs` names a file or folder that does "
    "not exist.", "c4")
NO_RELATIONSHIP_FOR_STEP = CATALOGUE.define(
    "C4012", "dynamic-step-without-relationship", "error",
    "A dynamic view step joins two elements that have no relationship in either direction.", "c4")
DUPLICATE_VIEW_KEY = CATALOGUE.define(
    "C4013", "duplicate-view-key", "error",
    "Two views have the same key.", "c4")
VIEW_TOO_LARGE = CATALOGUE.define(
    "C4014", "view-too-large-to-lay-out", "warning",
    "A view has more elements or relationships than `limits.max_layout_elements`/"
    "`max_layout_relationships`, or its layout needs more than `limits.max_layout_work`: it is "
    "drawn as a plain grid.", "c4")
REMOVED_KEYWORD = CATALOGUE.define(
    "C4015", "dsl-removed-keyword", "error",
    "A keyword Structurizr has removed (`enterprise`, `!constant`); the message names what "
    "replaced it.", "c4")
INVALID_JSON_WORKSPACE = CATALOGUE.define(
    "C4016", "json-workspace-invalid", "error",
    "A Structurizr JSON workspace (read directly or by `workspace extends`) is not valid JSON or "
    "not shaped like a workspace.", "c4")
