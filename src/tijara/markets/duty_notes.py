"""The notes of the US additional duties (data/market_access.json), as msgids so the catalogues translate them.

The JSON keeps the English note; `note_text` gives it in the page's language, or isolated on Arabic pages when a
note has no translation yet. A test checks every US additional-duty note of the data is listed here.
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext, gettext_noop

from tijara.core.l10n import isolate

US_ADDITIONAL_DUTY_NOTES = (
    gettext_noop("The platform's facts cover US additional duties from 5 Apr 2025 only; for earlier dates it does "
                 "not know whether any applied."),
    gettext_noop("Held unlawful by the Supreme Court (Learning Resources, Inc. v. Trump, 20 Feb 2026); CBP stopped "
                 "collecting it for goods entered on or after 24 Feb 2026 (CSMS #67834313). Refunds unsettled."),
    gettext_noop("Entries from 24 Feb 2026 12:01 a.m. EST to 24 Jul 2026 12:01 a.m. EDT. A 15% rate was mentioned "
                 "politically but not implemented by CBP (L)."),
    gettext_noop("Section 122 cannot run beyond 150 days without an Act of Congress; what replaced it after 24 Jul "
                 "2026 (nothing, an extension, or Section 301/232 actions) is not known to the platform. Check CBP "
                 "CSMS messages before quoting."),
)


def note_text(note: str) -> str:
    """An additional duty's note in the active language (untranslated notes isolated on Arabic pages)."""
    if not note:
        return ""
    translated = gettext(note)
    if translated == note and (get_language() or "")[:2] == "ar":
        return isolate(note)
    return translated
