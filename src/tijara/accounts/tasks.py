"""Background faces of accounts: emails go out from a worker, not from the request."""

from django_tasks import task

from tijara.accounts import services
from tijara.accounts.models import User


@task()
def email_verification_task(user_id: int, base_url: str) -> None:
    """Send the verification email (idempotent: a second link is as valid as the first)."""
    user = User.objects.filter(pk=user_id, email_verified_at__isnull=True).first()
    if user is not None:
        services.email_verification_send(user=user, base_url=base_url)


@task()
def signup_existing_notice_task(email: str, base_url: str) -> None:
    """Tell the owner of an existing account that someone tried to sign up with their address."""
    services.signup_existing_notice_send(email=email, base_url=base_url)
