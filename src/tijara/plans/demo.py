"""A demo export plan: the Fès zellige workshop's first product to the United States."""

from tijara.accounts.models import Organisation, User
from tijara.plans.models import ExportPlan


def load(*, stdout) -> None:
    from tijara.plans import services

    organisation = Organisation.objects.filter(slug="demo-zellige-fes").first()
    owner = User.objects.filter(email="hassan@demo.tijara.ma").first()
    if organisation is None or owner is None:
        return
    existing = ExportPlan.objects.filter(organisation=organisation).order_by("pk").first()
    if existing is not None:
        # texts stored by an earlier load are rewritten by today's code and data, in the plan's language
        services.plan_recompute(actor=owner, plan=existing)
        stdout.write("plans: demo export plan recomputed")
        return
    product = organisation.products.order_by("pk").first() if hasattr(organisation, "products") else None
    services.plan_create(actor=owner, organisation=organisation, market="USA", language="fr", product=product,
                         text="" if product else "zellige de Fès fait main", parameters={"freight": "1200"})
    stdout.write("plans: 1 demo export plan")
