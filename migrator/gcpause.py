"""Python's cyclic garbage collector held off while a large in-memory document is built.

Discovery of a large account, a 100,000-number mapping, assessment or plan, a snapshot read back
or an export allocate millions of small objects that make no reference cycles. The collector is
triggered by allocations, so while they pile up it scans the growing heap again and again for
cycles it will not find: a third to a half of such builds' CPU time. Reference counting still
frees everything that is not in a cycle.

The pause nests and spans threads (a discovery on a worker thread while the GUI loads a table):
the collector comes back, if it was on, when the last pause in the process ends. What was built
then goes straight to the oldest generation (gc.freeze then gc.unfreeze, two list splices), so
the first young-generation pass does not walk every object the build made; cycles among them,
if any, are still found by the next full collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (nests, and across threads)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.freeze()
                gc.unfreeze()
                gc.enable()


YOUNG_LIMIT = 15_000
"""Objects allocated (and alive) since the last collection before `collect_young` runs one."""


def collect_young() -> None:
    """While the collector is held off, collect the young generation if it has grown past
    YOUNG_LIMIT objects.

    For a thread with time on its hands (waiting for a rate window to move): each object
    discovery keeps is then looked at once, as the collector would have, in time nothing waits
    on, rather than all at once when the collector comes back. Only the young generation: the
    older ones are left to the collector's own schedule. (Not for work that overlaps the
    vendor's: collecting in pieces costs more in all than one pass at the end.)"""
    if _holders and _was_enabled and gc.get_count()[0] > YOUNG_LIMIT:
        gc.collect(0)
