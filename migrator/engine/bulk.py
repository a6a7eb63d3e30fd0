"""Building very large in-memory documents (a 100,000-number mapping, assessment or plan).

Such builds allocate millions of small objects and create no reference cycles, yet each
allocation burst triggers full cyclic-GC passes over everything built so far: pausing the
collector for the build roughly halves its time. When it resumes, what was built goes straight
to the oldest generation (gc.freeze then gc.unfreeze, two list splices): otherwise the first
young-generation pass after the build would walk every object the build made, for nothing.
Cycles among them, if any, are still found by the next full collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees memory)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
