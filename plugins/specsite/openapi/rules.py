"""OpenAPI rules. What makes a description wrong is an error; style and completeness warn.

Each rule follows the OpenAPI Specification; Spectral's and Redocly's rule sets decided which
lints are worth having (their names are given where one corresponds).
"""

from ..core.findings import CATALOGUE

KIND = "openapi"

INVALID_DOCUMENT = CATALOGUE.define(
    "OAS001", "invalid-document", "error",
    "A description cannot be parsed, is not a mapping, or states no supported "
    "`openapi`/`swagger` version.", KIND)
SCHEMA_VIOLATION = CATALOGUE.define(
    "OAS002", "schema-violation", "error",
    "The description breaks the official OpenAPI schema or a rule openapi-spec-validator "
    "enforces (duplicate parameters or tags, invalid schema objects, defaults that do not match "
    "their schema).", KIND)
UNRESOLVED_REF = CATALOGUE.define(
    "OAS003", "unresolved-reference", "error",
    "A `$ref` names a file or a JSON pointer that does not exist (Spectral "
    "`oas3-valid-schema-ref`, Redocly `no-unresolved-refs`).", KIND)
REMOTE_REF_REFUSED = CATALOGUE.define(
    "OAS004", "remote-reference-refused", "error",
    "A `$ref` names a remote URL whose host is not in `openapi_allow_hosts`.", KIND)
DUPLICATE_OPERATION_ID = CATALOGUE.define(
    "OAS005", "duplicate-operation-id", "error",
    "Two operations of one API share an operationId (Spectral `operation-operationId-unique`).",
    KIND)
PATH_PARAMETER_MISMATCH = CATALOGUE.define(
    "OAS006", "path-parameter-mismatch", "error",
    "A `{parameter}` of the path is not declared `in: path`, or a declared path parameter is "
    "not in the path (Spectral `path-params`).", KIND)
MISSING_OPERATION_ID = CATALOGUE.define(
    "OAS007", "missing-operation-id", "warning",
    "An operation has no operationId, so nothing can link to it (Spectral "
    "`operation-operationId`).", KIND)
UNSAFE_OPERATION_ID = CATALOGUE.define(
    "OAS008", "operation-id-not-url-safe", "warning",
    "An operationId has characters that are not URL-safe (Spectral "
    "`operation-operationId-valid-in-url`).", KIND)
IDENTICAL_PATHS = CATALOGUE.define(
    "OAS009", "identical-paths", "error",
    "Two paths differ only in the names of their parameters (`/a/{x}` and `/a/{y}`), which the "
    "specification forbids.", KIND)
AMBIGUOUS_PATHS = CATALOGUE.define(
    "OAS010", "ambiguous-paths", "warning",
    "Two paths can match the same URL (`/a/{x}/b` and `/a/c/{y}`; Redocly `no-ambiguous-paths`).",
    KIND)
EXAMPLE_MISMATCH = CATALOGUE.define(
    "OAS011", "invalid-example", "warning",
    "An example does not match its schema; readOnly properties are not required in requests, "
    "writeOnly ones not in responses (Spectral `oas3-valid-media-example`).", KIND)
UNDECLARED_TAG = CATALOGUE.define(
    "OAS012", "undeclared-tag", "warning",
    "An operation uses a tag that the top-level `tags` list does not declare (Spectral "
    "`operation-tag-defined`).", KIND)
DUPLICATE_TAG = CATALOGUE.define(
    "OAS013", "duplicate-operation-tag", "warning",
    "An operation lists the same tag twice (Spectral `operation-tags` / uniqueness).", KIND)
UNDEFINED_SECURITY_SCHEME = CATALOGUE.define(
    "OAS014", "undefined-security-scheme", "error",
    "A security requirement names a scheme that is not defined (Redocly `security-defined`).",
    KIND)
UNKNOWN_SCOPE = CATALOGUE.define(
    "OAS015", "unknown-scope", "warning",
    "A security requirement asks for an OAuth2 scope that no flow of the scheme declares.", KIND)
UNUSED_COMPONENT = CATALOGUE.define(
    "OAS016", "unused-component", "info",
    "A component is never referenced (Spectral `oas3-unused-component`).", KIND)
ENUM_TYPE_MISMATCH = CATALOGUE.define(
    "OAS017", "enum-type-mismatch", "warning",
    "An enum value does not have the schema's type (Spectral `typed-enum`).", KIND)
DUPLICATE_ENUM = CATALOGUE.define(
    "OAS018", "duplicate-enum-value", "warning",
    "An enum lists the same value twice (Spectral `duplicated-entry-in-enum`).", KIND)
UNDEFINED_REQUIRED = CATALOGUE.define(
    "OAS019", "undefined-required-property", "warning",
    "A schema requires a property it does not define (Redocly `no-required-schema-properties-"
    "undefined`).", KIND)
NO_SERVERS = CATALOGUE.define(
    "OAS020", "no-servers", "warning",
    "The API names no server (3.x `servers`, 2.0 `host`; Spectral `oas3-api-servers`).", KIND)
NO_SUCCESS_RESPONSE = CATALOGUE.define(
    "OAS021", "no-success-response", "warning",
    "An operation has no 2xx or 3xx response (Spectral `operation-success-response`).", KIND)
MISSING_SUMMARY = CATALOGUE.define(
    "OAS022", "missing-summary", "warning",
    "An operation has no summary (Redocly `operation-summary`).", KIND)
UNSAFE_HTML = CATALOGUE.define(
    "OAS023", "unsafe-html", "warning",
    "A description contains a script tag, an event-handler attribute or a `javascript:` URL "
    "(Spectral `no-script-tags-in-markdown`, `no-eval-in-markdown`).", KIND)
UNKNOWN_REQUIREMENT = CATALOGUE.define(
    "OAS024", "unknown-requirement", "error",
    "An operation's `x-requirements` names a requirement that does not exist.", KIND)
UNKNOWN_OPERATION = CATALOGUE.define(
    "OAS025", "unknown-operation", "error",
    "A requirement names an operation (`payments#createPayment`) that does not exist.", KIND)
UNTRACED_OPERATION = CATALOGUE.define(
    "OAS026", "untraced-operation", "info",
    "An operation is traced to no requirement (no `x-requirements`, no requirement naming it).",
    KIND)
DUPLICATE_API = CATALOGUE.define(
    "OAS027", "duplicate-api-name", "error",
    "Two API files have the same name (file stem), so `api:<name>` would be ambiguous.", KIND)
NOT_A_DESCRIPTION = CATALOGUE.define(
    "OAS028", "not-a-description", "info",
    "A `.yaml`/`.yml`/`.json` file in a configured OpenAPI folder has no top-level `openapi` or "
    "`swagger` key and no description `$ref`s it: it is not read (said, never skipped in silence).",
    KIND)
