"""``kindling healthcheck``: exit 0 when the local server's ``/healthz`` answers 200.

Docker runs it every 30 seconds, so it imports neither the settings nor the app: it reads just
``PORT``, from the environment, else the ``.env`` file (with python-dotenv, the reader the
settings use)."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

from dotenv import dotenv_values

from bot import exit_status
from bot.server_paths import HEALTH_PATH

TIMEOUT_SECONDS = 4
DEFAULT_PORT = 3000


def check_local_server() -> int:
    """Probe ``http://127.0.0.1:$PORT/healthz``; print its answer, or one line why not."""
    port = configured_port()
    if isinstance(port, str):
        print(f"kindling: {port}", file=sys.stderr)
        return exit_status.CONFIG
    url = f"http://127.0.0.1:{port}{HEALTH_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            print(response.read().decode())
            return 0
    except (urllib.error.URLError, TimeoutError) as error:
        print(f"kindling: {url} is not healthy: {error}", file=sys.stderr)
        return exit_status.FAILURE


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
    """``name`` from the environment, else ``.env``; either in any case, as the settings
    read them."""
    for source in (os.environ, dotenv_values(".env")):
        for key, value in source.items():
            if key.upper() == name and value and value.strip():
                return value.strip()
    return None
