"""Credentials encryption (Fernet). Key: TIJARA_CREDENTIALS_KEY, else derived from SECRET_KEY."""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError


def _fernet() -> Fernet:
    secret = getattr(settings, "TIJARA_CREDENTIALS_KEY", "") or settings.SECRET_KEY
    # Any secret string → a 32-byte urlsafe key; a proper Fernet key given as is also works through this path.
    key = base64.urlsafe_b64encode(hashlib.sha256(("tijara-credentials:" + secret).encode()).digest())
    return Fernet(key)


def encrypt(data: dict) -> str:
    """The credentials dict encrypted to a text token."""
    return _fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


def decrypt(token: str) -> dict:
    """The credentials dict; a clear error when the key changed."""
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        raise TijaraError("credentials_unreadable", _("The stored channel credentials cannot be decrypted: the "
                                                        "credentials key changed. Enter them again.")) from exc
