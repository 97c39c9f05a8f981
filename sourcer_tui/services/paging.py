"""Windows over long lists: only the rows on screen are ever fetched.

:class:`ListRows` holds a short list read at once;
:class:`PagedRows` caches fixed-size pages of one ordered list;
:class:`GroupedRows` lays several such lists one after the other, each behind
a header line, and maps a line index to a header or a row.  Pure Python: the
fetch functions come from the services, the rendering from the widgets.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["ListRows", "PagedRows", "GroupedRows", "Group", "Header", "PAGE_SIZE", "MISSING"]

T = TypeVar("T")
PAGE_SIZE = 50  # a list shows up to ~40 lines: a first page need not be larger (each row is joined, converted)
MAX_PAGES = 32

Fetch = Callable[[int, int], Sequence[T]]


class _Missing:
    """A row whose page is not fetched yet (see :meth:`PagedRows.peek`)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class ListRows(Generic[T]):
    """Rows already in memory (a short list, read at once): every line is drawn
    in the first frame, with no page to fetch in a worker meanwhile."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = items
        self.total = len(items)

    def __len__(self) -> int:
        return self.total

    def get(self, index: int) -> T | None:
        return self.items[index] if 0 <= index < self.total else None


class PagedRows(Generic[T]):
    """Rows ``0..total-1`` of a list, fetched a page at a time and cached (LRU)."""

    def __init__(self, total: int, fetch: Fetch, page_size: int = PAGE_SIZE, *, facts: dict[str, Any] | None = None) -> None:
        self.total = total
        self.facts = facts or {}  # what was counted besides the total (e.g. Today's overdue)
        self._fetch = fetch
        self._page_size = page_size
        self._pages: OrderedDict[int, Sequence[T]] = OrderedDict()

    def __len__(self) -> int:
        return self.total

    def get(self, index: int) -> T | None:
        if not 0 <= index < self.total:
            return None
        number, offset = divmod(index, self._page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number * self._page_size, self._page_size)
            self._pages[number] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            try:
                self._pages.move_to_end(number)
            except KeyError:  # dropped meanwhile by a prefetch in a worker: it is in hand
                pass
        return page[offset] if offset < len(page) else None

    def peek(self, index: int) -> T | None:
        """The row if its page is here, :data:`MISSING` if it is not (nothing is
        fetched: painting never queries), None past the end."""
        if not 0 <= index < self.total:
            return None
        number, offset = divmod(index, self._page_size)
        page = self._pages.get(number)
        if page is None:
            return MISSING
        return page[offset] if offset < len(page) else None

    def prefetch(self, start: int, count: int) -> None:
        """Fetch the pages holding rows ``start..start+count-1`` now (from a worker
        thread, so that drawing them later costs no query)."""
        for index in _window(start, count, self.total, self._page_size):
            self.get(index)


def _window(start: int, count: int, total: int, step: int) -> range:
    """One index per page of the rows ``start..start+count-1`` that exist."""
    first, last = max(0, start), min(total, start + count)
    if first >= last:
        return range(0)
    return range(first - first % step, last, step)


@dataclass(frozen=True)
class Group:
    """One section of a grouped list: its key, header label and row count."""

    key: Any
    label: str
    count: int


@dataclass(frozen=True)
class Header:
    """The header line of a group, as returned by :meth:`GroupedRows.get`."""

    group: Group


class GroupedRows:
    """Groups laid out as ``header, rows…, header, rows…`` with one index space."""

    def __init__(self, groups: Sequence[Group], fetch: Callable[[Any, int, int], Sequence[Any]]) -> None:
        self.groups = list(groups)
        self._rows = [
            PagedRows(g.count, lambda offset, limit, key=g.key: fetch(key, offset, limit))
            for g in self.groups
        ]
        self._starts: list[int] = []
        line = 0
        for group in self.groups:
            self._starts.append(line)
            line += 1 + group.count
        self.total = line

    def __len__(self) -> int:
        return self.total

    def locate(self, index: int) -> tuple[int, int] | None:
        """``(group number, row number)`` of a line; row -1 is the header."""
        if not 0 <= index < self.total:
            return None
        number = bisect.bisect_right(self._starts, index) - 1
        return number, index - self._starts[number] - 1

    def get(self, index: int) -> Header | Any | None:
        return self._at(index, fetch=True)

    def peek(self, index: int) -> Header | Any | None:
        """As :meth:`get`, :data:`MISSING` for a row whose page is not here (see PagedRows.peek)."""
        return self._at(index, fetch=False)

    def _at(self, index: int, *, fetch: bool) -> Header | Any | None:
        where = self.locate(index)
        if where is None:
            return None
        number, row = where
        if row < 0:
            return Header(self.groups[number])
        rows = self._rows[number]
        return rows.get(row) if fetch else rows.peek(row)

    def group_start(self, number: int) -> int:
        """Line index of group *number*'s header."""
        return self._starts[number]

    def prefetch(self, start: int, count: int) -> None:
        """Fetch now every page that lines ``start..start+count-1`` show (see PagedRows)."""
        first, last = max(0, start), min(self.total, start + count)
        for group_start, rows in zip(self._starts, self._rows):
            # this group's rows on those lines, as row numbers of the group
            rows.prefetch(first - group_start - 1, last - first)

    def group_of(self, index: int) -> int | None:
        where = self.locate(index)
        return None if where is None else where[0]
