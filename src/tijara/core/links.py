"""Signed links sent by e-mail (address verification, team invitations, guests' quote confirmations): one reader of
their payload, so an expired and a tampered link get the same treatment everywhere, each with its own words."""

from __future__ import annotations

from django.core import signing

from tijara.core.errors import TijaraError


def signed_payload(token: str, *, salt: str, max_age: int, expired: str, invalid: str) -> dict:
    """The payload of a link signed with `salt`; TijaraError `token_expired` (message `expired`) once it is older than
    `max_age` seconds, `token_invalid` (message `invalid`) when it was tampered with."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TijaraError("token_expired", expired) from exc
    except signing.BadSignature as exc:
        raise TijaraError("token_invalid", invalid) from exc
