from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tijara.accounts.models import Organisation, User
from tijara.core.testing import process_env
from tijara.core.testing import run_cli as cli


def run_cli(*args: str, env: dict | None = None):
    return cli(*args, env=process_env(**(env or {})), timeout=120)


def test_help_lists_the_platform_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("serve", "demo", "createuser", "load_reference_data"):
        assert command in result.stdout


def test_hyphenated_subcommands_reach_management_commands():
    result = run_cli("load-reference-data", "--help")
    assert result.returncode == 0 and "reference data" in result.stdout


def test_production_deploy_check_is_clean(tmp_path):
    env = {
        "TIJARA_PRODUCTION": "true", "SECRET_KEY": "x" * 64 + "-production-secret-for-the-check",
        "DATABASE_URL": "postgres://tijara@db.example:5432/tijara", "ALLOWED_HOSTS": "tijara.example",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "TIJARA_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tijara.settings", "TIJARA_REDIS_URL": "redis://127.0.0.1:6379/15",
        "TIJARA_TRUSTED_PROXIES": "127.0.0.1",
    }
    result = run_cli("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    without_proxy = run_cli("check", "--deploy", env={**env, "TIJARA_TRUSTED_PROXIES": ""})
    assert "tijara.W005" in without_proxy.stdout + without_proxy.stderr


def test_deploy_check_warns_on_a_per_process_cache_with_several_workers_and_on_debug(tmp_path):
    base = {"TIJARA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tijara.settings", "TIJARA_REDIS_URL": ""}
    several = run_cli("check", "--deploy", env={**base, "GUNICORN_WORKERS": "4"})
    assert "tijara.W003" in several.stderr + several.stdout and "TIJARA_REDIS_URL" in several.stderr + several.stdout
    one = run_cli("check", "--deploy", env={**base, "GUNICORN_WORKERS": "1"})
    assert "tijara.W003" not in one.stderr + one.stdout
    shared = run_cli("check", "--deploy", env={**base, "GUNICORN_WORKERS": "4",
                                                "TIJARA_REDIS_URL": "redis://127.0.0.1:6379/15"})
    assert "tijara.W003" not in shared.stderr + shared.stdout
    debug = run_cli("check", "--deploy", env={**base, "TIJARA_DEBUG": "true"})
    assert "tijara.W004" in debug.stderr + debug.stdout
    assert "tijara.W004" not in one.stderr + one.stdout  # DEBUG is off by default


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {"TIJARA_PRODUCTION": "true", "SECRET_KEY": "", "TIJARA_DATA_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "tijara.settings"}
    result = run_cli("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_strict_boolean_rejects_garbage(tmp_path):
    env = {"TIJARA_DEBUG": "yes", "TIJARA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tijara.settings"}
    result = run_cli("check", env=env)
    assert result.returncode != 0 and "TIJARA_DEBUG must be 'true' or 'false'" in result.stderr


def test_createuser_with_organisation(db, tmp_path):
    password_file = tmp_path / "pw"
    password_file.write_text("a-long-enough-password\n")
    out = StringIO()
    call_command("createuser", "Rachid@Example.test", "--password-file", str(password_file), "--org", "Atelier Rachid",
                 "--kind", "artisan", stdout=out)
    user = User.objects.get(email="rachid@example.test")
    assert user.check_password("a-long-enough-password")
    assert Organisation.objects.get(memberships__user=user).slug == "atelier-rachid"


def test_createuser_refuses_duplicate_email(owner_user, tmp_path):
    password_file = tmp_path / "pw"
    password_file.write_text("a-long-enough-password")
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("createuser", owner_user.email, "--password-file", str(password_file), stdout=StringIO())


def test_demo_is_idempotent_and_marked(db):
    call_command("demo", stdout=StringIO())
    count = Organisation.objects.count()
    call_command("demo", stdout=StringIO())
    assert Organisation.objects.count() == count
    assert all(o.is_demo and "Demo" in o.public_name for o in Organisation.objects.all())
