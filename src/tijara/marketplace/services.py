"""Writes of the marketplace: the search documents of public products, page views, inquiries, quotes, moderation."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tijara.catalog.models import Product
from tijara.catalog.selectors import public_products
from tijara.marketplace import documents
from tijara.marketplace.models import ProductView, SearchDocument

# ---------------------------------------------------------------------------------------------- search index


def search_index_product(product_id: int) -> bool:
    """Bring one product's search document up to date: written when public, removed otherwise; True if indexed.

    Called by the catalog after any change of a product, its texts, variants or photos (and by the
    `search_index` command); the index file of each process catches up on its next search.
    """
    product = public_products().filter(pk=product_id).first()
    if product is None:
        SearchDocument.objects.filter(product_id=product_id).delete()
        return False
    payload, embedding = documents.document_payload(product)
    SearchDocument.objects.update_or_create(
        product_id=product.pk, defaults={"payload": payload, "embedding": embedding, "updated_at": timezone.now()}
    )
    return True


def search_index_rebuild(*, stdout=None, batch: int = 500) -> int:
    """Rewrite every public product's search document and drop the others; returns the number indexed."""
    public_ids = set(public_products().values_list("pk", flat=True))
    stale = sorted(set(SearchDocument.objects.values_list("product_id", flat=True)) - public_ids)
    for start in range(0, len(stale), 5000):
        SearchDocument.objects.filter(product_id__in=stale[start:start + 5000]).delete()
    ids = sorted(public_ids)
    done = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        products = public_products().filter(pk__in=chunk)
        existing = {d.product_id: d for d in SearchDocument.objects.filter(product_id__in=chunk)}
        now = timezone.now()
        create, update = [], []
        for product in products:
            payload, embedding = documents.document_payload(product)
            row = existing.get(product.pk)
            if row is None:
                create.append(SearchDocument(product_id=product.pk, payload=payload, embedding=embedding, updated_at=now))
            else:
                row.payload, row.embedding, row.updated_at = payload, embedding, now
                update.append(row)
        with transaction.atomic():
            SearchDocument.objects.bulk_create(create)
            SearchDocument.objects.bulk_update(update, ["payload", "embedding", "updated_at"])
        done += len(create) + len(update)
        if stdout is not None:
            stdout.write(f"search index: {done}/{len(ids)}")
    return done


# ---------------------------------------------------------------------------------------------- page views


def product_view_record(*, product: Product, country: str = "") -> None:
    """Count one view of a public product page for today and the visitor's country."""
    day = timezone.localdate()
    country = (country or "")[:3].upper()
    updated = ProductView.objects.filter(product=product, day=day, country=country).update(views=F("views") + 1)
    if not updated:
        _row, created = ProductView.objects.get_or_create(
            product=product, day=day, country=country,
            defaults={"organisation_id": product.organisation_id, "views": 1},
        )
        if not created:
            ProductView.objects.filter(pk=_row.pk).update(views=F("views") + 1)
