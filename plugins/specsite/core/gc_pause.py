"""Fewer garbage collections while the pipeline builds its models.

Reading specs allocates millions of small objects that all stay alive (YAML nodes, models,
entities). CPython's default first-generation threshold (700 allocations) then runs collections
that scan them again and again and find nothing to free: at 10,000 requirements that was 40% of
``specsite check``. Raising the threshold while the pipeline runs, and putting it back afterwards,
keeps the host process (MkDocs) as it was.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

#: first-generation threshold while reading; the older generations keep their ratios
_THRESHOLD = (100_000, 50, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with a high collection threshold, restoring the previous one after it."""
    before = gc.get_threshold()
    gc.set_threshold(*_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
