"""A process's own copies of the pages it served most recently, checked against the shared
generation on every use.

A hit from the shared cache (Redis) brings the whole page across the socket every time and
unpickles it: for a 50-110 KB page (show, cast & crew, people index, timeline) that is most of
what a hit costs beyond a static file. With a copy here, a hit asks the shared cache only for
the generation and the next due moment (two small values) and serves the copy if it was rendered
under the current generation and is within its valid-until moment: the same test a shared entry
passes, so a copy can never be staler than the shared cache. An edit on any process bumps the
generation, and every copy everywhere stops matching on the next request.

Bounded by the bytes of the pages it keeps (``PAGE_CACHE_LOCAL_BYTES``); the least recently used
page goes first. A copy is only ever a shortcut: losing the process loses nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

# (generation, valid until, content, headers): the shape the shared cache stores.
Entry = tuple


class LocalPages:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        if self.max_bytes <= 0:
            return None
        with self._lock:
            entry = self._pages.get(key)
            if entry is not None:
                self._pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        size = len(entry[2])
        if self.max_bytes <= 0 or size > self.max_bytes:
            return
        with self._lock:
            self._drop(key)
            self._pages[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._pages)))  # the least recently used

    def discard(self, key: str) -> None:
        with self._lock:
            self._drop(key)

    def _drop(self, key: str) -> None:
        old = self._pages.pop(key, None)
        if old is not None:
            self._bytes -= len(old[2])

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def size(self) -> int:
        return self._bytes
