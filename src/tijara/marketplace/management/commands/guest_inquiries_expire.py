"""`tijara guest_inquiries_expire`: delete the guest inquiries whose confirmation link expired unconfirmed."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tijara.marketplace import services


class Command(BaseCommand):
    help = "Delete the guests' quote requests never confirmed by e-mail within the link's lifetime (48 hours)."

    def handle(self, *args, **options):
        count = services.guest_inquiries_expire()
        self.stdout.write(f"guest inquiries: {count} unconfirmed and expired, deleted")
