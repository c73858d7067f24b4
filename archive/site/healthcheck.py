"""Container health check: `python -m archive.site.healthcheck` exits 0 when /healthz answers 200.

No Django import (cheap enough to run every few seconds). It sends the first ALLOWED_HOSTS
name as Host, so the check passes whatever hosts the site serves.
"""

import os
import sys
import urllib.request


def main() -> int:
    port = os.environ.get("PORT", "8000")
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = (hosts[0] if hosts else "localhost").lstrip(".").replace("*", "localhost")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310 (loopback)
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
