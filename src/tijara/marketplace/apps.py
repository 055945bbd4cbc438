from django.apps import AppConfig
from django.db.models.signals import post_migrate


def build_search_index(sender, using="default", verbosity=1, **kwargs):
    """After `tijara migrate` (deploy time): write the missing search documents and build this machine's index
    file, so that no request ever has to."""
    from tijara.marketplace import index_store, services
    from tijara.marketplace.models import SearchDocument

    if using != "default":
        return
    from tijara.catalog.selectors import public_products

    if not SearchDocument.objects.exists() and public_products().exists():
        count = services.search_index_rebuild()
        if verbosity:
            print(f"search index: {count} public products indexed")  # noqa: T201 - migrate's own output
    index = index_store.sync_now()
    index_store.forget()
    if verbosity > 1:
        print(f"search index file: {index.state()[0]} documents in {index.path}")  # noqa: T201


class MarketplaceConfig(AppConfig):
    name = "tijara.marketplace"
    label = "marketplace"

    def ready(self) -> None:
        post_migrate.connect(build_search_index, sender=self, dispatch_uid="tijara.marketplace.build_search_index")
