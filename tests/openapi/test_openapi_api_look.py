"""API pages as Redoc and Swagger UI users expect them: method badges, schema trees with linked
``$ref``s and bounded recursion, examples (given or generated), a curl sample per operation,
the description for download, the operations listed at the top of each tag page."""

from __future__ import annotations

import html
import json
import re
import shlex

from openapi_helpers import CLEAN, run, variant

from specsite.openapi import examples as examples_module
from specsite.openapi import schema_tree
from specsite.openapi.badges import method_badge, status_badge
from specsite.openapi.curl import PLACEHOLDER, credentials, curl_command, server_url

TREE_API = """
openapi: 3.0.3
info: {title: Tree, version: "1"}
servers: [{url: "https://{region}.api.example.com/v1", variables: {region: {default: eu}}}]
paths:
  /nodes/{id}:
    put:
      operationId: putNode
      summary: Replace a node
      tags: [nodes]
      x-requirements: [PRD-0001.R1]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: dryRun, in: query, required: true, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Node"}
      responses:
        "200":
          description: The node
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Node"}
        "404":
          description: Not found
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
components:
  schemas:
    Node:
      type: object
      required: [name]
      properties:
        id: {type: string, format: uuid, readOnly: true}
        name: {type: string, maxLength: 40, description: What the node is called.}
        kind: {type: string, enum: [leaf, branch], default: leaf}
        children:
          type: array
          items: {$ref: "#/components/schemas/Node"}
        parent: {$ref: "#/components/schemas/Node"}
        owner: {$ref: "#/components/schemas/Owner"}
    Owner:
      type: object
      properties:
        email: {type: string, format: email}
        since: {type: string, format: date-time}
    Error:
      type: object
      properties:
        message: {type: string}
"""


def pages_of(tmp_path, text=TREE_API):
    return {k: html.unescape(v) for k, v in run(tmp_path, {"api/tree.yaml": text}).pages().items()}


# -- badges ------------------------------------------------------------------------------------

def test_method_badges_are_coloured_by_class_and_escape_odd_methods():
    assert method_badge("get") == '<span class="specsite-method specsite-method-get">GET</span>'
    assert 'specsite-method-delete">DELETE<' in method_badge("delete")
    odd = method_badge('x"><script>')
    assert "<script" not in odd and 'specsite-method-xscript"' in odd  # class: letters only
    assert status_badge("404").startswith('<span class="specsite-code specsite-code-4xx">')
    assert 'specsite-code-xxx' in status_badge("default")


def test_operation_headings_carry_the_badge_and_the_tag_page_lists_operations(tmp_path):
    page = pages_of(tmp_path)["api/tree/nodes.md"]
    put = '<span class="specsite-method specsite-method-put">PUT</span>'
    assert f"## {put} Replace a node {{#op-putNode}}" in page
    listing = re.search(r'<ul class="specsite-operations">.*?</ul>', page).group(0)
    assert f'<a href="#op-putNode">{put} <code>/nodes/{{id}}</code>' in listing
    assert page.index(listing) < page.index("## ")  # at the top, before the first operation


# -- trees -------------------------------------------------------------------------------------

def test_tree_links_refs_and_stops_at_recursion(tmp_path):
    page = pages_of(tmp_path)["api/tree/nodes.md"]
    body = page.split("**Request body**", 1)[1].split("**Responses**", 1)[0]
    link = '<a class="specsite-schema-ref" href="../schemas/#schema-Node">Node</a>'
    assert f"Schema: {link}" in body
    # a Node inside a Node is not opened again: it says so, with a link
    assert f"recursive: see {link}" in body
    assert body.count('<span class="specsite-schema-name">name</span>') == 1
    # Owner is another component: opened in place, its name a link
    assert '<summary><span class="specsite-schema-name">owner</span> <span class="specsite-schema-type">' \
           '<a class="specsite-schema-ref" href="../schemas/#schema-Owner">Owner</a>' in body
    assert '<span class="specsite-schema-name">email</span>' in body
    # required marker, format, enum, default, bound and description on their rows
    assert '<span class="specsite-schema-name">name</span> <span class="specsite-schema-required">required' in body
    assert "string (uuid)" in body and "readOnly" in body
    assert 'one of <code>"leaf"</code> <code>"branch"</code> · default <code>"leaf"</code>' in body
    assert "max length 40" in body and "What the node is called." in body


def test_schemas_page_links_components_instead_of_expanding_them(tmp_path):
    page = pages_of(tmp_path)["api/tree/schemas.md"]
    node = page.split("{#schema-Node}", 1)[1].split("{#schema-Owner}", 1)[0]
    assert '<span class="specsite-schema-name">owner</span>' in node
    assert '<span class="specsite-schema-name">email</span>' not in node  # on Owner's own tree
    assert 'href="./#schema-Owner"' in node


def _trees(resolve=None, component=None):
    from specsite.openapi.markdown import Descriptions

    return schema_tree.SchemaTrees(resolve or (lambda s, u: (s, u)), component or (lambda r, u: None),
                                   lambda name, page: f"s/#{name}", Descriptions(lambda r, p: ""))


def test_tree_depth_is_capped_and_says_so():
    schema: dict = {"type": "string"}
    for level in range(schema_tree.MAX_DEPTH + 4):
        schema = {"type": "object", "properties": {f"p{level}": schema}}
    out = _trees().render(schema, "u", "p.md")
    assert "not expanded (nesting limit)" in out
    assert f"Nesting deeper than {schema_tree.MAX_DEPTH} levels is not shown." in out
    assert out.count("<details>") == schema_tree.MAX_DEPTH


def test_tree_rows_are_capped_and_say_how_many_were_left_out():
    schema = {"type": "object", "properties": {f"p{i}": {"type": "string"} for i in range(300)}}
    out = _trees().render(schema, "u", "p.md")
    assert out.count('<span class="specsite-schema-name">') == schema_tree.TREE_NODES
    assert f"… {300 - schema_tree.TREE_NODES} more properties not shown" in out


def test_page_budget_turns_components_into_links(monkeypatch):
    monkeypatch.setattr(schema_tree, "PAGE_NODES", 3)
    shape = {"type": "object", "properties": {"x": {"type": "string"}, "y": {"type": "string"}}}
    components = {"A": shape, "B": dict(shape)}

    def resolve(schema, uri):
        if isinstance(schema, dict) and "$ref" in schema:
            return components[schema["$ref"]], uri
        return schema, uri

    trees = _trees(resolve, lambda ref, uri: ref)
    first = trees.render({"type": "object", "properties": {"a": {"$ref": "A"}}}, "u", "p.md")
    assert '<span class="specsite-schema-name">x</span>' in first  # within the budget: opened
    second = trees.render({"type": "object", "properties": {"b": {"$ref": "B"}}}, "u", "p.md")
    assert '<span class="specsite-schema-name">x</span>' not in second
    assert "links only" in second and 'href="s/#B"' in html.unescape(second)
    # A, open above, is still linked to where it is open
    third = trees.render({"type": "object", "properties": {"c": {"$ref": "A"}}}, "u", "p.md")
    assert 'A: as <a href="#open-1">shown above</a>' in third
    # another page has its own budget; the same schema on the same page is drawn once
    assert '<span class="specsite-schema-name">x</span>' in trees.render(
        {"type": "object", "properties": {"b": {"$ref": "A"}}}, "u", "q.md")
    # wanted again on a page (another $ref to it, too), a schema is a link to its first drawing
    first = trees.render({"$ref": "A"}, "u", "r.md")
    again = trees.render({"$ref": "A"}, "u", "r.md")
    assert 'id="tree-1"' in first and "x</span>" in first
    assert "x</span>" not in again and 'as <a href="#tree-1">shown above</a>' in again


def test_tree_work_is_linear_in_a_wide_recursive_description():
    # 400 components each naming the next 20: expanding naively is exponential
    names = [f"S{i}" for i in range(400)]
    components = {n: {"type": "object", "properties": {f"to{j}": {"$ref": names[(i + j) % 400]}
                                                      for j in range(1, 21)}} for i, n in enumerate(names)}

    def resolve(schema, uri):
        if isinstance(schema, dict) and "$ref" in schema:
            return components[schema["$ref"]], uri
        return schema, uri

    trees = _trees(resolve, lambda ref, uri: ref)
    out = "".join(trees.render({"$ref": n}, "u", "p.md") for n in names)
    assert out.count('<span class="specsite-schema-name">') <= schema_tree.PAGE_NODES + 400 * 20


# -- examples ----------------------------------------------------------------------------------

def test_examples_are_generated_from_the_schema_when_none_is_given(tmp_path):
    page = pages_of(tmp_path)["api/tree/nodes.md"]
    request = page.split("**Request body**", 1)[1].split("**Responses**", 1)[0]
    block = re.search(r"Example \(generated from the schema\):\n\n```json\n(.*?)\n```", request, re.S)
    sample = json.loads(block.group(1))
    # readOnly left out of a request; enum's default; recursion stops; formats as placeholders
    assert "id" not in sample and sample["kind"] == "leaf" and sample["children"] == []
    assert sample["owner"] == {"email": "user@example.com", "since": "2024-01-01T12:00:00Z"}
    responses = page.split("**Responses**", 1)[1]
    response = json.loads(re.search(r"```json\n(.*?)\n```", responses, re.S).group(1))
    assert response["id"] == "3fa85f64-5717-4562-b3fc-2c963f66afa6"  # readOnly is in a response


def test_given_examples_win_over_generated_ones(tmp_path):
    text = variant(TREE_API, '            schema: {$ref: "#/components/schemas/Error"}\n',
                   '            schema: {$ref: "#/components/schemas/Error"}\n'
                   '              example: {message: "no such node"}\n')
    page = pages_of(tmp_path, text)["api/tree/nodes.md"]
    not_found = page.split('specsite-code-4xx">404</span>', 1)[1]
    assert '"message": "no such node"' in not_found and "generated" not in not_found


def test_generated_examples_are_bounded():
    wide = {"type": "object", "properties": {f"p{i}": {"type": "integer"} for i in range(1000)}}
    sample = examples_module.ExampleGenerator(lambda s, u: (s, u)).sample(wide, "u")
    assert len(sample) < examples_module.MAX_NODES
    deep: dict = {"type": "integer"}
    for _ in range(50):
        deep = {"type": "array", "items": deep}
    text = json.dumps(examples_module.ExampleGenerator(lambda s, u: (s, u)).sample(deep, "u"))
    assert text.count("[") <= examples_module.MAX_DEPTH + 1


# -- curl --------------------------------------------------------------------------------------

def test_curl_sample_per_operation(tmp_path):
    page = pages_of(tmp_path)["api/tree/nodes.md"]
    command = re.search(r"\*\*Request sample \(curl\)\*\*\n\n```bash\n(.*?)\n```", page, re.S).group(1)
    words = shlex.split(command.replace("\\\n", " "))
    assert words[:4] == ["curl", "-X", "PUT", "https://eu.api.example.com/v1/nodes/{id}?dryRun={dryRun}"]
    assert "Content-Type: application/json" in words and "Accept: application/json" in words
    body = json.loads(words[words.index("-d") + 1])
    assert body["name"] == "string" and "id" not in body


def test_curl_server_placeholder_for_unsafe_or_relative_servers():
    assert server_url({"servers": [{"url": "javascript:alert(1)"}]}, "3.0") == PLACEHOLDER
    assert server_url({"servers": [{"url": "https://x.example/a b"}]}, "3.0") == PLACEHOLDER
    assert server_url({"servers": [{"url": "/v2"}]}, "3.0") == "{server}/v2"
    assert server_url({"servers": [{"url": "data:text/html,x"}]}, "3.0") == PLACEHOLDER
    assert server_url({}, "3.0") == PLACEHOLDER
    assert server_url({"host": "api.example.com", "basePath": "/v1", "schemes": ["http"]}, "2.0") == \
        "http://api.example.com/v1"


def test_curl_quotes_every_spec_value_for_the_shell():
    evil = "x'; rm -rf / #$(id)`id`"
    command = curl_command("https://a.example", "post", f"/p/{evil}", [], [(evil, "{v}")],
                           "application/json", {"k": evil})
    words = shlex.split(command.replace("\\\n", " "))
    assert words[3] == f"https://a.example/p/{evil}" and f"{evil}: {{v}}" in words
    assert json.loads(words[words.index("-d") + 1]) == {"k": evil}
    headers, query, user = credentials({"k": {"type": "apiKey", "in": "header", "name": "X-Key"},
                                        "b": {"type": "http", "scheme": "basic"}}, [{"k": [], "b": []}])
    assert headers == [("X-Key", "{X-Key}")] and user == "{username}:{password}" and query == []


def test_curl_in_a_fence_no_example_can_close(tmp_path):
    text = variant(TREE_API, '            schema: {$ref: "#/components/schemas/Node"}\n',
                   '            schema: {$ref: "#/components/schemas/Node"}\n'
                   '            example: {name: "````\\n<script>alert(1)</script>"}\n', )
    raw = run(tmp_path, {"api/tree.yaml": text}).pages()["api/tree/nodes.md"]
    fence = re.search(r"\*\*Request sample \(curl\)\*\*\n\n(`{3,})bash\n", raw).group(1)
    assert len(fence) > 4  # longer than the backtick run of the example


# -- download ----------------------------------------------------------------------------------

def test_the_description_files_are_offered_for_download(tmp_path):
    from specsite.openapi.kind import OpenApiKind
    from specsite.core.config import SpecsiteConfig
    from specsite.core.project import Project

    files = {"api/shop.yaml": variant(CLEAN, '                $ref: "#/components/schemas/Payment"',
                                      '                $ref: "parts/payment.yaml"'),
             "api/parts/payment.yaml": "type: object\nproperties: {id: {type: string}}\n",
             "api/parts/unrelated.yaml": "type: string\n"}
    result = run(tmp_path, files)
    overview = html.unescape(result.pages()["api/shop/index.md"])
    assert "Download the description: [shop.yaml](source/shop.yaml) (and the 1 file it references" in overview
    assets = OpenApiKind().read(Project(tmp_path), SpecsiteConfig(openapi=["api"]), cache_dir=None).assets
    assert assets == {"api/shop/source/shop.yaml": str(tmp_path / "api/shop.yaml"),
                      "api/shop/source/parts/payment.yaml": str(tmp_path / "api/parts/payment.yaml")}


def test_a_component_opens_once_per_page_and_later_uses_link_to_it(tmp_path):
    text = variant(TREE_API, '        "404":\n', '        "409":\n          description: Taken\n'
                   '          content:\n            application/json:\n'
                   '              schema: {$ref: "#/components/schemas/Team"}\n        "404":\n')
    text = variant(text, "    Error:\n", "    Team:\n      type: object\n      properties:\n"
                   '        lead: {$ref: "#/components/schemas/Owner"}\n    Error:\n')
    page = pages_of(tmp_path, text)["api/tree/nodes.md"]
    assert page.count('<span class="specsite-schema-name">email</span>') == 1  # Owner's rows, once
    anchor = re.search(r'<details id="(open-\d+)"><summary><span class="specsite-schema-name">owner</span>',
                       page).group(1)
    team = page.split('specsite-code-4xx">409</span>', 1)[1]
    assert f'Owner: as <a href="#{anchor}">shown above</a>' in team
    # the 200 response is the request's Node again: one line linking to that drawing
    ok = page.split('specsite-code-2xx">200</span>', 1)[1].split("specsite-code-4xx", 1)[0]
    assert re.search(r'Schema: <a [^>]*>Node</a>, as <a href="#tree-\d+">shown above</a>', ok)


def test_a_real_build_is_byte_identical_when_rebuilt(tmp_path):
    import shutil

    from project_fixtures import build_site, write_files

    root = write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - search\n  - specsite:\n      openapi: apis\n      rules: {OAS026: 'off'}\n",
        "docs/index.md": "# Home\n",
        "apis/tree.yaml": TREE_API.replace("      x-requirements: [PRD-0001.R1]\n", "")
                                  .replace("paths:\n", "tags: [{name: nodes}]\npaths:\n", 1),
    })

    def snapshot() -> dict[str, bytes]:
        site = build_site(root)
        files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
        shutil.rmtree(site)
        return files

    first = snapshot()
    assert "api/tree/nodes/index.html" in first and "api/tree/source/tree.yaml" in first
    assert 'class="specsite-method specsite-method-put"' in first["api/tree/nodes/index.html"].decode()
    assert snapshot() == first


def test_a_list_component_says_it_is_a_list(tmp_path):
    text = variant(TREE_API, '              schema: {$ref: "#/components/schemas/Error"}\n',
                   '              schema: {$ref: "#/components/schemas/Errors"}\n')
    text = variant(text, "    Error:\n", '    Errors: {type: array, items: {$ref: "#/components/schemas/Error"}}\n'
                   "    Error:\n")
    page = pages_of(tmp_path, text)["api/tree/nodes.md"]
    assert re.search(r'Schema: <a [^>]*>Errors</a>, array of <a [^>]*>Error</a></p>', page)
    assert '<span class="specsite-schema-name">message</span>' in page.split("404", 1)[1]


def test_an_operation_without_summary_is_headed_by_its_path_after_the_badge(tmp_path):
    page = pages_of(tmp_path, TREE_API.replace("      summary: Replace a node\n", ""))["api/tree/nodes.md"]
    assert '## <span class="specsite-method specsite-method-put">PUT</span> /nodes/{id} {#op-putNode}' in page


def test_curl_sends_form_fields_one_option_each():
    command = curl_command("{server}", "post", "/pets", [], [], "multipart/form-data",
                           {"name": "{name}", "photo": "@file", "tags": ["a"]})
    words = shlex.split(command.replace("\\\n", " "))
    assert words[-6:] == ["-F", "name={name}", "-F", "photo=@file", "-F", 'tags=["a"]']
    urlencoded = curl_command("{server}", "post", "/pets", [], [], "application/x-www-form-urlencoded",
                              {"name": "it's"})
    assert shlex.split(urlencoded.replace("\\\n", " "))[-2:] == ["--data-urlencode", "name=it's"]


def test_swagger_form_parameters_become_form_fields(tmp_path):
    text = """
swagger: "2.0"
info: {title: Pets, version: "1"}
host: pets.example.com
paths:
  /pets/{id}/photo:
    post:
      operationId: upload
      summary: Upload a photo
      consumes: [multipart/form-data]
      parameters:
        - {name: id, in: path, required: true, type: string}
        - {name: caption, in: formData, type: string}
        - {name: file, in: formData, type: file}
      responses:
        "200": {description: ok}
"""
    page = pages_of(tmp_path, text)["api/tree/default.md"]
    command = re.search(r"```bash\n(.*?)\n```", page, re.S).group(1)
    words = shlex.split(command.replace("\\\n", " "))
    assert words[3] == "https://pets.example.com/pets/{id}/photo"
    assert words[-4:] == ["-F", "caption={caption}", "-F", "file=@file"]
    assert not any(w.startswith("Content-Type") for w in words)  # curl -F states it, with the boundary
