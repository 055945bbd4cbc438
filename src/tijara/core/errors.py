"""The one domain error type. Services raise it; each face maps it (form error, HTTP 4xx, CLI exit)."""

from __future__ import annotations


class TijaraError(Exception):
    """A domain error with a stable code and a translated, specific message."""

    status = 400

    def __init__(self, code: str, message: str, *, field: str | None = None, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.field = field
        if status is not None:
            self.status = status

    def as_dict(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class NotFound(TijaraError):
    status = 404


class PermissionDenied(TijaraError):
    status = 403
