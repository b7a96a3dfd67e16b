"""Reference pages: an index of every API, an overview per API, a page per tag, schema pages.

Pages are Markdown in the site (so the search plugin indexes operations and schemas), never one
page per large spec: the search plugin's cost grows badly with page size. Operations have the
anchor ``op-<operationId>`` and schemas ``schema-<Name>`` (headings with attr_list ids).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, Callable

from ..core import escape
from ..core.entities import Entity
from ..core.graph import SpecGraph
from ..core.html_table import HtmlBlocks
from ..core.kind import GeneratedPage, PageUnit, SiteContext, render_units
from ..core.urls import relative_md, relative_url
from ..core.xref import Reference
from ..core.references import html_entity_link
from .badges import method_badge, status_badge
from .curl import credentials, curl_command, server_url
from .downloads import source_files
from .examples import SKIP, ExampleGenerator
from .layout import PAGE_DIR, anchor_id, api_base, operation_anchor, operation_pages, schema_pages, tag_of
from .markdown import Descriptions, cell, code_block, table
from .model import Api, Operation, parameters_of
from .schema_tree import SchemaTrees

if TYPE_CHECKING:
    from .kind import ApiRecord, OpenApiModel

_MAX_DEPTH = 3


def render_all(model: "OpenApiModel", graph: SpecGraph, site: SiteContext) -> list[GeneratedPage]:
    """Every page of every API, plus the index of all APIs."""
    return render_units(units(model, graph, site), graph)


#: the unit of the index of all APIs (no API name has parentheses)
INDEX_UNIT = "(index)"


def units(model: "OpenApiModel", graph: SpecGraph, site: SiteContext) -> list[PageUnit]:
    """The pages of each API as a unit ``mkdocs serve`` reuses on its own (made from its read
    record, kept the very same object while its files are unchanged), then the index of all
    APIs. What C4 elements mention is indexed here, once, from ``graph``: every unit reads it."""
    records = sorted(model.records, key=lambda r: r.name)
    # one Markdown renderer for all APIs (remembering descriptions without references across
    # them); each unit points its references at the graph it is made from
    text = Descriptions(_reference_link(graph, site))
    mentioned = mentions_index(graph)
    out = []
    for record in records:
        api = model.api(record)
        if api is not None:
            out.append(PageUnit(record.name, record, _api_pages(api, record, site, text, mentioned)))
    names = tuple(r.name for r in records)
    out.append(PageUnit(INDEX_UNIT, names, lambda g: [_index(names, g)]))
    return out


def _api_pages(api: Api, record: "ApiRecord", site: SiteContext, text: Descriptions,
               mentioned: dict[str, set[str]]) -> Callable[[SpecGraph], list[GeneratedPage]]:
    def render(graph: SpecGraph) -> list[GeneratedPage]:
        text.link = _reference_link(graph, site)
        return ApiPages(api, record, graph, site, text, mentioned).render()

    return render


def _index(names: tuple[str, ...], graph: SpecGraph) -> GeneratedPage:
    """The index of all APIs (``names`` sorted)."""
    rows = []
    for name in names:
        entity = graph.get(f"api:{name}")
        title = entity.title if entity else name
        rows.append([f"[{cell(title)}]({name}/index.md)", escape.md_code(f"api:{name}"),
                     cell(entity.attrs.get("version") if entity else ""),
                     cell(entity.attrs.get("operations") if entity else "")])
    body = "# APIs\n\n" + (table(["API", "ID", "Version", "Operations"], rows) if rows else "No API yet.")
    return GeneratedPage(f"{PAGE_DIR}/index.md", "APIs", body + "\n")


class ApiPages:
    """The pages of one API."""

    def __init__(self, api: Api, record: "ApiRecord", graph: SpecGraph, site: SiteContext,
                 text: Descriptions | None = None,
                 mentioned: dict[str, set[str]] | None = None) -> None:
        self.api = api
        #: renders descriptions (Markdown from the spec) contained where they are shown
        self.text = text or Descriptions(_reference_link(graph, site))
        self.record = record
        self.graph = graph
        self.site = site
        self.base = api_base(api.name)
        #: C4 element IDs by each value their properties hold (built once for all APIs)
        self.mentioned = mentions_index(graph) if mentioned is None else mentioned
        self.schema_pages = schema_pages(api)
        self.operation_pages = operation_pages(api)
        self.trees = SchemaTrees(self._resolve, self._component_name, self._schema_url, self.text)
        self.samples = ExampleGenerator(self._resolve)
        #: (page, id(schema), uri, direction) of the generated examples shown (schema kept alive)
        self._sampled: dict[tuple, Any] = {}
        self.server = server_url(api.data, api.version)
        self.schemes = api.security_schemes()
        self.downloads = source_files(record, api)

    # -- pages --------------------------------------------------------------------------------

    def render(self) -> list[GeneratedPage]:
        by_page: dict[str, list[Operation]] = defaultdict(list)
        for op in self.api.operations:
            by_page[self.operation_pages[id(op)]].append(op)
        pages = [self._overview(by_page)]
        for page in sorted(by_page):
            pages.append(self._tag(page, tag_of(by_page[page][0]), by_page[page]))
        pages += self._schemas()
        return pages

    def _overview(self, by_page: dict[str, list[Operation]]) -> GeneratedPage:
        api, data = self.api, self.api.data
        page = f"{self.base}/index.md"
        info = data.get("info") if isinstance(data.get("info"), dict) else {}
        title = str(info.get("title") or api.name)
        out = [f"# {cell(title)}", "",
               f"{escape.md_code(api.id)} · version {escape.md_code(info.get('version', ''))} · "
               f"{'Swagger' if api.version == '2.0' else 'OpenAPI'} {escape.md_code(api.version)} · "
               f"source {escape.md_code(api.rel)}", ""]
        if info.get("description"):
            out += [self.text.block(info["description"], page), ""]
        out += _about(info, data.get("externalDocs"))
        out += self._download(page)
        blocks = HtmlBlocks()
        traces = self._served_by(page, api.id, None)
        referrers = [e for e in self.graph.referrers(api.id) if not e.id.startswith("c4:")]
        if referrers:
            traces.append(self._links_line(page, "Referenced by", [e.id for e in referrers]))
        if traces:
            out.append(blocks.add("\n".join(traces), exact=True))
        servers = self._servers(page)
        if servers:
            out += ["## Servers", "", table(["URL", "Description", "Variables"], servers), ""]
        schemes = api.security_schemes()
        if schemes:
            rows = [[escape.md_code(name), cell(s.get("type")), cell(_scheme_detail(s)),
                     self.text.inline(s.get("description"), page)]
                    for name, s in sorted(schemes.items()) if isinstance(s, dict)]
            out += ["## Security", "", table(["Scheme", "Type", "Details", "Description"], rows), ""]
            if isinstance(data.get("security"), list):
                out += ["Required by default: " + _requirements(data["security"]), ""]
        declared = _declared_tags(data)
        rows = []
        tags: dict[str | None, list[str]] = defaultdict(list)
        for tag_page in sorted(by_page, key=_page_order):
            tags[tag_of(by_page[tag_page][0])].append(tag_page)
        for tag in sorted(tags, key=lambda t: (t is None, t or "")):
            links = [f"[{cell(tag or 'default')}]({relative_md(page, tags[tag][0])})"]
            links += [f"[part {i + 2}]({relative_md(page, p)})" for i, p in enumerate(tags[tag][1:])]
            count = sum(len(by_page[p]) for p in tags[tag])
            rows.append([", ".join(links), str(count),
                         self.text.inline(_first_line(declared.get(tag, {}).get("description")), page)])
        out += ["## Operations by tag", "", table(["Tag", "Operations", "Description"], rows), ""]
        if self.schema_pages:
            out += ["## Schemas", ""]
            pages = sorted(set(self.schema_pages.values()), key=_page_order)
            out += [f"- [{'Schemas' if i == 0 else f'Schemas (part {i + 1})'}]({relative_md(page, p)})"
                    for i, p in enumerate(pages)]
            out.append("")
        return GeneratedPage(page, title, "\n".join(out), api.rel, html=blocks.html)

    def _tag(self, page: str, tag: str | None, operations: list[Operation]) -> GeneratedPage:
        declared = _declared_tags(self.api.data).get(tag, {})
        part = _page_order(page)[1]
        title = (tag or "default") + (f" (part {part})" if part > 1 else "")
        out = [f"# {cell(title)}", "",
               f"Operations of [{cell(self._title())}]({relative_md(page, f'{self.base}/index.md')}) "
               f"tagged {escape.md_code(tag or 'default')}.", ""]
        if declared.get("description") and part == 1:
            out += [self.text.block(declared["description"], page), ""]
        if part == 1:
            out += _see_also(declared.get("externalDocs"))
        out += [_operation_list(operations), ""]
        blocks = HtmlBlocks()
        for op in operations:
            out += self._operation(page, op, blocks)
        return GeneratedPage(page, f"{self._title()}: {title}", "\n".join(out), self.api.rel,
                             html=blocks.html)

    def _schemas(self) -> list[GeneratedPage]:
        chunks: dict[str, list[str]] = defaultdict(list)
        for name, page in self.schema_pages.items():
            chunks[page].append(name)
        pages = []
        schemas = self.api.schemas()
        for i, page in enumerate(sorted(chunks, key=_page_order)):
            title = "Schemas" if i == 0 else f"Schemas (part {i + 1})"
            out = [f"# {title}", "",
                   f"Schemas of [{cell(self._title())}]({relative_md(page, f'{self.base}/index.md')}).", ""]
            for name in chunks[page]:
                node, uri, _ = self.api.bundle.resolve(schemas[name], self.api.uri)
                out += [f"## {cell(name)} {{#schema-{anchor_id(name)}}}", ""]
                if isinstance(node, dict) and node.get("description"):
                    out += [self.text.block(node["description"], page), ""]
                if isinstance(node, dict):
                    out += _see_also(node.get("externalDocs"))
                out += [self.trees.render(schemas[name], self.api.uri, page, expand_refs=False,
                                          own_name=name), ""]
                if isinstance(node, dict) and "example" in node:
                    out += ["Example:", "", code_block(node["example"]), ""]
            pages.append(GeneratedPage(page, f"{self._title()}: {title}", "\n".join(out), self.api.rel))
        return pages

    # -- operations ---------------------------------------------------------------------------

    def _operation(self, page: str, op: Operation, blocks: HtmlBlocks) -> list[str]:
        op_id = op.operation_id
        anchor = operation_anchor(op)
        # the badge says the method: without a summary the heading is the path ("GET /pets")
        summary = op.node.get("summary") or (op.path if op.webhook is None else f"webhook {op.webhook}")
        where = escape.md_code(op.path) if op.webhook is None else f"webhook {escape.md_code(op.webhook)}"
        out = [f"## {method_badge(op.method)} {cell(summary)} {{#{anchor}}}", "",
               f"{method_badge(op.method)} {where}" +
               (f" · {escape.md_code(f'{self.api.id}#{op_id}')}" if op_id else ""), ""]
        if op.node.get("deprecated") is True:
            out += ['!!! warning "Deprecated"', "    This operation is deprecated.", ""]
        if op.node.get("description"):
            out += [self.text.block(op.node["description"], page), ""]
        out += _see_also(op.node.get("externalDocs"))
        entity = self.graph.get(f"{self.api.id}#{op_id}") if op_id else None
        out += self._trace(page, entity, blocks)
        security = op.node.get("security", self.api.data.get("security"))
        if isinstance(security, list):
            out += ["**Security:** " + (_requirements(security) if security else "none"), ""]
        out += self._parameters(page, op)
        body = self._request_body(page, op)
        out += body[0]
        out += self._responses(page, op)
        out += self._curl(op, security, body[1], body[2])
        return out

    def _curl(self, op: Operation, security: Any, media: str | None, example: Any) -> list[str]:
        """The operation as a curl command (placeholders for what the description cannot give)."""
        if op.webhook is not None:
            return []  # the API calls a webhook: there is no request of ours to show
        query = []
        headers, auth_query, user = credentials(self.schemes, security)
        for node, _, _ in parameters_of(self.api, op):
            name = node.get("name")
            if node.get("required") is not True or not isinstance(name, str):
                continue
            if node.get("in") == "query":
                query.append(name)
            elif node.get("in") == "header":
                headers.append((name, "{" + name + "}"))
        accept = self._accepts(op)
        if accept:
            headers.append(("Accept", accept))
        command = curl_command(self.server, op.method, op.path, query + auth_query, headers, media,
                               None if example is SKIP else example, user)
        return ["**Request sample (curl)**", "", escape.md_fence(command, "bash"), ""]

    def _accepts(self, op: Operation) -> str | None:
        """The media type of the first success response (``application/json`` when it has it)."""
        responses = op.node.get("responses")
        for code in sorted(responses, key=str) if isinstance(responses, dict) else ():
            if not str(code).startswith("2"):
                continue
            response, _, _ = self.api.bundle.resolve(responses[code], op.uri)
            content = response.get("content") if isinstance(response, dict) else None
            if isinstance(content, dict) and content:
                return _preferred(content)
            if isinstance(response, dict) and "schema" in response:
                produces = op.node.get("produces", self.api.data.get("produces"))
                return produces[0] if isinstance(produces, list) and produces and \
                    isinstance(produces[0], str) else "application/json"
        return None

    def _trace(self, page: str, entity: Entity | None, blocks: HtmlBlocks) -> list[str]:
        """What an operation implements, what serves it and what references it: raw HTML kept
        out of Markdown (an operation many requirements name has a long line of links)."""
        if entity is None:
            return []
        out = []
        implements = [l.target for l in entity.links if l.rel == "implements"]
        if implements:
            out.append(self._links_line(page, "Implements", implements))
        out += self._served_by(page, self.api.id, entity)
        referrers = [e for e in self.graph.referrers(entity.id) if not e.id.startswith("c4:")]
        if referrers:
            out.append(self._links_line(page, "Referenced by", [e.id for e in referrers]))
        return [blocks.add("\n".join(out), exact=True)] if out else []

    def _links_line(self, page: str, name: str, target_ids: list[str]) -> str:
        """``**name:** link, link`` as the HTML paragraph Markdown made of it."""
        return f"<p><strong>{name}:</strong> " + ", ".join(self._html_link(page, t) for t in target_ids) + "</p>"

    def _html_link(self, page: str, target_id: str) -> str:
        """A link to an entity (:func:`.html_entity_link`); an ID with no page as code."""
        target = self.graph.get(target_id)
        if target is None or not target.page:
            return f"<code>{escape.html_line(target_id)}</code>" + (" (unknown)" if target is None else "")
        return html_entity_link(page, target, self.site.use_directory_urls)

    def _served_by(self, page: str, api_id: str, entity: Entity | None) -> list[str]:
        """The C4 elements serving an API or operation (stated links, referrers, properties), as
        an HTML paragraph (:meth:`_links_line`), or none."""
        ids = set()
        for holder in (entity, self.graph.get(api_id)):
            if holder is None:
                continue
            ids |= {l.target for l in holder.links if l.rel == "served-by"}
        subject = entity.id if entity else api_id
        ids |= {e.id for e in self.graph.referrers(subject) if e.id.startswith("c4:")}
        wanted = {subject, api_id, self.api.name, self.api.rel}
        if entity is not None:
            wanted.add(entity.id.split(":", 1)[1])
        for value in wanted:  # an index, not a walk over every element per operation
            ids |= self.mentioned.get(value, set())
        if not ids:
            return []
        return [self._links_line(page, "Served by", sorted(ids))]

    def _parameters(self, page: str, op: Operation) -> list[str]:
        params = parameters_of(self.api, op)
        rows = []
        body = None
        for node, uri, _ in params:
            if node.get("in") == "body":
                body = (node, uri)
                continue
            schema = node.get("schema", node)
            rows.append([escape.md_code(node.get("name", "")), cell(node.get("in")),
                         self._type(page, schema, uri),
                         "yes" if node.get("required") is True else "",
                         self.text.inline(node.get("description"), page)
                         + (" *(deprecated)*" if node.get("deprecated") is True else "")])
        out = []
        if rows:
            out += ["**Parameters**", "", table(["Name", "In", "Type", "Required", "Description"], rows), ""]
        if body is not None:
            out += ["**Request body**" + (" (required)" if body[0].get("required") is True else ""), ""]
            if body[0].get("description"):
                out += [self.text.block(body[0]["description"], page), ""]
            out += self._tree_and_example(page, body[0].get("schema"), body[1], "request")[0]
        return out

    def _request_body(self, page: str, op: Operation) -> tuple[list[str], str | None, Any]:
        """The request body's lines, with the media type and example the curl sample sends."""
        body, uri, _ = self.api.bundle.resolve(op.node.get("requestBody"), op.uri)
        if not isinstance(body, dict):
            return self._swagger_body(op)
        out = ["**Request body**" + (" (required)" if body.get("required") is True else ""), ""]
        if body.get("description"):
            out += [self.text.block(body["description"], page), ""]
        lines, media, example = self._content(page, body.get("content"), uri, "request")
        return out + lines, media, example

    def _swagger_body(self, op: Operation) -> tuple[list[str], str | None, Any]:
        """Swagger 2.0: the body parameter (shown with the parameters) for the curl sample."""
        consumes = op.node.get("consumes", self.api.data.get("consumes"))
        consumes = [c for c in consumes if isinstance(c, str)] if isinstance(consumes, list) else []
        fields = {}
        for node, uri, _ in parameters_of(self.api, op):
            if node.get("in") == "body":
                media = consumes[0] if consumes else "application/json"
                return [], media, self.samples.sample(node.get("schema"), uri, "request")
            if node.get("in") == "formData" and isinstance(node.get("name"), str):
                name = node["name"]
                fields[name] = "@file" if node.get("type") == "file" else "{" + name + "}"
        if fields:
            multipart = "multipart/form-data" in consumes or "@file" in fields.values()
            return [], "multipart/form-data" if multipart else "application/x-www-form-urlencoded", fields
        return [], None, SKIP

    def _responses(self, page: str, op: Operation) -> list[str]:
        responses = op.node.get("responses")
        if not isinstance(responses, dict):
            return []
        out = ["**Responses**", ""]
        for code in sorted(responses, key=str):
            response, uri, _ = self.api.bundle.resolve(responses[code], op.uri)
            if not isinstance(response, dict):
                continue
            out += [f'<div class="specsite-response">{status_badge(str(code))} '
                    f'{self.text.inline(response.get("description"), page)}</div>', ""]
            if "schema" in response:  # Swagger 2.0
                examples = response.get("examples")
                given = sorted(examples.items()) if isinstance(examples, dict) else []
                out += self._tree_and_example(page, response["schema"], uri, "response", bool(given))[0]
                for mime, value in given:
                    out += [f"Example ({escape.md_code(mime)}):", "", code_block(value), ""]
            out += self._content(page, response.get("content"), uri, "response")[0]
            headers = response.get("headers")
            if isinstance(headers, dict) and headers:
                rows = []
                for name, raw in sorted(headers.items()):
                    header, huri, _ = self.api.bundle.resolve(raw, uri)
                    if isinstance(header, dict):
                        rows.append([escape.md_code(name), self._type(page, header.get("schema", header), huri),
                                     self.text.inline(header.get("description"), page)])
                out += [table(["Header", "Type", "Description"], rows), ""]
        return out

    def _content(self, page: str, content: Any, uri: str, direction: str
                 ) -> tuple[list[str], str | None, Any]:
        """Each media type with its schema tree and examples; the preferred media type and its
        example (for the curl sample)."""
        out: list[str] = []
        chosen = _preferred(content) if isinstance(content, dict) else None
        chosen_example: Any = SKIP
        for media in sorted(content) if isinstance(content, dict) else ():
            item = content[media]
            if not isinstance(item, dict):
                continue
            out += [f"Content {escape.md_code(media)}:", ""]
            given: list[tuple[str, Any]] = []
            if "example" in item:
                given.append(("Example:", item["example"]))
            examples = item.get("examples")
            for name in sorted(examples) if isinstance(examples, dict) else ():
                example, _, _ = self.api.bundle.resolve(examples[name], uri)
                if isinstance(example, dict) and "value" in example:
                    given.append((f"Example {cell(example.get('summary') or name)}:", example["value"]))
            lines, generated = self._tree_and_example(page, item.get("schema"), uri, direction,
                                                      bool(given) or not _is_json(media))
            out += lines
            for label, value in given:
                out += [label, "", code_block(value), ""]
            if media == chosen:
                chosen_example = given[0][1] if given else generated
        return out, chosen, chosen_example

    def _tree_and_example(self, page: str, schema: Any, uri: str, direction: str,
                          has_examples: bool = False) -> tuple[list[str], Any]:
        """A schema's tree, then an example generated from it when the description gives none."""
        if schema is None:
            return [], SKIP
        out = [self.trees.render(schema, uri, page), ""]
        generated = self.samples.sample(schema, uri, direction)
        node, node_uri = self._resolve(schema, uri)
        # one generated example per schema and page: a shared response shows it once
        first = (page, id(node), node_uri, direction) not in self._sampled
        self._sampled[(page, id(node), node_uri, direction)] = node
        if not has_examples and generated is not SKIP and first:
            own = isinstance(node, dict) and "example" in node
            out += ["Example:" if own else "Example (generated from the schema):", "",
                    code_block(generated, limit=_GENERATED_LIMIT), ""]
        return out, generated

    def _download(self, page: str) -> list[str]:
        """A link to the description file as written (and how many parts it ``$ref``s)."""
        if not self.downloads:
            return []
        root = next((path for path, source in self.downloads.items() if source == str(self.record.root)),
                    None)
        if root is None:
            return []
        parts = len(self.downloads) - 1
        return [f"Download the description: [{cell(root.rsplit('/', 1)[-1])}]({relative_md(page, root)})"
                + (f" (and the {parts} file{'s' if parts > 1 else ''} it references, beside it)"
                   if parts else ""), ""]

    # -- schemas ------------------------------------------------------------------------------

    def _component_name(self, ref: str, uri: str) -> str | None:
        """The component schema a ``$ref`` names, when it names one of the root document."""
        found = self.api.bundle.target(uri, ref)
        base = self.api.schemas_pointer()
        if found and found[0] == self.api.uri and len(found[1]) == len(base) + 1 and found[1][:-1] == base:
            return found[1][-1]
        return None

    def _resolve(self, schema: Any, uri: str) -> tuple[Any, str]:
        node, node_uri, _ = self.api.bundle.resolve(schema, uri)
        return node, node_uri

    def _schema_url(self, name: str, page: str) -> str | None:
        """The final URL of a component schema's anchor, seen from ``page`` (raw HTML links)."""
        target = self.schema_pages.get(name)
        if target is None:
            return None
        return relative_url(page, target, self.site.use_directory_urls, f"schema-{anchor_id(name)}")

    def _schema_link(self, page: str, name: str) -> str:
        target = self.schema_pages.get(name)
        if target is None:
            return escape.md_code(name)
        return f"[{cell(name)}]({relative_md(page, target, f'schema-{anchor_id(name)}')})"

    def _type(self, page: str, schema: Any, uri: str, depth: int = 0) -> str:
        """A one-cell description of a schema's type (named schemas become links)."""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            name = self._component_name(schema["$ref"], uri)
            if name is not None:
                return self._schema_link(page, name)
            schema, uri, _ = self.api.bundle.resolve(schema, uri)
        if not isinstance(schema, dict):
            return "any" if schema is True or schema is None else cell(schema)
        kind = schema.get("type")
        kind = " \\| ".join(map(cell, kind)) if isinstance(kind, list) else cell(kind)
        for key in ("oneOf", "anyOf", "allOf"):
            if isinstance(schema.get(key), list) and depth < _MAX_DEPTH:
                joined = (" \\| " if key != "allOf" else " & ").join(
                    self._type(page, s, uri, depth + 1) for s in schema[key])
                kind = f"{kind} {key}: {joined}".strip()
        if kind == "array" and "items" in schema and depth < _MAX_DEPTH:
            kind = f"array of {self._type(page, schema['items'], uri, depth + 1)}"
        text = kind or ("object" if "properties" in schema else "any")
        if schema.get("format"):
            text += f" ({cell(schema['format'])})"
        if isinstance(schema.get("enum"), list):
            values = ", ".join(escape.md_code(json_text(v)) for v in schema["enum"][:12])
            text += f", one of {values}{' ...' if len(schema['enum']) > 12 else ''}"
        if schema.get("nullable") is True:
            text += ", nullable"
        if "default" in schema:
            text += f", default {escape.md_code(json_text(schema['default']))}"
        for flag in ("readOnly", "writeOnly", "deprecated"):
            if schema.get(flag) is True:
                text += f", {flag}"
        return text

    def _servers(self, page: str) -> list[list[str]]:
        data = self.api.data
        if self.api.version == "2.0":
            if not data.get("host"):
                return []
            schemes = data.get("schemes") if isinstance(data.get("schemes"), list) else ["https"]
            return [[escape.md_code(f"{s}://{data['host']}{data.get('basePath', '')}"), "", ""] for s in schemes]
        servers = data.get("servers")
        # a server URL is a template (``{region}``), shown as code rather than followed
        return [[escape.md_code(s.get("url", "")), self.text.inline(s.get("description"), page),
                 _server_variables(s.get("variables"))]
                for s in servers if isinstance(s, dict)] if isinstance(servers, list) else []

    def _title(self) -> str:
        info = self.api.data.get("info")
        return str(info.get("title")) if isinstance(info, dict) and info.get("title") else self.api.name


def _declared_tags(data: dict) -> dict[str, dict]:
    tags = data.get("tags")
    return {t["name"]: t for t in tags if isinstance(t, dict) and isinstance(t.get("name"), str)} \
        if isinstance(tags, list) else {}


_GENERATED_LIMIT = 1500


def _preferred(content: dict) -> str | None:
    """The media type samples use: JSON when offered, else the first by name."""
    names = sorted(str(m) for m in content)
    return next((m for m in names if _is_json(m)), names[0] if names else None)


def _is_json(media: str) -> bool:
    base = media.split(";", 1)[0].strip().lower()
    return base in ("application/json", "*/*") or base.endswith("+json")


def _operation_list(operations: list[Operation]) -> str:
    """The page's operations at its top, each a link to its heading (as Redoc's side menu)."""
    items = []
    for op in operations:
        where = op.path if op.webhook is None else f"webhook {op.webhook}"
        summary = op.node.get("summary") if isinstance(op.node.get("summary"), str) else ""
        shown = f' <span class="specsite-operations-summary">{escape.md_text(summary)}</span>' if summary else ""
        items.append(f'<li><a href="#{escape.md_text(operation_anchor(op))}">{method_badge(op.method)} '
                     f'<code>{escape.md_text(where)}</code>{shown}</a></li>')
    return f'<ul class="specsite-operations">{"".join(items)}</ul>'


def _first_line(text: Any) -> str:
    return text.strip().split("\n", 1)[0] if isinstance(text, str) else ""


def _page_order(page: str) -> tuple[str, int]:
    """``x.md`` before ``x.2.md`` before ``x.10.md``."""
    stem = page[:-3]
    head, _, part = stem.rpartition(".")
    return (head, int(part)) if part.isdigit() and head else (stem, 1)


def json_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _requirements(requirements: list) -> str:
    """``oauth (read, write)`` or ``apiKey`` for each alternative, alternatives joined by 'or'."""
    alternatives = []
    for requirement in requirements:
        if not isinstance(requirement, dict):
            continue
        if not requirement:
            alternatives.append("anonymous")
            continue
        parts = []
        for name, scopes in sorted(requirement.items(), key=lambda item: str(item[0])):
            scopes = [escape.md_text(s) for s in scopes] if isinstance(scopes, list) else []
            parts.append(escape.md_code(name) + (f" ({', '.join(scopes)})" if scopes else ""))
        alternatives.append(" and ".join(parts))
    return " or ".join(alternatives) if alternatives else "none"


def _scheme_detail(scheme: dict) -> str:
    kind = scheme.get("type")
    if kind == "apiKey":
        return f"{scheme.get('name')} in {scheme.get('in')}"
    if kind == "http":
        return str(scheme.get("scheme", "")) + (f" ({scheme['bearerFormat']})" if scheme.get("bearerFormat") else "")
    if kind == "oauth2":
        flows = scheme.get("flows")
        return ", ".join(sorted(map(str, flows))) if isinstance(flows, dict) else str(scheme.get("flow", ""))
    if kind == "openIdConnect":
        return str(scheme.get("openIdConnectUrl", ""))
    return ""


def _reference_link(graph: SpecGraph, site: SiteContext) -> Callable[[Reference, str], str]:
    """How a ``[[ID]]`` in a description is written: a Markdown link to the final URL (the
    description becomes HTML before MkDocs sees the page, so MkDocs rewrites no ``.md`` link)."""

    def link(ref: Reference, page: str) -> str:
        entity = graph.get(ref.target)
        label = escape.md_text(ref.label or ref.target)
        if entity is None:
            return f'<span class="specsite-unresolved" title="unknown reference">{label}</span>'
        if not entity.page:
            return label
        url = relative_url(page, entity.page, site.use_directory_urls, entity.anchor)
        return f'[{label}](<{url}> "{escape.md_text(entity.title)}")'

    return link


def _see_also(docs: Any) -> list[str]:
    """An ``externalDocs`` object as a "See also" line (a link only for a safe URL)."""
    if not isinstance(docs, dict) or not docs.get("url"):
        return []
    return [f"See also: {escape.md_link(docs.get('url'), docs.get('description'))}", ""]


def _about(info: dict, docs: Any) -> list[str]:
    """Contact, licence and external documentation of an API, one line each."""
    out = []
    contact = info.get("contact")
    if isinstance(contact, dict):
        parts = [escape.md_text(contact["name"])] if contact.get("name") else []
        if contact.get("url"):
            parts.append(escape.md_link(contact["url"]))
        if isinstance(contact.get("email"), str) and contact["email"]:
            parts.append(escape.md_link(f"mailto:{contact['email']}", contact["email"]))
        if parts:
            out += ["Contact: " + " · ".join(parts), ""]
    licence = info.get("license")
    if isinstance(licence, dict) and (licence.get("name") or licence.get("url")):
        name = licence.get("name") or licence.get("identifier") or licence.get("url")
        out += ["Licence: " + (escape.md_link(licence["url"], name) if licence.get("url")
                               else escape.md_text(name)), ""]
    return out + _see_also(docs)


def _server_variables(variables: Any) -> str:
    """A server's variables: ``name`` = default (one of ...)."""
    if not isinstance(variables, dict):
        return ""
    out = []
    for name, variable in sorted(variables.items(), key=lambda item: str(item[0])):
        if not isinstance(variable, dict):
            continue
        text = escape.md_code(name)
        if "default" in variable:
            text += f" = {escape.md_code(variable['default'])}"
        if isinstance(variable.get("enum"), list):
            text += " (one of " + ", ".join(escape.md_code(v) for v in variable["enum"][:12]) + ")"
        out.append(text)
    return "<br>".join(out)


def mentions_index(graph: SpecGraph) -> dict[str, set[str]]:
    """For each string a C4 element's attributes (its properties) hold, stripped, the IDs of the
    elements holding it: which elements name an API or operation, in one pass over the model."""
    index: dict[str, set[str]] = defaultdict(set)
    # the C4 elements only (not the whole listing): under serve, adding a decision or an API
    # leaves what every API page read of the graph the same
    for element in graph.of_kind("c4"):
        if not element.id.startswith("c4:"):
            continue
        stack: list[Any] = [element.attrs]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                index[value.strip()].add(element.id)
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    return dict(index)
