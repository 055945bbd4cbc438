from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key] in templates (None when absent)."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def component_label(name):
    """A market-score component's name in the page's language (`demand` → « demande pour ce produit »)."""
    try:
        from tijara.markets.explain import component_label as label
    except ImportError:  # markets' explanations not available: say the key in words at least
        return str(name).replace("_", " ")
    try:
        return label(name, get_language() or "en")
    except KeyError:
        return str(name).replace("_", " ")


@register.filter
def channel_name(kind):
    """A sales channel's brand name (`amazon_handmade` → Amazon Handmade)."""
    from tijara.channels.models import Kind

    try:
        return Kind(kind).label
    except ValueError:
        return str(kind).replace("_", " ").title()
