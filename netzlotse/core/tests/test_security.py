import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def test_it_reports_the_database_in_the_health_check(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_it_sends_a_content_security_policy_without_inline_script(client, db):
    policy = client.get(reverse("directory:search"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'self'" in policy


def test_it_has_no_inline_script_in_pages(client, db):
    html = client.get(reverse("directory:search")).content.decode()
    assert "<script>" not in html and "onclick=" not in html and "style=\"" not in html


def test_it_hashes_passwords_with_argon2_in_the_real_settings():
    from config import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=real.PASSWORD_HASHERS):
        encoded = make_password("ein sicheres Passwort")
        assert encoded.startswith("argon2")
        assert check_password("ein sicheres Passwort", encoded)


def test_it_passes_the_deployment_check_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "NETZLOTSE_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(SECRET_KEY="p" * 30 + "roduction-secret-key-with-enough-entropy-1234567890",
               ALLOWED_HOSTS="netzlotse.example.org", DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_in_production():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run([sys.executable, "-c", "import config.settings"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_never_shows_demo_logins_outside_demo_mode(client, db, settings):
    settings.DEMO_MODE = False
    assert "netzlotse-demo" not in client.get(reverse("accounts:login")).content.decode()
    settings.DEMO_MODE = True
    assert "netzlotse-demo" in client.get(reverse("accounts:login")).content.decode()
