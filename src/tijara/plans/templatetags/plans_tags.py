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


@register.simple_tag
def journeys_in_progress(organisation, limit: int = 3):
    """The organisation's products with export steps started, latest first: title and the next step to resume."""
    from tijara.plans.journey import export_tasks_for, next_task, product_title
    from tijara.plans.models import Journey

    if organisation is None:
        return []
    language = (get_language() or "en")[:2]
    rows = []
    for journey in (Journey.objects.filter(product__organisation=organisation).select_related("product", "plan")
                    .order_by("-updated_at")[:limit]):
        tasks = export_tasks_for(product=journey.product, journey=journey)
        rows.append({"product": journey.product, "title": product_title(journey.product, language),
                     "next": next_task(tasks), "done": sum(t.status == "done" for t in tasks), "total": len(tasks)})
    return rows
