"""Paginators whose count does not read every row: told the count, or counting up to a cap."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class Counted(Paginator):
    """Told its count (the page's own tally has it): no second pass to count again."""

    def __init__(self, object_list: QuerySet, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known = count

    @cached_property
    def count(self) -> int:
        return self.known


class Capped(Paginator):
    """Counts at most `cap` rows (one `LIMIT`ed count), so a list of a million costs what a list
    of a thousand does; `meer` says there are more, and the page asks to narrow the search."""

    def __init__(self, object_list: QuerySet, per_page: int, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def gevonden(self) -> int:
        """Rows found, up to one past the cap (that one says there are more)."""
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.gevonden, self.cap)

    @property
    def meer(self) -> bool:
        return self.gevonden > self.cap
