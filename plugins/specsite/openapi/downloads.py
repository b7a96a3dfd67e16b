"""The description files an API's pages offer for download, copied into the site as written.

Only spec inputs are copied: the root file and the local parts its ``$ref``s reach (never a
remote part, never any other file), laid out under ``api/<name>/source/`` as they sit relative to
one another, so the relative ``$ref``s of a multi-file description still resolve in the copy.
The MkDocs plugin confines each file to the project again when it copies it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .layout import api_base
from .model import Api

if TYPE_CHECKING:
    from .kind import ApiRecord


def source_files(record: "ApiRecord", api: Api | None = None) -> dict[str, str]:
    """``docs-tree path -> absolute source file`` for the files of one API (root first)."""
    files = [str(record.root)]
    if record.hashes:
        files += [f for f in record.files if "://" not in f]
    elif api is not None:
        files += [str(d.path) for d in api.bundle.documents.values() if d.path is not None]
    root = os.path.abspath(str(record.root))
    files = sorted({os.path.abspath(f) for f in files}, key=lambda f: (f != root, f))
    base = os.path.commonpath([os.path.dirname(f) for f in files])
    out = {}
    for file in files:
        rel = Path(os.path.relpath(file, base)).as_posix()
        if rel.startswith("../") or any(part.startswith(".") for part in rel.split("/")):
            continue  # never a hidden file (the project refuses those anyway)
        out[f"{api_base(record.name)}/source/{rel}"] = file
    return out
