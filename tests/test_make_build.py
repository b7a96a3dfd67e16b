"""`make build`'s layout: the example product is built beside the main site, never over it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make(target: str, site: Path, stamp: Path) -> None:
    # this interpreter's venv stands in for .venv; a fresh stamp skips `install`
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "plugins"),
                                                                     os.environ.get("PYTHONPATH")]))}
    subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), target,
                    f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}", f"SITE={site}"],
                   check=True, env=env, capture_output=True, timeout=600)


def _hashes(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in site.rglob("*") if p.is_file()}


def test_example_build_overwrites_no_file_of_the_main_site(tmp_path):
    stamp = tmp_path / "installed"
    stamp.touch()
    site = tmp_path / "site"
    _make("build-docs", site, stamp)
    main = _hashes(site)
    assert "example/index.html" in main  # the main site's "Example product" page
    _make("build-example", site, stamp)
    after = _hashes(site)
    assert {path: after.get(path) for path in main} == main
    example = {path for path in after if path not in main}
    assert example and all(path.startswith("example-product/") for path in example)
    page = (site / "example/index.html").read_text(encoding="utf-8")
    assert 'href="../example-product/"' in page  # the main site links to where the example is
    home = (site / "example-product/index.html").read_text(encoding="utf-8")
    assert "Acme Webshop" in home and '<a href="../">' in home  # and the example links back
    deep = (site / "example-product/decisions/ADR-0001/index.html").read_text(encoding="utf-8")
    assert 'href="../../../" title="Acme Webshop' in deep  # the logo leads to the main site
