"""Static files are served with caching headers whatever the mode (found: the development server sent 0.7 MB
of CSS and fonts again with every page)."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

ROOT = Path(__file__).resolve().parents[1]


def setting_in_development(name):
    """The setting as `make demo` (DEBUG=1) has it."""
    code = f"import config.settings as s; print(s.{name})"
    env = {**os.environ, "DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                          check=True).stdout.strip()


def test_the_development_server_lets_browsers_keep_static_files():
    max_age = int(setting_in_development("WHITENOISE_MAX_AGE"))
    assert max_age >= 600
    with override_settings(DEBUG=True, WHITENOISE_AUTOREFRESH=True, WHITENOISE_USE_FINDERS=True,
                           WHITENOISE_MAX_AGE=max_age):
        response = WhiteNoiseMiddleware(lambda request: None)(RequestFactory().get("/static/css/app.css"))
    assert response.status_code == 200
    assert f"max-age={max_age}" in response["Cache-Control"]
