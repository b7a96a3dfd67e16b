"""Python's cyclic garbage collector under ``mkdocs serve``: full collections out of the rebuilds.

A serve session keeps what it reuses from build to build (parsed specs, the graph, every page's
last HTML): at 10,000 requirements that is millions of objects, and each full collection, which
CPython starts whenever enough new objects survived, scans them all again, 2 to 3.5 s, inside
whichever rebuild it falls in. That alone put an edit's rebuild over 3 s.

So, a moment after each serve build ends (when the session is idle and the build's own objects are
garbage), a background thread collects and then freezes what is left alive (``gc.freeze``): later
collections, the ones that fall inside rebuilds, scan only what was made since. The first pass
after the first build is the expensive one; the next ones find little new. Objects frozen while
alive and dropped later are still freed by reference counting; only those left in reference cycles
wait for the periodic pass that unfreezes everything before collecting (every ``FULL_EVERY``
passes), so memory stays bounded. No pass runs while a build runs: a build that starts waits for a
running pass to end, and a pass that finds a build running skips its turn. Passes start once the
live server is up (``on_serve``, after the first build) and stop with it (``on_shutdown``).
"""

from __future__ import annotations

import gc
import threading

#: seconds after a build ends before the pass: the browser's reload of the page comes first
DELAY = 1.0
#: every this many passes, everything frozen is looked at again
FULL_EVERY = 10


class ServeCollector:
    """Collects and freezes between serve builds (see the module docstring)."""

    def __init__(self, delay: float = DELAY, full_every: int = FULL_EVERY) -> None:
        self.delay = delay
        self.full_every = full_every
        self._lock = threading.Lock()
        self._building = False
        self._timer: threading.Timer | None = None
        self.active = False
        #: passes made (for the tests and the log)
        self.passes = 0

    def activate(self) -> None:
        """The live server is up, after the first build: passes from now on, the first soon."""
        self.active = True
        self.build_ends()

    def build_starts(self) -> None:
        """A build begins: no pass until it ends (waits for a pass that is running)."""
        with self._lock:
            self._building = True
            self._cancel()

    def build_ends(self) -> None:
        """A build ended (built or failed): a pass in ``delay`` seconds."""
        with self._lock:
            self._building = False
            if not self.active:
                return
            self._cancel()
            self._timer = threading.Timer(self.delay, self.collect)
            self._timer.daemon = True
            self._timer.name = "specsite-serve-collector"
            self._timer.start()

    def collect(self) -> None:
        """One pass: collect, then freeze what is alive (unless a build runs)."""
        with self._lock:
            if self._building:
                return
            if (self.passes + 1) % self.full_every == 0:
                gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.passes += 1

    def settle(self) -> None:
        """Wait for the pass that is due (what an idle session does between saves; for the
        benchmark and the tests)."""
        timer = self._timer
        if timer is not None:
            timer.join()

    def stop(self) -> None:
        """The session ends: no more passes, and every frozen object is collectable again."""
        with self._lock:
            self.active = False
            self._cancel()
            gc.unfreeze()

    def _cancel(self) -> None:
        """Drop the pass that is due, if any (called with the lock held)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
