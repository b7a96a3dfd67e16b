"""No garbage collections while the pipeline builds its models.

Reading specs allocates millions of small objects that all stay alive (YAML nodes, models,
entities). CPython's collector then scans them again and again and finds nothing to free: at
10,000 requirements that was 40% of ``specsite check`` with the default thresholds, and still a
fifth of it (about 1 s) with a first-generation threshold of 100,000. The pipeline makes no
reference cycles worth collecting early (its garbage is freed by reference counting), so the
collector is paused while it runs and put back as it was afterwards, which keeps the host process
(MkDocs) as it was: what the pipeline allocated is looked at by its next collection.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collections_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector paused, enabling it again after the block
    if it was enabled before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
