"""Load built pages in a real (Debian) Chromium and report any sign that spec content ran script.

Payloads in the security tests call ``alert(...)``, set ``window.__pwned`` or navigate; a page is
clean when no dialog opened, the canary is unset, no ``javascript:`` URL is left in a link, a
frame or a form, and no element carries an event-handler attribute.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

_PROBE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = (a.value || '').replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${el.tagName} ${name}`);
      if (['href', 'xlink:href', 'src', 'action', 'formaction', 'data'].includes(name) &&
          (value.startsWith('javascript:') || value.startsWith('vbscript:') ||
           value.startsWith('data:text/html')))
        bad.push(`${el.tagName} ${name}=${a.value}`);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    const src = s.getAttribute('src') || '';
    if ((s.textContent || '').includes('__pwned') || src.includes('evil')) bad.push('SCRIPT ' + src);
  }
  if (window.__pwned) bad.push('canary: ' + window.__pwned);
  return bad;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 for the length of the block; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def pages_of(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths (``decisions/ADR-0001/``), sorted."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def script_ran(site: Path, paths: list[str] | None = None, search: list[str] = ()) -> list[str]:
    """Load each page (every page of the site by default) and, for each term in ``search``, type
    it into the search box of the home page; return what looked like script running (empty when
    clean). Also fails on any request to another host."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        page = context.new_page()
        current = {"url": ""}
        page.on("dialog", lambda d: (problems.append(f"{current['url']}: dialog {d.message!r}"),
                                     d.dismiss()))

        def request(req) -> None:  # noqa: ANN001
            if not req.url.startswith(base) and not req.url.startswith(("data:", "blob:", "about:")):
                problems.append(f"{current['url']}: request to {req.url}")

        page.on("request", request)
        for path in paths if paths is not None else pages_of(site):
            current["url"] = path
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
            problems += [f"{path}: {x}" for x in page.evaluate(_PROBE)]
            # hover and focus everything that could carry a handler (autofocus, onmouseover)
            page.keyboard.press("Tab")
        for term in search:
            current["url"] = f"search {term!r}"
            page.goto(f"{base}/")
            box = page.locator("input.md-search__input")
            if not box.count():
                continue
            box.first.click()
            # typing before the index has loaded finds nothing: wait for it, then type like a person
            page.wait_for_function("!document.querySelector('.md-search-result__meta')"
                                   ".textContent.includes('Initializing')")
            box.first.press_sequentially(term, delay=30)
            try:
                page.wait_for_selector(".md-search-result__item", timeout=15000)
            except Exception:  # noqa: BLE001  (no result is a clean result)
                pass
            for more in page.locator(".md-search-result__more summary").all():
                more.click()  # the collapsed sections of each page too
            problems += [f"search {term!r}: {x}" for x in page.evaluate(_PROBE)]
        browser.close()
    return problems
