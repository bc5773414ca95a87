"""Python's cycle collector paused while a large piece of work makes many objects.

A collection of the oldest generation walks every object alive in one go, holding the
interpreter: with the hundreds of thousands of objects an exchange of a whole workspace or a
list of 20,000 people makes, the collector's passes made the work itself super-linear and
held the window's thread up to most of a second. Reference counting still frees nearly
everything while the collector is paused; cycles wait until the work ends.

`paused()` may be entered by several threads and nested (a background task that reads an
exchange file): the collector resumes when the last has left. Then, before it resumes,
everything the work made and kept is moved to the oldest generation (`gc.freeze()` then
`gc.unfreeze()`, both in constant time): left in the youngest, where it piled up while the
collector was paused, the first collection after the work would walk all of it at once on
whichever thread allocated next, the window's (130-170 ms after checking a large import).
The oldest generation is walked only by a full collection, which Python starts when it has
grown by a quarter since the last one, so cycles among those objects are still found then.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = True


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic garbage collection inside this block (see the module's notes)."""
    global _pauses, _was_enabled
    with _lock:
        _pauses += 1
        if _pauses == 1:
            _was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.freeze()
                gc.unfreeze()
                gc.enable()
