from django.core.management.base import BaseCommand

from articles.search import search_entries_rebuild


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
