"""The FAM-*-DUTY facts are generated from the markets tariff tables, caps and per-m² components included."""

import datetime as dt
import re
import tomllib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tijara.knowledge import duty_facts, reference

pytestmark = pytest.mark.django_db
SHIPPED = reference.DATA_DIR / "facts" / "65-duties.toml"


def _shipped() -> dict:
    return {f["id"]: f for f in tomllib.loads(SHIPPED.read_text(encoding="utf-8"))["fact"]}


def test_the_shipped_duty_facts_match_the_tariff_tables():
    built = {f["id"]: f for f in duty_facts.build(on=dt.date(2026, 12, 1))}
    shipped = _shipped()
    assert set(built) == set(shipped) == set(duty_facts.FAMILY_HS)
    for fact_id, fact in built.items():
        for language in ("en", "fr", "ar"):
            assert shipped[fact_id][language] == fact[language], (fact_id, language)
    call_command("build_duty_facts", "--check", "--on", "2026-12-01")


def test_the_eu_rug_cap_per_square_metre_is_kept():
    rug = _shipped()["FAM-RUG-DUTY"]
    assert "\u20688.00% MAX 2.80 EUR / m2\u2069: \u20685701.10.90\u2069" in rug["en"]["text"]
    # rates, codes, schedule names and regimes stay as printed, isolated inside Arabic and French sentences
    for language in ("ar", "fr"):
        assert "\u20688.00% MAX 2.80 EUR / m2\u2069" in rug[language]["text"]
    assert "\u2068US–Morocco FTA (special programme MA)\u2069" in rug["ar"]["text"]
    assert rug["mark"] == "M" and "EU Common External Tariff" in rug["source"]


def test_no_duty_fact_is_written_by_hand():
    hand = [f["fact_id"] for f in reference.read_pack()["facts"] if f["fact_id"].endswith("-DUTY")]
    assert sorted(hand) == sorted(duty_facts.FAMILY_HS)  # all of them come from 65-duties.toml
    for path in (reference.DATA_DIR / "facts").glob("*.toml"):
        if path != SHIPPED:
            assert not re.search(r'(?m)^id = "FAM-[A-Z]+-DUTY"', path.read_text(encoding="utf-8")), path.name


def test_the_check_fails_when_the_file_drifts(tmp_path, monkeypatch):
    from tijara.knowledge.management.commands import build_duty_facts

    drifted = tmp_path / "65-duties.toml"
    drifted.write_text(SHIPPED.read_text(encoding="utf-8").replace("8.00% MAX 2.80", "8.0%", 1), encoding="utf-8")
    monkeypatch.setattr(build_duty_facts, "PATH", drifted)
    with pytest.raises(CommandError):
        call_command("build_duty_facts", "--check", "--on", "2026-12-01")


def test_every_shipped_fact_fits_the_database_columns():
    """PostgreSQL enforces max_length (SQLite does not): a long joined source broke every PostgreSQL load."""
    from tijara.core.models import Sourced
    from tijara.knowledge import reference

    limit = Sourced._meta.get_field("source").max_length
    too_long = [f["fact_id"] for f in reference.read_pack()["facts"] if len(f.get("source", "")) > limit]
    assert too_long == []


def test_the_duty_facts_name_the_agreement_not_its_key():
    """"With Moroccan origin (EU-MA)" showed the agreement's key: the facts name it in their language."""
    for fact in duty_facts.build(on=dt.date(2026, 12, 1)):
        for language in ("ar", "fr", "en"):
            text = fact[language]["text"]
            assert not re.search(r"\b(?:EU|UK|US)-MA\b", text), (fact["id"], language, text)
