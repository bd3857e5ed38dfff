from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """Counts at most ``CAP`` rows: counting a million complaints on every page
    costs more than the page itself. Past the cap the list says "more than" and
    asks for a filter."""

    CAP = 10_000
    capped = False

    @cached_property
    def count(self) -> int:
        counted = self.object_list[: self.CAP + 1].count()
        self.capped = counted > self.CAP
        return min(counted, self.CAP)
