from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key] in templates (None when absent)."""
    return mapping.get(key) if isinstance(mapping, dict) else None
