"""Every way a start can fail that a person can mend ends in one line that names the setting or
the cause and the next step: exit 2 for a setting to fix, 1 for something that does not answer,
never a traceback."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.fakeslack import FakeSlack
from tests.support.process import clean_environment, run_kindling
from tests.support.signing import SIGNING_SECRET

LOG_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} [A-Z]+ ")


@dataclass(frozen=True)
class FailingStart:
    args: tuple[str, ...]
    variables: dict[str, str]
    status: int
    says: str


class _HtmlPage(BaseHTTPRequestHandler):
    """What a wrong SLACK_API_URL (a web page, a proxy's error page) answers."""

    def do_POST(self) -> None:
        body = b"<html><body>Not Slack</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  # stdlib's name
        """Quiet."""


@pytest.fixture
def html_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HtmlPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))  # noqa: S104  # where kindling run listens
        taken.listen()
        yield taken.getsockname()[1]


def cases(tmp_path: Path, slack: FakeSlack, html_site: str, busy_port: int) -> list[FailingStart]:
    sqlite = f"sqlite:///{tmp_path / 'kindling.db'}"
    slack_env = {"SLACK_BOT_TOKEN": slack.bot_token, "SLACK_API_URL": slack.api_url}
    http_env = {**slack_env, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "DATABASE_URL": sqlite}
    return [
        FailingStart(("db", "upgrade"), {"DATABASE_URL": "mysql://kindling@db/kindling"}, 2,
                     "DATABASE_URL is not valid: is for mysql; Kindling runs on SQLite or"),
        FailingStart(("db", "upgrade"), {"DATABASE_URL": "http://example"}, 2,
                     "DATABASE_URL is not valid: is for http;"),
        FailingStart(("db", "upgrade"), {"DATABASE_URL": "postgresql://"}, 2,
                     "DATABASE_URL is not valid: names no PostgreSQL server"),
        FailingStart(("db", "upgrade"), {"DATABASE_URL": "sqlite:////nonexistent/dir/k.db"}, 2,
                     "the SQLite database at DATABASE_URL cannot be opened"),
        FailingStart(("db", "check"), {"DATABASE_URL": sqlite}, 1,
                     "the database is not at the latest migration: run `kindling db upgrade`"),
        FailingStart(("run",), {"SLACK_BOT_TOKEN": "xoxb-1-2-test-token"}, 2,
                     "SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are unset: for Socket Mode"),
        FailingStart(("run",), {"SLACK_BOT_TOKEN": "xoxb-"}, 2,
                     "SLACK_BOT_TOKEN is too short to be a Slack token"),
        FailingStart(("run",), {**http_env, "SLACK_SIGNING_SECRET": "s"}, 2,
                     "SLACK_SIGNING_SECRET is too short (at least 16 characters)"),
        FailingStart(("run",), {**http_env, "SLACK_API_URL": html_site}, 1,
                     f"SLACK_API_URL ({html_site}) did not answer like Slack's Web API"),
        FailingStart(("run",), {**slack_env, "SLACK_APP_TOKEN": "xapp-1-A0-wrong-token",
                                "DATABASE_URL": sqlite, "PORT": "0"}, 2,
                     "SLACK_APP_TOKEN was refused by Slack (invalid_auth)"),
        FailingStart(("run",), {**http_env, "PORT": str(busy_port)}, 2,
                     f"PORT {busy_port} is already in use by another program"),
        FailingStart(("healthcheck",), {"PORT": "0"}, 2,
                     "PORT is 0 (kindling run then picks a free port)"),
    ]  # fmt: skip


@pytest.mark.heavy
def test_each_failing_start_is_one_line_with_the_next_step(
    tmp_path: Path, fake_slack: FakeSlack, html_site: str, busy_port: int
) -> None:
    for case in cases(tmp_path, fake_slack, html_site, busy_port):
        result = run_kindling(*case.args, cwd=tmp_path, env=clean_environment(**case.variables))
        told = [line for line in result.stderr.splitlines() if not _progress_log(line)]
        assert (result.returncode, len(told)) == (case.status, 1), (case, result.stderr)
        assert told[0].startswith(f"kindling: {case.says}"), (case, told[0])
        assert "Traceback" not in result.stderr + result.stdout


def _progress_log(line: str) -> bool:
    """A log line (what Alembic or slack_sdk report while they work), not the answer."""
    return bool(LOG_LINE.match(line))
