"""python manage.py apikey create NAME | list | revoke NAME: keys for the write API."""

from django.core.management.base import BaseCommand, CommandError

from archive.api.keys import ApiKeyError, apikey_create, apikey_revoke
from archive.models import ApiKey


class Command(BaseCommand):
    help = "Create, list or revoke API keys (a new key is shown once; only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("name", nargs="?", help="the key's name (create, revoke)")

    def handle(self, action, name=None, **options):
        if action == "list":
            for key in ApiKey.objects.all():
                state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
                used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
                self.stdout.write(f"{key.name}\t{key.prefix}…\t{state}\tlast used {used}")
            return
        if not name:
            raise CommandError(f"apikey {action} needs a NAME")
        try:
            if action == "create":
                _key, token = apikey_create(name=name)
                self.stdout.write(token)
                self.stderr.write(f"Key {name!r} created. It is shown only once: store it now.")
            else:
                apikey_revoke(name=name)
                self.stdout.write(f"Key {name!r} revoked.")
        except ApiKeyError as exc:
            raise CommandError(str(exc)) from None
