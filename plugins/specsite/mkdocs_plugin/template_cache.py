"""Compiled theme templates kept between ``mkdocs serve`` builds.

MkDocs makes a new Jinja environment for every build, so every save parsed and compiled the
theme's templates again (Material's are dozens of files: about half a second of every rebuild).
Jinja's bytecode cache is the documented way to keep compiled templates: it is keyed by template
name and file, and Jinja itself checks each entry against a hash of the template's source, so an
edited template (a theme override being worked on) is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates in memory, for the lifetime of the plugin (one serve session)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()
