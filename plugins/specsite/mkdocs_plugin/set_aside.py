"""``mkdocs serve`` empties the site folder before every rebuild, one file and one folder at a time:
with thousands of pages (a folder each) that alone takes seconds on every save. Before MkDocs
cleans, the previous build's top-level entries are renamed to hidden names (MkDocs' cleaning skips
hidden entries, and never writes any) and deleted by a background thread while the new build runs.
The site MkDocs writes is the same; the save is served sooner.
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading

_PREFIX = ".specsite-previous-build-"
_counter = itertools.count()


def set_aside(site_dir: str) -> None:
    """Move what is in ``site_dir`` out of MkDocs' way and delete it in the background."""
    if not os.path.isdir(site_dir):
        return
    moved = []
    for name in sorted(os.listdir(site_dir)):
        if name.startswith("."):
            continue
        target = os.path.join(site_dir, f"{_PREFIX}{os.getpid()}-{next(_counter)}")
        try:
            os.rename(os.path.join(site_dir, name), target)
        except OSError:
            continue  # MkDocs' own cleaning removes it
        moved.append(target)
    if moved:
        threading.Thread(target=_delete, args=(moved,), daemon=True,
                         name="specsite-set-aside").start()


def _delete(paths: list[str]) -> None:
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass
