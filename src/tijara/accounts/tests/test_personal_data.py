"""An organisation exports all its data and deletes its account (Moroccan law 09-08); both are audited."""

import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tijara.accounts import services
from tijara.accounts.models import AuditEvent, Organisation, User


def test_export_contains_the_organisation_members_and_files(organisation, owner_user, member_user):
    organisation.logo.save("coop.png", ContentFile(b"png-bytes"))
    data = services.organisation_export(actor=owner_user, organisation=organisation)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    org_rows = json.loads(archive.read("accounts.organisation.json"))
    assert org_rows[0]["fields"]["public_name"] == "Coopérative A"
    emails = {row["fields"]["email"] for row in json.loads(archive.read("accounts.user.json"))}
    assert emails == {owner_user.email, member_user.email}
    assert "password" not in archive.read("accounts.user.json").decode()
    assert f"media/{organisation.logo.name}" in names
    assert AuditEvent.objects.filter(action="organisation.export", organisation=organisation).exists()


def test_export_never_includes_another_organisation(organisation, owner_user, other_organisation):
    archive = zipfile.ZipFile(io.BytesIO(services.organisation_export(actor=owner_user, organisation=organisation)))
    assert "Coopérative B" not in "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())


def test_delete_removes_everything_and_keeps_the_audit_row(client, organisation, owner_user, member_user,
                                                           other_organisation, django_capture_on_commit_callbacks):
    organisation.logo.save("coop.png", ContentFile(b"png-bytes"))
    logo = organisation.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        result = services.organisation_delete(actor=owner_user, organisation=organisation, confirm_slug=organisation.slug)
    assert result["users_deleted"] == 2
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not User.objects.filter(email__in=[owner_user.email, member_user.email]).exists()
    assert Organisation.objects.filter(pk=other_organisation.pk).exists()
    assert not default_storage.exists(logo)
    event = AuditEvent.objects.get(action="organisation.delete")
    assert event.detail["slug"] == "cooperative-a"


def test_delete_page_requires_exact_slug(client, organisation, owner_user):
    client.force_login(owner_user)
    response = client.post(f"/accounts/organisations/{organisation.slug}/delete/", {"confirm_slug": "COOPERATIVE-A"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and b"Type the organisation" in response.content
    assert Organisation.objects.filter(pk=organisation.pk).exists()
