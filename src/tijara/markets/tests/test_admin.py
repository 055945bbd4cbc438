"""Django admin for catalog, marketplace, knowledge, events and markets: every list opens for a superuser, with
search and filters; reference packs are read-only; nobody else gets in."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

APPS = ["catalog", "marketplace", "knowledge", "events", "markets"]
READ_ONLY = ["markets.country", "markets.hscode", "markets.tariffline", "knowledge.fact", "knowledge.procedure",
             "events.event"]


def _registered():
    return sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry
                  if m._meta.app_label in APPS)


def test_every_app_has_its_models_in_the_admin():
    registered = _registered()
    for app in APPS:
        assert any(name.startswith(app + ".") for name in registered), app
    assert "marketplace.inquiry" in registered and "catalog.product" in registered


@pytest.mark.django_db
@pytest.mark.parametrize("name", _registered())
def test_changelist_opens_with_a_search(client, admin_user, name):
    admin_user.is_staff = True
    admin_user.save(update_fields=["is_staff"])
    client.force_login(admin_user)
    app, model = name.split(".")
    url = reverse(f"admin:{app}_{model}_changelist")
    response = client.get(url, {"q": "zellige"} if admin.site._registry[_model(name)].search_fields else {})
    assert response.status_code == 200


def _model(name):
    from django.apps import apps

    return apps.get_model(name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", READ_ONLY)
def test_reference_packs_cannot_be_added_changed_or_deleted(rf, admin_user, name):
    model_admin = admin.site._registry[_model(name)]
    request = rf.get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "member_user", "advisor_user"])
def test_admin_is_closed_to_everyone_else(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("admin:marketplace_inquiry_changelist"))
    # Advisors are staff (the admin's login lets them in) but hold no model permission: 403, no list.
    assert response.status_code in (302, 403)
    assert b"changelist" not in response.content
