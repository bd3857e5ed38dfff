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
        # The first CAP + 1 rows in any order are as many as in the list's: counted without
        # the ordering and the columns, so neither a sort nor a search's rank (ts_rank of every
        # match, ~8 ms for 1,000 of them) is computed to be counted.
        counted = self.object_list.order_by().values("pk")[: self.CAP + 1].count()
        self.capped = counted > self.CAP
        return min(counted, self.CAP)
