from django.core.management.base import BaseCommand, CommandError

from inbox.fetch import MailboxError, mailbox_fetch


class Command(BaseCommand):
    help = "Read the complaints mailbox once (what the worker does every minute)."

    def handle(self, *args, **options) -> None:
        try:
            result = mailbox_fetch()
        except MailboxError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{result.stored} nieuw, {result.duplicates} al opgeslagen, {result.moved} verplaatst")
