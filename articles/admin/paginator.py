"""A paginator for the admin's article list that never counts the whole archive.

Django's changelist counts every matching row on every page load: over 100,000
articles on PostgreSQL that COUNT is most of the page's time. Here the count
stops at COUNT_LIMIT rows; a list longer than that shows the planner's estimate
on PostgreSQL (close enough for "about how many pages"), or the exact count on
SQLite, where an archive that large is not expected and counting stays cheap.
An estimate may promise a page or two too many; those show an empty list.
"""

import json
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections

# Below this many matches the count is exact.
COUNT_LIMIT = 10_000


class LargeTablePaginator(Paginator):
    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        bounded = queryset.order_by()[: COUNT_LIMIT + 1].count()
        if bounded <= COUNT_LIMIT:
            return bounded
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return super().count
        return max(bounded, _planner_estimate(queryset.order_by(), connection))


def _planner_estimate(queryset, connection) -> int:
    """Return how many rows PostgreSQL's planner expects `queryset` to return."""
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
