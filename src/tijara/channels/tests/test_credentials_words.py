"""The Etsy credentials form says in words what to paste, in the page's language, never an internal word."""

import pytest
from django.utils import translation

ETSY_KEY_WORDS = {
    "en": ("Etsy app key", "Paste the key Etsy shows for your app on its developer site, not the shared secret."),
    "fr": ("Clé de l&#x27;application Etsy", "Collez la clé qu'Etsy affiche pour votre application"),
    "ar": ("مفتاح تطبيق Etsy", "الصق المفتاح الذي يعرضه Etsy لتطبيقك"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_etsy_credentials_label_says_what_to_paste(client, owner_user, organisation, lang):
    from tijara.channels import services

    connection = services.connection_create(actor=owner_user, organisation=organisation, kind="etsy", country="USA")
    client.force_login(owner_user)
    with translation.override(lang):
        html = client.get(f"/channels/{organisation.slug}/?connection={connection.pk}&lang={lang}").content.decode()
    label, help_text = ETSY_KEY_WORDS[lang]
    assert label in html and help_text in html
    assert "keystring" not in html.lower()
