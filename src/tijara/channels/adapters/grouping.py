"""Group a stream of mapped variants by product (consecutive runs), holding one product at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tijara.channels.inputs import Mapped


def by_product(mapped: Iterable[Mapped]) -> Iterator[list[Mapped]]:
    """Consecutive entries sharing a group id; the source yields a product's variants together."""
    batch: list[Mapped] = []
    for entry in mapped:
        if batch and entry.group != batch[0].group:
            yield batch
            batch = []
        batch.append(entry)
    if batch:
        yield batch
