"""check --deploy with production settings, and templates that a strict CSP allows."""

import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def test_check_deploy_passes_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_COOKIES"}}
    env.update(
        ENV_FILE="/nonexistent",  # production settings, not the checkout's .env of `make run`
        DJANGO_SETTINGS_MODULE="archive.settings",
        SECRET_KEY="k" * 20 + "-a-long-random-production-key-0123456789-XYZ",
        ALLOWED_HOSTS="archive.example.org",
        SECURE_PROXY_SSL_HEADER="1",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


INLINE = re.compile(r"<style|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>", re.IGNORECASE)


def test_templates_have_no_inline_script_or_style():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert not INLINE.search(text), f"{path}: inline style or handler"
        for match in SCRIPT.finditer(text):
            attrs = match["attrs"]
            assert "src=" in attrs or "csp_nonce" in attrs, f"{path}: inline <script> without nonce"
