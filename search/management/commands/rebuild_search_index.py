"""manage.py rebuild_search_index: index every published article from scratch.

For what was written without announcing its changes (a bulk load such as
seed_archive, an import straight into the database, a restore) and for a
database made before search.
"""

from django.core.management.base import BaseCommand

from search.index import search_entries_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every published article, e.g. after an "
        "import straight into the database or on a database made before search."
    )

    def handle(self, *args, **options):
        count = search_entries_rebuild()
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"Indexed {count} published articles.")
            )
