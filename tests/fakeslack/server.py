"""A local HTTP server that speaks the Slack Web API methods Kindling uses.

It records every call, validates every ``blocks``/``view`` it receives, and can be told to
answer ``ok: false``, HTTP 429 with ``Retry-After``, HTTP 500, or slowly.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

from tests.fakeslack.socket_mode import FakeSocketMode
from tests.fakeslack.validation import blocks_problems, view_problems

API_PREFIX = "/api/"
RESPONSE_URL_PREFIX = "/response/"
UPLOAD_PREFIX = "/upload/"

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
TEAM_ID = "T0KINDLING"
BOT_USER_ID = "UKINDLINGBOT"


@dataclass(frozen=True)
class RecordedCall:
    """One request the fake received."""

    method: str
    args: dict[str, Any]
    token: str | None
    result: dict[str, Any] = field(default_factory=dict)  # what a successful call answered


@dataclass
class _Scripted:
    """A canned misbehaviour for the next call(s) of a method."""

    error: str | None = None
    status: int = 200
    retry_after: int | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class SlackError(Exception):
    """Raised by a method handler to answer ``ok: false`` with this error."""


Answer = tuple[int, dict[str, Any], dict[str, str]]
MethodHandler = Callable[["FakeSlack", dict[str, Any]], dict[str, Any]]


class FakeSlack:
    """Start with ``with FakeSlack() as slack:``; point the app at ``slack.api_url``."""

    def __init__(
        self, *, team_id: str = TEAM_ID, users_page_size: int = 2, validate: bool = True
    ) -> None:
        self.team_id = team_id
        self.validate = validate
        self.bot_token = BOT_TOKEN
        self.app_token = APP_TOKEN
        self.users_page_size = users_page_size
        self.users: dict[str, dict[str, Any]] = {}
        self.channel_members: dict[str, list[str]] = {}
        self.refusals: dict[str, str] = {}  # conversation or user id -> Slack's error code
        self.do_not_disturb: set[str] = set()  # user ids with do-not-disturb on now
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
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
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
        self._released.set()  # let any slow reply finish at once
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

    def rate_limit_next(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        """Answer HTTP 429 with ``Retry-After`` like Slack does."""
        scripted = _Scripted(error="ratelimited", status=429, retry_after=retry_after)
        self._script(method, scripted, times)

    def http_error_next(self, method: str, *, status: int = 500, times: int = 1) -> None:
        """Answer a bare HTTP error (Slack's own outages look like this)."""
        self._script(method, _Scripted(status=status), times)

    def slow_next(self, method: str, *, seconds: float, times: int = 1) -> None:
        """Hold the next reply for ``seconds`` (or until the fake stops)."""
        self._script(method, _Scripted(delay=seconds), times)

    def add_user(self, user_id: str, **fields: Any) -> dict[str, Any]:
        """Put a person in the workspace (``users.info``, ``users.list``)."""
        user = {
            "id": user_id,
            "team_id": self.team_id,
            "name": fields.pop("name", user_id.lower()),
            "deleted": False,
            "is_bot": False,
            "tz": "Europe/Berlin",
            "profile": {"display_name": fields.pop("display_name", user_id.title())},
            **fields,
        }
        self.users[user_id] = user
        return user

    def refuse_channel(self, channel: str, error: str) -> None:
        """Answer ``error`` to every post or update to ``channel`` (a user id for their DM),
        like Slack does for a deactivated person or an archived channel."""
        self.refusals[channel] = error

    def _script(self, method: str, scripted: _Scripted, times: int) -> None:
        with self._lock:
            self._scripts.setdefault(method, deque()).extend([scripted] * times)

    # -- serving ---------------------------------------------------------------------------

    def answer(self, method: str, args: dict[str, Any], token: str | None) -> Answer:
        """Record the call and produce Slack's answer to it."""
        call = RecordedCall(method=method, args=args, token=token)
        with self._lock:
            self._calls.append(call)
            self._called.notify_all()
            queue = self._scripts.get(method)
            scripted = queue.popleft() if queue else None
        if scripted is not None:
            misbehaviour = self._misbehave(scripted)
            if misbehaviour is not None:
                return misbehaviour
        handler = METHODS.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        auth_error = self._auth_error(method, token)
        if auth_error is not None:
            return 200, {"ok": False, "error": auth_error}, {}
        problems = self._validate(method, args) if self.validate else []
        if problems:
            return 200, {"ok": False, "error": "invalid_blocks", "errors": problems}, {}
        try:
            result = handler(self, args)
        except SlackError as error:
            return 200, {"ok": False, "error": str(error)}, {}
        call.result.update(result)
        return 200, {"ok": True, **result}, {}

    def _misbehave(self, scripted: _Scripted) -> Answer | None:
        """The scripted answer, or None when the call should then be answered normally."""
        if scripted.delay:
            self._released.wait(scripted.delay)
        if scripted.status == 429:
            return (
                429,
                {"ok": False, "error": "ratelimited"},
                {"Retry-After": str(scripted.retry_after)},
            )
        if scripted.status != 200:
            return scripted.status, {"ok": False, "error": "fatal_error"}, {}
        if scripted.error is not None:
            return 200, {"ok": False, "error": scripted.error}, {}
        return None

    def record_response_url_post(self, name: str, body: dict[str, Any]) -> Answer:
        self.answer(f"response_url:{name}", body, token=None)
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
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        return None if token == expected else "invalid_auth"

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
            token = self._token(args)
            status, payload, headers = fake.answer(url.path.removeprefix(API_PREFIX), args, token)
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

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


# -- the Web API methods ---------------------------------------------------------------------


def _auth_test(fake: FakeSlack, _args: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": "https://kindling-test.slack.com/",
        "team": "Kindling Test",
        "user": "kindling",
        "team_id": fake.team_id,
        "user_id": BOT_USER_ID,
        "bot_id": "BKINDLING",
        "is_enterprise_install": False,
    }


def _dm_channel(user_or_channel: str) -> str:
    return "D" + user_or_channel[1:] if user_or_channel.startswith(("U", "W")) else user_or_channel


def _refused(fake: FakeSlack, args: dict[str, Any]) -> None:
    error = fake.refusals.get(str(args.get("channel", "")))
    if error is not None:
        raise SlackError(error)


def _post_message(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    _refused(fake, args)
    channel = _dm_channel(str(args.get("channel", "")))
    ts = fake.next_ts()
    message = {"type": "message", "text": args.get("text", ""), "ts": ts, "user": BOT_USER_ID}
    return {"channel": channel, "ts": ts, "message": message}


def _post_ephemeral(fake: FakeSlack, _args: dict[str, Any]) -> dict[str, Any]:
    return {"message_ts": fake.next_ts()}


def _update(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    _refused(fake, args)
    return {"channel": args.get("channel"), "ts": args.get("ts"), "text": args.get("text", "")}


def _get_permalink(_fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    channel, ts = str(args.get("channel")), str(args.get("message_ts", ""))
    permalink = f"https://kindling-test.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"channel": channel, "permalink": permalink}


def _users_info(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    user = fake.users.get(str(args.get("user")))
    if user is None:
        raise SlackError("user_not_found")
    return {"user": user}


def _users_list(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    members = list(fake.users.values())
    start = int(args.get("cursor") or 0)
    size = min(int(args.get("limit") or fake.users_page_size), fake.users_page_size)
    page = members[start : start + size]
    next_cursor = str(start + size) if start + size < len(members) else ""
    return {"members": page, "response_metadata": {"next_cursor": next_cursor}}


def _conversations_open(_fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    users = str(args.get("users", "")).split(",")
    return {"channel": {"id": _dm_channel(users[0])}}


def _conversations_members(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    channel = str(args.get("channel", ""))
    if channel in fake.refusals:
        raise SlackError(fake.refusals[channel])
    if channel not in fake.channel_members:
        raise SlackError("channel_not_found")
    members = fake.channel_members[channel]
    return {"members": list(members), "response_metadata": {"next_cursor": ""}}


def _conversations_join(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    channel = str(args.get("channel", ""))
    if channel.startswith("G"):
        raise SlackError("method_not_supported_for_channel_type")
    if channel in fake.refusals:
        raise SlackError(fake.refusals[channel])
    fake.joined_channels.add(channel)
    return {"channel": {"id": channel}}


def _get_upload_url(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    file_id = f"F{len(fake.uploads) + len(fake.files) + 1:06d}"
    fake.uploads[file_id] = b""
    return {"upload_url": f"{fake.base_url}{UPLOAD_PREFIX}{file_id}", "file_id": file_id}


def _complete_upload(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
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


def _dnd_info(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    user = str(args.get("user", ""))
    if user in fake.do_not_disturb:
        now = int(time.time())
        return {
            "dnd_enabled": True,
            "next_dnd_start_ts": now - 60,
            "next_dnd_end_ts": now + 3600,
            "snooze_enabled": False,
        }
    return {"dnd_enabled": False, "snooze_enabled": False}


def _view(_fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    view = args.get("view")
    view = json.loads(view) if isinstance(view, str) else view
    return {"view": {"id": args.get("view_id") or "VFAKE0001", **(view or {})}}


def _connections_open(fake: FakeSlack, _args: dict[str, Any]) -> dict[str, Any]:
    return {"url": fake.socket_mode.url}


METHODS: dict[str, MethodHandler] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.update": _update,
    "chat.getPermalink": _get_permalink,
    "users.info": _users_info,
    "users.list": _users_list,
    "conversations.open": _conversations_open,
    "conversations.members": _conversations_members,
    "conversations.join": _conversations_join,
    "dnd.info": _dnd_info,
    "files.getUploadURLExternal": _get_upload_url,
    "files.completeUploadExternal": _complete_upload,
    "views.open": _view,
    "views.publish": _view,
    "views.update": _view,
    "apps.connections.open": _connections_open,
}
