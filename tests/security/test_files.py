"""Files from outside the project: nothing outside the spec set, no hidden file and no symlink
target outside the project is ever read or published; each refusal is a SPEC004 finding with
file and line. Every test builds a real site (or runs the real CLI) from an untrusted-looking
project: the secret sits beside it, where a CI runner keeps tokens."""

from __future__ import annotations

import http.server
import json
import os
import socket
import threading
from pathlib import Path

import pytest
from project_fixtures import CORPUS, NYGARD_1, REPO, build_site, run_cli, write_files

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix",
                                reason="symlinks, FIFOs and O_NOFOLLOW are POSIX")

SECRET = "TOP-SECRET-7d1f0c"

#: SPEC004 lowered to a warning so the site is written and can be searched for the secret: a
#: pull request may lower it too, and a refusal never depends on a severity
MKDOCS = """
site_name: t
plugins:
  - specsite:
      {options}
      rules: {{SPEC004: warning}}
"""

WORKSPACE = """
workspace "Shop" {{
    {directive}
    model {{
        shop = softwareSystem "Shop" "Sells."
    }}
}}
"""

OPENAPI = """
openapi: 3.1.0
info: {{title: Pay, version: "1"}}
servers: [{{url: "https://api.example.com"}}]
paths:
  /p:
    get:
      operationId: getP
      summary: Get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "{ref}"
"""


def project(tmp_path: Path, options: str, files: dict[str, str | bytes] | None = None) -> Path:
    """A project in ``tmp_path/proj`` with a secret beside it in ``tmp_path/outside``."""
    write_files(tmp_path, {
        "outside/secret.txt": f"token={SECRET}\n",
        "outside/secret.md": f"# Secret\n\n{SECRET}\n",
        "outside/secret.yaml": f"Pay: {{type: string, description: {SECRET}}}\n",
        "outside/sub/x.txt": f"{SECRET}\n",
        "proj/mkdocs.yml": MKDOCS.format(options=options),
        "proj/docs/index.md": "# Home\n",
        "proj/.git/config": f'[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic {SECRET}\n',
        "proj/.env": f"TOKEN={SECRET}\n",
        **{f"proj/{k}": v for k, v in (files or {}).items()},
    })
    return tmp_path / "proj"


def link(path: Path, target: Path | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def publish(root: Path) -> bytes:
    """Build the site; every byte it holds."""
    site = build_site(root, strict=False)
    return b"".join(p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file())


def findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    result = run_cli(["check", "--format", "json"], root, monkeypatch)
    assert "Traceback" not in result.err
    return result.json()["findings"]


def refusals(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int | None]]:
    """``(file, line)`` of each SPEC004 finding ``specsite check`` reports."""
    return [(f["file"], f["line"]) for f in findings(root, monkeypatch) if f["code"] == "SPEC004"]


# -- files found in spec folders ------------------------------------------------------------------


def test_symlinks_in_an_adr_folder_are_neither_read_nor_published(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1})
    link(root / "adrs/passwd.txt", tmp_path / "outside/secret.txt")      # an asset
    link(root / "adrs/0002-leak.md", tmp_path / "outside/secret.md")     # a decision
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("adrs/0002-leak.md", 1), ("adrs/passwd.txt", 1)]


def test_symlinks_inside_the_project_still_work(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1,
                                           "shared/diagram.txt": "public\n"})
    link(root / "adrs/diagram.txt", "../shared/diagram.txt")
    link(root / "adrs/more", "../shared")  # a symlinked folder that stays inside
    site = build_site(root, strict=True)
    assert (site / "decisions/diagram.txt").read_text() == "public\n"
    assert (site / "decisions/more/diagram.txt").is_file()
    assert refusals(root, monkeypatch) == []


def test_symlinked_folder_leaving_the_project_is_refused(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1})
    link(root / "adrs/sub", tmp_path / "outside/sub")
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("adrs/sub", 1)]


def test_symlink_into_a_hidden_folder_of_the_project_is_refused(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1})
    link(root / "adrs/0002-config.md", "../.git/config")
    link(root / "adrs/env.txt", "../.env")
    assert SECRET.encode() not in publish(root)
    found = findings(root, monkeypatch)
    assert SECRET not in json.dumps(found)
    assert [(f["file"], f["line"]) for f in found if f["code"] == "SPEC004"] == [
        ("adrs/0002-config.md", 1), ("adrs/env.txt", 1)]


def test_fifo_in_a_spec_folder_is_refused_without_hanging(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1})
    os.mkfifo(root / "adrs/0002-pipe.md")
    os.mkfifo(root / "adrs/image.png")
    publish(root)  # reading a FIFO would block forever
    assert refusals(root, monkeypatch) == [("adrs/0002-pipe.md", 1), ("adrs/image.png", 1)]


def test_symlink_loop_is_a_finding(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1})
    link(root / "adrs/loop.md", "loop.md")
    publish(root)
    assert refusals(root, monkeypatch) == [("adrs/loop.md", 1)]


def test_hidden_files_in_spec_folders_are_skipped(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1,
                                           "adrs/.env": f"{SECRET}\n",
                                           "adrs/.drafts/0002-x.md": f"# 2. X\n\n{SECRET}\n"})
    assert SECRET.encode() not in publish(root)
    assert findings(root, monkeypatch) == []


# -- paths a spec or the configuration names ------------------------------------------------------


@pytest.mark.parametrize("folder", ["../.git", ".git", "../../outside/sub"])
def test_docs_folder_named_by_a_workspace_is_confined(tmp_path, monkeypatch, folder):
    root = project(tmp_path, "c4: arch/workspace.dsl", {
        "arch/workspace.dsl": WORKSPACE.format(directive=f"!docs {folder}"),
        "arch/.git/config": f"{SECRET}\n"})
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("arch/workspace.dsl", 2)]


def test_symlinks_in_a_docs_folder_are_refused(tmp_path, monkeypatch):
    root = project(tmp_path, "c4: arch/workspace.dsl", {
        "arch/workspace.dsl": WORKSPACE.format(directive="!docs docs"),
        "arch/docs/01-overview.md": "# Overview\n"})
    link(root / "arch/docs/02-leak.md", tmp_path / "outside/secret.md")
    link(root / "arch/docs/img.png", tmp_path / "outside/secret.txt")
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("arch/docs/02-leak.md", 1), ("arch/docs/img.png", 1)]


def test_include_of_a_hidden_file_or_a_symlinked_folder_is_refused(tmp_path, monkeypatch):
    root = project(tmp_path, "c4: arch/workspace.dsl", {
        "arch/workspace.dsl": WORKSPACE.format(directive="!include .secret.dsl\n    !include parts"),
        "arch/.secret.dsl": f'!const X "{SECRET}"\n',
        "arch/parts/a.dsl": "!const A a\n"})
    link(root / "arch/parts/b.dsl", tmp_path / "outside/secret.txt")
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("arch/workspace.dsl", 2), ("arch/workspace.dsl", 3)]


@pytest.mark.parametrize("option", ["adrs: .git", "openapi: .env", "prds: adrs/../.git"])
def test_configured_hidden_path_is_refused(tmp_path, monkeypatch, option):
    root = project(tmp_path, option)
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("mkdocs.yml", None)]


def test_hidden_folder_typed_on_the_command_line_is_trusted(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {".private/adrs/0001-record.md": NYGARD_1})
    result = run_cli(["check", "--adrs", ".private/adrs", "--format", "json"], root, monkeypatch)
    assert result.code == 0 and result.json()["summary"]["files"] == 1


@pytest.mark.parametrize("ref", ["../.env#/Pay", "link/../secret.yaml#/Pay", "deep/../../../outside/secret.yaml#/Pay"])
def test_openapi_ref_to_a_hidden_file_or_through_a_symlink_is_refused(tmp_path, monkeypatch, ref):
    root = project(tmp_path, "openapi: api/pay.yaml", {"api/pay.yaml": OPENAPI.format(ref=ref)})
    # lexically, link/.. is api/: only resolving the symlink first shows it leaves the project
    link(root / "api/link", tmp_path / "outside/sub")
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("api/pay.yaml", 15)]


def test_over_long_names_are_findings_not_tracebacks(tmp_path, monkeypatch):
    long = "x" * 300
    root = project(tmp_path, "c4: arch/workspace.dsl\n      openapi: api/pay.yaml", {
        "arch/workspace.dsl": WORKSPACE.format(directive=f"!include {long}.dsl\n    !docs {long}"),
        "api/pay.yaml": OPENAPI.format(ref=f"{long}.yaml#/Pay")})
    publish(root)
    assert refusals(root, monkeypatch) == [("api/pay.yaml", 15), ("arch/workspace.dsl", 2),
                                          ("arch/workspace.dsl", 3)]


# -- what MkDocs itself would copy ----------------------------------------------------------------


def test_docs_dir_symlinks_and_fifos_are_not_published(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1})
    link(root / "docs/leak.txt", tmp_path / "outside/secret.txt")
    link(root / "docs/leak.md", tmp_path / "outside/secret.md")
    os.mkfifo(root / "docs/pipe.txt")
    assert SECRET.encode() not in publish(root)
    assert refusals(root, monkeypatch) == [("docs/leak.md", 1), ("docs/leak.txt", 1),
                                          ("docs/pipe.txt", 1)]


def test_docs_dir_inside_git_is_not_published(tmp_path):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1,
                                           ".git/index.md": "# Home\n"})
    (root / "mkdocs.yml").write_text(MKDOCS.format(options="adrs: adrs") + "docs_dir: .git\n")
    assert SECRET.encode() not in publish(root)


def test_theme_custom_dir_symlink_is_not_published(tmp_path):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1})
    link(root / "overrides/leak.txt", tmp_path / "outside/secret.txt")
    (root / "mkdocs.yml").write_text(MKDOCS.format(options="adrs: adrs") +
                                     "theme: {name: mkdocs, custom_dir: overrides}\n")
    assert SECRET.encode() not in publish(root)


def test_project_reached_through_a_symlink_is_the_project(tmp_path, monkeypatch):
    root = project(tmp_path, "adrs: adrs", {"adrs/0001-record.md": NYGARD_1, "adrs/img.txt": "ok\n"})
    link(tmp_path / "via", root)
    site = build_site(tmp_path / "via", strict=True)
    assert (site / "decisions/img.txt").is_file()
    assert refusals(tmp_path / "via", monkeypatch) == []


# -- the network: redirects and dialects ----------------------------------------------------------


class _Server:
    """A local HTTP server: ``/meta.json`` is a JSON Schema, ``/to/<url>`` redirects there."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                hits.append(f"{self.headers['Host']}{self.path}")
                if self.path.startswith("/to/"):
                    self.send_response(302)
                    self.send_header("Location", self.path[len("/to/"):])
                    self.end_headers()
                    return
                body = {"/pay.yaml": b"Pay: {type: string}\n",
                        "/meta.json": json.dumps({"$id": self.url("/meta.json"), "type": "object",
                                                  "properties": {"type": {"const": "object"}}}).encode()
                        }.get(self.path)
                self.send_response(200 if body else 404)
                self.end_headers()
                self.wfile.write(body or b"")

            def url(self, path: str) -> str:
                return f"http://{self.headers['Host']}{path}"

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = _Server()
    yield srv
    srv.close()


def test_redirect_to_a_host_not_allowed_is_refused(tmp_path, monkeypatch, server):
    target = f"http://localhost:{server.port}/pay.yaml"
    ref = f"http://127.0.0.1:{server.port}/to/{target}#/Pay"
    root = project(tmp_path, "openapi: api/pay.yaml\n      openapi_allow_hosts: [127.0.0.1]",
                   {"api/pay.yaml": OPENAPI.format(ref=ref)})
    found = findings(root, monkeypatch)
    assert [(f["code"], f["file"], f["line"]) for f in found if f["code"] == "OAS004"] == [
        ("OAS004", "api/pay.yaml", 15)]
    assert "localhost" in next(f["message"] for f in found if f["code"] == "OAS004")
    assert server.hits == [f"127.0.0.1:{server.port}/to/{target}"]  # localhost never asked


def test_redirect_within_allowed_hosts_is_followed(tmp_path, monkeypatch, server):
    ref = f"http://127.0.0.1:{server.port}/to/http://127.0.0.1:{server.port}/pay.yaml#/Pay"
    root = project(tmp_path, "openapi: api/pay.yaml\n      openapi_allow_hosts: [127.0.0.1]",
                   {"api/pay.yaml": OPENAPI.format(ref=ref)})
    assert [f["code"] for f in findings(root, monkeypatch) if f["severity"] == "error"] == []
    assert len(server.hits) == 2


@pytest.fixture
def offline(monkeypatch):
    """No network at all: any connection attempt fails the test loudly."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


DIALECT = """
openapi: 3.1.0
jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
info: {title: Pets, version: "1"}
servers: [{url: "https://api.example.com"}]
paths: {}
components:
  schemas:
    Pet:
      $schema: https://spec.openapis.org/oas/3.1/dialect/base
      type: object
      discriminator: {propertyName: kind}
      properties: {kind: {type: string, default: cat}}
      examples: [{kind: dog}]
    Draft7:
      $schema: "http://json-schema.org/draft-07/schema#"
      type: object
    Broken:
      type: object
      discriminator: {propertyName: 1}
"""


def test_oas_dialect_is_resolved_locally(tmp_path, monkeypatch, offline):
    root = project(tmp_path, "openapi: api/pets.yaml", {"api/pets.yaml": DIALECT})
    found = findings(root, monkeypatch)
    assert [(f["code"], f["line"]) for f in found if f["severity"] == "error"] == [("OAS002", 19)]
    assert offline == []


def test_corpus_31_description_with_the_oas_dialect_checks_offline(tmp_path, monkeypatch, offline):
    # beside the repository, or beside the folder of worktrees
    source = next((c / "openapi/valid/v3.1/petstore.yaml" for c in (CORPUS, REPO.parents[1] / "shared/corpus")
                   if (c / "openapi/valid/v3.1/petstore.yaml").is_file()), None)
    if source is None:
        pytest.skip("the shared corpus is not here")
    text = source.read_text().replace("openapi: ", "jsonSchemaDialect: "
                                      "https://spec.openapis.org/oas/3.1/dialect/base\nopenapi: ", 1)
    root = project(tmp_path, "openapi: api/petstore.yaml", {"api/petstore.yaml": text})
    result = run_cli(["check", "--format", "json"], root, monkeypatch)
    assert "Traceback" not in result.err and result.out.startswith("{")
    assert [f for f in result.json()["findings"] if f["code"] in ("OAS002", "OAS004")] == []
    assert offline == []


def test_remote_schema_dialect_is_refused_unless_allowed(tmp_path, monkeypatch, offline):
    text = DIALECT.replace("https://spec.openapis.org/oas/3.1/dialect/base\n      type: object",
                           "https://evil.example/meta.json\n      type: object")
    root = project(tmp_path, "openapi: api/pets.yaml", {"api/pets.yaml": text})
    found = findings(root, monkeypatch)
    assert ("OAS004", 9) in [(f["code"], f["line"]) for f in found]
    assert offline == []


def test_remote_schema_dialect_from_an_allowed_host_is_fetched(tmp_path, monkeypatch, server):
    text = DIALECT.replace("https://spec.openapis.org/oas/3.1/dialect/base\n      type: object",
                           f"http://127.0.0.1:{server.port}/meta.json\n      type: object")
    root = project(tmp_path, "openapi: api/pets.yaml\n      openapi_allow_hosts: [127.0.0.1]",
                   {"api/pets.yaml": text})
    found = findings(root, monkeypatch)
    assert [f["code"] for f in found if f["code"] == "OAS004"] == []
    assert server.hits == [f"127.0.0.1:{server.port}/meta.json"]


# -- the cache ------------------------------------------------------------------------------------


CLEAN_API = OPENAPI.format(ref="#/components/schemas/Pay") + """
components:
  schemas:
    Pay:
      type: object
      required: [id, amount]
      properties:
        id: {type: string}
"""


def _codes(found: list[dict]) -> list[tuple[str, str, int | None]]:
    return sorted((f["code"], f["file"], f["line"]) for f in found)


def test_forged_cache_entry_cannot_change_the_findings(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY", "the-runner-key")
    root = project(tmp_path, "openapi: api/pay.yaml\n      cache_dir: .specsite-cache",
                   {"api/pay.yaml": CLEAN_API})
    honest = _codes(findings(root, monkeypatch))
    assert ("OAS019", "api/pay.yaml", 21) in honest  # required names a property not defined
    (entry,) = (root / ".specsite-cache").glob("*.json")
    signature, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    data["findings"] = []
    # the same signature over other content; then a whole entry signed with a guessed key
    entry.write_bytes(signature + b"\n" + json.dumps(data).encode())
    assert _codes(findings(root, monkeypatch)) == honest
    import hashlib
    import hmac
    forged = json.dumps(data).encode()
    entry.write_bytes(hmac.new(b"guess", entry.name.encode() + b"\n" + forged,
                               hashlib.sha256).hexdigest().encode() + b"\n" + forged)
    assert _codes(findings(root, monkeypatch)) == honest
    # a cache committed from another machine (another key) is a miss too
    monkeypatch.setenv("SPECSITE_CACHE_KEY", "another-key")
    assert _codes(findings(root, monkeypatch)) == honest


def test_signed_entry_is_used(tmp_path, monkeypatch):
    import specsite.openapi.kind as kind_module

    monkeypatch.setenv("SPECSITE_CACHE_KEY", "the-runner-key")
    root = project(tmp_path, "openapi: api/pay.yaml\n      cache_dir: .specsite-cache",
                   {"api/pay.yaml": CLEAN_API})
    honest = _codes(findings(root, monkeypatch))
    calls = []
    real = kind_module._read_api
    monkeypatch.setattr(kind_module, "_read_api", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert _codes(findings(root, monkeypatch)) == honest and calls == []


def test_cache_dir_outside_the_project_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY", "the-runner-key")
    monkeypatch.delenv("SPECSITE_CACHE_DIR", raising=False)
    root = project(tmp_path, "openapi: api/pay.yaml\n      cache_dir: ../outside/cache",
                   {"api/pay.yaml": CLEAN_API})
    link(root / "cache-link", tmp_path / "outside")
    assert ("mkdocs.yml", None) in refusals(root, monkeypatch)
    (root / "mkdocs.yml").write_text(MKDOCS.format(options="openapi: api/pay.yaml\n"
                                                   "      cache_dir: cache-link/cache"))
    assert ("mkdocs.yml", None) in refusals(root, monkeypatch)
    assert not (tmp_path / "outside/cache").exists()


def test_cache_entry_that_is_a_fifo_or_symlink_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY", "the-runner-key")
    root = project(tmp_path, "openapi: api/pay.yaml\n      cache_dir: .specsite-cache",
                   {"api/pay.yaml": CLEAN_API})
    honest = _codes(findings(root, monkeypatch))
    (entry,) = (root / ".specsite-cache").glob("*.json")
    entry.unlink()
    os.mkfifo(entry)
    assert _codes(findings(root, monkeypatch)) == honest  # and did not hang
    entry.unlink()
    link(entry, "/dev/zero")
    assert _codes(findings(root, monkeypatch)) == honest
