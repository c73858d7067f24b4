"""Read the checkout's `.env` (or ENV_FILE) into the environment, never over a set variable.

`make run` writes `.env` once with a generated SECRET_KEY, so `python manage.py ...` and the
gunicorn that `make run` starts use the same settings. A variable set in the environment wins.
"""

import os
from pathlib import Path


def parse(text: str) -> dict[str, str]:
    values = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def load(path: Path) -> None:
    if path.is_file():
        for key, value in parse(path.read_text()).items():
            os.environ.setdefault(key, value)
