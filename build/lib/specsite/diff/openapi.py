"""APIs compared: a semantic diff with breaking-change detection.

The checks and their ids follow oasdiff's breaking-changes catalogue
(https://github.com/oasdiff/oasdiff/blob/main/BREAKING-CHANGES.md), so teams that know oasdiff
recognise them: operations removed without deprecation or before their ``x-sunset`` date,
parameters and bodies that became required, types changed, request constraints tightened and
response constraints loosened, enum values, response properties, status codes and media types
removed, security tightened. Each change is reported on the operation it affects (a change in a
shared schema on every operation that uses it), located at the operation on each side.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.entities import Entity
from .api_documents import ApiDocuments, ApiOperation, iter_apis, operations
from .api_schemas import REQUEST, RESPONSE, SchemaChange, SchemaDiff
from .compare import Context, page_of
from .model import ADDED, CHANGED, CHANGES, REMOVED, Change, ChangeCode, FieldChange, Place, make

_D = CHANGES.define
API_ADDED = _D("api-added", "info", "api", "An API description was added.")
API_REMOVED = _D("api-removed", "breaking", "api", "A whole API description was removed.")
API_VERSION = _D("api-version-changed", "info", "api", "An API's info.version changed.")
ENDPOINT_ADDED = _D("endpoint-added", "info", "operation", "An operation was added.")
PATH_REMOVED = _D("api-path-removed-without-deprecation", "breaking", "operation",
                  "A path was removed with operations that were not deprecated.")
OP_REMOVED = _D("api-removed-without-deprecation", "breaking", "operation",
                "An operation was removed without being deprecated first.")
PATH_REMOVED_SUNSET = _D("api-path-removed-before-sunset", "breaking", "operation",
                         "A path was removed before the x-sunset date of its deprecated operation.")
OP_REMOVED_SUNSET = _D("api-removed-before-sunset", "breaking", "operation",
                       "A deprecated operation was removed before its x-sunset date.")
OP_REMOVED_DEPRECATED = _D("api-removed-after-deprecation", "info", "operation",
                           "A deprecated operation was removed (no x-sunset, or after it).")
DEPRECATED = _D("endpoint-deprecated", "info", "operation", "An operation was deprecated.")
REACTIVATED = _D("endpoint-reactivated", "info", "operation", "An operation is no longer deprecated.")
OP_ID = _D("api-operation-id-updated", "warning", "operation",
           "An operationId changed: references to api:<name>#<operationId> break.")
NEW_REQUIRED_PARAM = _D("new-required-request-parameter", "breaking", "operation",
                        "A required request parameter was added.")
NEW_OPTIONAL_PARAM = _D("new-optional-request-parameter", "info", "operation",
                        "An optional request parameter was added.")
PARAM_REMOVED = _D("request-parameter-removed", "warning", "operation",
                   "A request parameter was removed (clients sending it may be refused).")
PARAM_REQUIRED = _D("request-parameter-became-required", "breaking", "operation",
                    "A request parameter became required.")
PARAM_OPTIONAL = _D("request-parameter-became-optional", "info", "operation",
                    "A request parameter became optional.")
BODY_ADDED_REQUIRED = _D("added-required-request-body", "breaking", "operation",
                         "A required request body was added.")
BODY_ADDED_OPTIONAL = _D("added-optional-request-body", "info", "operation",
                         "An optional request body was added.")
BODY_REMOVED = _D("request-body-removed", "warning", "operation", "The request body was removed.")
BODY_REQUIRED = _D("request-body-became-required", "breaking", "operation",
                   "The request body became required.")
BODY_OPTIONAL = _D("request-body-became-optional", "info", "operation",
                   "The request body became optional.")
BODY_MEDIA_REMOVED = _D("request-body-media-type-removed", "breaking", "operation",
                        "A request body media type is no longer accepted.")
BODY_MEDIA_ADDED = _D("request-body-media-type-added", "info", "operation",
                      "A request body media type was added.")
SUCCESS_REMOVED = _D("response-success-status-removed", "breaking", "operation",
                     "A success (2xx/3xx) response status was removed.")
NON_SUCCESS_REMOVED = _D("response-non-success-status-removed", "warning", "operation",
                         "A non-success response status was removed.")
STATUS_ADDED = _D("response-status-added", "info", "operation", "A response status was added.")
RESPONSE_MEDIA_REMOVED = _D("response-media-type-removed", "breaking", "operation",
                            "A response media type was removed.")
RESPONSE_MEDIA_ADDED = _D("response-media-type-added", "info", "operation",
                          "A response media type was added.")
SECURITY_ADDED = _D("api-security-added", "breaking", "operation",
                    "An operation requires a security scheme it did not require.")
SCOPE_ADDED = _D("api-security-scope-added", "breaking", "operation",
                 "An operation requires an OAuth scope it did not require.")
SECURITY_REMOVED = _D("api-security-removed", "info", "operation",
                      "An operation's security requirements were relaxed.")

#: levels of the schema checks (api_schemas.py), per direction
_REQUEST_LEVELS = {
    "type-changed": "breaking", "type-generalized": "info", "became-not-nullable": "breaking",
    "enum-value-removed": "breaking", "enum-value-added": "info", "became-enum": "breaking",
    "pattern-added": "warning", "pattern-changed": "warning", "pattern-removed": "info",
}
_RESPONSE_LEVELS = {
    "type-changed": "breaking", "type-generalized": "info", "became-nullable": "breaking",
    "enum-value-added": "warning", "enum-value-removed": "info",
    "pattern-removed": "warning", "pattern-changed": "warning", "pattern-added": "info",
}
for _bound, _more in (("max-length", True), ("min-length", False), ("max", True), ("min", False),
                      ("max-items", True), ("min-items", False)):
    # a request must not accept less than before; a response must not return more
    _tighter, _looser = ("decreased", "increased") if _more else ("increased", "decreased")
    _REQUEST_LEVELS.update({f"{_bound}-{_tighter}": "breaking", f"{_bound}-{_looser}": "info",
                            f"{_bound}-set": "warning", f"{_bound}-unset": "info"})
    _RESPONSE_LEVELS.update({f"{_bound}-{_looser}": "breaking", f"{_bound}-{_tighter}": "info",
                             f"{_bound}-unset": "breaking", f"{_bound}-set": "info"})
_PROPERTY_CODES = {
    (REQUEST, "new-required"): ("new-required-request-property", "breaking"),
    (REQUEST, "new-optional"): ("new-optional-request-property", "info"),
    (REQUEST, "became-required"): ("request-property-became-required", "breaking"),
    (REQUEST, "removed"): ("request-property-removed", "warning"),
    (RESPONSE, "removed-required"): ("response-required-property-removed", "breaking"),
    (RESPONSE, "removed-optional"): ("response-optional-property-removed", "warning"),
    (RESPONSE, "became-optional"): ("response-property-became-optional", "breaking"),
    (RESPONSE, "added"): ("response-property-added", "info"),
}
_WHERE = {"request-parameter": "a request parameter", "request-body": "the request body",
          "request-property": "a request body property", "response-body": "the response body",
          "response-property": "a response body property"}
_SCHEMA_CODES: dict[tuple[str, str], ChangeCode] = {}
for _prefix in ("request-parameter", "request-body", "request-property"):
    for _check, _level in sorted(_REQUEST_LEVELS.items()):
        _SCHEMA_CODES[(_prefix, _check)] = _D(
            f"{_prefix}-{_check}", _level, "operation",
            f"In {_WHERE[_prefix]}: {_check.replace('-', ' ')}.")
for _prefix in ("response-body", "response-property"):
    for _check, _level in sorted(_RESPONSE_LEVELS.items()):
        _SCHEMA_CODES[(_prefix, _check)] = _D(
            f"{_prefix}-{_check}", _level, "operation",
            f"In {_WHERE[_prefix]}: {_check.replace('-', ' ')}.")
for (_direction, _check), (_code, _level) in _PROPERTY_CODES.items():
    _SCHEMA_CODES[(_direction, _check)] = _D(
        _code, _level, "operation", f"{_code.replace('-', ' ').capitalize()}.")


class OpenApiComparer:
    """The OpenAPI kind's comparer."""

    name = "openapi"

    def compare(self, ctx: Context) -> list[Change]:
        base = {a.name: a for a in iter_apis(ctx.base.sections.get("openapi"))}
        head = {a.name: a for a in iter_apis(ctx.head.sections.get("openapi"))}
        out: list[Change] = []
        for name in sorted(base.keys() | head.keys()):
            b, a = base.get(name), head.get(name)
            api_id = f"api:{name}"
            kw = _entity_args(ctx, api_id, b, a)
            if b is None:
                out.append(make(API_ADDED, api_id, ADDED, f"API {api_id} added", **kw))
            elif a is None:
                out.append(make(API_REMOVED, api_id, REMOVED,
                                f"API {api_id} removed with all its operations", **kw))
            elif b.documents != a.documents:
                out.extend(ApiComparison(ctx, b, a).run())
        return out


def _entity_args(ctx: Context, entity_id: str, b: ApiDocuments | None, a: ApiDocuments | None) -> dict:
    before, after = ctx.base.graph.get(entity_id), ctx.head.graph.get(entity_id)
    shown = after or before
    return {"title": shown.title if shown else entity_id,
            "base": _place(before, b.file if b else None),
            "head": _place(after, a.file if a else None),
            "page": page_of(after) or page_of(before)}


def _place(entity: Entity | None, fallback: str | None) -> Place | None:
    if entity is not None and entity.file:
        return Place(entity.file, entity.line)
    return Place(fallback, 1) if fallback else None


class ApiComparison:
    """The two sides of one API."""

    def __init__(self, ctx: Context, base: ApiDocuments, head: ApiDocuments) -> None:
        self.ctx, self.base, self.head = ctx, base, head
        self.schemas = SchemaDiff(base, head)
        self.api_id = f"api:{base.name}"

    def run(self) -> list[Change]:
        out = []
        vb, va = _info_version(self.base), _info_version(self.head)
        if vb != va:
            out.append(make(API_VERSION, self.api_id, CHANGED, f"API {self.api_id}: version {vb} -> {va}",
                            fields=[FieldChange("info.version", vb, va)],
                            **_entity_args(self.ctx, self.api_id, self.base, self.head)))
        before, after = operations(self.base), operations(self.head)
        head_paths = {op.key.split(" ", 1)[1] for op in after.values()}
        for key in sorted(before.keys() | after.keys()):
            b, a = before.get(key), after.get(key)
            if b is None:
                out.append(self._change(ENDPOINT_ADDED, None, a, f"{a.label} added"))
            elif a is None:
                out.append(self._removed(b, key.split(" ", 1)[1] not in head_paths))
            else:
                out.extend(self._operation(b, a))
        return out

    def _entity(self, api: ApiDocuments, op: ApiOperation | None, graph: Any) -> Entity | None:
        if op is None or op.operation_id is None:
            return None
        return graph.get(f"api:{api.name}#{op.operation_id}")

    def _change(self, code: ChangeCode, b: ApiOperation | None, a: ApiOperation | None, message: str,
                fields: list[FieldChange] | None = None) -> Change:
        eb = self._entity(self.base, b, self.ctx.base.graph)
        ea = self._entity(self.head, a, self.ctx.head.graph)
        shown_op = a or b
        assert shown_op is not None
        entity = (ea or eb).id if (ea or eb) else f"{self.api_id}#{shown_op.label}"
        change = ADDED if b is None else REMOVED if a is None else CHANGED
        return make(code, entity, change, message, title=shown_op.label, fields=fields or [],
                    base=_place(eb, self.base.file) if b else None,
                    head=_place(ea, self.head.file) if a else None,
                    page=page_of(ea) or page_of(eb))

    def _removed(self, op: ApiOperation, whole_path: bool) -> Change:
        if op.node.get("deprecated") is not True:
            code = PATH_REMOVED if whole_path else OP_REMOVED
            return self._change(code, op, None, f"{op.label} removed without deprecation")
        sunset = op.node.get("x-sunset")
        if sunset is not None:
            date, as_of = _date(sunset), self.ctx.as_of
            # no day to compare with: assume the sunset has not come (the safe side)
            if date is None or as_of is None or date > as_of:
                code = PATH_REMOVED_SUNSET if whole_path else OP_REMOVED_SUNSET
                when = (f"unreadable sunset date {sunset!r}" if date is None
                        else f"sunset date {sunset} (no --as-of date to compare with)" if as_of is None
                        else f"sunset date {sunset} (as of {as_of.isoformat()})")
                return self._change(code, op, None, f"{op.label} removed before its {when}")
        return self._change(OP_REMOVED_DEPRECATED, op, None, f"deprecated {op.label} removed")

    def _operation(self, b: ApiOperation, a: ApiOperation) -> list[Change]:
        out: list[Change] = []
        label = a.label
        db, da = b.node.get("deprecated") is True, a.node.get("deprecated") is True
        if da and not db:
            out.append(self._change(DEPRECATED, b, a, f"{label} deprecated"))
        if db and not da:
            out.append(self._change(REACTIVATED, b, a, f"{label} no longer deprecated"))
        if b.operation_id != a.operation_id and b.operation_id and a.operation_id:
            out.append(self._change(OP_ID, b, a, f"{label}: operationId {b.operation_id} -> {a.operation_id}",
                                    [FieldChange("operationId", b.operation_id, a.operation_id)]))
        out.extend(self._parameters(b, a))
        out.extend(self._body(b, a))
        out.extend(self._responses(b, a))
        out.extend(self._security(b, a))
        seen, unique = set(), []
        for c in out:
            if (c.code, c.message) not in seen:
                seen.add((c.code, c.message))
                unique.append(c)
        return unique

    # -- parameters -------------------------------------------------------------------------

    def _params(self, api: ApiDocuments, op: ApiOperation) -> dict[tuple, tuple[dict, str]]:
        merged: dict[tuple, tuple[dict, str]] = {}
        for params, uri in ((op.path_item.get("parameters"), op.path_item_uri),
                            (op.node.get("parameters"), op.uri)):
            for raw in params if isinstance(params, list) else []:
                node, at, _ = api.resolve(raw, uri)
                if isinstance(node, dict) and isinstance(node.get("name"), str) and node.get("in") != "body":
                    where = str(node.get("in"))
                    name = node["name"].lower() if where == "header" else node["name"]
                    merged[(where, name)] = (node, at)
        return merged

    def _parameters(self, b: ApiOperation, a: ApiOperation) -> list[Change]:
        out = []
        before, after = self._params(self.base, b), self._params(self.head, a)
        path_b = [k for k in before if k[0] == "path"]
        path_a = [k for k in after if k[0] == "path"]
        renamed = dict(zip(path_b, path_a)) if len(path_b) == len(path_a) else {}
        for key in sorted(set(before) | set(after), key=str):
            where = f"{key[0]} parameter {key[1]}"
            old = before.get(key)
            new = after.get(key) or (after.get(renamed[key]) if key in renamed else None)
            if key[0] == "path" and old is None and key in path_a and key in renamed.values():
                continue  # a renamed path parameter: compared under its old name
            if old is None and new is not None:
                required = new[0].get("required") is True
                code = NEW_REQUIRED_PARAM if required else NEW_OPTIONAL_PARAM
                out.append(self._change(code, b, a, f"{a.label}: new {'required' if required else 'optional'} "
                                                    f"{where}"))
            elif new is None and old is not None:
                out.append(self._change(PARAM_REMOVED, b, a, f"{a.label}: {where} removed"))
            elif old is not None and new is not None:
                rb, ra = old[0].get("required") is True, new[0].get("required") is True
                if ra and not rb:
                    out.append(self._change(PARAM_REQUIRED, b, a, f"{a.label}: {where} became required"))
                if rb and not ra:
                    out.append(self._change(PARAM_OPTIONAL, b, a, f"{a.label}: {where} became optional"))
                sb, sa = _param_schema(old[0]), _param_schema(new[0])
                if sb is not None and sa is not None:
                    changes = self.schemas.compare(sb, old[1], sa, new[1], REQUEST)
                    out.extend(self._schema_changes(b, a, changes, "request-parameter", REQUEST, where))
        return out

    # -- request body -----------------------------------------------------------------------

    def _request_body(self, api: ApiDocuments, op: ApiOperation) -> tuple[dict, str] | None:
        if api.version == "2.0":
            return _swagger_body(api, op)
        node, uri, _ = api.resolve(op.node.get("requestBody"), op.uri)
        return (node, uri) if isinstance(node, dict) else None

    def _body(self, b: ApiOperation, a: ApiOperation) -> list[Change]:
        old, new = self._request_body(self.base, b), self._request_body(self.head, a)
        out = []
        if old is None and new is None:
            return out
        if old is None:
            required = new[0].get("required") is True
            code = BODY_ADDED_REQUIRED if required else BODY_ADDED_OPTIONAL
            return [self._change(code, b, a, f"{a.label}: {'required' if required else 'optional'} "
                                             f"request body added")]
        if new is None:
            return [self._change(BODY_REMOVED, b, a, f"{a.label}: request body removed")]
        rb, ra = old[0].get("required") is True, new[0].get("required") is True
        if ra and not rb:
            out.append(self._change(BODY_REQUIRED, b, a, f"{a.label}: request body became required"))
        if rb and not ra:
            out.append(self._change(BODY_OPTIONAL, b, a, f"{a.label}: request body became optional"))
        cb, ca = _content(self.base, *old), _content(self.head, *new)
        for media in sorted(cb.keys() - ca.keys()):
            out.append(self._change(BODY_MEDIA_REMOVED, b, a, f"{a.label}: request media type {media} removed"))
        for media in sorted(ca.keys() - cb.keys()):
            out.append(self._change(BODY_MEDIA_ADDED, b, a, f"{a.label}: request media type {media} added"))
        for media in sorted(cb.keys() & ca.keys()):
            (sb, ub), (sa, ua) = cb[media], ca[media]
            if sb is not None and sa is not None:
                changes = self.schemas.compare(sb, ub, sa, ua, REQUEST)
                out.extend(self._schema_changes(b, a, changes, "request-body", REQUEST, f"request body {media}"))
        return out

    # -- responses --------------------------------------------------------------------------

    def _responses_of(self, api: ApiDocuments, op: ApiOperation) -> dict[str, tuple[dict, str]]:
        node, uri, _ = api.resolve(op.node.get("responses"), op.uri)
        out = {}
        for code, raw in (node.items() if isinstance(node, dict) else []):
            if str(code).startswith("x-"):
                continue
            resolved, at, _ = api.resolve(raw, uri)
            if isinstance(resolved, dict):
                out[str(code)] = (resolved, at)
        return out

    def _responses(self, b: ApiOperation, a: ApiOperation) -> list[Change]:
        out = []
        before, after = self._responses_of(self.base, b), self._responses_of(self.head, a)
        for status in sorted(before.keys() - after.keys()):
            success = status[:1] in ("2", "3")
            code = SUCCESS_REMOVED if success else NON_SUCCESS_REMOVED
            out.append(self._change(code, b, a, f"{a.label}: response {status} removed"))
        for status in sorted(after.keys() - before.keys()):
            out.append(self._change(STATUS_ADDED, b, a, f"{a.label}: response {status} added"))
        for status in sorted(before.keys() & after.keys()):
            cb = _response_content(self.base, b, *before[status])
            ca = _response_content(self.head, a, *after[status])
            for media in sorted(cb.keys() - ca.keys()):
                out.append(self._change(RESPONSE_MEDIA_REMOVED, b, a,
                                        f"{a.label}: response {status} media type {media} removed"))
            for media in sorted(ca.keys() - cb.keys()):
                out.append(self._change(RESPONSE_MEDIA_ADDED, b, a,
                                        f"{a.label}: response {status} media type {media} added"))
            for media in sorted(cb.keys() & ca.keys()):
                (sb, ub), (sa, ua) = cb[media], ca[media]
                if sb is not None and sa is not None:
                    changes = self.schemas.compare(sb, ub, sa, ua, RESPONSE)
                    out.extend(self._schema_changes(b, a, changes, "response-body", RESPONSE,
                                                    f"response {status} {media}"))
        return out

    # -- security ---------------------------------------------------------------------------

    def _security(self, b: ApiOperation, a: ApiOperation) -> list[Change]:
        old, new = _security(self.base, b), _security(self.head, a)
        if old == new:
            return []
        out = []
        for alternative in old:
            if any(_satisfies(alternative, h) for h in new):
                continue
            same_schemes = [h for h in new if set(h) == set(alternative)]
            if same_schemes:
                added = sorted({f"{s}:{scope}" for h in same_schemes for s, scopes in h.items()
                                for scope in scopes if scope not in alternative.get(s, ())})
                out.append(self._change(SCOPE_ADDED, b, a, f"{a.label}: now requires scope(s) {', '.join(added)}",
                                        [FieldChange("security", _sec_text(old), _sec_text(new))]))
            else:
                out.append(self._change(SECURITY_ADDED, b, a,
                                        f"{a.label}: security tightened from {_sec_text(old)} to {_sec_text(new)}",
                                        [FieldChange("security", _sec_text(old), _sec_text(new))]))
            break
        if not out:
            out.append(self._change(SECURITY_REMOVED, b, a,
                                    f"{a.label}: security relaxed from {_sec_text(old)} to {_sec_text(new)}",
                                    [FieldChange("security", _sec_text(old), _sec_text(new))]))
        return out

    def _schema_changes(self, b: ApiOperation, a: ApiOperation, changes: list[SchemaChange],
                        prefix: str, direction: str, where: str) -> list[Change]:
        out = []
        for c in changes:
            key = (direction, c.check) if (direction, c.check) in _SCHEMA_CODES else \
                (prefix if not c.path or prefix == "request-parameter" else
                 f"{direction}-property", c.check)
            code = _SCHEMA_CODES.get(key)
            if code is None:
                continue
            inside = f", property {c.path}" if c.path else ""
            out.append(self._change(code, b, a, f"{a.label}: {where}{inside}: {c.message}",
                                    [FieldChange(f"{where}{'/' + c.path if c.path else ''}", c.before, c.after)]))
        return out


def _info_version(api: ApiDocuments) -> str | None:
    info = api.root.get("info") if isinstance(api.root, dict) else None
    return str(info.get("version")) if isinstance(info, dict) and "version" in info else None


def _param_schema(param: dict) -> Any:
    if isinstance(param.get("schema"), dict):
        return param["schema"]
    if "type" in param:  # Swagger 2.0: the parameter is its own schema
        return param
    return None


def _content(api: ApiDocuments, node: dict, uri: str) -> dict[str, tuple[Any, str]]:
    content = node.get("content")
    out = {}
    for media, value in (content.items() if isinstance(content, dict) else []):
        resolved, at, _ = api.resolve(value, uri)
        if isinstance(resolved, dict):
            out[str(media)] = (resolved.get("schema"), at)
    return out


def _media_types(api: ApiDocuments, op: ApiOperation, key: str) -> list[str]:
    value = op.node.get(key)
    if not isinstance(value, list):
        value = api.root.get(key) if isinstance(api.root, dict) else None
    values = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    return values or ["application/json"]


def _swagger_body(api: ApiDocuments, op: ApiOperation) -> tuple[dict, str] | None:
    for params, uri in ((op.node.get("parameters"), op.uri), (op.path_item.get("parameters"), op.path_item_uri)):
        for raw in params if isinstance(params, list) else []:
            node, at, _ = api.resolve(raw, uri)
            if isinstance(node, dict) and node.get("in") == "body":
                content = {m: {"schema": node.get("schema")} for m in _media_types(api, op, "consumes")}
                return {"required": node.get("required") is True, "content": content}, at
    return None


def _response_content(api: ApiDocuments, op: ApiOperation, node: dict, uri: str) -> dict[str, tuple[Any, str]]:
    if api.version == "2.0":
        if "schema" not in node:
            return {}
        return {m: (node.get("schema"), uri) for m in _media_types(api, op, "produces")}
    return _content(api, node, uri)


def _security(api: ApiDocuments, op: ApiOperation) -> list[dict[str, tuple[str, ...]]]:
    """The operation's effective security: alternatives (any one suffices), each a map of scheme
    to required scopes; an empty alternative means anonymous access is allowed."""
    value = op.node.get("security")
    if not isinstance(value, list):
        value = api.root.get("security") if isinstance(api.root, dict) else None
    if not isinstance(value, list) or not value:
        return [{}]
    out = []
    for alternative in value:
        if isinstance(alternative, dict):
            out.append({str(k): tuple(sorted(str(s) for s in v)) if isinstance(v, list) else ()
                        for k, v in alternative.items()})
    return out or [{}]


def _satisfies(old: dict[str, tuple], new: dict[str, tuple]) -> bool:
    """A client that met ``old`` also meets ``new``: every scheme and scope ``new`` needs, ``old``
    needed too."""
    return all(s in old and set(scopes) <= set(old[s]) for s, scopes in new.items())


def _sec_text(alternatives: list[dict[str, tuple]]) -> str:
    parts = []
    for alt in alternatives:
        parts.append(" + ".join(f"{s}[{', '.join(sc)}]" if sc else s for s, sc in sorted(alt.items()))
                     or "anonymous")
    return " or ".join(parts)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


OPENAPI_COMPARER = OpenApiComparer()
