"""The site makes no request to another host: what the ``offline`` option does with Material.

Material asks ``api.github.com`` (or GitLab's API) for the repository's stars, forks and latest
release on the first page of every session when ``repo_url`` is set; it skips the request when its
session cache already holds an entry. A tiny script, loaded in the page head before Material's
bundle, puts an empty entry there: the repository link stays, without the counts. Material's
default fonts come from Google Fonts; unless the user named fonts, they are switched off.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

#: where the script lands in the site (beside the other specsite assets)
SCRIPT_PATH = "assets/specsite/offline.js"

#: Material's own default fonts (mkdocs_theme.yml): a project that names no font gets these
_MATERIAL_FONTS = {"text": "Roboto", "code": "Roboto Mono"}

_SCRIPT = """// specsite offline: no request to another host (generated; see the plugin's offline option).
// Material fetches repository facts unless its session cache holds them: an empty entry shows
// the repository link without stars and forks, and asks no one.
(function () {
  try {
    var scope = %s;
    var root = new URL(scope === null ? "../../" : scope,
                       scope === null ? document.currentScript.src : location);
    var key = root.pathname + ".__source";
    if (sessionStorage.getItem(key) === null) sessionStorage.setItem(key, "{}");
  } catch (e) { /* storage off: Material cannot cache either; nothing to do */ }
})();
"""


def script(config: MkDocsConfig) -> str:
    """The script's text for this site (Material's cache key depends on ``extra.scope``)."""
    scope = config.extra.get("scope") if hasattr(config.extra, "get") else None
    return _SCRIPT % json.dumps(scope if isinstance(scope, str) else None)


def prepare(config: MkDocsConfig, log: logging.Logger) -> bool:
    """Keep a Material site from reaching other hosts: register the script when a repository
    widget would fetch facts and switch off default web fonts; log once what was done. True
    when the script must be added to the site."""
    if config.theme.name != "material":
        return False
    done = []
    font: Any = config.theme.get("font")
    if font == _MATERIAL_FONTS:
        config.theme["font"] = False
        done.append("Google Fonts switched off (name a font in theme.font to load it)")
    elif font:
        log.info("offline: theme.font names web fonts, which come from Google Fonts; set "
                 "'theme.font: false' for a site that makes no request to another host")
    add = bool(config.repo_url) and "://" in str(config.repo_url)
    if add:
        polyfills = list(config.extra.get("polyfills") or [])
        if SCRIPT_PATH not in polyfills:
            config.extra["polyfills"] = [SCRIPT_PATH, *polyfills]
        done.append("the repository widget shows no stars or forks (they would come from the "
                    "forge's API)")
    if done:
        log.info("offline: " + "; ".join(done) + ". Set the specsite option 'offline: false' "
                 "to allow requests to other hosts.")
    return add
