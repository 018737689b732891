"""``fengqiao serve`` start-up: nothing collected while the long-lived objects are made, all of
them frozen afterwards, and the youngest generation collected less often while serving."""

import gc

from core.commands import SERVING_GC_THRESHOLD, _no_cyclic_collection


def test_start_up_collects_nothing_then_freezes_and_serves_with_a_higher_threshold():
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    gc.unfreeze()
    try:
        with _no_cyclic_collection():
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        assert gc.get_threshold() == (SERVING_GC_THRESHOLD, *threshold[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        if not enabled:
            gc.disable()
