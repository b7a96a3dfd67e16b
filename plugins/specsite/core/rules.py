"""Rules about files and cross-references, shared by every spec kind."""

from .findings import CATALOGUE

UNREADABLE = CATALOGUE.define(
    "SPEC001", "unreadable-file", "error",
    "A spec file cannot be read as text: it is binary, not UTF-8, or unreadable.", "file")
EMPTY = CATALOGUE.define(
    "SPEC002", "empty-file", "error", "A spec file is empty.", "file")
BAD_FRONT_MATTER = CATALOGUE.define(
    "SPEC003", "malformed-front-matter", "error",
    "YAML front matter cannot be parsed or is not a mapping.", "file")
OUTSIDE_ROOT = CATALOGUE.define(
    "SPEC004", "outside-project", "error",
    "A configured path, a reference or a file in a spec folder is refused: it leaves the project "
    "root (symlinks included), is hidden (`.git`, `.env`) or is not a regular file.", "file")
MISSING_SOURCE = CATALOGUE.define(
    "SPEC005", "missing-source", "error",
    "A configured spec folder or file does not exist.", "file")
LIMIT_HIT = CATALOGUE.define(
    "SPEC006", "resource-limit", "error",
    "A spec asks for more work than a configured limit allows (size, nesting, alias or `!const` "
    "expansion, includes); the part over it is not read. See the `limits` option.", "file")
FINDINGS_CAPPED = CATALOGUE.define(
    "SPEC007", "findings-capped", "info",
    "One rule found more than `limits.max_findings_per_rule` problems: the first are reported, "
    "this summary counts the rest (as severe as the worst of them).", "file")
UNKNOWN_REFERENCE = CATALOGUE.define(
    "XREF001", "unknown-reference", "error",
    "A `[[ID]]` cross-reference names no entity in the spec graph.", "xref")
UNCHECKED_REFERENCES = CATALOGUE.define(
    "XREF002", "references-not-checked", "info",
    "References into a spec source that did not parse (a DSL syntax error, an OpenAPI file that "
    "cannot be read) are not checked, so a broken file does not make everything it defines look "
    "missing.", "xref")
