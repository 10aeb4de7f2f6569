"""`manage.py create_api_token NAME`: a partner's token, printed once."""

from django.core.management.base import BaseCommand, CommandError

from partners.models import ApiToken


class Command(BaseCommand):
    help = (
        "Create a content API token for a partner and print it. Only its SHA-256 "
        "is stored: this is the one time it is shown."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who uses the token, e.g. the partner site.")
        parser.add_argument(
            "--rate-limit",
            type=int,
            default=ApiToken._meta.get_field("rate_limit_per_minute").default,
            help="Requests per minute (default: %(default)s).",
        )

    def handle(self, *args, name, rate_limit, **options):
        if not name.strip():
            raise CommandError("Give the partner's name.")
        if rate_limit < 1:
            raise CommandError("--rate-limit must be at least 1.")
        token = ApiToken(name=name.strip(), rate_limit_per_minute=rate_limit)
        raw = token.set_new_token()
        token.save()
        self.stdout.write(raw)
