"""Design-system tags: `{% icon %}`, `{% nav_link %}`, `{% status_tag %}` (`{% load tijara_ui %}`)."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Icons that show a direction: mirrored on right-to-left pages (`[dir=rtl] .icon--dir`).
DIRECTIONAL = {"arrow-back", "arrow-forward", "chevron-end", "chevron-start", "logout", "send"}
ICONS = {"menu", "close", "home", "box", "inbox", "share", "book", "search", "user", "globe", "chart", "check",
         "alert", "plus", "calendar", "users", "store", "file", "more", "help", "tag"} | DIRECTIONAL

# One vocabulary of states, one word and one colour each (the word always shows; colour only supports it).
STATUS = {
    "done": (_("Done"), "done"), "in_progress": (_("In progress"), "info"),
    "attention": (_("Needs attention"), "attention"), "needs_attention": (_("Needs attention"), "attention"),
    "not_started": (_("Not started"), "neutral"), "blocked": (_("Can't start yet"), "neutral"),
    "cannot_start": (_("Can't start yet"), "neutral"), "published": (_("Published"), "done"),
    "rejected": (_("Rejected"), "bad"),
}


@register.simple_tag
def icon(name: str, label: str = ""):
    """An icon from the sprite in base.html; decorative unless a label is given (then read aloud)."""
    if name not in ICONS:
        raise template.TemplateSyntaxError(f"unknown icon {name!r}")
    classes = "icon icon--dir" if name in DIRECTIONAL else "icon"
    if label:
        return format_html('<svg class="{}" role="img" aria-label="{}" focusable="false"><use href="#i-{}"></use></svg>',
                           classes, label, name)
    return format_html('<svg class="{}" aria-hidden="true" focusable="false"><use href="#i-{}"></use></svg>',
                       classes, name)


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, icon_name: str = "", match: str = ""):
    """A navigation link marked `aria-current="page"` on its page (or under the `match` path prefix)."""
    try:
        href = reverse(url_name)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    path = request.path if request is not None else ""
    current = path == href or bool(match and path.startswith(match))
    return format_html('<a class="nav-link" href="{}"{}>{}<span>{}</span></a>', href,
                       format_html(' aria-current="page"') if current else "",
                       icon(icon_name) if icon_name else "", label)


@register.simple_tag
def status_tag(state: str, label: str = ""):
    """`<strong class="tag tag--…">Word</strong>` for a state key; an explicit label overrides the word."""
    word, tone = STATUS.get(str(state), (label or "", "neutral"))
    return format_html('<strong class="tag tag--{}">{}</strong>', tone, label or word)
