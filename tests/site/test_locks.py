"""The locks agree: uv.lock (for `uv sync`) pins every package at the version
requirements-dev.txt pins (what `make dev`, CI and, through requirements.txt, the Dockerfile
install), and every pin carries hashes."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", re.MULTILINE)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    return {_name(n): v for n, v in PIN.findall(path.read_text("utf-8"))}


def test_uv_lock_pins_what_the_dev_requirements_pin():
    lock = tomllib.loads((ROOT / "uv.lock").read_text("utf-8"))
    locked = {
        _name(p["name"]): p["version"]
        for p in lock["package"]
        if p.get("source", {}).get("editable") is None
    }
    assert locked == _pins(ROOT / "requirements-dev.txt")


def test_every_pin_is_hashed_and_runtime_is_within_dev():
    dev = _pins(ROOT / "requirements-dev.txt")
    for path in (ROOT / "requirements.txt", ROOT / "requirements-dev.txt"):
        text = path.read_text("utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
        assert len(blocks) == len(PIN.findall(text)) > 0  # every requirement pinned
        for block in blocks:
            assert "--hash=sha256:" in block, block.splitlines()[0]
    runtime = _pins(ROOT / "requirements.txt")
    assert runtime.items() <= dev.items()
