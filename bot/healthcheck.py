"""``kindling healthcheck``: exit 0 when the local server's ``/healthz`` answers 200.

Docker runs it every 30 seconds, so it imports only the standard library and reads just
``PORT`` (from the environment, else the ``.env`` file, as the settings do)."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

from bot.server_paths import HEALTH_PATH

TIMEOUT_SECONDS = 4
DEFAULT_PORT = 3000
EXIT_FAILURE = 1
EXIT_CONFIG = 2


def check_local_server() -> int:
    """Probe ``http://127.0.0.1:$PORT/healthz``; print its answer, or one line why not."""
    port = configured_port()
    if isinstance(port, str):
        print(f"kindling: {port}", file=sys.stderr)
        return EXIT_CONFIG
    url = f"http://127.0.0.1:{port}{HEALTH_PATH}"
    try:
        with urllib.request.urlopen(
            url, timeout=TIMEOUT_SECONDS
        ) as response:  # our own http:// URL
            print(response.read().decode())
            return 0
    except (urllib.error.URLError, TimeoutError) as error:
        print(f"kindling: {url} is not healthy: {error}", file=sys.stderr)
        return EXIT_FAILURE


def configured_port() -> int | str:
    """The port to probe, or the one line that says why there is none."""
    raw = _setting("PORT")
    if raw is None:
        return DEFAULT_PORT
    try:
        port = int(raw)
    except ValueError:
        port = -1
    if port == 0:
        return (
            "PORT is 0 (kindling run then picks a free port), so there is no port to check: "
            "set PORT to the port kindling run listens on"
        )
    if not 0 < port <= 65535:
        return "PORT is not valid: use a TCP port number from 1 to 65535"
    return port


def _setting(name: str) -> str | None:
    """``name`` from the environment (any case, as the settings read it), else ``.env``."""
    for key, value in os.environ.items():
        if key.upper() == name and value.strip():
            return value.strip()
    dot_env = Path(".env")
    if not dot_env.is_file():
        return None
    for line in dot_env.read_text(encoding="utf-8").splitlines():
        key, equals, value = line.partition("=")
        if equals and key.strip().removeprefix("export ").upper() == name:
            return value.strip().strip("'\"") or None
    return None
