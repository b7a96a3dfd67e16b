"""Full garbage collections under ``mkdocs serve`` happen between rebuilds, not inside them."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from specsite.mkdocs_plugin.serve_collector import ServeCollector


@pytest.fixture(autouse=True)
def unfrozen():
    yield
    gc.unfreeze()


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_pass_collects_then_freezes_what_is_alive():
    collector = ServeCollector(delay=0)
    collector.active = True
    kept = [Cycle() for _ in range(100)]
    garbage = Cycle()
    del garbage
    collector.collect()
    assert collector.passes == 1
    assert gc.get_freeze_count() >= len(kept)
    # a later full collection does not scan what was frozen
    assert not any(obj is kept[0] for obj in gc.get_objects(generation=2))


def test_no_pass_while_a_build_runs_and_none_before_the_server_is_up():
    gc.unfreeze()
    collector = ServeCollector(delay=0.01)
    collector.build_starts()
    collector.build_ends()  # not active yet: the first build of a session
    time.sleep(0.1)
    assert collector.passes == 0 and gc.get_freeze_count() == 0
    collector.activate()
    collector.build_starts()  # a save came in before the pass
    time.sleep(0.1)
    assert collector.passes == 0
    collector.collect()  # a pass that finds a build running skips its turn
    assert collector.passes == 0
    collector.build_ends()
    collector.settle()
    assert collector.passes == 1 and gc.get_freeze_count() > 0
    collector.stop()
    assert gc.get_freeze_count() == 0


def test_every_full_every_th_pass_looks_at_what_was_frozen_again():
    collector = ServeCollector(delay=0, full_every=2)
    collector.active = True
    collector.collect()  # the first pass: collect, freeze
    dropped = Cycle()
    gc.freeze()  # frozen while alive...
    gone = weakref.ref(dropped)
    del dropped  # ...then left in a cycle: no collection finds it while it is frozen
    gc.collect()
    assert gone() is not None
    collector.collect()  # the second pass unfreezes before collecting
    assert gone() is None
