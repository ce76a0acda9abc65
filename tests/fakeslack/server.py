"""A local HTTP server that speaks the Slack Web API methods Kindling uses.

It records every call, validates every ``blocks``/``view`` it receives, and can be told to
answer ``ok: false``, HTTP 429 with ``Retry-After``, HTTP 500, or slowly.

It knows any number of workspaces: each bot token belongs to one, and ``oauth.v2.access``
installs the app into a workspace (with an OAuth code) or rotates its token (with a refresh
token), like Slack's OAuth v2 flow.
"""

from __future__ import annotations

import base64
import dataclasses
import itertools
import json
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

from tests.fakeslack.scopes import conversation_type, manifest_bot_scopes, missing_scope
from tests.fakeslack.socket_mode import FakeSocketMode
from tests.fakeslack.validation import blocks_problems, view_problems

API_PREFIX = "/api/"
RESPONSE_URL_PREFIX = "/response/"
UPLOAD_PREFIX = "/upload/"

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
TEAM_ID = "T0KINDLING"
TEAM_NAME = "Kindling Test"
BOT_USER_ID = "UKINDLINGBOT"
BOT_ID = "BKINDLING"
APP_ID = "A0KINDLING"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
CLIENT_AUTHENTICATED = frozenset({"oauth.v2.access"})  # methods that take client credentials


@dataclass(frozen=True)
class RecordedCall:
    """One request the fake received."""

    method: str
    args: dict[str, Any]
    token: str | None
    team_id: str | None = None  # the workspace the token was issued for (even if revoked since)
    result: dict[str, Any] = field(default_factory=dict)  # what a successful call answered


@dataclass(frozen=True)
class Workspace:
    """A Slack workspace (team) the app is, or was, installed into."""

    team_id: str
    name: str
    bot_user_id: str
    bot_id: str
    enterprise_id: str | None = None  # the Enterprise Grid organisation it belongs to

    @property
    def domain(self) -> str:
        """``kindling-test`` for "Kindling Test", as in ``kindling-test.slack.com``."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True)
class Grant:
    """What an OAuth code or a refresh token can be exchanged for."""

    team_id: str
    installer: str
    expires_in: int | None  # seconds; None: tokens that never expire (no rotation)
    scopes: tuple[str, ...] = ()  # the bot scopes the tokens are granted


@dataclass
class _Scripted:
    """A canned misbehaviour for the next call(s) of a method."""

    error: str | None = None
    status: int = 200
    retry_after: int | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    team_id: str | None = None  # only calls for this workspace (Slack limits per workspace)
    until_calls: int | None = None  # hold the reply until the method was called this often


class SlackError(Exception):
    """Raised by a method handler to answer ``ok: false`` with this error."""


Answer = tuple[int, dict[str, Any], dict[str, str]]
MethodHandler = Callable[["FakeSlack", RecordedCall], dict[str, Any]]


class _Server(ThreadingHTTPServer):
    """Accepts a burst of connections as Slack's edge does: the default backlog of 5 resets
    the rest, which a client must count as a call that may have been made."""

    request_queue_size = 128


class TokenRegistry:
    """Which workspace each bot token belongs to and which scopes it was granted, and the OAuth
    codes and refresh tokens that are still good. Safe to use from the server's threads and the
    test's at once."""

    def __init__(self) -> None:
        self.rotations = 0  # refresh tokens exchanged so far
        self._teams: dict[str, str] = {}  # every bot token ever issued -> its team id
        self._scopes: dict[str, tuple[str, ...]] = {}  # bot token -> the scopes it was granted
        self._revoked: set[str] = set()
        self._codes: dict[str, Grant] = {}
        self._refresh_tokens: dict[str, Grant] = {}
        self._serial = itertools.count(1)
        self._lock = threading.Lock()

    def register(self, token: str, team_id: str, scopes: Iterable[str]) -> None:
        with self._lock:
            self._teams[token] = team_id
            self._scopes[token] = tuple(scopes)
            self._revoked.discard(token)

    def scopes_of(self, token: str) -> tuple[str, ...]:
        """The bot scopes ``token`` was granted (none for an unknown token)."""
        with self._lock:
            return self._scopes.get(token, ())

    def team_of(self, token: str) -> str | None:
        """The team of a live bot token; None for an unknown or revoked one."""
        with self._lock:
            return None if token in self._revoked else self._teams.get(token)

    def issued_for(self, token: str) -> str | None:
        """The team a bot token was issued for, revoked or not."""
        with self._lock:
            return self._teams.get(token)

    def is_revoked(self, token: str) -> bool:
        with self._lock:
            return token in self._revoked

    def issue_code(self, grant: Grant) -> str:
        with self._lock:
            code = f"fake-code-{grant.team_id.lower()}-{next(self._serial)}"
            self._codes[code] = grant
            return code

    def redeem_code(self, code: str) -> Grant:
        """The code's grant, once: Slack's codes are single-use."""
        with self._lock:
            grant = self._codes.pop(code, None)
        if grant is None:
            raise SlackError("invalid_code")
        return grant

    def redeem_refresh_token(self, refresh_token: str) -> Grant:
        """The refresh token's grant, once: rotation retires the refresh token it used."""
        with self._lock:
            grant = self._refresh_tokens.pop(refresh_token, None)
            if grant is not None:
                self.rotations += 1
        if grant is None:
            raise SlackError("invalid_refresh_token")
        return grant

    def mint(self, grant: Grant) -> tuple[str, str | None]:
        """A fresh bot token for the grant's team, and a refresh token when it expires."""
        with self._lock:
            serial = next(self._serial)
            access_token = f"xoxb-fake-{grant.team_id.lower()}-{serial}"
            self._teams[access_token] = grant.team_id
            self._scopes[access_token] = grant.scopes
            if grant.expires_in is None:
                return access_token, None
            refresh_token = f"xoxe-1-fake-{grant.team_id.lower()}-{serial}"
            self._refresh_tokens[refresh_token] = grant
            return access_token, refresh_token

    def revoke(self, team_id: str) -> None:
        """Retire every bot token, refresh token and unused code of the team."""
        with self._lock:
            self._revoked.update(t for t, team in self._teams.items() if team == team_id)
            for pending in (self._codes, self._refresh_tokens):
                for key in [key for key, grant in pending.items() if grant.team_id == team_id]:
                    del pending[key]


class FakeSlack:
    """Start with ``with FakeSlack() as slack:``; point the app at ``slack.api_url``."""

    def __init__(
        self,
        *,
        team_id: str = TEAM_ID,
        users_page_size: int = 2,
        validate: bool = True,
        bot_scopes: Iterable[str] | None = None,
    ) -> None:
        self.team_id = team_id
        self.validate = validate
        # What an install is granted: manifest.yml's bot scopes unless told.
        self.bot_scopes = tuple(manifest_bot_scopes() if bot_scopes is None else bot_scopes)
        self.bot_token = BOT_TOKEN
        self.app_token = APP_TOKEN
        self.app_id = APP_ID
        self.client_id = CLIENT_ID
        self.client_secret = CLIENT_SECRET
        self.workspaces: dict[str, Workspace] = {
            team_id: Workspace(team_id, TEAM_NAME, bot_user_id=BOT_USER_ID, bot_id=BOT_ID)
        }
        self.tokens = TokenRegistry()
        self.tokens.register(self.bot_token, team_id, self.bot_scopes)
        self.users_page_size = users_page_size
        self.users: dict[str, dict[str, Any]] = {}
        # Slack Connect: user id -> the other workspaces that see them through a shared channel
        self.connected: dict[str, set[str]] = {}
        self.channel_members: dict[str, list[str]] = {}
        self.channel_creators: dict[str, str] = {}  # channel id -> who created it
        self.refusals: dict[str, str] = {}  # conversation or user id -> Slack's error code
        # user id -> the do-not-disturb window dnd.info answers (whatever the time now)
        self.do_not_disturb: dict[str, tuple[datetime, datetime]] = {}
        self.joined_channels: set[str] = set()
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes uploaded
        self.files: list[dict[str, Any]] = []  # files shared with files.completeUploadExternal
        self.violations: list[str] = []
        self.socket_mode = FakeSocketMode()
        self._calls: list[RecordedCall] = []
        self._scripts: dict[str, deque[_Scripted]] = {}
        self._lock = threading.Lock()
        self._called = threading.Condition(self._lock)
        self._released = threading.Event()
        self.held_released: bool | None = None  # see hold_next
        self._ts = itertools.count(1)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self.socket_mode.start()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._released.set()  # let any slow or held reply finish at once
        with self._lock:
            self._called.notify_all()
        self._server.shutdown()
        self._server.server_close()
        self.socket_mode.stop()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """The value for ``SLACK_API_URL``."""
        return self.base_url + API_PREFIX

    def response_url(self, name: str = "cmd") -> str:
        """A ``response_url`` that records what is posted to it."""
        return f"{self.base_url}{RESPONSE_URL_PREFIX}{name}"

    # -- what happened ---------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        """Every call received (of ``method``, if given), oldest first."""
        with self._lock:
            return [call for call in self._calls if method is None or call.method == method]

    def wait_for_calls(self, method: str, count: int, timeout: float = 10.0) -> list[RecordedCall]:
        """Block until ``count`` calls of ``method`` arrived (for code running in threads)."""
        with self._called:
            self._called.wait_for(
                lambda: sum(call.method == method for call in self._calls) >= count, timeout
            )
            return [call for call in self._calls if call.method == method]

    # -- scripting -------------------------------------------------------------------------

    def fail_next(self, method: str, error: str, *, times: int = 1) -> None:
        """Answer ``{"ok": false, "error": error}`` to the next ``times`` calls of ``method``."""
        self._script(method, _Scripted(error=error), times)

    def rate_limit_next(
        self, method: str, *, retry_after: int = 1, times: int = 1, team_id: str | None = None
    ) -> None:
        """Answer HTTP 429 with ``Retry-After`` like Slack does (to any workspace's calls, or
        only to ``team_id``'s: Slack's limits are per workspace)."""
        scripted = _Scripted(
            error="ratelimited", status=429, retry_after=retry_after, team_id=team_id
        )
        self._script(method, scripted, times)

    def http_error_next(self, method: str, *, status: int = 500, times: int = 1) -> None:
        """Answer a bare HTTP error (Slack's own outages look like this)."""
        self._script(method, _Scripted(status=status), times)

    def slow_next(self, method: str, *, seconds: float, times: int = 1) -> None:
        """Hold the next reply for ``seconds`` (or until the fake stops)."""
        self._script(method, _Scripted(delay=seconds), times)

    def hold_next(self, method: str, *, until_calls: int, timeout: float = 10.0) -> None:
        """Hold the next reply until ``method`` has been called ``until_calls`` times in all
        (calls made while this one waits), or ``timeout`` seconds; :attr:`held_released`
        then says which it was."""
        self._script(method, _Scripted(until_calls=until_calls, delay=timeout), 1)

    def release_held(self) -> None:
        """Answer every held or slowed call now (and hold none from now on)."""
        self._released.set()
        with self._lock:
            self._called.notify_all()

    def add_user(
        self, user_id: str, *, team_id: str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """Put a person in a workspace (``fake.team_id``'s unless told) for ``users.info`` and
        ``users.list`` called with a token of that workspace."""
        user = {
            "id": user_id,
            "team_id": team_id or self.team_id,
            "name": fields.pop("name", user_id.lower()),
            "deleted": False,
            "is_bot": False,
            "tz": "Europe/Berlin",
            "profile": {"display_name": fields.pop("display_name", user_id.title())},
            **fields,
        }
        self.users[user_id] = user
        return user

    def connect(self, user_id: str, *, with_team: str | None = None) -> None:
        """Share a channel between ``user_id``'s organisation and ``with_team`` (``team_id``
        unless told): that workspace's ``users.info`` now answers about them."""
        self.connected.setdefault(user_id, set()).add(with_team or self.team_id)

    def refuse_channel(self, channel: str, error: str) -> None:
        """Answer ``error`` to every post or update to ``channel`` (a user id for their DM),
        like Slack does for a deactivated person or an archived channel."""
        self.refusals[channel] = error

    # -- workspaces and OAuth -------------------------------------------------------------

    @property
    def rotations(self) -> int:
        """How many times ``oauth.v2.access`` rotated a token (``grant_type=refresh_token``)."""
        return self.tokens.rotations

    def team_of(self, token: str) -> str | None:
        """The team id of a live bot token; None for an unknown or revoked token."""
        return self.tokens.team_of(token)

    def issue_oauth_code(
        self,
        team_id: str,
        *,
        team_name: str | None = None,
        installer: str = "U0INSTALLER",
        expires_in: int | None = None,
        scopes: Iterable[str] | None = None,
        enterprise_id: str | None = None,
    ) -> str:
        """A one-time code, as Slack sends to the OAuth redirect URL when ``installer``
        installs the app into ``team_id``; ``oauth.v2.access`` exchanges it for a bot token.
        ``team_name`` defaults to the workspace's known name (or "Workspace <team_id>");
        with ``expires_in`` (seconds) the install uses token rotation and also gets a
        refresh token. The token is granted ``scopes`` (default: ``bot_scopes``). With
        ``enterprise_id`` the workspace is part of that Enterprise Grid organisation."""
        known = self.workspaces.get(team_id)
        if known is None:
            suffix = team_id.removeprefix("T")
            known = Workspace(
                team_id,
                f"Workspace {team_id}",
                bot_user_id=f"U0BOT{suffix}",
                bot_id=f"B0BOT{suffix}",
            )
        self.workspaces[team_id] = dataclasses.replace(
            known, name=team_name or known.name, enterprise_id=enterprise_id or known.enterprise_id
        )
        granted = tuple(self.bot_scopes if scopes is None else scopes)
        grant = Grant(team_id, installer=installer, expires_in=expires_in, scopes=granted)
        return self.tokens.issue_code(grant)

    def issue_bot_token(self, scopes: Iterable[str], *, team_id: str | None = None) -> str:
        """A new bot token for a known workspace (``fake.team_id``'s unless told), granted
        exactly ``scopes``: an install that was granted fewer (or more) scopes."""
        team = team_id or self.team_id
        if team not in self.workspaces:
            raise KeyError(f"no workspace {team}: issue_oauth_code() makes one")
        token, _refresh = self.tokens.mint(
            Grant(team, installer="U0INSTALLER", expires_in=None, scopes=tuple(scopes))
        )
        return token

    def granted_scopes(self, token: str | None = None) -> tuple[str, ...]:
        """The bot scopes ``token`` (the default bot token unless told) was granted."""
        return self.tokens.scopes_of(token or self.bot_token)

    def is_member(self, channel: str, *, team_id: str | None = None) -> bool:
        """Whether the workspace's bot user is in ``channel``: it joined it, or it is one of
        the channel's ``channel_members``."""
        bot_user_id = self.workspaces[team_id or self.team_id].bot_user_id
        return channel in self.joined_channels or bot_user_id in self.channel_members.get(
            channel, []
        )

    def revoke_workspace(self, team_id: str) -> None:
        """Uninstall the app from ``team_id``: its tokens answer ``token_revoked`` from now on,
        its refresh tokens and unused codes are void. A new code installs it again."""
        self.tokens.revoke(team_id)

    def _script(self, method: str, scripted: _Scripted, times: int) -> None:
        with self._lock:
            self._scripts.setdefault(method, deque()).extend([scripted] * times)

    # -- serving ---------------------------------------------------------------------------

    def answer(
        self,
        method: str,
        args: dict[str, Any],
        token: str | None,
        *,
        client: tuple[str, str] | None = None,
    ) -> Answer:
        """Record the call and produce Slack's answer to it. ``client`` is the client id and
        secret sent with HTTP Basic auth (``oauth.v2.access``)."""
        team_id = self.tokens.issued_for(token) if token else None
        call = RecordedCall(method=method, args=args, token=token, team_id=team_id)
        with self._lock:
            self._calls.append(call)
            self._called.notify_all()
            scripted = self._next_script(method, team_id)
        if scripted is not None:
            misbehaviour = self._misbehave(method, scripted)
            if misbehaviour is not None:
                return misbehaviour
        handler = METHODS.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        refusal = self._refusal(method, args, token, client)
        if refusal is not None:
            return 200, refusal, {}
        problems = self._validate(method, args) if self.validate else []
        if problems:
            return 200, {"ok": False, "error": "invalid_blocks", "errors": problems}, {}
        try:
            result = handler(self, call)
        except SlackError as error:
            return 200, {"ok": False, "error": str(error)}, {}
        call.result.update(result)
        return 200, {"ok": True, **result}, {}

    def _next_script(self, method: str, team_id: str | None) -> _Scripted | None:
        """The first scripted misbehaviour that applies to this call (the lock is held)."""
        queue = self._scripts.get(method, deque())
        for scripted in queue:
            if scripted.team_id is None or scripted.team_id == team_id:
                queue.remove(scripted)
                return scripted
        return None

    def _misbehave(self, method: str, scripted: _Scripted) -> Answer | None:
        """The scripted answer, or None when the call should then be answered normally."""
        if scripted.until_calls is not None:
            self._hold(method, scripted.until_calls, timeout=scripted.delay)
        elif scripted.delay:
            self._released.wait(scripted.delay)
        if scripted.status == 429:
            return (
                429,
                {"ok": False, "error": "ratelimited"},
                {"Retry-After": str(scripted.retry_after)},
            )
        if scripted.status != 200:
            code = "fatal_error" if scripted.status == 500 else "service_unavailable"
            return scripted.status, {"ok": False, "error": code}, {}
        if scripted.error is not None:
            return 200, {"ok": False, "error": scripted.error}, {}
        return None

    def _hold(self, method: str, until_calls: int, *, timeout: float) -> None:
        with self._lock:
            released = self._called.wait_for(
                lambda: (
                    len([c for c in self._calls if c.method == method]) >= until_calls
                    or self._released.is_set()
                ),
                timeout=timeout,
            )
            self.held_released = bool(released) and not self._released.is_set()

    def record_response_url_post(self, name: str, body: dict[str, Any]) -> Answer:
        scripted = self.answer(f"response_url:{name}", body, token=None)
        if scripted[0] != 200:  # a 429 or a server error scripted for this response_url
            return scripted
        problems = blocks_problems(body["blocks"]) if "blocks" in body else []
        if problems:
            self._violation(f"response_url:{name}", problems)
            return 200, {"ok": False, "error": "invalid_blocks"}, {}
        return 200, {"ok": True}, {}

    def next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _auth_error(self, method: str, token: str | None) -> str | None:
        if not token:
            return "not_authed"
        if method == "apps.connections.open":
            return None if token == self.app_token else "invalid_auth"
        if self.tokens.is_revoked(token):
            return "token_revoked"
        return None if self.tokens.team_of(token) else "invalid_auth"

    def _refusal(
        self,
        method: str,
        args: dict[str, Any],
        token: str | None,
        client: tuple[str, str] | None,
    ) -> dict[str, Any] | None:
        """Slack's answer to a call it refuses before running the method: the credentials
        first (``invalid_auth``, ``token_revoked``…), then the token's scopes."""
        auth_error = (
            self._client_error(args, client)
            if method in CLIENT_AUTHENTICATED
            else self._auth_error(method, token)
        )
        if auth_error is not None:
            return {"ok": False, "error": auth_error}
        return self._scope_error(method, args, token)

    def _scope_error(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> dict[str, Any] | None:
        """Slack's ``missing_scope`` answer when the bot token lacks the method's scope."""
        if method in CLIENT_AUTHENTICATED or not token or token == self.app_token:
            return None
        granted = self.tokens.scopes_of(token)
        needed = missing_scope(method, args, granted)
        if needed is None:
            return None
        return {
            "ok": False,
            "error": "missing_scope",
            "needed": needed,
            "provided": ",".join(granted),
        }

    def _client_error(self, args: dict[str, Any], client: tuple[str, str] | None) -> str | None:
        """Client credentials come as HTTP Basic auth (slack_sdk) or as form fields."""
        if client is None:
            client = (str(args.get("client_id", "")), str(args.get("client_secret", "")))
        return None if client == (self.client_id, self.client_secret) else "bad_client_secret"

    def _validate(self, method: str, args: dict[str, Any]) -> list[str]:
        problems: list[str] = []
        if "blocks" in args:
            problems += blocks_problems(args["blocks"])
        if "view" in args:
            problems += view_problems(args["view"])
        if problems:
            self._violation(method, problems)
        return problems

    def _violation(self, method: str, problems: list[str]) -> None:
        with self._lock:
            self.violations.extend(f"{method}: {problem}" for problem in problems)


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeSlack/1.0"

    def do_GET(self) -> None:
        self._handle(body=b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._handle(body=self.rfile.read(length))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # stdlib's name
        """Keep test output quiet."""

    def _handle(self, *, body: bytes) -> None:
        fake: FakeSlack = self.server.fake  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        if url.path.startswith(UPLOAD_PREFIX):  # step 2 of files_upload_v2: the raw bytes
            fake.uploads[url.path.removeprefix(UPLOAD_PREFIX)] = body
            self._send(200, {"ok": True}, {})
            return
        args = self._arguments(url.query, body)
        if url.path.startswith(API_PREFIX):
            method = url.path.removeprefix(API_PREFIX)
            token, client = self._token(args), self._client_credentials()
            status, payload, headers = fake.answer(method, args, token, client=client)
        elif url.path.startswith(RESPONSE_URL_PREFIX):
            name = url.path.removeprefix(RESPONSE_URL_PREFIX)
            status, payload, headers = fake.record_response_url_post(name, args)
        else:
            status, payload, headers = 404, {"ok": False, "error": "not_found"}, {}
        self._send(status, payload, headers)

    def _arguments(self, query: str, body: bytes) -> dict[str, Any]:
        args: dict[str, Any] = dict(parse_qsl(query))
        content_type = self.headers.get("Content-Type", "")
        if body and content_type.startswith("application/json"):
            args.update(json.loads(body))
        elif body:
            args.update(parse_qsl(body.decode()))
        return args

    def _token(self, args: dict[str, Any]) -> str | None:
        authorization = self.headers.get("Authorization", "")
        if authorization.startswith("Bearer "):
            return authorization.removeprefix("Bearer ")
        token = args.pop("token", None)
        return token if isinstance(token, str) else None

    def _client_credentials(self) -> tuple[str, str] | None:
        """The client id and secret of an ``Authorization: Basic`` header."""
        authorization = self.headers.get("Authorization", "")
        if not authorization.startswith("Basic "):
            return None
        try:
            decoded = base64.b64decode(authorization.removeprefix("Basic "), validate=True).decode()
        except ValueError:  # not base64, or not UTF-8
            return None
        client_id, colon, client_secret = decoded.partition(":")
        return (client_id, client_secret) if colon else None

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a slow reply)
            self.close_connection = True


# -- the Web API methods ---------------------------------------------------------------------


def _workspace(fake: FakeSlack, call: RecordedCall) -> Workspace:
    """The workspace of the call's (already checked) bot token."""
    return fake.workspaces[call.team_id or fake.team_id]


def _auth_test(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    workspace = _workspace(fake, call)
    return {
        "url": f"https://{workspace.domain}.slack.com/",
        "team": workspace.name,
        "user": "kindling",
        "team_id": workspace.team_id,
        "user_id": workspace.bot_user_id,
        "bot_id": workspace.bot_id,
        "enterprise_id": workspace.enterprise_id,
        "is_enterprise_install": False,
    }


def _oauth_v2_access(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    """Install (``code``) or rotate (``grant_type=refresh_token``), as Slack's OAuth v2."""
    grant_type = str(call.args.get("grant_type") or "authorization_code")
    answer: dict[str, Any] = {}
    if grant_type == "refresh_token":
        grant = fake.tokens.redeem_refresh_token(str(call.args.get("refresh_token", "")))
    elif grant_type == "authorization_code":
        grant = fake.tokens.redeem_code(str(call.args.get("code", "")))
        answer["authed_user"] = {"id": grant.installer}
    else:
        raise SlackError("invalid_grant_type")
    workspace = fake.workspaces[grant.team_id]
    access_token, refresh_token = fake.tokens.mint(grant)
    answer |= {
        "app_id": fake.app_id,
        "scope": ",".join(grant.scopes),
        "token_type": "bot",
        "access_token": access_token,
        "bot_user_id": workspace.bot_user_id,
        "team": {"id": workspace.team_id, "name": workspace.name},
        "enterprise": (
            {"id": workspace.enterprise_id, "name": f"Org {workspace.enterprise_id}"}
            if workspace.enterprise_id
            else None
        ),
        "is_enterprise_install": False,
    }
    if refresh_token is not None:
        answer |= {"refresh_token": refresh_token, "expires_in": grant.expires_in}
    return answer


def _dm_channel(user_or_channel: str) -> str:
    return "D" + user_or_channel[1:] if user_or_channel.startswith(("U", "W")) else user_or_channel


def _refused(fake: FakeSlack, args: dict[str, Any]) -> None:
    error = fake.refusals.get(str(args.get("channel", "")))
    if error is not None:
        raise SlackError(error)


def _post_message(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    args = call.args
    _refused(fake, args)
    channel = _dm_channel(str(args.get("channel", "")))
    _may_post_in(fake, call, channel)
    ts = fake.next_ts()
    bot_user_id = _workspace(fake, call).bot_user_id
    message = {"type": "message", "text": args.get("text", ""), "ts": ts, "user": bot_user_id}
    return {"channel": channel, "ts": ts, "message": message}


def _may_post_in(fake: FakeSlack, call: RecordedCall, channel: str) -> None:
    """Slack's rules for a channel the bot is not in: a public one needs chat:write.public
    (else ``not_in_channel``); a private one does not exist for the bot. DMs need neither."""
    kind = conversation_type(channel)
    if kind not in {"public_channel", "private_channel"}:
        return
    if fake.is_member(channel, team_id=call.team_id):
        return
    if kind == "private_channel":
        raise SlackError("channel_not_found")
    if "chat:write.public" not in fake.tokens.scopes_of(call.token or ""):
        raise SlackError("not_in_channel")


def _post_ephemeral(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    """Slack's rules (docs.slack.dev/reference/methods/chat.postEphemeral): the bot must be in
    the channel (chat:write.public does not help here), and so must the ``user``."""
    args = call.args
    _refused(fake, args)
    channel, user = str(args.get("channel", "")), str(args.get("user", ""))
    kind = conversation_type(channel)
    if kind in {"public_channel", "private_channel"}:
        if not fake.is_member(channel, team_id=call.team_id):
            raise SlackError("channel_not_found" if kind == "private_channel" else "not_in_channel")
        members = fake.channel_members.get(channel)
        if members is not None and user not in members:
            raise SlackError("user_not_in_channel")
    return {"message_ts": fake.next_ts()}


def _update(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    args = call.args
    _refused(fake, args)
    return {"channel": args.get("channel"), "ts": args.get("ts"), "text": args.get("text", "")}


def _get_permalink(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    channel, ts = str(call.args.get("channel")), str(call.args.get("message_ts", ""))
    domain = _workspace(fake, call).domain
    permalink = f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"channel": channel, "permalink": permalink}


def _in_team(fake: FakeSlack, user: dict[str, Any], call: RecordedCall) -> bool:
    """In the token's workspace: the user's own, or (Enterprise Grid) one of their org's
    workspaces they belong to, listed in ``enterprise_user.teams``."""
    team_id: str = user.get("team_id", fake.team_id)
    asking = _workspace(fake, call).team_id
    return team_id == asking or asking in (user.get("enterprise_user") or {}).get("teams", [])


def _users_info(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    """A member of the token's workspace, or someone of another organisation it shares a
    channel with (answered with their own ``team_id``, as Slack does); never listed by
    ``users.list``."""
    user_id = str(call.args.get("user"))
    user = fake.users.get(user_id)
    shared = _workspace(fake, call).team_id in fake.connected.get(user_id, set())
    if user is None or not (_in_team(fake, user, call) or shared):
        raise SlackError("user_not_found")
    return {"user": user}


def _users_list(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    args = call.args
    members = [user for user in fake.users.values() if _in_team(fake, user, call)]
    start = int(args.get("cursor") or 0)
    size = min(int(args.get("limit") or fake.users_page_size), fake.users_page_size)
    page = members[start : start + size]
    next_cursor = str(start + size) if start + size < len(members) else ""
    return {"members": page, "response_metadata": {"next_cursor": next_cursor}}


def _conversations_open(_fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    users = str(call.args.get("users", "")).split(",")
    return {"channel": {"id": _dm_channel(users[0])}}


def _conversations_members(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    channel = str(call.args.get("channel", ""))
    if channel in fake.refusals:
        raise SlackError(fake.refusals[channel])
    if channel not in fake.channel_members:
        raise SlackError("channel_not_found")
    members = fake.channel_members[channel]
    return {"members": list(members), "response_metadata": {"next_cursor": ""}}


def _conversations_info(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    """The channel object, as Slack's conversations.info answers it (the fields Kindling or a
    reader of the answer may look at)."""
    channel = str(call.args.get("channel", ""))
    if channel in fake.refusals:
        raise SlackError(fake.refusals[channel])
    if channel not in fake.channel_members:
        raise SlackError("channel_not_found")
    private = channel.startswith("G")
    return {
        "channel": {
            "id": channel,
            "name": channel.lower(),
            "is_channel": not private,
            "is_group": private,
            "is_im": False,
            "is_private": private,
            "is_archived": False,
            "is_general": False,
            "created": 1_700_000_000,
            "creator": fake.channel_creators.get(channel, "UCREATOR"),
            "is_member": channel in fake.joined_channels or private,
        }
    }


def _conversations_join(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    channel = str(call.args.get("channel", ""))
    if channel.startswith("G"):
        raise SlackError("method_not_supported_for_channel_type")
    if channel in fake.refusals:
        raise SlackError(fake.refusals[channel])
    fake.joined_channels.add(channel)
    return {"channel": {"id": channel}}


def _get_upload_url(fake: FakeSlack, _call: RecordedCall) -> dict[str, Any]:
    file_id = f"F{len(fake.uploads) + len(fake.files) + 1:06d}"
    fake.uploads[file_id] = b""
    return {"upload_url": f"{fake.base_url}{UPLOAD_PREFIX}{file_id}", "file_id": file_id}


def _complete_upload(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    args = call.args
    files = args.get("files")
    files = json.loads(files) if isinstance(files, str) else files or []
    shared = []
    for item in files:
        content = fake.uploads.get(item["id"])
        if content is None:
            raise SlackError("file_not_found")
        shared.append(
            {"id": item["id"], "title": item.get("title"), "channel": args.get("channel_id"),
             "content": content.decode()}
        )  # fmt: skip
    fake.files.extend(shared)
    return {"files": [{"id": f["id"], "title": f["title"]} for f in shared]}


def _dnd_info(fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    """The person's next do-not-disturb window; no ``snooze_*``: Slack shows those only to
    the user asking about themselves, never to a bot asking about a person."""
    window = fake.do_not_disturb.get(str(call.args.get("user", "")))
    if window is None:
        return {"dnd_enabled": False, "next_dnd_start_ts": 1, "next_dnd_end_ts": 1}
    start, end = window
    return {
        "dnd_enabled": True,
        "next_dnd_start_ts": int(start.timestamp()),
        "next_dnd_end_ts": int(end.timestamp()),
    }


def _view(_fake: FakeSlack, call: RecordedCall) -> dict[str, Any]:
    view = call.args.get("view")
    view = json.loads(view) if isinstance(view, str) else view
    return {"view": {"id": call.args.get("view_id") or "VFAKE0001", **(view or {})}}


def _connections_open(fake: FakeSlack, _call: RecordedCall) -> dict[str, Any]:
    return {"url": fake.socket_mode.url}


METHODS: dict[str, MethodHandler] = {
    "auth.test": _auth_test,
    "oauth.v2.access": _oauth_v2_access,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.update": _update,
    "chat.getPermalink": _get_permalink,
    "users.info": _users_info,
    "users.list": _users_list,
    "conversations.open": _conversations_open,
    "conversations.members": _conversations_members,
    "conversations.info": _conversations_info,
    "conversations.join": _conversations_join,
    "dnd.info": _dnd_info,
    "files.getUploadURLExternal": _get_upload_url,
    "files.completeUploadExternal": _complete_upload,
    "views.open": _view,
    "views.publish": _view,
    "views.update": _view,
    "apps.connections.open": _connections_open,
}
